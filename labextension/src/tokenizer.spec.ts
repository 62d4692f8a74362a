import { BUILTINS, readToken, tokenizeLine, TokenKind } from './core/editor';

/** The non-space tokens of a line as [text, kind] pairs. */
function tokens(line: string): Array<[string, TokenKind | null]> {
  return tokenizeLine(line)
    .filter(token => token.kind !== null)
    .map(token => [line.slice(token.from, token.to), token.kind]);
}

describe('tokenizeLine', () => {
  it('covers the whole line without gaps or overlaps', () => {
    const line = 'f(x) = 3x^2 + sin(θ) # note';
    const all = tokenizeLine(line);
    expect(all[0].from).toBe(0);
    for (let i = 1; i < all.length; i++) {
      expect(all[i].from).toBe(all[i - 1].to);
    }
    expect(all[all.length - 1].to).toBe(line.length);
  });

  it('classifies an explicit curve', () => {
    expect(tokens('y = 2sin(x) + pi')).toEqual([
      ['y', 'variableName.special'],
      ['=', 'operator'],
      ['2', 'number'],
      ['sin', 'variableName.standard'],
      ['(', 'bracket'],
      ['x', 'variableName.special'],
      [')', 'bracket'],
      ['+', 'operator'],
      ['pi', 'atom']
    ]);
  });

  it('reads every number form of the language', () => {
    for (const number of ['2', '0.5', '.5', '1e-3', '2.5E+10', '3.']) {
      expect(tokens(number)).toEqual([[number, 'number']]);
    }
  });

  it('splits implicit multiplication of a number and a name', () => {
    expect(tokens('3x')).toEqual([
      ['3', 'number'],
      ['x', 'variableName.special']
    ]);
    expect(tokens('2e')).toEqual([
      ['2', 'number'],
      ['e', 'atom']
    ]);
  });

  it('keeps an unknown run of letters as one user name, splits known names', () => {
    expect(tokens('ab + xy')).toEqual([
      ['ab', 'variableName'],
      ['+', 'operator'],
      ['x', 'variableName.special'],
      ['y', 'variableName.special']
    ]);
    expect(tokens('2xsinx')).toEqual([
      ['2', 'number'],
      ['x', 'variableName.special'],
      ['sin', 'variableName.standard'],
      ['x', 'variableName.special']
    ]);
  });

  it('never splits the name a line defines, and knows its inputs', () => {
    expect(tokens('pie = 2')).toEqual([
      ['pie', 'variableName'],
      ['=', 'operator'],
      ['2', 'number']
    ]);
    expect(tokens('f(k) = kx')).toEqual([
      ['f', 'variableName'],
      ['(', 'bracket'],
      ['k', 'variableName'],
      [')', 'bracket'],
      ['=', 'operator'],
      ['k', 'variableName'],
      ['x', 'variableName.special']
    ]);
  });

  it('reads a run holding a plot variable on the left of = as a product', () => {
    expect(tokens('pix = 2')).toEqual([
      ['pi', 'atom'],
      ['x', 'variableName.special'],
      ['=', 'operator'],
      ['2', 'number']
    ]);
  });

  it('highlights every v2 symbol instead of marking it invalid', () => {
    expect(tokens('y ≤ √x × 2 − |πx| ∙ x² + arcsin(x)')).toEqual([
      ['y', 'variableName.special'],
      ['≤', 'operator'],
      ['√', 'variableName.standard'],
      ['x', 'variableName.special'],
      ['×', 'operator'],
      ['2', 'number'],
      ['−', 'operator'],
      ['|', 'bracket'],
      ['π', 'atom'],
      ['x', 'variableName.special'],
      ['|', 'bracket'],
      ['∙', 'operator'],
      ['x', 'variableName.special'],
      ['²', 'number'],
      ['+', 'operator'],
      ['arcsin', 'variableName.standard'],
      ['(', 'bracket'],
      ['x', 'variableName.special'],
      [')', 'bracket']
    ]);
    expect(tokens("f'(x) {x < 0: 1, 2} d/dx log_2")).toEqual([
      ['f', 'variableName'],
      ["'", 'operator'],
      ['(', 'bracket'],
      ['x', 'variableName.special'],
      [')', 'bracket'],
      ['{', 'bracket'],
      ['x', 'variableName.special'],
      ['<', 'operator'],
      ['0', 'number'],
      [':', 'punctuation'],
      ['1', 'number'],
      [',', 'punctuation'],
      ['2', 'number'],
      ['}', 'bracket'],
      ['d/dx', 'operator'],
      ['log', 'variableName.standard'],
      ['_', 'operator'],
      ['2', 'number']
    ]);
  });

  it('marks every builtin function and no user name as builtin', () => {
    for (const name of BUILTINS) {
      expect(tokens(name)).toEqual([[name, 'variableName.standard']]);
    }
    expect(tokens('sinus')).toEqual([['sinus', 'variableName']]);
    expect(tokens('log10')).toEqual([['log10', 'variableName.standard']]);
  });

  it('knows constants, plot variables and keywords, including Greek letters', () => {
    expect(tokens('π tau e')).toEqual([
      ['π', 'atom'],
      ['tau', 'atom'],
      ['e', 'atom']
    ]);
    expect(tokens('r = 1 + cos(θ) for theta in [0, pi]')).toEqual([
      ['r', 'variableName.special'],
      ['=', 'operator'],
      ['1', 'number'],
      ['+', 'operator'],
      ['cos', 'variableName.standard'],
      ['(', 'bracket'],
      ['θ', 'variableName.special'],
      [')', 'bracket'],
      ['for', 'keyword'],
      ['theta', 'variableName.special'],
      ['in', 'keyword'],
      ['[', 'bracket'],
      ['0', 'number'],
      [',', 'punctuation'],
      ['pi', 'atom'],
      [']', 'bracket']
    ]);
  });

  it('reads two-character operators as one token', () => {
    expect(tokens('x**2 <= y >= 1!')).toEqual([
      ['x', 'variableName.special'],
      ['**', 'operator'],
      ['2', 'number'],
      ['<=', 'operator'],
      ['y', 'variableName.special'],
      ['>=', 'operator'],
      ['1', 'number'],
      ['!', 'operator']
    ]);
  });

  it('turns the rest of the line into a comment after #', () => {
    expect(tokens('x^2 # sin(x) for')).toEqual([
      ['x', 'variableName.special'],
      ['^', 'operator'],
      ['2', 'number'],
      ['# sin(x) for', 'lineComment']
    ]);
  });

  it('flags characters outside the language, a whole astral character at once', () => {
    expect(tokens('x $ 😀')).toEqual([
      ['x', 'variableName.special'],
      ['$', 'invalid'],
      ['😀', 'invalid']
    ]);
  });
});

describe('readToken', () => {
  it('reads from the given position and always makes progress', () => {
    expect(readToken('y = sqrt(x)', 4)).toEqual({
      end: 8,
      kind: 'variableName.standard'
    });
    expect(readToken('   ', 0)).toEqual({ end: 3, kind: null });
  });
});
