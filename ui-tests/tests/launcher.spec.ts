/**
 * The Graphing Calculator launcher tile and the plotter syntax mode.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

import {
  cssColor,
  ILabWindow,
  lineSpans,
  openPlotterNotebook,
  waitForIdleKernel
} from './helpers';

test('the launcher has one Graphing Calculator tile and it gives a starter cell that draws', async ({
  page
}, testInfo) => {
  // Given the launcher: one tile named Graphing Calculator, in its own Plotter section
  const named = page.locator('.jp-LauncherCard', {
    hasText: 'Graphing Calculator'
  });
  await expect(named).toHaveCount(1);
  const section = page.locator('.jp-Launcher-section').filter({
    has: page.locator('.jp-Launcher-sectionTitle', { hasText: 'Plotter' })
  });
  const tile = section.locator('.jp-LauncherCard', {
    hasText: 'Graphing Calculator'
  });
  await expect(tile).toHaveCount(1);
  await expect(tile.locator('svg')).toHaveCount(1);
  // no Notebook or Console tile of the plotter kernel shows the same logo
  await expect(
    page.locator('.jp-LauncherCard', { hasText: 'Python' }).first()
  ).toBeVisible();
  await expect(
    page.locator('img.jp-Launcher-kernelIcon[src*="/kernelspecs/plotter/"]')
  ).toHaveCount(0);
  await section.screenshot({
    path: testInfo.outputPath('launcher-section.png')
  });

  // When the student clicks the tile
  await tile.click();

  // Then a notebook opens on the plotter kernel with the starter cell: a parameter in use
  await expect(page.locator('.jp-NotebookPanel')).toBeVisible();
  await waitForIdleKernel(page);
  const kernelName = await page.evaluate(() => {
    const w = window as unknown as ILabWindow;
    return w.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel
      ?.name;
  });
  expect(kernelName).toBe('plotter');
  expect(await page.notebook.getCellTextInput(0)).toBe('a = 2\ny = a sin(x)');
  await expect(
    page.locator('.jp-NotebookPanel-toolbar .jp-KernelName')
  ).toHaveText('Graphing Calculator');

  // And Shift+Enter on it draws, with nothing marked
  await page.notebook.runCell(0);
  const cell = (await page.notebook.getCellLocator(0))!;
  await expect(cell.locator('.jp-PlotterView svg[role="img"]')).toHaveCount(1);
  // with a slider for the parameter it uses
  await expect(cell.locator('.jp-PlotterView-slider')).toHaveCount(1);
  await expect(cell.locator('.jp-plotter-error')).toHaveCount(0);
});

test('the command is in the palette and in File › New', async ({ page }) => {
  await page.menu.open('File');
  await page
    .locator('.lm-Menu-item[data-type="submenu"]', { hasText: 'New' })
    .hover();
  await expect(
    page.locator('.lm-Menu-item[data-command="plotter:new-calculator"]')
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+Shift+C');
  await page.locator('.lm-CommandPalette-input').fill('Graphing Calculator');
  await expect(
    page.locator('.lm-CommandPalette-item', {
      hasText: 'New Graphing Calculator'
    })
  ).toBeVisible();
});

test('cells of plotter notebooks get the plotter syntax with distinct token classes', async ({
  page,
  tmpPath
}) => {
  await openPlotterNotebook(page, tmpPath, 'syntax.ipynb', [
    'f(x) = 2sin(x) + pi for x in [0, 1] # note'
  ]);
  const cell = (await page.notebook.getCellLocator(0))!;

  // The editor model of the cell uses the plotter MIME type
  const mime = await page.evaluate(() => {
    const w = window as unknown as ILabWindow & {
      jupyterapp: {
        shell: {
          currentWidget: {
            content?: { widgets: Array<{ model: { mimeType: string } }> };
          } | null;
        };
      };
    };
    return w.jupyterapp.shell.currentWidget?.content?.widgets[0].model.mimeType;
  });
  expect(mime).toBe('text/x-plotter');

  await expect(cell.locator('.cm-line span', { hasText: 'sin' })).toHaveCount(
    1
  );
  const spans = await lineSpans(cell);
  const classOf = (text: string): string => {
    const span = spans.find(s => s.text === text);
    expect(span, `a span for ${text}`).toBeDefined();
    return span!.className;
  };
  const kinds = {
    builtin: classOf('sin'),
    number: classOf('2'),
    constant: classOf('pi'),
    keyword: classOf('for'),
    operator: classOf('+'),
    comment: classOf('# note'),
    plotVariable: classOf('x')
  };
  for (const className of Object.values(kinds)) {
    expect(className).not.toBe('');
  }
  expect(new Set(Object.values(kinds)).size).toBe(Object.keys(kinds).length);
  // `f` is a user name: it is not styled as a builtin
  expect(spans.find(s => s.text.startsWith('f'))?.className ?? '').not.toBe(
    kinds.builtin
  );

  // Colours come from the theme's token colours
  const colorOf = (text: string) =>
    cell
      .locator('.cm-line span', { hasText: new RegExp(`^${text}$`) })
      .first()
      .evaluate(node => getComputedStyle(node).color);
  expect(await colorOf('sin')).toBe(
    await cssColor(page, '--jp-mirror-editor-builtin-color')
  );
  expect(await colorOf('for')).toBe(
    await cssColor(page, '--jp-mirror-editor-keyword-color')
  );
  expect(await colorOf('2')).toBe(
    await cssColor(page, '--jp-mirror-editor-number-color')
  );
});

test('brackets are matched', async ({ page, tmpPath }) => {
  await openPlotterNotebook(page, tmpPath, 'brackets.ipynb', ['y = sin((x))']);
  await page.notebook.enterCellEditingMode(0);
  await page.keyboard.press('End');
  await expect(
    (await page.notebook.getCellLocator(0))!.locator('.cm-matchingBracket')
  ).toHaveCount(2);
});

test('.plot files open with the plotter syntax', async ({ page, tmpPath }) => {
  await page.contents.uploadContent(
    'r = 1 + cos(theta)\n',
    'text',
    `${tmpPath}/rose.plot`
  );
  await page.filebrowser.open(`${tmpPath}/rose.plot`);
  const editor = page.locator('.jp-FileEditor .cm-content');
  await expect(editor.locator('span', { hasText: /^cos$/ })).toHaveCount(1);
  const cosClass = await editor
    .locator('span', { hasText: /^cos$/ })
    .evaluate(node => node.className);
  const numberClass = await editor
    .locator('span', { hasText: /^1$/ })
    .evaluate(node => node.className);
  expect(cosClass).not.toBe('');
  expect(cosClass).not.toBe(numberClass);
});

test('opening the demo does not mark it modified', async ({
  page,
  tmpPath
}) => {
  const demo = path.resolve(
    __dirname,
    '..',
    '..',
    'demo',
    'plotter-demo.ipynb'
  );
  await page.contents.uploadFile(demo, `${tmpPath}/plotter-demo.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/plotter-demo.ipynb`);
  await page.notebook.activate('plotter-demo.ipynb');
  await waitForIdleKernel(page);
  // Once Lab has the kernel's info (it copies language_info into the notebook)
  await page.evaluate(async () => {
    const w = window as unknown as ILabWindow;
    await w.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel
      ?.info;
  });
  await expect(page.locator('.jp-NotebookPanel .jp-Cell')).not.toHaveCount(0);
  await expect(page.locator('.lm-TabBar-tab.jp-mod-dirty')).toHaveCount(0);
});
