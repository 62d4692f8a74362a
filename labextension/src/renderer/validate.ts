/**
 * What a scene v2 must hold before the live plot draws it: the types of
 * `language/scene.schema.json` for everything drawn, finite numbers, and no more data
 * than the kernel ever sends (`max_output_bytes`). A notebook can hold anything: a
 * saved output is data to check, not to trust.
 */

import { DEFAULT_LIMITS } from '../core/limits';
import type { Scene } from '../core/types';

/** Widest or tallest plot a scene may ask for, in CSS pixels. */
export const MAX_PIXELS = 10_000;

/**
 * The fewest JSON characters each part read takes (`[0,0],` for a point), so the
 * count of what was read is a lower bound on the scene's size, whatever its numbers.
 */
const CHARS = { point: 6, item: 80, param: 50, statement: 10 };

/** A scene fit to draw, or why it is not. */
export type SceneCheck =
  { scene: Scene; problem: null } | { scene: null; problem: string };

/**
 * Check `data` (an output's scene v2) before drawing it. `maxChars` is the largest
 * output the kernel sends: a scene whose parts read so far surely take more JSON than
 * that is refused at once, so the check costs at most what a scene of that size does.
 * Keys the plot never reads are not looked at.
 */
export function readScene(
  data: unknown,
  maxChars: number = DEFAULT_LIMITS.maxOutputBytes
): SceneCheck {
  const problem = new Private.Reader(maxChars).sceneProblem(data);
  return problem === null
    ? { scene: data as Scene, problem: null }
    : { scene: null, problem };
}

namespace Private {
  type Obj = Record<string, unknown>;

  export function isObject(v: unknown): v is Obj {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  export function isNumber(v: unknown): v is number {
    return typeof v === 'number' && Number.isFinite(v);
  }

  export function isIndex(v: unknown): boolean {
    return isNumber(v) && Number.isInteger(v) && v >= 0;
  }

  /** A point's `drag`: `x`, `y` or both, each a slider's name, and nothing else. */
  export function dragOk(v: unknown): boolean {
    if (!isObject(v)) {
      return false;
    }
    const keys = Object.keys(v);
    return (
      keys.length > 0 &&
      keys.every(
        k => (k === 'x' || k === 'y') && typeof v[k] === 'string' && v[k] !== ''
      )
    );
  }

  const KINDS = new Set(['curve', 'point', 'region']);
  const COLOR = /^#[0-9a-fA-F]{6}$/;
  /** The polylines each kind requires (any other present is checked too). */
  const REQUIRED: Record<string, string> = {
    curve: 'segments',
    region: 'polygons'
  };

  /** Reads one scene, counting the JSON characters it must at least take. */
  export class Reader {
    constructor(maxChars: number) {
      this._left = maxChars;
      this._tooBig = `it holds more data than a cell's output may (${
        Math.round(maxChars / 1e5) / 10
      } MB)`;
    }

    /** Why `data` is not a scene v2 fit to draw, or null. */
    sceneProblem(data: unknown): string | null {
      if (!isObject(data)) {
        return 'it is not a scene';
      }
      if (data.version !== 2) {
        return 'its version is not 2';
      }
      if (data.description !== undefined) {
        if (typeof data.description !== 'string') {
          return 'its description is not text';
        }
        if (!this._spend(data.description.length)) {
          return this._tooBig;
        }
      }
      return (
        this._viewProblem(data.view) ??
        this._listProblem(data.items, 'items', CHARS.item, (e, at) =>
          this._itemProblem(e, at)
        ) ??
        (data.params === undefined
          ? null
          : this._listProblem(data.params, 'params', CHARS.param, (e, at) =>
              this._paramProblem(e, at)
            )) ??
        this._programProblem(data.program)
      );
    }

    /** Count `chars` more; false once the scene is surely too big. */
    private _spend(chars: number): boolean {
      this._left -= chars;
      return this._left >= 0;
    }

    private _viewProblem(view: unknown): string | null {
      if (!isObject(view)) {
        return 'its view is missing';
      }
      for (const axis of ['x', 'y']) {
        const r = view[axis];
        if (
          !Array.isArray(r) ||
          r.length !== 2 ||
          !isNumber(r[0]) ||
          !isNumber(r[1]) ||
          !(r[0] < r[1])
        ) {
          return `view.${axis} is not a range of two finite numbers`;
        }
      }
      for (const side of ['width', 'height']) {
        const n = view[side];
        if (!isIndex(n) || (n as number) < 1 || (n as number) > MAX_PIXELS) {
          return `view.${side} is not a whole number of pixels from 1 to ${MAX_PIXELS}`;
        }
      }
      return typeof view.equal === 'boolean'
        ? null
        : 'view.equal is not true or false';
    }

    /** The first problem of the entries of the list `v`, located as `name[k]`. */
    private _listProblem(
      v: unknown,
      name: string,
      chars: number,
      entry: (e: unknown, at: string) => string | null
    ): string | null {
      if (!Array.isArray(v)) {
        return `${name} is not a list`;
      }
      if (!this._spend(v.length * chars)) {
        return this._tooBig;
      }
      for (let k = 0; k < v.length; k++) {
        const problem = entry(v[k], `${name}[${k}]`);
        if (problem !== null) {
          return problem;
        }
      }
      return null;
    }

    private _itemProblem(item: unknown, at: string): string | null {
      if (!isObject(item)) {
        return `${at} is not an item`;
      }
      if (!KINDS.has(item.kind as string)) {
        return `${at}.kind is not curve, point or region`;
      }
      if (typeof item.id !== 'string' || typeof item.label !== 'string') {
        return `${at} has no text id or label`;
      }
      if (!this._spend(item.id.length + item.label.length)) {
        return this._tooBig;
      }
      if (!isIndex(item.line)) {
        return `${at}.line is not a line number`;
      }
      if (typeof item.color !== 'string' || !COLOR.test(item.color)) {
        return `${at}.color is not a colour like #1f77b4`;
      }
      const style = item.style;
      if (
        !isObject(style) ||
        typeof style.dash !== 'boolean' ||
        typeof style.fill !== 'boolean'
      ) {
        return `${at}.style is not a dash and fill style`;
      }
      for (const key of ['segments', 'polygons', 'boundary']) {
        if (item[key] !== undefined || REQUIRED[item.kind as string] === key) {
          const problem = this._polylinesProblem(item[key], `${at}.${key}`);
          if (problem !== null) {
            return problem;
          }
        }
      }
      for (const key of ['x', 'y']) {
        if (
          (item[key] !== undefined || item.kind === 'point') &&
          !isNumber(item[key])
        ) {
          return `${at}.${key} is not a finite number`;
        }
      }
      if (item.drag !== undefined && !dragOk(item.drag)) {
        return `${at}.drag is not the names of the sliders it moves`;
      }
      return this._statisticsProblem(item, at);
    }

    /** A histogram's bars, a boxplot's numbers, a dot's count: what the trace reads. */
    private _statisticsProblem(item: Obj, at: string): string | null {
      const count = (v: unknown) => isIndex(v);
      if (item.bars !== undefined) {
        if (!Array.isArray(item.bars)) {
          return `${at}.bars is not a list of bars`;
        }
        if (!this._spend(item.bars.length * 3 * CHARS.point)) {
          return this._tooBig;
        }
        const bad = item.bars.findIndex(
          b =>
            !isObject(b) ||
            !isNumber(b.from) ||
            !isNumber(b.to) ||
            !count(b.count)
        );
        if (bad >= 0) {
          return `${at}.bars[${bad}] is not a bar (from, to, count)`;
        }
      }
      if (item.box !== undefined) {
        const box = item.box;
        const keys = ['min', 'q1', 'median', 'q3', 'max'];
        if (
          !isObject(box) ||
          !keys.every(k => isNumber(box[k])) ||
          !count(box.count)
        ) {
          return `${at}.box is not five numbers and a count`;
        }
      }
      if (item.count !== undefined && !count(item.count)) {
        return `${at}.count is not a count`;
      }
      return null;
    }

    /** Lists of points, each point two finite numbers. */
    private _polylinesProblem(v: unknown, at: string): string | null {
      if (!Array.isArray(v)) {
        return `${at} is not a list of polylines`;
      }
      for (let k = 0; k < v.length; k++) {
        const line = v[k];
        if (!Array.isArray(line)) {
          return `${at}[${k}] is not a polyline`;
        }
        // Counted before the points are read: an oversized line is not walked.
        if (!this._spend(2 + line.length * CHARS.point)) {
          return this._tooBig;
        }
        for (let j = 0; j < line.length; j++) {
          const p = line[j];
          if (
            !Array.isArray(p) ||
            p.length !== 2 ||
            !isNumber(p[0]) ||
            !isNumber(p[1])
          ) {
            return `${at}[${k}][${j}] is not a point of two finite numbers`;
          }
        }
      }
      return null;
    }

    private _paramProblem(param: unknown, at: string): string | null {
      if (!isObject(param) || typeof param.name !== 'string') {
        return `${at} is not a named parameter`;
      }
      if (!this._spend(param.name.length)) {
        return this._tooBig;
      }
      const { value, min, max, step, line } = param;
      if (value !== null && !isNumber(value)) {
        return `${at}.value is not a finite number`;
      }
      if (!isNumber(min) || !isNumber(max) || !isNumber(step) || !(step > 0)) {
        return `${at} has no finite min, max and step`;
      }
      if (line !== null && !isIndex(line)) {
        return `${at}.line is not a line number`;
      }
      return null;
    }

    /** The program is read only to find how a curve is traced: its statements. */
    private _programProblem(program: unknown): string | null {
      if (program === undefined) {
        return null;
      }
      if (!isObject(program) || !Array.isArray(program.statements)) {
        return 'its program has no list of statements';
      }
      return this._listProblem(
        program.statements,
        'program.statements',
        CHARS.statement,
        (s, at) =>
          isObject(s) && typeof s.id === 'string' && typeof s.kind === 'string'
            ? null
            : `${at} has no text id and kind`
      );
    }

    private _left: number;
    private _tooBig: string;
  }
}
