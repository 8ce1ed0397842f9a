import { parseErrorBody } from './error-body.ts';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  MoEngageError,
  type MoEngageErrorDetails,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServerError,
  UnsupportedMediaTypeError,
} from './errors.ts';

type HttpErrorClass = new (details: MoEngageErrorDetails) => MoEngageError;

const ERROR_CLASS_BY_STATUS: Readonly<Record<number, HttpErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: ForbiddenError,
  404: NotFoundError,
  405: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: RateLimitedError,
};

/**
 * Turns a non-2xx answer into the matching error class, with the envelope parsed.
 * Statuses the API does not document become a plain `MoEngageError`.
 */
export function errorFromResponse(
  base: Pick<MoEngageErrorDetails, 'operationId' | 'attempts' | 'rateLimit'>,
  response: Response,
  body: unknown,
): MoEngageError {
  const parsed = parseErrorBody(body);
  const details: MoEngageErrorDetails = {
    ...base,
    status: response.status,
    type: parsed.type,
    serverMessage: parsed.message,
    attribute: parsed.attribute,
    requestId: parsed.requestId,
    response,
    body,
  };
  const ErrorClass = response.status >= 500 ? ServerError : ERROR_CLASS_BY_STATUS[response.status];
  return ErrorClass ? new ErrorClass(details) : new MoEngageError(details);
}
