/**
 * Compile syntax trees once into closures over values: the one compiler of the
 * TypeScript core, a port of the Python kernel's `lang/compile.py` (same checks,
 * messages and codes, in the same order). Cells compile their parsed trees; programs
 * are decoded back into syntax trees first (`program.ts` `decode`), as in Python.
 *
 * A compiled expression is a function of an environment (variable name -> number or
 * array of samples). *Strict* compilation is for calculations: every operation checks
 * `maxNumber` and throws a located `ResourceError`. Curve compilation lets undefined
 * and overflowing values become NaN gaps instead.
 */

import {
  BUILTINS,
  CONSTANTS,
  IBuiltin,
  ONE_LIST,
  PLOT_VARIABLES,
  accepts,
  arityText,
  factorial,
  power
} from './builtins';
import * as closures from './closures';
import { Env, Fn, Test, tooBig } from './closures';
import * as lists from './lists';
import * as notation from './notation';
import { asArray, some, Value } from './values';
import { IDefinition, ValueMemo } from './definitions';
import {
  ISpan,
  PlotterError,
  ResourceLimit,
  TimeLimit,
  formatG,
  pyRepr
} from '../errors';
import type { ILimits } from '../limits';
import { hint } from './names';
import { INTERNAL, PROBES_FROM, derive } from './derivative';
import {
  AnyNode,
  CallNode,
  ICondition,
  LIST_NODES,
  NameNode,
  Node,
  NodeOf,
  call,
  children,
  name as nameNode,
  walk
} from './syntax';

export type { Env, Fn } from './closures';

const VARIABLE_HINTS: Record<string, string> = {
  t: 't can only be used in a parametric curve, like (cos(t), sin(t)).',
  theta: 'theta can only be used in a polar curve, like r = 1 + cos(theta).',
  r: 'r can only be used on the left of a polar curve, like r = 2cos(theta).'
};

/** What plain names mean while compiling one statement. */
export interface IScope {
  /** Plot variables usable here. */
  allowed: ReadonlySet<string>;
  /** Inputs of the function being defined. */
  locals: string[];
  /** How the statement is described in messages. */
  where: string;
  /** Advice for a misplaced x or y. */
  hint: string;
  /** The function whose body this is, if any. */
  owner: string | null;
  /** Inputs (of `locals`) that hold lists here: `f(L)` passes its list whole. */
  lists: ReadonlySet<string>;
}

export function scope(partial: Partial<IScope> = {}): IScope {
  return {
    allowed: new Set(),
    locals: [],
    where: 'a calculation',
    hint: '',
    owner: null,
    lists: new Set(),
    ...partial
  };
}

export const NUMBER_SCOPE = scope({
  where: 'a number',
  hint: 'this needs a number'
});

/** Report a problem inside a definition at the place in this line that uses it. */
export function relocate(
  err: PlotterError,
  where: ISpan,
  id: string
): PlotterError {
  if (err instanceof TimeLimit) {
    return err;
  }
  const message = err.message.startsWith('In ')
    ? err.message
    : `In ${id}: ${err.message}`;
  return new PlotterError(err.ename, message, where, err.code);
}

/** The largest n <= `most` whose n! is at most `limit`. */
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
  id: string,
  wanted: string,
  given: number,
  where: ISpan
): PlotterError {
  return new PlotterError(
    'TypeError',
    `${id} takes ${wanted}, but ${given} ${given === 1 ? 'was' : 'were'} given.`,
    where,
    'wrong-arity'
  );
}

/**
 * A compiled definition: its name, strictness, the derivatives taken (`primes`) and
 * the inputs given lists.
 */
type Key = string;

function key(
  id: string,
  strict: boolean,
  primes: readonly number[] = [],
  given: readonly string[] = []
): Key {
  return `${id}\u0000${strict}\u0000${primes.join(',')}\u0000${given.join(',')}`;
}

export const DRAWING_LISTS =
  'Lists are drawn as points, like (X, Y), and in curves, like y = L x; ' +
  'not yet in this kind of drawing.';

function listNotNumber(message: string, where: ISpan): PlotterError {
  return new PlotterError('TypeError', message, where, 'list-not-number');
}

/** Compiles expressions against a table of definitions, caching bodies and values. */
export class Compiler {
  constructor(
    readonly defs: ReadonlyMap<string, IDefinition>,
    readonly limits: ILimits,
    readonly check: () => void = () => undefined,
    readonly broken: ReadonlyMap<string, number> = new Map(),
    readonly memo: ValueMemo | null = null
  ) {
    this._maxDepth = 3 * limits.maxDepth + 10;
  }

  // -- public --------------------------------------------------------------------------

  /** A function computing `node` from an environment of variables. */
  compile(node: Node, sc: IScope, strict = false): Fn {
    this._depth += 1;
    this._peak = Math.max(this._peak, this._depth);
    try {
      if (this._depth > this._maxDepth) {
        throw new ResourceLimit(
          'This is nested too deeply.',
          node.span,
          'too-deep'
        );
      }
      return this.compileNode(node, sc, strict);
    } finally {
      this._depth -= 1;
    }
  }

  /** The value of a calculation that must be a number; NaN means undefined. */
  evaluate(node: Node, sc: IScope = NUMBER_SCOPE): number {
    if (this.isList(node, sc)) {
      throw listNotNumber('This needs a number, not a list.', node.span);
    }
    return toNumber(this.compile(node, sc, true)({}));
  }

  /** The value of a calculation: a number (NaN means undefined) or a list. */
  value(node: Node, sc: IScope = NUMBER_SCOPE): Value {
    if (!this.isList(node, sc)) {
      return this.evaluate(node, sc);
    }
    return Float64Array.from(asArray(this.compile(node, sc, true)({})));
  }

  // -- lists ---------------------------------------------------------------------------

  /** Whether `node` computes a list, known before anything is computed. */
  isList(node: Node, sc: IScope = NUMBER_SCOPE): boolean {
    const k = `${[...sc.lists].join(',')}\u0000${sc.locals.join(',')}`;
    let seen = this._listy.get(node);
    if (seen === undefined) {
      seen = new Map();
      this._listy.set(node, seen);
    }
    let result = seen.get(k);
    if (result === undefined) {
      result = this.isListNode(node, sc);
      seen.set(k, result);
    }
    return result;
  }

  private isListNode(node: Node, sc: IScope): boolean {
    switch (node.type) {
      case 'list':
      case 'range':
      case 'comprehension':
        return true;
      case 'index':
        return this.isList(node.index, sc);
      case 'name':
        return this.isListName(node.id, sc);
      case 'call':
        return this.isListCall(node, sc);
      case 'num':
      case 'series':
      case 'derivative':
        return false; // a series' bounds and a derivative refuse lists when compiled
      case 'piecewise': {
        const parts = node.branches.flatMap(([c, v]) => [v, ...c.operands]);
        if (node.default !== null) {
          parts.push(node.default);
        }
        return parts.some(p => this.isList(p, sc));
      }
      default:
        return children(node).some(c => this.isList(c as Node, sc));
    }
  }

  private isListName(id: string, sc: IScope): boolean {
    if (sc.locals.includes(id)) {
      return sc.lists.has(id);
    }
    const definition = this.defs.get(id);
    if (
      PLOT_VARIABLES.has(id) ||
      definition === undefined ||
      definition.params !== null
    ) {
      return false;
    }
    try {
      return typeof this.cachedValue(id) !== 'number';
    } catch (err) {
      if (err instanceof TimeLimit || !(err instanceof PlotterError)) {
        throw err;
      }
      return false; // reported where the name is compiled
    }
  }

  private isListCall(node: CallNode, sc: IScope): boolean {
    const id = node.func;
    const args = node.args;
    const definition = this.defs.get(id);
    if (
      sc.locals.includes(id) ||
      PLOT_VARIABLES.has(id) ||
      CONSTANTS.has(id) ||
      (definition !== undefined && definition.params === null)
    ) {
      return this.isListName(id, sc) || args.some(a => this.isList(a, sc));
    }
    const builtin = this.builtin(id, args.length, sc, args);
    if (builtin !== null) {
      if (builtin.kind === 'list') {
        return true;
      }
      if (builtin.kind === 'draw') {
        return false; // refused where it is compiled: it has no value
      }
      const rest =
        builtin.kind === 'reduce' ? args.slice(builtin.listArgs) : args;
      return rest.some(a => this.isList(a, sc));
    }
    if (
      definition === undefined ||
      (definition.params ?? []).length !== args.length
    ) {
      return args.some(a => this.isList(a, sc));
    }
    const params = definition.params ?? [];
    const given = params.filter((_, i) => this.isList(args[i], sc));
    return this.bodyIsList(id, given);
  }

  /** The builtin a call means: `min(L)` and `max(L)` reduce one list. */
  private builtin(
    id: string,
    count: number,
    sc: IScope,
    args: Node[]
  ): IBuiltin | null {
    const builtin = BUILTINS.get(id);
    if (builtin === undefined) {
      return null;
    }
    const one = ONE_LIST.get(id);
    if (one !== undefined && count === 1 && this.isList(args[0], sc)) {
      return one;
    }
    return builtin;
  }

  private bodyIsList(id: string, given: string[]): boolean {
    const k = `${id}\u0000${given.join(',')}`;
    let result = this._bodiesListy.get(k);
    if (result === undefined) {
      this._bodiesListy.set(k, false); // a cycle (reported elsewhere) is no list
      const definition = this.defs.get(id) as IDefinition;
      const sc = scope({
        locals: definition.params ?? [],
        lists: new Set(given),
        owner: id
      });
      result = this.isList(definition.body, sc);
      this._bodiesListy.set(k, result);
    }
    return result;
  }

  /**
   * Where `node` uses a list, directly or through a function, else `null` (a parameter
   * whose value is a number counts as a number, however computed).
   */
  listUse(node: AnyNode, sc: IScope = NUMBER_SCOPE): ISpan | null {
    for (const n of walk(node)) {
      if (LIST_NODES.has(n.type)) {
        return n.span;
      }
      if (n.type === 'name' && this.isListName(n.id, sc)) {
        return n.span;
      }
      if (n.type === 'call') {
        const definition = this.defs.get(n.func);
        const builtin = BUILTINS.get(n.func);
        if (
          builtin !== undefined &&
          (builtin.kind !== 'each' ||
            this.builtin(n.func, n.args.length, sc, n.args) !== builtin)
        ) {
          return n.span;
        }
        if (definition !== undefined && !sc.locals.includes(n.func)) {
          if (definition.params !== null && this.functionUsesLists(n.func)) {
            return n.span;
          }
          if (definition.params === null && this.isListName(n.func, sc)) {
            return n.funcSpan;
          }
        }
      }
    }
    return null;
  }

  private functionUsesLists(id: string): boolean {
    let result = this._usesLists.get(id);
    if (result === undefined) {
      this._usesLists.set(id, false); // a cycle (reported elsewhere) uses none
      const definition = this.defs.get(id) as IDefinition;
      const sc = scope({ locals: definition.params ?? [], owner: id });
      result = this.listUse(definition.body, sc) !== null;
      this._usesLists.set(id, result);
    }
    return result;
  }

  /** Throw the located `list-in-drawing` error if something drawn uses a list. */
  refuseLists(node: AnyNode, sc: IScope = NUMBER_SCOPE): void {
    const where = this.listUse(node, sc);
    if (where !== null) {
      throw new PlotterError(
        'TypeError',
        DRAWING_LISTS,
        where,
        'list-in-drawing'
      );
    }
  }

  /**
   * The value of a number parameter computed from lists (`a = mean(L)`), which a
   * program keeps as that number; `null` for any other definition.
   */
  frozenValue(id: string): Value | null {
    const definition = this.defs.get(id);
    if (definition === undefined || definition.params !== null) {
      return null;
    }
    if (this.listUse(definition.body) === null) {
      return null;
    }
    return this.parameter(id, definition.nameSpan);
  }

  /** Work out one definition ahead of its users (call in dependency order). */
  prepare(id: string): void {
    const definition = this.defs.get(id) as IDefinition;
    if (definition.params === null) {
      this.cachedValue(id);
      return;
    }
    try {
      this.compiledBody(id, false);
    } catch (err) {
      if (!(err instanceof PlotterError) || err.code !== 'needs-list') {
        throw err;
      }
      return; // `f(L) = mean(L)`: a function of a list, compiled when called with one
    }
    try {
      this.compiledBody(id, true);
    } catch (err) {
      if (err instanceof TimeLimit || !(err instanceof PlotterError)) {
        throw err;
      }
      // kept in _failed; only a calculation calling it reports this
    }
  }

  /** Drop what was worked out for `id` (its definition changed). */
  forget(id: string): void {
    this._values.delete(id);
    for (const cache of [this._bodies, this._reach, this._failed] as Array<
      Map<Key, unknown>
    >) {
      for (const k of [...cache.keys()].filter(k =>
        k.startsWith(`${id}\u0000`)
      )) {
        cache.delete(k);
      }
    }
  }

  /** The value of a user parameter (a number or a list), computed once per cell. */
  parameter(id: string, where: ISpan): Value {
    try {
      return this.cachedValue(id);
    } catch (err) {
      if (err instanceof PlotterError) {
        throw relocate(err, where, id);
      }
      throw err;
    }
  }

  /**
   * The compiled body of a user function, reading its inputs from the environment
   * (`given`: the inputs that are lists).
   */
  function(
    id: string,
    where: ISpan,
    strict = false,
    primes: number[] = [],
    given: string[] = []
  ): Fn {
    let body: Fn;
    try {
      body = this.compiledBody(id, strict, primes, given);
    } catch (err) {
      if (err instanceof PlotterError) {
        throw relocate(err, where, id);
      }
      throw err;
    }
    const reach =
      this._depth + (this._reach.get(key(id, strict, primes, given)) as number);
    if (reach > this._maxDepth) {
      throw new ResourceLimit(
        'This is nested too deeply (through its functions).',
        where,
        'too-deep'
      );
    }
    this._peak = Math.max(this._peak, reach);
    return body;
  }

  /** The values of every number parameter worked out so far (for the evaluator). */
  parameterValues(): Record<string, number> {
    return Object.fromEntries(
      [...this._values].filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number'
      )
    );
  }

  private cachedValue(id: string): Value {
    const k = key(id, true);
    const failed = this._failed.get(k);
    if (failed !== undefined) {
      throw failed;
    }
    if (!this._values.has(id)) {
      const remembered = this.memo ? this.memo.get(id, this.defs) : null;
      if (remembered !== null) {
        this._values.set(id, remembered);
      } else {
        const value = this.workingOn(id, k, () =>
          this.value((this.defs.get(id) as IDefinition).body)
        );
        this._values.set(id, value);
        this.memo?.put(id, value, this.defs);
      }
    }
    return this._values.get(id) as Value;
  }

  private compiledBody(
    id: string,
    strict: boolean,
    primes: number[] = [],
    given: string[] = []
  ): Fn {
    const k = key(id, strict, primes, given);
    const failed = this._failed.get(k);
    if (failed !== undefined) {
      throw failed;
    }
    if (!this._bodies.has(k)) {
      const definition = this.defs.get(id) as IDefinition;
      const sc = scope({
        locals: definition.params ?? [],
        where: id,
        owner: id,
        lists: new Set(given)
      });
      this.workingOn(id, k, () => {
        let body = definition.body;
        for (const index of primes) {
          body = this.derive(body, sc.locals[index], sc);
        }
        this._bodies.set(k, this.compile(body, sc, strict));
        this._reach.set(k, this._peak);
      });
    }
    return this._bodies.get(k) as Fn;
  }

  /** Work out one definition on a fresh depth count, catching cycles and keeping failures. */
  private workingOn<T>(id: string, k: Key, fn: () => T): T {
    if (this._busy.has(id)) {
      throw new PlotterError(
        'ValueError',
        `${id} refers to itself.`,
        (this.defs.get(id) as IDefinition).nameSpan,
        'cycle'
      );
    }
    const depth = this._depth;
    const peak = this._peak;
    this._depth = this._peak = 0;
    this._busy.add(id);
    try {
      return fn();
    } catch (err) {
      if (err instanceof PlotterError) {
        this._failed.set(k, err);
      }
      throw err;
    } finally {
      this._busy.delete(id);
      this._depth = depth;
      this._peak = peak;
    }
  }

  /** Hints for an unknown name: a close spelling, or the product or call it may mean. */
  suggestion(id: string, sc: IScope): string {
    const known = new Set([
      ...sc.locals,
      ...PLOT_VARIABLES,
      ...CONSTANTS.keys(),
      ...this.defs.keys()
    ]);
    const pool = [
      ...BUILTINS.keys(),
      ...CONSTANTS.keys(),
      ...this.defs.keys(),
      ...sc.locals,
      ...[...sc.allowed].sort(),
      'theta'
    ];
    return hint(id, known, pool);
  }

  // -- nodes ---------------------------------------------------------------------------

  private compileNode(node: Node, sc: IScope, strict: boolean): Fn {
    const limit = strict ? this.limits.maxNumber : null;
    switch (node.type) {
      case 'num': {
        const value = node.value;
        if (strict) {
          tooBig(value, node.span, this.limits.maxNumber);
        }
        return () => value;
      }
      case 'name':
        return this.name(node, sc);
      case 'call':
        return this.call(node, sc, strict);
      case 'unary': {
        const operand = this.compile(node.operand, sc, strict);
        return node.op === '-' ? env => closures.negate(operand(env)) : operand;
      }
      case 'sum': {
        const terms = node.terms.map(([, t]) => this.compile(t, sc, strict));
        const minus = node.terms.map(([sign]) => sign === '-');
        const flags = node.terms.map(([, t]) => this.isList(t, sc));
        return closures.sumOf(terms, minus, node.span, limit, flags);
      }
      case 'product': {
        const factors = node.factors.map(([, f]) =>
          this.compile(f, sc, strict)
        );
        const dividing = node.factors.map(([op]) => op === '/');
        const flags = node.factors.map(([, f]) => this.isList(f, sc));
        return closures.productOf(factors, dividing, node.span, limit, flags);
      }
      case 'power': {
        const base = this.compile(node.base, sc, strict);
        const exponent = this.compile(node.exponent, sc, strict);
        const flags = [node.base, node.exponent].map(n => this.isList(n, sc));
        return closures.apply(power, [base, exponent], node.span, limit, flags);
      }
      case 'factorial':
        return this.factorial(
          this.compile(node.operand, sc, strict),
          node.span,
          strict
        );
      case 'group':
        throw new PlotterError(
          'TypeError',
          "A point (a, b) can't be used inside a calculation.",
          node.span,
          'point-in-expression'
        );
      case 'piecewise': {
        const branches = node.branches.map(([c, v]): [Test, Fn] => [
          this.condition(c, sc, strict),
          this.compile(v, sc, strict)
        ]);
        const fallback =
          node.default === null ? null : this.compile(node.default, sc, strict);
        return notation.piecewise(branches, fallback);
      }
      case 'series':
        return this.series(node, sc, strict);
      case 'list':
      case 'range':
      case 'index':
      case 'comprehension':
        return this.list(node, sc, strict);
      case 'derivative': {
        const variable = node.variable.id;
        if (!(sc.locals.includes(variable) || sc.allowed.has(variable))) {
          throw this.misplaced(node.variable, sc);
        }
        return this.compile(this.derive(node.expr, variable, sc), sc, strict);
      }
    }
  }

  /** The derivative of `node` in `variable`, as a syntax tree to compile. */
  private derive(node: Node, variable: string, sc: IScope): Node {
    const locals = new Set([...sc.locals, ...sc.allowed]);
    return derive(
      node,
      variable,
      locals,
      this.defs,
      this.isFunction(sc),
      this.check
    );
  }

  /** What a called name is while differentiating in `sc`. */
  private isFunction(sc: IScope): (id: string) => boolean {
    return id => {
      if (
        sc.locals.includes(id) ||
        PLOT_VARIABLES.has(id) ||
        CONSTANTS.has(id)
      ) {
        return false;
      }
      const definition = this.defs.get(id);
      return definition === undefined || definition.params !== null;
    };
  }

  /** `node` compiled where only a number fits (an item of a list, a range's end). */
  private number(node: Node, sc: IScope, strict: boolean): Fn {
    if (this.isList(node, sc)) {
      throw new PlotterError(
        'TypeError',
        'A list holds numbers, not lists.',
        node.span,
        'nested-list'
      );
    }
    return this.compile(node, sc, strict);
  }

  private list(
    node: NodeOf<'list' | 'range' | 'index' | 'comprehension'>,
    sc: IScope,
    strict: boolean
  ): Fn {
    const most = this.limits.maxSamples;
    if (node.type === 'list') {
      if (node.items.length > most) {
        throw lists.tooLong(node.items.length, most, node.span, 'this list');
      }
      return lists.literal(node.items.map(i => this.number(i, sc, strict)));
    }
    if (node.type === 'range') {
      const first = this.number(node.first, sc, strict);
      const second =
        node.second === null ? null : this.number(node.second, sc, strict);
      const last = this.number(node.last, sc, strict);
      return lists.ranged(first, second, last, node.span, most);
    }
    if (node.type === 'index') {
      if (!this.isList(node.target, sc)) {
        throw new PlotterError(
          'TypeError',
          'Only a list has values to take with [ ], like L[1].',
          node.target.span,
          'not-a-list'
        );
      }
      const target = this.compile(node.target, sc, strict);
      const index = this.compile(node.index, sc, strict);
      const id = node.target.type === 'name' ? node.target.id : null;
      return lists.take(target, index, id, node.span, strict);
    }
    const variable = node.variable.id;
    if (!this.isList(node.source, sc)) {
      throw new PlotterError(
        'TypeError',
        `${variable} takes the values of a list, like [k^2 for k = [1...5]].`,
        node.source.span,
        'not-a-list'
      );
    }
    if (node.body.type === 'group') {
      throw new PlotterError(
        'TypeError',
        'A list of points is drawn on a line of its own, like ' +
          '[(k, k^2) for k = [1...5]]; a list in a calculation holds numbers.',
        node.body.span,
        'list-in-drawing'
      );
    }
    const source = this.compile(node.source, sc, strict);
    const inner: IScope = {
      ...sc,
      locals: [...sc.locals, variable],
      lists: without(sc.lists, variable),
      allowed: without(sc.allowed, variable)
    };
    const body = this.number(node.body, inner, strict);
    return lists.comprehension(body, variable, source, this.check);
  }

  /** A closure giving a mask: where the whole chain `a < b <= c` holds. */
  condition(node: ICondition, sc: IScope, strict: boolean): Test {
    const operands = node.operands.map(o => this.compile(o, sc, strict));
    return notation.compare(operands, node.ops);
  }

  private series(
    node: Extract<Node, { type: 'series' }>,
    sc: IScope,
    strict: boolean
  ): Fn {
    const index = node.index.id;
    let outer = sc;
    if (sc.allowed.has(index)) {
      outer = { ...sc, allowed: without(sc.allowed, index) };
    }
    const inner = {
      ...outer,
      locals: [...outer.locals, index],
      lists: without(outer.lists, index)
    };
    for (const bound of [node.first, node.last]) {
      if (this.isList(bound, outer)) {
        throw listNotNumber(
          `The bounds of ${node.kind} are numbers, not lists.`,
          bound.span
        );
      }
    }
    if (this.isList(node.term, inner)) {
      throw listNotNumber(
        `The terms of ${node.kind} are numbers, not lists: for a list use total(L).`,
        node.term.span
      );
    }
    const first = this.compile(node.first, outer, strict);
    const last = this.compile(node.last, outer, strict);
    const term = this.compile(node.term, inner, strict);
    const variables = new Set([...outer.locals, ...outer.allowed]);
    let constant = true;
    for (const bound of [node.first, node.last]) {
      for (const n of walk(bound)) {
        if (n.type === 'name' && variables.has(n.id)) {
          constant = false;
        }
      }
    }
    const most = notation.MAX_TERMS;
    if (constant) {
      const lo = this.evaluate(node.first, outer);
      const hi = this.evaluate(node.last, outer);
      if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo + 1 > most) {
        throw new ResourceLimit(
          `A ${node.kind} has at most ${most} terms; this one has ${formatG(hi - lo + 1)}.`,
          node.span,
          'too-many-terms'
        );
      }
    }
    return notation.series(
      node.kind,
      index,
      node.span,
      first,
      last,
      term,
      this.check,
      strict,
      strict ? this.limits.maxNumber : null
    );
  }

  private name(node: NameNode, sc: IScope): Fn {
    const id = node.id;
    if (
      sc.locals.includes(id) ||
      (PLOT_VARIABLES.has(id) && sc.allowed.has(id))
    ) {
      return env => env[id] ?? NaN;
    }
    if (PLOT_VARIABLES.has(id)) {
      throw this.misplaced(node, sc);
    }
    const definition = this.defs.get(id);
    if (definition !== undefined && definition.params === null) {
      const value = this.parameter(id, node.span);
      return () => value;
    }
    const constant = CONSTANTS.get(id);
    if (constant !== undefined) {
      return () => constant.value;
    }
    if (definition !== undefined || BUILTINS.has(id)) {
      throw new PlotterError(
        'TypeError',
        `${id} is a function: give it an input, like ${id}(x).`,
        node.span,
        'needs-input'
      );
    }
    throw this.unknown(id, node.span, sc);
  }

  misplaced(node: NameNode, sc: IScope): PlotterError {
    const id = node.id;
    if (sc.owner !== null) {
      const inputs = [...sc.locals, id].join(', ');
      return new PlotterError(
        'NameError',
        `${id} is not an input of ${sc.owner}: list it in the brackets, ` +
          `like ${sc.owner}(${inputs}).`,
        node.span,
        'free-variable'
      );
    }
    const message =
      VARIABLE_HINTS[id] ??
      `${id} can't be used in ${sc.where}` + (sc.hint ? `: ${sc.hint}.` : '.');
    return new PlotterError(
      'NameError',
      message,
      node.span,
      'variable-not-allowed'
    );
  }

  private unknown(id: string, where: ISpan, sc: IScope): PlotterError {
    const line = this.broken.get(id);
    if (line !== undefined) {
      return new PlotterError(
        'NameError',
        `${id} has an error on line ${line + 1}, so it can't be used.`,
        where,
        'broken-definition'
      );
    }
    return new PlotterError(
      'NameError',
      `Unknown name ${pyRepr(id)}.` + this.suggestion(id, sc),
      where,
      'unknown-name'
    );
  }

  private call(node: CallNode, sc: IScope, strict: boolean): Fn {
    const id = node.func;
    const definition = this.defs.get(id);
    const isNumber =
      sc.locals.includes(id) || PLOT_VARIABLES.has(id) || CONSTANTS.has(id);
    if (isNumber || (definition !== undefined && definition.params === null)) {
      if (node.args.length === 1 && !node.primes.length) {
        // `a(x - 1)`, `x(x - 1)`: a value before a bracket multiplies.
        const factors = [
          this.name(nameNode(id, node.funcSpan), sc),
          this.compile(node.args[0], sc, strict)
        ];
        const limit = strict ? this.limits.maxNumber : null;
        const flags = [this.isListName(id, sc), this.isList(node.args[0], sc)];
        return closures.productOf(
          factors,
          [false, false],
          node.span,
          limit,
          flags
        );
      }
      throw new PlotterError(
        'TypeError',
        `${id} is a number, not a function: write ${id}*(...) to multiply.`,
        node.funcSpan,
        'not-a-function'
      );
    }
    const limit = strict ? this.limits.maxNumber : null;
    const internal = INTERNAL.get(id);
    if (internal !== undefined) {
      const probes = PROBES_FROM.get(id) ?? node.args.length;
      const args = node.args.map((a, i) =>
        this.compile(a, sc, strict && i < probes)
      );
      return closures.apply(internal, args, node.span, limit);
    }
    if (node.primes.length) {
      return this.primed(node, sc, strict);
    }
    const builtin = BUILTINS.get(id);
    if (builtin !== undefined) {
      if (!accepts(builtin, node.args.length)) {
        throw arity(id, arityText(builtin), node.args.length, node.span);
      }
      return this.builtinCall(node, sc, strict);
    }
    if (definition === undefined) {
      throw this.unknown(id, node.funcSpan, sc);
    }
    const params = definition.params ?? [];
    if (params.length !== node.args.length) {
      const count = params.length === 1 ? '1 input' : `${params.length} inputs`;
      throw arity(id, count, node.args.length, node.span);
    }
    const args = node.args.map(a => this.compile(a, sc, strict));
    const given = params.filter((_, i) => this.isList(node.args[i], sc));
    const body = this.function(id, node.span, strict, [], given);
    return this.userCall(params, args, body, node.span, id, strict);
  }

  /** A builtin: value by value over lists (`sin(L)`), or a statistic of lists. */
  private builtinCall(node: CallNode, sc: IScope, strict: boolean): Fn {
    const id = node.func;
    const limit = strict ? this.limits.maxNumber : null;
    const builtin = this.builtin(id, node.args.length, sc, node.args);
    if (builtin === null) {
      throw new Error(`${id} is no builtin`);
    }
    const one = ONE_LIST.get(id);
    if (one !== undefined && node.args.length === 1 && builtin !== one) {
      throw new PlotterError(
        'TypeError',
        `${id} of one input needs a list, like ${id}([3, 1, 2]); ` +
          `or give it several numbers, like ${id}(a, b).`,
        node.span,
        'needs-list'
      );
    }
    if (builtin.kind === 'draw') {
      throw new PlotterError(
        'TypeError',
        `${id} draws on a line of its own, like ${builtin.signature}; ` +
          'it has no value to use here.',
        node.span,
        'draw-in-expression'
      );
    }
    let flags = node.args.map(a => this.isList(a, sc));
    if (builtin.kind !== 'each') {
      const count = builtin.listArgs;
      node.args.slice(0, count).forEach((arg, i) => {
        if (!flags[i]) {
          const example = Array(count).fill('[1, 2, 3]').join(', ');
          const more = builtin.maxArgs !== count ? ', 1).' : ').';
          throw new PlotterError(
            'TypeError',
            `${id} needs a list, like ${id}(${example}${more}`,
            arg.span,
            'needs-list'
          );
        }
      });
      // only the lists a statistic pairs up must agree (cov(X, Y), not quartile(L, Q))
      flags = flags.map((f, i) => f && i < count);
    }
    const args = node.args.map(a => this.compile(a, sc, strict));
    if (id === 'factorial') {
      return this.factorial(args[0], node.span, strict);
    }
    return this.timed(
      closures.apply(builtin.impl, args, node.span, limit, flags)
    );
  }

  private userCall(
    params: string[],
    args: Fn[],
    body: Fn,
    where: ISpan,
    id: string,
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
        if (err instanceof PlotterError) {
          throw relocate(err, where, id);
        }
        throw err;
      }
    };
  }

  /** `f'(x)`, `f''(x)`: the derivative of a function of one input, at its input. */
  private primed(node: CallNode, sc: IScope, strict: boolean): Fn {
    const id = node.func;
    const definition = this.defs.get(id);
    const ticks = "'".repeat(node.primes.length);
    if (definition === undefined && !BUILTINS.has(id)) {
      throw this.unknown(id, node.funcSpan, sc);
    }
    const params =
      definition !== undefined ? (definition.params ?? []) : ['@u'];
    if (params.length !== 1 || node.args.length !== 1) {
      throw new PlotterError(
        'TypeError',
        `${id}${ticks} is only for a function of one input, like ${id}${ticks}(x).`,
        node.span,
        'wrong-arity'
      );
    }
    const args = node.args.map(a => this.compile(a, sc, strict));
    let body: Fn;
    if (definition !== undefined) {
      body = this.function(id, node.span, strict, node.primes);
    } else {
      let tree: Node = call(
        id,
        node.funcSpan,
        [nameNode('@u', node.span)],
        node.span
      );
      const inner = scope({ locals: ['@u'], where: id });
      for (let i = 0; i < node.primes.length; i++) {
        tree = this.derive(tree, '@u', inner);
      }
      body = this.compile(tree, inner, strict);
    }
    return this.userCall(params, args, body, node.span, id + ticks, strict);
  }

  /** `fn` checking the cell's deadline first: a builtin over a whole grid is slow. */
  private timed(fn: Fn): Fn {
    const check = this.check;
    return env => {
      check();
      return fn(env);
    };
  }

  private factorial(operand: Fn, where: ISpan, strict: boolean): Fn {
    const limit = this.limits.maxNumber;
    const most = largestFactorial(this.limits.maxFactorial, limit);
    const check = this.check;
    return env => {
      check();
      const n = operand(env);
      if (strict && some(n, v => v > most)) {
        throw new ResourceLimit(
          `Factorials only go up to ${most}!; this one is too big.`,
          where,
          'factorial-limit'
        );
      }
      const result = factorial(n);
      if (strict) {
        tooBig(result, where, limit);
      }
      return result;
    };
  }

  private _values = new Map<string, Value>();
  private _listy = new WeakMap<Node, Map<string, boolean>>();
  private _bodiesListy = new Map<string, boolean>();
  private _usesLists = new Map<string, boolean>();
  private _bodies = new Map<Key, Fn>();
  private _reach = new Map<Key, number>();
  private _failed = new Map<Key, PlotterError>();
  private _busy = new Set<string>();
  private _depth = 0;
  private _peak = 0;
  private _maxDepth: number;
}

/** `names` without `id`. */
function without(names: ReadonlySet<string>, id: string): Set<string> {
  return new Set([...names].filter(v => v !== id));
}

/** A value as one number (the first entry of an array). */
export function toNumber(value: Value): number {
  return typeof value === 'number' ? value : value.length > 0 ? value[0] : NaN;
}
