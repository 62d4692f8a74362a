/**
 * Pure token rules of the Plotter language, shared by the editor mode and its tests.
 */

/** Builtin functions of the language (SPEC section 1). */
export const BUILTINS: ReadonlySet<string> = new Set([
  'sin',
  'cos',
  'tan',
  'sec',
  'csc',
  'cot',
  'asin',
  'acos',
  'atan',
  'atan2',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
  'exp',
  'ln',
  'log',
  'log2',
  'log10',
  'sqrt',
  'cbrt',
  'abs',
  'sign',
  'floor',
  'ceil',
  'round',
  'min',
  'max',
  'mod',
  'factorial',
  'gamma'
]);

/** Named constants. */
export const CONSTANTS: ReadonlySet<string> = new Set(['pi', 'π', 'e', 'tau']);

/** Variables that make a statement a plot. */
export const PLOT_VARIABLES: ReadonlySet<string> = new Set([
  'x',
  'y',
  't',
  'r',
  'theta',
  'θ'
]);

/** Keywords of restrictions and windows. */
export const KEYWORDS: ReadonlySet<string> = new Set(['for', 'in']);

/**
 * Token kinds, spelled as CodeMirror highlight tag names so the theme's
 * token colours apply (`variableName.standard` is the "builtin" colour).
 */
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

/**
 * Read the token that starts at `pos` in `text`.
 *
 * Returns the end of the token and its kind; the end is always past `pos`
 * when `pos < text.length`, so a caller always makes progress.
 */
export function readToken(
  text: string,
  pos: number
): { end: number; kind: TokenKind | null } {
  const rest = text.slice(pos);
  for (const [pattern, classify] of Private.rules) {
    const match = pattern.exec(rest);
    if (match && match[0].length > 0) {
      return { end: pos + match[0].length, kind: classify(match[0]) };
    }
  }
  const codePoint = text.codePointAt(pos) ?? 0;
  return { end: pos + (codePoint > 0xffff ? 2 : 1), kind: 'invalid' };
}

/** Split one line into tokens (white space included, with a null kind). */
export function tokenizeLine(text: string): IToken[] {
  const tokens: IToken[] = [];
  let pos = 0;
  while (pos < text.length) {
    const { end, kind } = readToken(text, pos);
    tokens.push({ from: pos, to: end, kind });
    pos = end;
  }
  return tokens;
}

/** Kind of an identifier: builtin, constant, plot variable, keyword or user name. */
export function classifyName(name: string): TokenKind {
  if (KEYWORDS.has(name)) {
    return 'keyword';
  }
  if (BUILTINS.has(name)) {
    return 'variableName.standard';
  }
  if (CONSTANTS.has(name)) {
    return 'atom';
  }
  if (PLOT_VARIABLES.has(name)) {
    return 'variableName.special';
  }
  return 'variableName';
}

namespace Private {
  type Classify = (token: string) => TokenKind | null;

  /** Ordered rules: the first pattern that matches at the start wins. */
  export const rules: ReadonlyArray<[RegExp, Classify]> = [
    [/^\s+/, () => null],
    [/^#.*/, () => 'lineComment'],
    [/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, () => 'number'],
    [/^[\p{L}_][\p{L}\p{N}_]*/u, classifyName],
    [/^(?:\*\*|<=|>=|[-+*/^!=<>])/, () => 'operator'],
    [/^[()[\]]/, () => 'bracket'],
    [/^,/, () => 'punctuation']
  ];
}
