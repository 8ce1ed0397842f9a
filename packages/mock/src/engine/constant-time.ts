/**
 * Secret comparison that takes the same time wherever the strings differ, written by hand because
 * `node:crypto`'s `timingSafeEqual` does not exist in the browser, where the MSW worker runs the engine.
 */

/**
 * Whether two strings are equal, comparing every UTF-16 code unit of the longer one whatever the
 * content, so the time taken does not reveal how many leading characters of a guessed key were right.
 * (The length of the expected secret can still leak through timing; MoEngage keys have a fixed length
 * anyway.) Code units rather than UTF-8 bytes: equal either way, and nothing to encode per request.
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const length = Math.max(actual.length, expected.length);
  let difference = actual.length ^ expected.length;
  for (let i = 0; i < length; i += 1) {
    // Past the end charCodeAt is NaN → 0 after `| 0`; the length check above already counted it.
    difference |= (actual.charCodeAt(i) | 0) ^ (expected.charCodeAt(i) | 0);
  }
  return difference === 0;
}
