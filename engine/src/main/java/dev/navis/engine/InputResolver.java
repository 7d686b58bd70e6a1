package dev.navis.engine;

import dev.navis.api.model.Arguments;
import dev.navis.api.model.Artifact;
import dev.navis.api.model.Inputs;
import dev.navis.engine.spi.NodeResult;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.api.model.ValueFrom;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import dev.navis.engine.expr.Expressions.Unresolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resolves a template's input parameters from arguments, and its outputs from a result. */
final class InputResolver {

  private InputResolver() {}

  /** The template's inputs with values, in declaration order. */
  static List<Parameter> resolve(Template template, Arguments arguments, Map<String, String> vars)
      throws UserError {
    List<Parameter> resolved = new ArrayList<>();
    if (template.inputs() == null || template.inputs().parameters() == null) {
      return resolved;
    }
    for (Parameter declared : template.inputs().parameters()) {
      String value = valueOf(declared, argument(arguments, declared.name()), vars);
      checkEnum(declared, value);
      resolved.add(declared.withValue(value));
    }
    return resolved;
  }

  private static Parameter argument(Arguments arguments, String name) {
    if (arguments == null || arguments.parameters() == null) {
      return null;
    }
    for (Parameter parameter : arguments.parameters()) {
      if (name.equals(parameter.name())) {
        return parameter;
      }
    }
    return null;
  }

  private static String valueOf(Parameter declared, Parameter argument, Map<String, String> vars)
      throws UserError {
    String value = argument == null ? null : argumentValue(argument, vars);
    if (value == null) {
      value = declared.value() != null ? declared.value() : declared.defaultValue();
      value = substitute(declared.name(), value, vars);
    }
    if (value == null && declared.valueFrom() != null) {
      value = fromValueFrom(declared.name(), declared.valueFrom(), vars);
    }
    if (value == null) {
      throw new UserError("inputs.parameters." + declared.name() + " was not supplied");
    }
    return value;
  }

  private static String argumentValue(Parameter argument, Map<String, String> vars)
      throws UserError {
    if (argument.value() != null) {
      return argument.value();
    }
    if (argument.valueFrom() != null) {
      return fromValueFrom(argument.name(), argument.valueFrom(), vars);
    }
    return argument.defaultValue();
  }

  private static String fromValueFrom(String name, ValueFrom from, Map<String, String> vars)
      throws UserError {
    try {
      if (from.expression() != null) {
        Object value = Expressions.evaluate(from.expression(), vars);
        return value == null ? from.defaultValue() : String.valueOf(value);
      }
      if (from.parameter() != null) {
        String text = from.parameter().contains("{{") ? from.parameter()
            : "{{" + from.parameter() + "}}";
        return Templating.text(text, vars, Unresolved.FAIL);
      }
    } catch (ExpressionException e) {
      if (from.defaultValue() != null) {
        return from.defaultValue();
      }
      throw new UserError("parameter '" + name + "': " + e.getMessage());
    }
    return from.defaultValue();
  }

  private static String substitute(String name, String value, Map<String, String> vars)
      throws UserError {
    try {
      return Templating.text(value, vars, Unresolved.FAIL);
    } catch (ExpressionException e) {
      throw new UserError("parameter '" + name + "': " + e.getMessage());
    }
  }

  private static void checkEnum(Parameter declared, String value) throws UserError {
    List<String> allowed = declared.enumValues();
    if (allowed != null && !allowed.isEmpty() && !allowed.contains(value)) {
      throw new UserError("value '" + value + "' of inputs.parameters." + declared.name()
          + " is not one of " + allowed);
    }
  }

  /** The outputs of a leaf that ended, with declared defaults for missing parameters. */
  static Outputs outputs(Template template, NodeResult result) throws UserError {
    List<Parameter> parameters = new ArrayList<>();
    Outputs declared = template == null ? null : template.outputs();
    if (declared != null && declared.parameters() != null) {
      for (Parameter parameter : declared.parameters()) {
        parameters.add(parameter.withValue(outputValue(parameter, result)));
      }
    }
    String exitCode = result.exitCode() == null ? null : result.exitCode().toString();
    List<Artifact> artifacts = result.artifacts() == null || result.artifacts().isEmpty()
        ? null : result.artifacts();
    return new Outputs(parameters.isEmpty() ? null : parameters, artifacts, result.result(),
        exitCode);
  }

  private static String outputValue(Parameter parameter, NodeResult result) throws UserError {
    Map<String, String> produced = result.parameters();
    String value = produced == null ? null : produced.get(parameter.name());
    if (value != null) {
      return value;
    }
    ValueFrom from = parameter.valueFrom();
    if (from != null && from.defaultValue() != null) {
      return from.defaultValue();
    }
    if (parameter.value() != null) {
      return parameter.value();
    }
    String path = from == null ? null : from.path();
    throw new UserError("output parameter '" + parameter.name() + "' was not produced"
        + (path == null ? "" : ": " + path + " not found"));
  }

  /** Outputs of a steps or DAG template, from its scope's variables. */
  static Outputs boundaryOutputs(Template template, Map<String, String> vars) throws UserError {
    Outputs declared = template.outputs();
    if (declared == null) {
      return null;
    }
    List<Artifact> artifacts = ArtifactResolver.boundaryOutputs(template, vars);
    List<Parameter> parameters = new ArrayList<>();
    for (Parameter parameter : declared.parameters() == null ? List.<Parameter>of()
        : declared.parameters()) {
      String value = parameter.value() != null
          ? substitute(parameter.name(), parameter.value(), vars)
          : parameter.valueFrom() == null ? null
          : fromValueFrom(parameter.name(), parameter.valueFrom(), vars);
      if (value == null) {
        throw new UserError("output parameter '" + parameter.name() + "' has no value");
      }
      parameters.add(parameter.withValue(value));
    }
    if (parameters.isEmpty() && artifacts.isEmpty()) {
      return null;
    }
    return new Outputs(parameters.isEmpty() ? null : parameters,
        artifacts.isEmpty() ? null : artifacts, null, null);
  }

  static Inputs inputsOf(List<Parameter> parameters) {
    return parameters.isEmpty() ? null : new Inputs(parameters, null);
  }

  static Inputs inputsOf(List<Parameter> parameters, List<Artifact> artifacts) {
    if (artifacts.isEmpty()) {
      return inputsOf(parameters);
    }
    return new Inputs(parameters.isEmpty() ? null : parameters, artifacts);
  }

  /**
   * The outputs a suspend node awaits: its supplied parameters, named but without a value until
   * a {@code node set} gives one (Argo shows them so from the node's start).
   */
  static Outputs awaitedOutputs(Template template) {
    List<Parameter> parameters = new ArrayList<>();
    for (Parameter parameter : declaredOutputs(template)) {
      if (parameter.valueFrom() != null && parameter.valueFrom().supplied() != null) {
        parameters.add(parameter.withValue(null));
      }
    }
    return parameters.isEmpty() ? null : new Outputs(parameters, null, null, null);
  }

  /**
   * Outputs of a resumed suspend node: each parameter takes the value supplied to the node so
   * far ({@code given}), else its own value, else its default.
   */
  static Outputs suppliedOutputs(Template template, Outputs given) {
    List<Parameter> parameters = new ArrayList<>();
    for (Parameter parameter : declaredOutputs(template)) {
      String value = firstNonNull(givenValue(given, parameter.name()), parameter.value(),
          parameter.valueFrom() == null ? null : parameter.valueFrom().defaultValue());
      if (value != null) {
        parameters.add(parameter.withValue(value));
      }
    }
    return parameters.isEmpty() ? null : new Outputs(parameters, null, null, null);
  }

  private static List<Parameter> declaredOutputs(Template template) {
    if (template == null || template.outputs() == null
        || template.outputs().parameters() == null) {
      return List.of();
    }
    return template.outputs().parameters();
  }

  private static String givenValue(Outputs given, String name) {
    if (given == null || given.parameters() == null) {
      return null;
    }
    for (Parameter parameter : given.parameters()) {
      if (parameter.name().equals(name)) {
        return parameter.value();
      }
    }
    return null;
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
