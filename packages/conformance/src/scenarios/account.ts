/**
 * Account states (suspended, temporarily suspended, blacklisted, no key yet). A real workspace cannot
 * be put in these states safely, so these run only against the emulator: each adds a workspace
 * through `/_mock/workspaces`, sends one Track User to it, and removes it.
 */
import type { ErrorId } from '@moedata/spec/errors';
import type { Scenario } from '../scenario.ts';

function accountScenario(
  id: string,
  title: string,
  settings: { accountState?: string; apiKey: string | null },
  errorId: ErrorId,
): Scenario {
  return {
    id,
    title: `A workspace ${title} is refused`,
    emulatorOnly: true,
    async run(context) {
      const workspace = `MOEDATACONFORMANCE${id.replaceAll('-', '').toUpperCase()}`;
      const key = 'moedata-conformance-key';
      await context.mockApi('POST', '/_mock/workspaces', { workspaceId: workspace, ...settings });
      try {
        const request = context.request(
          'trackUser',
          { type: 'customer', customer_id: context.userId('account'), attributes: { name: 'x' } },
          { appId: workspace, credentials: { workspace, key } },
        );
        // The user would land in the throw-away workspace, never in the one under test.
        await context.step(
          `Track User in a workspace ${title}`,
          request,
          { kind: 'error', errorId },
          { creates: [] },
        );
      } finally {
        await context.mockApi('DELETE', `/_mock/workspaces/${workspace}`);
      }
    },
  };
}

export const accountScenarios: readonly Scenario[] = [
  accountScenario(
    'account-suspended',
    'that is suspended',
    { accountState: 'suspended', apiKey: 'moedata-conformance-key' },
    'accountSuspended',
  ),
  accountScenario(
    'account-temporarily-suspended',
    'that is temporarily suspended',
    { accountState: 'temporarilySuspended', apiKey: 'moedata-conformance-key' },
    'accountTemporarilySuspended',
  ),
  accountScenario(
    'account-blacklisted',
    'that is blacklisted',
    { accountState: 'blacklisted', apiKey: 'moedata-conformance-key' },
    'blacklisted',
  ),
  accountScenario('account-key-not-set', 'without a Data API key', { apiKey: null }, 'secretNotSet'),
];
