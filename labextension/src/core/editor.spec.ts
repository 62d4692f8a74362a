/**
 * The editor's tokens on hostile lines: very long, full of unknown characters, or
 * megabytes long. The work must stay bounded and nothing may overflow the stack.
 */

import * as lexer from './lang/lexer';
import { HIGHLIGHT_CHARS, readToken, tokenizeLine, TokenKind } from './editor';

/** A line of `length` characters mixing names with characters the language lacks. */
function hostileLine(length: number): string {
  const bad = ['$', '@', '`', '?', '😀', '"', '&', ';'];
  let line = '';
  for (let k = 0; line.length < length; k++) {
    line += k % 2 === 0 ? 'x' : bad[(k >> 1) % bad.length];
  }
  return line.slice(0, length);
}

/** Read `text` the way CodeMirror's stream parser does, up to its 10 000th character. */
function readLikeCodeMirror(
  text: string
): Array<{ from: number; to: number; kind: TokenKind | null }> {
  const read = [];
  let pos = 0;
  while (pos < text.length) {
    const { end, kind } = readToken(text, pos);
    if (end <= pos) {
      throw new Error(`no progress at ${pos}`);
    }
    read.push({ from: pos, to: end, kind });
    if (pos > 10_000) {
      break;
    }
    pos = end;
  }
  return read;
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('a 10 000-character line of unknown characters', () => {
  const line = hostileLine(10_000);

  it('is tokenized without overflowing the stack', () => {
    const all = tokenizeLine(line);
    expect(all[0].from).toBe(0);
    for (let i = 1; i < all.length; i++) {
      expect(all[i].from).toBe(all[i - 1].to);
    }
    expect(all[all.length - 1].to).toBe(line.length);
    const invalid = all.filter(t => t.kind === 'invalid');
    const names = all.filter(t => t.kind === 'variableName.special');
    expect(names.length).toBe(line.split('x').length - 1);
    expect(invalid.length).toBe(names.length);
    expect(invalid.every(t => line.slice(t.from, t.to) !== 'x')).toBe(true);
  });

  it('keeps "ab" typed at its end', () => {
    // Given the line as CodeMirror reads it, when "ab" is typed at the end,
    const typed = line + 'ab';
    const read = readLikeCodeMirror(typed);
    // then the new text is read to the end of the line.
    expect(read[read.length - 1].to).toBe(typed.length);
  });

  it('marks the last unknown character and highlights what follows it', () => {
    const all = tokenizeLine(hostileLine(5_000) + '$ab');
    const kinds = all.slice(-2).map(t => t.kind);
    expect(kinds).toEqual(['invalid', 'variableName']);
  });

  it('is lexed once for all the tokens CodeMirror reads', () => {
    const lenient = jest.spyOn(lexer, 'tokenizeLenient');
    const tokenize = jest.spyOn(lexer, 'tokenize');
    readLikeCodeMirror(line + ' ');
    expect(lenient).toHaveBeenCalledTimes(1);
    expect(tokenize).not.toHaveBeenCalled();
  });
});

describe('a line of megabytes', () => {
  const huge = 'y = 2x + 1 '.repeat(500_000);

  it('has only its first HIGHLIGHT_CHARS characters lexed', () => {
    const lenient = jest.spyOn(lexer, 'tokenizeLenient');
    const read = readLikeCodeMirror(huge);
    expect(lenient).toHaveBeenCalledTimes(1);
    expect(lenient.mock.calls[0][0].length).toBeLessThanOrEqual(
      HIGHLIGHT_CHARS
    );
    // The rest of the line is one plain token.
    expect(read[read.length - 1]).toEqual({
      from: expect.any(Number),
      to: huge.length,
      kind: null
    });
    expect(read[read.length - 1].from).toBeLessThanOrEqual(HIGHLIGHT_CHARS);
  });

  it('is lexed again within the bound after each keystroke', () => {
    const lenient = jest.spyOn(lexer, 'tokenizeLenient');
    let text = huge;
    for (const key of 'abc') {
      text += key;
      readLikeCodeMirror(text);
    }
    expect(lenient).toHaveBeenCalledTimes(3);
    const lexedChars = lenient.mock.calls.reduce(
      (sum, [t]) => sum + t.length,
      0
    );
    expect(lexedChars).toBeLessThanOrEqual(3 * HIGHLIGHT_CHARS);
  });

  it('still covers the whole line with tokens', () => {
    const all = tokenizeLine(huge);
    expect(all[all.length - 1].to).toBe(huge.length);
    expect(all.length).toBeLessThanOrEqual(HIGHLIGHT_CHARS + 1);
  });
});
