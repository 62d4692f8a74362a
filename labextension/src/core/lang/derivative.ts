/**
 * Exact derivatives of program trees (the chain rule), mirroring the Python kernel's
 * `lang/derivative.py`.
 *
 * Builtins differentiate by the table below; a user function's derivative is a call of
 * the same function with one more entry in `primes` (the compiler differentiates its
 * body). Where a derivative does not exist (a jump of `floor`, the corner of `|x|` or
 * of `max`, `ln` of a negative number) the result is undefined, so a curve shows a gap
 * there. A piecewise has a derivative where its branch changes only if the branches on
 * both sides meet there with one value and one slope: `{x < 0: x^2, x^3}` has slope 0
 * at 0, `{x < 0: -x, x}` none. A one-sided slope is never reported as the derivative.
 * Trees are never changed in place; new nodes carry the span of the tree
 * differentiated, if it has one.
 *
 * `derive` is the language's entry (Python's `derivative`): a syntax tree is encoded as
 * a program tree that carries the source spans, differentiated by `derivative` and read
 * back as a syntax tree; the language then checks and compiles the derivative itself,
 * as the Python kernel's compiler does (a missing name that differentiates away is no
 * error; a partial derivative of a two-input function is).
 */

import { BUILTINS, ONE_LIST } from './builtins';
import type { IDefinition } from './definitions';
import { PlotterError, ResourceLimit, ISpan, TimeLimit } from '../errors';
import { Encoder, decode } from './program';
import { LIST_NODES, Node, walk } from './syntax';
import type { Condition, Expr } from '../types';
import { at, lengthOf, map1, map2, Value } from './values';

/** Whether a called name is a function (else `a(x - 1)` is a product). */
export type IsFunction = (name: string) => boolean;

type Call = Extract<Expr, { type: 'call' }>;

/** Most nodes of a derivative tree worked out. */
export const MOST_NODES = 20_000;

/** The digamma function (derivative of ln gamma), NaN at the poles of gamma. */
export function digamma(x: number): number {
  if (x <= 0 && x === Math.floor(x)) {
    return NaN;
  }
  const reflect = x < 0.5;
  let z = reflect ? 1 - x : x;
  let shift = 0;
  for (let i = 0; i < 6; i++) {
    if (z < 6) {
      shift -= 1 / z;
      z += 1;
    }
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series =
    Math.log(z) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252)));
  let value = series + shift;
  if (reflect) {
    value -= Math.PI / Math.tan(Math.PI * x);
  }
  return value;
}

/**
 * How far (relative to `max(1, |x|)`) a piecewise looks to each side of a boundary to
 * see which branch holds there: far above rounding noise, far below any feature drawn.
 */
export const SIDE = 2 ** -32;

/** Two one-sided values or slopes are one when they agree to about 9 digits. */
export const AGREE = 1e-9;

/** Functions only derivative trees call; no name the lexer makes contains `@`. */
export const INTERNAL: ReadonlyMap<string, (...args: Value[]) => Value> =
  new Map<string, (...args: Value[]) => Value>([
    ['@digamma', (x: Value) => map1(x, digamma)],
    // `value`, undefined wherever `original` is.
    [
      '@defined',
      (value: Value, original: Value) =>
        map2(value, original, (v, o) => (Number.isNaN(o) ? NaN : v))
    ],
    // A staircase stepping at whole numbers: slope 0, undefined at the steps.
    ['@steps', (u: Value) => map1(u, v => (v === Math.floor(v) ? NaN : 0))],
    ['@jump0', (u: Value) => map1(u, v => (v === 0 ? NaN : 0))],
    // Derivative of `round`: 0, undefined where it jumps (every half, either sign).
    [
      '@halves',
      (u: Value) => map1(u, v => (v - Math.floor(v) === 0.5 ? NaN : 0))
    ],
    // `d|u| = sign(u) du`; where `u` is 0 only a flat `u` has one (0), else a corner.
    [
      '@absd',
      (u: Value, du: Value) =>
        map2(u, du, (v, dv) =>
          v === 0 ? (dv === 0 ? 0 : NaN) : (v > 0 ? 1 : v < 0 ? -1 : NaN) * dv
        )
    ],
    // `x` moved a little to the left (`step` -1) or right (+1).
    [
      '@side',
      (x: Value, step: Value) =>
        map2(x, step, (v, s) => v + s * SIDE * Math.max(1, Math.abs(v)))
    ],
    ['@kink', (...args: Value[]) => Private.mapAll(args, Private.kink)],
    ['@pick', (...args: Value[]) => Private.mapAll(args, Private.pick)]
  ]);

/**
 * Internal calls whose inputs from this index on are only compared, never the answer:
 * compiled without a calculation's checks (a branch probed a hair beside the point must
 * not report that a sum's bound is not whole there).
 */
export const PROBES_FROM: ReadonlyMap<string, number> = new Map([['@kink', 1]]);

/**
 * The exact derivative of `node` with respect to `variable`; `check` is called now and
 * then, so the cell's time limit holds while a large derivative is worked out.
 *
 * @throws ResourceLimit (code `too-big`) when the tree would exceed 20 000 nodes.
 */
export function derivative(
  node: Expr,
  variable: string,
  isFunction: IsFunction,
  check: () => void = () => undefined
): Expr {
  return new Differentiator(
    isFunction,
    (node as { span?: ISpan }).span,
    check
  ).diff(node, variable);
}

/**
 * The derivative of `node` in `variable`; `locals` are the names that are variables
 * here (inputs, plot variables). Throws a located `PlotterError` (`too-big`,
 * `no-derivative`) or the cell's `TimeLimit`.
 */
export function derive(
  node: Node,
  variable: string,
  locals: ReadonlySet<string>,
  defs: ReadonlyMap<string, IDefinition>,
  isFunction: IsFunction,
  check: () => void
): Node {
  for (const n of walk(node)) {
    if (LIST_NODES.has(n.type)) {
      throw ofLists(n.span); // program trees hold no lists
    }
  }
  const tree = new Encoder(defs, true).expr(
    node,
    new Set([...locals, variable])
  );
  let result: Expr;
  try {
    result = derivative(tree, variable, isFunction, check);
  } catch (err) {
    if (err instanceof PlotterError && !(err instanceof TimeLimit)) {
      throw new PlotterError(
        err.ename,
        err.message,
        err.span ?? node.span,
        err.code
      );
    }
    throw err;
  }
  return decode(result, node.span);
}

type Rule = (dv: Differentiator, u: Expr, f: Call) => Expr;
type ManyRule = (dv: Differentiator, node: Call, variable: string) => Expr;

/** Builds derivative trees, simplifying zeros and ones as Python does. */
class Differentiator {
  nodes = 0;

  constructor(
    readonly isFunction: IsFunction,
    readonly span: ISpan | undefined,
    readonly check: () => void
  ) {}

  // -- small constructors ------------------------------------------------------------------

  located<T extends Expr>(node: T): T {
    return this.span === undefined ? node : ({ ...node, span: this.span } as T);
  }

  num(value: number): Expr {
    return this.located({ type: 'number', value });
  }

  isNum(node: Expr, value: number): boolean {
    return node.type === 'number' && node.value === value;
  }

  add(...terms: Array<['+' | '-', Expr]>): Expr {
    const kept = terms.filter(([, t]) => !this.isNum(t, 0));
    if (kept.length === 0) {
      return this.num(0);
    }
    if (kept[0][0] === '-') {
      kept[0] = ['+', this.neg(kept[0][1])];
    }
    if (kept.length === 1) {
      return kept[0][1];
    }
    return this.located({
      type: 'add',
      signs: kept.map(([s]) => s),
      terms: kept.map(([, t]) => t)
    });
  }

  neg(node: Expr): Expr {
    if (this.isNum(node, 0)) {
      return node;
    }
    return this.located({ type: 'negate', operand: node });
  }

  mul(...factors: Expr[]): Expr {
    if (factors.some(f => this.isNum(f, 0))) {
      return this.num(0);
    }
    const kept = factors.filter(f => !this.isNum(f, 1));
    if (kept.length === 0) {
      return this.num(1);
    }
    if (kept.length === 1) {
      return kept[0];
    }
    return this.located({
      type: 'multiply',
      ops: kept.map(() => '*' as const),
      factors: kept
    });
  }

  div(a: Expr, b: Expr): Expr {
    if (this.isNum(a, 0)) {
      return a;
    }
    return this.located({ type: 'multiply', ops: ['*', '/'], factors: [a, b] });
  }

  pow(a: Expr, b: number | Expr): Expr {
    const exponent = typeof b === 'number' ? this.num(b) : b;
    if (this.isNum(exponent, 1)) {
      return a;
    }
    return this.located({ type: 'power', base: a, exponent });
  }

  call(name: string, ...args: Expr[]): Expr {
    return this.located({ type: 'call', name, args });
  }

  // -- the rules ---------------------------------------------------------------------------

  /** The derivative of `node` with respect to `variable`. */
  diff(node: Expr, variable: string): Expr {
    this.nodes += 1;
    if (this.nodes % 1000 === 0) {
      this.check();
    }
    if (this.nodes > MOST_NODES) {
      throw new ResourceLimit(
        'This derivative is too big to work out.',
        this.span,
        'too-big'
      );
    }
    switch (node.type) {
      case 'number':
        return this.num(0);
      case 'variable':
      case 'parameter':
      case 'constant':
        return this.num(Private.canonical(node.name) === variable ? 1 : 0);
      case 'negate':
        return this.neg(this.diff(node.operand, variable));
      case 'add':
        return this.add(
          ...node.terms.map((t, i): ['+' | '-', Expr] => [
            i === 0 ? '+' : node.signs[i],
            this.diff(t, variable)
          ])
        );
      case 'multiply':
        return this._product(node, variable);
      case 'power':
        return this._power(node, variable);
      case 'factorial': {
        const u = node.operand;
        const psi = this.call(
          '@digamma',
          this.add(['+', u], ['+', this.num(1)])
        );
        return this.mul(node, psi, this.diff(u, variable));
      }
      case 'call':
        return this._call(node, variable);
      case 'piecewise':
        return this._piecewise(node, variable);
      case 'series':
        return this._series(node, variable);
      case 'derivative':
        return this.diff(
          this.diff(node.expr, Private.canonical(node.variable)),
          variable
        );
      default:
        return node;
    }
  }

  private _product(
    node: Extract<Expr, { type: 'multiply' }>,
    variable: string
  ): Expr {
    const [first, ...rest] = node.factors;
    let acc: Expr = first;
    let dacc = this.diff(first, variable);
    rest.forEach((factor, i) => {
      const op = node.ops[i + 1] ?? '*';
      const dfactor = this.diff(factor, variable);
      if (op === '/') {
        // (u / v)' = u'/v - u v' / v^2
        dacc = this.add(
          ['+', this.div(dacc, factor)],
          ['-', this.div(this.mul(acc, dfactor), this.pow(factor, 2))]
        );
      } else {
        dacc = this.add(
          ['+', this.mul(dacc, factor)],
          ['+', this.mul(acc, dfactor)]
        );
      }
      acc = this.located({
        type: 'multiply',
        ops: ['*', op],
        factors: [acc, factor]
      });
    });
    return dacc;
  }

  private _power(
    node: Extract<Expr, { type: 'power' }>,
    variable: string
  ): Expr {
    const u = node.base;
    const v = node.exponent;
    const du = this.diff(u, variable);
    const dv = this.diff(v, variable);
    if (this.isNum(dv, 0)) {
      const lower =
        v.type === 'number'
          ? this.num(Private.value(v.value) - 1)
          : this.add(['+', v], ['-', this.num(1)]);
      return this.mul(v, this.pow(u, lower), du);
    }
    // (u^v)' = u^v (v' ln u + v u' / u)
    const inner = this.add(
      ['+', this.mul(dv, this.call('ln', u))],
      ['+', this.div(this.mul(v, du), u)]
    );
    return this.mul(node, inner);
  }

  /** Each branch's slope; on a boundary only if the branches on both sides meet. */
  private _piecewise(
    node: Extract<Expr, { type: 'piecewise' }>,
    variable: string
  ): Expr {
    const conditions = node.branches.map(b => b.condition);
    const values = node.branches.map(b => b.value);
    const slopes = values.map(v => this.diff(v, variable));
    const dflt =
      node.default === null ? null : this.diff(node.default, variable);
    const plain = Private.piecewise(conditions, slopes, dflt, this);
    if (!conditions.some(c => Private.uses(c, variable))) {
      return plain; // no boundary moves with the variable
    }
    const sides: Expr[] = [];
    for (const step of [-1, 1]) {
      const moved = this.call(
        '@side',
        { type: 'variable', name: variable },
        this.num(step)
      );
      const shifted = conditions.map(c =>
        Private.substitute(c, variable, moved)
      );
      sides.push(Private.piecewise(shifted, slopes, dflt, this));
      sides.push(Private.piecewise(shifted, values, node.default, this));
    }
    const links = conditions.flatMap(c =>
      c.operands.slice(1).flatMap((o, i) => [c.operands[i], o])
    );
    const [left, lvalue, right, rvalue] = sides;
    return this.call(
      '@kink',
      plain,
      left,
      right,
      node,
      lvalue,
      rvalue,
      ...links
    );
  }

  private _series(
    node: Extract<Expr, { type: 'series' }>,
    variable: string
  ): Expr {
    if (Private.canonical(node.index) === variable) {
      return this.num(0);
    }
    const dterm = this.diff(node.term, variable);
    if (node.kind === 'sum') {
      return this.located({ ...node, term: dterm });
    }
    const ratio = this.located({
      ...node,
      kind: 'sum' as const,
      term: this.div(dterm, node.term)
    });
    return this.mul(node, ratio);
  }

  private _call(node: Call, variable: string): Expr {
    const name = Private.canonical(node.name);
    const args = node.args;
    const primes = node.primes ?? [];
    const builtin = BUILTINS.get(name);
    if (
      builtin !== undefined &&
      (builtin.kind !== 'each' || (ONE_LIST.has(name) && args.length < 2))
    ) {
      throw ofLists((node as { span?: ISpan }).span ?? this.span);
    }
    if (!this.isFunction(name)) {
      if (args.length !== 1) {
        return this.num(0); // the compiler reports this call
      }
      // `a(x - 1)` multiplies.
      const product: Expr = this.located({
        type: 'multiply',
        ops: ['*', '*'],
        factors: [{ type: 'variable', name }, args[0]]
      });
      return this.diff(product, variable);
    }
    const rule = ONE.get(name);
    if (rule !== undefined && args.length === 1 && primes.length === 0) {
      const du = this.diff(args[0], variable);
      if (this.isNum(du, 0)) {
        return this.num(0);
      }
      if (name === 'abs') {
        return this.call('@absd', args[0], du); // sign(u) u', but none at a corner
      }
      let outer = rule(this, args[0], node);
      if (GUARDED.has(name)) {
        outer = this.call('@defined', outer, node);
      }
      return this.mul(outer, du);
    }
    const many = MANY.get(name);
    if (many !== undefined && primes.length === 0) {
      return many(this, node, variable);
    }
    if (name === '@defined') {
      return this.call('@defined', this.diff(args[0], variable), args[1]);
    }
    if (name === '@steps' || name === '@jump0' || name === '@halves') {
      return node; // zero, undefined at the same jumps
    }
    if (name === '@absd') {
      // sign(u) u'' away from the corner; none where u is 0.
      const slope = this.mul(
        this.call('sign', args[0]),
        this.diff(args[1], variable)
      );
      return this.call('@defined', slope, this.call('@jump0', args[0]));
    }
    if (name === '@side') {
      return this.diff(args[0], variable); // x moved by a hair: slope 1 (to 2^-32)
    }
    if (name === '@kink') {
      return this.call('@defined', this.diff(args[0], variable), node);
    }
    if (name === '@pick') {
      const [a, b, da, db, sign] = args;
      return this.call(
        '@pick',
        a,
        b,
        this.diff(da, variable),
        this.diff(db, variable),
        sign
      );
    }
    if (name.startsWith('@')) {
      throw new PlotterError(
        'ValueError',
        "This derivative can't be worked out.",
        this.span,
        'no-derivative'
      );
    }
    return this._user(node, variable);
  }

  /** `g(u, v)`: the sum over its inputs of the partial derivative times the input's. */
  private _user(node: Call, variable: string): Expr {
    const terms: Array<['+' | '-', Expr]> = [];
    node.args.forEach((arg, i) => {
      const darg = this.diff(arg, variable);
      if (this.isNum(darg, 0)) {
        return;
      }
      const partial: Expr = { ...node, primes: [...(node.primes ?? []), i] };
      terms.push(['+', this.mul(partial, darg)]);
    });
    return this.add(...terms);
  }
}

function sqrtOneMinusSquare(dv: Differentiator, u: Expr): Expr {
  return dv.call('sqrt', dv.add(['+', dv.num(1)], ['-', dv.pow(u, 2)]));
}

function sqrtSquareMinusOne(dv: Differentiator, u: Expr): Expr {
  return dv.call('sqrt', dv.add(['+', dv.pow(u, 2)], ['-', dv.num(1)]));
}

/** d/du f(u) for each builtin of one input. */
const ONE: ReadonlyMap<string, Rule> = new Map(
  Object.entries({
    sin: (dv, u) => dv.call('cos', u),
    cos: (dv, u) => dv.neg(dv.call('sin', u)),
    tan: (dv, u) => dv.pow(dv.call('sec', u), 2),
    sec: (dv, u, f) => dv.mul(f, dv.call('tan', u)),
    csc: (dv, u, f) => dv.neg(dv.mul(f, dv.call('cot', u))),
    cot: (dv, u) => dv.neg(dv.pow(dv.call('csc', u), 2)),
    asin: (dv, u) => dv.div(dv.num(1), sqrtOneMinusSquare(dv, u)),
    acos: (dv, u) => dv.neg(dv.div(dv.num(1), sqrtOneMinusSquare(dv, u))),
    atan: (dv, u) =>
      dv.div(dv.num(1), dv.add(['+', dv.num(1)], ['+', dv.pow(u, 2)])),
    asec: (dv, u) =>
      dv.div(dv.num(1), dv.mul(dv.call('abs', u), sqrtSquareMinusOne(dv, u))),
    acsc: (dv, u) =>
      dv.neg(
        dv.div(dv.num(1), dv.mul(dv.call('abs', u), sqrtSquareMinusOne(dv, u)))
      ),
    acot: (dv, u) =>
      dv.neg(dv.div(dv.num(1), dv.add(['+', dv.num(1)], ['+', dv.pow(u, 2)]))),
    sinh: (dv, u) => dv.call('cosh', u),
    cosh: (dv, u) => dv.call('sinh', u),
    tanh: (dv, u) => dv.div(dv.num(1), dv.pow(dv.call('cosh', u), 2)),
    asinh: (dv, u) =>
      dv.div(
        dv.num(1),
        dv.call('sqrt', dv.add(['+', dv.pow(u, 2)], ['+', dv.num(1)]))
      ),
    acosh: (dv, u) => dv.div(dv.num(1), sqrtSquareMinusOne(dv, u)),
    atanh: (dv, u) =>
      dv.div(dv.num(1), dv.add(['+', dv.num(1)], ['-', dv.pow(u, 2)])),
    exp: (dv, u, f) => f,
    ln: (dv, u) => dv.div(dv.num(1), u),
    log: (dv, u) => dv.div(dv.num(1), dv.mul(u, dv.num(Math.log(10)))),
    log2: (dv, u) => dv.div(dv.num(1), dv.mul(u, dv.num(Math.log(2)))),
    log10: (dv, u) => dv.div(dv.num(1), dv.mul(u, dv.num(Math.log(10)))),
    sqrt: (dv, u, f) => dv.div(dv.num(1), dv.mul(dv.num(2), f)),
    cbrt: (dv, u, f) => dv.div(dv.num(1), dv.mul(dv.num(3), dv.pow(f, 2))),
    abs: (dv, u) => dv.call('sign', u), // with the corner: @absd, in _call
    sign: (dv, u) => dv.call('@jump0', u),
    floor: (dv, u) => dv.call('@steps', u),
    ceil: (dv, u) => dv.call('@steps', u),
    round: (dv, u) => dv.call('@halves', u),
    factorial: (dv, u, f) =>
      dv.mul(f, dv.call('@digamma', dv.add(['+', u], ['+', dv.num(1)]))),
    gamma: (dv, u, f) => dv.mul(f, dv.call('@digamma', u))
  } as Record<string, Rule>)
);

/** Where the formula of the derivative is defined wider than the function itself. */
const GUARDED = new Set([
  'ln',
  'log',
  'log2',
  'log10',
  'acosh',
  'atanh',
  'asin',
  'acos'
]);

function logBase(dv: Differentiator, node: Call, variable: string): Expr {
  if (node.args.length === 1) {
    return dv.diff({ ...node, name: 'log' }, variable);
  }
  const [base, x] = node.args;
  return dv.diff(dv.div(dv.call('ln', x), dv.call('ln', base)), variable);
}

function atan2(dv: Differentiator, node: Call, variable: string): Expr {
  const [y, x] = node.args;
  const top = dv.add(
    ['+', dv.mul(x, dv.diff(y, variable))],
    ['-', dv.mul(y, dv.diff(x, variable))]
  );
  return dv.div(top, dv.add(['+', dv.pow(x, 2)], ['+', dv.pow(y, 2)]));
}

function extreme(smaller: boolean): ManyRule {
  return (dv, node, variable) => {
    let acc: Expr = node.args[0];
    let dacc = dv.diff(acc, variable);
    const sign = dv.num(smaller ? 1 : -1);
    for (const arg of node.args.slice(1)) {
      dacc = dv.call('@pick', acc, arg, dacc, dv.diff(arg, variable), sign);
      acc = dv.call(smaller ? 'min' : 'max', acc, arg);
    }
    return dacc;
  };
}

function mod(dv: Differentiator, node: Call, variable: string): Expr {
  const [a, b] = node.args;
  const ratio = dv.div(a, b);
  const value = dv.add(
    ['+', dv.diff(a, variable)],
    ['-', dv.mul(dv.call('floor', ratio), dv.diff(b, variable))]
  );
  return dv.add(['+', value], ['+', dv.call('@steps', ratio)]);
}

const MANY: ReadonlyMap<string, ManyRule> = new Map([
  ['log', logBase],
  ['atan2', atan2],
  ['min', extreme(true)],
  ['max', extreme(false)],
  ['mod', mod]
]);

/** The derivative of a list or a statistic, which lists do not have yet. */
function ofLists(where: ISpan | undefined): PlotterError {
  return new PlotterError(
    'TypeError',
    'A derivative of a list is not supported yet.',
    where,
    'list-in-derivative'
  );
}

namespace Private {
  const NAMES = new Set(['variable', 'parameter', 'constant']);

  export function piecewise(
    conditions: Condition[],
    values: Expr[],
    dflt: Expr | null,
    dv: Differentiator
  ): Expr {
    return dv.located({
      type: 'piecewise',
      branches: conditions.map((condition, i) => ({
        condition,
        value: values[i]
      })),
      default: dflt
    });
  }

  /** Whether `node` names `variable` (as a value or before a bracket). */
  export function uses(node: unknown, variable: string): boolean {
    if (Array.isArray(node)) {
      return node.some(item => uses(item, variable));
    }
    if (node === null || typeof node !== 'object') {
      return false;
    }
    const tree = node as Record<string, unknown>;
    if (
      (NAMES.has(tree.type as string) || tree.type === 'call') &&
      canonical(tree.name as string) === variable
    ) {
      return true;
    }
    return Object.entries(tree).some(
      ([field, child]) => field !== 'span' && uses(child, variable)
    );
  }

  /** `node` with the variable replaced (not a series' own index), as Python's. */
  export function substitute<T>(node: T, variable: string, value: Expr): T {
    if (Array.isArray(node)) {
      return node.map(item => substitute(item, variable, value)) as T;
    }
    if (node === null || typeof node !== 'object') {
      return node;
    }
    const tree = node as Record<string, unknown>;
    if (
      NAMES.has(tree.type as string) &&
      canonical(tree.name as string) === variable
    ) {
      return value as T;
    }
    if (tree.type === 'number') {
      return node;
    }
    const own = (field: string): boolean =>
      field === 'span' ||
      (tree.type === 'series' &&
        canonical(tree.index as string) === variable &&
        field === 'term');
    const out: Record<string, unknown> = {};
    for (const [field, child] of Object.entries(tree)) {
      out[field] = own(field) ? child : substitute(child, variable, value);
    }
    return out as T;
  }

  /** `f` entry by entry over any number of values, scalars standing for every entry. */
  export function mapAll(args: Value[], f: (v: number[]) => number): Value {
    const n = lengthOf(args);
    if (n < 0) {
      return f(args as number[]);
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = f(args.map(a => at(a, i)));
    }
    return out;
  }

  export function agree(a: number, b: number): boolean {
    return (
      Math.abs(a - b) <= AGREE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))
    );
  }

  /**
   * The slope of a piecewise (with the slopes and values of the branches that hold
   * just left and right of the point, taken at the point), undefined on a boundary
   * (some condition's pair of sides is equal) unless all three meet.
   */
  export function kink(args: number[]): number {
    const [slope, left, right, value, lvalue, rvalue] = args;
    let touch = false;
    for (let i = 6; i + 1 < args.length; i += 2) {
      touch = touch || args[i] === args[i + 1];
    }
    const meet =
      agree(slope, left) &&
      agree(slope, right) &&
      agree(value, lvalue) &&
      agree(value, rvalue);
    return touch && !meet ? NaN : slope;
  }

  /** Slope of `min(a, b)` (`sign` 1) or `max` (-1): where they tie, only a common one. */
  export function pick([a, b, da, db, sign]: number[]): number {
    if (Number.isNaN(a) || Number.isNaN(b)) {
      return NaN;
    }
    if (sign * a < sign * b) {
      return da;
    }
    if (sign * a > sign * b) {
      return db;
    }
    return agree(da, db) ? da : NaN;
  }

  export function canonical(name: string): string {
    return name === 'θ' ? 'theta' : name === 'π' ? 'pi' : name;
  }

  export function value(v: number | string): number {
    return typeof v === 'number'
      ? v
      : v === 'inf'
        ? Infinity
        : v === '-inf'
          ? -Infinity
          : NaN;
  }
}
