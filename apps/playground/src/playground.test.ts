import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, it } from 'vitest';
import { useDemoEmulator } from '../test/support/demo-emulator.ts';
import { inPageConnection } from './connection/connect.ts';
import { createPlayground, type Region } from './playground.ts';

const mock = useDemoEmulator();

async function openPlayground() {
  const playground = createPlayground(inPageConnection(mock.engine), { credentials: DEMO_WORKSPACE });
  const changes: Region[][] = [];
  playground.subscribe((regions) => changes.push([...regions]));
  await playground.load();
  return { playground, changes };
}

const getUserBody = (customerId: string) => ({
  kind: 'body' as const,
  json: JSON.stringify({
    data: { identifiers: [{ identifier_type: 'customer_id', identifier: customerId }] },
  }),
});

describe('the playground', () => {
  it('opens on Track User with the first example of the spec, and the emulator budgets', async () => {
    const { playground } = await openPlayground();

    expect(playground.state.selected).toBe('trackUser');
    expect(playground.state.exampleNames.trackUser).toBe('basic');
    expect(playground.check()).toMatchObject({ ok: true });
    expect(playground.state.budgets?.trackUser).toEqual({ users: 10_000 });
    expect(playground.state.knownWorkspaces).toEqual(['DEMO']);
    expect(playground.state.emulatorState).toMatchObject({ users: [], requests: [] });
  });

  it('tracks the example user, fetches it back, and shows both in the emulator state', async () => {
    const { playground } = await openPlayground();

    const tracked = await playground.send();
    await playground.select('getUser');
    playground.editInput(getUserBody('john@example.com'));
    const fetched = await playground.send();

    expect(tracked).toMatchObject({ ok: true, status: 200 });
    expect(fetched).toMatchObject({ ok: true, status: 200 });
    expect(fetched.body).toMatchObject({
      data: {
        users: [
          { user_attributes: expect.objectContaining({ customer_id: 'john@example.com', name: 'JohnDoe' }) },
        ],
      },
    });
    expect(playground.state.outcomes).toMatchObject({ trackUser: { status: 200 }, getUser: { status: 200 } });
    expect(playground.state.emulatorState?.users).toEqual([
      expect.objectContaining({
        customerId: 'john@example.com',
        attributes: expect.objectContaining({ u_fn: 'John' }),
      }),
    ]);
  });

  it('answers 429 once the lowered budget is used up', async () => {
    const { playground } = await openPlayground();

    await playground.setBudget('users', 1);
    const first = await playground.send();
    const second = await playground.send();

    expect(playground.state.budgets?.trackUser).toEqual({ users: 1 });
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 429, rateLimit: { limit: 1, remaining: 0 } });
  });

  it('switches examples and keeps each form while moving between operations', async () => {
    const { playground, changes } = await openPlayground();

    playground.chooseExample('unsetAttributes');
    await playground.select('createEvent');
    await playground.select('trackUser');

    expect(playground.state.exampleNames.trackUser).toBe('unsetAttributes');
    expect(
      JSON.parse(
        playground.state.inputs.trackUser.kind === 'body' ? playground.state.inputs.trackUser.json : '',
      ),
    ).toHaveProperty('unset_attributes');
    expect(changes).toContainEqual(['form', 'check']);
  });

  it('redraws only the check while the body is edited, so typing keeps the caret', async () => {
    const { playground, changes } = await openPlayground();
    changes.length = 0;

    playground.editInput({ kind: 'body', json: '{' });

    expect(changes).toEqual([['check']]);
    expect(playground.check()).toMatchObject({ ok: false, problem: 'json' });
  });

  it('does not send a body that is not JSON, and says so', async () => {
    const { playground } = await openPlayground();
    playground.editInput({ kind: 'body', json: '{"type": "customer"' });

    const outcome = await playground.send();

    expect(outcome).toMatchObject({ ok: false, errorName: 'InvalidJson' });
    expect(outcome.status).toBeUndefined();
    expect(mock.store.requestLog.list()).toEqual([]);
  });

  it('signs with new credentials and forgets the answers of the old ones', async () => {
    const { playground } = await openPlayground();
    await playground.send();

    await playground.setCredentials({ workspaceId: 'DEMO', apiKey: 'wrong-key' });
    const outcome = await playground.send();

    expect(outcome).toMatchObject({ status: 401, errorName: 'AuthenticationError' });
    expect(Object.keys(playground.state.outcomes)).toEqual(['trackUser']);
  });

  it('empties the emulator and the answers shown on reset', async () => {
    const { playground } = await openPlayground();
    await playground.send();

    await playground.reset();

    expect(playground.state.outcomes).toEqual({});
    expect(playground.state.emulatorState).toMatchObject({ users: [], requests: [] });
    expect(mock.store.users.list()).toEqual([]);
  });
});
