import { describe, expect, it } from 'vitest';
import { fencedBlocks } from './markdown.ts';

describe('fencedBlocks', () => {
  it('returns each block with its info string, language and the line its code starts on', () => {
    const markdown = [
      '# Title',
      '',
      '```ts fragment=client',
      'const a = 1;',
      '```',
      '',
      '```sh',
      'ls',
      '```',
      '',
    ].join('\n');
    expect(fencedBlocks(markdown)).toEqual([
      { info: 'ts fragment=client', lang: 'ts', code: 'const a = 1;\n', line: 4 },
      { info: 'sh', lang: 'sh', code: 'ls\n', line: 8 },
    ]);
  });

  it('closes a block only with a fence of the same character at least as long', () => {
    const markdown = ['````md', '```ts', 'inner', '```', '````', '~~~', 'tilde', '~~~~'].join('\n');
    expect(fencedBlocks(markdown).map(({ lang, code }) => ({ lang, code }))).toEqual([
      { lang: 'md', code: '```ts\ninner\n```\n' },
      { lang: '', code: 'tilde\n' },
    ]);
  });

  it('runs an unclosed block to the end of the file', () => {
    expect(fencedBlocks('```ts\nconst a = 1;')).toEqual([
      { info: 'ts', lang: 'ts', code: 'const a = 1;\n', line: 2 },
    ]);
  });

  it('treats a line of backticks followed by more backticks as inline code, not a fence', () => {
    expect(fencedBlocks('```not a `fence`\ntext')).toEqual([]);
  });
});
