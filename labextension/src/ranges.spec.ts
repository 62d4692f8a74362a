import { readDiagnostics, toEditorMarks } from './ranges';
import { IPlotterDiagnostic, Severity } from './tokens';

/** A diagnostic on one line from `start` to `end` (UTF-16 units). */
function diagnostic(
  line: number,
  start: number,
  end: number,
  message = 'problem',
  severity = Severity.Error
): IPlotterDiagnostic {
  return {
    range: {
      start: { line, character: start },
      end: { line, character: end }
    },
    severity,
    message,
    source: 'plotter'
  };
}

/** The text each mark covers. */
function covered(text: string, diagnostics: IPlotterDiagnostic[]): string[] {
  return toEditorMarks(diagnostics, text).map(mark =>
    text.slice(mark.from, mark.to)
  );
}

describe('toEditorMarks', () => {
  it('maps line and character to document offsets', () => {
    const text = 'y = sin(x)\ny = foo(x) + 1\nz = 2';
    const marks = toEditorMarks(
      [diagnostic(1, 4, 7, 'unknown name'), diagnostic(2, 0, 1)],
      text
    );
    expect(marks.map(m => text.slice(m.from, m.to))).toEqual(['foo', 'z']);
    expect(marks[0]).toMatchObject({
      line: 1,
      severity: Severity.Error,
      message: 'unknown name'
    });
    expect(marks[1].line).toBe(2);
  });

  it('counts characters in UTF-16 code units, like the kernel', () => {
    // Given a line with a BMP letter (1 unit) and an astral letter (2 units)
    const text = 'θ = 𝑥 + foo';
    const start = text.indexOf('foo');
    // When the kernel points at `foo` with UTF-16 offsets
    const marks = covered(text, [diagnostic(0, start, start + 3)]);
    // Then exactly `foo` is marked (9 UTF-16 units in, but only 8 code points)
    expect(start).toBe(9);
    expect([...text.slice(0, start)]).toHaveLength(8);
    expect(marks).toEqual(['foo']);
  });

  it('never splits a surrogate pair', () => {
    const text = 'y = 𝑥𝑥';
    // start and end both fall inside the two-unit characters
    expect(covered(text, [diagnostic(0, 5, 7)])).toEqual(['𝑥𝑥']);
  });

  it('clamps characters past the end of the line and lines past the end', () => {
    const text = 'a = 1\nb = (2';
    const marks = toEditorMarks(
      [diagnostic(0, 4, 99), diagnostic(7, 0, 3)],
      text
    );
    expect(text.slice(marks[0].from, marks[0].to)).toBe('1');
    expect(marks[1].line).toBe(1);
    expect(text.slice(marks[1].from, marks[1].to)).toBe('b =');
  });

  it('widens an empty range to one character so it can be seen', () => {
    const text = 'y = (x + 1';
    // a point at the end of the line (missing bracket) marks the last character
    expect(covered(text, [diagnostic(0, 10, 10)])).toEqual(['1']);
    // a point inside the line marks the character after it
    expect(covered(text, [diagnostic(0, 4, 4)])).toEqual(['(']);
  });

  it('keeps an empty mark on an empty line for the gutter', () => {
    const marks = toEditorMarks([diagnostic(1, 0, 5)], 'x\n\ny');
    expect(marks).toEqual([
      expect.objectContaining({ from: 2, to: 2, line: 1 })
    ]);
  });

  it('treats an end before the start as the start', () => {
    expect(covered('y = abc', [diagnostic(0, 5, 2)])).toEqual(['b']);
  });

  it('spans several lines', () => {
    const text = 'y = (1 +\n2';
    const marks = toEditorMarks(
      [
        {
          range: {
            start: { line: 0, character: 4 },
            end: { line: 1, character: 1 }
          },
          severity: Severity.Warning,
          message: 'w'
        }
      ],
      text
    );
    expect(text.slice(marks[0].from, marks[0].to)).toBe('(1 +\n2');
    expect(marks[0].severity).toBe(Severity.Warning);
  });
});

describe('readDiagnostics', () => {
  it('reads the list from execute_reply content', () => {
    // As the kernel sends them: Severity.Error and .Warning are its 1 and 2.
    const sent = () => [
      {
        ...diagnostic(1, 4, 7, "I don't know 'foo'. Did you mean 'floor'?"),
        code: 'unknown-name'
      },
      diagnostic(0, 0, 3, 'undefined everywhere', Severity.Warning)
    ];
    const content = {
      status: 'error',
      ename: 'NameError',
      evalue: 'Line 2: unknown name foo.',
      traceback: [],
      diagnostics: sent()
    };
    expect(readDiagnostics(content)).toEqual(sent());
  });

  it('tells a missing list from an empty one', () => {
    expect(readDiagnostics({ status: 'ok' })).toBeNull();
    expect(readDiagnostics(null)).toBeNull();
    expect(readDiagnostics({ diagnostics: [] })).toEqual([]);
  });

  it('drops malformed entries and keeps the good ones', () => {
    const good = {
      range: {
        start: { line: 0, character: 1 },
        end: { line: 0, character: 2 }
      },
      severity: 1,
      message: 'ok'
    };
    const list = readDiagnostics({
      diagnostics: [
        good,
        { range: { start: { line: -1, character: 0 }, end: good.range.end } },
        { ...good, message: 3 },
        { ...good, range: { start: { line: 'a', character: 0 } } },
        'text'
      ]
    });
    expect(list).toHaveLength(1);
    expect(list?.[0].message).toBe('ok');
  });
});
