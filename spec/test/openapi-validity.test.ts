// spec/openapi.json is checked by three independent tools: the OpenAPI 3.1 JSON Schema, Spectral
// (spectral:oas) and Redocly (recommended + our rate-limit header rules). Zero problems of any
// severity: a rule we disagree with is turned off in .spectral.yaml / redocly.yaml with its reason.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonReport, runSpecCli } from './support/run-cli.ts';
import {
  dereference,
  isJsonObject,
  type JsonObject,
  listOperations,
  loadSpecDocument,
  specDocumentPath,
  specPackageDir,
  toPointer,
} from './support/spec-document.ts';

const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;
const LINT_TIMEOUT_MS = 120_000;

/** Spectral's JSON report: one entry per problem; severity 0 error, 1 warning, 2 info, 3 hint. */
interface SpectralProblem {
  code: string;
  message: string;
  path: string[];
  severity: 0 | 1 | 2 | 3;
}
const SPECTRAL_SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/** Redocly's JSON report. */
interface RedoclyReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{
    ruleId: string;
    severity: string;
    message: string;
    location: Array<{ pointer?: string }>;
  }>;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${count} ${name}`).join(', ') || 'no problems';
}

function lintRedocly(documentPath: string) {
  return runSpecCli('redocly', [
    'lint',
    documentPath,
    '--config',
    join(specPackageDir, 'redocly.yaml'),
    '--format',
    'json',
  ]).then((result) => parseJsonReport<RedoclyReport>('redocly lint', result));
}

/** The header names each response of each operation declares (lower-cased), `$ref`s followed. */
function declaredResponseHeaders(document: JsonObject) {
  return listOperations(document).flatMap(({ operation, pointer }) =>
    Object.entries(isJsonObject(operation.responses) ? operation.responses : {}).map(([status, response]) => {
      const resolved = dereference(document, response, `${pointer}${toPointer(['responses', status])}`);
      const headers =
        isJsonObject(resolved.node) && isJsonObject(resolved.node.headers) ? resolved.node.headers : {};
      return {
        where: `${String(operation.operationId)} ${status}`,
        pointer: resolved.pointer,
        names: Object.keys(headers).map((name) => name.toLowerCase()),
      };
    }),
  );
}

describe('spec/openapi.json', () => {
  const document = loadSpecDocument();
  // One line per tool, printed once at the end: the lint summary the issue asks for.
  const summary: string[] = [];
  afterAll(() => {
    if (summary.length > 0) console.info(`[spec lint] ${summary.join(' | ')}`);
  });

  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    summary.push(`OpenAPI schema validator: ${result.valid ? 'valid' : 'INVALID'} as ${validator.version}`);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it(
    'passes `spectral lint` with the spectral:oas ruleset without errors or warnings',
    async () => {
      const result = await runSpecCli('spectral', [
        'lint',
        specDocumentPath,
        '--ruleset',
        join(specPackageDir, '.spectral.yaml'),
        '--format',
        'json',
        '--fail-severity',
        'hint',
        '--quiet',
      ]);
      const problems = parseJsonReport<SpectralProblem[]>('spectral lint', result);
      summary.push(`spectral:oas: ${countBy(problems, (problem) => SPECTRAL_SEVERITIES[problem.severity])}`);
      expect(
        problems.map(
          ({ severity, code, path, message }) =>
            `${SPECTRAL_SEVERITIES[severity]} ${code} #/${path.join('/')}: ${message}`,
        ),
      ).toEqual([]);
      expect(result.exitCode).toBe(0);
    },
    LINT_TIMEOUT_MS,
  );

  it(
    'passes `redocly lint` (recommended + rate-limit header rules) without errors or warnings',
    async () => {
      const report = await lintRedocly(specDocumentPath);
      const { errors, warnings, ignored } = report.totals;
      summary.push(`redocly recommended: ${errors} errors, ${warnings} warnings, ${ignored} ignored`);
      expect(
        report.problems.map(
          ({ severity, ruleId, location, message }) =>
            `${severity} ${ruleId} ${location[0]?.pointer ?? ''}: ${message}`,
        ),
      ).toEqual([]);
      expect(ignored).toBe(0);
    },
    LINT_TIMEOUT_MS,
  );

  it('declares the three rate-limit headers on every response of every operation', () => {
    const responses = declaredResponseHeaders(document);
    expect(responses.length).toBeGreaterThan(0);
    const missing = responses.flatMap(({ where, names }) =>
      RATE_LIMIT_HEADERS.filter((header) => !names.includes(header)).map((header) => `${where}: ${header}`),
    );
    expect(missing).toEqual([]);
  });

  it(
    'is checked by Redocly rules that flag a response without the rate-limit headers',
    async () => {
      // Break one response each way in a copy of the document and expect the custom rules to say so.
      const broken = structuredClone(document);
      const [first, second] = declaredResponseHeaders(broken).filter(
        (response, index, all) => all.findIndex((other) => other.pointer === response.pointer) === index,
      );
      if (first === undefined || second === undefined)
        throw new Error('The document needs two distinct responses.');
      const firstResponse = dereference(broken, { $ref: `#${first.pointer}` }, first.pointer)
        .node as JsonObject;
      const secondResponse = dereference(broken, { $ref: `#${second.pointer}` }, second.pointer)
        .node as JsonObject;
      // A response's headers may be shared components: give each broken response its own map.
      firstResponse.headers = { ...(firstResponse.headers as JsonObject) };
      delete (firstResponse.headers as JsonObject)['x-ratelimit-reset'];
      delete secondResponse.headers;

      const folder = await mkdtemp(join(tmpdir(), 'moedata-spec-lint-'));
      try {
        const brokenPath = join(folder, 'openapi.json');
        await writeFile(brokenPath, JSON.stringify(broken));
        const report = await lintRedocly(brokenPath);
        const flagged = report.problems.map(
          ({ ruleId, location }) => `${ruleId} ${location[0]?.pointer ?? ''}`,
        );
        expect(flagged).toContain(`rule/response-declares-rate-limit-headers #${first.pointer}/headers`);
        expect(flagged).toContain(`rule/response-declares-headers #${second.pointer}`);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
    LINT_TIMEOUT_MS,
  );
});
