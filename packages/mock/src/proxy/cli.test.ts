import { expect, it } from 'vitest';
import { CliUsageError } from '../cli/errors.ts';
import { startProxyCli } from './cli.ts';

const io = () => {
  const lines: string[] = [];
  return {
    lines,
    sink: { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) },
  };
};

it.each([
  [[], /proxy needs --upstream/],
  [['--upstream', 'api-01.moengage.com'], /--upstream must be an http\(s\) URL/],
  [['--upstream', 'https://api-01.moengage.com', '--port', '99999'], /--port must be a whole number/],
  [['--upstream', 'https://api-01.moengage.com', '--log', 'loud'], /--log must be one of/],
  [['--upstrem', 'https://api-01.moengage.com'], /Unknown option '--upstrem'/],
])('refuses %j with a usage error', async (argv, message) => {
  const promise = startProxyCli(argv, io().sink);
  await expect(promise).rejects.toThrow(CliUsageError);
  await expect(promise).rejects.toThrow(message);
});

it('starts on the given port, names both upstreams, and stops', async () => {
  const { lines, sink } = io();
  const proxy = await startProxyCli(['--upstream', 'https://api-02.moengage.com', '--port', '0'], sink);
  try {
    expect(lines).toEqual([
      `moengage-mock proxy on ${proxy?.url} → https://api-02.moengage.com (file imports → https://fileimports-data-api-02.moengage.com)`,
    ]);
  } finally {
    await proxy?.close();
  }
});
