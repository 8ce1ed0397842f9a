import { describe, expect, it } from 'vitest';
import { buildErrorBody, errorCatalog } from '../errors/index.ts';
import {
  ErrorResponse,
  FileImportErrorResponse,
  GetUserResponse,
  PlainFailResponse,
  SuccessResponse,
  TitleErrorResponse,
} from './responses.ts';

const envelopes = {
  standard: ErrorResponse,
  title: TitleErrorResponse,
  errorType: FileImportErrorResponse,
  plain: PlainFailResponse,
};

describe('response schemas', () => {
  it.each(errorCatalog.map((row) => [row.id, row] as const))(
    'accept the body of catalogue row %s in its envelope',
    (_id, row) => {
      const body = buildErrorBody(row, { requestId: 'kXwpDESb', params: row.exampleParams ?? {} });
      expect(envelopes[row.envelope].safeParse(body).success).toBe(true);
    },
  );

  it('accept a success body without request_id, as older MoEngage examples show', () => {
    expect(SuccessResponse.safeParse({ status: 'success', message: 'ok' }).success).toBe(true);
  });

  it('reject a failure body in the success shape', () => {
    expect(SuccessResponse.safeParse({ status: 'fail', message: 'no' }).success).toBe(false);
  });

  it('keep every attribute of an exported user', () => {
    const body = {
      status: 'success',
      type: 'export_users',
      data: { users: [{ user_attributes: { id: '62e79fb15ada55a123b987bc', u_n: 'John', plan: 'gold' } }] },
    };
    expect(GetUserResponse.parse(body).data.users[0]?.user_attributes).toEqual(
      body.data.users[0]?.user_attributes,
    );
  });
});
