// The median of a list of numbers, for the Node halves of the benchmarks.
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[mid]
    : 0.5 * (sorted[mid - 1] + sorted[mid]);
}
