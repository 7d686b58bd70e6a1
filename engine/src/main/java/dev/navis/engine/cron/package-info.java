/**
 * CronWorkflow scheduling decisions, as pure functions of a spec, a remembered state and a time
 * given by the caller: {@link dev.navis.engine.cron.CronSchedule} reads Argo's schedule syntax,
 * {@link dev.navis.engine.cron.CronDecider} says whether to start a workflow now,
 * {@link dev.navis.engine.cron.HistoryPruning} which finished workflows to delete and
 * {@link dev.navis.engine.cron.Backfill} which times a backfill covers. The server that owns
 * the clock, the threads and the store calls them.
 */
package dev.navis.engine.cron;
