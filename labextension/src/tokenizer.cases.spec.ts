/**
 * The editor's tokens (the TS core lexer, `core/editor.ts`) against the kernel lexer,
 * on every line of the case files.
 *
 * `tests/cases/editor_tokens.json` is written (and kept up to date) by
 * `tests/test_editor_tokens.py` from the kernel's own lexer.
 */

import { readFileSync } from 'fs';
import { join } from 'path';

import { TokenKind, tokenizeLine } from './core/editor';

interface ILine {
  text: string;
  tokens: Array<[number, number, string]>;
  comment: number | null;
  error: number | null;
}

const KINDS: Record<string, TokenKind> = {
  number: 'number',
  operator: 'operator',
  bracket: 'bracket',
  punctuation: 'punctuation',
  builtin: 'variableName.standard',
  constant: 'atom',
  variable: 'variableName.special',
  name: 'variableName',
  keyword: 'keyword',
  string: 'string'
};

const file = join(
  __dirname,
  '..',
  '..',
  'tests',
  'cases',
  'editor_tokens.json'
);
const lines: ILine[] = JSON.parse(readFileSync(file, 'utf-8')).lines;

describe('tokenizeLine reads every case line as the kernel lexer does', () => {
  it('has lines to check', () => {
    expect(lines.length).toBeGreaterThan(300);
  });

  it.each(lines.map(line => [line.text, line]))('%s', (_text, line) => {
    const { text, tokens, comment, error } = line as ILine;
    const stop = error ?? comment ?? text.length;
    const editor = tokenizeLine(text)
      .filter(token => token.kind !== null && token.from < stop)
      .map(token => [token.from, token.to, token.kind]);
    const kernel = tokens.map(([from, to, kind]) => [from, to, KINDS[kind]]);
    expect(editor).toEqual(kernel);
    const rest = tokenizeLine(text).find(token => token.from === stop);
    if (error !== null) {
      expect(rest?.kind).toBe('invalid');
    } else if (comment !== null) {
      expect(rest?.kind).toBe('lineComment');
    }
  });
});
