import { describe, expect, it } from 'vitest';
import { corsAnswerHeaders, preflightAnswer } from './cors.ts';

const preflightFrom = (origin: string | undefined) => ({
  method: 'OPTIONS',
  origin,
  requestMethod: 'POST',
  requestHeaders: undefined,
});

describe('the CORS policy both adapters apply', () => {
  it('echoes an allowed origin, never *, so the page may send Authorization', () => {
    expect(corsAnswerHeaders('http://localhost:5173', '*')).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
    });
  });

  it('gives an origin outside the list only vary: Origin, so the browser hides the answer', () => {
    expect(corsAnswerHeaders('http://evil.test', ['http://localhost:5173'])).toEqual({ vary: 'Origin' });
  });

  it('refuses the preflight of an origin outside the list with 403 and says how to allow it', () => {
    const answer = preflightAnswer(preflightFrom('http://evil.test'), ['http://localhost:5173']);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toMatch(/--cors-origin/);
  });

  it('lists the Data API headers when the preflight names none', () => {
    const answer = preflightAnswer(preflightFrom('http://localhost:5173'), '*');
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, moe-appkey, x-forwarded-for',
    );
  });
});
