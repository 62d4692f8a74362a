/**
 * No Python twin: the Python kernel handles programs and scenes as plain dicts.
 *
 * The data that crosses between the parts of the TypeScript core: the program
 * (language/program.schema.json) and the scene v2 (language/scene.schema.json).
 *
 * These types mirror the two schemas, which are the one contract with the
 * Python kernel: change a schema first, then this file.
 */

/** A closed interval of numbers. */
export type Range = [number, number];

/** A comparison inside braces, chained left to right: `0 < x <= 2`. */
export interface Condition {
  type: 'condition';
  ops: Array<'<' | '<=' | '>' | '>=' | '='>;
  operands: Expr[];
}

/** A tagged expression tree. Parameters stay nodes: a slider changes params, never the tree. */
export type Expr =
  | { type: 'number'; value: number | 'inf' | '-inf' | 'nan' }
  | { type: 'variable'; name: string }
  | { type: 'parameter'; name: string }
  | { type: 'constant'; name: string }
  | { type: 'call'; name: string; args: Expr[]; primes?: number[] }
  | { type: 'negate'; operand: Expr }
  | { type: 'factorial'; operand: Expr }
  | { type: 'add'; signs: Array<'+' | '-'>; terms: Expr[] }
  | { type: 'multiply'; ops: Array<'*' | '/'>; factors: Expr[] }
  | { type: 'power'; base: Expr; exponent: Expr }
  | {
      type: 'piecewise';
      branches: Array<{ condition: Condition; value: Expr }>;
      default: Expr | null;
    }
  | {
      type: 'series';
      kind: 'sum' | 'prod';
      index: string;
      first: Expr;
      last: Expr;
      term: Expr;
    }
  | { type: 'derivative'; variable: string; expr: Expr }
  /** A list; a named list is a definition whose body is a list of numbers (data). */
  | { type: 'list'; items: Expr[] }
  | { type: 'range'; first: Expr; second: Expr | null; last: Expr }
  | { type: 'index'; target: Expr; index: Expr }
  | { type: 'comprehension'; variable: string; source: Expr; body: Expr };

export type StatementKind =
  | 'curve'
  | 'parametric'
  | 'polar'
  | 'implicit'
  | 'region'
  | 'points'
  | 'histogram'
  | 'boxplot'
  | 'dotplot';

/** One drawable statement of a cell. */
export interface Statement {
  id: string;
  kind: StatementKind;
  line: number;
  label: string;
  /** [lo, hi] as expressions, or null for the default domain. */
  domain: [Expr, Expr] | null;
  conditions: Condition[];
  /** curve: y = f(x) along x, x = f(y) along y. */
  along?: 'x' | 'y';
  /** curve drawn from a function definition: its input name. */
  variable?: string;
  /** region: the comparison. */
  op?: '<' | '<=' | '>' | '>=';
  /**
   * curve: value; parametric: x, y; polar: r; implicit/region: left, right; points:
   * points; histogram, boxplot, dotplot: data (a histogram's width too).
   */
  exprs: Record<string, Expr | Array<[Expr, Expr]>>;
}

/** A user definition a statement uses: a parameter (params null) or a function. */
export interface Definition {
  name: string;
  params: string[] | null;
  body: Expr;
  text: string;
  line: number | null;
}

export interface Program {
  version: 1;
  statements: Statement[];
  definitions: Definition[];
  window: { x: Range | null; y: Range | null };
  /** Present when the cell read angles in degrees (its descriptions say so). */
  angles?: 'degrees';
}

export interface View {
  x: Range;
  y: Range;
  width: number;
  height: number;
  equal: boolean;
}

/** What the frontend asks for in a `plotter.view` request: y null means automatic. */
export interface ViewRequest {
  x: Range;
  y: Range | null;
  width: number;
  height: number;
}

export type Polyline = Array<[number, number]>;

export interface Item {
  kind: 'curve' | 'point' | 'region';
  id: string;
  line: number;
  label: string;
  color: string;
  style: { dash: boolean; fill: boolean };
  segments?: Polyline[];
  polygons?: Polyline[];
  boundary?: Polyline[];
  x?: number;
  y?: number;
  /** A histogram (a region): each bar's range [from, to) and count, left to right. */
  bars?: IBar[];
  /** A boxplot (a region): its five numbers and how many values it summarises. */
  box?: IBox;
  /** A dot of a dotplot (a point): how many values equal its x. */
  count?: number;
  /** A draggable point: the slider that is exactly its x, its y, or both. */
  drag?: IDrag;
}

/** The parameters a pointer moves when it drags a point (a name in `params`). */
export interface IDrag {
  x?: string;
  y?: string;
}

/** One bar of a histogram: the values in [from, to), `count` of them. */
export interface IBar {
  from: number;
  to: number;
  count: number;
}

/** A boxplot's five-number summary (quartile's exclusive median method). */
export interface IBox {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  count: number;
}

export interface Param {
  name: string;
  value: number | null;
  min: number;
  max: number;
  step: number;
  line: number | null;
}

export interface Scene {
  version: 2;
  view: View;
  window?: { x: Range; y: Range };
  items: Item[];
  params: Param[];
  program: Program;
  description: string;
}

/** A point of interest answered by the `features` request. */
export interface Feature {
  x: number;
  y: number;
  kind: 'zero' | 'minimum' | 'maximum' | 'intersection';
  items: string[];
}

/** An LSP-style diagnostic as the kernel sends it (SPEC §2): UTF-16 columns. */
export interface Diagnostic {
  range: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  };
  severity: 1 | 2;
  code: string;
  /** Always `diagnosticSource` of `language/protocol.json`. */
  source: string;
  message: string;
}
