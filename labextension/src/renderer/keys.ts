/**
 * Which keys the plot's controls take from JupyterLab. Each control takes only the
 * keys it uses; every other key (Ctrl+S, Shift+Enter, the notebook's command-mode
 * keys) reaches Lab's and Notebook 7's shortcuts as from anywhere in the notebook.
 *
 * Lumino skips its shortcuts for a key pressed in an element carrying
 * `data-lm-suppress-shortcuts`, and Notebook 7 reads keys on their way down (in the
 * capture phase), before the control sees them. So one listener on the window, ahead
 * of both, puts that attribute on the control for a key it uses and takes it off for
 * any other.
 */

/** Whether a control uses the key of `event`. */
export type KeyUse = (event: KeyboardEvent) => boolean;

const SUPPRESS = 'data-lm-suppress-shortcuts';

/** Keys a range input moves with. */
const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown'
]);

/** True when Ctrl, Alt or Meta is held: such keys are always Lab's. */
export function withModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.altKey || event.metaKey;
}

/** A slider uses the keys that move it. */
export const sliderKeys: KeyUse = event =>
  !withModifier(event) && !event.shiftKey && SLIDER_KEYS.has(event.key);

/** A button uses the keys that press it. */
export const buttonKeys: KeyUse = event =>
  !withModifier(event) &&
  !event.shiftKey &&
  (event.key === 'Enter' || event.key === ' ');

/** A text box uses what is typed into it (Shift+Enter still runs the cell). */
export const textKeys: KeyUse = event =>
  !withModifier(event) && !(event.key === 'Enter' && event.shiftKey);

/** Let `node` take the keys `uses` says it uses (and no other). */
export function ownKeys(node: Element, uses: KeyUse): void {
  Private.uses.set(node, uses);
  Private.listen();
}

namespace Private {
  export const uses = new WeakMap<Element, KeyUse>();

  let listening = false;

  /** Start the one window listener (once per page). */
  export function listen(): void {
    if (!listening) {
      listening = true;
      window.addEventListener('keydown', decide, true);
    }
  }

  /** Before any shortcut sees the key: does the focused control use it? */
  export function decide(event: KeyboardEvent): void {
    for (
      let node = event.target instanceof Element ? event.target : null;
      node;
      node = node.parentElement
    ) {
      const use = uses.get(node);
      if (use) {
        if (use(event)) {
          node.setAttribute(SUPPRESS, 'true');
        } else {
          node.removeAttribute(SUPPRESS);
        }
        return;
      }
    }
  }
}
