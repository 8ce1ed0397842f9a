/**
 * Bulk Import: applies its elements in order. Problems with the request as a whole are 400s; a problem
 * inside one element drops that element with its reason and the rest goes on (200), unless the
 * workspace is `strictBulk`, where the first bad element answers 400 and nothing is applied.
 */
import {
  BulkCustomerElement,
  BulkDeviceElement,
  type BulkElement,
  BulkEventElement,
  BulkImportRequest,
  type CreateEventRequest,
  type TrackDeviceRequest,
  type TrackUserRequest,
} from '@moedata/spec';
import { formatErrorMessage, getError } from '@moedata/spec/errors';
import type { Failure } from '../error-rows.ts';
import { acceptorFor } from '../fast-accept.ts';
import { issueToFailure, type SafeParser, type SchemaIssue } from '../validation.ts';
import { accepted, type OperationContext, type OperationHandler } from './context.ts';
import { applyCreateEvent, checkCreateEvent } from './create-event.ts';
import { applyTrackDevice } from './track-device.ts';
import { applyTrackUser, checkTrackUser } from './track-user.ts';

/** One element: valid and typed, or the failure that drops it. */
type PlannedElement =
  | { index: number; element: BulkElement }
  | { index: number; failure: Failure; raw: unknown };

const ELEMENT_SCHEMAS: Record<string, SafeParser<BulkElement>> = {
  customer: BulkCustomerElement,
  event: BulkEventElement,
  device: BulkDeviceElement,
};

const acceptBulkImport = acceptorFor(BulkImportRequest);

const isElementIssue = (issue: SchemaIssue) =>
  issue.path[0] === 'elements' && typeof issue.path[1] === 'number';

/**
 * Validates one element on its own (schema, then the rules of its operation). `schemaChecked` says the
 * whole-body parse found no issue in this element, so its schema need not run a second time.
 */
function planElement(
  raw: unknown,
  index: number,
  body: unknown,
  context: OperationContext,
  schemaChecked: boolean,
): PlannedElement {
  const type = raw !== null && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined;
  const schema =
    typeof type === 'string' && Object.hasOwn(ELEMENT_SCHEMAS, type) ? ELEMENT_SCHEMAS[type] : undefined;
  if (!schema) {
    const failure: Failure =
      raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? { errorId: 'bulkElementType' }
        : { errorId: 'attributeWrongType', params: { key: 'elements', datatype: 'Array of Objects' } };
    return { index, failure, raw };
  }
  const parsed = schemaChecked ? { success: true as const } : schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as SchemaIssue;
    const located = { ...issue, path: ['elements', index, ...issue.path] };
    return { index, failure: issueToFailure(located, body, 'bulkImport'), raw };
  }
  // As in validateBody: the input is the data (no transforms), keeping every key as sent.
  const element = raw as BulkElement;
  const failure =
    element.type === 'customer'
      ? checkTrackUser(element as TrackUserRequest, context)
      : element.type === 'event'
        ? checkCreateEvent(element as CreateEventRequest, context)
        : undefined;
  return failure ? { index, failure: inElementWording(failure), raw } : { index, element };
}

/** An element's missing customer_id in the wording Bulk Import documents (`'customer_id not found in the payload`). */
function inElementWording(failure: Failure): Failure {
  return failure.errorId === 'customerIdMissing'
    ? { errorId: 'bulkElementFieldMissing', params: { key: 'customer_id' } }
    : failure;
}

/** A validated Bulk Import: its elements in order. */
export interface BulkPlan {
  elements: PlannedElement[];
}

/** The Bulk Import operation. */
export const bulkImport: OperationHandler<BulkPlan> = {
  prepare(body, context) {
    // The common case, a body with no issue at all, skips zod's full copy of every element.
    const result = acceptBulkImport(body) ? undefined : BulkImportRequest.safeParse(body);
    const issues = (result === undefined || result.success ? [] : result.error.issues) as SchemaIssue[];
    const topLevel = issues.find((issue) => !isElementIssue(issue));
    if (topLevel) return { ok: false, failure: issueToFailure(topLevel, body, 'bulkImport') };
    // zod reports every element's issues: an element without one passed its schema already.
    const withIssues = new Set(issues.map((issue) => issue.path[1]));
    const raws = (body as { elements: unknown[] }).elements;
    const elements = raws.map((raw, index) => planElement(raw, index, body, context, !withIssues.has(index)));
    const firstBad = elements.find((planned) => 'failure' in planned);
    if (firstBad && 'failure' in firstBad && context.workspace.strictBulk) {
      return { ok: false, failure: firstBad.failure };
    }
    let users = 0;
    let events = 0;
    for (const planned of elements) {
      if (!('element' in planned)) continue;
      if (planned.element.type === 'customer') users += 1;
      if (planned.element.type === 'event') events += planned.element.actions.length;
    }
    return { ok: true, request: { elements }, demand: { users, events } };
  },
  apply(plan, context) {
    for (const planned of plan.elements) {
      const prefix = `elements[${planned.index}]`;
      if ('failure' in planned) {
        const message = formatErrorMessage(getError(planned.failure.errorId), planned.failure.params);
        context.drop(
          'invalidBulkElement',
          `Element ${planned.index} was dropped: ${message}`,
          prefix,
          planned.raw,
        );
        continue;
      }
      const { element } = planned;
      if (element.type === 'customer') applyTrackUser(element as TrackUserRequest, context, prefix);
      else if (element.type === 'event') applyCreateEvent(element as CreateEventRequest, context, prefix);
      else applyTrackDevice(element as TrackDeviceRequest, context, prefix);
    }
    return accepted(context.requestId);
  },
};
