package dev.navis.engine.spi;

import dev.navis.api.model.Template;
import java.util.Map;

/**
 * A node ready to run, as the engine hands it to an executor: every {@code {{...}}} in the
 * template is already substituted, so the executor only runs what it is given.
 *
 * @param namespace the workflow's namespace
 * @param workflowName the workflow's name
 * @param workflowUid the workflow's uid; with {@code nodeId} it keys the node's folder
 * @param nodeId the node's id, as in {@code status.nodes}
 * @param nodeName the node's full name ({@code wf[0].step})
 * @param podName the name Argo would give the pod; exported as {@code ARGO_POD_NAME}
 * @param template the resolved container, script or containerSet template, with its resolved
 *     inputs and the outputs to collect
 * @param env extra variables for every process of the node (Argo's {@code ARGO_*} set)
 */
public record NodeLaunch(
    String namespace,
    String workflowName,
    String workflowUid,
    String nodeId,
    String nodeName,
    String podName,
    Template template,
    Map<String, String> env) {}
