/**
 * The host executor: runs container, script and containerSet templates as processes on this
 * machine, the image being only a hint mapped by {@link dev.navis.executor.host.ImageTable}.
 *
 * <p>A node's folder, {@code <runs>/<workflowUid>/<nodeId>/}, holds {@code status.json} (pid and
 * start time of each container's process, whether it runs sandboxed), {@code script} for script
 * templates, {@code tmp/} (the node's private /tmp under bubblewrap), {@code work/} (the
 * default working folder), and per container {@code <name>.log} (stdout and stderr as a person
 * reads them), {@code <name>.stdout} and {@code <name>.exitcode}. The container of a container
 * or script template is named {@code main}, as in Argo.
 *
 * <p>A process's environment: a few host variables ({@code PATH} with {@code /usr/games} added,
 * {@code HOME}, {@code USER}, {@code LANG}, {@code TZ}...), then the launch's variables
 * ({@code ARGO_*}), then the container's {@code env}; a variable with {@code valueFrom}
 * (secrets, config maps) is left unset, with a note in the log and in a failed node's message.
 */
package dev.navis.executor.host;
