import {
  diagnosticCount,
  forEachDiagnostic,
  setDiagnostics
} from '@codemirror/lint';
import { EditorState } from '@codemirror/state';

import { diagnosticsExtension, toDiagnostics } from './marks';
import { IEditorMark, Severity } from './tokens';

const TEXT = 'y = foo(x)\ny = 2 +* x';

const MARKS: IEditorMark[] = [
  { from: 4, to: 7, line: 0, severity: Severity.Error, message: 'no foo' },
  { from: 18, to: 19, line: 1, severity: Severity.Warning, message: 'odd *' }
];

/** An editor state with the extension and `marks` shown. */
function marked(marks: readonly IEditorMark[]): EditorState {
  const state = EditorState.create({
    doc: TEXT,
    extensions: diagnosticsExtension(() => [])
  });
  return state.update(setDiagnostics(state, toDiagnostics(marks, state))).state;
}

/** What is marked: the text, the class and the message of each diagnostic. */
function shown(state: EditorState): string[] {
  const found: string[] = [];
  forEachDiagnostic(state, (d, from, to) =>
    found.push(`${state.sliceDoc(from, to)} ${d.markClass} ${d.message}`)
  );
  return found;
}

describe('diagnostics in the editor', () => {
  it('marks each range with the class of its severity and its message', () => {
    expect(shown(marked(MARKS))).toEqual([
      'foo jp-plotter-error no foo',
      '* jp-plotter-warning odd *'
    ]);
  });

  it('gives lint the severity of each mark', () => {
    const state = EditorState.create({ doc: TEXT });
    expect(toDiagnostics(MARKS, state).map(d => d.severity)).toEqual([
      'error',
      'warning'
    ]);
  });

  it('leaves out marks past the end of the text', () => {
    const state = EditorState.create({ doc: 'y = 1' });
    expect(toDiagnostics(MARKS, state)).toEqual([]);
  });

  it('clears every mark at the first edit', () => {
    const state = marked(MARKS);
    expect(diagnosticCount(state)).toBe(2);
    const edited = state.update({ changes: { from: 0, insert: ' ' } }).state;
    expect(diagnosticCount(edited)).toBe(0);
  });

  it('keeps the marks when only the selection moves', () => {
    const state = marked(MARKS);
    const moved = state.update({ selection: { anchor: 3 } }).state;
    expect(shown(moved)).toEqual(shown(state));
  });
});
