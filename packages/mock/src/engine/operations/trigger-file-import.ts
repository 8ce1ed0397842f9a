/**
 * Trigger File Imports: records a run of a periodic import, at most once per cooldown (5 minutes) per
 * schedule_id. Which schedules exist: every id, unless the workspace lists its known ids
 * (decisions/043-mock-file-import-schedules.md).
 */
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import type { Failure } from '../error-rows.ts';
import type { OperationContext } from './context.ts';

/** The outcome of a trigger, with what the rate-limit headers report for this schedule. */
export interface TriggerOutcome {
  result: { ok: true; body: unknown } | { ok: false; failure: Failure };
  rateLimit: RateLimitInfo;
}

/** What the headers say about a schedule: 1 run per cooldown window, and the seconds until the next is allowed. */
export function scheduleRateLimit(context: OperationContext, scheduleId: string): RateLimitInfo {
  const { workspaceId, fileImportCooldownSeconds } = context.workspace;
  const last = context.store.fileImportRuns.latest(workspaceId, scheduleId);
  const waitMs = last === undefined ? 0 : last.at + fileImportCooldownSeconds * 1000 - context.now;
  return {
    limit: 1,
    windowSeconds: fileImportCooldownSeconds,
    remaining: waitMs > 0 ? 0 : 1,
    resetSeconds: waitMs > 0 ? Math.ceil(waitMs / 1000) : 0,
  };
}

/** Triggers the schedule. */
export function triggerFileImport(context: OperationContext, scheduleId: string): TriggerOutcome {
  const known = context.workspace.fileImportSchedules;
  if (known !== undefined && !known.includes(scheduleId)) {
    return {
      result: { ok: false, failure: { errorId: 'fileImportNotFound' } },
      rateLimit: scheduleRateLimit(context, scheduleId),
    };
  }
  const before = scheduleRateLimit(context, scheduleId);
  if (before.remaining === 0) {
    return { result: { ok: false, failure: { errorId: 'fileImportAlreadyRun' } }, rateLimit: before };
  }
  context.store.fileImportRuns.add({
    workspaceId: context.workspace.workspaceId,
    scheduleId,
    at: context.now,
    requestId: context.requestId,
  });
  return {
    result: { ok: true, body: { status: 'success', message: 'Triggered Import Successfully' } },
    rateLimit: scheduleRateLimit(context, scheduleId),
  };
}
