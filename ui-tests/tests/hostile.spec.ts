/**
 * Hostile or huge notebooks must not hurt the tab: a very long line of unknown
 * characters still takes keys, and saved scenes that are broken or oversized show
 * their picture or a note, never a "Javascript Error" or NaN in the SVG.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { ILabWindow, openPlotterNotebook } from './helpers';
import { plotIn } from './plots';

/** A line of `length` characters mixing a name with characters the language lacks. */
function hostileLine(length: number): string {
  const bad = ['$', '@', '`', '?', '"', '~', ';'];
  let line = '';
  for (let k = 0; line.length < length; k++) {
    line += k % 2 === 0 ? 'x' : bad[(k >> 1) % bad.length];
  }
  return line.slice(0, length);
}

/** The text of the current notebook's cell `index`, read from its model. */
async function cellSource(
  page: IJupyterLabPageFixture,
  index: number
): Promise<string> {
  return page.evaluate(i => {
    const w = window as unknown as ILabWindow & {
      jupyterapp: {
        shell: {
          currentWidget: {
            content: {
              widgets: Array<{
                model: { sharedModel: { getSource(): string } };
              }>;
            };
          };
        };
      };
    };
    return w.jupyterapp.shell.currentWidget.content.widgets[
      i
    ].model.sharedModel.getSource();
  }, index);
}

/** Collect the page's uncaught errors from now on. */
function pageErrors(page: IJupyterLabPageFixture): string[] {
  const errors: string[] = [];
  page.on('pageerror', error => errors.push(String(error)));
  return errors;
}

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A well-formed scene v2 of one curve through `points`. */
function sceneOf(points: unknown[]): Record<string, unknown> {
  return {
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
        segments: [points]
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
}

/** A display_data output holding `bundle`. */
function output(bundle: Record<string, unknown>): Record<string, unknown> {
  return {
    output_type: 'display_data',
    data: { 'text/plain': 'A plot.', ...bundle },
    metadata: {}
  };
}

test('"ab" typed at the end of a 10 000-character line of unknown characters is kept', async ({
  page,
  tmpPath
}) => {
  const errors = pageErrors(page);
  // The old recursive lexer overflowed and lost keys typed at the end of a 9 000-
  // character line (in Chromium a 10 000-character one happened to keep them): both.
  const lines = [hostileLine(9_000), hostileLine(10_000)];
  await openPlotterNotebook(page, tmpPath, 'long-line.ipynb', lines);
  for (const [index, line] of lines.entries()) {
    const cell = (await page.notebook.getCellLocator(index))!;

    // When the student clicks into the cell, goes to its end and types "ab"
    await cell.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('ab');

    // Then the keys are in the cell
    await expect
      .poll(async () => {
        const text = await cellSource(page, index);
        return { length: text.length, end: text.slice(-3) };
      })
      .toEqual({ length: line.length + 2, end: line.slice(-1) + 'ab' });
  }
  // and nothing overflowed
  expect(errors.filter(e => /call stack/i.test(e))).toEqual([]);
});

test('broken and oversized saved scenes show their picture or a note', async ({
  page,
  tmpPath
}) => {
  const errors = pageErrors(page);
  const good = sceneOf([
    [-10, -2],
    [10, 2]
  ]);
  const nanSegments = sceneOf([
    [-10, 'NaN'],
    [null, 2],
    [10, 2]
  ]);
  const noView = { ...sceneOf([[0, 0]]) };
  delete noView.view;
  // A million points, about 17 MB: more than three times what the kernel ever sends.
  const many: Array<[number, number]> = [];
  for (let i = 0; i < 1_000_000; i++) {
    many.push([i / 3e4 - 10.123, Math.round(Math.sin(i) * 1e4) / 1e4]);
  }
  const huge = sceneOf(many);
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"><rect width="60" height="40" fill="#0072B2"/></svg>';
  const mime = 'application/vnd.plotter.v2+json';
  const cells = [
    output({ [mime]: nanSegments, 'image/png': PNG }),
    output({ [mime]: noView }),
    output({ [mime]: huge, 'image/svg+xml': svg }),
    output({ [mime]: good, 'image/png': PNG })
  ].map((out, k) => ({
    cell_type: 'code',
    execution_count: k + 1,
    id: `c${k}`,
    metadata: {},
    source: 'y = x/5',
    outputs: [out]
  }));
  const notebook = {
    cells,
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
    `${tmpPath}/hostile.ipynb`
  );
  const started = Date.now();
  await page.notebook.openByPath(`${tmpPath}/hostile.ipynb`);
  await page.notebook.activate('hostile.ipynb');

  // The scene with NaN in its segments shows its PNG and a note
  const first = (await page.notebook.getCellOutputLocator(0))!;
  await expect(first.locator('.jp-PlotterView-fallback img')).toHaveAttribute(
    'src',
    /^data:image\/png;base64,/
  );
  await expect(first.locator('.jp-PlotterView-fallback-note')).toContainText(
    'is not a point of two finite numbers'
  );
  // The scene without a view, with no picture, shows the note alone
  const second = (await page.notebook.getCellOutputLocator(1))!;
  await expect(second.locator('.jp-PlotterView-fallback-note')).toContainText(
    'its view is missing'
  );
  await expect(second.locator('.jp-PlotterView-fallback img')).toHaveCount(0);
  // The oversized scene shows its SVG as an image
  const third = (await page.notebook.getCellOutputLocator(2))!;
  await expect(third.locator('.jp-PlotterView-fallback img')).toHaveAttribute(
    'src',
    /^data:image\/svg\+xml/
  );
  await expect(third.locator('.jp-PlotterView-fallback-note')).toContainText(
    'more data than'
  );
  console.log(`hostile notebook shown in ${Date.now() - started} ms`);
  // And a good scene next to them is still drawn live
  const fourth = (await page.notebook.getCellOutputLocator(3))!;
  await expect(plotIn(fourth).locator('path.jp-PlotterView-curve')).toHaveCount(
    1
  );

  // A resize redraws nothing broken
  await page.setViewportSize({ width: 900, height: 700 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(plotIn(fourth).locator('svg[role="img"]')).toBeVisible();

  await expect(page.getByText('Javascript Error')).toHaveCount(0);
  const nanAttributes = await page.evaluate(() =>
    Array.from(document.querySelectorAll('svg, svg *')).flatMap(node =>
      Array.from(node.attributes)
        .filter(a => a.value.includes('NaN'))
        .map(a => `${node.tagName} ${a.name}="${a.value}"`)
    )
  );
  expect(nanAttributes).toEqual([]);
  expect(errors).toEqual([]);
});
