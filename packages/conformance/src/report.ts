/** The report as text: per scenario the requests sent, what was expected, what came back, the verdict. */
import { summariseBody } from './sender.ts';
import type { Check, ConformanceReport, ScenarioReport, StepReport } from './types.ts';

const show = (value: unknown) =>
  value === undefined ? '(absent)' : summariseBody(JSON.stringify(value), 200);

function renderCheck(check: Check): string {
  const mark = check.verdict === 'match' ? 'ok' : check.verdict === 'differs' ? 'DIFFERS' : '??';
  const line = `      ${mark.padEnd(7)} ${check.name}: expected ${show(check.expected)}, got ${show(check.got)}`;
  return check.note === undefined ? line : `${line} (${check.note})`;
}

function renderStep(step: StepReport, verbose: boolean): string[] {
  const { request } = step;
  const lines = [
    `    > ${request.method} ${request.path}${request.body === undefined ? '' : ` ${summariseBody(request.body, 160)}`}`,
    `      expected: ${summariseBody(step.expectation, 300)}`,
  ];
  if (step.response === undefined) return [...lines, '      (not sent)'];
  lines.push(
    `      got:      ${step.response.status} ${summariseBody(JSON.stringify(step.response.body), 300)}`,
  );
  const shown = verbose ? step.checks : step.checks.filter((check) => check.verdict !== 'match');
  return [...lines, ...shown.map(renderCheck)];
}

function renderScenario(scenario: ScenarioReport, verbose: boolean): string[] {
  const head = `[${scenario.verdict.toUpperCase()}] ${scenario.id}: ${scenario.title}`;
  return [
    scenario.note === undefined ? head : `${head} (${scenario.note})`,
    ...scenario.steps.flatMap((step) => [`  ${step.label}`, ...renderStep(step, verbose)]),
  ];
}

function renderCleanup({ mode, cleanup }: ConformanceReport): string {
  if (mode === 'dry-run') return `clean-up: ${cleanup.attempted} Delete User requests printed`;
  const failed = cleanup.failed.map((failure) => `${failure.customerId} (${failure.reason})`);
  return [
    `clean-up: ${cleanup.deleted.length} users deleted`,
    `${cleanup.absent.length} already absent (never created, or merged away)`,
    ...(failed.length === 0 ? [] : [`${failed.length} NOT deleted: ${failed.join('; ')}`]),
  ].join(', ');
}

/** The report as text; `verbose` lists matching checks too. */
export function renderReport(report: ConformanceReport, verbose = false): string {
  const { summary } = report;
  const total = report.scenarios.length - summary.skipped;
  const share = total === 0 ? 0 : Math.round((summary.match / total) * 1000) / 10;
  return [
    `moengage-conformance run ${report.runId} (${report.mode}) against ${report.target.core}${report.target.emulator ? ' (the emulator)' : ''}`,
    `customer_id prefix ${report.prefix}; ${report.requestsSent} of at most ${report.maxRequests} requests sent`,
    '',
    ...report.scenarios.flatMap((scenario) => [...renderScenario(scenario, verbose), '']),
    renderCleanup(report),
    ...(report.stoppedEarly === undefined ? [] : [`stopped early: ${report.stoppedEarly}`]),
    `${summary.match} match, ${summary.differs} differ, ${summary['could not tell']} could not tell, ${summary.skipped} skipped: ${share} % match`,
    ...(summary.differs === 0
      ? []
      : [
          `differs: ${report.scenarios
            .filter((s) => s.verdict === 'differs')
            .map((s) => s.id)
            .join(', ')}`,
        ]),
  ].join('\n');
}
