import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type OperationDefinition, type OperationId, operationIds, operations } from '../operations.ts';
import { codeSamples, toTypeScriptLiteral } from './code-samples.ts';

function firstExample(operationId: OperationId): unknown {
  const operation: OperationDefinition = operations[operationId];
  return Object.values(operation.requestExamples ?? {})[0]?.value;
}

/** What a POSIX shell makes of the curl sample's arguments (variables left unexpanded). */
function shellWords(source: string): string[] {
  const script = `set -- ${source.replace(/^curl /, '')}\nfor word in "$@"; do printf '%s\\0' "$word"; done`;
  const out = execFileSync('sh', ['-c', script], {
    encoding: 'utf8',
    env: { MOENGAGE_WORKSPACE_ID: 'WS', MOENGAGE_DATA_API_KEY: 'KEY', PATH: process.env.PATH ?? '' },
  });
  return out.split('\0').slice(0, -1);
}

describe('codeSamples', () => {
  it.each(operationIds)('gives %s a TypeScript sample and a curl sample, in that order', (operationId) => {
    expect(codeSamples(operations[operationId]).map(({ lang, label }) => ({ lang, label }))).toEqual([
      { lang: 'TypeScript', label: 'TypeScript (@moedata/client)' },
      { lang: 'curl', label: 'curl' },
    ]);
  });

  it.each(operationIds)(
    'calls the client method %s with the first request example as its argument',
    (operationId) => {
      const [typescript] = codeSamples(operations[operationId]);
      const call = typescript?.source.match(
        new RegExp(`await moengage\\.${operationId}\\(([\\s\\S]*)\\);\\n`),
      );
      expect(call, typescript?.source).not.toBeNull();
      // The literal is plain data, so evaluating it shows exactly what the sample sends.
      const argument = new Function(`return (${call?.[1]});`)();
      expect(argument).toEqual(
        operations[operationId].server === 'fileImports'
          ? { scheduleId: '6512a3b4c5d6e7f8a9b0c1d2' }
          : firstExample(operationId),
      );
    },
  );

  it('sends the first request example with curl to the data center 01 host, signed with Basic auth', () => {
    const [, curl] = codeSamples(operations.getUser);
    const words = shellWords(curl?.source ?? '');
    expect(words.slice(0, 4)).toEqual([
      '-X',
      'POST',
      'https://api-01.moengage.com/v1/customers/export?app_id=WS',
      '-u',
    ]);
    expect(words[4]).toBe('WS:KEY');
    expect(words).toContain('Content-Type: application/json');
    expect(JSON.parse(words[words.indexOf('-d') + 1] ?? '')).toEqual(firstExample('getUser'));
  });

  it('puts the workspace in the path where the operation takes it there', () => {
    const [, curl] = codeSamples(operations.trackUser);
    expect(shellWords(curl?.source ?? '')[2]).toBe('https://api-01.moengage.com/v1/customer/WS');
  });

  it('sends Trigger File Imports to the file-imports host with MOE-APPKEY and no body', () => {
    const [, curl] = codeSamples(operations.triggerFileImport);
    const words = shellWords(curl?.source ?? '');
    expect(words[2]).toBe(
      'https://fileimports-data-api-01.moengage.com/v1.0/data/fileimports/trigger/6512a3b4c5d6e7f8a9b0c1d2',
    );
    expect(words).toContain('MOE-APPKEY: WS');
    expect(words).not.toContain('-d');
  });

  it('keeps a body with a single quote intact through the shell', () => {
    const operation = {
      ...operations.trackUser,
      requestExamples: { quote: { summary: 'quote', value: { customer_id: "o'brien", attributes: {} } } },
    };
    const [, curl] = codeSamples(operation);
    const words = shellWords(curl?.source ?? '');
    expect(JSON.parse(words[words.indexOf('-d') + 1] ?? '')).toEqual({
      customer_id: "o'brien",
      attributes: {},
    });
  });
});

describe('toTypeScriptLiteral', () => {
  it('writes identifier keys bare, quotes the others and escapes quotes in strings', () => {
    const literal = toTypeScriptLiteral({ plain: "it's", 'moe-key': ['a', 1, true, null] });
    expect(literal).toBe("{\n  plain: 'it\\'s',\n  'moe-key': ['a', 1, true, null],\n}");
    expect(new Function(`return (${literal});`)()).toEqual({
      plain: "it's",
      'moe-key': ['a', 1, true, null],
    });
  });
});
