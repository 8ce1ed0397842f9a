/** The header MoEngage uses to name the workspace; it must equal the Basic-auth username. */
export const MOE_APPKEY_HEADER = 'MOE-APPKEY';

/** A security requirement as the generated client describes it. */
interface SecurityScheme {
  in?: 'header' | 'query' | 'cookie';
  name?: string;
  scheme?: 'basic' | 'bearer';
  type: 'apiKey' | 'http';
}

/**
 * The credential callback handed to the generated client. It answers every security scheme the spec
 * declares: `workspaceId:apiKey` for HTTP Basic (the client base64-encodes it), the workspace id for
 * a `MOE-APPKEY` API-key scheme.
 */
export function credentialsFor(
  workspaceId: string,
  apiKey: string,
): (scheme: SecurityScheme) => string | undefined {
  return (scheme) => {
    if (scheme.type === 'http' && scheme.scheme === 'basic') return `${workspaceId}:${apiKey}`;
    if (scheme.type === 'apiKey' && scheme.name?.toLowerCase() === MOE_APPKEY_HEADER.toLowerCase()) {
      return workspaceId;
    }
    return undefined;
  };
}

/**
 * Headers sent with every request. MOE-APPKEY is required by Trigger File Imports and optional
 * elsewhere; sending it always is harmless because it always equals the Basic-auth username.
 */
export function defaultHeaders(workspaceId: string): Record<string, string> {
  return { [MOE_APPKEY_HEADER]: workspaceId };
}

/**
 * Why a credential cannot be sent, or `undefined` when it is fine. Basic auth is Latin-1 only and the
 * username may not contain a colon (it would split into username and password on the server).
 */
export function credentialProblem(name: 'workspaceId' | 'apiKey', value: unknown): string | undefined {
  if (typeof value !== 'string')
    return `${name} must be a string; got ${value === null ? 'null' : typeof value}.`;
  if (value.trim() === '') {
    return `${name} is empty: copy it from the MoEngage dashboard (Settings > Account > APIs${name === 'apiKey' ? ', Data tile' : ''}).`;
  }
  if (value !== value.trim()) return `${name} has leading or trailing whitespace: remove it.`;
  // Printable ASCII only: Basic auth is base64 of Latin-1, and control characters break headers.
  if (/[^\x20-\x7e]/.test(value)) {
    return `${name} contains characters that cannot be sent in a header: copy it again.`;
  }
  if (name === 'workspaceId' && value.includes(':')) {
    return 'workspaceId contains ":", which Basic auth cannot carry: check that you did not paste "id:key" into it.';
  }
  // Most operations put the workspace id in the URL path, where a URL drops a segment made only of dots.
  if (name === 'workspaceId' && (value === '.' || value === '..')) {
    return `workspaceId "${value}" cannot be sent: a URL drops a path segment made only of dots. Copy the Workspace ID from Settings > Account > APIs.`;
  }
  return undefined;
}
