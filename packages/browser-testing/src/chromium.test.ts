import { describe, expect, it, vi } from 'vitest';
import {
  CHROMIUM_ARGS,
  chromiumAvailability,
  DEFAULT_CHROMIUM_PATH,
  decideChromiumSuite,
  describeWithChromium,
} from './chromium.ts';

const nowhere = () => false;
const everywhere = () => true;

describe('chromiumAvailability', () => {
  it('looks for /usr/bin/chromium unless CHROMIUM_PATH names another browser', () => {
    expect(chromiumAvailability({ env: {}, exists: everywhere }).executablePath).toBe(DEFAULT_CHROMIUM_PATH);
    expect(DEFAULT_CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect(
      chromiumAvailability({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, exists: everywhere })
        .executablePath,
    ).toBe('/opt/chrome/chrome');
  });

  it('reports the browser missing when no file is at the path', () => {
    const checked: string[] = [];
    const availability = chromiumAvailability({
      env: { CHROMIUM_PATH: '/nowhere/chromium' },
      exists: (path) => {
        checked.push(path);
        return false;
      },
    });
    expect(availability.installed).toBe(false);
    expect(checked).toEqual(['/nowhere/chromium']);
  });

  it('requires the browser only when CI is exactly "true"', () => {
    expect(chromiumAvailability({ env: { CI: 'true' }, exists: nowhere }).required).toBe(true);
    expect(chromiumAvailability({ env: { CI: '1' }, exists: nowhere }).required).toBe(false);
    expect(chromiumAvailability({ env: {}, exists: nowhere }).required).toBe(false);
  });
});

describe('decideChromiumSuite', () => {
  it('runs the suite when Chromium is installed, in CI or not', () => {
    for (const CI of ['true', undefined]) {
      const availability = chromiumAvailability({ env: { CI }, exists: everywhere });
      expect(decideChromiumSuite('the site', availability)).toEqual({ action: 'run' });
    }
  });

  it('fails with the install command when CI=true and Chromium is missing', () => {
    const availability = chromiumAvailability({ env: { CI: 'true' }, exists: nowhere });
    const decision = decideChromiumSuite('the site', availability);
    expect(decision.action).toBe('fail');
    const message = decision.action === 'fail' ? decision.error.message : '';
    expect(message).toContain('apt-get install -y chromium');
    expect(message).toContain('/usr/bin/chromium');
    expect(message).toContain('"the site" must run when CI=true');
  });

  it('skips with a loud warning naming the suite and the install command outside CI', () => {
    const availability = chromiumAvailability({
      env: { CHROMIUM_PATH: '/nowhere/chromium' },
      exists: nowhere,
    });
    const decision = decideChromiumSuite('the site', availability);
    expect(decision.action).toBe('skip');
    const warning = decision.action === 'skip' ? decision.warning : '';
    expect(warning).toContain('!!! SKIPPING the browser test "the site" !!!');
    expect(warning).toContain('apt-get install -y chromium');
    expect(warning).toContain('/nowhere/chromium');
  });
});

describe('CHROMIUM_ARGS', () => {
  it('launches headless, without sandbox, GPU or background traffic', () => {
    expect(CHROMIUM_ARGS).toEqual([
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
    ]);
  });
});

// Declared at collection time, as a test file would: the warning must be printed then.
const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
const ranOnMissingBrowser: string[] = [];
describeWithChromium(
  'a suite on a machine without Chromium',
  { availability: { executablePath: '/nowhere/chromium', installed: false, required: false } },
  () => {
    it('is skipped', () => {
      ranOnMissingBrowser.push('ran');
    });
  },
);
const warnings = warn.mock.calls.map((call) => String(call[0]));
warn.mockRestore();

describe('describeWithChromium', () => {
  it('warns while declaring a suite it skips outside CI, and never runs its tests', () => {
    expect(warnings).toEqual([expect.stringContaining('SKIPPING the browser test "a suite on a machine')]);
    expect(ranOnMissingBrowser).toEqual([]);
  });
});
