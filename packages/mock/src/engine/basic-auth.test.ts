import { describe, expect, it } from 'vitest';
import { basicAuthHeader, parseBasicAuth } from './basic-auth.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('parseBasicAuth', () => {
  it('reads the workspace id and the key, keeping colons inside the key', () => {
    expect(parseBasicAuth(`Basic ${b64('WS1:key:with:colons')}`)).toEqual({
      ok: true,
      username: 'WS1',
      password: 'key:with:colons',
    });
  });

  it('accepts the scheme in any case and base64 without padding', () => {
    expect(parseBasicAuth(`basic ${b64('WS1:ab').replace(/=+$/, '')}`)).toMatchObject({ ok: true });
  });

  it('round-trips the header it builds, including non-ASCII keys', () => {
    expect(parseBasicAuth(basicAuthHeader('WS1', 'clé'))).toEqual({
      ok: true,
      username: 'WS1',
      password: 'clé',
    });
  });

  it.each([
    [undefined, 'authHeaderMissing'],
    ['', 'authHeaderEmpty'],
    ['   ', 'authHeaderEmpty'],
    ['Basic', 'authHeaderEmpty'],
    ['Basic   ', 'authHeaderEmpty'],
    ['Bearer abc', 'authUndecodable'],
    ['Basic !!!not-base64!!!', 'authUndecodable'],
    [`Basic ${b64('no-colon-here')}`, 'authUndecodable'],
    [`Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString('base64')}`, 'authUndecodable'],
    [`Basic ${b64(':secret')}`, 'authAppKeyMissing'],
    [`Basic ${b64(':')}`, 'authAppKeyMissing'],
    [`Basic ${b64('WS1:')}`, 'authAppSecretMissing'],
  ])('answers %j with the %s row', (header, errorId) => {
    expect(parseBasicAuth(header)).toEqual({ ok: false, errorId });
  });
});
