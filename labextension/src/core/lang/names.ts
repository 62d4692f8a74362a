/**
 * Hints for unknown names: a close spelling, or the product or call the user may mean
 * (a port of the Python kernel's `lang/names.py`, with difflib's close matches).
 */

import { BUILTINS } from './builtins';
import { misspelt } from './runs';
import { isAlpha } from './lexer';
import { pyRepr } from '../errors';

/** Sentences to append to "Unknown name ...", or "". */
export function hint(
  id: string,
  known: ReadonlySet<string>,
  pool: string[]
): string {
  const function_ = misspelt(id);
  if (function_ !== null) {
    return ` Did you mean ${pyRepr(function_)}?`;
  }
  const builtins = [...BUILTINS.keys()].sort((a, b) => b.length - a.length);
  for (const builtin of builtins) {
    if (id.startsWith(builtin)) {
      const parts = splitNames(id.slice(builtin.length), known);
      if (parts && parts.length) {
        return ` Did you mean ${builtin}(${parts.join('*')})?`;
      }
    }
    if (id.endsWith(builtin)) {
      const parts = splitNames(id.slice(0, id.length - builtin.length), known);
      if (parts && parts.length) {
        return ` To multiply, write ${parts.join('*')}*${builtin}(...).`;
      }
    }
  }
  const missing = missingLetters(id, known);
  if (missing.length) {
    const product = (
      splitNames(id, new Set([...known, ...missing])) ?? [id]
    ).join('*');
    const first = missing[0];
    return ` If you mean ${product}, define ${first} first, like ${first} = 1.`;
  }
  const lower = id.toLowerCase();
  if (lower !== id && (pool.includes(lower) || known.has(lower))) {
    return ` Did you mean ${pyRepr(lower)}? Capital letters make a different name.`;
  }
  const close = getCloseMatches(id, pool, 1, 0.6);
  let text = close.length ? ` Did you mean ${pyRepr(close[0])}?` : '';
  const parts = splitNames(id, known);
  if (parts !== null && parts.length > 1) {
    text += ` To multiply, write ${parts.join('*')}.`;
  }
  return text;
}

/** `id` as a run of known names with the fewest parts (`pix` -> pi, x), if any. */
export function splitNames(
  id: string,
  known: ReadonlySet<string>
): string[] | null {
  const chars = [...id];
  if (chars.length > 24) {
    return null;
  }
  const best = new Map<number, string[]>([[0, []]]);
  for (let i = 0; i < chars.length; i++) {
    const here = best.get(i);
    if (here === undefined) {
      continue;
    }
    for (let j = i + 1; j <= chars.length; j++) {
      const part = chars.slice(i, j).join('');
      const there = best.get(j);
      if (
        known.has(part) &&
        (there === undefined || there.length > here.length + 1)
      ) {
        best.set(j, [...here, part]);
      }
    }
  }
  return best.get(chars.length) ?? null;
}

/** The undefined single letters that would make `id` a product (`ax`: a). */
function missingLetters(id: string, known: ReadonlySet<string>): string[] {
  const chars = [...id];
  if (chars.length > 6 || !chars.length || !chars.every(isAlpha)) {
    return [];
  }
  const letters = [...new Set(chars)].filter(ch => !known.has(ch));
  const parts = splitNames(id, new Set([...known, ...letters]));
  if (parts === null || parts.length < 2 || !parts.some(p => known.has(p))) {
    return [];
  }
  const missing = [...new Set(parts)].filter(p => !known.has(p));
  return missing.length === 1 ? missing : [];
}

// -- difflib.get_close_matches ----------------------------------------------------------

/** Python's `difflib.get_close_matches(word, possibilities, n, cutoff)`. */
export function getCloseMatches(
  word: string,
  possibilities: string[],
  n = 3,
  cutoff = 0.6
): string[] {
  const result: Array<[number, string]> = [];
  const b = [...word];
  for (const x of possibilities) {
    const a = [...x];
    const matcher = new SequenceMatcher(a, b);
    if (
      matcher.realQuickRatio() >= cutoff &&
      matcher.quickRatio() >= cutoff &&
      matcher.ratio() >= cutoff
    ) {
      result.push([matcher.ratio(), x]);
    }
  }
  // heapq.nlargest: by score, then by the string, largest first.
  result.sort(
    (p, q) => q[0] - p[0] || (q[1] > p[1] ? 1 : q[1] < p[1] ? -1 : 0)
  );
  return result.slice(0, n).map(([, x]) => x);
}

/** The parts of difflib's SequenceMatcher that `ratio` needs (no junk, no autojunk). */
class SequenceMatcher {
  constructor(
    readonly a: string[],
    readonly b: string[]
  ) {
    this.b2j = new Map();
    b.forEach((elt, i) => {
      const indices = this.b2j.get(elt);
      if (indices) {
        indices.push(i);
      } else {
        this.b2j.set(elt, [i]);
      }
    });
    // difflib's autojunk only applies from 200 elements on.
    if (b.length >= 200) {
      const ntest = Math.floor(b.length / 100) + 1;
      for (const [elt, indices] of [...this.b2j]) {
        if (indices.length > ntest) {
          this.b2j.delete(elt);
        }
      }
    }
  }

  findLongestMatch(
    alo: number,
    ahi: number,
    blo: number,
    bhi: number
  ): [number, number, number] {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map<number, number>();
      for (const j of this.b2j.get(this.a[i]) ?? []) {
        if (j < blo) {
          continue;
        }
        if (j >= bhi) {
          break;
        }
        const k = (j2len.get(j - 1) ?? 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = newj2len;
    }
    return [besti, bestj, bestsize];
  }

  matchingBlocks(): Array<[number, number, number]> {
    const la = this.a.length;
    const lb = this.b.length;
    const queue: Array<[number, number, number, number]> = [[0, la, 0, lb]];
    const blocks: Array<[number, number, number]> = [];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop() as [
        number,
        number,
        number,
        number
      ];
      const x = this.findLongestMatch(alo, ahi, blo, bhi);
      const [i, j, k] = x;
      if (k) {
        blocks.push(x);
        if (alo < i && blo < j) {
          queue.push([alo, i, blo, j]);
        }
        if (i + k < ahi && j + k < bhi) {
          queue.push([i + k, ahi, j + k, bhi]);
        }
      }
    }
    blocks.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
    return blocks;
  }

  ratio(): number {
    const matches = this.matchingBlocks().reduce((sum, [, , k]) => sum + k, 0);
    return calculateRatio(matches, this.a.length + this.b.length);
  }

  quickRatio(): number {
    const fullbcount = new Map<string, number>();
    for (const elt of this.b) {
      fullbcount.set(elt, (fullbcount.get(elt) ?? 0) + 1);
    }
    const avail = new Map<string, number>();
    let matches = 0;
    for (const elt of this.a) {
      const numb = avail.has(elt)
        ? (avail.get(elt) as number)
        : (fullbcount.get(elt) ?? 0);
      avail.set(elt, numb - 1);
      if (numb > 0) {
        matches += 1;
      }
    }
    return calculateRatio(matches, this.a.length + this.b.length);
  }

  realQuickRatio(): number {
    const la = this.a.length;
    const lb = this.b.length;
    return calculateRatio(Math.min(la, lb), la + lb);
  }

  private b2j: Map<string, number[]>;
}

function calculateRatio(matches: number, length: number): number {
  return length ? (2 * matches) / length : 1;
}
