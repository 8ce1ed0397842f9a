/** Store records for the store tests: one place that knows what a complete entry looks like. */
import type { RequestLogEntry } from '../types.ts';

/** A successful Track User log entry of workspace WS1, with `overrides` applied. */
export const logEntry = (overrides: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  requestId: 'req1',
  workspaceId: 'WS1',
  operationId: 'trackUser',
  method: 'POST',
  url: '/v1/customer/WS1',
  status: 200,
  errorId: null,
  units: 1,
  at: 1_700_000_000_000,
  ...overrides,
});
