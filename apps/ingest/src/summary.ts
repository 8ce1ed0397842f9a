/**
 * The end of a run: what was read, sent, rejected and why, as text for people or JSON for scripts,
 * and the exit code that goes with it.
 */
import type { ElementType } from './args.ts';

/** Elements that failed for one reason. */
export interface FailureReason {
  reason: string;
  elements: number;
}

/** Everything a run reports. Counts are elements unless named lines. */
export interface RunSummary {
  mode: 'send' | 'dry-run';
  /** SIGINT stopped the reading. */
  interrupted: boolean;
  /** Why reading stopped early, when it did (e.g. the API rejected the credentials). */
  stoppedEarly: string | undefined;
  durationMs: number;
  inputs: string[];
  /** Non-blank lines (NDJSON) or data rows (CSV) read. */
  lines: number;
  bytesRead: number;
  /** Elements that passed validation (and, when sending, were handed to the ingestor). */
  valid: number;
  byType: Record<ElementType, number>;
  /** Lines rejected before sending: not JSON, not a valid element, too large. */
  invalid: number;
  /** Lines holding data MoEngage would accept and silently drop. */
  warnings: number;
  /** Of the sent elements, those MoEngage accepts (200) and then drops, whole or in part: the warnings. */
  acceptedButDropped: number;
  sent: number;
  failed: number;
  dropped: number;
  /** Elements whose every attempt went unanswered: MoEngage may or may not have stored them. */
  maybeDelivered: number;
  /** Of `sent`, elements sent again after an unanswered attempt: they may be stored twice. */
  maybeTwice: number;
  requests: number;
  retries: number;
  rateLimited: number;
  bytesSent: number;
  failures: FailureReason[];
  failedOut: string | undefined;
}

/** Exit code of a finished run: 130 interrupted, 1 anything invalid, failed, dropped or of unknown fate, else 0. */
export function exitCodeOf(summary: RunSummary): number {
  if (summary.interrupted) return 130;
  const notDelivered = summary.invalid + summary.failed + summary.dropped + summary.maybeDelivered;
  return notDelivered > 0 || summary.stoppedEarly ? 1 : 0;
}

/** Groups failed elements by reason, in the order reasons first appear. */
export class FailureTally {
  readonly #byReason = new Map<string, number>();

  add(reason: Error, elements: number): void {
    const text = describeReason(reason);
    this.#byReason.set(text, (this.#byReason.get(text) ?? 0) + elements);
  }

  list(): FailureReason[] {
    return [...this.#byReason].map(([reason, elements]) => ({ reason, elements }));
  }
}

/** One line per reason: the error's name, HTTP status when it has one, and its message. */
export function describeReason(reason: Error): string {
  const status = (reason as { status?: unknown }).status;
  const message = reason.message.split('\n')[0] ?? '';
  return `${reason.name}${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${message}`;
}

const integer = new Intl.NumberFormat('en-US');

/** `12,345` */
export function formatCount(value: number): string {
  return integer.format(Math.round(value));
}

/** `512 B`, `12.3 KB`, `7.1 MB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  // Below 1023.95 KB, so a value that would round to "1024.0 KB" is shown as 1.0 MB.
  if (bytes < 1024 * 1023.95) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** `0.84 s`, `42.1 s`, `3 min 05 s`, `2 h 01 min`. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

const MAX_REASONS_SHOWN = 10;

/** The summary as lines of text. */
export function formatSummary(summary: RunSummary): string[] {
  const seconds = Math.max(summary.durationMs, 1) / 1000;
  const title =
    summary.mode === 'dry-run'
      ? `moengage-ingest dry run finished in ${formatDuration(summary.durationMs)}: nothing was sent`
      : `moengage-ingest finished in ${formatDuration(summary.durationMs)}`;
  const lines = [`${title}${summary.interrupted ? ' (interrupted: reading stopped at Ctrl-C)' : ''}`];
  if (summary.stoppedEarly) lines.push(`  stopped    ${summary.stoppedEarly}`);
  const sources = summary.inputs.map((input) => (input === '-' ? 'stdin' : input)).join(', ');
  lines.push(`  read       ${plural(summary.lines, 'line')}, ${formatBytes(summary.bytesRead)} (${sources})`);
  const types = (['customer', 'event', 'device'] as const)
    .map((type) => plural(summary.byType[type], type))
    .join(', ');
  lines.push(`  valid      ${plural(summary.valid, 'element')} (${types})`);
  if (summary.mode === 'send') {
    lines.push(
      `  sent       ${plural(summary.sent, 'element')} in ${plural(summary.requests, 'request')}, ` +
        `${formatBytes(summary.bytesSent)} (${formatCount(summary.sent / seconds)} elements/s)`,
    );
  }
  lines.push(
    `  invalid    ${plural(summary.invalid, 'line')}${summary.invalid > 0 ? ' (listed above with line numbers; fix them and send them again)' : ''}`,
  );
  if (summary.mode === 'send') {
    lines.push(`  failed     ${plural(summary.failed, 'element')}`);
    lines.push(
      `  dropped    ${plural(summary.dropped, 'element')}${summary.dropped > 0 ? ' (given up at shutdown)' : ''}`,
    );
    if (summary.acceptedButDropped > 0) {
      lines.push(
        `             ${plural(summary.acceptedButDropped, 'element')} sent, accepted and then dropped by MoEngage (the warnings above)`,
      );
    }
    if (summary.maybeDelivered > 0) {
      lines.push(
        `  uncertain  ${plural(summary.maybeDelivered, 'element')} maybe delivered (no answer came; check before sending again)`,
      );
    }
    if (summary.maybeTwice > 0) {
      lines.push(
        `             ${plural(summary.maybeTwice, 'element')} sent again after an unanswered attempt: may be stored twice`,
      );
    }
    for (const { reason, elements } of summary.failures.slice(0, MAX_REASONS_SHOWN)) {
      lines.push(`             ${formatCount(elements)} × ${reason}`);
    }
    if (summary.failures.length > MAX_REASONS_SHOWN) {
      lines.push(
        `             … and ${summary.failures.length - MAX_REASONS_SHOWN} more reasons (see --json)`,
      );
    }
    lines.push(
      `  rate limit ${plural(summary.rateLimited, '429 answer')}, ${plural(summary.retries, 'retry', 'retries')}`,
    );
  }
  if (summary.warnings > 0) {
    const verb = summary.warnings === 1 ? 'holds' : 'hold';
    lines.push(
      `  warnings   ${plural(summary.warnings, 'line')} ${verb} data MoEngage accepts but drops (listed above)`,
    );
  }
  const notDelivered = summary.failed + summary.dropped + summary.maybeDelivered;
  if (summary.failedOut && notDelivered + summary.invalid > 0) {
    const rejected =
      summary.invalid > 0 ? '; lines rejected before sending are in it too: fix them first' : '';
    lines.push(
      `  retry with moengage-ingest [same options] ${summary.failedOut}  (the ${plural(notDelivered, 'element')} not delivered${rejected})`,
    );
  }
  return lines;
}
