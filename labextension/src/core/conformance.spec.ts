/**
 * Every case of `language/cases/language.json` against the TypeScript core, as
 * `tests/test_language_cases.py` runs them against the Python kernel: the cells run in
 * order in one session, the last is checked (values, diagnostics with UTF-16 ranges,
 * codes and enames, drawn kinds, samples of the drawn statements, facts, window,
 * message fragments, the caret traceback of the errors without terminal colours).
 *
 * Cases the TS core cannot answer yet are listed in KNOWN_GAPS with the reason; a
 * listed case that starts passing fails this spec as much as an unlisted one failing,
 * so the count printed at the end is honest.
 */

import { ERROR, toDiagnostic } from './errors';
import { instantiate, Spec } from './lang/evaluate';
import { errorsOf, traceback } from './report';
import { Session } from './lang/session';
import { ICase, languageCases } from './language.testing';

/** The terminal colour codes of a traceback. */
const COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Cases the TS core answers differently today, with the reason. */
const KNOWN_GAPS: Record<string, string> = {};

const CASES = languageCases();

/** Structural equality with a relative tolerance for numbers; null expects NaN or null. */
function close(actual: unknown, expected: unknown): boolean {
  if (expected === null) {
    return actual === null || actual === undefined || Number.isNaN(actual);
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => close(actual[i], e))
    );
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') {
      return false;
    }
    return (
      actual === expected ||
      Math.abs(actual - expected) <=
        Math.max(1e-12 * Math.max(Math.abs(actual), Math.abs(expected)), 1e-12)
    );
  }
  return actual === expected;
}

function fact(spec: Spec, name: string): unknown {
  switch (name) {
    case 'along':
      return spec.kind === 'curve' ? spec.along : undefined;
    case 'domain':
      if (spec.kind === 'parametric') {
        return spec.t;
      }
      if (spec.kind === 'polar') {
        return spec.theta;
      }
      return spec.kind === 'curve' ? spec.domain : undefined;
    case 'points':
      return spec.kind === 'points' ? spec.points : undefined;
    case 'bars':
    case 'box':
    case 'dots':
      return spec.kind === 'statplot' ? spec[name] : undefined;
    case 'op':
      return spec.kind === 'region' ? spec.op : undefined;
    case 'label':
      return spec.label;
    case 'line':
      return spec.line;
    default:
      throw new Error(`unknown fact ${name}`);
  }
}

function sample(spec: Spec, at: unknown): unknown {
  const one = (v: unknown): Float64Array => Float64Array.of(Number(v));
  switch (spec.kind) {
    case 'implicit':
    case 'region': {
      const [x, y] = at as [number, number];
      return spec.F(one(x), one(y))[0];
    }
    case 'parametric':
      return [spec.fx(one(at))[0], spec.fy(one(at))[0]];
    case 'polar':
      return spec.fr(one(at))[0];
    case 'curve':
      return spec.fn(one(at))[0];
    default:
      throw new Error(`points have no samples`);
  }
}

/** Why the case fails on the TS core, or null when it passes. */
function failure(c: ICase): string | null {
  const files = c.files ?? {};
  const session = new Session(undefined, path =>
    path in files
      ? files[path]
      : {
          message: `There is no file ${path} in the notebook's folder.`,
          code: 'table-missing'
        }
  );
  const setup = c.cells.slice(0, -1);
  const cell = c.cells[c.cells.length - 1];
  for (const source of setup) {
    const [, problems] = session.run(source);
    if (problems.some(p => p.severity === ERROR)) {
      return `setup cell ${JSON.stringify(source)} failed: ${problems[0].message}`;
    }
  }
  const [plan, problems] = session.run(cell);
  const lines = cell.split('\n');
  const found = problems.map(p => {
    const d = toDiagnostic(p, lines);
    return {
      line: d.range.start.line,
      start: d.range.start.character,
      end: d.range.end.character,
      ename: p.ename,
      code: d.code,
      severity: d.severity
    };
  });
  const want = c.diagnostics ?? [];
  if (JSON.stringify(found) !== JSON.stringify(want)) {
    return `diagnostics ${JSON.stringify(found)} (${problems.map(p => p.message).join(' | ')}) != ${JSON.stringify(want)}`;
  }
  const values = c.values ?? [];
  if (plan.values.length !== values.length) {
    return `values ${JSON.stringify(plan.values)} != ${JSON.stringify(values)}`;
  }
  for (let i = 0; i < values.length; i++) {
    const [line, text] = plan.values[i];
    const [wantLine, wanted] = values[i];
    // A number is the value, to the 12 significant digits printed.
    const same =
      typeof wanted === 'string'
        ? text === wanted
        : Math.abs(Number(text) - wanted) <=
          Math.max(
            1e-11 * Math.max(Math.abs(Number(text)), Math.abs(wanted)),
            1e-12
          );
    if (line !== wantLine || !same) {
      return `value ${JSON.stringify(plan.values[i])} != ${JSON.stringify(values[i])}`;
    }
  }
  const specs = plan.program === null ? [] : instantiate(plan.program).specs;
  const kinds = specs.map(s => (s.kind === 'statplot' ? s.plot : s.kind));
  if (JSON.stringify(kinds) !== JSON.stringify(c.drawn ?? [])) {
    return `drawn ${JSON.stringify(kinds)} != ${JSON.stringify(c.drawn ?? [])}`;
  }
  for (const [index, at, wanted] of c.samples ?? []) {
    const got = sample(specs[index], at);
    if (!close(got, wanted)) {
      return `sample ${index} at ${JSON.stringify(at)}: ${JSON.stringify(got)} != ${JSON.stringify(wanted)}`;
    }
  }
  for (const [index, name, wanted] of c.facts ?? []) {
    const got = fact(specs[index], name);
    if (!close(got, wanted)) {
      return `fact ${name} of ${index}: ${JSON.stringify(got)} != ${JSON.stringify(wanted)}`;
    }
  }
  if (c.window !== undefined) {
    if (
      !close(plan.window.x, c.window.x) ||
      !close(plan.window.y, c.window.y)
    ) {
      return `window ${JSON.stringify(plan.window)} != ${JSON.stringify(c.window)}`;
    }
  }
  for (const [index, fragment] of c.messages ?? []) {
    if (!problems[index]?.message.includes(fragment)) {
      return `message ${index} ${JSON.stringify(problems[index]?.message)} lacks ${JSON.stringify(fragment)}`;
    }
  }
  if (c.traceback !== undefined) {
    const blocks = traceback(errorsOf(problems), lines).map(b =>
      b.replace(COLOURS, '')
    );
    if (JSON.stringify(blocks) !== JSON.stringify(c.traceback)) {
      return `traceback ${JSON.stringify(blocks)} != ${JSON.stringify(c.traceback)}`;
    }
  }
  return null;
}

const outcomes = new Map<string, string | null>();

describe('language/cases/language.json on the TypeScript core', () => {
  it('has every case', () => {
    expect(CASES.length).toBeGreaterThan(300);
    const names = new Set(CASES.map(c => c.name));
    expect(Object.keys(KNOWN_GAPS).filter(name => !names.has(name))).toEqual(
      []
    );
  });

  it.each(CASES.map(c => [c.name, c]))('%s', (name, c) => {
    let why: string | null;
    try {
      why = failure(c as ICase);
    } catch (err) {
      why = `threw ${String(err)}`;
    }
    outcomes.set(name as string, why);
    if (name in KNOWN_GAPS) {
      // A known gap that now passes must leave the list.
      expect(why).not.toBeNull();
    } else {
      expect(why).toBeNull();
    }
  });

  afterAll(() => {
    const passed = [...outcomes.values()].filter(why => why === null).length;
    console.log(
      `TS core conformance: ${passed} of ${CASES.length} language cases pass ` +
        `(${Object.keys(KNOWN_GAPS).length} known gaps)`
    );
  });
});
