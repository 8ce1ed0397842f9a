/** Workspace settings for throughput runs: rate limits so high they never trigger ("rate limits off"). */
import { DEFAULT_RATE_LIMITS } from '@moedata/spec/rules';
import { API_KEY } from '../fixtures.ts';

const NEVER = 1e12;

/** Every budget of every operation (taken from the spec's defaults, so none is missed) set out of reach. */
export const UNLIMITED_RATE_LIMITS = Object.fromEntries(
  Object.entries(DEFAULT_RATE_LIMITS).map(([operationId, rule]) => [
    operationId,
    Object.fromEntries(Object.keys(rule.limits).map((unit) => [unit, NEVER])),
  ]),
);

/** The benchmark workspace with rate limits off (everything else at its defaults). */
export const UNLIMITED_WORKSPACE = { apiKey: API_KEY, rateLimits: UNLIMITED_RATE_LIMITS };
