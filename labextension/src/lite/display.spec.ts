import type { Diagnostic, Scene } from '../core/types';
import {
  SCENE_MIME,
  cellProblem,
  displayContent,
  errorContent,
  escaped,
  replyContent,
  statementSpan,
  warningText,
  withOutputWarnings
} from './display';

const SCENE: Scene = {
  version: 2,
  view: { x: [-10, 10], y: [-1, 1], width: 600, height: 400, equal: false },
  items: [],
  params: [],
  program: {
    version: 1,
    statements: [],
    definitions: [],
    window: { x: null, y: null }
  },
  description: 'A plot of y = sin(x).'
};

function warning(line: number, message: string): Diagnostic {
  return {
    range: {
      start: { line, character: 0 },
      end: { line, character: 1 }
    },
    severity: 2,
    message,
    source: 'plotter',
    code: 'undefined-everywhere'
  };
}

describe('displayContent', () => {
  it('carries the scene, SVG and description, and the display id twice', () => {
    const { content, warnings } = displayContent(SCENE, '<svg/>', 'abc', 5e6);
    expect(warnings).toEqual([]);
    expect(content.data).toEqual({
      [SCENE_MIME]: SCENE,
      'image/svg+xml': '<svg/>',
      'text/plain': 'A plot of y = sin(x).'
    });
    expect(content.data['image/png']).toBeUndefined();
    expect(content.transient).toEqual({ display_id: 'abc' });
    expect(content.metadata).toEqual({ [SCENE_MIME]: { display_id: 'abc' } });
  });

  it('leaves the SVG out first when the output would be too large', () => {
    const svg = '<svg>' + 'x'.repeat(20000) + '</svg>';
    const { content, warnings } = displayContent(SCENE, svg, 'abc', 10000);
    expect(content.data['image/svg+xml']).toBeUndefined();
    expect(content.data[SCENE_MIME]).toBe(SCENE);
    expect(warnings).toEqual([
      [
        'output-too-big',
        'The SVG copy was left out: this output would be larger than 10 kB.'
      ]
    ]);
  });

  it('cuts a very long description', () => {
    const long = { ...SCENE, description: 'y'.repeat(3000) };
    const text = displayContent(long, null, 'i', 5e6).content.data[
      'text/plain'
    ];
    expect(text).toBe('y'.repeat(2000) + '…');
  });
});

describe('the reply and the warnings', () => {
  it('puts output warnings on the first statement, in reading order', () => {
    const lines = ['  y = x # a line', 'y = 1/0'];
    const diagnostics = withOutputWarnings(
      [warning(1, 'later')],
      [['output-too-big', 'left out']],
      lines
    );
    expect(diagnostics.map(d => d.message)).toEqual(['left out', 'later']);
    expect(diagnostics[0].range).toEqual({
      start: { line: 0, character: 2 },
      end: { line: 0, character: 7 }
    });
    expect(diagnostics[0].severity).toBe(2);
  });

  it('writes each warning as the Python kernel does on stderr', () => {
    expect(warningText([warning(2, 'gone\x1b[2J')])).toBe(
      'Warning: line 3: gone\\x1b[2J\n'
    );
  });

  it('is ok with the diagnostics when there is no error', () => {
    const result = {
      diagnostics: [],
      text: '4',
      scene: null,
      svg: null,
      error: null
    };
    expect(replyContent(result, [warning(0, 'w')], 7)).toEqual({
      status: 'ok',
      execution_count: 7,
      payload: [],
      user_expressions: {},
      diagnostics: [warning(0, 'w')]
    });
  });

  it('carries ename, evalue, traceback and diagnostics on an error', () => {
    const result = cellProblem(
      'sin(x)',
      'KeyboardInterrupt',
      'The calculation was interrupted.',
      'interrupted'
    );
    const reply = replyContent(result, result.diagnostics, 3);
    expect(reply.status).toBe('error');
    expect(reply.ename).toBe('KeyboardInterrupt');
    expect(reply.evalue).toBe('Line 1: The calculation was interrupted.');
    expect(reply.diagnostics).toEqual([
      {
        range: {
          start: { line: 0, character: 0 },
          end: { line: 0, character: 6 }
        },
        severity: 1,
        message: 'The calculation was interrupted.',
        source: 'plotter',
        code: 'interrupted'
      }
    ]);
    expect(Object.keys(errorContent(result)).sort()).toEqual([
      'ename',
      'evalue',
      'traceback'
    ]);
    const traceback = (reply.traceback as string[])[0];
    expect(traceback).toContain('    sin(x)\n');
    expect(traceback).toContain('^^^^^^');
  });
});

describe('statementSpan and escaped', () => {
  it('marks a statement without indentation, comment or trailing space', () => {
    expect(statementSpan(['  y = x  # c'], 0)).toEqual([2, 7]);
    expect(statementSpan(['# only a comment '], 0)).toEqual([0, 16]);
    expect(statementSpan([], 3)).toEqual([0, 0]);
  });

  it('writes control characters out', () => {
    expect(escaped('a\tb\x07\u2028é')).toBe('a\tb\\x07\\u2028é');
  });
});
