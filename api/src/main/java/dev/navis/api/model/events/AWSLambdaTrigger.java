package dev.navis.api.model.events;

import java.util.List;

/**
 * Invokes an AWS Lambda function with a JSON payload built by {@code payload}.
 * {@code invocationType} is RequestResponse (the default), Event or DryRun. {@code endpoint}
 * is a Navis addition: the Lambda API's address, for a local or private endpoint.
 */
public record AWSLambdaTrigger(
    String functionName,
    SecretKeySelector accessKey,
    SecretKeySelector secretKey,
    String region,
    List<TriggerParameter> payload,
    List<TriggerParameter> parameters,
    String invocationType,
    String roleARN,
    String endpoint) {}
