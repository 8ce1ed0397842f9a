/** The shapes the kit passes around: requests as sent, answers as received, checks and verdicts. */
import type { OperationId } from '@moedata/spec/routes';

/** Which origin a request goes to: the core Data API, the file-imports host, or the emulator's `/_mock` API. */
export type Origin = 'core' | 'fileImports' | 'emulator';

/** One HTTP request exactly as the kit sends it (the body as text, so malformed bodies can be sent). */
export interface WireRequest {
  readonly origin: Origin;
  readonly method: string;
  /** Path and query, e.g. `/v1/customers/export?app_id=WS`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One answer: status, lower-case headers and the body (parsed JSON, or the text when it is not JSON). */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** How one comparison came out. */
export type Verdict = 'match' | 'differs' | 'could not tell';

/** One comparison of a step: what the contract (or the snapshot) expects against what came back. */
export interface Check {
  /** What is compared, e.g. `status`, `error.message`, `x-ratelimit-limit`. */
  readonly name: string;
  readonly expected: unknown;
  readonly got: unknown;
  readonly verdict: Verdict;
  /** Why the kit could not tell, or where the expectation comes from. */
  readonly note?: string;
}

/** One request of a scenario, its answer and the checks made on it. */
export interface StepReport {
  readonly label: string;
  readonly operationId?: OperationId;
  readonly request: WireRequest;
  /** Absent in a dry run, or when the request could not be sent. */
  readonly response?: WireResponse;
  /** What was expected, in words (e.g. `400 malformedJson: Malformed JSON / Could not decode ...`). */
  readonly expectation: string;
  readonly checks: readonly Check[];
}

/** One scenario's outcome. */
export interface ScenarioReport {
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict | 'skipped';
  /** Why the scenario was skipped or could not be told. */
  readonly note?: string;
  readonly steps: readonly StepReport[];
}

/** What the clean-up did with each user the run may have created. */
export interface CleanupReport {
  /** Delete User requests sent (or printed, in a dry run). */
  readonly attempted: number;
  /** Deleted (200). */
  readonly deleted: readonly string[];
  /** "User doesn't exist": never created (the request naming it was refused), or merged away. */
  readonly absent: readonly string[];
  readonly failed: readonly { readonly customerId: string; readonly reason: string }[];
}

/** The whole run, as printed and as written by `--json`. */
export interface ConformanceReport {
  readonly runId: string;
  readonly prefix: string;
  readonly target: { readonly core: string; readonly fileImports: string; readonly emulator: boolean };
  readonly mode: 'contract' | 'replay' | 'dry-run';
  readonly startedAt: string;
  readonly requestsSent: number;
  readonly maxRequests: number;
  readonly summary: Readonly<Record<Verdict | 'skipped', number>>;
  readonly scenarios: readonly ScenarioReport[];
  readonly cleanup: CleanupReport;
  /** Set when the run stopped early (Ctrl-C, budget). */
  readonly stoppedEarly?: string;
}
