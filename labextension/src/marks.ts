/**
 * CodeMirror 6 extension that shows diagnostics: underline, gutter marker and hover message.
 *
 * Marks live in editor state (a StateField), never only in the DOM, so they
 * survive the cell being scrolled out of view and re-rendered.
 */

import {
  Extension,
  RangeSet,
  StateEffect,
  StateField,
  Text
} from '@codemirror/state';
import {
  Decoration,
  DecorationSet,
  EditorView,
  GutterMarker,
  Tooltip,
  gutter,
  hoverTooltip
} from '@codemirror/view';

import { IEditorMark, Severity } from './tokens';

/** Replace the marks of an editor (an empty list clears them). */
export const setMarks = StateEffect.define<readonly IEditorMark[]>();

/** CSS class of the marked text for a severity. */
export function markClass(severity: Severity): string {
  return severity === Severity.Warning
    ? 'jp-plotter-warning'
    : 'jp-plotter-error';
}

/** The marks currently shown in an editor. */
export function currentMarks(view: EditorView): readonly IEditorMark[] {
  return view.state.field(marksField, false)?.marks ?? [];
}

/**
 * The editor extension; `initial` gives the marks of a freshly created editor
 * (for instance when a cell is re-rendered after scrolling).
 */
export function diagnosticsExtension(
  initial: () => readonly IEditorMark[] = () => []
): Extension {
  return [
    marksField.init(state => Private.build(initial(), state.doc)),
    gutter({
      class: 'jp-plotter-gutter',
      markers: view => view.state.field(marksField).gutter
    }),
    hoverTooltip(Private.tooltip, { hoverTime: 300 })
  ];
}

/** State of one editor: marks and what they render to. */
interface IMarksState {
  marks: readonly IEditorMark[];
  decorations: DecorationSet;
  gutter: RangeSet<GutterMarker>;
}

const marksField = StateField.define<IMarksState>({
  create: state => Private.build([], state.doc),
  update(value, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setMarks)) {
        return Private.build(effect.value, transaction.newDoc);
      }
    }
    // Any edit makes the diagnostics of the last run stale.
    return transaction.docChanged && value.marks.length > 0
      ? Private.build([], transaction.newDoc)
      : value;
  },
  provide: field =>
    EditorView.decorations.from(field, value => value.decorations)
});

namespace Private {
  /** Gutter marker of one line: the most severe problem wins. */
  class LineMarker extends GutterMarker {
    constructor(
      readonly severity: Severity,
      readonly messages: string
    ) {
      super();
    }

    eq(other: GutterMarker): boolean {
      return (
        other instanceof LineMarker &&
        other.severity === this.severity &&
        other.messages === this.messages
      );
    }

    toDOM(): Node {
      const node = document.createElement('span');
      node.className = `jp-plotter-gutter-marker ${markClass(this.severity)}-marker`;
      node.title = this.messages;
      node.textContent = this.severity === Severity.Warning ? '!' : '●';
      return node;
    }
  }

  /** Build decorations and gutter markers, dropping marks outside the document. */
  export function build(marks: readonly IEditorMark[], doc: Text): IMarksState {
    const kept = marks.filter(
      mark => mark.to <= doc.length && mark.line < doc.lines
    );
    const ranges = kept
      .filter(mark => mark.from < mark.to)
      .map(mark =>
        Decoration.mark({
          class: markClass(mark.severity),
          attributes: { 'data-plotter-message': mark.message }
        }).range(mark.from, mark.to)
      );
    const lines = new Map<number, IEditorMark[]>();
    for (const mark of kept) {
      lines.set(mark.line, [...(lines.get(mark.line) ?? []), mark]);
    }
    const markers = [...lines.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([line, group]) => {
        const severity = Math.min(...group.map(mark => mark.severity));
        const text = group.map(mark => mark.message).join('\n');
        return new LineMarker(severity, text).range(doc.line(line + 1).from);
      });
    return {
      marks: kept,
      decorations: Decoration.set(ranges, true),
      gutter: RangeSet.of(markers, true)
    };
  }

  /** Tooltip with every message whose range touches the hovered position. */
  export function tooltip(
    view: EditorView,
    pos: number,
    side: -1 | 1
  ): Tooltip | null {
    const hits = currentMarks(view).filter(
      mark =>
        (mark.from < pos || (mark.from === pos && side > 0)) &&
        (mark.to > pos || (mark.to === pos && side < 0))
    );
    if (hits.length === 0) {
      return null;
    }
    return {
      pos: Math.min(...hits.map(mark => mark.from)),
      end: Math.max(...hits.map(mark => mark.to)),
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'jp-plotter-tooltip';
        for (const mark of hits) {
          const row = document.createElement('div');
          row.className = `jp-plotter-tooltip-message ${markClass(mark.severity)}-message`;
          row.textContent = mark.message;
          dom.appendChild(row);
        }
        return { dom };
      }
    };
  }
}
