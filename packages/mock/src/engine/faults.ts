/**
 * Fault injection: decides, per request, whether to add latency and whether to answer 5xx, so client
 * retry logic can be tested against the emulator.
 */
import type { FaultConfig, FaultContext, FaultStatus } from './types.ts';

/** What to do with one request. */
export interface FaultDecision {
  /** Milliseconds to wait before answering (0 = none). */
  latencyMs: number;
  /** The 5xx to answer with, or `undefined` to carry on normally. */
  failWith: FaultStatus | undefined;
}

const NO_FAULT: FaultDecision = { latencyMs: 0, failWith: undefined };

/** Decides faults; `random` is the engine's seeded generator. */
export interface FaultInjector {
  decide(faults: FaultConfig | undefined, context: FaultContext): FaultDecision;
}

/** Creates an injector. `nextFailures` counts down per config object, so `setFaults` with a new object starts afresh. */
export function createFaultInjector(random: () => number): FaultInjector {
  const failuresLeft = new WeakMap<FaultConfig, number>();
  return {
    decide(faults, context) {
      if (!faults) return NO_FAULT;
      if (faults.when && !safePredicate(faults.when, context)) return NO_FAULT;
      const latencyMs = Math.max(0, faults.latencyMs ?? 0);
      const status = faults.status ?? 500;
      if (faults.nextFailures !== undefined) {
        const left = failuresLeft.get(faults) ?? faults.nextFailures;
        if (left > 0) {
          failuresLeft.set(faults, left - 1);
          return { latencyMs, failWith: status };
        }
        failuresLeft.set(faults, 0);
      }
      if (faults.rate !== undefined) {
        return { latencyMs, failWith: random() < faults.rate ? status : undefined };
      }
      // No count and no rate: a predicate or a status alone fails every selected request; latency alone only delays.
      const failAlways =
        faults.nextFailures === undefined && (faults.when !== undefined || faults.status !== undefined);
      return { latencyMs, failWith: failAlways ? status : undefined };
    },
  };
}

/** A throwing predicate must not make the engine throw: treat it as "not selected". */
function safePredicate(when: (context: FaultContext) => boolean, context: FaultContext): boolean {
  try {
    return when(context) === true;
  } catch {
    return false;
  }
}
