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
  'asec',
  'acsc',
  'acot',
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

/** Other spellings of builtins (`arcsin` is `asin`). */
export const ALIASES: ReadonlySet<string> = new Set([
  'arcsin',
  'arccos',
  'arctan',
  'arcsec',
  'arccsc',
  'arccot',
  'arsinh',
  'arcosh',
  'artanh',
  'arcsinh',
  'arccosh',
  'arctanh'
]);

/** `sum(n, 1, 10, 1/n^2)` and `prod(k, 1, 5, k)`. */
export const SERIES: ReadonlySet<string> = new Set(['sum', 'prod']);

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
 * when `pos < text.length`, so a caller always makes progress. A run of letters
 * that is no name but splits into names (`pix`, `xsinx`) is read one name at a
 * time, as the kernel reads it; user names are not known here, so `ax` stays one.
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
  const derivative = Private.derivative(text, pos);
  if (derivative) {
    return { end: pos + derivative, kind: 'operator' };
  }
  if (rest[0] === '_' && Private.afterLog(text, pos)) {
    return { end: pos + 1, kind: 'operator' };
  }
  const word = Private.NAME.exec(rest);
  if (word) {
    return Private.name(text, pos, word[0]);
  }
  for (const [pattern, classify] of Private.symbols) {
    const match = pattern.exec(rest);
    if (match) {
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
  if (
    BUILTINS.has(name) ||
    ALIASES.has(name) ||
    SERIES.has(name) ||
    name === '√'
  ) {
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

/**
 * `word` as names, longest first from the left (`pix` is pi, x), or null.
 */
export function splitRun(
  word: string,
  names: ReadonlySet<string>
): string[] | null {
  if (word.length > 40) {
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
      const part = word.slice(i, j);
      if (names.has(part)) {
        const tail = from(j);
        if (tail) {
          return [part, ...tail];
        }
      }
    }
    failed.add(i);
    return null;
  };
  return from(0);
}

namespace Private {
  type Classify = (token: string) => TokenKind | null;

  /** A name: letters, `_` and ASCII digits; `π` and `θ` always stand alone. */
  export const NAME = /^(?:(?![πθ])[\p{L}_])(?:(?![πθ])[\p{L}_0-9])*/u;

  /** Ordered rules tried before names: the first pattern that matches wins. */
  export const rules: ReadonlyArray<[RegExp, Classify]> = [
    [/^\s+/, () => null],
    [/^#.*/, () => 'lineComment'],
    [/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/, () => 'number'],
    [/^[²³]/, () => 'number']
  ];

  /** Rules after names: symbols, operators and brackets. */
  export const symbols: ReadonlyArray<[RegExp, Classify]> = [
    [/^[πθ]/, classifyName],
    [/^[√∛]/, () => 'variableName.standard'],
    [/^(?:\*\*|<=|>=|==|[-+*/^!=<>'_−–×·⋅∗∙•÷∕≤≥])/, () => 'operator'],
    [/^[()[\]{}|]/, () => 'bracket'],
    [/^[,:]/, () => 'punctuation']
  ];

  const BASE: ReadonlySet<string> = new Set([
    ...BUILTINS,
    ...ALIASES,
    ...SERIES,
    'pi',
    'e',
    'tau',
    'x',
    'y',
    't',
    'r',
    'theta'
  ]);

  const HEAD =
    /^\s*([\p{L}_][\p{L}_0-9]*)\s*(?:=|\(\s*([\p{L}_][\p{L}_0-9]*(?:\s*,\s*[\p{L}_][\p{L}_0-9]*)*)\s*\)\s*=)/u;
  const INDEX = /(?:sum|prod)\s*\(\s*([\p{L}_][\p{L}_0-9]*)\s*,/gu;

  /** What a line defines and its local names (inputs, sum indices), as the kernel reads them. */
  export function lineNames(text: string): {
    head: string | null;
    locals: Set<string>;
  } {
    const locals = new Set<string>();
    const match = HEAD.exec(text);
    let head: string | null = null;
    if (match && !BASE.has(match[1])) {
      head = match[1];
      for (const input of (match[2] ?? '').split(',')) {
        if (input.trim()) {
          locals.add(input.trim());
        }
      }
    }
    for (const index of text.matchAll(INDEX)) {
      locals.add(index[1]);
    }
    return { head, locals };
  }

  /** The token a word at `pos` starts: the word, or the first name of its run. */
  export function name(
    text: string,
    pos: number,
    word: string
  ): { end: number; kind: TokenKind } {
    if (word.startsWith('log_') && word.length > 4) {
      return { end: pos + 3, kind: 'variableName.standard' };
    }
    const { head, locals } = lineNames(text);
    const names = new Set([...BASE, ...locals]);
    const isHead = head === word && pos === text.search(/\S/);
    if (!isHead && !names.has(word)) {
      const parts = splitRun(word, names);
      if (parts && parts.length > 1) {
        return { end: pos + parts[0].length, kind: classifyName(parts[0]) };
      }
    }
    return { end: pos + word.length, kind: classifyName(word) };
  }

  /** `_` right after `log` (`log_2`) is the base's operator, not part of a name. */
  export function afterLog(text: string, pos: number): boolean {
    return text.slice(Math.max(0, pos - 3), pos) === 'log';
  }

  /** Length of `d/dx` (any variable or local name) at `pos`, or 0. */
  export function derivative(text: string, pos: number): number {
    const match = /^d\/d(θ|(?:(?![πθ])[\p{L}_])(?:(?![πθ])[\p{L}_0-9])*)/u.exec(
      text.slice(pos)
    );
    if (!match) {
      return 0;
    }
    const variable = match[1] === 'θ' ? 'theta' : match[1];
    const { locals } = lineNames(text);
    const isVariable = ['x', 'y', 't', 'r', 'theta'].includes(variable);
    return isVariable || locals.has(variable) ? match[0].length : 0;
  }
}
