/**
 * Counts requests in flight between the client and the mock, so the fake clock never jumps while a
 * request is still travelling (over MSW or a real socket): time only moves when everyone is waiting
 * on a timer.
 */

let inFlight = 0;

/** Marks one request as started; call the returned function once it is answered (or failed). */
export function beginActivity(): () => void {
  inFlight += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight -= 1;
  };
}

/** Whether any request is in flight. */
export function isBusy(): boolean {
  return inFlight > 0;
}
