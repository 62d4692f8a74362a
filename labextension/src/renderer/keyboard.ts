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

/**
 * Carry out the key of `event` on the plot. A key the plot uses goes no further (no
 * default action, no propagation); any other key, or one with Alt, Ctrl or Meta, is
 * left alone.
 */
export function handleKey(event: KeyboardEvent, actions: IKeyActions): void {
  if (event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  const { tracing, width, height } = actions;
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
      if (!tracing) {
        return;
      }
      actions.traceStop();
      break;
    default:
      return;
  }
  event.preventDefault();
  event.stopPropagation();
}
