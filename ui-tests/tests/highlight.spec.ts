/**
 * Running cells: the picture, and the kernel's diagnostics marked in the editor.
 */
import { expect, galata, test } from '@jupyterlab/galata';

import {
  cssColor,
  lastReplyDiagnostics,
  openPlotterNotebook,
  recordReplies
} from './helpers';

/** A cell with two wrong lines around a right one. */
const TWO_ERRORS = 'y = foo(x)\ny = x^2\ny = 2 +* x';

/** Two unknown names: mistakes only a run finds, as only the kernel knows the session. */
const TWO_NAMES = 'y = foo(x)\ny = x^2\ny = 2 + bar';

test('running y = sin(x) shows the plot', async ({ page, tmpPath }) => {
  await openPlotterNotebook(page, tmpPath, 'sine.ipynb', ['y = sin(x)']);
  await page.notebook.runCell(0);
  const output = (await page.notebook.getCellOutputLocator(0))!;
  // The live plot (the PNG and SVG are fallbacks for other readers)
  const svg = output.locator('.jp-PlotterView svg[role="img"]');
  await expect(svg).toHaveCount(1);
  await expect(output.locator('path.jp-PlotterView-curve')).toHaveCount(1);
  const size = await svg.evaluate(node => [
    node.getBoundingClientRect().width,
    node.getBoundingClientRect().height
  ]);
  expect(size[0]).toBeGreaterThan(100);
  expect(size[1]).toBeGreaterThan(100);
  await expect(
    (await page.notebook.getCellLocator(0))!.locator('.jp-plotter-error')
  ).toHaveCount(0);
});

test('two wrong lines are marked where the kernel says, with their messages on hover', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'errors.ipynb', [TWO_ERRORS]);
  await recordReplies(page);
  await page.notebook.runCell(0);
  const cell = (await page.notebook.getCellLocator(0))!;

  // Given what the kernel reported
  const diagnostics = await lastReplyDiagnostics(page);
  expect(diagnostics).toHaveLength(2);
  const lines = TWO_ERRORS.split('\n');
  const expected = diagnostics.map(d =>
    lines[d.range.start.line].slice(
      d.range.start.character,
      d.range.end.character
    )
  );
  // the unknown name and the stray operator
  expect(expected).toEqual(['foo', '*']);

  // Then each range is underlined, on its own line, with a gutter marker
  const marks = cell.locator('.jp-plotter-error');
  await expect(marks).toHaveText(expected);
  await expect(
    cell.locator('.cm-line').nth(0).locator('.jp-plotter-error')
  ).toHaveText('foo');
  await expect(
    cell.locator('.cm-line').nth(1).locator('.jp-plotter-error')
  ).toHaveCount(0);
  await expect(
    cell.locator('.cm-line').nth(2).locator('.jp-plotter-error')
  ).toHaveText('*');
  const gutter = cell.locator('.cm-lint-marker-error');
  await expect(gutter).toHaveCount(2);

  // And hovering a gutter marker or a mark shows its message
  const tooltip = page.locator('.jp-plotter-message');
  await gutter.nth(1).hover();
  await expect(tooltip).toHaveText(diagnostics[1].message);
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);
  await marks.nth(0).hover();
  await expect(tooltip).toHaveText(diagnostics[0].message);
  expect(diagnostics[0].message).toContain('foo');
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);
  await marks.nth(1).hover();
  await expect(tooltip).toHaveText(diagnostics[1].message);

  // Running the same cell again gives the same two marks, not four
  await page.mouse.move(0, 0);
  await page.notebook.runCell(0);
  await expect(marks).toHaveText(expected);
});

test('editing the cell clears the marks; running the fixed cell leaves none', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'edit.ipynb', [TWO_NAMES]);
  await page.notebook.runCell(0);
  const cell = (await page.notebook.getCellLocator(0))!;
  await expect(cell.locator('.jp-plotter-error')).toHaveCount(2);

  // When the student types in the cell
  await page.notebook.enterCellEditingMode(0);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' ');

  // Then the stale marks are gone
  await expect(cell.locator('.jp-plotter-error')).toHaveCount(0);
  await expect(cell.locator('.cm-lint-marker')).toHaveCount(0);
  // and the empty gutter takes no room
  await expect(cell.locator('.cm-gutters')).toBeHidden();

  // And after fixing and running, nothing is marked
  await page.notebook.setCell(0, 'code', 'y = floor(x)\ny = x^2\ny = 2 * x');
  await page.notebook.runCell(0);
  await expect(
    cell.locator('.jp-PlotterView path.jp-PlotterView-curve')
  ).toHaveCount(3);
  await expect(cell.locator('.jp-plotter-error')).toHaveCount(0);
});

test('a warning of an ok run is marked as a warning', async ({
  page,
  tmpPath
}) => {
  const source = 'y = sqrt(-1 - x^2)';
  await openPlotterNotebook(page, tmpPath, 'warning.ipynb', [source]);
  await recordReplies(page);
  await page.notebook.runCell(0);
  const diagnostics = await lastReplyDiagnostics(page);
  expect(diagnostics.map(d => d.severity)).toEqual([2]);
  const cell = (await page.notebook.getCellLocator(0))!;
  const warnings = cell.locator('.jp-plotter-warning');
  await expect(warnings.first()).toBeVisible();
  const marked = (await warnings.allTextContents()).join('');
  const { start, end } = diagnostics[0].range;
  expect(marked).toBe(source.slice(start.character, end.character));
  await expect(cell.locator('.jp-plotter-error')).toHaveCount(0);
  await warnings.first().hover();
  await expect(page.locator('.jp-plotter-message')).toHaveText(
    diagnostics[0].message
  );
});

test('a syntax mistake is underlined while typing; the kernel judges names on a run', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'typing.ipynb', ['y = x']);
  const cell = (await page.notebook.getCellLocator(0))!;
  const marks = cell.locator('.jp-plotter-error');

  // When the student types an unclosed bracket, before any run
  await page.notebook.enterCellEditingMode(0);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' + sin(x');

  // Then it is underlined where it opens, with the kernel's own message
  await expect(marks).toHaveText(['(']);
  await marks.first().hover();
  await expect(page.locator('.jp-plotter-message')).toHaveText(
    "This '(' is never closed."
  );
  await page.mouse.move(0, 0);

  // And closing it clears the mark; an unknown name is not judged while typing
  await page.keyboard.type(') + foo');
  await expect(marks).toHaveCount(0);

  // But a run marks it, with the kernel's diagnostics
  await page.notebook.runCell(0);
  await expect(marks).toHaveText(['foo']);
});

test.describe('with underlining while typing turned off', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'plotter-labextension:highlight': { highlightWhileTyping: false }
    }
  });

  test('only a run marks a syntax mistake', async ({ page, tmpPath }) => {
    await openPlotterNotebook(page, tmpPath, 'quiet.ipynb', ['y = x']);
    const cell = (await page.notebook.getCellLocator(0))!;
    await page.notebook.enterCellEditingMode(0);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' + sin(x');
    // several times the typing delay: nothing is marked before the run
    await page.waitForTimeout(1500);
    await expect(cell.locator('.jp-plotter-error')).toHaveCount(0);
    await page.notebook.runCell(0);
    await expect(cell.locator('.jp-plotter-error')).toHaveText(['(']);
  });
});

test.describe('with cells detached when out of view', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      '@jupyterlab/notebook-extension:tracker': {
        ...galata.DEFAULT_SETTINGS['@jupyterlab/notebook-extension:tracker'],
        windowingMode: 'full',
        overscanCount: 1
      }
    }
  });

  test('marks survive scrolling the cell out of view and back', async ({
    page,
    tmpPath
  }) => {
    const filler = Array.from(
      { length: 60 },
      (_, k) => `# note ${k}\na${k} = ${k}\nb${k} = 2a${k}`
    );
    await openPlotterNotebook(page, tmpPath, 'long.ipynb', [
      TWO_ERRORS,
      ...filler
    ]);
    await page.notebook.runCell(0);
    const marks = page.locator('.jp-Notebook .jp-plotter-error');
    await expect(marks).toHaveText(['foo', '*']);

    // When the cell is scrolled far out of view, it is detached (Lab hides code cells)
    const scroller = page.locator('.jp-NotebookPanel .jp-WindowedPanel-outer');
    const scrollTo = (where: 'top' | 'bottom') =>
      scroller.evaluate((node, to) => {
        node.scrollTop = to === 'top' ? 0 : node.scrollHeight;
      }, where);
    const firstCell = page.locator(
      '.jp-Notebook .jp-Cell[data-windowed-list-index="0"]'
    );
    await expect(firstCell).toBeVisible();
    await scrollTo('bottom');
    await expect(firstCell).toBeHidden();
    await expect(page.locator('.jp-Notebook .jp-Cell').last()).toBeVisible();

    // And when it comes back, so do its marks
    await scrollTo('top');
    await expect(firstCell).toBeVisible();
    await expect(marks).toHaveText(['foo', '*']);
    await expect(page.locator('.jp-Notebook .cm-lint-marker')).toHaveCount(2);
    await marks.nth(0).hover();
    await expect(page.locator('.jp-plotter-message')).toContainText('foo');
  });
  test('a cell run before its editor is rendered shows its marks when scrolled to', async ({
    page,
    tmpPath
  }) => {
    // Given a long notebook whose last cell is far below the viewport
    const filler = Array.from(
      { length: 60 },
      (_, k) => `# note ${k}\na${k} = ${k}`
    );
    await openPlotterNotebook(page, tmpPath, 'runall.ipynb', [
      ...filler,
      TWO_ERRORS
    ]);
    const lastCell = page.locator(
      '.jp-Notebook .jp-Cell[data-windowed-list-index="60"]'
    );
    // When every cell is run without scrolling
    await page.evaluate(() => {
      const w = window as unknown as {
        jupyterapp: { commands: { execute(id: string): Promise<unknown> } };
      };
      return w.jupyterapp.commands.execute('notebook:run-all-cells');
    });
    await expect(
      lastCell.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
      )
    ).toHaveCount(1);
    // Then scrolling down to that cell shows its marks
    await page
      .locator('.jp-NotebookPanel .jp-WindowedPanel-outer')
      .evaluate(node => (node.scrollTop = node.scrollHeight));
    await expect(lastCell).toBeVisible();
    await expect(lastCell.locator('.jp-plotter-error')).toHaveText([
      'foo',
      '*'
    ]);
  });
});

test.describe('with the highlight turned off', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'plotter-labextension:highlight': { highlightErrors: false }
    }
  });

  test('the setting turns the highlight off', async ({ page, tmpPath }) => {
    await openPlotterNotebook(page, tmpPath, 'off.ipynb', [TWO_ERRORS]);
    await recordReplies(page);
    await page.notebook.runCell(0);
    // the kernel did report two problems, and the error is shown as output
    expect(await lastReplyDiagnostics(page)).toHaveLength(2);
    const cell = (await page.notebook.getCellLocator(0))!;
    await expect(
      cell.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
      )
    ).toHaveCount(1);
    await expect(cell.locator('.jp-plotter-error')).toHaveCount(0);
    await expect(cell.locator('.cm-lint-marker')).toHaveCount(0);
  });
});

test.describe('in light and dark themes', () => {
  test.use({ deviceScaleFactor: 2 });

  for (const theme of ['light', 'dark'] as const) {
    test(`marks use the theme's error colour (${theme} theme)`, async ({
      page,
      tmpPath
    }, testInfo) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      } else {
        await page.theme.setLightTheme();
      }
      await openPlotterNotebook(page, tmpPath, `${theme}.ipynb`, [TWO_ERRORS]);
      await page.notebook.runCell(0);
      const cell = (await page.notebook.getCellLocator(0))!;
      const marks = cell.locator('.jp-plotter-error');
      await expect(marks).toHaveCount(2);
      const errorColor = await cssColor(page, '--jp-error-color1');
      expect(
        await marks
          .first()
          .evaluate(node => getComputedStyle(node).textDecorationColor)
      ).toBe(errorColor);
      expect(
        await cell
          .locator('.cm-lint-marker')
          .first()
          .evaluate(node => getComputedStyle(node).color)
      ).toBe(errorColor);

      // One picture of the editor alone, one with the message of the first mark
      const input = cell.locator('.jp-InputArea');
      await input.screenshot({
        path: testInfo.outputPath(`plotter-highlight-${theme}.png`)
      });
      await marks.nth(0).hover();
      await expect(page.locator('.jp-plotter-message')).toBeVisible();
      const box = (await input.boundingBox())!;
      const tip = (await page.locator('.cm-tooltip').boundingBox())!;
      const top = Math.min(box.y, tip.y) - 4;
      const bottom = Math.max(box.y + box.height, tip.y + tip.height) + 4;
      await page.screenshot({
        path: testInfo.outputPath(`plotter-tooltip-${theme}.png`),
        clip: { x: box.x, y: top, width: box.width, height: bottom - top }
      });
    });
  }
});
