/**
 * The plot's keys: + and − zoom, the arrows pan (or, while tracing, step along the
 * curve and switch curves), T starts and stops the keyboard trace, Escape stops it.
 * Which key does what is decided here; the widget carries the actions out.
 */

/** Fraction of the view an arrow key pans. */
export const PAN_STEP = 0.1;

/** What the keys can do to a plot. */
export interface IKeyActions {
  /** Whether the keyboard trace is on (the arrows then move it). */
  tracing: boolean;
  /** The pixel size of the view shown (the arrows pan a fraction of it). */
  width: number;
  height: number;
  zoomIn(): void;
  zoomOut(): void;
  /** Move the picture by (dx, dy) pixels. */
  pan(dx: number, dy: number): void;
  traceStart(): void;
  traceStop(): void;
  /** Step the trace along its curve. */
  traceMove(direction: 1 | -1): void;
  /** Move the trace to the previous or next curve. */
  traceSwitch(direction: 1 | -1): void;
}

/** The keys the plot uses, besides Escape while tracing. */
const PLOT_KEYS = new Set([
  '+',
  '=',
  '-',
  '_',
  '\u2212',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  't',
  'T'
]);

/** Whether the plot uses the key of `event`; one with Alt, Ctrl or Meta it never does. */
export function plotUsesKey(
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  tracing: boolean
): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) {
    return false;
  }
  return PLOT_KEYS.has(event.key) || (tracing && event.key === 'Escape');
}

/**
 * Carry out the key of `event` on the plot. A key the plot uses goes no further (no
 * default action, no propagation); any other key is left alone.
 */
export function handleKey(event: KeyboardEvent, actions: IKeyActions): void {
  const { tracing, width, height } = actions;
  if (!plotUsesKey(event, tracing)) {
    return;
  }
  switch (event.key) {
    case '+':
    case '=':
      actions.zoomIn();
      break;
    case '-':
    case '_':
    case '\u2212':
      actions.zoomOut();
      break;
    case 'ArrowLeft':
      tracing ? actions.traceMove(-1) : actions.pan(width * PAN_STEP, 0);
      break;
    case 'ArrowRight':
      tracing ? actions.traceMove(1) : actions.pan(-width * PAN_STEP, 0);
      break;
    case 'ArrowUp':
      tracing ? actions.traceSwitch(-1) : actions.pan(0, height * PAN_STEP);
      break;
    case 'ArrowDown':
      tracing ? actions.traceSwitch(1) : actions.pan(0, -height * PAN_STEP);
      break;
    case 't':
    case 'T':
      tracing ? actions.traceStop() : actions.traceStart();
      break;
    case 'Escape':
      actions.traceStop();
      break;
  }
  event.preventDefault();
  event.stopPropagation();
}
