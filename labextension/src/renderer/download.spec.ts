import { fileName } from './download';

describe('the name of a downloaded plot', () => {
  it('is the plot’s labels', () => {
    expect(fileName(['y = a sin(x)'], 'png')).toBe('y = a sin(x).png');
    expect(fileName(['y = sin(x)', 'y = cos(x)'], 'svg')).toBe(
      'y = sin(x), y = cos(x).svg'
    );
  });

  it('leaves out what file systems refuse', () => {
    expect(fileName(['y = x/2 | x:*?"<>\\'], 'png')).toBe(
      'y = x_2 _ x_______.png'
    );
    expect(fileName(['..y = 1..'], 'svg')).toBe('y = 1.svg');
    expect(fileName(['a\tb\nc'], 'svg')).toBe('a b c.svg');
    expect(fileName(['a\u0001b\u007f'], 'svg')).toBe('a_b_.svg');
  });

  it('is plot without a label, and never too long', () => {
    expect(fileName([], 'png')).toBe('plot.png');
    expect(fileName(['  ', ''], 'png')).toBe('plot.png');
    const long = fileName(['y = ' + 'x + '.repeat(100) + '1'], 'png');
    expect(long.startsWith('y = x + x + ')).toBe(true);
    expect([...long].length).toBeLessThanOrEqual(80 + '.png'.length);
    expect([...long].length).toBeGreaterThan(70);
  });
});
