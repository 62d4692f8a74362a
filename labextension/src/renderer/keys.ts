/** Keyboard shortcuts of JupyterLab kept out of the plot's own controls. */

/**
 * Keys pressed on `node` are its own. Lumino skips a shortcut at the first element
 * with this attribute on the way up from the focused one, but a notebook shortcut whose
 * selector ends in `:focus` matches the focused control itself: so each control of the
 * plot carries it, not only the plot.
 */
export function ownKeys(node: Element): void {
  node.setAttribute('data-lm-suppress-shortcuts', 'true');
}
