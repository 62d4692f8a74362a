/**
 * The interactive plot in Jupyter Notebook 7: the same extension, another application.
 * Starts its own `jupyter notebook` on 127.0.0.1 (port 9210, PLOTTER_NB7_PORT moves it).
 */
import { expect, Page, test } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { ILabWindow } from './helpers';
import {
  collectErrors,
  countInside,
  drawnCurve,
  pagePoint,
  plotIn,
  shownView,
  waitForRedraw
} from './plots';

const PORT = Number(process.env.PLOTTER_NB7_PORT ?? 9210);
const BASE = `http://127.0.0.1:${PORT}`;

/**
 * Notebook 7.6.5 itself throws this on every page load, with or without this
 * extension: its shortcuts plugin reads the settings of
 * `@jupyterlab/notebook-extension:panel`, a plugin Notebook 7 does not have.
 */
const NOTEBOOK7_OWN_ERROR =
  "Cannot read properties of undefined (reading 'schema')";

/** The page's errors, less Notebook 7's own. */
function ours(errors: string[]): string[] {
  return errors.filter(e => !e.includes(NOTEBOOK7_OWN_ERROR));
}

let server: ChildProcess | null = null;
let root = '';

/** Write a notebook on the plotter kernel with one code cell. */
function writeNotebook(name: string, source: string): void {
  const notebook = {
    cells: [
      {
        cell_type: 'code',
        execution_count: null,
        id: 'cell-0',
        metadata: {},
        outputs: [],
        source
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
  fs.writeFileSync(path.join(root, name), JSON.stringify(notebook));
}

/** Open a notebook in Notebook 7, run its cell and wait for the live plot. */
async function runInNotebook7(page: Page, name: string) {
  await page.goto(`${BASE}/notebooks/${name}`);
  const editor = page.locator('.jp-Cell .cm-content').first();
  await expect(editor).toBeVisible({ timeout: 60000 });
  await page.waitForFunction(
    () => {
      const w = window as unknown as ILabWindow;
      const kernel =
        w.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel;
      return (
        kernel?.connectionStatus === 'connected' && kernel?.status === 'idle'
      );
    },
    undefined,
    { timeout: 60000 }
  );
  await editor.click();
  await page.keyboard.press('Shift+Enter');
  const plot = plotIn(page);
  await expect(plot).toBeVisible({ timeout: 60000 });
  await waitForRedraw(plot);
  return plot;
}

test.beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'plotter-nb7-'));
  server = spawn(
    'jupyter',
    [
      'notebook',
      '--no-browser',
      `--port=${PORT}`,
      '--port-retries=0',
      '--ip=127.0.0.1',
      '--allow-root',
      '--ServerApp.token=',
      '--ServerApp.password=',
      '--ServerApp.disable_check_xsrf=True',
      '--JupyterNotebookApp.expose_app_in_browser=True',
      `--ServerApp.root_dir=${root}`
    ],
    { stdio: 'ignore' }
  );
  const deadline = Date.now() + 90000;
  for (;;) {
    try {
      const response = await fetch(`${BASE}/api/status`);
      if (response.ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      throw new Error(`jupyter notebook did not start on port ${PORT}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const stopped = new Promise(resolve => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await stopped;
  }
  fs.rmSync(root, { recursive: true, force: true });
});

test('Notebook 7 shows the live plot; wheel zoom re-samples it', async ({
  page
}) => {
  const errors = collectErrors(page);
  writeNotebook('zoom.ipynb', 'y = sin(5x)');
  const plot = await runInNotebook7(page, 'zoom.ipynb');
  await expect(plot.locator('svg[role="img"]')).toHaveAttribute(
    'aria-label',
    /sin\(5x\)/
  );
  await expect(page.locator('.jp-OutputArea-output img')).toHaveCount(0);
  const before = await shownView(plot);
  const curveBefore = await drawnCurve(plot);

  await page.mouse.move(...pagePoint(before, 1, 0));
  for (let k = 0; k < 6; k++) {
    await page.mouse.wheel(0, -150);
  }
  await expect
    .poll(async () => {
      const v = await shownView(plot);
      return v.x1 - v.x0;
    })
    .toBeLessThan(10);
  await waitForRedraw(plot);
  const after = await shownView(plot);
  const curveAfter = await drawnCurve(plot);
  expect(curveAfter.d).not.toBe(curveBefore.d);
  expect(countInside(curveAfter.points, after)).toBeGreaterThan(
    1.3 * countInside(curveBefore.points, after)
  );
  expect(ours(errors)).toEqual([]);
});

test('Notebook 7: a slider redraws and a click shows the points of interest', async ({
  page
}) => {
  const errors = collectErrors(page);
  writeNotebook(
    'features.ipynb',
    'x in [-3, 3]\ny in [-2, 4]\na = 1\ny = x^2 - a'
  );
  const plot = await runInNotebook7(page, 'features.ipynb');
  const view = await shownView(plot);

  await page.mouse.click(...pagePoint(view, 2, 3));
  const features = plot.locator('.jp-PlotterView-feature');
  await expect(features).toHaveCount(3);
  const labels = (await features.locator('text').allTextContents()).sort();
  expect(labels).toEqual(['(0, −1)', '(1, 0)', '(−1, 0)'].sort());

  const before = await drawnCurve(plot);
  await plot.locator('.jp-PlotterView-slider input[type="range"]').fill('3');
  await expect(plot.locator('.jp-PlotterView-items')).toHaveAttribute(
    'data-params',
    '{"a":3}'
  );
  expect((await drawnCurve(plot)).d).not.toBe(before.d);
  expect(ours(errors)).toEqual([]);
});

test('Notebook 7: the plot keeps its keys and leaves Ctrl+S to the notebook', async ({
  page
}) => {
  const errors = collectErrors(page);
  writeNotebook('keys.ipynb', 'y = x^2');
  const plot = await runInNotebook7(page, 'keys.ipynb');

  // Notebook 7 reads keys before the plot does: the plot's arrows still pan it
  const svg = plot.locator('svg');
  await svg.focus();
  const y0 = await plot.getAttribute('data-y0');
  await page.keyboard.press('ArrowDown');
  await expect(plot).not.toHaveAttribute('data-y0', y0!);
  await expect(svg).toBeFocused();

  // And Ctrl+S saves the notebook, with the plot in it
  await page.keyboard.press('Control+s');
  const saved = () =>
    JSON.parse(fs.readFileSync(path.join(root, 'keys.ipynb'), 'utf-8')).cells[0]
      .outputs.length;
  await expect.poll(saved).toBeGreaterThan(0);
  expect(ours(errors)).toEqual([]);
});
