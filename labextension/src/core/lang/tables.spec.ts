/**
 * Tables in the TypeScript core beyond the shared `table:` cases: the CSV records as
 * Python's `csv` module reads them, the row limit, the HTML and the paths a transport
 * fetches ahead.
 */

import { Session } from './session';
import { csvRecords, readTable, tableHtml, tablePaths } from './tables';
import { span } from '../errors';

describe('tables', () => {
  it('reads records as Python csv does', () => {
    expect(csvRecords('"abc', ',')).toEqual([['abc']]);
    expect(csvRecords('a,"b"c\n', ',')).toEqual([['a', 'bc']]);
    expect(csvRecords('""\n', ',')).toEqual([['']]);
    expect(csvRecords('a\r\nb\rc\n\n\nd', ',')).toEqual([
      ['a'],
      ['b'],
      ['c'],
      [],
      [],
      ['d']
    ]);
    expect(csvRecords('a,"x\ny",z', ',')).toEqual([['a', 'x\ny', 'z']]);
    expect(csvRecords(' "a",b', ',')).toEqual([[' "a"', 'b']]);
    expect(csvRecords('a"b,c', ',')).toEqual([['a"b', 'c']]);
    expect(csvRecords('a\t"b\t"\n', '\t')).toEqual([['a', 'b\t']]);
  });

  it('refuses more rows than the limit, at the file name', () => {
    const where = span(0, 6, 13);
    expect(() => readTable('n.csv', 'n\n1\n2\n3\n', 2, where)).toThrow(
      'n.csv has more than 2 rows; a table has at most 2.'
    );
    const session = new Session({ maxTableRows: 2 }, () => 'n\n1\n2\n3\n');
    const [plan, problems] = session.run('table("n.csv")');
    expect(plan.values).toEqual([]);
    expect(problems.map(p => [p.ename, p.code, p.span])).toEqual([
      ['ResourceError', 'table-too-long', where]
    ]);
  });

  it('shows long tables cut, escaped', () => {
    const values = Array.from({ length: 30 }, (_, k) => k);
    const html = tableHtml([['a<b', values]]);
    expect(html).toContain('<th>a&lt;b</th>');
    expect(html.match(/<tr>/g)!.length).toBe(22);
    expect(html).toContain('… (30 rows)');
    const [plan] = new Session().run('L = [1, 2]\nM = [3]');
    expect(plan.table).toEqual([
      ['L', Float64Array.from([1, 2])],
      ['M', Float64Array.from([3])]
    ]);
  });

  it('gives a transport the paths to fetch, each once, never outside', () => {
    const code = 'table("a.csv")\ntable("../b.csv")\ntable("a.csv")\ny = x';
    expect(tablePaths(code)).toEqual(['a.csv']);
  });
});
