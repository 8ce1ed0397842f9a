/**
 * Our standalone emulator (the `node:http` server of @moedata/mock) with full validation, auth, rate
 * limiting (budgets set out of reach) and state, in a child process.
 *   node bench/lib/servers/emulator.ts [--store memory|sqlite] [--data FILE]
 * Prints `{"port":N}` when listening; SIGTERM closes it gracefully.
 */
import { parseArgs } from 'node:util';
import { createSqliteStore, startMockServer } from '@moedata/mock/node';
import { WORKSPACE_ID } from '../fixtures.ts';
import { UNLIMITED_WORKSPACE } from './unlimited.ts';

const { values } = parseArgs({
  options: { store: { type: 'string', default: 'memory' }, data: { type: 'string' } },
});
const store = values.store === 'sqlite' ? createSqliteStore({ path: values.data ?? ':memory:' }) : undefined;
const server = await startMockServer({
  port: 0,
  host: '127.0.0.1',
  keepAliveTimeoutMs: 30_000,
  engineOptions: { workspaces: { [WORKSPACE_ID]: UNLIMITED_WORKSPACE }, ...(store ? { store } : {}) },
});
console.log(JSON.stringify({ port: server.port }));
process.on('SIGTERM', () => {
  void server.close().then(() => {
    store?.close();
    process.exit(0);
  });
});
