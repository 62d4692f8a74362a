/**
 * Helpers for the interactive plot tests: run a drawing cell, read the view a plot
 * shows, turn data coordinates into page pixels, and read the drawn path.
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { expect, Locator, Page } from '@playwright/test';

/** The view a plot shows (root data attributes) and its picture's place on the page. */
export interface IShownView {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The first live plot inside `scope`. */
export function plotIn(scope: Locator | Page): Locator {
  return scope.locator('.jp-PlotterView').first();
}

/**
 * Run cell `index` of the open notebook and wait for its live plot to be re-sampled
 * once; with `scroll`, bring the plot into view so that its boxes can be measured.
 */
export async function runPlot(
  page: IJupyterLabPageFixture,
  index = 0,
  options: { scroll?: boolean } = {}
): Promise<Locator> {
  await page.notebook.runCell(index);
  const output = (await page.notebook.getCellOutputLocator(index))!;
  const plot = plotIn(output);
  await expect(plot).toBeVisible();
  await waitForRedraw(plot);
  if (options.scroll) {
    await plot.scrollIntoViewIfNeeded();
  }
  return plot;
}

/** The view `plot` shows now. */
export async function shownView(plot: Locator): Promise<IShownView> {
  return plot.evaluate(node => {
    const data = (node as HTMLElement).dataset;
    const rect = node.querySelector('svg')!.getBoundingClientRect();
    return {
      x0: Number(data.x0),
      x1: Number(data.x1),
      y0: Number(data.y0),
      y1: Number(data.y1),
      left: rect.left,
      top: rect.top,
      width: rect.width,
      height: rect.height
    };
  });
}

/** Where the data point (x, y) of `view` is on the page. */
export function pagePoint(
  view: IShownView,
  x: number,
  y: number
): [number, number] {
  return [
    view.left + ((x - view.x0) / (view.x1 - view.x0)) * view.width,
    view.top + ((view.y1 - y) / (view.y1 - view.y0)) * view.height
  ];
}

/**
 * Wait until the picture is the kernel's sampling of the view shown: a scene drawn for
 * it, or one whose margin holds it at the same scale.
 */
export async function waitForRedraw(plot: Locator): Promise<void> {
  await expect(plot).toHaveAttribute('data-sampled', 'true');
}

/** A drawn curve: its path's vertices in data coordinates, and the view they were drawn for. */
export interface IDrawnCurve {
  d: string;
  points: Array<[number, number]>;
}

/** The vertices of the first curve path of `plot`, in data coordinates. */
export async function drawnCurve(
  plot: Locator,
  index = 0
): Promise<IDrawnCurve> {
  return plot.evaluate((node, k) => {
    const root = node as HTMLElement;
    const group = root.querySelector('.jp-PlotterView-items')!;
    const path = group.querySelectorAll('path.jp-PlotterView-curve')[k];
    const d = path.getAttribute('d') ?? '';
    const drawn = ['data-x0', 'data-x1', 'data-y0', 'data-y1'].map(a =>
      Number(group.getAttribute(a))
    );
    // Paths are drawn in the pixels of the view they were sampled for; the
    // group's transform only moves them while a new one is on its way.
    const width = Number(group.getAttribute('data-width'));
    const height = Number(group.getAttribute('data-height'));
    const points = Array.from(d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)).map(
      m => {
        const px = Number(m[1]);
        const py = Number(m[2]);
        return [
          drawn[0] + (px / width) * (drawn[1] - drawn[0]),
          drawn[3] - (py / height) * (drawn[3] - drawn[2])
        ] as [number, number];
      }
    );
    return { d, points };
  }, index);
}

/** How many of `points` lie inside the view. */
export function countInside(
  points: Array<[number, number]>,
  view: IShownView
): number {
  return points.filter(
    ([x, y]) => x >= view.x0 && x <= view.x1 && y >= view.y0 && y <= view.y1
  ).length;
}

/** Collect the page's console errors and uncaught exceptions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error') {
      const where = message.location();
      errors.push(`${message.text()} (${where.url}:${where.lineNumber})`);
    }
  });
  page.on('pageerror', error => errors.push(`${error}\n${error.stack}`));
  return errors;
}
