/**
 * `runCell` end to end on the TS core: values, diagnostics, the scene v2 and its SVG,
 * session state across cells; `execute`: the messages and reply a kernel sends for a
 * cell, as the Python kernel's `cell.execute`.
 */

import { answer, cellProblem, emptyOutcome } from './cell';
import { SCENE_MIME } from './render/display';
import { Session, execute, runCell } from './index';
import type { IStored } from './index';
import type { Diagnostic, Scene } from './types';

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

/** An output store that keeps what it is given. */
function store(): { add: (id: string, s: IStored) => void; kept: IStored[] } {
  const kept: IStored[] = [];
  return { add: (_id, s) => kept.push(s), kept };
}

describe('execute', () => {
  it('sends the picture, the values, the warnings and the error, in that order', () => {
    const outputs = store();
    const code = 'y = x\ny = sqrt(-1 - x^2)\n2 + 2\nson(1)';
    const done = execute(new Session(), code, outputs, SIZE, { count: 4 });
    expect(done.messages.map(([type]) => type)).toEqual([
      'display_data',
      'execute_result',
      'stream',
      'error'
    ]);
    const [, result] = done.messages[1];
    expect(result).toEqual({
      execution_count: 4,
      data: { 'text/plain': '4' },
      metadata: {}
    });
    const [, stream] = done.messages[2];
    expect(stream).toEqual({
      name: 'stderr',
      text: expect.stringMatching(/^Warning: line 2: .*\n$/)
    });
    const [, error] = done.messages[3];
    expect(Object.keys(error)).toEqual(['ename', 'evalue', 'traceback']);
    expect(error.evalue).toBe(
      "Line 4: Unknown name 'son'. Did you mean 'sin'?"
    );
    expect(done.reply).toEqual({
      status: 'error',
      execution_count: 4,
      ...error,
      diagnostics: expect.any(Array)
    });
    expect(
      (done.reply.diagnostics as Diagnostic[]).map(d => [
        d.range.start.line,
        d.code
      ])
    ).toEqual([
      [1, 'undefined-everywhere'],
      [3, 'unknown-name']
    ]);
  });

  it('gives the display id twice and stores the output under it', () => {
    const ids: string[] = [];
    const kept: IStored[] = [];
    const outputs = {
      add: (id: string, s: IStored) => ids.push(id) && kept.push(s)
    };
    const done = execute(new Session(), 'y = sin(x)', outputs, SIZE, {
      count: 1
    });
    const [[type, content]] = done.messages;
    expect(type).toBe('display_data');
    expect(ids).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/)]);
    expect(content.transient).toEqual({ display_id: ids[0] });
    expect(content.metadata).toEqual({
      [SCENE_MIME]: { display_id: ids[0] }
    });
    const data = content.data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual([
      'image/svg+xml',
      'text/plain',
      SCENE_MIME
    ]);
    const scene = data[SCENE_MIME] as Scene;
    expect(kept).toEqual([
      {
        program: scene.program,
        lines: ['y = sin(x)'],
        size: [600, 400],
        x: scene.view.x,
        y: scene.view.y
      }
    ]);
    expect(done.reply).toEqual({
      status: 'ok',
      execution_count: 1,
      payload: [],
      user_expressions: {},
      diagnostics: []
    });
  });

  it('warns on the first statement when the SVG is left out', () => {
    const setup = { ...SIZE, limits: { maxOutputBytes: 7000 } };
    const code = '# a line\ny = x';
    const done = execute(new Session(), code, store(), setup, { count: 2 });
    expect(done.messages.map(([type]) => type)).toEqual([
      'display_data',
      'stream'
    ]);
    const data = done.messages[0][1].data as Record<string, unknown>;
    expect(data['image/svg+xml']).toBeUndefined();
    expect(done.messages[1][1].text).toBe(
      'Warning: line 1: The SVG copy was left out: this output would be larger than 7 kB.\n'
    );
    expect(done.reply.diagnostics).toEqual([
      {
        range: {
          start: { line: 0, character: 0 },
          end: { line: 0, character: 8 }
        },
        severity: 2,
        message:
          'The SVG copy was left out: this output would be larger than 7 kB.',
        source: 'plotter',
        code: 'output-too-big'
      }
    ]);
  });

  it('fails a cell whose check does not hold, as graders count it', () => {
    const session = new Session();
    execute(session, 'f(x) = 2x', store(), SIZE, { count: 1 });
    const done = execute(
      session,
      'check f(2) = 5\ncheck f(1) = 2',
      store(),
      SIZE,
      {
        count: 2
      }
    );
    expect(done.messages.map(([kind]) => kind)).toEqual([
      'execute_result',
      'error'
    ]);
    expect(done.messages[0][1].data).toEqual({ 'text/plain': '✓ f(1) = 2' });
    expect(done.reply.status).toBe('error');
    expect(done.reply.ename).toBe('CheckError');
    expect(done.reply.evalue).toBe('Line 1: f(2) is 4, not 5');
  });

  it('sends nothing but the reply when silent', () => {
    const outputs = store();
    const done = execute(new Session(), 'y = x\nson(1)', outputs, SIZE, {
      count: 3,
      silent: true
    });
    expect(done.messages).toEqual([]);
    expect(outputs.kept).toEqual([]);
    expect(done.reply.status).toBe('error');
    expect(done.reply.ename).toBe('NameError');
  });

  it('answers a cell that never finished with its problem at the first statement', () => {
    const lines = ['  sin(x)  # slow'];
    const stopped = cellProblem(
      lines,
      'KeyboardInterrupt',
      'The calculation was interrupted.',
      'interrupted'
    );
    const done = answer(emptyOutcome([stopped]), lines[0], store(), SIZE, {
      count: 5
    });
    expect(done.messages.map(([type]) => type)).toEqual(['error']);
    expect(done.reply.evalue).toBe('Line 1: The calculation was interrupted.');
    expect(done.reply.diagnostics).toEqual([
      {
        range: {
          start: { line: 0, character: 2 },
          end: { line: 0, character: 8 }
        },
        severity: 1,
        message: 'The calculation was interrupted.',
        source: 'plotter',
        code: 'interrupted'
      }
    ]);
    const [block] = done.reply.traceback as string[];
    expect(block).toContain('    ' + lines[0] + '\n');
    expect(block).toContain('  ^^^^^^');
  });
});
