/**
 * The `x-codeSamples` of each operation (Redoc shows them as tabs beside the request): the call through
 * `@moedata/client` and the same request with curl, both built from the operation's first request example,
 * so the reference teaches the SDK as well as the wire format. decisions/011.
 */
import { z } from 'zod';
import type { OperationDefinition } from '../operations.ts';
import { ScheduleId } from '../primitives.ts';
import { coreHost, DEFAULT_DATA_CENTER, fileImportsHost } from '../rules.ts';

/** One entry of `x-codeSamples`, in the shape Redoc renders: `lang` picks the highlighting, `label` names the tab. */
export interface CodeSample {
  readonly lang: string;
  readonly label: string;
  readonly source: string;
}

/** Where both samples read the credentials from, as the client's quickstart does. */
const CODE_SAMPLE_ENV = {
  workspaceId: 'MOENGAGE_WORKSPACE_ID',
  apiKey: 'MOENGAGE_DATA_API_KEY',
} as const;

/** The operation's first request example (the official one), which both samples send. */
function firstExampleBody(operation: OperationDefinition): unknown {
  const first = Object.values(operation.requestExamples ?? {})[0];
  if (operation.requestBody !== undefined && first === undefined) {
    throw new Error(
      `${operation.operationId} takes a body but has no request example to build its code samples from.`,
    );
  }
  return first?.value;
}

/** Example of the Import ID path parameter, read from the schema's own metadata. */
function scheduleIdExample(): string {
  const example = z.globalRegistry.get(ScheduleId)?.example;
  if (typeof example !== 'string') throw new Error('ScheduleId needs a string example for the code samples.');
  return example;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as a TypeScript literal the way people write one: single quotes, bare keys, 2-space indent. */
export function toTypeScriptLiteral(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (typeof value === 'string')
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // A short list of plain values stays on one line, as a formatter would leave it.
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const inline = `[${value.map((item) => toTypeScriptLiteral(item)).join(', ')}]`;
      if (inline.length <= 60) return inline;
    }
    return `[\n${value.map((item) => `${inner}${toTypeScriptLiteral(item, inner)},`).join('\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const lines = entries.map(
      ([key, item]) =>
        `${inner}${IDENTIFIER.test(key) ? key : toTypeScriptLiteral(key)}: ${toTypeScriptLiteral(item, inner)},`,
    );
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** A string as one POSIX shell word in single quotes. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function typeScriptSample(operation: OperationDefinition, body: unknown): string {
  const argument =
    operation.server === 'fileImports'
      ? `{ scheduleId: ${toTypeScriptLiteral(scheduleIdExample())} }`
      : toTypeScriptLiteral(body);
  return [
    "import { createMoEngage } from '@moedata/client';",
    '',
    'const moengage = createMoEngage({',
    `  workspaceId: process.env.${CODE_SAMPLE_ENV.workspaceId}!,`,
    `  apiKey: process.env.${CODE_SAMPLE_ENV.apiKey}!,`,
    `  dataCenter: '${DEFAULT_DATA_CENTER}', // the number in your dashboard URL: dashboard-01 → '01'`,
    '});',
    '',
    `const { data } = await moengage.${operation.operationId}(${argument});`,
    'console.log(data);',
    '',
  ].join('\n');
}

function curlSample(operation: OperationDefinition, body: unknown): string {
  const workspace = `$${CODE_SAMPLE_ENV.workspaceId}`;
  const path =
    operation.server === 'fileImports'
      ? operation.path.replace('{schedule_id}', scheduleIdExample())
      : operation.path.replace('{app_id}', workspace);
  const host =
    operation.server === 'fileImports' ? fileImportsHost(DEFAULT_DATA_CENTER) : coreHost(DEFAULT_DATA_CENTER);
  const query = operation.appIdIn === 'query' ? `?app_id=${workspace}` : '';
  const lines = [`curl -X POST "${host}${path}${query}"`, `-u "${workspace}:$${CODE_SAMPLE_ENV.apiKey}"`];
  if (operation.requiresMoeAppKey) lines.push(`-H "MOE-APPKEY: ${workspace}"`);
  if (body !== undefined) {
    lines.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(body, null, 2))}`);
  }
  return `${lines.join(' \\\n  ')}\n`;
}

/** The TypeScript and curl samples of an operation, in the order the reference shows them. */
export function codeSamples(operation: OperationDefinition): CodeSample[] {
  const body = firstExampleBody(operation);
  return [
    { lang: 'TypeScript', label: 'TypeScript (@moedata/client)', source: typeScriptSample(operation, body) },
    { lang: 'curl', label: 'curl', source: curlSample(operation, body) },
  ];
}
