/**
 * A readable picture (SPEC §9), measured in the page: every text box of a plot (tick
 * labels, points of interest, the trace, the legend) and the toolbar are clear of each
 * other and inside the plot; each axis shows at least four labels, after a pan too; a
 * window the cell sets is the window shown; slider boxes use the theme's UI font size.
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';

import { openPlotterNotebook } from './helpers';
import { pagePoint, runPlot, shownView, waitForRedraw } from './plots';

/** A named box on the page. */
interface IBox {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Every text box shown over the plot (a label hidden under the trace's is not), the
 * legend box and the toolbar; and the plot's.
 */
async function textBoxes(
  plot: Locator
): Promise<{ plot: IBox; boxes: IBox[] }> {
  return plot.evaluate(node => {
    const box = (name: string, e: Element) => {
      const r = e.getBoundingClientRect();
      return {
        name,
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom
      };
    };
    const svg = node.querySelector('svg.jp-PlotterView-svg')!;
    const boxes = [
      ...Array.from(
        svg.querySelectorAll(
          '.jp-PlotterView-labels text, .jp-PlotterView-feature text, .jp-PlotterView-trace text'
        )
      )
        .filter(e => getComputedStyle(e).visibility !== 'hidden')
        .map(e => box(e.textContent ?? '', e)),
      ...Array.from(svg.querySelectorAll('.jp-PlotterView-legend-box')).map(e =>
        box('legend', e)
      ),
      box('toolbar', node.querySelector('.jp-PlotterView-toolbar')!)
    ];
    return { plot: box('plot', svg), boxes };
  });
}

/** The pairs of boxes that overlap (by more than half a pixel), and the boxes cut. */
function clashes(all: { plot: IBox; boxes: IBox[] }): string[] {
  const out: string[] = [];
  const { plot, boxes } = all;
  const slack = 0.5;
  boxes.forEach((a, i) => {
    if (
      a.left < plot.left - slack ||
      a.top < plot.top - slack ||
      a.right > plot.right + slack ||
      a.bottom > plot.bottom + slack
    ) {
      out.push(`${a.name} is cut at the edge`);
    }
    boxes.slice(i + 1).forEach(b => {
      const apart =
        a.right <= b.left + slack ||
        b.right <= a.left + slack ||
        a.bottom <= b.top + slack ||
        b.bottom <= a.top + slack;
      if (!apart) {
        out.push(`${a.name} overlaps ${b.name}`);
      }
    });
  });
  return out;
}

/** The tick labels shown along x (centred under their ticks) and along y. */
async function tickCounts(plot: Locator): Promise<{ x: number; y: number }> {
  return plot.evaluate(node => {
    const texts = Array.from(
      node.querySelectorAll('.jp-PlotterView-labels text')
    );
    const x = texts.filter(t => t.getAttribute('text-anchor') === 'middle');
    return { x: x.length, y: texts.length - x.length };
  });
}

test('points of interest, ticks, legend, trace and toolbar never overlap', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'labels.ipynb', [
    'y = sin(x)',
    'y = x^3 - 3x'
  ]);
  for (const [index, f] of [
    [0, Math.sin],
    [1, (x: number) => x ** 3 - 3 * x]
  ] as const) {
    const plot = await runPlot(page, index, { scroll: true });
    const view = await shownView(plot);
    // When the student clicks the curve and then hovers over a point of interest
    await page.mouse.click(...pagePoint(view, 0.5, f(0.5)));
    const features = plot.locator('.jp-PlotterView-feature');
    await expect(features.first()).toBeVisible();
    expect(await features.count()).toBeGreaterThan(2);
    await page.mouse.move(...pagePoint(view, 1, f(1)));
    await expect(plot.locator('.jp-PlotterView-trace text')).toHaveCount(1);
    // The trace's label comes first: whole, never cut to an ellipsis
    await expect(plot.locator('.jp-PlotterView-trace text')).toHaveText(
      /^\(.+, .+\)$/
    );

    // Then no text box overlaps another, the legend or the toolbar, and none is cut
    const all = await textBoxes(plot);
    expect(all.boxes.length).toBeGreaterThan(10);
    expect(clashes(all)).toEqual([]);
  }
});

test('each axis shows at least four labels, after a pan too', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'ticks.ipynb', ['y = 2cos(x) + 1']);
  const plot = await runPlot(page, 0, { scroll: true });
  let counts = await tickCounts(plot);
  expect(counts.x).toBeGreaterThanOrEqual(4);
  expect(counts.y).toBeGreaterThanOrEqual(4);

  // When the student drags the plot up and to the left
  const view = await shownView(plot);
  const [fromX, fromY] = pagePoint(view, 0, 0);
  const [toX, toY] = pagePoint(view, -6.3, 2.2);
  await page.mouse.move(fromX, fromY);
  await page.mouse.down();
  await page.mouse.move(toX, toY, { steps: 8 });
  await page.mouse.up();
  await waitForRedraw(plot);

  // Then both axes still show four labels or more, clear of each other
  counts = await tickCounts(plot);
  expect(counts.x).toBeGreaterThanOrEqual(4);
  expect(counts.y).toBeGreaterThanOrEqual(4);
  expect(clashes(await textBoxes(plot))).toEqual([]);
});

test('a window the cell sets is the window shown', async ({
  page,
  tmpPath
}) => {
  // An equal-scale cell: the plot is wider than the kernel's figure, so one axis
  // must widen; it is y, never the x the cell set.
  await openPlotterNotebook(page, tmpPath, 'window.ipynb', [
    'x in [-3, 3]\nx^2 + y^2 = 4'
  ]);
  const plot = await runPlot(page, 0, { scroll: true });
  const view = await shownView(plot);
  expect(view.x0).toBeCloseTo(-3, 9);
  expect(view.x1).toBeCloseTo(3, 9);
  // One unit is as many pixels across as up.
  expect((view.y1 - view.y0) / view.height).toBeCloseTo(6 / view.width, 6);
});

test('the slider boxes use the theme UI font size', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'slider-font.ipynb', [
    'a = 2\ny = a x'
  ]);
  const plot = await runPlot(page, 0, { scroll: true });
  const sizes = await plot.evaluate(node => {
    const ui = getComputedStyle(document.body)
      .getPropertyValue('--jp-ui-font-size1')
      .trim();
    const probe = document.createElement('span');
    probe.style.fontSize = ui;
    document.body.append(probe);
    const want = getComputedStyle(probe).fontSize;
    probe.remove();
    const inputs = Array.from(
      node.querySelectorAll('.jp-PlotterView-bounds input')
    );
    return { want, got: inputs.map(i => getComputedStyle(i).fontSize) };
  });
  expect(sizes.got.length).toBeGreaterThanOrEqual(2);
  for (const size of sizes.got) {
    expect(size).toBe(sizes.want);
  }
});
