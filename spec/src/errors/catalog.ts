/**
 * Every error the Data API documents, as data: the one source for the spec's examples, the mock's
 * answers and the client's error types. Messages are MoEngage's wire text, verbatim (typos included);
 * `{{name}}` marks a placeholder filled by `formatErrorMessage`.
 */
import { accessRows } from './rows/access.ts';
import { badRequestRows } from './rows/bad-request.ts';
import { limitAndServerRows } from './rows/limits-and-server.ts';
import type { ErrorRowInput } from './types.ts';

export type { ErrorEnvelope, ErrorSource } from './types.ts';

/** Identifier of a catalogue row, e.g. `'malformedJson'`. */
export type ErrorId =
  | (typeof badRequestRows)[number]['id']
  | (typeof accessRows)[number]['id']
  | (typeof limitAndServerRows)[number]['id'];

/** One documented error: status, wire type and message, when it happens, which operations and envelope. */
export interface ErrorRow extends ErrorRowInput {
  readonly id: ErrorId;
}

/** Every documented Data API error, grouped by status; ids are unique and never renamed. */
export const errorCatalog: readonly ErrorRow[] = [...badRequestRows, ...accessRows, ...limitAndServerRows];
