/** The Lite kernel fetches a cell's table files from the notebook's folder. */

import { tableFiles } from './tables';

describe('tableFiles', () => {
  it('reads each table of the cell once, relative to the notebook', async () => {
    const asked: string[] = [];
    const read = async (full: string): Promise<string> => {
      asked.push(full);
      return 'a\n1\n';
    };
    const code = 'table("d.csv")\ntable("../x.csv")\ntable("d.csv")\n1 + 1';
    expect(await tableFiles(code, 'class/week1/', read)).toEqual({
      'd.csv': 'a\n1\n'
    });
    expect(asked).toEqual(['class/week1/d.csv']);
    expect(await tableFiles('table("d.csv")', '', read)).toEqual({
      'd.csv': 'a\n1\n'
    });
    expect(asked[1]).toBe('d.csv');
  });
});
