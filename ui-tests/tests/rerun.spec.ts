/**
 * The demo through Kernel › Restart and Run All, twice: every plot is answered by the
 * live kernel (no false "re-run" note), and the saved notebook is valid nbformat.
 */
import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { recordReplies, waitForIdleKernel } from './helpers';
import { collectErrors } from './plots';

const DEMO = path.resolve(__dirname, '../../demo/plotter-demo.ipynb');

test.describe('Restart and Run All', () => {
  // Galata's kernel tracking answers a restart with 201, which JupyterLab rejects.
  test.use({ kernels: null });

  test('leaves no plot saying to re-run, and saves a valid notebook', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(240000);
    const errors = collectErrors(page);
    const demo = JSON.parse(fs.readFileSync(DEMO, 'utf-8'));
    const cells = demo.cells.filter(
      (c: { cell_type: string }) => c.cell_type === 'code'
    ).length;
    const name = 'demo.ipynb';
    await page.contents.uploadContent(
      JSON.stringify(demo),
      'text',
      `${tmpPath}/${name}`
    );
    // with its data beside it, as scripts/demo.sh and the Lite site have it
    await page.contents.uploadFile(
      path.join(path.dirname(DEMO), 'cooling.csv'),
      `${tmpPath}/cooling.csv`
    );
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    await waitForIdleKernel(page);
    // Every execute_reply from now on is recorded in window.plotterReplies
    await recordReplies(page);

    for (const round of [1, 2]) {
      await page.menu.clickMenuItem('Kernel>Restart Kernel and Run All Cells…');
      await page.locator('.jp-Dialog .jp-mod-accept').click();
      await page.waitForFunction(
        expected =>
          (window as unknown as { plotterReplies: unknown[] }).plotterReplies
            .length >= expected,
        round * cells,
        { timeout: 120000 }
      );
      await waitForIdleKernel(page);
      const plots = page.locator('.jp-PlotterView');
      expect(await plots.count()).toBeGreaterThanOrEqual(12);
      // Every plot gets the kernel's sampling of what it shows, well within the
      // time a lost request would wait before it is sent again.
      for (const plot of await plots.all()) {
        await expect(plot).toHaveAttribute('data-sampled', 'true');
      }
      await expect(page.locator('.jp-PlotterView-note:visible')).toHaveCount(0);
    }

    await page.notebook.save();
    const response = await page.request.get(
      `/api/contents/${tmpPath}/${name}?type=file&format=text&content=1`
    );
    const text = (await response.json()).content as string;
    const outputs = JSON.parse(text).cells.flatMap(
      (c: { outputs?: unknown[] }) => c.outputs ?? []
    );
    expect(
      outputs.some((o: { output_type: string }) => o.output_type === 'error')
    ).toBe(true);
    // nbformat's own validator, as nbgrader and nbviewer run it
    const verdict = execFileSync(
      process.env.PYTHON ?? 'python',
      [
        '-c',
        'import sys, nbformat; nbformat.validate(nbformat.reads(sys.stdin.read(), as_version=4)); print("valid")'
      ],
      { input: text, encoding: 'utf-8' }
    );
    expect(verdict.trim()).toBe('valid');
    expect(errors).toEqual([]);
  });
});
