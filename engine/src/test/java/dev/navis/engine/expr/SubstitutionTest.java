package dev.navis.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.engine.expr.Expressions.Unresolved;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubstitutionTest {

  private static final Map<String, String> VARS = Map.of(
      "workflow.name", "wf-1",
      "inputs.parameters.x", "hello",
      "inputs.parameters.x-y", "dash",
      "steps.flip-coin.outputs.result", "heads");

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "echo {{workflow.name}}|echo wf-1",
      "{{ inputs.parameters.x }} world|hello world",
      "{{inputs.parameters.x-y}}{{inputs.parameters.x}}|dashhello",
      "{{steps.flip-coin.outputs.result}} == heads|heads == heads",
      "no tags at all|no tags at all",
      "a lone {{ without end|a lone {{ without end",
      "{{unknown.thing}} stays|{{unknown.thing}} stays",
      "{{ unknown }} keeps its spaces|{{ unknown }} keeps its spaces",
  })
  void replacesSimpleTagsAndKeepsUnknownOnes(String text, String expected) {
    assertThat(Expressions.substitute(text, VARS, Unresolved.KEEP)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "{{=inputs.parameters.x}};hello",
      "{{= inputs.parameters['x-y'] + '!' }};dash!",
      "n={{=1 + 2}}, f={{=7 / 2}}, i={{=10 / 2}};n=3, f=3.5, i=5",
      "{{=[1, 'a', {k: true}]}};[1,\"a\",{\"k\":true}]",
      "{{=toJson(filter([1, 3], {# > 1}))}};[3]",
      "{{=workflow.name}}-{{workflow.name}};wf-1-wf-1",
      "{{=nope.x}} stays;{{=nope.x}} stays",
      "{{={a: 1}.b}} is nil so stays;{{={a: 1}.b}} is nil so stays",
      "{{=1 +}} is broken so stays;{{=1 +}} is broken so stays",
      "{{=workflow.status == 'Failed'}} waits for the exit handler;"
          + "{{=workflow.status == 'Failed'}} waits for the exit handler",
      "{{=sprig.int(retries)}} waits for a retry;{{=sprig.int(retries)}} waits for a retry",
      "{{a {{workflow.name}};{{a wf-1",
  })
  void replacesExpressionTagsAndKeepsUnresolvedOnes(String text, String expected) {
    assertThat(Expressions.substitute(text, VARS, Unresolved.KEEP)).isEqualTo(expected);
  }

  @Test
  void readsMultiLineExpressionTags() {
    String text = "{{=\n  map(\n    [1, 2],\n    {# * 2}\n  )\n}}";

    assertThat(Expressions.substitute(text, VARS, Unresolved.FAIL)).isEqualTo("[2,4]");
  }

  @Test
  void resolvesLateVariablesOnceGiven() {
    Map<String, String> vars = Map.of("workflow.status", "Failed", "retries", "2");

    assertThat(Expressions.substitute(
        "{{=workflow.status == 'Failed'}} {{=sprig.int(retries) + 1}}", vars, Unresolved.KEEP))
        .isEqualTo("true 3");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
      "{{=nope.x}};failed to evaluate expression {{=nope.x}}: cannot evaluate 'nope.x':"
          + " unknown name nope",
      "{{={a: 1}.b}};failed to evaluate expression {{={a: 1}.b}}: it yields nil",
      "{{=1 +}};failed to evaluate expression {{=1 +}}: invalid expression '1 +':"
          + " unexpected end of expression at position 3",
  })
  void failsNamingTheExpressionTag(String text, String message) {
    assertThatThrownBy(() -> Expressions.substitute(text, VARS, Unresolved.FAIL))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(message);
  }

  @Test
  void returnsTheSameInstanceWhenThereIsNoTag() {
    String text = "plain text";

    assertThat(Expressions.substitute(text, VARS, Unresolved.FAIL)).isSameAs(text);
  }

  @Test
  void failsNamingTheUnknownTag() {
    assertThatThrownBy(() -> Expressions.substitute(
        "x {{ inputs.parameters.nope }}", VARS, Unresolved.FAIL))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("failed to resolve {{inputs.parameters.nope}}");
  }

  @Test
  void doesNotResubstituteReplacedValues() {
    Map<String, String> vars = Map.of("a", "{{b}}", "b", "no");

    assertThat(Expressions.substitute("{{a}}", vars, Unresolved.FAIL)).isEqualTo("{{b}}");
  }

  @Test
  void leavesNullAlone() {
    assertThat(Expressions.substitute(null, VARS, Unresolved.FAIL)).isNull();
  }
}
