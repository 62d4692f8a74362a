/**
 * The drawing conformance cases (`language/cases/drawing.json`, `plot_kinds.json`) run
 * against the TypeScript pipeline: program -> drawProgram -> scene v2, every scene
 * validated against `language/scene.schema.json`.
 *
 * Programs come from the TS language (`Session.run`, the parser of `core/`); the Python
 * kernel's programs in `programs.fixture.json` (`python scripts/gen_draw_programs.py`)
 * are the fallback (`PLOTTER_DRAW_PROGRAMS=python`) and a cross-check: every case's TS
 * program must equal the Python one.
 * A case that fails must be listed in KNOWN_GAPS with a reason; a listed case that
 * starts passing fails too, so the list stays true.
 */

import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'fs';
import { join } from 'path';

import { Evaluator } from '../lang/evaluate';
import { Session } from '../lang/session';
import { Expr, Program, Scene } from '../types';
import { drawProgram } from './sample';
import {
  ICaseProblem,
  IDrawingCase,
  IKindCase,
  checkDrawingCase,
  checkFinite,
  checkKindItem
} from './facts.testing';
import { Fn2 } from '../plan';

const LANGUAGE = join(__dirname, '..', '..', '..', '..', 'language');

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(LANGUAGE, name), 'utf-8')) as T;
}

interface IFixture {
  sources: Record<
    string,
    { program: Program | null; problems: ICaseProblem[] }
  >;
  residuals: Record<string, { left: Expr; right: Expr }>;
}

const FIXTURE = JSON.parse(
  readFileSync(join(__dirname, 'programs.fixture.json'), 'utf-8')
) as IFixture;

/** Cases the TS pipeline does not pass yet, by "file: name", with the reason. */
const KNOWN_GAPS: Record<string, string> = {};

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(load<object>('program.schema.json'), 'program.schema.json');
const validScene = ajv.compile(load<object>('scene.schema.json'));

/** Where programs come from: the TS language, or the Python kernel's fixture. */
const FROM_PYTHON = process.env.PLOTTER_DRAW_PROGRAMS === 'python';

type Compiled = { program: Program | null; problems: ICaseProblem[] };

/** The Python kernel's program of a case source and the language's own problems. */
function stored(source: string): Compiled {
  const found = FIXTURE.sources[source];
  if (!found) {
    throw new Error(
      'no program for this source: run scripts/gen_draw_programs.py'
    );
  }
  return found;
}

/** The TS language's program of a case source (a fresh session) and its problems. */
function parsed(source: string): Compiled {
  const [plan, problems] = new Session().run(source);
  return {
    program: plan.program,
    problems: problems.map(p => ({
      code: p.code,
      ename: p.ename,
      line: p.span.line,
      severity: p.severity
    }))
  };
}

/** JSON with object keys sorted, so equal data gives equal text. */
/**
 * A program as comparable text; with `digits`, numbers to that many significant
 * digits (a regression's fitted numbers agree to the digits printed, not the last bit).
 */
function canonical(value: unknown, digits?: number): string {
  return JSON.stringify(value, (_, v) => {
    if (typeof v === 'number' && digits !== undefined && v !== 0) {
      return Number(v.toPrecision(digits));
    }
    return v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))
        )
      : v;
  });
}

function compiled(source: string): Compiled {
  return FROM_PYTHON ? stored(source) : parsed(source);
}

function surface(residual: string): Fn2 {
  const exprs = FROM_PYTHON
    ? FIXTURE.residuals[residual]
    : (parsed(`${residual} = 0`).program!.statements[0].exprs as {
        left: Expr;
        right: Expr;
      });
  return new Evaluator([]).surface(exprs.left, exprs.right);
}

/** Draw a case at 600x400 as a cell does: the problems of parsing and of drawing. */
function run(source: string): {
  scene: Scene | null;
  problems: ICaseProblem[];
} {
  const { program, problems } = compiled(source);
  if (!program) {
    return { scene: null, problems };
  }
  const drawn = drawProgram(program, { width: 600, height: 400 }, {}, {});
  if (drawn.scene) {
    checkFinite(drawn.scene);
    if (!validScene(drawn.scene)) {
      throw new Error(`invalid scene: ${ajv.errorsText(validScene.errors)}`);
    }
  }
  const all = [
    ...problems,
    ...drawn.problems.map(p => ({
      code: p.code,
      ename: p.ename,
      line: p.line,
      severity: p.severity
    }))
  ];
  return { scene: drawn.scene, problems: all };
}

function drawingCase(c: IDrawingCase): void {
  const { scene, problems } = run(c.source);
  const errors = problems.filter(p => p.severity !== 2);
  if (errors.length) {
    throw new Error(`errors ${JSON.stringify(errors)}`);
  }
  const warnings = problems
    .filter(p => p.severity === 2)
    .sort((a, b) => a.line - b.line)
    .map(p => p.code);
  if (JSON.stringify(warnings) !== JSON.stringify(c.warnings ?? [])) {
    throw new Error(`warnings ${JSON.stringify(warnings)}`);
  }
  if (!scene) {
    throw new Error('no scene');
  }
  checkDrawingCase(c, scene);
}

function kindCase(c: IKindCase): void {
  const { scene, problems } = run(c.source);
  const key = (p: ICaseProblem): string =>
    `${p.code} ${p.ename} ${p.line} ${p.severity}`;
  const got = problems.map(key).sort();
  const want = (c.problems ?? []).map(key).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`problems ${JSON.stringify(got)}`);
  }
  const items = scene?.items ?? [];
  if (
    JSON.stringify(items.map(i => i.kind)) !==
    JSON.stringify(c.items.map(f => f.kind))
  ) {
    throw new Error(`kinds ${JSON.stringify(items.map(i => i.kind))}`);
  }
  items.forEach((item, k) => checkKindItem(item, c.items[k], surface));
}

const CASES: Array<[string, () => void]> = [
  ...load<{ cases: IDrawingCase[] }>('cases/drawing.json').cases.map(
    (c): [string, () => void] => [`drawing: ${c.name}`, () => drawingCase(c)]
  ),
  ...load<{ cases: IKindCase[] }>('cases/plot_kinds.json').cases.map(
    (c): [string, () => void] => [`plot_kinds: ${c.name}`, () => kindCase(c)]
  )
];

/** What a case gives: null when it passes, else why not. */
function outcome(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

describe('drawing conformance', () => {
  const passed: string[] = [];

  afterAll(() => {
    console.log(
      `drawing conformance (${FROM_PYTHON ? 'Python' : 'TS'} programs): ` +
        `${passed.length} of ${CASES.length} cases pass, ` +
        `${Object.keys(KNOWN_GAPS).length} known gaps`
    );
  });

  it.each(CASES.map(([name, check]) => ({ name, check })))(
    '$name',
    ({ name, check }) => {
      const why = outcome(check);
      if (why === null) {
        passed.push(name);
      }
      if (name in KNOWN_GAPS) {
        expect({ name, passes: why === null }).toEqual({ name, passes: false });
      } else {
        expect({ name, problem: why }).toEqual({ name, problem: null });
      }
    }
  );

  it('draws the programs the Python language writes for every case', () => {
    const differ = Object.keys(FIXTURE.sources).filter(source => {
      const digits = source.includes('~') ? 6 : undefined;
      const [ts, python] = [parsed(source), stored(source)];
      return (
        canonical(ts.program, digits) !== canonical(python.program, digits)
      );
    });
    expect(differ).toEqual([]);
  });

  it('lists only cases that exist', () => {
    const names = new Set(CASES.map(([name]) => name));
    expect(Object.keys(KNOWN_GAPS).filter(n => !names.has(n))).toEqual([]);
  });
});
