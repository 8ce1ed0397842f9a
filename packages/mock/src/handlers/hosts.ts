import { coreHost, DATA_CENTERS, fileImportsHost } from '@moedata/spec/rules';

/**
 * Every MoEngage origin the emulator answers for: the core host and the file-imports host of every
 * data center (`https://api-01.moengage.com` ... `https://fileimports-data-api-101.moengage.com`).
 */
export function allMoengageOrigins(): string[] {
  return [...DATA_CENTERS.map(coreHost), ...DATA_CENTERS.map(fileImportsHost)];
}

/**
 * Normalises a custom base URL: no trailing slash, and the path prefix it carries
 * (`http://localhost:3000/moengage` → prefix `/moengage`) so it can be stripped before the engine routes.
 */
export function parseBaseUrl(baseUrl: string): { base: string; pathPrefix: string } {
  const base = baseUrl.replace(/\/+$/, '');
  const pathPrefix = base.replace(/^[a-z][a-z\d+\-.]*:\/\/[^/]*/i, '');
  return { base, pathPrefix };
}
