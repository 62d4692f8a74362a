/**
 * No Python twin: the editor's highlighting is the frontend's alone.
 *
 * The editor's tokens of a line, read by the core lexer itself (with letter runs split
 * as the kernel splits them, without user names), so highlighting and the kernel never
 * disagree. Kinds are CodeMirror highlight tag names, so the theme's colours apply
 * (`variableName.standard` is the "builtin" colour).
 */

import { unitLine } from './lang/angles';
import {
  BUILTINS as TABLE,
  CONSTANTS,
  PLOT_VARIABLES,
  SERIES
} from './lang/builtins';
import {
  IToken as ILexed,
  charAt,
  commentStart,
  tokenizeLenient
} from './lang/lexer';
import { Known, cellKnown, rewrite } from './lang/runs';
import { tableLine } from './lang/tables';
import { checkTokens, parseLine } from './lang/parser';
import { classify } from './lang/statements';
import { IProblem, PlotterError, fromError, span } from './errors';
import { DEFAULT_LIMITS, ILimits } from './limits';
import { diagnostics } from './report';
import type { Diagnostic } from './types';

export type TokenKind =
  | 'number'
  | 'operator'
  | 'variableName.standard'
  | 'atom'
  | 'variableName'
  | 'variableName.special'
  | 'keyword'
  | 'lineComment'
  | 'string'
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

/**
 * Characters of a line that are highlighted; the rest shows as plain text. CodeMirror
 * itself stops reading a line's tokens after this many, and the kernel refuses lines
 * far shorter (`maxLineChars`), so only a hostile or broken line is cut.
 */
export const HIGHLIGHT_CHARS = 10_000;

/**
 * Highlight tokens of `text` (no white space, in order), lexed once left to right. As
 * the kernel reads no further than an unknown character, only the stretch after the
 * last one has its letter runs split and `d/dx` joined.
 */
function lexed(text: string): IToken[] {
  const table = tableTokens(text);
  if (table !== null) {
    return table;
  }
  const { tokens, unknown } = tokenizeLenient(text);
  const lastBad = unknown.length ? unknown[unknown.length - 1] : -1;
  const split = tokens.findIndex(t => t.start > lastBad);
  const checked = unknown.length ? null : checkTokens(tokens);
  const found =
    checked === null
      ? [
          ...Private.highlighted(tokens.slice(0, split)),
          ...Private.highlighted(rewrite(tokens.slice(split), new Known()))
        ]
      : [
          // `check` and `on` are keywords of a check line
          {
            from: tokens[0].start,
            to: tokens[0].end,
            kind: 'keyword' as const
          },
          ...Private.highlighted(rewrite(checked, new Known()))
        ];
  for (const from of unknown) {
    found.push({ from, to: from + charAt(text, from).length, kind: 'invalid' });
  }
  const comment = commentStart(text);
  if (comment < text.length) {
    found.push({ from: comment, to: text.length, kind: 'lineComment' });
  }
  return found.sort((p, q) => p.from - q.from);
}

/** The tokens of a line `table("data.csv")`: a keyword, brackets and the file's name. */
function tableTokens(text: string): IToken[] | null {
  let name;
  try {
    name = tableLine(text, 0);
  } catch {
    return null; // the lexer's tokens, as the kernel reports the line
  }
  if (name === null) {
    return null;
  }
  const start = text.indexOf('table');
  const open = text.indexOf('(', start);
  const close = text.indexOf(')', name.end);
  const found: IToken[] = [
    { from: start, to: start + 5, kind: 'keyword' },
    { from: open, to: open + 1, kind: 'bracket' },
    { from: name.start, to: name.end, kind: 'string' },
    { from: close, to: close + 1, kind: 'bracket' }
  ];
  const comment = commentStart(text);
  if (comment < text.length) {
    found.push({ from: comment, to: text.length, kind: 'lineComment' });
  }
  return found;
}

/**
 * Split one line into tokens covering it all (white space has a null kind). Only the
 * first `most` characters are lexed: the rest is one plain token.
 */
export function tokenizeLine(
  text: string,
  most: number = HIGHLIGHT_CHARS
): IToken[] {
  const head = text.length > most ? text.slice(0, most) : text;
  const tokens: IToken[] = [];
  let pos = 0;
  for (const t of lexed(head)) {
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
  const t = Private.tokenAt(Private.last.tokens, pos);
  if (t) {
    return { end: t.to, kind: t.kind };
  }
  return { end: Math.max(pos + 1, text.length), kind: null };
}

namespace Private {
  /** The last line read, and its tokens: CodeMirror reads a line token by token. */
  export const last: { line: string | null; tokens: IToken[] } = {
    line: null,
    tokens: []
  };

  /** Highlight tokens of lexer tokens; `²` (both `^` and `2`) shows as a number. */
  export function highlighted(tokens: ILexed[]): IToken[] {
    const bySpan = new Map<string, IToken>();
    for (const t of tokens) {
      if (t.kind !== 'end') {
        bySpan.set(`${t.start}:${t.end}`, {
          from: t.start,
          to: t.end,
          kind: kindOf(t)
        });
      }
    }
    return [...bySpan.values()];
  }

  /** The token of `tokens` (in order, without gaps) holding `pos`, found by halving. */
  export function tokenAt(tokens: IToken[], pos: number): IToken | null {
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = tokens[mid];
      if (pos < t.from) {
        hi = mid - 1;
      } else if (pos >= t.to) {
        lo = mid + 1;
      } else {
        return t;
      }
    }
    return null;
  }
}

/**
 * The syntax mistakes of a cell, found while typing: each line parsed and classified
 * as the kernel does, knowing only the cell's own names. Names and values are judged
 * on a run, since only the kernel knows the session; a cell or line over the kernel's
 * size limits is left to the run too.
 */
export function syntaxDiagnostics(
  source: string,
  limits: Readonly<ILimits> = DEFAULT_LIMITS
): Diagnostic[] {
  if (source.length > limits.maxCellChars) {
    return [];
  }
  const lines = source.split('\n');
  const known = cellKnown(lines, [], []);
  const problems: IProblem[] = [];
  lines.forEach((text, index) => {
    if (unitLine(text) !== null || text.length > limits.maxLineChars) {
      return;
    }
    try {
      if (tableLine(text, index) !== null) {
        return; // the file is judged on a run
      }
      const line = parseLine(text, index, limits.maxDepth, known);
      if (line !== null) {
        classify(line);
      }
    } catch (err) {
      if (err instanceof PlotterError && err.ename === 'SyntaxError') {
        problems.push(fromError(err, span(index, 0, text.length)));
      }
    }
  });
  return diagnostics(problems, lines);
}
