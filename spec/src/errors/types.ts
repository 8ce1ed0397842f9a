/** Types of the error catalogue (no dependencies). */
import type { OperationId } from '../operation-ids.ts';

/**
 * Body shape of an error:
 * - `standard`: `{"status":"fail","error":{"type","message","attribute?","request_id"}}` (the core API);
 * - `title`: `{"status"?,"title","description","code"?}` (file-import auth and 5xx, some Delete User answers);
 * - `errorType`: `{"status":"fail","error_type","message"}` (file-import 400s);
 * - `plain`: `{"status":"fail","message"}` (file-import 404/405).
 */
export type ErrorEnvelope = 'standard' | 'title' | 'errorType' | 'plain';

/** Where a row comes from: the overview's error table wins over the researched reference and decisions.md. */
export type ErrorSource = 'overview' | 'reference' | 'decisions';

/** One catalogue row as written in the row modules. */
export interface ErrorRowInput {
  readonly id: string;
  readonly status: number;
  /** `error.type` (standard), `title` (title), `error_type` (errorType); informational for plain. */
  readonly type: string;
  /** `error.message` / `description` / `message`; may hold `{{placeholders}}`. */
  readonly message: string;
  /** When the API answers with this row. */
  readonly when: string;
  /** `error.attribute`: the request field at fault; may hold `{{placeholders}}`. */
  readonly attribute?: string;
  /** Operations that can answer with this row; undefined = every operation. */
  readonly operations?: readonly OperationId[];
  readonly envelope: ErrorEnvelope;
  readonly source: ErrorSource;
  /** Placeholder values used for the document's example of this row. */
  readonly exampleParams?: Readonly<Record<string, string>>;
  /**
   * Placeholder values for one operation's example, where the default names a field that operation
   * does not have (so each operation's documented examples are ones it can produce).
   */
  readonly exampleParamsByOperation?: Partial<Record<OperationId, Readonly<Record<string, string>>>>;
}
