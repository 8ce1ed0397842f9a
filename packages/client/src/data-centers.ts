import { coreHost, DATA_CENTERS, type DataCenter, fileImportsHost } from '@moedata/spec/rules';

export { DATA_CENTERS, type DataCenter } from '@moedata/spec/rules';

/** Where each group of operations is sent. */
export interface Hosts {
  /** Origin of the 7 core operations, e.g. `https://api-01.moengage.com`. */
  readonly core: string;
  /** Origin of triggerFileImport, e.g. `https://fileimports-data-api-01.moengage.com`. */
  readonly fileImports: string;
}

/** Whether `value` is one of the MoEngage data centers (`'01'` … `'06'`, `'101'`). */
export function isDataCenter(value: unknown): value is DataCenter {
  return typeof value === 'string' && (DATA_CENTERS as readonly string[]).includes(value);
}

/** Both hosts of a data center. */
export function hostsForDataCenter(dataCenter: DataCenter): Hosts {
  return { core: coreHost(dataCenter), fileImports: fileImportsHost(dataCenter) };
}

/** One origin for every operation: the local emulator (or a proxy) serves both path sets. */
export function hostsForBaseUrl(baseUrl: string): Hosts {
  return { core: baseUrl, fileImports: baseUrl };
}

/**
 * The data center a user most likely meant, for error messages: `1` or `'1'` → `'01'`,
 * `'dc-03'` → `'03'`. `undefined` when nothing is close.
 */
export function suggestDataCenter(value: unknown): DataCenter | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const digits = String(value).replace(/\D/g, '');
  if (!digits) return undefined;
  const padded = digits.length === 1 ? `0${digits}` : digits;
  return isDataCenter(padded) ? padded : undefined;
}
