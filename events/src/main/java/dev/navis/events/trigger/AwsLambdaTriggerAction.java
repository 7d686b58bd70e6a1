package dev.navis.events.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.navis.api.Codec;
import dev.navis.api.model.events.AWSLambdaTrigger;
import dev.navis.api.model.events.SecretKeySelector;
import dev.navis.events.Secrets;
import dev.navis.events.sensor.TriggerParameters;
import dev.navis.events.sensor.TriggerParameters.ParameterException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The {@code awsLambda} trigger: invokes {@code functionName} in {@code region} with the JSON
 * object its {@code payload} parameters build, synchronously ({@code RequestResponse}, the
 * default), or as {@code Event} or {@code DryRun} when {@code invocationType} says. Credentials
 * come from the {@code accessKey} and {@code secretKey} secrets, else from the SDK's default
 * chain (environment, profile...); {@code roleARN} is assumed through STS first. A function
 * error, a refused request or a status outside 2xx is a failed outcome. The Navis field
 * {@code endpoint} sends the Lambda and STS calls to another address (a local emulator).
 */
public final class AwsLambdaTriggerAction implements TriggerAction, AutoCloseable {

  private static final Map<String, InvocationType> INVOCATION_TYPES = Map.of(
      "RequestResponse", InvocationType.REQUEST_RESPONSE, "Event", InvocationType.EVENT,
      "DryRun", InvocationType.DRY_RUN);

  private final Secrets secrets;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();

  public AwsLambdaTriggerAction(Secrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public TriggerOutcome execute(TriggerRequest request) {
    AWSLambdaTrigger lambda;
    SdkBytes payload;
    InvocationType invocationType;
    try {
      lambda = parameterized(request.template().awsLambda(), request);
      required(lambda.functionName(), "functionName");
      required(lambda.region(), "region");
      invocationType = invocationType(lambda.invocationType());
      JsonNode built = TriggerParameters.apply(JsonNodeFactory.instance.objectNode(),
          lambda.payload(), request.events());
      payload = SdkBytes.fromUtf8String(Codec.toJson(built));
    } catch (ParameterException | IllegalArgumentException e) {
      return TriggerOutcome.failed("awsLambda: " + e.getMessage());
    }
    return invoke(lambda, payload, invocationType);
  }

  private TriggerOutcome invoke(AWSLambdaTrigger lambda, SdkBytes payload,
      InvocationType invocationType) {
    String function = lambda.functionName();
    try (StsClient sts = lambda.roleARN() == null || lambda.roleARN().isBlank() ? null
            : sts(lambda);
        LambdaClient client = lambdaClient(lambda, credentials(lambda, sts))) {
      InvokeResponse response = client.invoke(builder -> builder.functionName(function)
          .invocationType(invocationType).payload(payload));
      String answer = response.payload() == null ? "" : response.payload().asUtf8String();
      if (response.functionError() != null) {
        return TriggerOutcome.failed("awsLambda " + function + ": function error "
            + response.functionError() + ": " + answer);
      }
      if (response.statusCode() == null || response.statusCode() / 100 != 2) {
        return TriggerOutcome.failed("awsLambda " + function + " answered "
            + response.statusCode() + ": " + answer);
      }
      return TriggerOutcome.succeeded("awsLambda " + function + " (" + invocationType
          + ") answered " + response.statusCode() + (answer.isEmpty() ? "" : ": " + answer));
    } catch (IllegalArgumentException e) {
      return TriggerOutcome.failed("awsLambda: " + e.getMessage());
    } catch (SdkException e) {
      return TriggerOutcome.failed("awsLambda " + function + ": " + e.getMessage());
    }
  }

  /** The trigger with its own {@code parameters} applied (to its function name...). */
  private static AWSLambdaTrigger parameterized(AWSLambdaTrigger lambda,
      TriggerRequest request) {
    if (lambda.parameters() == null || lambda.parameters().isEmpty()) {
      return lambda;
    }
    JsonNode applied = TriggerParameters.apply(Codec.json().valueToTree(lambda),
        lambda.parameters(), request.events());
    return Codec.json().convertValue(applied, AWSLambdaTrigger.class);
  }

  private static InvocationType invocationType(String name) {
    if (name == null || name.isBlank()) {
      return InvocationType.REQUEST_RESPONSE;
    }
    InvocationType type = INVOCATION_TYPES.get(name.strip());
    if (type == null) {
      throw new IllegalArgumentException("invocationType: expected one of "
          + INVOCATION_TYPES.keySet().stream().sorted().toList() + ", found '" + name + "'");
    }
    return type;
  }

  private LambdaClient lambdaClient(AWSLambdaTrigger lambda, AwsCredentialsProvider creds) {
    var builder = LambdaClient.builder().httpClient(http).region(Region.of(lambda.region()))
        .credentialsProvider(creds);
    endpoint(lambda).ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private StsClient sts(AWSLambdaTrigger lambda) {
    var builder = StsClient.builder().httpClient(http).region(Region.of(lambda.region()))
        .credentialsProvider(baseCredentials(lambda));
    endpoint(lambda).ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private AwsCredentialsProvider credentials(AWSLambdaTrigger lambda, StsClient sts) {
    if (sts == null) {
      return baseCredentials(lambda);
    }
    return StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
        .refreshRequest(role -> role.roleArn(lambda.roleARN()).roleSessionName("navis"))
        .build();
  }

  private AwsCredentialsProvider baseCredentials(AWSLambdaTrigger lambda) {
    if (lambda.accessKey() == null && lambda.secretKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(
        secret(lambda.accessKey(), "accessKey"), secret(lambda.secretKey(), "secretKey")));
  }

  private String secret(SecretKeySelector selector, String field) {
    if (selector == null) {
      throw new IllegalArgumentException(field + ": required with "
          + (field.equals("accessKey") ? "secretKey" : "accessKey"));
    }
    return secrets.lookup(selector).orElseThrow(() -> new IllegalArgumentException(field
        + ": secret " + selector.name() + "/" + selector.key() + " not found"));
  }

  private static Optional<URI> endpoint(AWSLambdaTrigger lambda) {
    if (lambda.endpoint() == null || lambda.endpoint().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create(lambda.endpoint().strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpoint: not a URL: " + lambda.endpoint());
    }
  }

  private static void required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": required");
    }
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    http.close();
  }
}
