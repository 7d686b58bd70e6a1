package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** One step of a steps template; steps of one inner list run in parallel. */
public record WorkflowStep(
    String name,
    String template,
    TemplateRef templateRef,
    Template inline,
    Arguments arguments,
    String when,
    List<JsonNode> withItems,
    String withParam,
    Sequence withSequence,
    ContinueOn continueOn,
    String onExit,
    Map<String, LifecycleHook> hooks) {}
