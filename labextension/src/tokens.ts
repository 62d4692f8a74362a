/**
 * Shared names and the kernel <-> frontend diagnostics contract.
 *
 * The Plotter kernel attaches a `diagnostics` list to the content of its
 * `execute_reply` and of its iopub `error` message. Each entry has the shape
 * of an LSP `Diagnostic`: lines are 0-based within the cell and characters
 * count UTF-16 code units, which is exactly a JavaScript string index.
 */

import protocol from './core/protocol.json';

/** Key of the diagnostics list in `execute_reply` and iopub `error` content. */
export const DIAGNOSTICS_KEY = 'diagnostics';

/** Value of the `source` field of every diagnostic sent by the kernel. */
export const DIAGNOSTIC_SOURCE = protocol.diagnosticSource;

/** Name of the Plotter kernel spec and of its language. */
export const KERNEL_NAME = protocol.kernelName;

/** MIME type of Plotter source text. */
export const PLOTTER_MIME = protocol.languageInfo.mimetype;

/** File extension of Plotter source files, without the dot. */
export const PLOTTER_EXTENSION = protocol.languageInfo.file_extension.slice(1);

/** Starter cell of a new Graphing Calculator notebook: a parameter, then a curve using it. */
export const STARTER_SOURCE = 'a = 2\ny = a sin(x)';

/** Command ids contributed by this package. */
export namespace CommandIDs {
  /** Open a new notebook on the Plotter kernel with a starter cell. */
  export const newCalculator = 'plotter:new-calculator';
}

/** LSP diagnostic severities used by the kernel. */
export enum Severity {
  Error = 1,
  Warning = 2
}

/** A position in a cell: 0-based line, UTF-16 code unit offset in the line. */
export interface IPosition {
  /** 0-based line within the cell. */
  line: number;
  /** Offset in the line, in UTF-16 code units. */
  character: number;
}

/** A half-open range in a cell. */
export interface IRange {
  /** First position covered. */
  start: IPosition;
  /** Position just after the last one covered. */
  end: IPosition;
}

/** One problem reported by the kernel for a cell (LSP `Diagnostic` shape). */
export interface IPlotterDiagnostic {
  /** Where the problem is in the cell source. */
  range: IRange;
  /** 1 for an error, 2 for a warning. */
  severity: Severity;
  /** Short sentence shown to the student. */
  message: string;
  /** Always `plotter` for this kernel. */
  source?: string;
  /** Machine-readable problem code. */
  code?: string | number;
}

/**
 * A diagnostic resolved against an editor document: absolute offsets,
 * ready to become a CodeMirror decoration.
 */
export interface IEditorMark {
  /** Start offset in the document (inclusive). */
  from: number;
  /** End offset in the document (exclusive); `from < to` unless the line is empty. */
  to: number;
  /** 0-based line of `from`. */
  line: number;
  /** 1 for an error, 2 for a warning. */
  severity: Severity;
  /** Message shown on hover. */
  message: string;
}
