/**
 * What one drawing output carries: the SVG, the description and the scene v2, within
 * `maxOutputBytes` (a port of the Python kernel's `render/display.py`, without the PNG
 * the browser cannot make).
 */

import protocol from '../protocol.json';
import type { Scene } from '../types';

/** MIME type of the scene v2 that the interactive plot renders. */
export const SCENE_MIME = protocol.sceneMimeType;

/** Longest text/plain description (a cell may hold many long statements). */
export const DESCRIPTION_CHARS = protocol.descriptionChars;

/** Bytes kept for the text description, the metadata and the message's own keys. */
export const TEXT_BYTES = protocol.textBytes;

/** Code of the warning about something left out of an output for its size. */
export const TOO_BIG = protocol.tooBigCode;

/** The data of one output, and the warnings (`[code, message]`) about what was left out. */
export interface IDisplay {
  data: Record<string, unknown>;
  warnings: Array<[string, string]>;
}

/**
 * The data of one output showing `scene`: its SVG while the output stays within
 * `maxBytes`, the description as text/plain, and the scene.
 */
export function display(
  scene: Scene,
  svg: string | null,
  maxBytes: number
): IDisplay {
  const warnings: Array<[string, string]> = [];
  const data: Record<string, unknown> = {};
  const room = maxBytes - TEXT_BYTES;
  const used = JSON.stringify(scene).length;
  if (svg) {
    if (used + svg.length > room) {
      warnings.push([
        TOO_BIG,
        `The SVG copy was left out: ${overLimit(maxBytes)}.`
      ]);
    } else {
      data['image/svg+xml'] = svg;
    }
  }
  const text = scene.description ?? '';
  data['text/plain'] =
    text.length <= DESCRIPTION_CHARS
      ? text
      : text.slice(0, DESCRIPTION_CHARS) + '…';
  data[SCENE_MIME] = scene;
  return { data, warnings };
}

function overLimit(maxBytes: number): string {
  const size =
    maxBytes >= 1_000_000 ? `${maxBytes / 1e6} MB` : `${maxBytes / 1000} kB`;
  return `this output would be larger than ${size}`;
}
