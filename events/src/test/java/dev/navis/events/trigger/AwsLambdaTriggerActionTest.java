package dev.navis.events.trigger;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.navis.api.Codec;
import dev.navis.api.model.events.Sensor;
import dev.navis.api.model.events.TriggerTemplate;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.Event;
import dev.navis.events.Secrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awsLambda trigger through the AWS SDK against a local endpoint that serves Lambda's
 * Invoke path and STS's AssumeRole, checks that each request is SigV4-signed, and records it.
 */
class AwsLambdaTriggerActionTest {

  private static final Pattern INVOKE =
      Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");

  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private final List<String> assumedRoles = new CopyOnWriteArrayList<>();
  private final Event event = event("webhook", "example", "{\"body\":{\"name\":\"Ann\"}}");
  private final AwsLambdaTriggerAction action = new AwsLambdaTriggerAction(
      Secrets.fromEnvironmentAndFolder(Map.of("NAVIS_SECRET_AWS_SECRET_ACCESSKEY", "AKIDTEST",
          "NAVIS_SECRET_AWS_SECRET_SECRETKEY", "secret"), Path.of("/nonexistent")));
  private HttpServer server;

  /** One call of Invoke as the endpoint saw it. */
  record Invocation(String function, String invocationType, String accessKeyId,
      String payload) {}

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    action.close();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
      reply(exchange, 403, Map.of("x-amzn-ErrorType", "MissingAuthenticationTokenException"),
          "{\"message\":\"not signed\"}");
      return;
    }
    Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getPath());
    if (exchange.getRequestMethod().equals("POST") && invoke.matches()) {
      invoked(exchange, invoke.group(1), authorization, body);
    } else if (body.contains("Action=AssumeRole")) {
      assumeRole(exchange, body);
    } else {
      reply(exchange, 400, Map.of(), "{\"message\":\"unexpected " + exchange.getRequestURI()
          + "\"}");
    }
  }

  private void invoked(HttpExchange exchange, String function, String authorization,
      String payload) throws IOException {
    Matcher credential = CREDENTIAL.matcher(authorization);
    String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
    invocations.add(new Invocation(function, type, credential.find() ? credential.group(1)
        : null, payload));
    switch (function) {
      case "hello" -> {
        if ("Event".equals(type)) {
          reply(exchange, 202, Map.of(), "");
        } else {
          reply(exchange, 200, Map.of(), "{\"greeting\":\"hi\"}");
        }
      }
      case "broken" -> reply(exchange, 200, Map.of("X-Amz-Function-Error", "Unhandled"),
          "{\"errorMessage\":\"boom\"}");
      default -> reply(exchange, 404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
          "{\"Type\":\"User\",\"Message\":\"Function not found: " + function + "\"}");
    }
  }

  private void assumeRole(HttpExchange exchange, String form) throws IOException {
    String role = URLDecoder.decode(form.replaceAll(".*RoleArn=([^&]*).*", "$1"),
        StandardCharsets.UTF_8);
    assumedRoles.add(role);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    reply(exchange, 200, Map.of(), """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIAASSUMED</AccessKeyId>
              <SecretAccessKey>assumed-secret</SecretAccessKey>
              <SessionToken>session</SessionToken>
              <Expiration>2099-01-01T00:00:00Z</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <Arn>%s/navis</Arn>
              <AssumedRoleId>AROAEXAMPLE:navis</AssumedRoleId>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """.formatted(role));
  }

  private static void reply(HttpExchange exchange, int status, Map<String, String> headers,
      String body) throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  /** The example's first trigger template, as it is, with the endpoint set to ours. */
  private TriggerTemplate example(String file, Map<String, String> changes) {
    Sensor sensor = ArgoEventsExamples.read(file, Sensor.class);
    ObjectNode template = Codec.json().valueToTree(sensor.spec().triggers().getFirst()
        .template());
    ObjectNode lambda = (ObjectNode) template.get("awsLambda");
    lambda.put("endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
    changes.forEach(lambda::put);
    return Codec.json().convertValue(template, TriggerTemplate.class);
  }

  private TriggerOutcome run(TriggerTemplate template) {
    return action.execute(new TriggerRequest("ns", "s", template, Map.of("test-dep", event),
        event, null));
  }

  @Test
  void theTutorialInvokesTheFunctionSynchronouslyWithTheSignedPayload() throws Exception {
    TriggerOutcome outcome = run(example("tutorials/10-aws-lambda-trigger/sensor.yaml",
        Map.of()));

    assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).contains("200").contains("{\"greeting\":\"hi\"}");
    assertThat(invocations).singleElement().satisfies(invocation -> {
      assertThat(invocation.function()).isEqualTo("hello");
      assertThat(invocation.invocationType()).isIn(null, "RequestResponse");
      assertThat(invocation.accessKeyId()).isEqualTo("AKIDTEST");
      assertThat(Codec.json().readTree(invocation.payload()).get("name").asText())
          .isEqualTo("Ann");
    });
  }

  @Test
  void theExampleWithARoleInvokesAsAnEventWithTheAssumedRolesCredentials() {
    TriggerOutcome outcome = run(example("sensors/aws-lambda-trigger.yaml", Map.of()));

    assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).contains("202");
    assertThat(assumedRoles).containsExactly("arn:aws:iam::123456789012:role/some-role");
    assertThat(invocations).singleElement().satisfies(invocation -> {
      assertThat(invocation.invocationType()).isEqualTo("Event");
      assertThat(invocation.accessKeyId()).isEqualTo("ASIAASSUMED");
    });
  }

  @Test
  void aFunctionErrorOrAnUnknownFunctionIsAFailedOutcome() {
    TriggerOutcome broken = run(example("tutorials/10-aws-lambda-trigger/sensor.yaml",
        Map.of("functionName", "broken")));
    TriggerOutcome unknown = run(example("tutorials/10-aws-lambda-trigger/sensor.yaml",
        Map.of("functionName", "nobody")));

    assertThat(broken.succeeded()).isFalse();
    assertThat(broken.detail()).isEqualTo(
        "awsLambda broken: function error Unhandled: {\"errorMessage\":\"boom\"}");
    assertThat(unknown.succeeded()).isFalse();
    assertThat(unknown.detail()).startsWith("awsLambda nobody: Function not found: nobody");
  }

  @Test
  void withoutARegionOrWithAMissingSecretNothingIsSent() {
    TriggerOutcome noRegion = run(example("tutorials/10-aws-lambda-trigger/sensor.yaml",
        Map.of("region", "")));
    TriggerOutcome noSecret = run(withAccessKey(example(
        "tutorials/10-aws-lambda-trigger/sensor.yaml", Map.of())));

    assertThat(noRegion.detail()).isEqualTo("awsLambda: region: required");
    assertThat(noSecret.detail())
        .isEqualTo("awsLambda: accessKey: secret other/accesskey not found");
    assertThat(invocations).isEmpty();
  }

  private static TriggerTemplate withAccessKey(TriggerTemplate template) {
    ObjectNode tree = Codec.json().valueToTree(template);
    ((ObjectNode) tree.get("awsLambda").get("accessKey")).put("name", "other");
    return Codec.json().convertValue(tree, TriggerTemplate.class);
  }
}
