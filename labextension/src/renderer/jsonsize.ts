/**
 * A cheap lower bound on the JSON length of a value already parsed, to refuse an output
 * bigger than the kernel ever sends without serialising it again.
 */

/**
 * At least how many characters `value` takes as JSON, counted until the count passes
 * `most` (then it stops early and returns that count, which is over `most`).
 *
 * Each number counts 1 character, 3 when it has a fraction and 1 more when negative;
 * strings their length and quotes; arrays and objects their brackets, commas, keys and
 * colons. The walk keeps its own stack, so nesting of any depth is safe.
 */
export function jsonCharsAtLeast(value: unknown, most: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= most) {
    const v = stack.pop();
    if (typeof v === 'number') {
      count += (Number.isInteger(v) ? 1 : 3) + (v < 0 ? 1 : 0);
    } else if (typeof v === 'string') {
      count += v.length + 2;
    } else if (Array.isArray(v)) {
      count += 1 + Math.max(v.length, 1);
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push(v[i]);
      }
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      count += 1 + Math.max(keys.length, 1);
      for (const key of keys) {
        count += key.length + 3;
        stack.push((v as Record<string, unknown>)[key]);
      }
    } else {
      count += 4; // null, true, false
    }
  }
  return count;
}
