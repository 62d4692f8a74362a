/**
 * The cell as data: drawable statements and the definitions they use, as plain JSON
 * (`language/program.schema.json`); a port of the Python kernel's `lang/program.py`.
 * Its compiling half (`instantiate`, parameter values) is in `evaluate.ts`: the
 * compiler's derivatives use this module's tree encoding, so it cannot live here.
 *
 * Parameters stay `parameter` nodes, so a new value (a slider) needs no parsing.
 */

import { CONSTANTS, PLOT_VARIABLES } from './builtins';
import type { IDefinition } from './definitions';
import { ISpan, PlotterError, span } from '../errors';
import type { Statement as Classified } from './statements';
import { ICondition, IInterval, ILine, Node, call, name, num } from './syntax';
import type { Condition, Definition, Expr, Program, Statement } from '../types';
import type { Value } from './values';

/** The program format's version (`program.version`). */
export const VERSION = 1;

/** The stable id of the statement on `line`: items and features name it. */
export function statementId(line: number): string {
  return `line-${line}`;
}

/** JSON has no infinities: a literal like `1e999` is written as a string. */
function numberValue(value: number): number | 'inf' | '-inf' | 'nan' {
  if (Number.isFinite(value)) {
    return value;
  }
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

/** Writes trees, resolving what every name is, and collects the definitions used. */
export class Encoder {
  /** `spans`: give every node the `span` (and a call its `nameSpan`) of its source. */
  constructor(
    readonly defs: ReadonlyMap<string, IDefinition>,
    readonly spans = false,
    /**
     * The value a parameter computed from lists is kept as: a number, or a list's
     * values (a list is data, never a slider).
     */
    readonly frozen: (id: string) => Value | null = () => null
  ) {}

  expr(node: Node, local: ReadonlySet<string> = new Set()): Expr {
    const tree = this.tree(node, local);
    if (!this.spans || (node.type === 'unary' && node.op === '+')) {
      return tree;
    }
    const located: Record<string, unknown> = { ...tree, span: node.span };
    if (node.type === 'call' && tree.type === 'call') {
      located.nameSpan = node.funcSpan;
    }
    return located as unknown as Expr;
  }

  private tree(node: Node, local: ReadonlySet<string>): Expr {
    switch (node.type) {
      case 'num':
        return { type: 'number', value: numberValue(node.value) };
      case 'name':
        return this.name(node.id, local);
      case 'call': {
        this.use(node.func, local);
        const tree: Expr = {
          type: 'call',
          name: node.func,
          args: node.args.map(a => this.expr(a, local))
        };
        if (node.primes.length) {
          tree.primes = [...node.primes];
        }
        return tree;
      }
      case 'unary': {
        const operand = this.expr(node.operand, local);
        return node.op === '-' ? { type: 'negate', operand } : operand;
      }
      case 'sum':
        return {
          type: 'add',
          signs: node.terms.map(([sign]) => sign as '+' | '-'),
          terms: node.terms.map(([, t]) => this.expr(t, local))
        };
      case 'product':
        return {
          type: 'multiply',
          ops: node.factors.map(([op]) => (op || '*') as '*' | '/'),
          factors: node.factors.map(([, f]) => this.expr(f, local))
        };
      case 'power':
        return {
          type: 'power',
          base: this.expr(node.base, local),
          exponent: this.expr(node.exponent, local)
        };
      case 'factorial':
        return { type: 'factorial', operand: this.expr(node.operand, local) };
      case 'piecewise':
        return {
          type: 'piecewise',
          branches: node.branches.map(([c, v]) => ({
            condition: this.condition(c, local),
            value: this.expr(v, local)
          })),
          default: node.default === null ? null : this.expr(node.default, local)
        };
      case 'series': {
        const inner = new Set([...local, node.index.id]);
        return {
          type: 'series',
          kind: node.kind,
          index: node.index.id,
          first: this.expr(node.first, local),
          last: this.expr(node.last, local),
          term: this.expr(node.term, inner)
        };
      }
      case 'derivative':
        return {
          type: 'derivative',
          variable: node.variable.id,
          expr: this.expr(node.expr, local)
        };
      case 'list':
        return {
          type: 'list',
          items: node.items.map(i => this.expr(i, local))
        };
      case 'range':
        return {
          type: 'range',
          first: this.expr(node.first, local),
          second: node.second === null ? null : this.expr(node.second, local),
          last: this.expr(node.last, local)
        };
      case 'index':
        return {
          type: 'index',
          target: this.expr(node.target, local),
          index: this.expr(node.index, local)
        };
      case 'comprehension':
        return {
          type: 'comprehension',
          variable: node.variable.id,
          source: this.expr(node.source, local),
          body: this.expr(node.body, new Set([...local, node.variable.id]))
        };
      default:
        throw new PlotterError(
          'TypeError',
          "This can't be drawn.",
          node.span,
          'not-drawable'
        );
    }
  }

  condition(
    node: ICondition,
    local: ReadonlySet<string> = new Set()
  ): Condition {
    return {
      type: 'condition',
      ops: node.ops as Condition['ops'],
      operands: node.operands.map(o => this.expr(o, local))
    };
  }

  /** The definitions the written trees use, in the order first met. */
  definitions(here: ReadonlyMap<string, number>): Definition[] {
    return [...this.used.values()].map(d => ({
      name: d.name,
      params: d.params === null ? null : [...d.params],
      body: this.body(d),
      text: d.text,
      line: here.get(d.name) ?? null
    }));
  }

  private name(id: string, local: ReadonlySet<string>): Expr {
    if (local.has(id) || PLOT_VARIABLES.has(id)) {
      return { type: 'variable', name: id };
    }
    const definition = this.defs.get(id);
    if (definition !== undefined && definition.params === null) {
      this.use(id, local);
      return { type: 'parameter', name: id };
    }
    if (CONSTANTS.has(id)) {
      return { type: 'constant', name: id };
    }
    return { type: 'variable', name: id };
  }

  /** Note a user definition (and, once, everything its body uses). */
  private use(id: string, local: ReadonlySet<string>): void {
    const definition = this.defs.get(id);
    if (definition === undefined || local.has(id) || this.used.has(id)) {
      return;
    }
    this.used.set(id, definition);
    if (this.frozen(id) !== null) {
      return; // `a = mean(L)`: written as its number, it uses nothing
    }
    this.expr(definition.body, new Set(definition.params ?? [])); // walks the body
  }

  private body(definition: IDefinition): Expr {
    const frozen = this.frozen(definition.name);
    if (frozen instanceof Float64Array) {
      const items = Array.from(frozen, (v): Expr => ({
        type: 'number',
        value: numberValue(v)
      }));
      return { type: 'list', items };
    }
    if (frozen !== null) {
      return { type: 'number', value: numberValue(frozen) };
    }
    return this.expr(definition.body, new Set(definition.params ?? []));
  }

  readonly used = new Map<string, IDefinition>();
}

function interval(
  encoder: Encoder,
  node: IInterval | null
): [Expr, Expr] | null {
  return node === null ? null : [encoder.expr(node.lo), encoder.expr(node.hi)];
}

/** One drawable statement (without its braces, which go in `conditions`). */
export function encodeStatement(
  statement: Classified,
  line: ILine,
  encoder: Encoder
): Statement {
  const number = line.span.line;
  const entry: Statement = {
    id: statementId(number),
    line: number,
    label: line.text,
    domain: null,
    conditions: line.conditions.map(c => encoder.condition(c)),
    kind: 'curve',
    exprs: {}
  };
  switch (statement.type) {
    case 'explicit':
      entry.kind = 'curve';
      entry.along = statement.along;
      entry.exprs = { value: encoder.expr(statement.expr) };
      entry.domain = interval(encoder, statement.domain);
      break;
    case 'function': {
      const variable = statement.params[0];
      const head = call(
        statement.name,
        statement.nameSpan,
        [name(variable, statement.nameSpan)],
        line.span
      );
      entry.kind = 'curve';
      entry.along = 'x';
      entry.exprs = { value: encoder.expr(head) };
      entry.variable = variable;
      entry.domain = interval(encoder, statement.domain);
      break;
    }
    case 'parametric':
      entry.kind = 'parametric';
      entry.exprs = {
        x: encoder.expr(statement.fx),
        y: encoder.expr(statement.fy)
      };
      entry.domain = interval(encoder, statement.domain);
      break;
    case 'polar':
      entry.kind = 'polar';
      entry.exprs = { r: encoder.expr(statement.expr) };
      entry.domain = interval(encoder, statement.domain);
      break;
    case 'implicit':
    case 'region':
      entry.kind = statement.type;
      entry.exprs = {
        left: encoder.expr(statement.left),
        right: encoder.expr(statement.right)
      };
      if (statement.type === 'region') {
        entry.op = statement.op as Statement['op'];
      }
      break;
    case 'points':
      entry.kind = 'points';
      entry.exprs = {
        points: statement.points.map(p => [
          encoder.expr(p.items[0]),
          encoder.expr(p.items[1])
        ])
      };
      break;
    case 'statplot':
      entry.kind = statement.kind;
      entry.exprs = { data: encoder.expr(statement.data) };
      if (statement.width !== null) {
        entry.exprs.width = encoder.expr(statement.width);
      }
      break;
    default:
      throw new PlotterError(
        'TypeError',
        "This can't be drawn.",
        line.span,
        'not-drawable'
      );
  }
  return ordered(entry);
}

/** The keys in the order the Python kernel writes them (for byte-equal JSON). */
function ordered(entry: Statement): Statement {
  const out: Record<string, unknown> = {};
  const keys = [
    'id',
    'line',
    'label',
    'domain',
    'conditions',
    'kind',
    'along',
    'exprs',
    'variable',
    'op'
  ];
  const source = entry as unknown as Record<string, unknown>;
  for (const k of keys) {
    if (source[k] !== undefined) {
      out[k] = source[k];
    }
  }
  return out as unknown as Statement;
}

/** Whether `statement` adds something to the picture. */
export function isDrawable(statement: Classified): boolean {
  if (statement.type === 'function') {
    return statement.params.length === 1;
  }
  return [
    'explicit',
    'parametric',
    'polar',
    'implicit',
    'region',
    'points',
    'statplot'
  ].includes(statement.type);
}

/** The program of a cell: its drawable statements (each without braces). */
export function buildProgram(
  drawn: Array<[ILine, Classified]>,
  defs: ReadonlyMap<string, IDefinition>,
  window: Program['window'],
  here: ReadonlyMap<string, number> = new Map(),
  degrees = false,
  frozen: (id: string) => Value | null = () => null
): Program {
  const encoder = new Encoder(defs, false, frozen);
  const statements = drawn.map(([line, statement]) =>
    encodeStatement(statement, line, encoder)
  );
  const program: Program = {
    version: VERSION,
    statements,
    definitions: encoder.definitions(here),
    window
  };
  if (degrees) {
    // The trees already compute in degrees; this only makes descriptions say so.
    program.angles = 'degrees';
  }
  return program;
}

/**
 * The parameters the program's trees use, directly or through its definitions (not
 * its lists, which are data).
 */
export function parametersUsed(program: Program): string[] {
  return program.definitions
    .filter(d => d.params === null && d.body.type !== 'list')
    .map(d => d.name)
    .sort();
}

// -- decoding --------------------------------------------------------------------------

/**
 * The one way back (Python's `_Decoder`): program trees become syntax trees, so they
 * compile with the language's own compiler and compute exactly what the cell did. A
 * tree node may carry a `span` (a call also a `nameSpan`); one without takes its
 * parent's, and the root `where`.
 */
export function decode(tree: Expr, where: ISpan): Node {
  const at = Private.spanOf(tree, where);
  const d = (t: Expr): Node => decode(t, at);
  switch (tree.type) {
    case 'number':
      return num(Private.numberOf(tree.value), at);
    case 'variable':
    case 'parameter':
    case 'constant':
      return name(Private.canonical(tree.name), at);
    case 'call': {
      const funcSpan = (tree as { nameSpan?: ISpan }).nameSpan ?? at;
      const id = Private.canonical(tree.name);
      return call(id, funcSpan, tree.args.map(d), at, false, [
        ...(tree.primes ?? [])
      ]);
    }
    case 'negate':
      return { type: 'unary', op: '-', operand: d(tree.operand), span: at };
    case 'add':
      return {
        type: 'sum',
        terms: tree.terms.map((t, i): [string, Node] => [tree.signs[i], d(t)]),
        span: at
      };
    case 'multiply':
      return {
        type: 'product',
        factors: tree.factors.map((f, i): [string, Node] => [
          tree.ops[i],
          d(f)
        ]),
        span: at
      };
    case 'power':
      return {
        type: 'power',
        base: d(tree.base),
        exponent: d(tree.exponent),
        span: at
      };
    case 'factorial':
      return { type: 'factorial', operand: d(tree.operand), span: at };
    case 'piecewise':
      return {
        type: 'piecewise',
        branches: tree.branches.map((b): [ICondition, Node] => [
          decodeCondition(b.condition, at),
          d(b.value)
        ]),
        default: tree.default === null ? null : d(tree.default),
        span: at
      };
    case 'series':
      return {
        type: 'series',
        kind: tree.kind,
        index: name(Private.canonical(tree.index), at),
        first: d(tree.first),
        last: d(tree.last),
        term: d(tree.term),
        span: at
      };
    case 'derivative':
      return {
        type: 'derivative',
        variable: name(Private.canonical(tree.variable), at),
        expr: d(tree.expr),
        span: at
      };
    case 'list':
      return { type: 'list', items: tree.items.map(d), span: at };
    case 'range':
      return {
        type: 'range',
        first: d(tree.first),
        second: tree.second === null ? null : d(tree.second),
        last: d(tree.last),
        span: at
      };
    case 'index':
      return {
        type: 'index',
        target: d(tree.target),
        index: d(tree.index),
        span: at
      };
    case 'comprehension':
      return {
        type: 'comprehension',
        body: d(tree.body),
        variable: name(Private.canonical(tree.variable), at),
        source: d(tree.source),
        span: at
      };
    default:
      throw new PlotterError(
        'TypeError',
        "This can't be drawn.",
        at,
        'not-drawable'
      );
  }
}

/** A program condition as a syntax condition (see {@link decode}). */
export function decodeCondition(tree: Condition, where: ISpan): ICondition {
  const at = Private.spanOf(tree, where);
  return {
    type: 'condition',
    operands: tree.operands.map(o => decode(o, at)),
    ops: [...tree.ops],
    span: at
  };
}

/**
 * A program's definitions as the language's definition table, with `overrides`
 * replacing parameter values (a slider changes a value, never a tree).
 */
export function decodeDefinitions(
  definitions: readonly Definition[],
  overrides: Readonly<Record<string, number>> = {}
): Map<string, IDefinition> {
  const table = new Map<string, IDefinition>();
  for (const d of definitions) {
    const where = Private.spanOf(d, span(0, 0, 0));
    const body =
      d.params === null &&
      Object.prototype.hasOwnProperty.call(overrides, d.name)
        ? num(Number(overrides[d.name]), where)
        : decode(d.body, where);
    table.set(d.name, {
      name: d.name,
      params: d.params,
      body,
      text: d.text,
      nameSpan: where,
      source: d.text
    });
  }
  return table;
}

namespace Private {
  export function spanOf(tree: object, fallback: ISpan): ISpan {
    return (tree as { span?: ISpan }).span ?? fallback;
  }

  /** The number a number node holds (JSON writes infinities as strings). */
  export function numberOf(value: number | string): number {
    if (typeof value === 'number') {
      return value;
    }
    return value === 'inf' ? Infinity : value === '-inf' ? -Infinity : NaN;
  }

  /** A name as the language reads it (`θ` is `theta`, `π` is `pi`). */
  export function canonical(id: string): string {
    return id === 'θ' ? 'theta' : id === 'π' ? 'pi' : id;
  }
}
