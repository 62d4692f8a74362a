/**
 * Nothing a student types makes the TS core throw: seeded random token soup always
 * comes back as diagnostics (and maybe values or a drawing), and the limits (nesting
 * depth, cell and line length, sum terms) answer with a located ResourceError.
 */

import { Session, complete, inspect, isComplete, runCell } from './index';

const SIZE = { width: 300, height: 200 };

const PIECES = [
  'x',
  'y',
  't',
  'r',
  'θ',
  'theta',
  'a',
  'b',
  'f',
  'g',
  'pi',
  'π',
  'e',
  'sin',
  'cos',
  'ln',
  'log',
  'log_',
  'sqrt',
  '√',
  '∛',
  'sum',
  'prod',
  'd/dx',
  'd',
  'abs',
  'min',
  'atan2',
  'for',
  'in',
  '0',
  '1',
  '2.5',
  '.5',
  '1e3',
  '1e999',
  '10',
  '170',
  '+',
  '-',
  '*',
  '/',
  '^',
  '**',
  '!',
  "'",
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '|',
  ',',
  ':',
  '=',
  '<',
  '<=',
  '>',
  '≥',
  '²',
  '·',
  '−',
  ' ',
  ' ',
  '#',
  '$',
  '😀',
  '\t',
  '_',
  'n',
  'k',
  'xy',
  'pix',
  'son',
  'f(x) =',
  'a ='
];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function soup(next: () => number): string {
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 14);
    let line = '';
    for (let j = 0; j < length; j++) {
      line += PIECES[Math.floor(next() * PIECES.length)];
    }
    lines.push(line);
  }
  return lines.join('\n');
}

describe('random token soup', () => {
  it('never throws, and every problem is a located diagnostic', () => {
    const next = random(20261203);
    const session = new Session({ secondsPerCell: 2 });
    let errors = 0;
    for (let i = 0; i < 250; i++) {
      const source = soup(next);
      const result = runCell(session, source, SIZE);
      const lines = source.split('\n');
      for (const d of result.diagnostics) {
        expect(d.range.start.line).toBe(d.range.end.line);
        expect(d.range.start.character).toBeLessThanOrEqual(
          d.range.end.character
        );
        expect(d.range.end.character).toBeLessThanOrEqual(
          lines[d.range.start.line].length
        );
        expect(d.message.length).toBeGreaterThan(0);
        expect(d.code).not.toBe('internal');
        expect(d.code).not.toBe('internal-error');
      }
      if (result.error !== null) {
        errors += 1;
        expect(result.diagnostics.some(d => d.severity === 1)).toBe(true);
      }
      const cursor = Math.floor(next() * (source.length + 1));
      expect(() => complete(session, source, cursor)).not.toThrow();
      expect(() => inspect(session, source, cursor)).not.toThrow();
      expect(['complete', 'incomplete', 'invalid']).toContain(
        isComplete(source)
      );
    }
    expect(errors).toBeGreaterThan(80);
  });
});

describe('limits', () => {
  const codes = (source: string, session = new Session()): string[] =>
    runCell(session, source, SIZE).diagnostics.map(d => d.code);

  it('refuses deep nesting', () => {
    expect(codes('('.repeat(150) + 'x' + ')'.repeat(150))).toEqual([
      'too-deep'
    ]);
    expect(codes('-'.repeat(1500) + '1')).toEqual(['too-deep']);
    expect(codes('-'.repeat(5000) + '1')).toEqual(['line-too-long']);
  });

  it('refuses a long cell and a long line', () => {
    expect(codes('1+'.repeat(15000) + '1')).toEqual(['cell-too-long']);
    expect(codes('1+'.repeat(1500) + '1')).toEqual(['line-too-long']);
  });

  it('refuses a sum of too many terms and too big numbers', () => {
    expect(codes('sum(n, 1, 100000, n)')).toEqual(['too-many-terms']);
    expect(codes('10^10^10')).toEqual(['too-big']);
    expect(codes('factorial(10^6)')).toEqual(['factorial-limit']);
  });

  it('stops a cell that runs out of time with a located ResourceError', () => {
    const session = new Session({ secondsPerCell: 0.05 });
    const result = runCell(
      session,
      'f(n) = sum(k, 1, 9999, sin(k n))\nsum(m, 1, 9999, f(m))',
      SIZE
    );
    expect(result.error?.ename).toBe('ResourceError');
    expect(result.diagnostics.map(d => d.code)).toContain('time-limit');
  });
});
