/**
 * `@moedata/browser-testing`: the set-up our headless Chromium tests share. Private, imported by the
 * test files of `@moedata/docs`, `@moedata/mock` and `@moedata/playground`.
 */

// Finding and launching Chromium, and the CI policy when it is missing
export {
  CHROMIUM_ARGS,
  type ChromiumAvailability,
  type ChromiumDecision,
  type ChromiumEnvironment,
  chromiumAvailability,
  DEFAULT_CHROMIUM_PATH,
  type DescribeWithChromiumOptions,
  decideChromiumSuite,
  describeWithChromium,
  type LaunchChromiumOptions,
  launchChromium,
} from './chromium.ts';
// Proving a page asks nothing of another host
export { guardOffline, LOCAL_HOST, type OfflineGuard } from './offline-guard.ts';
// Serving a built folder from 127.0.0.1
export { type StaticSite, serveFolder } from './static-server.ts';
// Screenshots and other artifacts
export { createTestResultsDir } from './test-results.ts';
