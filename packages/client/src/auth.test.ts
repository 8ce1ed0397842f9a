import { describe, expect, it } from 'vitest';
import { credentialProblem, credentialsFor, defaultHeaders } from './auth.ts';

describe('credentials', () => {
  const answer = credentialsFor('WS123', 'secret');

  it('answers HTTP Basic with workspaceId:apiKey (the generated client base64-encodes it)', () => {
    expect(answer({ type: 'http', scheme: 'basic' })).toBe('WS123:secret');
  });

  it('answers a MOE-APPKEY API-key scheme with the workspace id', () => {
    expect(answer({ type: 'apiKey', in: 'header', name: 'MOE-APPKEY' })).toBe('WS123');
    expect(answer({ type: 'apiKey', in: 'header', name: 'moe-appkey' })).toBe('WS123');
  });

  it('has nothing for schemes MoEngage does not use', () => {
    expect(answer({ type: 'http', scheme: 'bearer' })).toBeUndefined();
    expect(answer({ type: 'apiKey', in: 'header', name: 'X-Api-Key' })).toBeUndefined();
  });

  it('sends MOE-APPKEY with every request', () => {
    expect(defaultHeaders('WS123')).toEqual({ 'MOE-APPKEY': 'WS123' });
  });

  it('accepts well-formed credentials', () => {
    expect(credentialProblem('workspaceId', 'ABCDEF123456')).toBeUndefined();
    expect(credentialProblem('apiKey', 'a-b_c.d~e')).toBeUndefined();
  });
});
