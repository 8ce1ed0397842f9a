/**
 * `@moedata/conformance`: runs the same scenarios against the emulator and a real MoEngage workspace,
 * records real answers and replays them against the emulator. The CLI is `moengage-conformance`.
 */

export { type CliIo, runCli } from './cli.ts';
export type { Expectation } from './expectations.ts';
export { renderReport } from './report.ts';
// Running the suite
export { type RunOptions, runConformance, runPrefix } from './run.ts';
// The suite and how to write a scenario
export type { RequestOptions, Scenario, ScenarioContext, StepOptions } from './scenario.ts';
export { scenarios } from './scenarios/index.ts';
// Snapshots
export type { Snapshot, SnapshotStep } from './snapshots.ts';
// Report types
export type {
  Check,
  CleanupReport,
  ConformanceReport,
  ScenarioReport,
  StepReport,
  Verdict,
  WireRequest,
  WireResponse,
} from './types.ts';
