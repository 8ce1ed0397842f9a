import { describe, expect, it } from 'vitest';
import { PREAMBLES } from './preambles.ts';
import { parseFenceInfo, samplesOfDocument, samplesOfReadme } from './samples.ts';

const none = { users: [], events: [], devices: [] };

describe('parseFenceInfo', () => {
  it('makes a bare ts block a program to run', () => {
    expect(parseFenceInfo('ts')).toEqual({ mode: 'run', preamble: '', expect: none });
  });

  it('reads what a run block must leave in the emulator', () => {
    expect(parseFenceInfo('ts user=u-1 event=Purchase device=d-1 user=u-2').expect).toEqual({
      users: ['u-1', 'u-2'],
      events: ['Purchase'],
      devices: ['d-1'],
    });
  });

  it('gives a fragment the preamble it names', () => {
    expect(parseFenceInfo('ts fragment=client')).toEqual({
      mode: 'fragment',
      preamble: PREAMBLES.client,
      expect: none,
    });
  });

  it('rejects a fragment without a known preamble, so it can never go unchecked', () => {
    expect(() => parseFenceInfo('ts fragment')).toThrow(/fragment needs one of the preambles client/);
    expect(() => parseFenceInfo('ts fragment=nope')).toThrow(/preambles/);
  });

  it('rejects a word it does not know, a typo included', () => {
    expect(() => parseFenceInfo('ts compiel')).toThrow(/unknown word "compiel"/);
  });

  it('rejects store expectations on a block that is not run', () => {
    expect(() => parseFenceInfo('ts compile user=u-1')).toThrow(/only a run sample/);
  });
});

describe('samplesOfReadme', () => {
  it('takes the TypeScript blocks only, numbered in order, pointing at their README line', () => {
    const markdown =
      '```sh\nls\n```\n\n```ts\nconst a = 1;\n```\n\n```typescript vitest\nconst b = 2;\n```\n';
    expect(
      samplesOfReadme(markdown, 'README.md', 'client-readme').map(({ id, origin, mode }) => ({
        id,
        origin,
        mode,
      })),
    ).toEqual([
      { id: 'client-readme-1', origin: 'README.md:6', mode: 'run' },
      { id: 'client-readme-2', origin: 'README.md:10', mode: 'vitest' },
    ]);
  });
});

describe('samplesOfDocument', () => {
  const sample = (lang: string) => ({ lang, label: lang, source: `${lang} source` });

  it('turns each operation into a TypeScript sample to run and a curl sample to send', () => {
    const document = {
      paths: {
        '/v1/x': { post: { operationId: 'trackX', 'x-codeSamples': [sample('TypeScript'), sample('curl')] } },
      },
    };
    expect(
      samplesOfDocument(document).map(({ id, mode, operationId }) => ({ id, mode, operationId })),
    ).toEqual([
      { id: 'reference-trackX-typescript', mode: 'run', operationId: 'trackX' },
      { id: 'reference-trackX-curl', mode: 'shell', operationId: 'trackX' },
    ]);
  });

  it('fails on an operation that lacks one of the two samples', () => {
    const document = {
      paths: { '/v1/x': { post: { operationId: 'trackX', 'x-codeSamples': [sample('curl')] } } },
    };
    expect(() => samplesOfDocument(document)).toThrow(
      /trackX: x-codeSamples must hold one TypeScript and one curl sample/,
    );
  });
});
