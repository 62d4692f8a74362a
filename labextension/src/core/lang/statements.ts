/**
 * Classify a parsed line into the kind of statement it is (SPEC §1, the statement
 * table); a port of the Python kernel's `lang/statements.py`.
 */

import { BUILTINS, CONSTANTS, PLOT_VARIABLES } from './builtins';
import { EName, ISpan, PlotterError, span } from '../errors';
import { IStatStatement, statementOf } from './statplots';
import {
  Body,
  CallNode,
  GroupNode,
  ICheck,
  ICondition,
  IInterval,
  ILine,
  IRelation,
  IWindowClause,
  Node,
  NodeOf,
  plotVariables,
  substitute
} from './syntax';

export type Statement =
  /** `y = f(x)`, a bare expression in x (`along: 'x'`), or `x = f(y)` (`along: 'y'`). */
  | { type: 'explicit'; along: 'x' | 'y'; expr: Node; domain: IInterval | null }
  | {
      type: 'function';
      name: string;
      params: string[];
      body: Node;
      nameSpan: ISpan;
      domain: IInterval | null;
    }
  | { type: 'parameter'; name: string; body: Node; nameSpan: ISpan }
  | { type: 'calculation'; expr: Node }
  | { type: 'points'; points: GroupNode[] }
  | { type: 'window'; axis: 'x' | 'y'; interval: IInterval }
  | { type: 'parametric'; fx: Node; fy: Node; domain: IInterval | null }
  | { type: 'polar'; expr: Node; domain: IInterval | null }
  | { type: 'implicit'; left: Node; right: Node }
  | { type: 'region'; left: Node; op: string; right: Node }
  /** `histogram(L, w)`, `boxplot(L)`, `dotplot(L)` (Python: `StatStatement`). */
  | ({ type: 'statplot' } & IStatStatement)
  /** `Y ~ m X + b {X > 2}`: fit the unknown names of `model` to `data` over `rows`. */
  | {
      type: 'regression';
      data: Node;
      model: Node;
      rows: ICondition[];
      span: ISpan;
    }
  /**
   * `check f(2) = 5`: a test of the cell, printed when it holds, an error when not
   * (see `checks`); `domain` is its `for x in [a, b]` (Python: `Assertion`).
   */
  | { type: 'check'; check: ICheck; domain: IInterval | null };

export type StatementOf<T extends Statement['type']> = Extract<
  Statement,
  { type: T }
>;

/** A user definition: a function or a parameter. */
export type Definable = StatementOf<'function'> | StatementOf<'parameter'>;

/** Whether `statement` defines a name (Python: `FunctionDef` or `ParameterDef`). */
export function isDefinition(statement: Statement): statement is Definable {
  return statement.type === 'function' || statement.type === 'parameter';
}

function error(
  ename: EName,
  message: string,
  where: ISpan,
  code: string
): PlotterError {
  return new PlotterError(ename, message, where, code);
}

/** The error for giving a builtin, a constant or a plot variable a new meaning. */
function reserved(id: string, where: ISpan): PlotterError | null {
  if (BUILTINS.has(id)) {
    return error(
      'NameError',
      `${id} is a builtin function; choose another name.`,
      where,
      'reserved-name'
    );
  }
  if (CONSTANTS.has(id)) {
    return error(
      'NameError',
      `${id} is a constant; choose another name.`,
      where,
      'reserved-name'
    );
  }
  if (PLOT_VARIABLES.has(id)) {
    return error(
      'NameError',
      `${id} is a plot variable; choose another name.`,
      where,
      'reserved-name'
    );
  }
  return null;
}

function expr(body: Body): Node {
  if (body.type === 'seq') {
    throw error(
      'SyntaxError',
      'A list separated by commas can only be points, like (1, 2), (3, 4).',
      body.span,
      'unexpected-list'
    );
  }
  return body;
}

function noGroup(node: Node): Node {
  if (node.type === 'group') {
    throw error(
      'TypeError',
      "A point (a, b) can't be used in an equation.",
      node.span,
      'point-in-expression'
    );
  }
  return node;
}

/** The statement a parsed line makes; throws when it means nothing (`2 = 3`, `pi = 3`). */
export function classify(line: ILine): Statement {
  const body = line.body;
  if (body.type === 'check') {
    return restrict({ type: 'check', check: body, domain: null }, line);
  }
  const stat = statementOf(body);
  let statement: Statement;
  if (body.type === 'relation' && body.op === '~') {
    const data = noGroup(expr(body.left));
    const model = noGroup(expr(body.right));
    // braces choose rows, so they are not attached as a curve's conditions
    const rows = line.conditions;
    return restrict(
      { type: 'regression', data, model, rows, span: body.span },
      line
    );
  }
  if (body.type === 'window') {
    statement = windowSet(body, line);
  } else if (body.type === 'relation') {
    statement = relation(body);
  } else if (body.type === 'seq' || body.type === 'group') {
    statement = pointsOrParametric(body, line);
  } else if (listOfPoints(body)) {
    statement = pointsOfList(body);
  } else if (stat !== null) {
    statement = { type: 'statplot', ...stat };
  } else if (plotVariables(body).length) {
    statement = { type: 'explicit', along: 'x', expr: body, domain: null };
  } else {
    statement = { type: 'calculation', expr: body };
  }
  return withConditions(restrict(statement, line), line);
}

function windowSet(clause: IWindowClause, line: ILine): Statement {
  const axis = clause.variable.id;
  if (axis !== 'x' && axis !== 'y') {
    const where = clause.interval.span;
    const offset = line.span.start;
    const interval = line.text.slice(where.start - offset, where.end - offset);
    throw error(
      'SyntaxError',
      'Only x and y have a window; to restrict a curve write it after the curve: ' +
        `for ${axis} in ${interval}.`,
      clause.variable.span,
      'bad-window'
    );
  }
  return { type: 'window', axis, interval: clause.interval };
}

/** `node` where every condition holds, undefined elsewhere (a piecewise node). */
function onlyWhere(node: Node, conditions: ICondition[]): Node {
  let result = node;
  for (let i = conditions.length - 1; i >= 0; i--) {
    result = {
      type: 'piecewise',
      branches: [[conditions[i], result]],
      default: null,
      span: result.span
    };
  }
  return result;
}

/** Attach `{0 < x < 5}` conditions: the statement is drawn only where all hold. */
export function withConditions(statement: Statement, line: ILine): Statement {
  let conds = line.conditions;
  if (!conds.length) {
    return statement;
  }
  switch (statement.type) {
    case 'explicit': {
      // `y = x^2 {y < 4}`: a condition on the drawn coordinate reads the curve's value.
      const drawn = statement.along === 'x' ? 'y' : 'x';
      conds = conds.map(c => substitute(c, drawn, statement.expr));
      return { ...statement, expr: onlyWhere(statement.expr, conds) };
    }
    case 'polar':
      conds = conds.map(c => substitute(c, 'r', statement.expr));
      return { ...statement, expr: onlyWhere(statement.expr, conds) };
    case 'parametric':
      conds = conds.map(c =>
        substitute(substitute(c, 'x', statement.fx), 'y', statement.fy)
      );
      return {
        ...statement,
        fx: onlyWhere(statement.fx, conds),
        fy: onlyWhere(statement.fy, conds)
      };
    case 'calculation':
      return { ...statement, expr: onlyWhere(statement.expr, conds) };
    case 'function':
    case 'parameter':
      return { ...statement, body: onlyWhere(statement.body, conds) };
    case 'implicit':
    case 'region':
      return { ...statement, left: onlyWhere(statement.left, conds) };
    default:
      throw error(
        'SyntaxError',
        'Only curves, regions and values can have conditions in braces.',
        span(
          conds[0].span.line,
          conds[0].span.start,
          conds[conds.length - 1].span.end
        ),
        'cannot-restrict'
      );
  }
}

function relation(rel: IRelation): Statement {
  const left = noGroup(expr(rel.left));
  const right = noGroup(expr(rel.right));
  if (rel.op !== '=') {
    if (!plotVariables(rel).length) {
      throw error(
        'ValueError',
        'There is no x or y here, so there is nothing to shade.',
        rel.span,
        'nothing-to-plot'
      );
    }
    return { type: 'region', left, op: rel.op, right };
  }
  const rightVars = new Set(plotVariables(right).map(n => n.id));
  if (left.type === 'name') {
    const id = left.id;
    if (id === 'y' && !rightVars.has('y')) {
      return { type: 'explicit', along: 'x', expr: right, domain: null };
    }
    if (id === 'x' && !rightVars.has('x')) {
      return { type: 'explicit', along: 'y', expr: right, domain: null };
    }
    if (id === 'r') {
      return { type: 'polar', expr: right, domain: null };
    }
    if (id === 'x' || id === 'y') {
      return { type: 'implicit', left, right };
    }
    const problem = reserved(id, left.span);
    if (problem !== null) {
      throw problem;
    }
    if (rightVars.size) {
      const variable = plotVariables(right)[0];
      throw error(
        'ValueError',
        `${id} must be a number; to define a function write ${id}(${variable.id}) = ...`,
        variable.span,
        'parameter-not-constant'
      );
    }
    return { type: 'parameter', name: id, body: right, nameSpan: left.span };
  }
  if (
    left.type === 'call' &&
    BUILTINS.has(left.func) &&
    left.args.every(a => a.type === 'name') &&
    plotVariables(rel).every(n => n.id !== 'y')
  ) {
    // `sin(x) = x^2` reads as redefining sin; `sin(x) = cos(y)` is an equation.
    throw error(
      'NameError',
      `${left.func} is a builtin function and can't be redefined; choose another name.`,
      left.funcSpan,
      'reserved-name'
    );
  }
  if (left.type === 'call' && !BUILTINS.has(left.func) && !left.primes.length) {
    if (!(left.spaced && PLOT_VARIABLES.has(left.func))) {
      return functionDef(left, right); // `y(x + 1) = 3` multiplies
    }
  }
  if (!plotVariables(rel).length) {
    throw error(
      'ValueError',
      'There is no x or y here, so there is nothing to draw.',
      rel.span,
      'nothing-to-plot'
    );
  }
  return { type: 'implicit', left, right };
}

function functionDef(head: CallNode, body: Node): Statement {
  const problem = reserved(head.func, head.funcSpan);
  if (problem !== null) {
    throw problem;
  }
  const params: string[] = [];
  for (const arg of head.args) {
    if (arg.type !== 'name') {
      throw error(
        'SyntaxError',
        `The inputs of ${head.func} must be plain names, like ${head.func}(x).`,
        arg.span,
        'bad-definition'
      );
    }
    if (BUILTINS.has(arg.id) || CONSTANTS.has(arg.id)) {
      throw error(
        'NameError',
        `${arg.id} can't be an input name; choose another name.`,
        arg.span,
        'reserved-name'
      );
    }
    if (params.includes(arg.id)) {
      throw error(
        'SyntaxError',
        `The input ${arg.id} is listed twice.`,
        arg.span,
        'bad-definition'
      );
    }
    params.push(arg.id);
  }
  return {
    type: 'function',
    name: head.func,
    params,
    body,
    nameSpan: head.funcSpan,
    domain: null
  };
}

function pointsOrParametric(body: Body, line: ILine): Statement {
  const items = body.type === 'seq' ? body.items : [body];
  const usesT = plotVariables(body).some(n => n.id === 't');
  const restrictedT =
    line.restriction !== null && line.restriction.variable.id === 't';
  for (const item of items) {
    if (item.type !== 'group' || item.items.length !== 2) {
      throw error(
        'TypeError',
        'A point needs two numbers in brackets, like (1, 2).',
        item.span,
        'not-a-point'
      );
    }
  }
  if ((usesT || restrictedT) && body.type === 'group') {
    return {
      type: 'parametric',
      fx: body.items[0],
      fy: body.items[1],
      domain: null
    };
  }
  if (usesT) {
    throw error(
      'SyntaxError',
      'Write one parametric curve per line.',
      body.span,
      'unexpected-list'
    );
  }
  return { type: 'points', points: items as GroupNode[] };
}

/** `[(1, 2), (3, 4)]` or `[(k, k^2) for k = L]`: a list whose items are points. */
function listOfPoints(body: Node): boolean {
  if (body.type === 'list') {
    return body.items.length > 0 && body.items.every(i => i.type === 'group');
  }
  return body.type === 'comprehension' && body.body.type === 'group';
}

/**
 * A list of points as the points it draws; a comprehension of points is one point
 * of two comprehensions, `([a for k = L], [b for k = L])`.
 */
function pointsOfList(body: Node): Statement {
  const notAPoint = (item: Node): PlotterError =>
    error(
      'TypeError',
      'A point needs two numbers in brackets, like (1, 2).',
      item.span,
      'not-a-point'
    );
  if (body.type === 'comprehension') {
    const group = body.body as GroupNode;
    if (group.items.length !== 2) {
      throw notAPoint(group);
    }
    const items = group.items.map((item): Node => ({ ...body, body: item }));
    return {
      type: 'points',
      points: [{ type: 'group', items, span: body.span }]
    };
  }
  const items = (body as NodeOf<'list'>).items as GroupNode[];
  for (const item of items) {
    if (item.items.length !== 2) {
      throw notAPoint(item);
    }
  }
  return { type: 'points', points: items };
}

/** Attach a `for v in [a, b]` restriction to the statements that take one. */
function restrict(statement: Statement, line: ILine): Statement {
  const restriction = line.restriction;
  if (restriction === null) {
    return statement;
  }
  const variable = restriction.variable;
  let wanted: string;
  if (statement.type === 'explicit') {
    wanted = statement.along;
  } else if (statement.type === 'function' && statement.params.length === 1) {
    wanted = statement.params[0];
  } else if (statement.type === 'parametric') {
    wanted = 't';
  } else if (statement.type === 'polar') {
    wanted = 'theta';
  } else if (statement.type === 'check') {
    wanted = 'x';
  } else {
    throw error(
      'SyntaxError',
      "Only curves can be restricted with 'for'.",
      restriction.span,
      'cannot-restrict'
    );
  }
  if (variable.id !== wanted) {
    const what =
      statement.type === 'check' ? 'A check compares' : 'This curve is drawn';
    throw error(
      'ValueError',
      `${what} along ${wanted}, so write: for ${wanted} in [a, b].`,
      variable.span,
      'wrong-restriction'
    );
  }
  return { ...statement, domain: restriction.interval } as Statement;
}
