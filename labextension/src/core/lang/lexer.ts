/**
 * Split one source line into tokens, mapping friendly Unicode to the plain operators
 * (a port of the Python kernel's `lang/lexer.py`; indices are UTF-16 units).
 */

import { ALIASES } from './builtins';
import { PlotterError, pyRepr, span } from '../errors';

export type TokenKind = 'num' | 'name' | 'op' | 'kw' | 'end';

/** One token; `text` is canonical (`pi` for `π`, `^` for `**`). */
export interface IToken {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  value: number;
  /** A one-character symbol name such as `π`, which may touch other names. */
  symbol: boolean;
}

export const KEYWORDS: ReadonlySet<string> = new Set(['for', 'in']);

/** Single characters that mean an ASCII operator. */
const UNICODE_OPS: Record<string, string> = {
  '−': '-',
  '–': '-',
  '×': '*',
  '·': '*',
  '⋅': '*',
  '∗': '*',
  '∙': '*',
  '•': '*',
  '÷': '/',
  '∕': '/',
  '≤': '<=',
  '≥': '>=',
  '…': '...'
};
/** One-character names that may touch other names (`2πx`). */
export const SYMBOL_NAMES: Record<string, string> = {
  π: 'pi',
  θ: 'theta',
  '√': 'sqrt',
  '∛': 'cbrt'
};
const SUPERSCRIPTS: Record<string, number> = { '²': 2, '³': 3 };
const TWO_CHAR_OPS: Record<string, string> = {
  '**': '^',
  '<=': '<=',
  '>=': '>=',
  '==': '='
};
const ONE_CHAR_OPS = new Set("+-*/^!()[],=<>|{}:'°~≈");
/** `[1...10]`: a range of a list (`…` is read as this too). */
const ELLIPSIS = '...';
/** `log_2`: the subscript of a logarithm's base is lexed on its own. */
const SUBSCRIPTED = 'log_';

/** An exponent counts only when a digit follows (`2e` is 2·e, `2e-3` is 0.002). */
const NUMBER = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

const ALPHA = /^\p{L}$/u;
const PY_SPACE = new Set([
  ...'\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i))
]);

/** Python's `str.isspace` for one character. */
export function isSpace(ch: string): boolean {
  return PY_SPACE.has(ch);
}

/** Python's `str.isalpha` for one character. */
export function isAlpha(ch: string): boolean {
  return ALPHA.test(ch);
}

export function token(
  kind: TokenKind,
  text: string,
  start: number,
  end: number,
  value = 0,
  symbol = false
): IToken {
  return { kind, text, start, end, value, symbol };
}

/** Index of the `#` that starts the comment, or the length of the line. */
export function commentStart(text: string): number {
  const index = text.indexOf('#');
  return index < 0 ? text.length : index;
}

export function isNameStart(ch: string): boolean {
  return (
    (isAlpha(ch) || ch === '_') &&
    !(ch in SYMBOL_NAMES) &&
    !(ch in SUPERSCRIPTS)
  );
}

export function isNameChar(ch: string): boolean {
  return isNameStart(ch) || (ch >= '0' && ch <= '9');
}

/** The character (one code point) at UTF-16 index `i`. */
export function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i) as number);
}

/**
 * Tokens of `text` up to its comment, ending with an `end` token.
 *
 * Throws a `SyntaxError` located at the first character the language does not know.
 */
export function tokenize(text: string, line = 0): IToken[] {
  const { tokens, unknown } = tokenizeLenient(text);
  if (unknown.length > 0) {
    const i = unknown[0];
    const ch = charAt(text, i);
    throw new PlotterError(
      'SyntaxError',
      `The character ${pyRepr(ch)} is not part of the Plotter language.`,
      span(line, i, i + ch.length),
      'unexpected-character'
    );
  }
  return tokens;
}

/** The tokens of a line read past its unknown characters, and where those are. */
export interface ILenient {
  /** Tokens up to the comment, ending with an `end` token. */
  tokens: IToken[];
  /** Start index of every character the language does not know, in order. */
  unknown: number[];
}

/**
 * Tokens of `text` up to its comment, skipping (and listing) the characters the
 * language does not know: for the editor, which shows a line whatever it holds.
 * The tokens are those `tokenize` gives for each stretch between two such characters.
 */
export function tokenizeLenient(text: string): ILenient {
  const tokens: IToken[] = [];
  const unknown: number[] = [];
  const stop = commentStart(text);
  const code = text.slice(0, stop);
  let i = 0;
  while (i < stop) {
    const next = readAt(text, code, i, tokens);
    if (next < 0) {
      unknown.push(i);
      i += charAt(text, i).length;
    } else {
      i = next;
    }
  }
  tokens.push(token('end', '', stop, stop));
  return { tokens, unknown };
}

/**
 * Read what starts at `i` (white space or a token, pushed onto `tokens`): the index
 * after it, or -1 when the character there is not part of the language.
 */
function readAt(
  text: string,
  code: string,
  i: number,
  tokens: IToken[]
): number {
  const stop = code.length;
  const ch = charAt(text, i);
  if (isSpace(ch)) {
    return i + ch.length;
  }
  if (code.startsWith(ELLIPSIS, i)) {
    tokens.push(token('op', ELLIPSIS, i, i + 3));
    return i + 3;
  }
  let number: RegExpExecArray | null = null;
  if ((ch >= '0' && ch <= '9') || ch === '.') {
    NUMBER.lastIndex = i;
    number = NUMBER.exec(code);
  }
  if (number) {
    let end = i + number[0].length;
    if (code.startsWith(ELLIPSIS, end - 1)) {
      end -= 1; // `[1...10]`: the dot belongs to the ellipsis
    }
    const text = code.slice(i, end);
    tokens.push(token('num', text, i, end, Number(text)));
    return end;
  }
  if (isNameStart(ch)) {
    let j = i + ch.length;
    while (j < stop && isNameChar(charAt(text, j))) {
      j += charAt(text, j).length;
    }
    let word = text.slice(i, j);
    if (word.startsWith(SUBSCRIPTED) && j > i + SUBSCRIPTED.length) {
      tokens.push(token('name', 'log', i, i + 3));
      tokens.push(token('op', '_', i + 3, i + 4));
      return i + 4;
    }
    word = ALIASES.get(word) ?? word;
    tokens.push(token(KEYWORDS.has(word) ? 'kw' : 'name', word, i, j));
    return j;
  }
  if (ch in SYMBOL_NAMES) {
    tokens.push(token('name', SYMBOL_NAMES[ch], i, i + 1, 0, ch !== '√'));
    return i + 1;
  }
  if (ch in SUPERSCRIPTS) {
    tokens.push(token('op', '^', i, i + 1));
    tokens.push(token('num', ch, i, i + 1, SUPERSCRIPTS[ch]));
    return i + 1;
  }
  if (code.slice(i, i + 2) in TWO_CHAR_OPS) {
    tokens.push(token('op', TWO_CHAR_OPS[code.slice(i, i + 2)], i, i + 2));
    return i + 2;
  }
  if (ONE_CHAR_OPS.has(ch) || ch in UNICODE_OPS) {
    tokens.push(token('op', UNICODE_OPS[ch] ?? ch, i, i + 1));
    return i + 1;
  }
  return -1;
}
