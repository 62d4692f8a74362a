/**
 * The picture shown instead of a live plot whose saved scene cannot be drawn: the
 * output's own PNG or SVG (the kernel sends them for other readers), as an image, so
 * nothing in it runs even in an untrusted notebook.
 */

import { DEFAULT_LIMITS } from '../core/limits';

/** Text of a MIME bundle entry: a string, or the lines of a multi-line string. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return value.join('');
  }
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A data URL of the bundle's PNG, else of its SVG, or null when it has neither (or
 * only one longer than `maxChars`, the largest output the kernel sends).
 */
export function fallbackPicture(
  bundle: Readonly<Record<string, unknown>>,
  maxChars: number = DEFAULT_LIMITS.maxOutputBytes
): string | null {
  const png = textOf(bundle['image/png']);
  if (png !== null && png.length <= maxChars) {
    const data = png.replace(/\s+/g, '');
    if (BASE64.test(data)) {
      return `data:image/png;base64,${data}`;
    }
  }
  const svg = textOf(bundle['image/svg+xml']);
  if (svg !== null && svg.length <= maxChars && svg.includes('<svg')) {
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }
  return null;
}

/** The note under a saved plot that is not drawn live. */
export function fallbackNote(problem: string): string {
  return `This saved plot cannot be drawn live: ${problem}. Re-run the cell to draw it again.`;
}

/**
 * What stands for a saved plot of `bundle` that cannot be drawn live because of
 * `problem`: its own picture, if any, and a note saying to re-run the cell.
 */
export function fallbackBox(
  bundle: Readonly<Record<string, unknown>>,
  problem: string | null
): HTMLDivElement {
  const box = document.createElement('div');
  box.className = 'jp-PlotterView-fallback';
  const src = fallbackPicture(bundle);
  if (src !== null) {
    const img = document.createElement('img');
    img.src = src;
    img.alt = altText(bundle);
    box.append(img);
  }
  const note = document.createElement('div');
  note.className = 'jp-PlotterView-fallback-note';
  note.textContent = fallbackNote(problem ?? 'it cannot be read');
  box.append(note);
  return box;
}

/** The alternative text of a fallback picture: the output's plain text, if any. */
function altText(bundle: Readonly<Record<string, unknown>>): string {
  const text = bundle['text/plain'];
  return typeof text === 'string' ? text.slice(0, 500) : 'A saved plot';
}
