/**
 * Compile program trees once into closures over {@link Value}s, mirroring the Python
 * kernel's `lang/compile.py`, `closures.py` and `notation.py`.
 *
 * A compiled expression is a function of an environment (variable name -> value).
 * *Strict* compilation is for calculations: every operation checks for overflow and
 * `limits.maxNumber` and throws a located `ResourceLimit`. Curve compilation lets
 * undefined and overflowing values become NaN gaps instead.
 */

import type { Condition, Definition, Expr } from '../types';
import {
  accepts,
  arityText,
  BUILTINS,
  CONSTANTS,
  factorial,
  PLOT_VARIABLES,
  power
} from '../builtins';
import { derivative, INTERNAL, PROBES_FROM } from './derivative';
import {
  PlotterError,
  formatG,
  ResourceLimit,
  ISpan,
  TimeLimit
} from '../errors';
import { DEFAULT_LIMITS, ILimits } from '../limits';
import * as closures from './closures';
import { Env, Fn, MAX_TERMS, Test, tooBig } from './closures';
export type { Env, Fn } from './closures';
import { some, Value } from './values';

/** What plain names mean while compiling one expression (Python's `Scope`). */
export type CompileScope = {
  /** Plot variables usable here (`x`, `y`, `t`, `theta`, `r`). */
  allowed: readonly string[];
  /** Inputs of the function being defined (and series indices). */
  locals?: readonly string[];
  /** How the statement is described in messages ("a curve in x"). */
  where?: string;
  /** Advice for a misplaced variable. */
  hint?: string;
  /** The function whose body this is, if any. */
  owner?: string;
};

/** Suggestion sentences appended to "Unknown name 'foo'." (Python's `names.hint`). */
export type Suggest = (
  name: string,
  known: ReadonlySet<string>,
  pool: readonly string[]
) => string;

/** How a {@link Compiler} is set up. */
export type CompilerOptions = {
  /** Parameter values replacing the definitions' bodies (sliders). */
  params?: Readonly<Record<string, number>>;
  limits?: Partial<ILimits>;
  /** Called where Python calls `budget.check`; throws {@link TimeLimit} when late. */
  check?: () => void;
  /** "Did you mean" for unknown names; none by default. */
  suggest?: Suggest;
  /** Names whose definition failed in this cell, with the line of the failure. */
  broken?: ReadonlyMap<string, number>;
};

/** The scope of a calculation. */
export const NUMBER_SCOPE: CompileScope = {
  allowed: [],
  where: 'a number',
  hint: 'this needs a number'
};

const VARIABLE_HINTS: ReadonlyMap<string, string> = new Map([
  ['t', 't can only be used in a parametric curve, like (cos(t), sin(t)).'],
  [
    'theta',
    'theta can only be used in a polar curve, like r = 1 + cos(theta).'
  ],
  [
    'r',
    'r can only be used on the left of a polar curve, like r = 2cos(theta).'
  ]
]);

/** A name as the language reads it (`θ` is `theta`, `π` is `pi`). */
export function canonical(name: string): string {
  return name === 'θ' ? 'theta' : name === 'π' ? 'pi' : name;
}

/** The span a node carries, if the tree has spans (program trees from JSON have none). */
export function spanOf(node: object | null | undefined): ISpan | undefined {
  return (node as { span?: ISpan } | null | undefined)?.span;
}

/** The span of a call's name, else of the call. */
function nameSpanOf(node: object): ISpan | undefined {
  return (node as { nameSpan?: ISpan }).nameSpan ?? spanOf(node);
}

/** The number a number node holds (JSON writes infinities as strings). */
export function numberValue(value: number | string): number {
  if (typeof value === 'number') {
    return value;
  }
  return value === 'inf' ? Infinity : value === '-inf' ? -Infinity : NaN;
}

type Key = string;

/**
 * Compiles expressions against a table of definitions, caching bodies and values.
 * Errors are {@link PlotterError}s; {@link TimeLimit} always passes through unchanged.
 */
export class Compiler {
  readonly limits: ILimits;
  readonly check: () => void;

  constructor(
    definitions: readonly Definition[],
    options: CompilerOptions = {}
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
    this.check = options.check ?? (() => undefined);
    this._suggest = options.suggest ?? (() => '');
    this._broken = options.broken ?? new Map();
    const params = options.params ?? {};
    for (const d of definitions) {
      const body: Expr =
        d.params === null &&
        Object.prototype.hasOwnProperty.call(params, d.name)
          ? { type: 'number', value: Number(params[d.name]) }
          : d.body;
      this._defs.set(d.name, { ...d, body });
    }
    this._maxDepth = 3 * this.limits.maxDepth + 10;
  }

  /** The user definition called `name`, if any. */
  definition(name: string): Definition | undefined {
    return this._defs.get(name);
  }

  /** A closure computing `node` from an environment of variable values. */
  compile(node: Expr, scope: CompileScope, strict = false): Fn {
    this._depth += 1;
    this._peak = Math.max(this._peak, this._depth);
    try {
      if (this._depth > this._maxDepth) {
        throw new ResourceLimit(
          'This is nested too deeply.',
          spanOf(node),
          'too-deep'
        );
      }
      return this._compile(node, scope, strict);
    } finally {
      this._depth -= 1;
    }
  }

  /** The value of a calculation (strict); NaN means undefined. */
  evaluate(node: Expr, scope: CompileScope = NUMBER_SCOPE): number {
    const fn = this.compile(node, scope, true);
    return toNumber(fn({}));
  }

  /** The value of a user parameter, computed once. */
  parameter(name: string, span?: ISpan): number {
    try {
      return this._cachedValue(name);
    } catch (err) {
      throw relocate(err, span, name);
    }
  }

  /** The compiled body of a user function, reading its inputs from the environment. */
  function(
    name: string,
    span?: ISpan,
    strict = false,
    primes: readonly number[] = []
  ): Fn {
    const key = Private.key(name, strict, primes);
    let body: Fn;
    try {
      body = this._compiledBody(name, strict, primes);
    } catch (err) {
      throw relocate(err, span, name);
    }
    const reach = this._depth + (this._reach.get(key) ?? 0);
    if (reach > this._maxDepth) {
      throw new ResourceLimit(
        'This is nested too deeply (through its functions).',
        span,
        'too-deep'
      );
    }
    this._peak = Math.max(this._peak, reach);
    return body;
  }

  /** A closure giving a mask: where the whole chain `a < b <= c` holds. */
  condition(node: Condition, scope: CompileScope, strict: boolean): Test {
    const operands = node.operands.map(o => this.compile(o, scope, strict));
    return closures.compare(operands, node.ops);
  }

  /** What a called name is while differentiating in `scope`. */
  isFunction(scope: CompileScope): (name: string) => boolean {
    return (name: string) => {
      name = canonical(name);
      if (
        (scope.locals ?? []).includes(name) ||
        PLOT_VARIABLES.has(name) ||
        CONSTANTS.has(name)
      ) {
        return false;
      }
      const d = this._defs.get(name);
      return d === undefined || d.params !== null;
    };
  }

  // -- definitions -----------------------------------------------------------------------

  private _cachedValue(name: string): number {
    const key = Private.key(name, true, []);
    const failed = this._failed.get(key);
    if (failed) {
      throw failed;
    }
    let value = this._values.get(name);
    if (value === undefined) {
      value = this._workingOn(key, () =>
        this.evaluate(this._defs.get(name)!.body)
      );
      this._values.set(name, value);
    }
    return value;
  }

  private _compiledBody(
    name: string,
    strict: boolean,
    primes: readonly number[]
  ): Fn {
    const key = Private.key(name, strict, primes);
    const failed = this._failed.get(key);
    if (failed) {
      throw failed;
    }
    let body = this._bodies.get(key);
    if (body === undefined) {
      const d = this._defs.get(name)!;
      const params = d.params ?? [];
      const scope: CompileScope = {
        allowed: [],
        locals: params,
        where: name,
        owner: name
      };
      body = this._workingOn(key, () => {
        let tree = d.body;
        for (const index of primes) {
          tree = derivative(
            tree,
            params[index],
            this.isFunction(scope),
            this.check
          );
        }
        const fn = this.compile(tree, scope, strict);
        this._reach.set(key, this._peak);
        return fn;
      });
      this._bodies.set(key, body);
    }
    return body;
  }

  /** Work out one definition on a fresh depth count, catching cycles and keeping failures. */
  private _workingOn<T>(key: Key, work: () => T): T {
    const name = key.split('\u0000')[0];
    if (this._busy.has(name)) {
      throw new PlotterError(
        'ValueError',
        `${name} refers to itself.`,
        spanOf(this._defs.get(name)),
        'cycle'
      );
    }
    const depth = this._depth;
    const peak = this._peak;
    this._depth = this._peak = 0;
    this._busy.add(name);
    try {
      return work();
    } catch (err) {
      if (err instanceof PlotterError && !(err instanceof TimeLimit)) {
        this._failed.set(key, err);
      }
      throw err;
    } finally {
      this._busy.delete(name);
      this._depth = depth;
      this._peak = peak;
    }
  }

  // -- nodes -----------------------------------------------------------------------------

  private _compile(node: Expr, scope: CompileScope, strict: boolean): Fn {
    const limit = strict ? this.limits.maxNumber : null;
    const span = spanOf(node);
    switch (node.type) {
      case 'number': {
        const value = numberValue(node.value);
        if (strict) {
          tooBig(value, span, this.limits.maxNumber);
        }
        return () => value;
      }
      case 'variable':
      case 'parameter':
      case 'constant':
        return this._name(canonical(node.name), scope, span);
      case 'call':
        return this._call(node, scope, strict);
      case 'negate': {
        const operand = this.compile(node.operand, scope, strict);
        return env => closures.negate(operand(env));
      }
      case 'add': {
        const terms = node.terms.map(t => this.compile(t, scope, strict));
        const minus = node.signs.map(s => s === '-');
        return closures.sumOf(terms, minus, span, limit);
      }
      case 'multiply': {
        const factors = node.factors.map(f => this.compile(f, scope, strict));
        const dividing = node.ops.map(op => op === '/');
        return closures.productOf(factors, dividing, span, limit);
      }
      case 'power': {
        const base = this.compile(node.base, scope, strict);
        const exponent = this.compile(node.exponent, scope, strict);
        return closures.apply(power, [base, exponent], span, limit);
      }
      case 'factorial':
        return this._factorial(
          this.compile(node.operand, scope, strict),
          span,
          strict
        );
      case 'piecewise': {
        const branches = node.branches.map(
          b =>
            [
              this.condition(b.condition, scope, strict),
              this.compile(b.value, scope, strict)
            ] as [Test, Fn]
        );
        const fallback =
          node.default === null
            ? null
            : this.compile(node.default, scope, strict);
        return closures.piecewise(branches, fallback);
      }
      case 'series':
        return this._series(node, scope, strict);
      case 'derivative': {
        const variable = canonical(node.variable);
        if (!(
          (scope.locals ?? []).includes(variable) ||
          scope.allowed.includes(variable)
        )) {
          throw this._misplaced(variable, span, scope);
        }
        const tree = derivative(
          node.expr,
          variable,
          this.isFunction(scope),
          this.check
        );
        return this.compile(tree, scope, strict);
      }
      default:
        throw new PlotterError(
          'TypeError',
          "This can't be drawn.",
          span,
          'not-drawable'
        );
    }
  }

  private _series(
    node: Extract<Expr, { type: 'series' }>,
    scope: CompileScope,
    strict: boolean
  ): Fn {
    const index = canonical(node.index);
    if (scope.allowed.includes(index)) {
      scope = { ...scope, allowed: scope.allowed.filter(v => v !== index) };
    }
    const inner: CompileScope = {
      ...scope,
      locals: [...(scope.locals ?? []), index]
    };
    const first = this.compile(node.first, scope, strict);
    const last = this.compile(node.last, scope, strict);
    const term = this.compile(node.term, inner, strict);
    const variables = new Set([...(scope.locals ?? []), ...scope.allowed]);
    const constant = ![node.first, node.last].some(bound =>
      Private.names(bound).some(n => variables.has(n))
    );
    const span = spanOf(node);
    if (constant) {
      const lo = this.evaluate(node.first, scope);
      const hi = this.evaluate(node.last, scope);
      if (
        Number.isFinite(lo) &&
        Number.isFinite(hi) &&
        hi - lo + 1 > MAX_TERMS
      ) {
        throw new ResourceLimit(
          `A ${node.kind} has at most ${MAX_TERMS} terms; this one has ${formatG(hi - lo + 1)}.`,
          span,
          'too-many-terms'
        );
      }
    }
    const limit = strict ? this.limits.maxNumber : null;
    return closures.series(
      node.kind,
      index,
      span,
      first,
      last,
      term,
      this.check,
      strict,
      limit
    );
  }

  private _name(
    name: string,
    scope: CompileScope,
    span: ISpan | undefined
  ): Fn {
    if (
      (scope.locals ?? []).includes(name) ||
      (PLOT_VARIABLES.has(name) && scope.allowed.includes(name))
    ) {
      return env => {
        const value = env[name];
        return value === undefined ? NaN : value;
      };
    }
    if (PLOT_VARIABLES.has(name)) {
      throw this._misplaced(name, span, scope);
    }
    const d = this._defs.get(name);
    if (d !== undefined && d.params === null) {
      const value = this.parameter(name, span);
      return () => value;
    }
    if (CONSTANTS.has(name)) {
      const value = CONSTANTS.get(name)!.value;
      return () => value;
    }
    if (d !== undefined || BUILTINS.has(name)) {
      throw new PlotterError(
        'TypeError',
        `${name} is a function: give it an input, like ${name}(x).`,
        span,
        'needs-input'
      );
    }
    throw this._unknown(name, span, scope);
  }

  private _misplaced(
    name: string,
    span: ISpan | undefined,
    scope: CompileScope
  ): PlotterError {
    if (scope.owner !== undefined) {
      const inputs = [...(scope.locals ?? []), name].join(', ');
      return new PlotterError(
        'NameError',
        `${name} is not an input of ${scope.owner}: list it in the brackets, ` +
          `like ${scope.owner}(${inputs}).`,
        span,
        'free-variable'
      );
    }
    const where = scope.where ?? 'a calculation';
    const message =
      VARIABLE_HINTS.get(name) ??
      `${name} can't be used in ${where}` +
        (scope.hint ? `: ${scope.hint}.` : '.');
    return new PlotterError('NameError', message, span, 'variable-not-allowed');
  }

  private _unknown(
    name: string,
    span: ISpan | undefined,
    scope: CompileScope
  ): PlotterError {
    const line = this._broken.get(name);
    if (line !== undefined) {
      return new PlotterError(
        'NameError',
        `${name} has an error on line ${line + 1}, so it can't be used.`,
        span,
        'broken-definition'
      );
    }
    const known = new Set([
      ...(scope.locals ?? []),
      ...PLOT_VARIABLES,
      ...CONSTANTS.keys(),
      ...this._defs.keys()
    ]);
    const pool = [
      ...BUILTINS.keys(),
      ...CONSTANTS.keys(),
      ...this._defs.keys(),
      ...(scope.locals ?? []),
      ...[...scope.allowed].sort(),
      'theta'
    ];
    return new PlotterError(
      'NameError',
      `Unknown name '${name}'.` + this._suggest(name, known, pool),
      span,
      'unknown-name'
    );
  }

  private _call(
    node: Extract<Expr, { type: 'call' }>,
    scope: CompileScope,
    strict: boolean
  ): Fn {
    const name = canonical(node.name);
    const span = spanOf(node);
    const primes = node.primes ?? [];
    const d = this._defs.get(name);
    const isNumber =
      (scope.locals ?? []).includes(name) ||
      PLOT_VARIABLES.has(name) ||
      CONSTANTS.has(name);
    const limit = strict ? this.limits.maxNumber : null;
    if (isNumber || (d !== undefined && d.params === null)) {
      if (node.args.length === 1 && primes.length === 0) {
        // `a(x - 1)`, `x(x - 1)`: a value before a bracket multiplies.
        const factors = [
          this._name(name, scope, nameSpanOf(node)),
          this.compile(node.args[0], scope, strict)
        ];
        return closures.productOf(factors, [false, false], span, limit);
      }
      throw new PlotterError(
        'TypeError',
        `${name} is a number, not a function: write ${name}*(...) to multiply.`,
        nameSpanOf(node),
        'not-a-function'
      );
    }
    const internal = INTERNAL.get(name);
    if (internal !== undefined) {
      const probes = PROBES_FROM.get(name) ?? node.args.length;
      const args = node.args.map((a, i) =>
        this.compile(a, scope, strict && i < probes)
      );
      return closures.apply(internal, args, span, limit);
    }
    if (primes.length > 0) {
      return this._primed(node, name, scope, strict);
    }
    const builtin = BUILTINS.get(name);
    if (builtin !== undefined) {
      if (!accepts(builtin, node.args.length)) {
        throw arity(name, arityText(builtin), node.args.length, span);
      }
      const args = node.args.map(a => this.compile(a, scope, strict));
      if (name === 'factorial') {
        return this._factorial(args[0], span, strict);
      }
      return this._timed(closures.apply(builtin.impl, args, span, limit));
    }
    if (d === undefined) {
      throw this._unknown(name, nameSpanOf(node), scope);
    }
    const params = d.params ?? [];
    if (params.length !== node.args.length) {
      const count = params.length === 1 ? '1 input' : `${params.length} inputs`;
      throw arity(name, count, node.args.length, span);
    }
    const args = node.args.map(a => this.compile(a, scope, strict));
    const body = this.function(name, span, strict);
    return this._userCall(params, args, body, span, name, strict);
  }

  /** `f'(x)`, `f''(x)`: the derivative of a function of one input, at its input. */
  private _primed(
    node: Extract<Expr, { type: 'call' }>,
    name: string,
    scope: CompileScope,
    strict: boolean
  ): Fn {
    const d = this._defs.get(name);
    const primes = node.primes ?? [];
    const ticks = "'".repeat(primes.length);
    const span = spanOf(node);
    if (d === undefined && !BUILTINS.has(name)) {
      throw this._unknown(name, nameSpanOf(node), scope);
    }
    const params = d !== undefined ? (d.params ?? []) : ['@u'];
    if (params.length !== 1 || node.args.length !== 1) {
      throw new PlotterError(
        'TypeError',
        `${name}${ticks} is only for a function of one input, like ${name}${ticks}(x).`,
        span,
        'wrong-arity'
      );
    }
    const args = node.args.map(a => this.compile(a, scope, strict));
    let body: Fn;
    if (d !== undefined) {
      body = this.function(name, span, strict, primes);
    } else {
      let tree: Expr = {
        type: 'call',
        name,
        args: [{ type: 'variable', name: '@u' }]
      };
      if (span) {
        tree = { ...tree, span } as Expr;
      }
      const inner: CompileScope = { allowed: [], locals: ['@u'], where: name };
      for (let i = 0; i < primes.length; i++) {
        tree = derivative(tree, '@u', this.isFunction(inner), this.check);
      }
      body = this.compile(tree, inner, strict);
    }
    return this._userCall(params, args, body, span, name + ticks, strict);
  }

  private _userCall(
    params: readonly string[],
    args: Fn[],
    body: Fn,
    span: ISpan | undefined,
    name: string,
    strict: boolean
  ): Fn {
    const check = this.check;
    return env => {
      check();
      const inputs: Env = {};
      for (let i = 0; i < params.length; i++) {
        inputs[params[i]] = args[i](env);
      }
      if (!strict) {
        return body(inputs);
      }
      try {
        return body(inputs);
      } catch (err) {
        throw relocate(err, span, name);
      }
    };
  }

  /** `fn` checking the cell's deadline first: a builtin over a whole grid is slow. */
  private _timed(fn: Fn): Fn {
    const check = this.check;
    return env => {
      check();
      return fn(env);
    };
  }

  private _factorial(
    operand: Fn,
    span: ISpan | undefined,
    strict: boolean
  ): Fn {
    const limit = this.limits.maxNumber;
    const most = largestFactorial(this.limits.maxFactorial, limit);
    const check = this.check;
    return env => {
      check();
      const n = operand(env);
      if (strict && some(n, v => v > most)) {
        throw new ResourceLimit(
          `Factorials only go up to ${most}!; this one is too big.`,
          span,
          'factorial-limit'
        );
      }
      const result = factorial(n);
      if (strict) {
        tooBig(result, span, limit);
      }
      return result;
    };
  }

  private _defs = new Map<string, Definition>();
  private _values = new Map<string, number>();
  private _bodies = new Map<Key, Fn>();
  private _reach = new Map<Key, number>();
  private _failed = new Map<Key, PlotterError>();
  private _busy = new Set<string>();
  private _depth = 0;
  private _peak = 0;
  private _maxDepth: number;
  private _suggest: Suggest;
  private _broken: ReadonlyMap<string, number>;
}

/** A value as one number (the first entry of an array). */
export function toNumber(value: Value): number {
  return typeof value === 'number' ? value : value.length > 0 ? value[0] : NaN;
}

/**
 * Report a problem inside a definition at the place that uses it ("In f: ...").
 * The time limit is nobody's fault and passes through unchanged, as does anything
 * that is not an {@link PlotterError}.
 */
export function relocate(
  err: unknown,
  span: ISpan | undefined,
  name: string
): unknown {
  if (!(err instanceof PlotterError) || err instanceof TimeLimit) {
    return err;
  }
  const message = err.message.startsWith('In ')
    ? err.message
    : `In ${name}: ${err.message}`;
  return new PlotterError(err.ename, message, span, err.code);
}

/**
 * The largest n <= `most` whose n! is at most `limit`, so that the factorial message
 * and the size message never disagree.
 */
export function largestFactorial(most: number, limit: number): number {
  let n = 0;
  let value = 1;
  while (n < most && value * (n + 1) <= limit) {
    n += 1;
    value *= n;
  }
  return n;
}

function arity(
  name: string,
  wanted: string,
  given: number,
  span: ISpan | undefined
): PlotterError {
  return new PlotterError(
    'TypeError',
    `${name} takes ${wanted}, but ${given} ${given === 1 ? 'was' : 'were'} given.`,
    span,
    'wrong-arity'
  );
}

namespace Private {
  export function key(
    name: string,
    strict: boolean,
    primes: readonly number[]
  ): Key {
    return `${name}\u0000${strict ? 1 : 0}\u0000${primes.join(',')}`;
  }

  /** The names a tree mentions (variables, parameters, constants, indices). */
  export function names(node: Expr): string[] {
    const found: string[] = [];
    const stack: unknown[] = [node];
    while (stack.length > 0) {
      const item = stack.pop();
      if (Array.isArray(item)) {
        stack.push(...item);
      } else if (item !== null && typeof item === 'object') {
        const tree = item as Record<string, unknown>;
        if (
          (tree.type === 'variable' ||
            tree.type === 'parameter' ||
            tree.type === 'constant') &&
          typeof tree.name === 'string'
        ) {
          found.push(canonical(tree.name));
        }
        // As Python's `walk`: a derivative's variable and a series' index are names too.
        if (tree.type === 'derivative' && typeof tree.variable === 'string') {
          found.push(canonical(tree.variable));
        }
        if (tree.type === 'series' && typeof tree.index === 'string') {
          found.push(canonical(tree.index));
        }
        for (const [field, child] of Object.entries(tree)) {
          if (field !== 'span' && typeof child === 'object') {
            stack.push(child);
          }
        }
      }
    }
    return found;
  }
}
