/**
 * A calculator session: runs cells, keeping user functions and parameters between
 * them (a port of the Python kernel's `lang/session.py`).
 */

import { NOTE, unitLine } from './angles';
import { runCheck } from './checks';
import { Compiler } from './compile';
import { Graph, IDefinition, ValueMemo, cycleMessage } from './definitions';
import { IPlan, emit, emptyPlan, formatAny, formatList } from './emit';
import {
  TableReader,
  checkPath,
  notAvailable,
  readTable,
  tableLine
} from './tables';
import type { Value } from './values';
import {
  IProblem,
  ISpan,
  PlotterError,
  TimeLimit,
  WARNING,
  fromError,
  problem,
  span
} from '../errors';
import { deadline } from '../budget';
import { ILimits, withLimits } from '../limits';
import { isLate, lateWarning, reparse } from './late';
import { parseLine } from './parser';
import { buildProgram, isDrawable } from './program';
import { fit, printed, residualName, short } from './regression';
import { Known, cellKnown } from './runs';
import { Statement, StatementOf, classify, isDefinition } from './statements';
import { ILine } from './syntax';
import type { Program } from '../types';

type Parsed = Array<[ILine, Statement]>;

/** What the language made of a cell: values and window, and the program to draw. */
export interface ICellPlan extends IPlan {
  program: Program | null;
  /** Angles were in degrees for some of the cell: its outputs say so. */
  degrees?: boolean;
  /** `[name, values]` of the lists a cell of tables and lists only shows as a table. */
  table?: Array<[string, ArrayLike<number>]> | null;
}

type Columns = Array<[string, ArrayLike<number>]>;

function tooDeep(where: ISpan): IProblem {
  return problem(
    'ResourceError',
    'This line is nested too deeply.',
    where,
    'too-deep'
  );
}

/** A last resort so one line can never take the others down with it. */
function internal(where: ISpan): IProblem {
  return problem(
    'ValueError',
    'This line could not be worked out.',
    where,
    'internal-error'
  );
}

/** A JavaScript stack overflow: the same as Python's RecursionError. */
function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError;
}

/** What a line that threw `err` reports at `where` (a time limit is never one). */
function problemOf(err: unknown, where: ISpan): IProblem {
  if (err instanceof PlotterError) {
    return fromError(err, where);
  }
  return isStackOverflow(err) ? tooDeep(where) : internal(where);
}

/** The length of `text` in code points (what Python's `len` counts). */
function pyLen(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(
      c >= 0xdc00 &&
      c <= 0xdfff &&
      i > 0 &&
      isHigh(text.charCodeAt(i - 1))
    )) {
      n += 1;
    }
  }
  return n;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The UTF-16 index of code point `index` of `text`. */
function utf16Index(text: string, index: number): number {
  let i = 0;
  for (let n = 0; n < index && i < text.length; n++) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

/** The state of one kernel: functions and parameters that persist across cells. */
export class Session {
  /**
   * @param limits - The resource limits every cell runs under.
   * @param readTable - Gives the text of a table file (`table("data.csv")`), or why not.
   */
  constructor(limits?: Partial<ILimits>, readTable?: TableReader) {
    this.limits = withLimits(limits);
    this.readTable = readTable ?? notAvailable;
  }

  readonly limits: ILimits;

  /** Gives the text of a table file, or why not. */
  readTable: TableReader;

  /** The user's functions and parameters, by name. */
  get definitions(): ReadonlyMap<string, IDefinition> {
    return this._defs;
  }

  /**
   * The full-precision value of a stored parameter (NaN if undefined); null for a
   * function or a name that is not defined or cannot be worked out within a second.
   */
  value(id: string): number | null {
    const definition = this._defs.get(id);
    if (definition === undefined || definition.params !== null) {
      return null;
    }
    const check = deadline(Math.min(1, this.limits.secondsPerCell)); // an assist: never long
    const compiler = new Compiler(
      this._defs,
      this.limits,
      check,
      new Map(),
      this._memo
    );
    try {
      const value = compiler.parameter(id, definition.nameSpan);
      return typeof value === 'number' ? value : null; // a list: its text
    } catch (err) {
      const expected =
        err instanceof PlotterError ||
        err instanceof TimeLimit ||
        err instanceof RangeError;
      if (expected) {
        return null;
      }
      throw err;
    }
  }

  /** Forget user functions and parameters. */
  reset(): void {
    this._defs.clear();
    this._memo.clear();
    this._parsedWith.clear();
    this.degrees = false;
    this._fitted.clear();
    this._residuals.clear();
  }

  /** The angle unit: a line `degrees` or `radians` switches it until restart. */
  degrees = false;

  /**
   * Evaluate one cell. Never throws for anything a user can type: every problem is
   * returned with its span, and one bad line never stops the others.
   *
   * `check` throws `TimeLimit` once the cell has used up its seconds.
   */
  run(
    source: string,
    check: () => void = () => undefined
  ): [ICellPlan, IProblem[]] {
    const plan: ICellPlan = { ...emptyPlan(), program: null };
    const problems: IProblem[] = [];
    const lines = source.split('\n');
    if (pyLen(source) > this.limits.maxCellChars) {
      problems.push(this.cellTooLong(lines));
      return [plan, problems];
    }
    let where = span(0, 0, 0);
    try {
      const columns: Columns = [];
      const tables = this.tables(lines, problems, plan, columns);
      const known = this.known(lines);
      const parsed: Parsed = [];
      const degrees = new Set<number>();
      // The first line read in degrees: the cell says so there.
      let note: ISpan | null = null;
      lines.forEach((text, index) => {
        where = span(index, 0, text.length);
        check();
        if (tables.has(index)) {
          return;
        }
        const unit = unitLine(text);
        if (unit !== null) {
          this.degrees = unit === 'degrees';
        }
        const item = unit ? null : this.parse(index, text, problems, known);
        if (item !== null) {
          parsed.push(item);
        }
        if (this.degrees && (unit || item) && note === null) {
          note = span(index, 0, text.trimEnd().length);
        }
        if (this.degrees) {
          degrees.add(index);
        }
      });
      if (note !== null) {
        problems.push(problem('ValueError', NOTE, note, 'degrees', WARNING));
      }
      plan.degrees = note !== null;
      const [compiler, late] = this.define(
        parsed,
        problems,
        check,
        lines,
        known,
        degrees
      );
      // Fits first, so the lines below may use what they define.
      const fits = new Map<number, Parsed>();
      for (const [line, statement] of parsed) {
        if (statement.type === 'regression') {
          where = span(line.span.line, 0, lines[line.span.line].length);
          const shapes = this.fit(statement, line, compiler, plan, problems);
          fits.set(line.span.line, shapes);
        }
      }
      const drawn: Parsed = [];
      const checks: Array<[ILine, StatementOf<'check'>]> = [];
      for (const [line, statement] of parsed) {
        where = span(line.span.line, 0, lines[line.span.line].length);
        check();
        if (isDefinition(statement) && late.has(statement.name)) {
          continue; // kept with a warning; nothing to draw yet
        }
        if (statement.type === 'check') {
          checks.push([line, statement]); // last: the cell's window is known
          continue;
        }
        if (statement.type === 'regression') {
          drawn.push(...(fits.get(line.span.line) ?? []));
          continue;
        }
        if (
          this.emit(statement, line, compiler, plan, problems) &&
          isDrawable(statement)
        ) {
          drawn.push([line, classify({ ...line, conditions: [] })]);
        }
      }
      for (const [line, statement] of checks) {
        where = span(line.span.line, 0, lines[line.span.line].length);
        check();
        const source = lines[line.span.line];
        this.check(statement, line, source, compiler, plan, problems);
      }
      if (drawn.length) {
        const here = new Map<string, number>();
        for (const [line, s] of parsed) {
          if (s.type === 'parameter') {
            here.set(s.name, line.span.line);
          }
        }
        plan.program = buildProgram(
          drawn,
          compiler.defs,
          { ...plan.window },
          here,
          plan.degrees,
          id => compiler.frozenValue(id)
        );
      }
      if (parsed.length && parsed.every(([, s]) => s.type === 'parameter')) {
        this.printParameters(parsed, compiler, late, plan, columns);
      }
      plan.values.sort((a, b) => a[0] - b[0]);
      if (columns.length && columns.length === plan.values.length) {
        plan.table = columns; // lists only: also shown as a table
      }
    } catch (err) {
      if (!(err instanceof TimeLimit)) {
        throw err;
      }
      problems.push(fromError(err, where));
    }
    problems.sort(
      (a, b) => a.span.line - b.span.line || a.span.start - b.span.start
    );
    return [plan, problems];
  }

  // -- steps ---------------------------------------------------------------------------

  private cellTooLong(lines: string[]): IProblem {
    const most = this.limits.maxCellChars;
    let seen = 0;
    for (let index = 0; index < lines.length; index++) {
      const text = lines[index];
      const length = pyLen(text);
      if (seen + length >= most) {
        const start = Math.max(0, most - seen);
        return problem(
          'ResourceError',
          `This cell is longer than ${most} characters.`,
          span(index, utf16Index(text, start), text.length),
          'cell-too-long'
        );
      }
      seen += length + 1;
    }
    return problem(
      'ResourceError',
      'This cell is too long.',
      span(0, 0, 0),
      'cell-too-long'
    );
  }

  /** The user names this cell sees; stored definitions are re-read when they change. */
  private known(lines: string[]): Known {
    const values = [...this._defs.values()]
      .filter(d => d.params === null)
      .map(d => d.name);
    const functions = [...this._defs.values()]
      .filter(d => d.params !== null)
      .map(d => d.name);
    const known = cellKnown(lines, values, functions);
    const names = [...known.values, ...known.functions].sort().join(' ');
    for (const [id, definition] of [...this._defs]) {
      if (this._parsedWith.get(id) !== names) {
        this._defs.set(id, reparse(definition, known, this.limits.maxDepth));
        this._parsedWith.set(id, names);
      }
    }
    return known;
  }

  /**
   * Read the cell's `table("...")` lines first, so every line may use their lists; the
   * indices of those lines.
   */
  private tables(
    lines: string[],
    problems: IProblem[],
    plan: IPlan,
    columns: Columns
  ): Set<number> {
    const found = new Set<number>();
    lines.forEach((text, index) => {
      let where: ISpan | null;
      try {
        where = tableLine(text, index);
      } catch (err) {
        if (!(err instanceof PlotterError)) {
          throw err;
        }
        problems.push(fromError(err, span(index, 0, text.length)));
        found.add(index);
        return;
      }
      if (where === null) {
        return;
      }
      found.add(index);
      const path = text.slice(where.start + 1, where.end - 1);
      let table;
      try {
        checkPath(path, where);
        const got = this.readTable(path);
        if (typeof got !== 'string') {
          const ename = got.ename ?? 'ValueError';
          throw new PlotterError(ename, got.message, where, got.code);
        }
        table = readTable(path, got, this.limits.maxTableRows, where);
      } catch (err) {
        if (!(err instanceof PlotterError)) {
          throw err;
        }
        problems.push(fromError(err, where));
        return;
      }
      problems.push(...table.warnings);
      for (const [name, values] of table.columns) {
        const at = where;
        const items = values.map(value => ({
          type: 'num' as const,
          value,
          span: at
        }));
        this._defs.set(name, {
          name,
          params: null,
          body: { type: 'list', items, span: at },
          text: `${name} = a column of table("${path}")`,
          nameSpan: at,
          source: ''
        });
        this._parsedWith.delete(name);
        const list = formatList(Float64Array.from(values));
        plan.values.push([index, `${name} = ${list}`]);
        columns.push([name, values]);
      }
    });
    return found;
  }

  /**
   * A cell that only defines parameters and lists prints them: `a = 3`,
   * `L = [1, 2, 3]`; its lists are also kept in `columns`.
   */
  private printParameters(
    parsed: Parsed,
    compiler: Compiler,
    late: Set<string>,
    plan: IPlan,
    columns: Columns
  ): void {
    for (const [line, statement] of parsed) {
      const s = statement as StatementOf<'parameter'>;
      if (late.has(s.name) || compiler.broken.has(s.name)) {
        continue;
      }
      let value: Value;
      try {
        value = compiler.parameter(s.name, s.nameSpan);
      } catch (err) {
        if (err instanceof PlotterError && !(err instanceof TimeLimit)) {
          continue;
        }
        throw err;
      }
      plan.values.push([line.span.line, `${s.name} = ${formatAny(value)}`]);
      if (typeof value !== 'number') {
        columns.push([s.name, value]);
      }
    }
  }

  private parse(
    index: number,
    text: string,
    problems: IProblem[],
    known: Known
  ): [ILine, Statement] | null {
    const whole = span(index, 0, text.length);
    const most = this.limits.maxLineChars;
    if (pyLen(text) > most) {
      problems.push(
        problem(
          'ResourceError',
          `This line is longer than ${most} characters.`,
          span(index, utf16Index(text, most), text.length),
          'line-too-long'
        )
      );
      return null;
    }
    try {
      const line = parseLine(
        text,
        index,
        this.limits.maxDepth,
        known,
        this.degrees
      );
      return line === null ? null : [line, classify(line)];
    } catch (err) {
      if (err instanceof TimeLimit) {
        throw err;
      }
      problems.push(problemOf(err, whole));
    }
    return null;
  }

  /**
   * Enter the cell's definitions first (so lines above may use them), check them,
   * commit. Returns the compiler and the definitions kept although something they
   * use is missing (late binding).
   */
  private define(
    parsed: Parsed,
    problems: IProblem[],
    check: () => void,
    lines: string[],
    known: Known,
    degrees: Set<number>
  ): [Compiler, Set<string>] {
    const table = new Map(this._defs);
    const mine = new Map<string, number>();
    const skipped = new Set<number>();
    const names = [...known.values, ...known.functions].sort().join(' ');
    for (const [line, statement] of parsed) {
      if (!isDefinition(statement)) {
        continue;
      }
      const id = statement.name;
      if (mine.has(id)) {
        problems.push(
          problem(
            'ValueError',
            `${id} is already defined on line ${(mine.get(id) as number) + 1} of this cell.`,
            statement.nameSpan,
            'duplicate-definition'
          )
        );
        skipped.add(line.span.line);
        continue;
      }
      const params = statement.type === 'function' ? statement.params : null;
      table.set(id, {
        name: id,
        params,
        body: statement.body,
        text: line.text,
        nameSpan: statement.nameSpan,
        source: lines[line.span.line],
        degrees: degrees.has(line.span.line)
      });
      this._parsedWith.set(id, names);
      mine.set(id, line.span.line);
    }
    const kept = parsed.filter(([line]) => !skipped.has(line.span.line));
    parsed.splice(0, parsed.length, ...kept);

    const broken = new Map<string, number>();
    const reject = (id: string, p: IProblem): void => {
      // A definition with an error has no effect: the previous one, if any, stays.
      problems.push(p);
      broken.set(id, mine.get(id) as number);
      const previous = this._defs.get(id);
      if (previous !== undefined) {
        table.set(id, previous);
      } else {
        table.delete(id);
      }
    };

    let order: string[];
    for (;;) {
      const graph = new Graph(table);
      const [sorted, cyclic] = graph.order();
      order = sorted;
      const onCycle = [...mine.keys()].filter(
        id => cyclic.has(id) && !broken.has(id)
      );
      if (!onCycle.length) {
        break;
      }
      for (const id of onCycle) {
        const [path, where] = graph.cycleFrom(id, cyclic);
        reject(id, problem('ValueError', cycleMessage(path), where, 'cycle'));
      }
    }

    const late = new Set<string>();
    const compiler = new Compiler(
      table,
      this.limits,
      check,
      broken,
      this._memo
    );
    for (const id of order) {
      check();
      try {
        compiler.prepare(id);
      } catch (err) {
        if (err instanceof TimeLimit) {
          throw err;
        }
        if (!mine.has(id) || broken.has(id)) {
          continue; // an older definition: reported where it is used
        }
        const where = (table.get(id) as IDefinition).nameSpan;
        if (err instanceof PlotterError && isLate(err)) {
          problems.push(lateWarning(id, err, where));
          late.add(id);
          continue;
        }
        reject(id, problemOf(err, where));
        compiler.forget(id);
      }
    }
    this._defs = table;
    return [compiler, late];
  }

  /**
   * Run one regression: define its names and residuals, print them; what it draws.
   * A fit that fails defines nothing. Fits run before the cell's other statements
   * are worked out, but after its definitions: `y = m x + b` below a fit draws with
   * its numbers, `c = 2m` in the same cell waits for the next run.
   */
  private fit(
    statement: StatementOf<'regression'>,
    line: ILine,
    compiler: Compiler,
    plan: ICellPlan,
    problems: IProblem[]
  ): Parsed {
    const fitted = new Map<string, IDefinition>();
    const earlier = new Map<string, number>();
    for (const [id, d] of this._fitted) {
      if (this._defs.get(id) === d) {
        fitted.set(id, d);
        if (d.body.type === 'num') {
          earlier.set(id, d.body.value);
        }
      }
    }
    let result;
    try {
      result = fit(
        statement,
        compiler,
        id => !this._defs.has(id) || fitted.has(id),
        earlier
      );
    } catch (err) {
      if (err instanceof TimeLimit) {
        throw err;
      }
      problems.push(problemOf(err, line.span));
      return [];
    }
    const index = line.span.line;
    const at = line.span;
    result.names.forEach((id, i) => {
      const value = result.values[i];
      this.defineFitted({
        name: id,
        params: null,
        body: { type: 'num', value, span: at },
        text: `${id} = ${short(value)}`,
        nameSpan: at,
        source: ''
      });
      compiler.forget(id);
    });
    for (const text of printed(result)) {
      plan.values.push([index, text]);
    }
    let id = this._residuals.get(line.text);
    if (
      id === undefined ||
      (this._defs.has(id) && this._fitted.get(id) !== this._defs.get(id))
    ) {
      const taken = new Set(this._residuals.values());
      id = residualName(n => this._defs.has(n) || taken.has(n));
    }
    this._residuals.set(line.text, id);
    const items = Array.from(result.residuals, value => ({
      type: 'num' as const,
      value,
      span: at
    }));
    this.defineFitted({
      name: id,
      params: null,
      body: { type: 'list', items, span: at },
      text: `${id} = the residuals of ${line.text}`,
      nameSpan: at,
      source: ''
    });
    compiler.forget(id);
    plan.values.push([index, `residuals: ${id}`]);
    if (result.span !== null) {
      // the data in view (a window line of the cell wins)
      const old = plan.window.x;
      plan.window.x =
        old === null
          ? result.span
          : [
              Math.min(old[0], result.span[0]),
              Math.max(old[1], result.span[1])
            ];
    }
    const drawn: Parsed = [];
    const bare = { ...line, conditions: [] };
    for (const shape of [result.points, result.curve]) {
      if (shape !== null && this.emit(shape, bare, compiler, emptyPlan(), [])) {
        drawn.push([bare, shape]);
      }
    }
    return drawn;
  }

  /** Run one check: print `✓ …` when it holds, else report its `CheckError`. */
  private check(
    statement: StatementOf<'check'>,
    line: ILine,
    source: string,
    compiler: Compiler,
    plan: ICellPlan,
    problems: IProblem[]
  ): void {
    let passed: string;
    try {
      passed = runCheck(statement, source, compiler, plan.window.x);
    } catch (err) {
      if (err instanceof TimeLimit) {
        throw err;
      }
      problems.push(problemOf(err, line.span));
      return;
    }
    plan.values.push([line.span.line, passed]);
  }

  private defineFitted(definition: IDefinition): void {
    this._defs.set(definition.name, definition);
    this._fitted.set(definition.name, definition);
    this._parsedWith.delete(definition.name);
  }

  /** Check one statement and add its values to `plan`; whether it went well. */
  private emit(
    statement: Statement,
    line: ILine,
    compiler: Compiler,
    plan: IPlan,
    problems: IProblem[]
  ): boolean {
    if (isDefinition(statement) && compiler.broken.has(statement.name)) {
      return false; // its problem is already reported
    }
    try {
      if (statement.type === 'parameter') {
        const value = compiler.parameter(statement.name, statement.nameSpan);
        if (typeof value === 'number' && Number.isNaN(value)) {
          problems.push(
            problem(
              'ValueError',
              `${statement.name} is undefined, so whatever uses it will be too.`,
              line.span,
              'undefined-value',
              WARNING
            )
          );
        }
      } else {
        emit(
          statement,
          line,
          compiler,
          isDrawable(statement) ? emptyPlan() : plan
        );
      }
      return true;
    } catch (err) {
      if (err instanceof TimeLimit) {
        throw err;
      }
      if (statement.type === 'function' && err instanceof PlotterError) {
        if (err.code === 'needs-list') {
          return false; // `f(L) = mean(L)`: a function of a list, kept, not drawn
        }
        if (err.code === 'list-in-drawing') {
          // `f(x) = x + total(L)`: kept for calculations, not drawn (yet)
          const message = `${err.message} ${statement.name} is kept for calculations.`;
          const where = err.span ?? line.span;
          problems.push(problem(err.ename, message, where, err.code, WARNING));
          return false;
        }
      }
      problems.push(problemOf(err, line.span));
    }
    return false;
  }

  private _defs = new Map<string, IDefinition>();
  private _memo = new ValueMemo();
  /** The user names each stored definition was last parsed with. */
  private _parsedWith = new Map<string, string>();
  /** The definitions regressions made; a name still holding one is fitted again. */
  private _fitted = new Map<string, IDefinition>();
  /** The residual list (`e1`, …) of each regression, by its text. */
  private _residuals = new Map<string, string>();
}
