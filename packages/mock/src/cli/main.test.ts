import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getUser,
  getUserBody,
  TEST_WORKSPACE,
  trackUser,
  trackUserBody,
} from '../../test/support/data-api.ts';
import { createSqliteStore } from '../store/sqlite.ts';
import { damageMiddlePages } from '../store/test-support/fixtures.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const mainScript = 'packages/mock/src/cli/main.ts';
const launcher = 'packages/mock/bin/moengage-mock.js';
const workspaceFlag = `${TEST_WORKSPACE.workspaceId}:${TEST_WORKSPACE.apiKey}`;

interface RunningProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'moengage-mock-cli-'));
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** Starts the CLI on a free port and resolves with its URL once it printed its whole banner. */
function startCli(args: string[]): Promise<RunningProcess> {
  const child = spawn(process.execPath, [mainScript, '--port', '0', ...args], { cwd: repoRoot });
  children.push(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start within 20 s:\n${output}`)), 20_000);
    const onOutput = (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] && output.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, exited });
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`CLI exited before listening:\n${output}`));
    });
  });
}

function runToCompletion(script: string, args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
}

describe('moengage-mock CLI', { timeout: 30_000 }, () => {
  it('prints its options with --help and exits 0', () => {
    const result = runToCompletion(mainScript, ['--help']);
    expect(result.status).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--workspace ID:KEY',
      '--config',
      '--data',
      '--log',
      '--app DIR',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('runs through the bin launcher too', () => {
    const result = runToCompletion(launcher, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('moengage-mock');
  });

  it('exits 2 on a config file with a bad field, naming the field and the file', () => {
    const config = join(folder, 'mock.json');
    writeFileSync(config, JSON.stringify({ workspaces: { MAIN: { apiKey: 'k', payloadLimitBytes: -5 } } }));
    const result = runToCompletion(mainScript, ['--config', config]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(config);
    expect(result.stderr).toContain('workspaces.MAIN.payloadLimitBytes');
    expect(result.stderr).toContain('--help');
  });

  it('serves a Track User then Get User round trip for the workspace given on the command line', async () => {
    const cli = await startCli(['--workspace', workspaceFlag]);
    expect((await trackUser(cli.url, trackUserBody('john'))).status).toBe(200);
    const body = (await (await getUser(cli.url, getUserBody('john'))).json()) as {
      data: { users: Array<{ user_attributes: Record<string, unknown> }> };
    };
    expect(body.data.users[0]?.user_attributes).toMatchObject({ customer_id: 'john', name: 'John Doe' });
    expect(cli.output()).toContain(`Workspaces: ${TEST_WORKSPACE.workspaceId}`);
  });

  it('creates a demo workspace when none is given and prints credentials that work', async () => {
    const cli = await startCli([]);
    const output = cli.output();
    const workspaceId = /Workspace ID: (\S+)/.exec(output)?.[1];
    const authorization = /Authorization: (Basic \S+)/.exec(output)?.[1];
    expect(workspaceId).toBeDefined();
    const response = await fetch(`${cli.url}/v1/customer/${workspaceId}`, {
      method: 'POST',
      headers: { authorization: authorization as string, 'content-type': 'application/json' },
      body: JSON.stringify(trackUserBody('demo-user')),
    });
    expect(response.status).toBe(200);
  });

  it('prints an admin token that /_mock writes need, and takes --no-admin-token for tests that drive it open', async () => {
    const cli = await startCli(['--workspace', workspaceFlag]);
    const token = /x-mock-admin-token header.*: (\S+)/.exec(cli.output())?.[1];
    expect(token).toBeDefined();
    const reset = (headers: Record<string, string>) =>
      fetch(`${cli.url}/_mock/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      });
    expect((await reset({})).status).toBe(401);
    expect((await reset({ 'x-mock-admin-token': token as string })).status).toBe(200);

    const open = await startCli(['--workspace', workspaceFlag, '--no-admin-token']);
    expect(open.output()).toContain('Admin token: off');
    expect(
      (
        await fetch(`${open.url}/_mock/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(200);
  });

  it('serves the folder given with --app at / and prints the playground URL', async () => {
    const appDir = join(folder, 'app');
    mkdirSync(join(appDir, 'assets'), { recursive: true });
    writeFileSync(join(appDir, 'index.html'), '<h1>My app</h1>');
    writeFileSync(join(appDir, 'assets', 'app.css'), 'body { margin: 0 }');
    const cli = await startCli(['--workspace', workspaceFlag, '--app', appDir]);
    expect(cli.output()).toContain(`Playground: ${cli.url}/`);
    expect(await (await fetch(`${cli.url}/`)).text()).toContain('My app');
    const css = await fetch(`${cli.url}/assets/app.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await trackUser(cli.url, trackUserBody('john'))).status).toBe(200);
  });

  it('exits 2 when --app names a folder that does not exist', () => {
    const result = runToCompletion(mainScript, ['--port', '0', '--app', join(folder, 'missing')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--app');
    expect(result.stderr).toContain('is not a folder');
  });

  it('exits 2 at start-up on a --data file with a damaged page, saying so', () => {
    const dataFile = join(folder, 'state.db');
    const store = createSqliteStore({ path: dataFile });
    for (let n = 0; n < 300; n += 1) {
      store.users.put({
        workspaceId: 'WS1',
        moengageId: `m${n}`,
        customerId: `c${n}`,
        attributes: { pad: 'x'.repeat(200) },
        createdAt: 0,
        updatedAt: 0,
      });
    }
    store.close();
    damageMiddlePages(dataFile);
    const result = runToCompletion(mainScript, ['--port', '0', '--data', dataFile]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--data: The data file ${dataFile} is damaged`);
  });

  it('stops gracefully on SIGTERM with exit code 0', async () => {
    const cli = await startCli(['--workspace', workspaceFlag]);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain('Stopped.');
  });

  it('keeps every answered request in the --data file, even when the process is killed', async () => {
    const dataFile = join(folder, 'state.db');
    const first = await startCli(['--workspace', workspaceFlag, '--data', dataFile, '--log', 'info']);
    expect((await trackUser(first.url, trackUserBody('survivor'))).status).toBe(200);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startCli(['--workspace', workspaceFlag, '--data', dataFile]);
    const body = (await (await getUser(second.url, getUserBody('survivor'))).json()) as {
      data: { users: Array<{ user_attributes: Record<string, unknown> }> };
    };
    expect(body.data.users[0]?.user_attributes).toMatchObject({ customer_id: 'survivor', name: 'John Doe' });
    expect(second.output()).toContain(`SQLite file ${dataFile}`);
  });
});
