/**
 * Finding and launching Debian's headless Chromium for the browser tests, and the one policy for a
 * machine without it: in CI (`CI=true`) the suite fails, elsewhere it is skipped with a loud warning.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

/** Where Debian's `chromium` package installs the browser; `CHROMIUM_PATH` overrides it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags every browser test launches with: headless, no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/** Whether the browser tests can run here, and whether they must. */
export interface ChromiumAvailability {
  /** `CHROMIUM_PATH`, or {@link DEFAULT_CHROMIUM_PATH}. */
  executablePath: string;
  /** A file exists at `executablePath`. */
  installed: boolean;
  /** `CI=true`: a missing browser is a failure, not a reason to skip. */
  required: boolean;
}

/** What {@link chromiumAvailability} reads; tests pass their own. */
export interface ChromiumEnvironment {
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** @default fs.existsSync */
  exists?: (path: string) => boolean;
}

/** Reads `CHROMIUM_PATH` and `CI` and looks for the browser on disk. */
export function chromiumAvailability({
  env = process.env,
  exists = existsSync,
}: ChromiumEnvironment = {}): ChromiumAvailability {
  const executablePath = env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  return { executablePath, installed: exists(executablePath), required: env.CI === 'true' };
}

/** What a browser suite does on this machine. */
export type ChromiumDecision =
  | { action: 'run' }
  | { action: 'fail'; error: Error }
  | { action: 'skip'; warning: string };

/**
 * The policy for a browser suite named `suite`: run it when Chromium is there; otherwise fail in CI
 * and skip elsewhere, both with a message that says how to install the browser.
 */
export function decideChromiumSuite(suite: string, availability: ChromiumAvailability): ChromiumDecision {
  if (availability.installed) return { action: 'run' };
  const hint =
    `Chromium is not installed at ${availability.executablePath}: ` +
    'run `apt-get install -y chromium` or set CHROMIUM_PATH to the browser.';
  if (availability.required) {
    return { action: 'fail', error: new Error(`"${suite}" must run when CI=true. ${hint}`) };
  }
  return { action: 'skip', warning: `\n!!! SKIPPING the browser test "${suite}" !!!\n${hint}\n` };
}

/** Options of {@link describeWithChromium}. */
export interface DescribeWithChromiumOptions {
  /** Per-test timeout in milliseconds, as vitest's `describe` options. */
  timeout?: number;
  /** @default chromiumAvailability() */
  availability?: ChromiumAvailability;
}

/**
 * `describe` for a suite that needs Chromium, applying {@link decideChromiumSuite}: runs `tests`
 * when the browser is installed; otherwise registers one failing test (`CI=true`) or skips the
 * suite after a `console.warn`.
 *
 * @example
 * describeWithChromium('the site in headless Chromium', { timeout: 60_000 }, () => {
 *   let browser: Browser;
 *   beforeAll(async () => { browser = await launchChromium(); });
 *   afterAll(() => browser?.close());
 *   it('renders', async () => { ... });
 * });
 */
export function describeWithChromium(name: string, tests: () => void): void;
export function describeWithChromium(
  name: string,
  options: DescribeWithChromiumOptions,
  tests: () => void,
): void;
export function describeWithChromium(
  name: string,
  optionsOrTests: DescribeWithChromiumOptions | (() => void),
  testsAfterOptions?: () => void,
): void {
  const options: DescribeWithChromiumOptions = typeof optionsOrTests === 'function' ? {} : optionsOrTests;
  const tests = typeof optionsOrTests === 'function' ? optionsOrTests : testsAfterOptions;
  if (tests === undefined) {
    throw new TypeError(
      `describeWithChromium("${name}", options, tests): pass the function declaring the tests.`,
    );
  }
  const { availability = chromiumAvailability(), timeout } = options;
  const decision = decideChromiumSuite(name, availability);
  if (decision.action === 'fail') {
    it(`finds Chromium for "${name}" (required in CI)`, () => {
      throw decision.error;
    });
    return;
  }
  if (decision.action === 'skip') {
    console.warn(decision.warning);
    describe.skip(name, tests);
    return;
  }
  describe(name, timeout === undefined ? {} : { timeout }, tests);
}

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Flags added after {@link CHROMIUM_ARGS}. */
  args?: readonly string[];
  /**
   * How long the launch may take, in milliseconds.
   * @default 30_000
   */
  timeout?: number;
  /** @default chromiumAvailability().executablePath */
  executablePath?: string;
}

/** Launches the installed Chromium headless with {@link CHROMIUM_ARGS}; close it in `afterAll`. */
export function launchChromium({
  args = [],
  timeout = 30_000,
  executablePath = chromiumAvailability().executablePath,
}: LaunchChromiumOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...args], timeout });
}
