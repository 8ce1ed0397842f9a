import { describe, expectTypeOf, it } from 'vitest';
import type { FaultConfig, WorkspaceConfig } from '../engine/types.ts';
import type { FaultSettings, WorkspaceOptions, WorkspaceSettings } from './workspace-schema.ts';

describe('JSON workspace settings', () => {
  it('produce a WorkspaceConfig the engine accepts as is', () => {
    expectTypeOf<WorkspaceSettings>().toExtend<WorkspaceConfig>();
    expectTypeOf<WorkspaceOptions>().toExtend<Omit<WorkspaceConfig, 'apiKey'>>();
  });

  it('cover every JSON-expressible fault option (all but the `when` predicate)', () => {
    expectTypeOf<keyof FaultSettings>().toEqualTypeOf<Exclude<keyof FaultConfig, 'when'>>();
  });

  it('cover every workspace option of the engine', () => {
    expectTypeOf<keyof WorkspaceSettings>().toEqualTypeOf<keyof WorkspaceConfig>();
  });
});
