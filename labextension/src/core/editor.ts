/**
 * The editor's tokens of a line, read by the core lexer itself (with letter runs split
 * as the kernel splits them, without user names), so highlighting and the kernel never
 * disagree. Kinds are CodeMirror highlight tag names, so the theme's colours apply
 * (`variableName.standard` is the "builtin" colour).
 */

import { unitLine } from './angles';
import {
  BUILTINS as TABLE,
  CONSTANTS,
  PLOT_VARIABLES,
  SERIES
} from './builtins';
import { PlotterError } from './errors';
import { IToken as ILexed, charAt, commentStart, tokenize } from './lexer';
import { Known, rewrite } from './runs';

export type TokenKind =
  | 'number'
  | 'operator'
  | 'variableName.standard'
  | 'atom'
  | 'variableName'
  | 'variableName.special'
  | 'keyword'
  | 'lineComment'
  | 'bracket'
  | 'punctuation'
  | 'invalid';

/** One token of a line: `kind` is null for white space. */
export interface IToken {
  /** Start index in the line (UTF-16 code units). */
  from: number;
  /** End index in the line (exclusive). */
  to: number;
  /** Highlight kind, or null for white space. */
  kind: TokenKind | null;
}

/** The builtin function names. */
export const BUILTINS: ReadonlySet<string> = new Set(TABLE.keys());

const BRACKETS = new Set('()[]{}|');
const PUNCTUATION = new Set(',:');

/** The highlight kind of one lexer token. */
function kindOf(t: ILexed): TokenKind {
  switch (t.kind) {
    case 'num':
      return 'number';
    case 'kw':
      return 'keyword';
    case 'name':
      if (unitLine(t.text) !== null) {
        return 'keyword'; // `degrees`, `radians`: the line switching the angle unit
      }
      if (TABLE.has(t.text) || SERIES.has(t.text)) {
        return 'variableName.standard';
      }
      if (CONSTANTS.has(t.text)) {
        return 'atom';
      }
      return PLOT_VARIABLES.has(t.text)
        ? 'variableName.special'
        : 'variableName';
    default:
      if (BRACKETS.has(t.text)) {
        return 'bracket';
      }
      return PUNCTUATION.has(t.text) ? 'punctuation' : 'operator';
  }
}

/** Lexer tokens of `text` from `offset` on, as highlight tokens (no white space). */
function lexed(text: string, offset: number): IToken[] {
  const part = text.slice(offset);
  let tokens: ILexed[];
  let bad: number | null = null;
  try {
    tokens = rewrite(tokenize(part), new Known());
  } catch (err) {
    if (!(err instanceof PlotterError) || err.span === null) {
      throw err;
    }
    bad = err.span.start;
    tokens = tokenize(part.slice(0, bad));
  }
  // `²` is both `^` and `2` to the lexer; the editor shows it as a number.
  const bySpan = new Map<string, IToken>();
  for (const t of tokens) {
    if (t.kind !== 'end') {
      const from = offset + t.start;
      const to = offset + t.end;
      bySpan.set(`${from}:${to}`, { from, to, kind: kindOf(t) });
    }
  }
  const found = [...bySpan.values()];
  if (bad !== null) {
    const from = offset + bad;
    const to = from + charAt(text, from).length;
    found.push({ from, to, kind: 'invalid' });
    found.push(...lexed(text, to));
  } else if (commentStart(part) < part.length) {
    found.push({
      from: offset + commentStart(part),
      to: text.length,
      kind: 'lineComment'
    });
  }
  return found;
}

/** Split one line into tokens covering it all (white space has a null kind). */
export function tokenizeLine(text: string): IToken[] {
  const tokens: IToken[] = [];
  let pos = 0;
  for (const t of lexed(text, 0)) {
    if (t.from > pos) {
      tokens.push({ from: pos, to: t.from, kind: null });
    }
    tokens.push(t);
    pos = t.to;
  }
  if (pos < text.length) {
    tokens.push({ from: pos, to: text.length, kind: null });
  }
  return tokens;
}

/**
 * The token that starts at `pos` in `text` (or the white space there): its end and
 * kind. The end is always past `pos` when `pos < text.length`.
 */
export function readToken(
  text: string,
  pos: number
): { end: number; kind: TokenKind | null } {
  if (Private.last.line !== text) {
    Private.last.line = text;
    Private.last.tokens = tokenizeLine(text);
  }
  for (const t of Private.last.tokens) {
    if (t.from <= pos && pos < t.to) {
      return { end: t.to, kind: t.kind };
    }
  }
  return { end: Math.max(pos + 1, text.length), kind: null };
}

namespace Private {
  /** The last line read, and its tokens: CodeMirror reads a line token by token. */
  export const last: { line: string | null; tokens: IToken[] } = {
    line: null,
    tokens: []
  };
}
