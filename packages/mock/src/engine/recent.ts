/**
 * A cache of a pure function's latest answers, for work every request repeats with the same input
 * (clients send the same Authorization header and URL again and again). Bounded: when full it is
 * emptied whole, which costs one recomputation per key and never grows memory.
 */

/** Wraps `compute` so repeated keys are answered from memory. The answers are shared: never mutate them. */
export function rememberRecent<T>(compute: (key: string) => T, limit = 256): (key: string) => T {
  const recent = new Map<string, T>();
  return (key) => {
    const known = recent.get(key);
    if (known !== undefined || recent.has(key)) return known as T;
    const answer = compute(key);
    if (recent.size >= limit) recent.clear();
    recent.set(key, answer);
    return answer;
  };
}
