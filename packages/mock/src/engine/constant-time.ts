/**
 * Secret comparison that takes the same time wherever the strings differ, written by hand because
 * `node:crypto`'s `timingSafeEqual` does not exist in the browser, where the MSW worker runs the engine.
 */
const encoder = new TextEncoder();

/**
 * Whether two strings are equal, comparing every byte of the longer one whatever the content, so the
 * time taken does not reveal how many leading characters of a guessed key were right. (The length of
 * the expected secret can still leak through timing; MoEngage keys have a fixed length anyway.)
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const a = encoder.encode(actual);
  const b = encoder.encode(expected);
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i += 1) {
    // Out-of-range reads yield undefined → 0 after `| 0`; the length check above already counted them.
    difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return difference === 0;
}
