/**
 * The interactive plot in JupyterLab: zoom and pan re-sample through the kernel, sliders,
 * hover trace, points of interest, the dark theme, the keyboard trace and downloads.
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';
import * as fs from 'fs';

import {
  openPlotterNotebook,
  waitForIdleKernel,
  watchKernel,
  watchedKernel
} from './helpers';
import {
  collectErrors,
  countInside,
  drawnCurve,
  pagePoint,
  plotIn,
  runPlot,
  shownView,
  waitForRedraw
} from './plots';

/** The first cell of the current notebook as it would be saved. */
async function cellJson(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = window as unknown as {
      jupyterapp: {
        shell: {
          currentWidget: {
            content: {
              model: { cells: { get(i: number): { toJSON(): unknown } } };
            };
          };
        };
      };
    };
    const cell = w.jupyterapp.shell.currentWidget.content.model.cells.get(0);
    return JSON.stringify(cell.toJSON());
  });
}

test('a drawing output is a live SVG plot labelled with its description', async ({
  page,
  tmpPath
}) => {
  const errors = collectErrors(page);
  await openPlotterNotebook(page, tmpPath, 'live.ipynb', ['y = sin(x)']);
  const plot = await runPlot(page);
  const output = (await page.notebook.getCellOutputLocator(0))!;

  // The live plot wins over the PNG and SVG fallbacks
  await expect(output.locator('img')).toHaveCount(0);
  const svg = plot.locator('svg[role="img"]');
  await expect(svg).toHaveCount(1);
  await expect(svg).toHaveAttribute('aria-label', /sin\(x\)/);
  await expect(svg).toHaveAttribute('tabindex', '0');
  await expect(plot.locator('path.jp-PlotterView-curve')).toHaveCount(1);
  // and it carries the view it shows
  const view = await shownView(plot);
  expect(view.x0).toBe(-10);
  expect(view.x1).toBe(10);
  // and fills the width of the output area
  const right = (n: Element) => n.getBoundingClientRect().right;
  expect(view.left + view.width).toBeGreaterThan(
    (await output.evaluate(right)) - 30
  );
  expect(view.width).toBe(await plot.evaluate(n => n.clientWidth));
  // The scene came first and the pictures after it on the same display: the notebook
  // keeps one output with all of them
  const saved = JSON.parse(await cellJson(page)) as {
    outputs: Array<{ data: Record<string, unknown> }>;
  };
  expect(saved.outputs).toHaveLength(1);
  expect(Object.keys(saved.outputs[0].data).sort()).toEqual([
    'application/vnd.plotter.v2+json',
    'image/png',
    'image/svg+xml',
    'text/plain'
  ]);
  expect(errors).toEqual([]);
});

test('wheel zoom changes the view and the kernel re-samples the curve', async ({
  page,
  tmpPath
}) => {
  const errors = collectErrors(page);
  await openPlotterNotebook(page, tmpPath, 'zoom.ipynb', ['y = sin(5x)']);
  const plot = await runPlot(page);
  const before = await shownView(plot);
  const curveBefore = await drawnCurve(plot);

  // When the student scrolls up over the point (2, 0)
  await page.mouse.move(...pagePoint(before, 2, 0));
  for (let k = 0; k < 6; k++) {
    await page.mouse.wheel(0, -150);
  }

  // Then the view zooms in about that point
  await expect
    .poll(async () => (await shownView(plot)).x1 - (await shownView(plot)).x0)
    .toBeLessThan(10);
  const after = await shownView(plot);
  expect(after.x0).toBeGreaterThan(before.x0);
  expect(after.x1).toBeLessThan(before.x1);
  expect(after.x0).toBeLessThan(2);
  expect(after.x1).toBeGreaterThan(2);

  // And the curve is drawn again for it: more detail there, not a stretched picture
  await waitForRedraw(plot);
  const curveAfter = await drawnCurve(plot);
  expect(curveAfter.d).not.toBe(curveBefore.d);
  const detailBefore = countInside(curveBefore.points, after);
  const detailAfter = countInside(curveAfter.points, after);
  expect(detailAfter).toBeGreaterThan(1.3 * detailBefore);
  // drawn at its own scale (only moved by the margin sampled around the view)
  expect(
    await plot.locator('.jp-PlotterView-items').getAttribute('transform')
  ).toMatch(/^matrix\(1 0 0 1 -[\d.]+ -[\d.]+\)$/);

  // And the reset button brings the cell's own view back
  await plot.locator('.jp-PlotterView-reset').click();
  await expect.poll(async () => (await shownView(plot)).x0).toBe(-10);
  await expect.poll(async () => (await shownView(plot)).x1).toBe(10);
  expect(errors).toEqual([]);
});

test('dragging pans the plot and the new part is drawn', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'pan.ipynb', ['y = x^2/10']);
  const plot = await runPlot(page);
  const before = await shownView(plot);
  const unitsPerPixel = (before.x1 - before.x0) / before.width;

  // When the student drags the plot 120 px to the left
  const [sx, sy] = pagePoint(before, 0, (before.y0 + before.y1) / 2);
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) {
    await page.mouse.move(sx - 20 * k, sy);
  }
  await page.mouse.up();

  // Then the plane follows the pointer: the view moves right by 120 px of x
  await expect
    .poll(async () => (await shownView(plot)).x0)
    .toBeCloseTo(before.x0 + 120 * unitsPerPixel, 6);
  const after = await shownView(plot);
  expect(after.x1 - after.x0).toBeCloseTo(before.x1 - before.x0, 9);
  // And the kernel draws the curve where it was not drawn before
  await waitForRedraw(plot);
  const curve = await drawnCurve(plot);
  const xs = curve.points.map(p => p[0]);
  expect(Math.max(...xs)).toBeGreaterThan(before.x1 + 1);

  // And it sampled a margin around the view: a quarter of it on each side
  const margin = await plot.evaluate(node => {
    const root = node as HTMLElement;
    const items = root.querySelector('.jp-PlotterView-items')!;
    const at = (a: string) => Number(items.getAttribute(a));
    const span = Number(root.dataset.x1) - Number(root.dataset.x0);
    return [
      (Number(root.dataset.x0) - at('data-x0')) / span,
      (at('data-x1') - Number(root.dataset.x1)) / span
    ];
  });
  // (sampled where the drag was when it asked, so not always centred on where it ended)
  expect(margin[0] + margin[1]).toBeCloseTo(0.5, 2);
  expect(Math.min(...margin)).toBeGreaterThan(0.05);
  expect(Math.min(...xs)).toBeLessThan(after.x0 - 1);

  // So a short drag shows curves sampled for the new view at once, asking nothing
  await page.evaluate(() => {
    const w = window as unknown as {
      viewSends: number;
      jupyterapp: {
        shell: {
          currentWidget: {
            sessionContext: {
              session: {
                kernel: {
                  anyMessage: {
                    connect(
                      f: (
                        _: unknown,
                        m: {
                          direction: string;
                          msg: { header: { msg_type: string } };
                        }
                      ) => void
                    ): void;
                  };
                };
              };
            };
          };
        };
      };
    };
    w.viewSends = 0;
    w.jupyterapp.shell.currentWidget.sessionContext.session.kernel.anyMessage.connect(
      (_, m) => {
        if (m.direction === 'send' && m.msg.header.msg_type === 'comm_msg') {
          w.viewSends++;
        }
      }
    );
  });
  const [mx, my] = pagePoint(
    after,
    (after.x0 + after.x1) / 2,
    (after.y0 + after.y1) / 2
  );
  await page.mouse.move(mx, my);
  await page.mouse.down();
  for (let k = 1; k <= 4; k++) {
    await page.mouse.move(mx + 10 * k, my);
  }
  await page.mouse.up();
  await expect
    .poll(async () => (await shownView(plot)).x0)
    .toBeCloseTo(after.x0 - 40 * unitsPerPixel, 6);
  await expect(plot).toHaveAttribute('data-sampled', 'true');
  await page.waitForTimeout(400);
  expect(
    await page.evaluate(
      () => (window as unknown as { viewSends: number }).viewSends
    )
  ).toBe(0);
  expect((await drawnCurve(plot)).d).toBe(curve.d);
});

test('moving a slider redraws that output only, never the notebook text', async ({
  page,
  tmpPath
}) => {
  const source = 'a = 2\ny = a sin(x)';
  await openPlotterNotebook(page, tmpPath, 'slider.ipynb', [source]);
  const plot = await runPlot(page);
  const slider = plot.locator('.jp-PlotterView-slider');
  await expect(slider).toHaveCount(1);
  const range = slider.locator('input[type="range"]');
  // The range is labelled with the parameter's name and shows its value
  await expect(slider.getByLabel('a', { exact: true })).toHaveAttribute(
    'type',
    'range'
  );
  await expect(slider.locator('.jp-PlotterView-value')).toHaveText(
    /^2(\.0+)?$/
  );
  await expect(slider.locator('.jp-PlotterView-play')).toHaveCount(1);
  const cellBefore = await cellJson(page);
  const before = await drawnCurve(plot);
  const yMaxBefore = Math.max(...before.points.map(p => p[1]));
  expect(yMaxBefore).toBeCloseTo(2, 1);

  const waitingBefore = await watchKernel(page);
  expect(waitingBefore).toBeGreaterThanOrEqual(0);

  // When the student moves the slider to 4
  await range.fill('4');

  // Then the value shows and the curve is re-sampled with a = 4 (twice as tall)
  await expect(slider.locator('.jp-PlotterView-value')).toHaveText(
    /^4(\.0+)?$/
  );
  await expect(plot.locator('.jp-PlotterView-items')).toHaveAttribute(
    'data-params',
    '{"a":4}'
  );
  const after = await drawnCurve(plot);
  expect(after.d).not.toBe(before.d);
  expect(Math.max(...after.points.map(p => p[1]))).toBeCloseTo(4, 1);
  // (asked for without a margin, which is sampled again once the slider rests)
  await expect
    .poll(() =>
      plot.evaluate(node => {
        const root = node as HTMLElement;
        const items = root.querySelector('.jp-PlotterView-items')!;
        return Number(root.dataset.x0) - Number(items.getAttribute('data-x0'));
      })
    )
    .toBeGreaterThan(1);
  await expect(plot).toHaveAttribute('data-sampled', 'true');
  // (and the kernel never showed busy for it, nor does the page keep its requests)
  const watched = await watchedKernel(page);
  expect(watched.statuses).toEqual([]);
  expect(watched.waiting).toBeLessThanOrEqual(waitingBefore);

  // And the range can be edited
  const max = slider.locator('.jp-PlotterView-max');
  await max.fill('20');
  await max.press('Enter');
  await expect(range).toHaveAttribute('max', '20');

  // And the notebook is unchanged: same text, same saved output
  expect(await cellJson(page)).toBe(cellBefore);
  expect(await page.notebook.getCellTextInput(0)).toBe(source);
});

test('a slider and the plot answer the keyboard, not the notebook', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'slider-keys.ipynb', [
    'a = 1\ny = a x',
    '1 + 1'
  ]);
  const plot = await runPlot(page);
  const range = plot.locator('.jp-PlotterView-slider input[type="range"]');

  // When a keyboard user focuses the slider and presses the right arrow twice
  await range.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');

  // Then a moves two steps and the curve is redrawn with it
  await expect(range).toHaveValue('1.2');
  await expect(plot.locator('.jp-PlotterView-items')).toHaveAttribute(
    'data-params',
    '{"a":1.2}'
  );
  await expect(range).toBeFocused();

  // And on the focused plot the down arrow pans it, the notebook's active cell stays
  const active = () =>
    page.evaluate(
      () =>
        (
          window as unknown as {
            jupyterapp: {
              shell: {
                currentWidget: { content: { activeCellIndex: number } };
              };
            };
          }
        ).jupyterapp.shell.currentWidget.content.activeCellIndex
    );
  const svg = plot.locator('svg');
  await svg.focus();
  const activeBefore = await active();
  const y0 = await plot.getAttribute('data-y0');
  await page.keyboard.press('ArrowDown');
  await expect(plot).not.toHaveAttribute('data-y0', y0!);
  await expect(svg).toBeFocused();
  expect(await active()).toBe(activeBefore);
});

test("Lab's shortcuts work with the focus on a plot, its sliders and buttons", async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'shortcuts.ipynb', [
    'a = 1\ny = a x'
  ]);
  const plot = await runPlot(page);
  const dirty = page.locator('.lm-TabBar-tab.jp-mod-dirty');
  await expect(dirty).toHaveCount(1);

  // When a keyboard user saves with the focus on a button of the plot
  await plot.locator('.jp-PlotterView-toolbar button').first().focus();
  await page.keyboard.press('Control+s');

  // Then the notebook is saved
  await expect(dirty).toHaveCount(0);

  // And a command-mode key on the slider reaches the notebook: B adds a cell below
  const cells = page.locator('.jp-Notebook .jp-Cell');
  const before = await cells.count();
  const range = plot.locator('.jp-PlotterView-slider input[type="range"]');
  await range.focus();
  await page.keyboard.press('b');
  await expect(cells).toHaveCount(before + 1);

  // While the keys the plot uses stay the plot's
  const svg = plot.locator('svg');
  await svg.focus();
  const x0 = await plot.getAttribute('data-x0');
  await page.keyboard.press('ArrowLeft');
  await expect(plot).not.toHaveAttribute('data-x0', x0!);
  await expect(cells).toHaveCount(before + 1);
});

test('dragging a point moves its parameters and every curve, never the text', async ({
  page,
  tmpPath
}) => {
  const source = 'h = 1\nk = 2\n(h, k)\ny = (x - h)^2 + k';
  await openPlotterNotebook(page, tmpPath, 'drag.ipynb', [source]);
  const plot = await runPlot(page, 0, { scroll: true });
  const cellBefore = await cellJson(page);
  const handle = plot.locator('.jp-PlotterView-handle');
  await expect(handle).toHaveCount(1);
  const h = plot.locator(
    '.jp-PlotterView-slider[data-name=h] input[type=range]'
  );
  const k = plot.locator(
    '.jp-PlotterView-slider[data-name=k] input[type=range]'
  );
  await expect(h).toHaveValue('1');
  const before = await drawnCurve(plot);
  const view = await shownView(plot);

  // When the student drags the point 100 px to the right
  const [px, py] = pagePoint(view, 1, 2);
  await page.mouse.move(px, py);
  await page.mouse.down();
  await page.mouse.move(px + 50, py, { steps: 5 });
  await page.mouse.move(px + 100, py, { steps: 5 });
  await page.mouse.up();

  // Then h follows the pointer (one step at most from where it was let go), k stays,
  // and the parabola is re-sampled with its new vertex
  const moved = 1 + (100 / view.width) * (view.x1 - view.x0);
  await expect
    .poll(async () => Math.abs(Number(await h.inputValue()) - moved))
    .toBeLessThanOrEqual(0.1 + 1e-9);
  await expect(k).toHaveValue('2');
  const hNow = Number(await h.inputValue());
  await expect(plot.locator('.jp-PlotterView-items')).toHaveAttribute(
    'data-params',
    JSON.stringify({ h: hNow, k: 2 })
  );
  await expect(plot).toHaveAttribute('data-sampled', 'true');
  const after = await drawnCurve(plot);
  expect(after.d).not.toBe(before.d);
  const lowest = after.points.reduce((a, b) => (b[1] < a[1] ? b : a));
  expect(lowest[0]).toBeCloseTo(hNow, 0);
  // (the view did not pan: the drag was the point's)
  expect((await shownView(plot)).x0).toBe(view.x0);

  // And with the point focused, ArrowRight moves it one step, ArrowUp moves k
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(h).toHaveValue(String(Math.round((hNow + 0.1) * 10) / 10));
  await page.keyboard.press('ArrowUp');
  await expect(k).toHaveValue('2.1');
  await expect(handle).toBeFocused();

  // And a click on empty plot places the selected point there
  const placed = await shownView(plot);
  // (a y on a slider step, inside the view)
  const ky = Math.round((placed.y0 + 0.3 * (placed.y1 - placed.y0)) * 10) / 10;
  const [tx, ty] = pagePoint(placed, -3, ky);
  await page.mouse.click(tx, ty);
  await expect(h).toHaveValue('-3');
  await expect(k).toHaveValue(String(ky));
  await expect(handle).not.toHaveClass(/jp-mod-selected/);

  // And the notebook is unchanged: same text, same saved output
  expect(await cellJson(page)).toBe(cellBefore);
  expect(await page.notebook.getCellTextInput(0)).toBe(source);
});

test('hovering near a curve shows a dot and its coordinates', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'hover.ipynb', [
    'x in [-5, 5]\ny in [-5, 5]\ny = x/2'
  ]);
  const plot = await runPlot(page);
  const view = await shownView(plot);
  const [px, py] = pagePoint(view, 2, 1);
  await page.mouse.move(px, py + 3);
  const trace = plot.locator('.jp-PlotterView-trace');
  await expect(trace.locator('circle')).toHaveCount(1);
  const text = await trace.locator('text').textContent();
  const match = /^\((−?[\d.]+), (−?[\d.]+)\)$/.exec(text ?? '');
  expect(match).not.toBeNull();
  const x = Number(match![1].replace('−', '-'));
  const y = Number(match![2].replace('−', '-'));
  expect(Math.abs(x - 2)).toBeLessThan(0.15);
  expect(y).toBeCloseTo(x / 2, 2);
});

test('hovering a histogram bar reads its range and count', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'histogram.ipynb', [
    'x in [0, 5]\ny in [0, 4]\nhistogram([1, 2, 2, 3, 3, 3], 1)'
  ]);
  const plot = await runPlot(page);
  const view = await shownView(plot);
  // When the pointer is over the bar [3, 4), inside it
  const [px, py] = pagePoint(view, 3.5, 1.5);
  await page.mouse.move(px, py);
  // Then the trace reads that bar's range and how many values fall in it
  const trace = plot.locator('.jp-PlotterView-trace');
  await expect(trace.locator('text')).toHaveText('[3, 4): 3');
  // And over the bar [2, 3) it reads that one
  const [qx, qy] = pagePoint(view, 2.5, 1);
  await page.mouse.move(qx, qy);
  await expect(trace.locator('text')).toHaveText('[2, 3): 2');
});

test('clicking y = x^2 - 1 shows its zeros and minimum as grey points', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'features.ipynb', [
    'x in [-3, 3]\ny in [-2, 4]\ny = x^2 - 1'
  ]);
  const plot = await runPlot(page);
  const view = await shownView(plot);

  // When the student clicks on the curve at (2, 3)
  await page.mouse.click(...pagePoint(view, 2, 3));

  // Then its points of interest show: (±1, 0) and (0, −1)
  const features = plot.locator('.jp-PlotterView-feature');
  await expect(features).toHaveCount(3);
  const found = await features.evaluateAll(nodes =>
    nodes.map(n => [
      Number((n as SVGElement).dataset.x),
      Number((n as SVGElement).dataset.y)
    ])
  );
  found.sort((a, b) => a[0] - b[0]);
  const expected = [
    [-1, 0],
    [0, -1],
    [1, 0]
  ];
  found.forEach(([x, y], k) => {
    expect(x).toBeCloseTo(expected[k][0], 6);
    expect(y).toBeCloseTo(expected[k][1], 6);
  });
  const labels = (await features.locator('text').allTextContents()).sort();
  expect(labels).toEqual(['(0, −1)', '(1, 0)', '(−1, 0)'].sort());

  // And clicking away clears them
  await page.mouse.click(...pagePoint(view, -2.5, 3.5));
  await expect(features).toHaveCount(0);
});

test('points of interest are sought again in the view a pan brings', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'features-pan.ipynb', [
    'x in [-3, 3]\ny in [-2, 2]\ny = sin(x)'
  ]);
  const plot = await runPlot(page);
  const view = await shownView(plot);
  await page.mouse.click(...pagePoint(view, 1, Math.sin(1)));
  const features = plot.locator('.jp-PlotterView-feature');
  const xs = () =>
    features.evaluateAll(nodes =>
      nodes.map(n => Number((n as SVGElement).dataset.x)).sort((a, b) => a - b)
    );
  // The zero at 0 and the extrema at ±π/2
  await expect(features).toHaveCount(3);

  // When the student drags the plot six units left: x now runs from 3 to 9
  const [fromX, fromY] = pagePoint(view, 2, 0);
  const [toX] = pagePoint(view, -4, 0);
  await page.mouse.move(fromX, fromY);
  await page.mouse.down();
  await page.mouse.move((fromX + toX) / 2, fromY, { steps: 5 });
  await page.mouse.move(toX, fromY, { steps: 5 });
  await page.mouse.up();

  // Then the points of that view show: zeros at π and 2π, extrema at 3π/2 and 5π/2
  await expect(features).toHaveCount(4);
  const found = await xs();
  [1, 1.5, 2, 2.5].forEach((k, i) =>
    expect(found[i]).toBeCloseTo(k * Math.PI, 5)
  );
});

/** WCAG contrast of two computed CSS colours `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = css
      .match(/\d+/g)!
      .slice(0, 3)
      .map(c => {
        const s = Number(c) / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The computed colours of the plot's background, tick text, first curve and axis. */
async function plotColours(plot: Locator) {
  return plot.evaluate(n => {
    const style = (selector: string) =>
      getComputedStyle(n.querySelector(selector)!);
    return {
      background: style('.jp-PlotterView-background').fill,
      text: style('.jp-PlotterView-labels text').fill,
      curve: style('.jp-PlotterView-curve').stroke,
      axis: style('.jp-PlotterView-axis line').stroke
    };
  });
}

for (const theme of ['dark', 'dark high contrast'] as const) {
  test(`in the ${theme} theme the plot is dark and its curves stand out`, async ({
    page,
    tmpPath
  }) => {
    await openPlotterNotebook(page, tmpPath, 'dark.ipynb', ['y = cos(x)']);
    const plot = await runPlot(page);
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    } else {
      await page.theme.setDarkHighContrastTheme();
    }
    const background = plot.locator('.jp-PlotterView-background');
    await expect
      .poll(() => background.evaluate(n => getComputedStyle(n).fill))
      .not.toBe('rgb(255, 255, 255)');
    const colours = await plotColours(plot);
    expect(contrast(colours.background, 'rgb(0, 0, 0)')).toBeLessThan(1.5);
    // Text as readable as text must be; the palette's blue curve lifted to match
    expect(contrast(colours.text, colours.background)).toBeGreaterThan(7);
    expect(contrast(colours.curve, colours.background)).toBeGreaterThanOrEqual(
      4.5
    );
    expect(contrast(colours.axis, colours.background)).toBeGreaterThanOrEqual(
      3
    );
    await plot.locator('svg').screenshot({
      path: test.info().outputPath(`plot-${theme.replace(/ /g, '-')}.png`)
    });
    await page.theme.setLightTheme();
  });
}

test('the keyboard trace reads the curve aloud', async ({ page, tmpPath }) => {
  const errors = collectErrors(page);
  // (a y window that holds the traced points: the automatic one fits the features)
  await openPlotterNotebook(page, tmpPath, 'keys.ipynb', [
    'x in [-5, 5]\ny in [-2, 10]\ny = x^2\ny = x'
  ]);
  const plot = await runPlot(page);
  const readout = plot.locator('.jp-PlotterView-readout');
  await expect(readout).toHaveAttribute('aria-live', 'polite');

  // When the student focuses the plot and presses T, then → three times
  await plot.locator('svg').focus();
  await page.keyboard.press('t');
  await expect(readout).toHaveText('y = x^2: x = 0, y = 0');
  for (let k = 0; k < 3; k++) {
    await page.keyboard.press('ArrowRight');
  }
  // Then the read-out says where the trace is, on the round steps of the view
  await expect(readout).toHaveText(/^x = 1\.5, y = 2\.25$/);
  await expect(plot.locator('.jp-PlotterView-trace circle')).toHaveCount(1);

  // And ↓ moves to the next curve at the same x
  await page.keyboard.press('ArrowDown');
  await expect(readout).toHaveText('y = x: x = 1.5, y = 1.5');
  // And Escape ends the trace; arrows then pan, + zooms
  await page.keyboard.press('Escape');
  await expect(readout).toHaveText('Trace off.');
  const before = await shownView(plot);
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => (await shownView(plot)).x0)
    .toBeGreaterThan(before.x0);
  await page.keyboard.press('+');
  await expect
    .poll(async () => {
      const v = await shownView(plot);
      return v.x1 - v.x0;
    })
    .toBeLessThan(before.x1 - before.x0);
  // And the notebook did not take the keys (the cell's text is unchanged)
  expect(await page.notebook.getCellTextInput(0)).toBe(
    'x in [-5, 5]\ny in [-2, 10]\ny = x^2\ny = x'
  );

  expect(errors).toEqual([]);
});

test('the audio trace button plays and stops', async ({ page, tmpPath }) => {
  const errors = collectErrors(page);
  await openPlotterNotebook(page, tmpPath, 'audio.ipynb', ['y = sin(x)']);
  const plot = await runPlot(page);
  const button = plot.locator('.jp-PlotterView-audio');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(plot.locator('.jp-PlotterView-readout')).toHaveText(
    'Playing y = sin(x).'
  );
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(plot.locator('.jp-PlotterView-readout')).toHaveText('');

  // Played to its end, the sound leaves the read-out empty too
  await button.click();
  await expect(plot.locator('.jp-PlotterView-readout')).toHaveText(
    'Playing y = sin(x).'
  );
  await expect(button).toHaveAttribute('aria-pressed', 'false', {
    timeout: 20000
  });
  await expect(plot.locator('.jp-PlotterView-readout')).toHaveText('');
  expect(errors).toEqual([]);
});

test.describe('downloads', () => {
  test.use({ deviceScaleFactor: 2 });

  test('a downloaded SVG or PNG looks like the plot on screen, numbers included', async ({
    page,
    tmpPath
  }) => {
    await openPlotterNotebook(page, tmpPath, 'download.ipynb', [
      'a = 1\ny = a sin(x)\n(1, 2)'
    ]);
    const plot = await runPlot(page, 0, { scroll: true });
    await page.mouse.move(0, 0);

    // The plot on screen, without the toolbar drawn over it (files leave it out)
    const toolbar = plot.locator('.jp-PlotterView-toolbar');
    await toolbar.evaluate(node => (node.style.visibility = 'hidden'));
    const box = (await plot.locator('svg').first().boundingBox())!;
    const screen = await page.screenshot({ clip: box });
    await toolbar.evaluate(node => (node.style.visibility = ''));

    const download = async (format: 'svg' | 'png') => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        plot.locator(`.jp-PlotterView-download-${format}`).click()
      ]);
      return {
        name: file.suggestedFilename(),
        data: fs.readFileSync((await file.path())!)
      };
    };
    const svg = await download('svg');
    const png = await download('png');

    // Named from the cell
    expect(svg.name).toBe('y = a sin(x), (1, 2).svg');
    expect(png.name).toBe('y = a sin(x), (1, 2).png');

    // The SVG file as a browser shows it, at the plot's size
    await page.evaluate(
      ({ data, width, height }) => {
        const image = document.createElement('img');
        image.id = 'plotter-downloaded';
        image.src = `data:image/svg+xml;base64,${data}`;
        image.style.cssText = `position:fixed;left:0;top:0;z-index:10000;width:${width}px;height:${height}px`;
        document.body.appendChild(image);
        return image.decode();
      },
      {
        data: svg.data.toString('base64'),
        width: box.width,
        height: box.height
      }
    );
    const svgShown = await page.screenshot({
      clip: { x: 0, y: 0, width: box.width, height: box.height }
    });
    await page.evaluate(() =>
      document.getElementById('plotter-downloaded')!.remove()
    );

    // Then each file has the pixels of the plot on screen
    const differ = await page.evaluate(
      async ({ screen, files }) => {
        const pixels = async (data: string, w?: number, h?: number) => {
          const image = new Image();
          image.src = `data:image/png;base64,${data}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = w ?? image.naturalWidth;
          canvas.height = h ?? image.naturalHeight;
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0, canvas.width, canvas.height);
          return context.getImageData(0, 0, canvas.width, canvas.height);
        };
        const seen = await pixels(screen);
        const { width: w, height: h } = seen;
        // The share of pixels far from the screen's, at the best shift of up to two
        // device pixels (the page may place the plot on a half pixel)
        const share = (drawn: Uint8ClampedArray, dx: number, dy: number) => {
          let count = 0;
          for (let y = 2; y < h - 2; y++) {
            for (let x = 2; x < w - 2; x++) {
              const i = 4 * (y * w + x);
              const j = 4 * ((y + dy) * w + x + dx);
              const most = Math.max(
                Math.abs(drawn[j] - seen.data[i]),
                Math.abs(drawn[j + 1] - seen.data[i + 1]),
                Math.abs(drawn[j + 2] - seen.data[i + 2])
              );
              count += most > 64 ? 1 : 0;
            }
          }
          return count / ((w - 4) * (h - 4));
        };
        const shares: number[] = [];
        for (const file of files) {
          const drawn = (await pixels(file, w, h)).data;
          let best = 1;
          for (let dy = -2; dy <= 2; dy++) {
            for (let dx = -2; dx <= 2; dx++) {
              best = Math.min(best, share(drawn, dx, dy));
            }
          }
          shares.push(best);
        }
        return shares;
      },
      {
        screen: screen.toString('base64'),
        files: [svgShown.toString('base64'), png.data.toString('base64')]
      }
    );
    console.log(`pixels that differ from the screen (SVG, PNG): ${differ}`);
    expect(differ[0]).toBeLessThan(0.002);
    expect(differ[1]).toBeLessThan(0.002);
  });
});

test.describe('after a kernel restart', () => {
  // Galata's kernel tracking answers a restart with 201, which JupyterLab rejects.
  test.use({ kernels: null });

  test('after a kernel restart the plot only moves and says to re-run', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    await openPlotterNotebook(page, tmpPath, 'restart.ipynb', ['y = sin(x)']);
    const plot = await runPlot(page);
    const drawn = await drawnCurve(plot);
    await page.menu.clickMenuItem('Kernel>Restart Kernel…');
    await page.locator('.jp-Dialog .jp-mod-accept').click();
    await waitForIdleKernel(page);
    const view = await shownView(plot);
    await page.mouse.move(...pagePoint(view, 0, 0));
    await page.mouse.wheel(0, -300);
    await expect(plot.locator('.jp-PlotterView-note')).toHaveText(
      'Re-run the cell to redraw.'
    );
    const after = await shownView(plot);
    expect(after.x1 - after.x0).toBeLessThan(view.x1 - view.x0);
    // The old picture stays, transformed
    expect((await drawnCurve(plot)).d).toBe(drawn.d);
    expect(
      await plot.locator('.jp-PlotterView-items').getAttribute('transform')
    ).not.toMatch(/^matrix\(1 0 0 1 /);
    await expect(plot).toHaveAttribute('data-sampled', 'false');
    expect(errors).toEqual([]);
  });
});

test('an untrusted notebook shows the live plot; a v1 output still shows its picture', async ({
  page,
  tmpPath
}) => {
  // Given a notebook run elsewhere: one v2 output and one old v1 output, not trusted here
  const png =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const scene = {
    version: 2,
    view: { x: [-10, 10], y: [-2, 2], width: 600, height: 400, equal: false },
    items: [
      {
        kind: 'curve',
        id: 's0',
        line: 0,
        label: 'y = x/5',
        color: '#0072B2',
        style: { dash: false, fill: false },
        segments: [
          [
            [-10, -2],
            [10, 2]
          ]
        ]
      }
    ],
    params: [],
    program: {
      version: 1,
      statements: [],
      definitions: [],
      window: { x: null, y: null }
    },
    description: 'The line y = x/5 for x from -10 to 10.'
  };
  const notebook = {
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'v2',
        metadata: {},
        source: 'y = x/5',
        outputs: [
          {
            output_type: 'display_data',
            data: {
              'application/vnd.plotter.v2+json': scene,
              'image/png': png,
              'text/plain': scene.description
            },
            metadata: {
              'application/vnd.plotter.v2+json': { display_id: 'gone' }
            }
          }
        ]
      },
      {
        cell_type: 'code',
        execution_count: 2,
        id: 'v1',
        metadata: {},
        source: 'y = x',
        outputs: [
          {
            output_type: 'display_data',
            data: {
              'application/vnd.plotter.v1+json': {
                version: 1,
                window: { x: [-10, 10], y: [-10, 10] },
                items: []
              },
              'image/png': png,
              'text/plain': 'The line y = x.'
            },
            metadata: {}
          }
        ]
      }
    ],
    metadata: {
      kernelspec: {
        display_name: 'Graphing Calculator',
        language: 'plotter',
        name: 'plotter'
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
  await page.contents.uploadContent(
    JSON.stringify(notebook),
    'text',
    `${tmpPath}/old.ipynb`
  );
  await page.notebook.openByPath(`${tmpPath}/old.ipynb`);
  await page.notebook.activate('old.ipynb');

  const first = (await page.notebook.getCellOutputLocator(0))!;
  const plot = plotIn(first);
  await expect(plot).toBeVisible();
  await expect(plot.locator('svg')).toHaveAttribute(
    'aria-label',
    scene.description
  );
  await expect(plot.locator('path.jp-PlotterView-curve')).toHaveCount(1);
  // The kernel never saw this output: a quiet note, and the view still moves
  await expect(plot.locator('.jp-PlotterView-note')).toHaveText(
    'Re-run the cell to redraw.'
  );
  const second = (await page.notebook.getCellOutputLocator(1))!;
  await expect(second.locator('img')).toHaveCount(1);
  await expect(second.locator('.jp-PlotterView')).toHaveCount(0);
});
