/**
 * Keeps the ingestor inside the workspace's Bulk Import budgets (users and events per fixed window),
 * correcting its picture of the window from the `x-ratelimit-*` headers of every response.
 *
 * The server counts in fixed windows whose boundaries we only learn from `x-ratelimit-reset` (whole
 * seconds left). The pacer therefore treats a boundary as uncertain by `safetyMs`: it starts using a
 * new window only `safetyMs` after the estimated boundary, and whatever was sent near a boundary is
 * counted in both windows until a response says otherwise.
 */
import type { RateLimitInfo } from '@moedata/spec/rate-limit';

/** Budget units: what Bulk Import's rate limit counts. */
export type BudgetUnit = 'users' | 'events';

/** Units one request (or element) consumes. */
export type Cost = Record<BudgetUnit, number>;

const UNITS: readonly BudgetUnit[] = ['users', 'events'];

/** A request's claim on the budget, from sending until its answer. */
export interface Reservation {
  readonly cost: Cost;
  readonly sentAt: number;
  /** The window (by generation) the claim is counted in. */
  generation: number;
}

/** What the pacer needs to know at construction. */
export interface PacerOptions {
  limits: Cost;
  /** @default 60000 */
  windowMs?: number;
  /** Uncertainty of a window boundary estimate. @default 1000 */
  safetyMs?: number;
}

/** A headroom snapshot for stats. */
export interface PacerSnapshot {
  limits: Cost;
  used: Cost;
  resetsInMs: number;
  pausedForMs: number;
}

/** Budget accounting for fixed rate-limit windows. */
export class Pacer {
  readonly #limits: Cost;
  readonly #used: Cost = { users: 0, events: 0 };
  #windowMs: number;
  readonly #safetyMs: number;
  /** Estimated end of the server's current window; unknown until the first send. */
  #windowEndsAt: number | undefined;
  /** Whether `#windowEndsAt` comes from a response (otherwise it is a guess). */
  #aligned = false;
  #generation = 0;
  #pausedUntil = 0;
  /** Claims that may still matter: unanswered ones, and recent ones near a boundary. */
  #recent: Reservation[] = [];
  readonly #unsettled = new Set<Reservation>();

  constructor(options: PacerOptions) {
    this.#limits = { ...options.limits };
    this.#windowMs = options.windowMs ?? 60_000;
    this.#safetyMs = options.safetyMs ?? 1_000;
  }

  /** Units that may be sent right now (0 and 0 while paused by a 429 or waiting for a window). */
  available(now: number): Cost {
    if (now < this.#pausedUntil) return { users: 0, events: 0 };
    this.#roll(now);
    return {
      users: Math.max(0, this.#limits.users - this.#used.users),
      events: Math.max(0, this.#limits.events - this.#used.events),
    };
  }

  /** When the budget next grows: the end of a 429 pause, or the start of the next window. */
  nextBudgetAt(now: number): number {
    if (now < this.#pausedUntil) return this.#pausedUntil;
    this.#roll(now);
    return (this.#windowEndsAt ?? now) + this.#safetyMs;
  }

  /** Whether a whole window could ever hold `cost`. */
  fitsInAWindow(cost: Cost): boolean {
    return cost.users <= this.#limits.users && cost.events <= this.#limits.events;
  }

  /** The current limits (configured, then corrected from headers). */
  get limits(): Readonly<Cost> {
    return this.#limits;
  }

  /** Claims `cost` if the window has room now; otherwise returns `undefined`. */
  tryReserve(cost: Cost, now: number): Reservation | undefined {
    const room = this.available(now);
    if (cost.users > room.users || cost.events > room.events) return undefined;
    this.#used.users += cost.users;
    this.#used.events += cost.events;
    const reservation: Reservation = { cost, sentAt: now, generation: this.#generation };
    this.#unsettled.add(reservation);
    this.#recent.push(reservation);
    return reservation;
  }

  /**
   * Ends a claim. `consumed: false` (the server rejected the request before counting it, e.g. a 429
   * or a 400) gives the units back to the window they were counted in.
   */
  settle(reservation: Reservation, consumed: boolean): void {
    this.#unsettled.delete(reservation);
    if (!consumed && reservation.generation === this.#generation) {
      for (const unit of UNITS) this.#used[unit] = Math.max(0, this.#used[unit] - reservation.cost[unit]);
    }
  }

  /**
   * Corrects the picture from a response's rate-limit headers: the window boundary from `reset`, and
   * for the unit the headers describe, the limit and what is used (`limit - remaining`, plus what
   * other unanswered requests claimed).
   */
  observe(info: RateLimitInfo, reservation: Reservation | undefined, now: number, rejected?: Cost): void {
    if (!(info.limit > 0)) return;
    if (info.windowSeconds > 0) this.#windowMs = info.windowSeconds * 1000;
    const unit = this.#unitOf(info, reservation, rejected);
    this.#limits[unit] = info.limit;
    const resetMs = Math.min(Math.max(info.resetSeconds, 0), this.#windowMs / 1000) * 1000;
    const boundary = now + resetMs;
    if (!this.#aligned || this.#windowEndsAt === undefined) {
      // The first answer replaces the guessed window.
      this.#aligned = true;
      this.#windowEndsAt = boundary;
    }
    const drift = boundary - this.#windowEndsAt;
    // A late answer from a window we already left says nothing about the current one.
    if (drift < -this.#windowMs / 2) return;
    if (drift > this.#windowMs / 2) this.#startWindowNow();
    this.#windowEndsAt = boundary;
    if (reservation) reservation.generation = this.#generation;
    this.#used[unit] = Math.max(0, info.limit - info.remaining) + this.#claimedByOthers(unit, reservation);
  }

  /** The server is already in a later window than we thought: start it, counting only unanswered claims. */
  #startWindowNow(): void {
    this.#generation++;
    this.#recent = [...this.#unsettled];
    this.#used.users = 0;
    this.#used.events = 0;
    for (const claim of this.#recent) {
      claim.generation = this.#generation;
      this.#used.users += claim.cost.users;
      this.#used.events += claim.cost.events;
    }
  }

  /**
   * A 429: nothing more is sent until the window resets (from the headers, or our estimate).
   * `rejected` is what the refused request asked for, which tells which budget the headers describe.
   */
  pauseForRateLimit(info: RateLimitInfo | undefined, now: number, rejected?: Cost): void {
    if (info) this.observe(info, undefined, now, rejected);
    this.#roll(now);
    const until = (this.#windowEndsAt ?? now + this.#windowMs) + this.#safetyMs;
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
  }

  /** Limits, usage and timing for stats. */
  snapshot(now: number): PacerSnapshot {
    this.#roll(now);
    return {
      limits: { ...this.#limits },
      used: { ...this.#used },
      resetsInMs: Math.max(0, (this.#windowEndsAt ?? now + this.#windowMs) - now),
      pausedForMs: Math.max(0, this.#pausedUntil - now),
    };
  }

  /** Units of `unit` claimed by unanswered requests other than `except`, in the current window. */
  #claimedByOthers(unit: BudgetUnit, except: Reservation | undefined): number {
    let sum = 0;
    for (const claim of this.#unsettled) {
      if (claim !== except && claim.generation === this.#generation) sum += claim.cost[unit];
    }
    return sum;
  }

  /** Moves to the next window once its estimated start (plus the safety margin) has passed. */
  #roll(now: number): void {
    if (this.#windowEndsAt === undefined) {
      // Nothing known yet: assume a fresh window; the first response aligns it.
      this.#windowEndsAt = now + this.#windowMs;
      return;
    }
    if (now < this.#windowEndsAt + this.#safetyMs) return;
    const boundary = this.#windowEndsAt;
    const windowsPassed = Math.floor((now - this.#safetyMs - boundary) / this.#windowMs) + 1;
    const newWindowStart = boundary + (windowsPassed - 1) * this.#windowMs;
    this.#windowEndsAt = newWindowStart + this.#windowMs;
    this.#generation++;
    // Unanswered claims, and claims sent close to the boundary, may count in the new window.
    const carried = this.#recent.filter(
      (claim) => this.#unsettled.has(claim) || claim.sentAt >= newWindowStart - this.#safetyMs,
    );
    this.#recent = carried;
    this.#used.users = 0;
    this.#used.events = 0;
    for (const claim of carried) {
      claim.generation = this.#generation;
      this.#used.users += claim.cost.users;
      this.#used.events += claim.cost.events;
    }
  }

  /**
   * Which budget one set of headers describes (Bulk Import has two but answers with one). A 429
   * describes the budget that overflowed: when the refused request asked more than `remaining` of
   * only one unit, that one (a limit lowered tenfold no longer looks like its old self). Otherwise
   * the unit whose limit is clearly closest to the header's limit; when both are alike, the one whose
   * expected remaining is closest to the header's.
   */
  #unitOf(info: RateLimitInfo, reservation: Reservation | undefined, rejected: Cost | undefined): BudgetUnit {
    const overflowed = rejected ? UNITS.filter((unit) => rejected[unit] > info.remaining) : [];
    if (overflowed.length === 1) return overflowed[0] as BudgetUnit;
    const distance = (unit: BudgetUnit) => Math.abs(Math.log(info.limit / Math.max(1, this.#limits[unit])));
    const byLimit = distance('users') - distance('events');
    if (Math.abs(byLimit) > Math.log(1.25)) return byLimit < 0 ? 'users' : 'events';
    const expectedRemaining = (unit: BudgetUnit) =>
      Math.abs(this.#limits[unit] - this.#used[unit] - info.remaining) -
      // Prefer the unit this request actually consumed when both look alike.
      (reservation && reservation.cost[unit] > 0 ? 0.5 : 0);
    return expectedRemaining('users') <= expectedRemaining('events') ? 'users' : 'events';
  }
}
