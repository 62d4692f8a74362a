/**
 * What the plot says to those who do not see it: the polite live read-out under the
 * plot (the trace's coordinates, the points of interest found, what plays), and the
 * audio trace of a curve, started and stopped by the toolbar's audio button.
 */

import type { Item } from '../core/types';
import { toneTrack } from './audio';
import { AudioTrace } from './player';
import { alongOf, traceable, traceTrack } from './trace';
import type { ITraceScene } from './tracing';

/** Length of the audio trace, in seconds, and its tones. */
const AUDIO_SECONDS = 3;
const AUDIO_TONES = 240;

/** The read-out of one plot and its audio trace. */
export class Announcer {
  /** `audioButton` is the toolbar's: its `aria-pressed` follows the sound. */
  constructor(audioButton: HTMLButtonElement) {
    this._audioButton = audioButton;
    this.node = document.createElement('div');
    this.node.className = 'jp-PlotterView-readout';
    this.node.setAttribute('aria-live', 'polite');
    this.node.setAttribute('role', 'status');
  }

  /** The read-out, to go under the plot. */
  readonly node: HTMLDivElement;

  /** Put `text` in the read-out. */
  say(text: string): void {
    this.node.textContent = text;
  }

  /** Say how many points of interest were found on `item` (if it is still drawn). */
  sayFeatures(item: Item | undefined, found: number): void {
    if (!item) {
      return;
    }
    this.say(
      found === 0
        ? `${item.label}: no zeros, extrema or intersections in view.`
        : `${item.label}: ${found} point${found === 1 ? '' : 's'} of interest.`
    );
  }

  /**
   * Stop the sound, or play the curve `preferred` (the keyboard trace's), else the
   * first curve, across the view shown.
   */
  toggleAudio(scene: ITraceScene, preferred: string | null): void {
    const player = this._player;
    if (player.playing) {
      player.stop();
      return;
    }
    const curves = traceable(scene.items);
    const item =
      (preferred !== null && curves.find(i => i.id === preferred)) || curves[0];
    if (!item) {
      this.say('There is no curve to play in this plot.');
      return;
    }
    const along = alongOf(item, scene.program);
    const { xs, ys } = traceTrack(item, along, scene.view, AUDIO_TONES);
    const tones = toneTrack(xs, ys, scene.view, AUDIO_SECONDS);
    const playing = `Playing ${item.label}.`;
    this._audioButton.setAttribute('aria-pressed', 'true');
    this.say(playing);
    player.play(tones, AUDIO_SECONDS, () => {
      this._audioButton.setAttribute('aria-pressed', 'false');
      // The sound is over: unless something else was said since, say nothing
      if (this.node.textContent === playing) {
        this.say('');
      }
    });
  }

  dispose(): void {
    this._player.dispose();
  }

  private _audioButton: HTMLButtonElement;
  private _player = new AudioTrace();
}
