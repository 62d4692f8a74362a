/**
 * One parameter's slider under the plot: the range input labelled with the name, the
 * value, editable min, max and step, and a play button that sweeps the range.
 */

import { buttonKeys, ownKeys, sliderKeys, textKeys } from './keys';
import {
  formatValue,
  IParam,
  IPlayState,
  parseBound,
  playStep,
  snap,
  withRange
} from './sliders';

/** Milliseconds between two frames of the play animation. */
export const PLAY_INTERVAL = 40;

let nextId = 0;

/** The slider of one parameter; `changed` hears every new value or range. */
export class Slider {
  constructor(param: IParam, changed: (param: IParam) => void) {
    this._param = param;
    this._changed = changed;
    const id = `jp-PlotterView-slider-${++nextId}`;
    const node = (this.node = document.createElement('div'));
    node.className = 'jp-PlotterView-slider';
    node.dataset.name = param.name;

    const label = document.createElement('label');
    label.className = 'jp-PlotterView-name';
    label.htmlFor = id;
    label.textContent = param.name;

    const range = (this._range = document.createElement('input'));
    range.type = 'range';
    range.id = id;
    ownKeys(range, sliderKeys);
    range.addEventListener('input', () => {
      this._set(Number(range.value));
    });

    this._output = document.createElement('output');
    this._output.className = 'jp-PlotterView-value';
    this._output.htmlFor.add(id);

    this._min = this._box('min', `${param.name}: smallest value`);
    this._max = this._box('max', `${param.name}: largest value`);
    this._step = this._box('step', `${param.name}: step`);

    const play = (this._play = document.createElement('button'));
    play.type = 'button';
    play.className = 'jp-PlotterView-play jp-PlotterView-button';
    play.setAttribute('aria-label', `Play ${param.name}`);
    play.setAttribute('aria-pressed', 'false');
    play.title = `Play: sweep ${param.name} back and forth`;
    play.textContent = '\u25b6';
    play.addEventListener('click', () => this.toggle());
    ownKeys(play, buttonKeys);

    const bounds = document.createElement('span');
    bounds.className = 'jp-PlotterView-bounds';
    bounds.append('from ', this._min, ' to ', this._max, ' step ', this._step);

    node.append(play, label, range, this._output, bounds);
    this._show();
  }

  /** The slider's element. */
  readonly node: HTMLDivElement;

  /** The parameter as the slider has it now. */
  get param(): IParam {
    return this._param;
  }

  /** Whether the play animation runs. */
  get playing(): boolean {
    return this._timer !== null;
  }

  /**
   * Show `value` (already on the slider's grid), as a dragged point sets it; the
   * animation stops and `changed` is not called. False when the value stays.
   */
  setValue(value: number): boolean {
    if (value === this._param.value) {
      return false;
    }
    this.stop();
    this._param = { ...this._param, value };
    this._show();
    return true;
  }

  /** Start or stop the play animation. */
  toggle(): void {
    if (this._timer !== null) {
      this.stop();
      return;
    }
    this._playState = { value: this._param.value, direction: 1 };
    this._timer = setInterval(() => {
      this._playState = playStep(this._param, this._playState);
      this._set(this._playState.value, false);
    }, PLAY_INTERVAL);
    this._play.setAttribute('aria-pressed', 'true');
    this._play.textContent = '\u23f8';
  }

  /** Stop the play animation. */
  stop(): void {
    if (this._timer !== null) {
      clearInterval(this._timer);
      this._timer = null;
    }
    this._play.setAttribute('aria-pressed', 'false');
    this._play.textContent = '\u25b6';
  }

  dispose(): void {
    this.stop();
  }

  private _box(which: 'min' | 'max' | 'step', label: string): HTMLInputElement {
    const box = document.createElement('input');
    box.type = 'text';
    box.inputMode = 'decimal';
    box.className = `jp-PlotterView-${which}`;
    box.setAttribute('aria-label', label);
    box.size = 5;
    ownKeys(box, textKeys);
    box.addEventListener('change', () => this._edit(which, box.value));
    box.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        this._edit(which, box.value);
      }
    });
    return box;
  }

  /** A range box was edited: take the number if it makes a range, else show the old. */
  private _edit(which: 'min' | 'max' | 'step', text: string): void {
    const value = parseBound(text);
    const p = this._param;
    let next: IParam | null = null;
    if (value !== null) {
      if (which === 'step') {
        next =
          value > 0 && value <= p.max - p.min ? { ...p, step: value } : null;
      } else {
        next = withRange(
          p,
          which === 'min' ? value : p.min,
          which === 'max' ? value : p.max
        );
      }
    }
    if (next) {
      const moved = next.value !== p.value;
      this._param = next;
      this._show();
      if (moved) {
        this._changed(this._param);
      }
    } else {
      this._show();
    }
  }

  /** A new value from the range input (snapped) or the play animation (as is). */
  private _set(value: number, snapped = true): void {
    const next = snapped ? snap(this._param, value) : value;
    if (next === this._param.value) {
      return;
    }
    this._param = { ...this._param, value: next };
    this._show();
    this._changed(this._param);
  }

  private _show(): void {
    const p = this._param;
    this._range.min = String(p.min);
    this._range.max = String(p.max);
    this._range.step = String(p.step);
    this._range.value = String(p.value);
    this._range.setAttribute(
      'aria-valuetext',
      `${p.name} = ${formatValue(p.value, p.step)}`
    );
    this._output.textContent = formatValue(p.value, p.step);
    this._min.value = String(p.min);
    this._max.value = String(p.max);
    this._step.value = String(p.step);
  }

  private _param: IParam;
  private _changed: (param: IParam) => void;
  private _range: HTMLInputElement;
  private _output: HTMLOutputElement;
  private _min: HTMLInputElement;
  private _max: HTMLInputElement;
  private _step: HTMLInputElement;
  private _play: HTMLButtonElement;
  private _timer: ReturnType<typeof setInterval> | null = null;
  private _playState: IPlayState = { value: 0, direction: 1 };
}
