package dev.navis.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** One task of a DAG template. */
public record DagTask(
    String name,
    String template,
    TemplateRef templateRef,
    Template inline,
    Arguments arguments,
    List<String> dependencies,
    String depends,
    String when,
    List<JsonNode> withItems,
    String withParam,
    Sequence withSequence,
    ContinueOn continueOn,
    String onExit,
    Map<String, LifecycleHook> hooks) {}
