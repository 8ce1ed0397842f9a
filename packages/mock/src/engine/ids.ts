/**
 * Identifiers and pseudo-random numbers. Request ids and MoEngage ids come from the platform's
 * `crypto.getRandomValues` (Node and browsers) so restarts over a persistent store do not repeat them;
 * fault injection uses a seeded generator so a test's failure pattern is reproducible.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// One call to the platform's generator per 4 KB of ids: a call per id costs more than the rest of a request.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomBytes(count: number): Uint8Array {
  if (poolOffset + count > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.slice(poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}

/** An 8-letter mixed-case id, like MoEngage's `request_id` (`kXwpDESb`). */
export function randomRequestId(): string {
  if (poolOffset + 8 > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  // Read in place (no copy, no array): this runs on every request. 256 % 52 != 0 gives a tiny bias,
  // irrelevant for an id that only has to look like MoEngage's.
  let id = '';
  for (let end = poolOffset + 8; poolOffset < end; poolOffset += 1) {
    id += LETTERS[(pool[poolOffset] as number) % LETTERS.length];
  }
  return id;
}

/**
 * A MoEngage ID generator: 24 lower-case hex characters laid out like a MongoDB ObjectId (seconds
 * since epoch, 5 random bytes, a counter), which is what MoEngage ids look like.
 */
export function moengageIdGenerator(now: () => number): () => string {
  const processPart = Array.from(randomBytes(5), (b) => b.toString(16).padStart(2, '0')).join('');
  let counter = randomBytes(3).reduce((value, byte) => value * 256 + byte, 0);
  return () => {
    counter = (counter + 1) % 0x1000000;
    const seconds = Math.floor(now() / 1000) % 0x100000000;
    return `${seconds.toString(16).padStart(8, '0')}${processPart}${counter.toString(16).padStart(6, '0')}`;
  };
}
