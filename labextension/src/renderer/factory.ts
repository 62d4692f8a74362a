/**
 * The renderer factory of scene v2 outputs. It ranks below JupyterLab's PNG and SVG
 * renderers, so it wins, and it is safe, so untrusted notebooks show it too.
 */

import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';

import { KernelGetter, PlotterView, SCENE_MIME } from './widget';

/** Rank of the factory: below PNG (90) and SVG (80), so the live plot is preferred. */
export const RENDERER_RANK = 40;

/**
 * A factory of live plots whose kernel is found by `kernel` when a plot asks for a
 * new view (a notebook's kernel can start, restart or change after the output shows).
 * With `() => null`, plots only transform and say to re-run.
 */
export function plotRendererFactory(
  kernel: KernelGetter
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [SCENE_MIME],
    defaultRank: RENDERER_RANK,
    createRenderer: options =>
      new PlotterView({ mimeType: options.mimeType, kernel })
  };
}
