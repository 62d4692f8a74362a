/**
 * Letter runs and `d/dx`: rewrite a line's tokens once the defined names are known
 * (a port of the Python kernel's `lang/runs.py`).
 *
 * `pix` is one name to the lexer; when it is not defined but splits entirely into
 * defined names (longest first from the left) it is read as `pi x`.
 *
 * Two runs are never products. A run that starts with a builtin function's name and
 * splits only by reading a later `e` as the constant is that function misspelt in
 * English (`sine`, `cosine`, `sinepi`, `arcsine`): it stays an unknown name, with the
 * function as the suggestion. `pi` alone after a function is a product (`cospix`).
 * And a run on the left of `=` that splits into names holding a plot variable
 * (`xy = 1`) is an equation, not the definition of `xy`.
 */

import {
  ALIASES,
  BUILTINS,
  CONSTANTS,
  PLOT_VARIABLES,
  SERIES
} from './builtins';
import { PlotterError } from '../errors';
import { IToken, tokenize } from './lexer';

/** Names defined whatever the session holds. */
export const BASE_NAMES: ReadonlySet<string> = new Set([
  ...BUILTINS.keys(),
  ...ALIASES.keys(),
  ...SERIES.keys(),
  ...CONSTANTS.keys(),
  ...PLOT_VARIABLES
]);
const LONGEST_RUN = 40;
/** Builtin function names and their aliases, longest first. */
export const FUNCTION_NAMES: readonly string[] = [
  ...new Set([...BUILTINS.keys(), ...ALIASES.keys()])
].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));

/** The user's names visible to a line: parameters and functions. */
export class Known {
  constructor(
    readonly values: ReadonlySet<string> = new Set(),
    readonly functions: ReadonlySet<string> = new Set()
  ) {}

  /** Every name a letter run may split into. */
  names(): Set<string> {
    return new Set([...BASE_NAMES, ...this.values, ...this.functions]);
  }
}

/** What a definition line defines: `name` with `params` (null for a parameter). */
export interface IHead {
  name: string;
  params: string[] | null;
}

function isOp(t: IToken | undefined, text: string): boolean {
  return t !== undefined && t.kind === 'op' && t.text === text;
}

/** `a = ...` or `f(x, k) = ...` at the start of a line, whatever the name is. */
export function headShape(tokens: IToken[]): IHead | null {
  if (!tokens.length || tokens[0].kind !== 'name' || tokens[0].symbol) {
    return null;
  }
  const name = tokens[0].text;
  if (isOp(tokens[1], '=')) {
    return { name, params: null };
  }
  if (!isOp(tokens[1], '(')) {
    return null;
  }
  const params: string[] = [];
  let i = 2;
  while (tokens[i].kind === 'name') {
    params.push(tokens[i].text);
    i += 1;
    if (isOp(tokens[i], ',')) {
      i += 1;
    }
  }
  if (params.length && isOp(tokens[i], ')') && isOp(tokens[i + 1], '=')) {
    return { name, params };
  }
  return null;
}

/**
 * What a line defines: its head, unless that names a builtin, constant or plot variable,
 * or is a run of `names` holding a plot variable (`xy = 1` is an equation).
 */
export function definitionHead(
  tokens: IToken[],
  names: ReadonlySet<string> = BASE_NAMES
): IHead | null {
  const head = headShape(tokens);
  if (
    head === null ||
    PLOT_VARIABLES.has(head.name) ||
    CONSTANTS.has(head.name) ||
    BUILTINS.has(head.name)
  ) {
    return null;
  }
  if (head.params === null && !names.has(head.name)) {
    const parts = splitRun(head.name, names);
    if (parts !== null && parts.some(p => PLOT_VARIABLES.has(p))) {
      return null;
    }
  }
  return head;
}

/**
 * The builtin function `word` spells in English (`sine`: sin), or null.
 *
 * That is the longest builtin function name `word` starts with, when one to four
 * letters follow it and hold an `e` (`tangent`, `sinepi`); a letter run that splits
 * is only read so when its split starts with that function and uses the constant `e`.
 */
export function misspelt(word: string): string | null {
  for (const name of FUNCTION_NAMES) {
    if (word.startsWith(name)) {
      const rest = word.slice(name.length);
      return rest.length > 0 && rest.length <= 4 && rest.includes('e')
        ? name
        : null;
    }
  }
  return null;
}

/** The index names of `sum(n, ...)` and `prod(k, ...)` in a line. */
export function seriesIndices(tokens: IToken[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length - 3; i++) {
    const [a, b, c, d] = tokens.slice(i, i + 4);
    if (
      a.kind === 'name' &&
      SERIES.has(a.text) &&
      b.text === '(' &&
      c.kind === 'name'
    ) {
      if (isOp(d, ',')) {
        found.add(c.text);
      }
    }
  }
  return found;
}

/** The variables of `[k^2 for k = ...]` in a line: numbers, so `k(k + 1)` multiplies. */
export function comprehensionVariables(tokens: IToken[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length - 2; i++) {
    const [a, b, c] = tokens.slice(i, i + 3);
    if (
      a.kind === 'kw' &&
      a.text === 'for' &&
      b.kind === 'name' &&
      isOp(c, '=')
    ) {
      found.add(b.text);
    }
  }
  return found;
}

/** The session's names plus every name a line of the cell defines (above or below). */
export function cellKnown(
  lines: string[],
  values: Iterable<string>,
  functions: Iterable<string>
): Known {
  const vals = new Set(values);
  const funcs = new Set(functions);
  lines.forEach((text, index) => {
    let head: IHead | null;
    try {
      head = definitionHead(
        tokenize(text, index),
        new Set([...BASE_NAMES, ...vals, ...funcs])
      );
    } catch (err) {
      if (err instanceof PlotterError) {
        return;
      }
      throw err;
    }
    if (head === null) {
      return;
    }
    if (head.params === null) {
      vals.add(head.name);
      funcs.delete(head.name);
    } else {
      funcs.add(head.name);
      vals.delete(head.name);
    }
  });
  return new Known(vals, funcs);
}

/** `word` as defined names, longest first from the left, or null. */
export function splitRun(
  word: string,
  names: ReadonlySet<string>
): string[] | null {
  if (word.length > LONGEST_RUN) {
    return null;
  }
  const failed = new Set<number>();
  const from = (i: number): string[] | null => {
    if (i === word.length) {
      return [];
    }
    if (failed.has(i)) {
      return null;
    }
    for (let j = word.length; j > i; j--) {
      if (names.has(word.slice(i, j))) {
        const rest = from(j);
        if (rest !== null) {
          return [word.slice(i, j), ...rest];
        }
      }
    }
    failed.add(i);
    return null;
  };
  return from(0);
}

/** `d/dx` as one token starting at `tokens[i]`, if it is there. */
function derivativeToken(
  tokens: IToken[],
  i: number,
  variables: ReadonlySet<string>
): IToken | null {
  const d = tokens[i];
  const slash = tokens[i + 1];
  if (!(d.kind === 'name' && d.text === 'd' && isOp(slash, '/'))) {
    return null;
  }
  const nxt = tokens[i + 2];
  if (
    nxt.kind === 'name' &&
    nxt.text.startsWith('d') &&
    variables.has(nxt.text.slice(1))
  ) {
    return {
      ...d,
      kind: 'op',
      text: 'd/d' + nxt.text.slice(1),
      end: nxt.end,
      value: 0
    };
  }
  const after = i + 3 < tokens.length ? tokens[i + 3] : nxt;
  if (
    nxt.kind === 'name' &&
    nxt.text === 'd' &&
    after.kind === 'name' &&
    after.symbol
  ) {
    if (after.start === nxt.end && variables.has(after.text)) {
      return {
        ...d,
        kind: 'op',
        text: 'd/d' + after.text,
        end: after.end,
        value: 0
      };
    }
  }
  return null;
}

/** Tokens with `d/dx` joined and letter runs split (the defined name kept whole). */
export function rewrite(tokens: IToken[], known: Known): IToken[] {
  const head = definitionHead(tokens, known.names());
  const locals = new Set<string>(head?.params ?? []);
  for (const index of seriesIndices(tokens)) {
    locals.add(index);
  }
  const names = known.names();
  for (const local of locals) {
    names.add(local);
  }
  if (head !== null) {
    names.add(head.name);
  }
  const variables = new Set(
    [...PLOT_VARIABLES, ...locals].filter(
      v => !known.values.has(v) && !known.functions.has(v)
    )
  );
  const userNames = (n: string): boolean =>
    known.values.has(n) || known.functions.has(n);
  const out: IToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i];
    if (tok.kind === 'end') {
      out.push(tok);
      break;
    }
    const joined =
      i + 2 < tokens.length ? derivativeToken(tokens, i, variables) : null;
    if (
      joined !== null &&
      !userNames('d') &&
      !userNames(joined.text.slice(2))
    ) {
      out.push(joined);
      i += tokens[i + 2].text !== 'd' ? 3 : 4;
      continue;
    }
    let parts: string[] | null = null;
    if (tok.kind === 'name' && !tok.symbol && !names.has(tok.text)) {
      parts = !(head && i === 0) ? splitRun(tok.text, names) : null;
      if (
        parts &&
        parts[0] === misspelt(tok.text) &&
        parts.slice(1).includes('e')
      ) {
        parts = null; // `sine`: a misspelt function, not sin·e
      }
    }
    if (parts && parts.length > 1) {
      let start = tok.start;
      for (const part of parts) {
        const text = ALIASES.get(part) ?? part;
        out.push({
          ...tok,
          text,
          start,
          end: start + part.length,
          symbol: true
        });
        start += part.length;
      }
    } else {
      out.push(tok);
    }
    i += 1;
  }
  return out;
}
