/**
 * Pure helpers: read diagnostics from kernel message content and map them to editor offsets.
 */

import {
  DIAGNOSTICS_KEY,
  IEditorMark,
  IPlotterDiagnostic,
  IPosition,
  Severity
} from './tokens';

/**
 * Read the `diagnostics` list of an `execute_reply` or iopub `error` content.
 *
 * Kernel messages are untrusted JSON: malformed entries are dropped rather
 * than breaking the editor. Returns null when the content has no list at
 * all, so callers can tell "no diagnostics key" from "an empty list".
 */
export function readDiagnostics(content: unknown): IPlotterDiagnostic[] | null {
  if (!Private.isRecord(content)) {
    return null;
  }
  const list = content[DIAGNOSTICS_KEY];
  if (!Array.isArray(list)) {
    return null;
  }
  const result: IPlotterDiagnostic[] = [];
  for (const item of list) {
    const diagnostic = Private.toDiagnostic(item);
    if (diagnostic) {
      result.push(diagnostic);
    }
  }
  return result;
}

/**
 * Resolve diagnostics against the cell text.
 *
 * Lines and characters are clamped to the document, the end is never before
 * the start, a surrogate pair is never split, and an empty range is widened
 * to one visible character so the underline can be seen.
 */
export function toEditorMarks(
  diagnostics: readonly IPlotterDiagnostic[],
  text: string
): IEditorMark[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const marks: IEditorMark[] = [];
  for (const diagnostic of diagnostics) {
    const start = Private.clamp(diagnostic.range.start, lines, -1);
    let end = Private.clamp(diagnostic.range.end, lines, 1);
    if (
      end.line < start.line ||
      (end.line === start.line && end.character < start.character)
    ) {
      end = start;
    }
    let from = starts[start.line] + start.character;
    let to = starts[end.line] + end.character;
    if (from === to) {
      const lineText = lines[start.line];
      const lineEnd = starts[start.line] + lineText.length;
      if (to < lineEnd) {
        to = Private.nextBoundary(text, from);
      } else if (lineText.length > 0) {
        from = Private.previousBoundary(text, to);
      }
    }
    marks.push({
      from,
      to,
      line: start.line,
      severity: diagnostic.severity,
      message: diagnostic.message
    });
  }
  return marks;
}

namespace Private {
  /** True for a plain JSON object. */
  export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  /** A non-negative integer, or null. */
  export function toIndex(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? Math.floor(value)
      : null;
  }

  /** Read an LSP position. */
  export function toPosition(value: unknown): IPosition | null {
    if (!isRecord(value)) {
      return null;
    }
    const line = toIndex(value.line);
    const character = toIndex(value.character);
    return line === null || character === null ? null : { line, character };
  }

  /** Read one diagnostic, or null when it is malformed. */
  export function toDiagnostic(value: unknown): IPlotterDiagnostic | null {
    if (!isRecord(value) || !isRecord(value.range)) {
      return null;
    }
    const start = toPosition(value.range.start);
    const end = toPosition(value.range.end);
    if (!start || !end || typeof value.message !== 'string') {
      return null;
    }
    const severity =
      value.severity === Severity.Warning ? Severity.Warning : Severity.Error;
    const diagnostic: IPlotterDiagnostic = {
      range: { start, end },
      severity,
      message: value.message
    };
    if (typeof value.source === 'string') {
      diagnostic.source = value.source;
    }
    if (typeof value.code === 'string' || typeof value.code === 'number') {
      diagnostic.code = value.code;
    }
    return diagnostic;
  }

  /**
   * Clamp a position to existing lines and to the length of its line.
   *
   * A position inside a surrogate pair moves by `step` (-1 for a start,
   * +1 for an end) so the whole character stays covered.
   */
  export function clamp(
    position: IPosition,
    lines: string[],
    step: -1 | 1
  ): IPosition {
    const line = Math.min(position.line, lines.length - 1);
    const text = lines[line];
    let character = Math.min(position.character, text.length);
    if (character > 0 && isLowSurrogate(text, character)) {
      character += step;
    }
    return { line, character };
  }

  /** Index just after the character (code point) at `offset`. */
  export function nextBoundary(text: string, offset: number): number {
    return isHighSurrogate(text, offset) ? offset + 2 : offset + 1;
  }

  /** Index of the character (code point) that ends at `offset`. */
  export function previousBoundary(text: string, offset: number): number {
    return offset >= 2 && isLowSurrogate(text, offset - 1)
      ? offset - 2
      : offset - 1;
  }

  export function isHighSurrogate(text: string, index: number): boolean {
    const code = text.charCodeAt(index);
    return code >= 0xd800 && code <= 0xdbff;
  }

  export function isLowSurrogate(text: string, index: number): boolean {
    const code = text.charCodeAt(index);
    return code >= 0xdc00 && code <= 0xdfff;
  }
}
