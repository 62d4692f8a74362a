/**
 * Recursive-descent parser for one Plotter line, with exact spans and a nesting limit
 * (a port of the Python kernel's `lang/parser.py`: same messages and codes).
 */

import {
  BUILTINS,
  CONSTANTS,
  INVERSES,
  PLOT_VARIABLES,
  SERIES
} from './builtins';
import { DEGREE, degreeLine, scaled } from './angles';
import { ISpan, PlotterError, ResourceLimit, pyRepr, span } from '../errors';
import { IToken, commentStart, tokenize } from './lexer';
import {
  Known,
  comprehensionVariables,
  definitionHead,
  headShape,
  rewrite,
  seriesIndices
} from './runs';
import {
  Body,
  CallNode,
  ICondition,
  IInterval,
  ICheck,
  ILine,
  IRelation,
  IRestriction,
  IWindowClause,
  NameNode,
  Node,
  call,
  name,
  num
} from './syntax';

export const RELATIONS: ReadonlySet<string> = new Set([
  '=',
  '<',
  '<=',
  '>',
  '>='
]);
/** `Y ~ m X + b`: a regression, a relation of a whole line only (not in conditions). */
export const FIT = '~';
/** `check m ≈ 2`: equal within 1 %, a relation of check lines only. */
export const APPROX = '≈';
/** The word starting a check line (SPEC §11). */
export const CHECK = 'check';
const CLOSERS: Record<string, string> = {
  '(': ')',
  '[': ']',
  '{': '}',
  '|': '|'
};
/** Tokens that can only come after an operand: seen where one is expected, it is missing. */
const ENDS_OPERAND = new Set([
  ')',
  ']',
  '}',
  ',',
  ':',
  FIT,
  APPROX,
  ...RELATIONS
]);

function syntax(message: string, where: ISpan, code: string): PlotterError {
  return new PlotterError('SyntaxError', message, where, code);
}

/** Parses the tokens of one line; `maxDepth` bounds every kind of nesting. */
export class Parser {
  constructor(
    readonly tokens: IToken[],
    readonly line: number,
    readonly maxDepth = 100,
    readonly known: Known = new Known(),
    readonly text = ''
  ) {
    const head = definitionHead(tokens);
    this.values = new Set([
      ...PLOT_VARIABLES,
      ...CONSTANTS.keys(),
      ...known.values,
      ...(head?.params ?? []),
      ...seriesIndices(tokens),
      ...comprehensionVariables(tokens)
    ]);
  }

  // -- token helpers ------------------------------------------------------------------

  peek(ahead = 0): IToken {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  get prev(): IToken {
    return this.tokens[this.pos - 1];
  }

  advance(): IToken {
    const t = this.peek();
    this.pos += 1;
    return t;
  }

  at(kind: IToken['kind'], text?: string): boolean {
    const t = this.peek();
    return t.kind === kind && (text === undefined || t.text === text);
  }

  atRelation(): boolean {
    return this.at('op') && RELATIONS.has(this.peek().text);
  }

  span(start: number, end: number): ISpan {
    return span(this.line, start, end);
  }

  tokenSpan(t: IToken): ISpan {
    return span(this.line, t.start, t.end);
  }

  unexpected(): PlotterError {
    const t = this.peek();
    if (t.kind === 'end') {
      if (this.pos === 0) {
        return syntax(
          'This line is empty.',
          this.span(0, 0),
          'unexpected-token'
        );
      }
      const prev = this.prev;
      return syntax(
        `Something is missing after ${pyRepr(prev.text)}.`,
        this.tokenSpan(prev),
        'missing-operand'
      );
    }
    if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
      return syntax(
        `This ${pyRepr(t.text)} has no matching opening bracket.`,
        this.tokenSpan(t),
        'unmatched-bracket'
      );
    }
    if (t.kind === 'op' && t.text === APPROX) {
      return syntax(
        '≈ compares only in a check line, like: check m ≈ 2.',
        this.tokenSpan(t),
        'approx-outside-check'
      );
    }
    return syntax(
      `Unexpected ${pyRepr(t.text)} here.`,
      this.tokenSpan(t),
      'unexpected-token'
    );
  }

  expectCloser(opener: IToken): IToken {
    const closer = CLOSERS[opener.text];
    if (this.at('op', closer)) {
      return this.advance();
    }
    if (this.at('end')) {
      throw syntax(
        `This ${pyRepr(opener.text)} is never closed.`,
        this.tokenSpan(opener),
        'unclosed-bracket'
      );
    }
    throw this.unexpected();
  }

  /** Count one level of nesting; refuse to go deeper than `maxDepth`. */
  nested<T>(t: IToken, fn: () => T, extra = 1): T {
    this.depth += extra;
    try {
      if (this.depth > this.maxDepth) {
        throw new ResourceLimit(
          `This is nested too deeply (more than ${this.maxDepth} levels).`,
          this.tokenSpan(t),
          'too-deep'
        );
      }
      return fn();
    } finally {
      this.depth -= extra;
    }
  }

  /** Inside brackets, bars outside them can't be closed. */
  freshBars<T>(fn: () => T): T {
    const bars = this.bars;
    this.bars = 0;
    try {
      return fn();
    } finally {
      this.bars = bars;
    }
  }

  // -- statements ----------------------------------------------------------------------

  parseLine(text: string): ILine {
    const first = this.peek();
    let body: Body | IRelation | IWindowClause;
    if (
      first.kind === 'name' &&
      this.peek(1).kind === 'kw' &&
      this.peek(1).text === 'in'
    ) {
      const variable = name(this.advance().text, this.tokenSpan(first));
      this.advance();
      const interval = this.parseInterval();
      body = {
        type: 'window',
        variable,
        interval,
        span: this.span(first.start, interval.span.end)
      };
    } else {
      body = this.parseRelation();
    }
    let restriction: IRestriction | null = null;
    const conditions: ICondition[] = [];
    while (this.at('op', '{')) {
      conditions.push(this.parseBraces());
    }
    if (this.at('kw', 'for')) {
      restriction = this.parseRestriction();
    }
    while (this.at('op', '{')) {
      conditions.push(this.parseBraces());
    }
    if (!this.at('end')) {
      throw this.unexpected();
    }
    const stripped = text.slice(0, commentStart(text));
    const trimmed = pyStrip(stripped);
    const start = stripped.length - pyLstrip(stripped).length;
    const end = pyRstrip(stripped).length;
    return {
      body,
      restriction,
      span: this.span(start, end),
      text: trimmed,
      conditions
    };
  }

  /**
   * The line after the word `check`: a chain of relations (`=`, `<`, `≈`, ...) or
   * `point on curve`, then an optional `for x in [a, b]`.
   */
  parseCheck(text: string): ILine {
    const operands = [this.parseExpr()];
    const ops: string[] = [];
    if (this.at('kw', 'on')) {
      ops.push(this.advance().text);
      operands.push(this.parseExpr());
    } else {
      while (this.atRelation() || this.at('op', APPROX)) {
        ops.push(this.advance().text);
        operands.push(this.parseExpr());
      }
    }
    if (!ops.length) {
      throw syntax(
        'A check compares two things, like: check f(2) = 5 or check (3, 4) on f.',
        operands[0].span,
        'bad-check'
      );
    }
    const restriction = this.at('kw', 'for') ? this.parseRestriction() : null;
    if (!this.at('end')) {
      throw this.unexpected();
    }
    const last = operands[operands.length - 1];
    const body: ICheck = {
      type: 'check',
      operands,
      ops,
      span: this.span(operands[0].span.start, last.span.end)
    };
    const stripped = text.slice(0, commentStart(text));
    const start = stripped.length - pyLstrip(stripped).length;
    const end = pyRstrip(stripped).length;
    return {
      body,
      restriction,
      span: this.span(start, end),
      text: pyStrip(stripped),
      conditions: []
    };
  }

  parseRelation(): Body | IRelation {
    const left = this.parseList();
    if (!this.atRelation() && !this.at('op', FIT)) {
      return left;
    }
    const op = this.advance();
    const right = this.parseList();
    if (this.atRelation() || this.at('op', FIT)) {
      throw syntax(
        'Only one =, <, <=, >, >= or ~ is allowed in a line.',
        this.tokenSpan(this.peek()),
        'chained-relation'
      );
    }
    return {
      type: 'relation',
      op: op.text,
      left,
      right,
      opSpan: this.tokenSpan(op),
      span: this.span(left.span.start, right.span.end)
    };
  }

  parseRestriction(): IRestriction {
    const keyword = this.advance();
    if (!this.at('name')) {
      throw syntax(
        "After 'for' write a variable and an interval, like: for x in [0, 1].",
        this.tokenSpan(keyword),
        'bad-restriction'
      );
    }
    const varToken = this.advance();
    const variable = name(varToken.text, this.tokenSpan(varToken));
    if (!this.at('kw', 'in')) {
      throw syntax(
        `Write 'in' after ${varToken.text}, like: for x in [0, 1].`,
        variable.span,
        'bad-restriction'
      );
    }
    this.advance();
    const interval = this.parseInterval();
    return {
      type: 'restriction',
      variable,
      interval,
      span: this.span(keyword.start, interval.span.end)
    };
  }

  parseInterval(): IInterval {
    if (!this.at('op', '[')) {
      const t = !this.at('end') ? this.peek() : this.prev;
      throw syntax(
        'An interval is written with square brackets, like [0, 1].',
        this.tokenSpan(t),
        'bad-interval'
      );
    }
    const opener = this.advance();
    const [lo, hi, closer] = this.nested(opener, () => {
      const lo = this.parseExpr();
      if (!this.at('op', ',')) {
        if (this.at('op', ']')) {
          throw syntax(
            'An interval needs two numbers, like [0, 1].',
            this.span(opener.start, this.peek().end),
            'bad-interval'
          );
        }
        if (this.at('end')) {
          this.expectCloser(opener); // reports the unclosed bracket
        }
        throw this.unexpected();
      }
      this.advance();
      const hi = this.parseExpr();
      const closer = this.expectCloser(opener);
      return [lo, hi, closer] as const;
    });
    return {
      type: 'interval',
      lo,
      hi,
      span: this.span(opener.start, closer.end)
    };
  }

  // -- expressions ---------------------------------------------------------------------

  parseList(): Body {
    const first = this.parseExpr();
    if (!this.at('op', ',')) {
      return first;
    }
    const items = [first];
    while (this.at('op', ',')) {
      this.advance();
      items.push(this.parseExpr());
    }
    return {
      type: 'seq',
      items,
      span: this.span(first.span.start, items[items.length - 1].span.end)
    };
  }

  parseExpr(): Node {
    const first = this.parseTerm();
    const terms: Array<[string, Node]> = [['+', first]];
    while (this.at('op', '+') || this.at('op', '-')) {
      const op = this.advance().text;
      terms.push([op, this.parseTerm()]);
    }
    if (terms.length === 1) {
      return first;
    }
    return {
      type: 'sum',
      terms,
      span: this.span(first.span.start, terms[terms.length - 1][1].span.end)
    };
  }

  parseTerm(): Node {
    const first = this.parseUnary();
    const factors: Array<[string, Node]> = [['*', first]];
    for (;;) {
      if (this.at('op', '*') || this.at('op', '/')) {
        const op = this.advance().text;
        factors.push([op, this.parseUnary()]);
      } else if (this.startsFactor()) {
        this.checkJuxtaposition(this.prev, this.peek());
        factors.push(['', this.parsePower()]);
      } else {
        break;
      }
    }
    return this.product(factors);
  }

  product(factors: Array<[string, Node]>): Node {
    if (factors.length === 1) {
      return factors[0][1];
    }
    return {
      type: 'product',
      factors,
      span: this.span(
        factors[0][1].span.start,
        factors[factors.length - 1][1].span.end
      )
    };
  }

  /** Whether the next token starts a factor multiplied by what came before it. */
  startsFactor(): boolean {
    const t = this.peek();
    if (t.kind === 'num' || t.kind === 'name') {
      return true;
    }
    if (t.kind !== 'op') {
      return false;
    }
    if (t.text === '(' || t.text === '[' || t.text.startsWith('d/d')) {
      return true;
    }
    if (t.text === '|') {
      return this.bars === 0; // inside bars, a `|` after an operand closes them
    }
    return t.text === '{' && this.insideBracketsAtTop(':');
  }

  /** A function name here ends the input of a function written without brackets. */
  startsFunction(): boolean {
    const t = this.peek();
    if (t.kind === 'op') {
      return t.text.startsWith('d/d');
    }
    return (
      t.kind === 'name' &&
      (BUILTINS.has(t.text) ||
        SERIES.has(t.text) ||
        this.known.functions.has(t.text))
    );
  }

  /** Allow implicit multiplication except before a number (`2 3`, `x 2`). */
  checkJuxtaposition(prev: IToken, nxt: IToken): void {
    if (nxt.kind !== 'num') {
      return;
    }
    if (prev.kind === 'op' && [')', '|', '}'].includes(prev.text)) {
      return; // `(x+1)2`, `|x|2`
    }
    const both = this.span(prev.start, nxt.end);
    if (prev.kind === 'num') {
      throw syntax(
        `Two numbers in a row: put an operator between ${prev.text} and ${nxt.text}.`,
        both,
        'number-after-number'
      );
    }
    throw syntax(
      `Put an operator such as * between ${pyRepr(prev.text)} and ${pyRepr(nxt.text)}.`,
      both,
      'missing-operator'
    );
  }

  parseUnary(): Node {
    if (this.at('op', '-') || this.at('op', '+')) {
      const sign = this.advance();
      const operand = this.nested(sign, () => this.parseUnary());
      return {
        type: 'unary',
        op: sign.text,
        operand,
        span: this.span(sign.start, operand.span.end)
      };
    }
    return this.parsePower();
  }

  parsePower(): Node {
    const base = this.parsePostfix();
    if (!this.at('op', '^')) {
      return base;
    }
    const caret = this.advance();
    const exponent = this.nested(caret, () => this.parseUnary());
    return {
      type: 'power',
      base,
      exponent,
      span: this.span(base.span.start, exponent.span.end)
    };
  }

  /** Postfix `!` and `°` bind tighter than `^`: `30°^2` is `(30°)^2`. */
  parsePostfix(): Node {
    let node = this.parseAtom();
    while (
      this.at('op', '[') &&
      this.peek().start === this.prev.end &&
      node.type !== 'num'
    ) {
      node = this.parseIndex(node);
    }
    let bangs = 0;
    while (this.at('op', '!') || this.at('op', '°')) {
      const bang = this.advance();
      bangs += 1;
      const operand = node;
      const span = this.span(operand.span.start, bang.end);
      node = this.nested(
        bang,
        (): Node =>
          bang.text === '!'
            ? { type: 'factorial', operand, span }
            : scaled(operand, DEGREE, span),
        bangs
      );
    }
    return node;
  }

  parseAtom(): Node {
    const t = this.peek();
    if (t.kind === 'num') {
      this.advance();
      return num(t.value, this.tokenSpan(t));
    }
    if (t.kind === 'name') {
      return this.parseNamed();
    }
    if (t.kind === 'op') {
      if (t.text === '(') {
        return this.parseGroup();
      }
      if (t.text === '|') {
        return this.parseBars();
      }
      if (t.text === '{') {
        return this.parsePiecewise();
      }
      if (t.text.startsWith('d/d')) {
        return this.parseDerivative();
      }
      if (t.text === '[') {
        return this.parseBrackets();
      }
    }
    throw this.missingOperand();
  }

  /** The error where an operand was expected: at the operator that lacks it, if any. */
  missingOperand(): PlotterError {
    const t = this.peek();
    const ends =
      t.kind === 'end' || (t.kind === 'op' && ENDS_OPERAND.has(t.text));
    if (ends && this.pos > 0) {
      const prev = this.prev;
      if (
        prev.kind === 'op' &&
        ![')', ']', '}', '!', "'", '°'].includes(prev.text)
      ) {
        return syntax(
          `Something is missing after ${pyRepr(prev.text)}.`,
          this.tokenSpan(prev),
          'missing-operand'
        );
      }
    }
    return this.unexpected();
  }

  // -- names, calls and functions without brackets -------------------------------------

  parseNamed(): Node {
    const t = this.advance();
    const id = t.text;
    if (SERIES.has(id) && this.at('op', '(')) {
      return this.parseSeries(t);
    }
    if (BUILTINS.has(id) && !this.at('op', '(')) {
      if (this.at('op', '^')) {
        return this.parseFunctionPower(t);
      }
      if (id === 'log' && this.at('op', '_')) {
        return this.parseLogBase(t);
      }
      if (this.startsArgument()) {
        return this.apply(t, this.functionInput(t));
      }
    }
    const primes = this.parsePrimes();
    if (
      this.at('op', '(') &&
      (primes.length || !this.values.has(id) || this.isCallOfValue())
    ) {
      return this.parseCall(t, primes);
    }
    if (primes.length) {
      const ticks = "'".repeat(primes.length);
      throw syntax(
        `Write the input after ${id}${ticks}, like ${id}${ticks}(x).`,
        this.span(t.start, this.prev.end),
        'missing-operand'
      );
    }
    return name(id, this.tokenSpan(t));
  }

  /** A number's name before `(` multiplies, except `a(1, 2)` and a definition's head. */
  isCallOfValue(): boolean {
    if (this.pos === 1 && this.peek().start === this.prev.end) {
      const head = headShape(this.tokens);
      if (head !== null && head.params !== null) {
        return true;
      }
    }
    return this.insideBracketsAtTop(',');
  }

  /** Whether the bracket opening here holds `mark` outside any inner bracket. */
  insideBracketsAtTop(mark: string): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind !== 'op') {
        continue;
      }
      if (t.text === '(' || t.text === '[' || t.text === '{') {
        depth += 1;
      } else if (t.text === ')' || t.text === ']' || t.text === '}') {
        depth -= 1;
        if (depth === 0) {
          return false;
        }
      } else if (t.text === mark && depth === 1) {
        return true;
      }
    }
    return false;
  }

  /** `f'` and `f''`: the derivatives to take of a one-input function. */
  parsePrimes(): number[] {
    const primes: number[] = [];
    while (this.at('op', "'")) {
      this.advance();
      primes.push(0);
    }
    return primes;
  }

  /** What may follow a function written without brackets (`sin x`, `sin -x`). */
  startsArgument(): boolean {
    const t = this.peek();
    if (
      t.kind === 'op' &&
      (t.text === '-' || t.text === '|' || t.text === '{')
    ) {
      return true;
    }
    return this.startsFactor();
  }

  /** The input of a function written without brackets: the implicit product after it. */
  functionInput(fn: IToken): Node {
    return this.nested(fn, () => {
      const first = this.at('op', '{')
        ? this.parsePiecewise()
        : this.parseUnary();
      const factors: Array<[string, Node]> = [['*', first]];
      while (this.startsFactor() && !this.startsFunction()) {
        if (this.at('op', '{')) {
          break;
        }
        this.checkJuxtaposition(this.prev, this.peek());
        factors.push(['', this.parsePower()]);
      }
      return this.product(factors);
    });
  }

  apply(fn: IToken, arg: Node, id?: string): CallNode {
    return call(
      id ?? fn.text,
      this.tokenSpan(fn),
      [arg],
      this.span(fn.start, arg.span.end)
    );
  }

  /** `sin^2 x` is (sin x)^2; `sin^-1 x` is asin(x). */
  parseFunctionPower(fn: IToken): Node {
    const caret = this.advance();
    const exponent = this.parseFunctionExponent(caret);
    let result: CallNode;
    if (this.at('op', '(')) {
      result = this.parseCall(fn, []);
    } else if (this.startsArgument()) {
      result = this.apply(fn, this.functionInput(fn));
    } else {
      const power = `${fn.text}^${this.source(exponent)}`;
      throw syntax(
        `${power} needs an input, like ${power}(x).`,
        this.span(fn.start, exponent.span.end),
        'missing-operand'
      );
    }
    if (isMinusOne(exponent)) {
      const inverse = INVERSES.get(fn.text);
      if (inverse !== undefined && result.args.length === 1) {
        return call(inverse, result.funcSpan, result.args, result.span);
      }
      const arg = result.args.map(a => this.source(a)).join(', ');
      throw syntax(
        `${fn.text}^-1 has no inverse function here. ` +
          `For 1/${fn.text}(${arg}) write (${fn.text}(${arg}))^-1.`,
        this.span(fn.start, exponent.span.end),
        'no-inverse'
      );
    }
    return {
      type: 'power',
      base: result,
      exponent,
      span: this.span(fn.start, result.span.end)
    };
  }

  /** The exponent of a function power: a signed number, a name or a bracket. */
  parseFunctionExponent(caret: IToken): Node {
    let sign: IToken | null = null;
    if (this.at('op', '-') || this.at('op', '+')) {
      sign = this.advance();
    }
    const t = this.peek();
    let value: Node;
    if (t.kind === 'num') {
      this.advance();
      value = num(t.value, this.tokenSpan(t));
    } else if (t.kind === 'name') {
      this.advance();
      value = name(t.text, this.tokenSpan(t));
    } else if (t.kind === 'op' && t.text === '(') {
      value = this.parseGroup();
    } else {
      throw this.missingOperand();
    }
    if (sign === null) {
      return value;
    }
    return {
      type: 'unary',
      op: sign.text,
      operand: value,
      span: this.span(sign.start, value.span.end)
    };
  }

  /** `log_2(x)`, `log_2 x`, `log_b(x)`: a number or a name as the base. */
  parseLogBase(fn: IToken): Node {
    const underscore = this.advance();
    const t = this.peek();
    let base: Node;
    if (t.kind === 'num') {
      base = num(t.value, this.tokenSpan(t));
    } else if (t.kind === 'name' && !BUILTINS.has(t.text)) {
      base = name(t.text, this.tokenSpan(t));
    } else {
      throw syntax(
        'Write the base of the logarithm after _, like log_2(x).',
        this.tokenSpan(underscore),
        'bad-log-base'
      );
    }
    this.advance();
    if (this.at('op', '(')) {
      const c = this.parseCall(fn, []);
      return call(
        'log',
        c.funcSpan,
        [base, ...c.args],
        this.span(fn.start, c.span.end)
      );
    }
    if (!this.startsArgument()) {
      throw syntax(
        `log_${t.text} needs an input, like log_${t.text}(x).`,
        this.span(fn.start, t.end),
        'missing-operand'
      );
    }
    const arg = this.functionInput(fn);
    return call(
      'log',
      this.tokenSpan(fn),
      [base, arg],
      this.span(fn.start, arg.span.end)
    );
  }

  parseCall(fn: IToken, primes: number[] = []): CallNode {
    const opener = this.advance();
    const [args, closer] = this.bracketedList(
      opener,
      fn.start,
      `${fn.text} needs an input between its brackets.`
    );
    return call(
      fn.text,
      this.tokenSpan(fn),
      args,
      this.span(fn.start, closer.end),
      opener.start > fn.end,
      primes
    );
  }

  /**
   * The comma-separated expressions after `opener` up to its closer; `empty` is the
   * message (underlined from `from`) when the brackets hold nothing.
   */
  bracketedList(
    opener: IToken,
    from: number,
    empty: string
  ): readonly [Node[], IToken] {
    return this.nested(opener, () =>
      this.freshBars(() => {
        if (this.at('op', ')')) {
          throw syntax(
            empty,
            this.span(from, this.peek().end),
            'missing-operand'
          );
        }
        const items = [this.parseExpr()];
        while (this.at('op', ',')) {
          this.advance();
          items.push(this.parseExpr());
        }
        return [items, this.expectCloser(opener)] as const;
      })
    );
  }

  parseGroup(): Node {
    const opener = this.advance();
    const [items, closer] = this.bracketedList(
      opener,
      opener.start,
      'Empty brackets: put something between ( and ).'
    );
    if (items.length === 1) {
      return items[0];
    }
    return { type: 'group', items, span: this.span(opener.start, closer.end) };
  }

  // -- lists ---------------------------------------------------------------------------

  /** `[1, 2, 3]`, `[]`, `[1...10]`, `[0, 0.5 ... 3]` or `[k^2 for k = L]`. */
  parseBrackets(): Node {
    const opener = this.advance();
    return this.nested(opener, () =>
      this.freshBars((): Node => {
        if (this.at('op', ']')) {
          const closer = this.advance();
          return {
            type: 'list',
            items: [],
            span: this.span(opener.start, closer.end)
          };
        }
        const items = [this.parseExpr()];
        if (this.at('kw', 'for')) {
          return this.parseComprehension(opener, items[0]);
        }
        while (this.at('op', ',')) {
          this.advance();
          items.push(this.parseExpr());
        }
        if (this.at('op', '...')) {
          const dots = this.advance();
          if (items.length > 2) {
            throw syntax(
              'A range has one or two numbers before the dots, ' +
                'like [1...10] or [0, 0.5 ... 3].',
              this.span(opener.start, dots.end),
              'bad-range'
            );
          }
          const last = this.parseExpr();
          const closer = this.expectCloser(opener);
          return {
            type: 'range',
            first: items[0],
            second: items.length === 2 ? items[1] : null,
            last,
            span: this.span(opener.start, closer.end)
          };
        }
        const closer = this.expectCloser(opener);
        return {
          type: 'list',
          items,
          span: this.span(opener.start, closer.end)
        };
      })
    );
  }

  /** `[body for k = source]` (`in` may stand for `=`), after its body. */
  parseComprehension(opener: IToken, body: Node): Node {
    const keyword = this.advance();
    const usage = 'like [k^2 for k = [1...5]]';
    const variable = this.peek();
    if (
      variable.kind !== 'name' ||
      BUILTINS.has(variable.text) ||
      CONSTANTS.has(variable.text)
    ) {
      throw syntax(
        `Write a name after 'for', ${usage}.`,
        this.tokenSpan(variable.kind !== 'end' ? variable : keyword),
        'bad-comprehension'
      );
    }
    this.advance();
    if (!(this.at('op', '=') || this.at('kw', 'in'))) {
      throw syntax(
        `Write = after ${variable.text}, ${usage}.`,
        this.tokenSpan(variable),
        'bad-comprehension'
      );
    }
    this.advance();
    const source = this.parseExpr();
    const closer = this.expectCloser(opener);
    return {
      type: 'comprehension',
      body,
      variable: name(variable.text, this.tokenSpan(variable)),
      source,
      span: this.span(opener.start, closer.end)
    };
  }

  /** `L[2]`, `L[2...4]`, `L[[1, 3]]`: the values of a list, counting from 1. */
  parseIndex(target: Node): Node {
    const inside = this.parseBrackets();
    if (inside.type === 'list' && !inside.items.length) {
      throw syntax(
        'Write which value to take between the brackets, like L[1].',
        inside.span,
        'missing-operand'
      );
    }
    const index =
      inside.type === 'list' && inside.items.length === 1
        ? inside.items[0]
        : inside;
    const where = this.span(target.span.start, inside.span.end);
    return { type: 'index', target, index, span: where };
  }

  // -- bars, braces, sums and derivatives ----------------------------------------------

  /** `|x - 2|`: a bar where an operand is expected opens, else closes the innermost. */
  parseBars(): Node {
    const opener = this.advance();
    const [inner, closer] = this.nested(opener, () => {
      this.bars += 1;
      let inner: Node;
      try {
        inner = this.parseExpr();
      } finally {
        this.bars -= 1;
      }
      return [inner, this.expectCloser(opener)] as const;
    });
    return call(
      'abs',
      this.tokenSpan(opener),
      [inner],
      this.span(opener.start, closer.end)
    );
  }

  /** `a < b` or a chain `a < x <= b`. */
  parseCondition(): ICondition {
    const operands = [this.parseExpr()];
    const ops: string[] = [];
    while (this.atRelation()) {
      ops.push(this.advance().text);
      operands.push(this.parseExpr());
    }
    if (!ops.length) {
      throw syntax(
        'A condition compares, like x > 0 or 0 < x < 5.',
        operands[0].span,
        'bad-condition'
      );
    }
    return {
      type: 'condition',
      operands,
      ops,
      span: this.span(
        operands[0].span.start,
        operands[operands.length - 1].span.end
      )
    };
  }

  /** One `{condition}` at the end of a statement. */
  parseBraces(): ICondition {
    const opener = this.advance();
    return this.nested(opener, () =>
      this.freshBars(() => {
        const condition = this.parseCondition();
        this.expectCloser(opener);
        return condition;
      })
    );
  }

  /** `{x < 0: -x, 0 <= x <= 2: x^2, 1}`: branches, then an optional default. */
  parsePiecewise(): Node {
    const opener = this.advance();
    const branches: Array<[ICondition, Node]> = [];
    let fallback: Node | null = null;
    const closer = this.nested(opener, () =>
      this.freshBars(() => {
        for (;;) {
          const first = this.parseExpr();
          if (this.atRelation()) {
            const condition = this.finishCondition(first);
            let value: Node;
            if (this.at('op', ':')) {
              this.advance();
              value = this.parseExpr();
            } else {
              value = num(1, condition.span);
            }
            branches.push([condition, value]);
          } else {
            fallback = first;
          }
          if (fallback !== null || !this.at('op', ',')) {
            break;
          }
          this.advance();
        }
        return this.expectCloser(opener);
      })
    );
    if (!branches.length) {
      return fallback as unknown as Node; // `e^{x}`: braces around an exponent group it
    }
    return {
      type: 'piecewise',
      branches,
      default: fallback,
      span: this.span(opener.start, closer.end)
    };
  }

  finishCondition(first: Node): ICondition {
    const operands = [first];
    const ops: string[] = [];
    while (this.atRelation()) {
      ops.push(this.advance().text);
      operands.push(this.parseExpr());
    }
    return {
      type: 'condition',
      operands,
      ops,
      span: this.span(first.span.start, operands[operands.length - 1].span.end)
    };
  }

  /** `sum(n, 1, 10, 1/n^2)`: index, first, last, term. */
  parseSeries(t: IToken): Node {
    const c = this.parseCall(t);
    const usage = `like ${t.text}(n, 1, 10, 1/n^2)`;
    if (c.args.length !== 4) {
      throw syntax(
        `${t.text} takes 4 inputs: index, first, last and term, ${usage}.`,
        c.span,
        'wrong-arity'
      );
    }
    const [index, first, last, term] = c.args;
    if (
      index.type !== 'name' ||
      BUILTINS.has(index.id) ||
      CONSTANTS.has(index.id)
    ) {
      throw syntax(
        `The first input of ${t.text} is the name of its index, ${usage}.`,
        index.span,
        'bad-series'
      );
    }
    return {
      type: 'series',
      kind: t.text as 'sum' | 'prod',
      index,
      first,
      last,
      term,
      span: c.span
    };
  }

  /** `d/dx(expr)` or `d/dx expr`. */
  parseDerivative(): Node {
    const t = this.advance();
    const variable: NameNode = name(t.text.slice(3), this.tokenSpan(t));
    let expr: Node;
    if (this.at('op', '(')) {
      expr = this.parseGroup();
    } else if (this.startsArgument()) {
      expr = this.functionInput(t);
    } else {
      throw syntax(
        `${t.text} needs something to differentiate, like ${t.text}(x^2).`,
        this.tokenSpan(t),
        'missing-operand'
      );
    }
    return {
      type: 'derivative',
      variable,
      expr,
      span: this.span(t.start, expr.span.end)
    };
  }

  /** The text the user typed for `node`. */
  source(node: Node): string {
    return this.text.slice(node.span.start, node.span.end);
  }

  pos = 0;
  depth = 0;
  /** Absolute value bars open at this bracket level. */
  bars = 0;
  /** Names known to be numbers: `a(x - 1)` multiplies them. */
  readonly values: Set<string>;
}

function isMinusOne(node: Node): boolean {
  return (
    node.type === 'unary' &&
    node.op === '-' &&
    node.operand.type === 'num' &&
    node.operand.value === 1
  );
}

const PY_SPACE_RUN =
  '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING = new RegExp(`^${PY_SPACE_RUN}+`);
const TRAILING = new RegExp(`${PY_SPACE_RUN}+$`);

/** Python's `str.lstrip()`, `rstrip()` and `strip()`. */
export function pyLstrip(text: string): string {
  return text.replace(LEADING, '');
}
export function pyRstrip(text: string): string {
  return text.replace(TRAILING, '');
}
export function pyStrip(text: string): string {
  return pyRstrip(pyLstrip(text));
}

/**
 * The tokens of a check line after its word `check`, with `on` a keyword outside
 * brackets and `~=` read as `≈`; null when the line is no check.
 */
export function checkTokens(tokens: IToken[]): IToken[] | null {
  if (
    tokens.length < 3 ||
    tokens[0].kind !== 'name' ||
    tokens[0].text !== CHECK
  ) {
    return null;
  }
  if (tokens[1].kind === 'op' && tokens[1].text === '=') {
    return null; // `check = 3` names a parameter
  }
  const out: IToken[] = [];
  let depth = 0;
  for (let token of tokens.slice(1)) {
    if (token.kind === 'op' && ['(', '[', '{'].includes(token.text)) {
      depth += 1;
    } else if (token.kind === 'op' && [')', ']', '}'].includes(token.text)) {
      depth -= 1;
    }
    const prev = out.length ? out[out.length - 1] : null;
    if (token.kind === 'name' && token.text === 'on' && depth === 0) {
      token = { ...token, kind: 'kw' };
    } else if (
      token.kind === 'op' &&
      token.text === '=' &&
      prev !== null &&
      prev.kind === 'op' &&
      prev.text === '~' &&
      prev.end === token.start
    ) {
      out.pop();
      token = { ...token, text: APPROX, start: prev.start };
    }
    out.push(token);
  }
  return out;
}

/**
 * Parse one source line; null for a blank or comment-only line.
 *
 * `known` are the user's names, which decide how letter runs such as `ax` split;
 * `degrees` reads its angles in degrees (see `angles`).
 * Throws a located `PlotterError` (a `ResourceError` when nested too deeply).
 */
export function parseLine(
  text: string,
  line = 0,
  maxDepth = 100,
  known: Known = new Known(),
  degrees = false
): ILine | null {
  const tokens = tokenize(text, line);
  if (tokens[0].kind === 'end') {
    return null;
  }
  const checked = checkTokens(tokens);
  const parser = new Parser(
    rewrite(checked ?? tokens, known),
    line,
    maxDepth,
    known,
    text
  );
  const parsed =
    checked === null ? parser.parseLine(text) : parser.parseCheck(text);
  return degrees && parsed !== null ? degreeLine(parsed) : parsed;
}
