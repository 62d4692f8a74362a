/**
 * The syntax mistakes underlined while typing are the kernel's: for every one-cell case
 * of `language/cases/language.json` that lists its diagnostics, `syntaxDiagnostics`
 * finds exactly the kernel's SyntaxErrors (same ranges, codes and messages) and
 * nothing else.
 */

import { syntaxDiagnostics } from './editor';
import { languageCases } from './language.testing';

const CASES = languageCases();

const ONE_CELL = CASES.filter(c => c.cells.length === 1 && c.diagnostics);

describe('syntax mistakes while typing', () => {
  it('has cases with and without syntax errors to compare with', () => {
    const withErrors = ONE_CELL.filter(c =>
      c.diagnostics!.some(d => d.ename === 'SyntaxError')
    );
    expect(withErrors.length).toBeGreaterThan(20);
    expect(ONE_CELL.length - withErrors.length).toBeGreaterThan(20);
  });

  it.each(ONE_CELL.map(c => [c.name, c] as const))(
    'finds what the kernel finds: %s',
    (_name, c) => {
      const expected = c.diagnostics!.filter(d => d.ename === 'SyntaxError');
      const found = syntaxDiagnostics(c.cells[0]).map(d => ({
        line: d.range.start.line,
        start: d.range.start.character,
        end: d.range.end.character,
        ename: 'SyntaxError',
        code: d.code
      }));
      expect(found).toEqual(
        expected.map(({ line, start, end, ename, code }) => ({
          line,
          start,
          end,
          ename,
          code
        }))
      );
    }
  );

  it('judges no names: an unknown name is left to the run', () => {
    expect(syntaxDiagnostics('y = foo(x)\nb = 2a')).toEqual([]);
  });

  it('marks an unclosed bracket where it opens', () => {
    const found = syntaxDiagnostics('y = 1\ny = sin(x');
    expect(found.map(d => [d.range.start, d.message])).toEqual([
      [{ line: 1, character: 7 }, "This '(' is never closed."]
    ]);
  });
});
