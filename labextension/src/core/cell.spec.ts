/**
 * `runCell` end to end on the TS core: values, diagnostics, the scene v2 and its SVG,
 * session state across cells, and view requests on a stored program.
 */

import { Session, features, resample, runCell } from './index';
import type { Program } from './types';

const SIZE = { width: 600, height: 400 };

describe('runCell', () => {
  it('prints a calculation and draws nothing', () => {
    const result = runCell(new Session(), '2^3^2', SIZE);
    expect(result.text).toBe('512');
    expect(result.diagnostics).toEqual([]);
    expect(result.scene).toBeNull();
    expect(result.svg).toBeNull();
    expect(result.error).toBeNull();
  });

  it('prints source = value lines when a cell calculates several', () => {
    const result = runCell(new Session(), 'sqrt(16)\n1 + 1  # two', SIZE);
    expect(result.text).toBe('sqrt(16) = 4\n1 + 1 = 2');
  });

  it('draws a curve as a scene v2 with its SVG', () => {
    const result = runCell(new Session(), 'y = sin(x)', SIZE);
    expect(result.scene?.version).toBe(2);
    expect(result.scene?.items.map(i => [i.kind, i.id, i.label])).toEqual([
      ['curve', 'line-0', 'y = sin(x)']
    ]);
    expect(result.scene?.view.width).toBe(600);
    expect(result.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(result.program?.statements[0].exprs.value).toEqual({
      type: 'call',
      name: 'sin',
      args: [{ type: 'variable', name: 'x' }]
    });
  });

  it('keeps definitions and parameters across cells', () => {
    const session = new Session();
    expect(runCell(session, 'a = 3', SIZE).text).toBe('a = 3');
    expect(runCell(session, 'f(x) = a x^2', SIZE).scene?.params).toEqual([
      expect.objectContaining({ name: 'a', value: 3, line: null })
    ]);
    expect(runCell(session, 'f(2)', SIZE).text).toBe('12');
  });

  it('reports errors with a caret traceback and still draws the right lines', () => {
    const result = runCell(new Session(), 'y = x^2\ny = son(x)', SIZE);
    expect(result.scene?.items.length).toBe(1);
    expect(result.diagnostics).toEqual([
      {
        range: {
          start: { line: 1, character: 4 },
          end: { line: 1, character: 7 }
        },
        severity: 1,
        message: "Unknown name 'son'. Did you mean 'sin'?",
        source: 'plotter',
        code: 'unknown-name'
      }
    ]);
    expect(result.error?.ename).toBe('NameError');
    expect(result.error?.evalue).toBe(
      "Line 2: Unknown name 'son'. Did you mean 'sin'?"
    );
    expect(result.error?.traceback[0]).toContain('    y = son(x)\n');
    expect(result.error?.traceback[0]).toContain('^^^');
  });

  it('gives drawing warnings on an ok cell', () => {
    const result = runCell(new Session(), 'y = sqrt(-1 - x^2)', SIZE);
    expect(result.error).toBeNull();
    expect(result.diagnostics.map(d => [d.severity, d.code])).toEqual([
      [2, 'undefined-everywhere']
    ]);
  });
});

describe('view requests on a stored program', () => {
  it('re-samples for a new view and parameter values without touching the session', () => {
    const session = new Session();
    const program = runCell(session, 'a = 1\ny = a x', SIZE).program;
    expect(program).not.toBeNull();
    const view = {
      x: [0, 1] as [number, number],
      y: null,
      width: 300,
      height: 200
    };
    const { scene, diagnostics } = resample(program as Program, view, { a: 2 });
    expect(diagnostics).toEqual([]);
    expect(scene?.view.x).toEqual([0, 1]);
    const segments = scene?.items[0].segments ?? [];
    const [x, y] = segments[segments.length - 1].slice(-1)[0];
    expect([x, y]).toEqual([1, 2]); // y = a x with a = 2 for this request only
    expect(runCell(session, 'a', SIZE).text).toBe('1');
  });

  it('finds zeros and extrema of the drawn curves', () => {
    const program = runCell(new Session(), 'y = x^2 - 1', SIZE)
      .program as Program;
    const view = {
      x: [-5, 5] as [number, number],
      y: null,
      width: 300,
      height: 200
    };
    const found = features(program, view, {});
    const zeros = found.filter(f => f.kind === 'zero').map(f => f.x);
    expect(zeros.map(x => Math.round(x * 1e9) / 1e9)).toEqual([-1, 1]);
    expect(
      found.some(f => f.kind === 'minimum' && Math.abs(f.y + 1) < 1e-9)
    ).toBe(true);
  });
});
