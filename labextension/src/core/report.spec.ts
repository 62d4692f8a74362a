import { problem } from './errors';
import { escaped, formatValues, statementSpan, traceback } from './report';

describe('formatValues', () => {
  it('prefixes a bare value with its line, not a line that says what it is', () => {
    const lines = ['Y ~ m X + b', '1 + 1', 'check m > 0'];
    const values: Array<[number, string]> = [
      [0, 'm = 2'],
      [0, 'residuals: e1'],
      [1, '2'],
      [2, '✓ m > 0']
    ];
    expect(formatValues(values, lines)).toBe(
      'm = 2\nresiduals: e1\n1 + 1 = 2\n✓ m > 0'
    );
  });
});

describe('statementSpan and escaped', () => {
  it('marks a statement without indentation, comment or trailing space', () => {
    expect(statementSpan(['  y = x  # c'], 0)).toEqual({
      line: 0,
      start: 2,
      end: 7
    });
    expect(statementSpan(['# only a comment '], 0)).toEqual({
      line: 0,
      start: 0,
      end: 16
    });
    expect(statementSpan([], 3)).toEqual({ line: 3, start: 0, end: 0 });
  });

  it('writes control characters out', () => {
    expect(escaped('a\tb\x07\u2028é')).toBe('a\tb\\x07\\u2028é');
  });
});

describe('traceback', () => {
  it('counts a character beyond the BMP as one column and one caret', () => {
    // '𝑎' is two UTF-16 units: the span of 'son' is 5..8, its caret at column 4
    const line = '𝑎 + son(1)';
    const where = { line: 0, start: 5, end: 8 };
    const [block] = traceback(
      [problem('NameError', 'Unknown name.', where, 'unknown-name')],
      [line]
    );
    expect(block.split('\n').slice(1)).toEqual([
      '    𝑎 + son(1)',
      '    \x1b[31m    ^^^\x1b[0m'
    ]);
  });
});
