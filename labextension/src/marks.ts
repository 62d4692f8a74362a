/**
 * The kernel's diagnostics in a CodeMirror editor, through `@codemirror/lint`:
 * underline, gutter marker and hover message.
 *
 * The diagnostics live in editor state, never only in the DOM, so they
 * survive the cell being scrolled out of view and re-rendered: a fresh editor
 * asks `marksFor` for the marks of its text.
 */

import {
  Diagnostic,
  diagnosticCount,
  lintGutter,
  linter,
  setDiagnostics,
  setDiagnosticsEffect
} from '@codemirror/lint';
import {
  EditorState,
  Extension,
  Transaction,
  TransactionSpec
} from '@codemirror/state';
import { EditorView } from '@codemirror/view';

import { IEditorMark, Severity } from './tokens';

/** The marks of an editor showing `text`: none unless it is the text that was run. */
export type MarksSource = (text: string) => readonly IEditorMark[];

/** CSS class of the marked text for a severity. */
export function markClass(severity: Severity): string {
  return severity === Severity.Warning
    ? 'jp-plotter-warning'
    : 'jp-plotter-error';
}

/** The editor extension: marks from `marksFor`, cleared by any edit. */
export function diagnosticsExtension(marksFor: MarksSource): Extension {
  return [
    linter(
      view => toDiagnostics(marksFor(view.state.doc.toString()), view.state),
      {
        delay: Private.DELAY
      }
    ),
    lintGutter(),
    EditorState.transactionExtender.of(Private.clearOnEdit)
  ];
}

/** Show `marks` in an editor now (an empty list clears them). */
export function showMarks(
  view: EditorView,
  marks: readonly IEditorMark[]
): void {
  view.dispatch(setDiagnostics(view.state, toDiagnostics(marks, view.state)));
}

/** Lint diagnostics for `marks`, leaving out those past the end of the document. */
export function toDiagnostics(
  marks: readonly IEditorMark[],
  state: EditorState
): Diagnostic[] {
  return marks
    .filter(mark => mark.to <= state.doc.length && mark.from <= mark.to)
    .map(mark => ({
      from: mark.from,
      to: mark.to,
      severity: mark.severity === Severity.Warning ? 'warning' : 'error',
      message: mark.message,
      markClass: markClass(mark.severity),
      renderMessage: () => Private.message(mark)
    }));
}

namespace Private {
  /** Milliseconds after an edit before the marks are asked for again. */
  export const DELAY = 300;

  /** Any edit makes the diagnostics of the last run stale. */
  export function clearOnEdit(
    tr: Transaction
  ): Pick<TransactionSpec, 'effects'> | null {
    return tr.docChanged && diagnosticCount(tr.startState) > 0
      ? { effects: setDiagnosticsEffect.of([]) }
      : null;
  }

  /** The text of one message in a hover tooltip. */
  export function message(mark: IEditorMark): Node {
    const node = document.createElement('span');
    node.className = `jp-plotter-message ${markClass(mark.severity)}-message`;
    node.textContent = mark.message;
    return node;
  }
}
