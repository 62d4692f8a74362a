/**
 * A cell's time budget, checked cooperatively by every long loop (the Python kernel's
 * `budget.py`, as a plain `check()` function: the browser measures no CPU share).
 */

import { TimeLimit } from './errors';

/** A deadline `check()` as the Python `Budget` gives: throws {@link TimeLimit} once late. */
export function deadline(
  seconds: number,
  now: () => number = Date.now
): () => void {
  const end = now() + seconds * 1000;
  return () => {
    if (now() > end) {
      throw new TimeLimit(seconds);
    }
  };
}
