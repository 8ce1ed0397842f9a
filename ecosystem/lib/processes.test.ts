import { describe, expect, it } from 'vitest';
import { run, startBackground } from './processes.ts';

const node = process.execPath;
const options = { cwd: process.cwd(), timeoutMs: 10_000 };

describe('run', () => {
  it('resolves with what the command printed and how it ended', async () => {
    const result = await run(
      node,
      ['-e', 'console.log("out"); console.error("err"); process.exit(3)'],
      options,
    );

    expect(result).toMatchObject({ ok: false, exitCode: 3, timedOut: false, stdout: 'out\n' });
    expect(result.output).toContain('err');
  });

  it('kills a command that outlives its deadline, with the children it started', async () => {
    const started = performance.now();
    const result = await run(
      node,
      [
        '-e',
        'require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "inherit" }); setInterval(() => {}, 1000)',
      ],
      { ...options, timeoutMs: 500 },
    );

    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('startBackground', () => {
  it('resolves with the URL once the server prints it', async () => {
    const server = await startBackground(
      node,
      ['-e', 'console.log("listening on http://127.0.0.1:1234"); setInterval(() => {}, 1000)'],
      { ...options, ready: /listening on (http:\/\/\S+)/ },
    );
    server.stop();

    expect(server.url).toBe('http://127.0.0.1:1234');
  });

  it('rejects with its output when the server exits before it is ready', async () => {
    await expect(
      startBackground(node, ['-e', 'console.error("port in use"); process.exit(2)'], {
        ...options,
        ready: /listening on (http:\/\/\S+)/,
      }),
    ).rejects.toThrow(/exited with 2 before it was ready:\nport in use/);
  });
});
