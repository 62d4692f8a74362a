/**
 * The audio trace on Web Audio: a tone whose pitch follows y, panned with x, with a soft
 * noise under it while y < 0 and silence in the gaps. The tones come from `audio.ts`.
 */

import type { ITone } from './audio';

/** Plays tone tracks; the audio context is made by the first click that plays one. */
export class AudioTrace {
  /** Whether a track is playing. */
  get playing(): boolean {
    return this._stop !== null;
  }

  /**
   * Play `tones` over `seconds`; `ended` is called when it ends or is stopped. Call it
   * from a click: browsers only start sound on a user's gesture.
   */
  play(tones: readonly ITone[], seconds: number, ended: () => void): void {
    this.stop();
    const Context =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext })
        .webkitAudioContext;
    if (!Context || tones.length === 0) {
      ended();
      return;
    }
    const context = (this._context ??= new Context());
    void context.resume();
    const start = context.currentTime + 0.05;
    const end = start + seconds;

    const panner = context.createStereoPanner();
    panner.connect(context.destination);
    const tone = context.createOscillator();
    tone.type = 'triangle';
    const toneGain = context.createGain();
    toneGain.gain.value = 0;
    tone.connect(toneGain).connect(panner);
    const noise = context.createBufferSource();
    noise.buffer = Private.noiseBuffer(context);
    noise.loop = true;
    const filter = context.createBiquadFilter();
    filter.type = 'lowpass';
    filter.frequency.value = 1500;
    const noiseGain = context.createGain();
    noiseGain.gain.value = 0;
    noise.connect(filter).connect(noiseGain).connect(panner);

    for (const t of tones) {
      const at = start + t.time;
      tone.frequency.setValueAtTime(t.frequency, at);
      if (Number.isFinite(t.pan)) {
        panner.pan.setValueAtTime(t.pan, at);
      }
      // A short glide instead of a jump: no click when a gap starts or ends.
      toneGain.gain.setTargetAtTime(t.gain, at, 0.008);
      noiseGain.gain.setTargetAtTime(t.noise, at, 0.008);
    }
    toneGain.gain.setTargetAtTime(0, end, 0.02);
    noiseGain.gain.setTargetAtTime(0, end, 0.02);
    tone.start(start);
    noise.start(start);
    tone.stop(end + 0.15);
    noise.stop(end + 0.15);

    let done = false;
    const finish = () => {
      if (done) {
        return;
      }
      done = true;
      this._stop = null;
      panner.disconnect();
      ended();
    };
    tone.onended = finish;
    this._stop = () => {
      try {
        tone.stop();
        noise.stop();
      } catch {
        // Already stopped.
      }
      finish();
    };
  }

  /** Stop what plays now, if anything. */
  stop(): void {
    this._stop?.();
  }

  /** Stop and let the audio context go. */
  dispose(): void {
    this.stop();
    void this._context?.close().catch(() => undefined);
    this._context = null;
  }

  private _context: AudioContext | null = null;
  private _stop: (() => void) | null = null;
}

namespace Private {
  /** One second of white noise, looped under the tone while y < 0. */
  export function noiseBuffer(context: BaseAudioContext): AudioBuffer {
    const buffer = context.createBuffer(
      1,
      context.sampleRate,
      context.sampleRate
    );
    const data = buffer.getChannelData(0);
    for (let i = 0; i < data.length; i++) {
      data[i] = Math.random() * 2 - 1;
    }
    return buffer;
  }
}
