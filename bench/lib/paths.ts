/** Folders the benchmark reads and writes, resolved from this file so the cwd does not matter. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `bench/`. */
export const benchDir = fileURLToPath(new URL('../', import.meta.url));
/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The OpenAPI document every peer mocks. */
export const openapiPath = fileURLToPath(new URL('../../spec/openapi.json', import.meta.url));

/** `bench/.tmp/<name>/`, created on demand (git-ignored scratch space for one run). */
export function scratchDir(name: string): string {
  const dir = fileURLToPath(new URL(`../.tmp/${name}/`, import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}
