/**
 * Helpers for the Plotter browser tests: notebooks on the plotter kernel and editor marks.
 */
import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';

/** The parts of the page's JupyterLab objects these tests read. */
interface IKernelView {
  connectionStatus: string;
  status: string;
  name: string;
  /** The kernel's `kernel_info_reply` content, once it has come. */
  info: Promise<unknown>;
  anyMessage: {
    connect(slot: (sender: unknown, args: IAnyMessage) => void): boolean;
  };
  statusChanged: {
    connect(slot: (sender: unknown, status: string) => void): boolean;
  };
  /** The requests whose replies the connection still waits for (private to Lab). */
  _futures?: Map<string, unknown>;
}

interface IAnyMessage {
  direction: 'send' | 'recv';
  msg: {
    header: { msg_type: string };
    content: { diagnostics?: IRecordedDiagnostic[] };
  };
}

/** The window of a JupyterLab page, as far as these tests use it. */
export interface ILabWindow {
  jupyterapp: {
    shell: {
      currentWidget: {
        sessionContext?: { session?: { kernel?: IKernelView | null } | null };
      } | null;
    };
  };
  plotterReplies?: Array<IRecordedDiagnostic[] | null>;
  plotterStatuses?: string[];
}

/** One text span of a cell editor with its CSS classes. */
export interface ISpan {
  text: string;
  className: string;
}

/** What the kernel sent for the last run of a cell, recorded in the page. */
export interface IRecordedDiagnostic {
  range: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  };
  severity: number;
  message: string;
}

/**
 * Upload a notebook on the plotter kernel whose code cells hold `sources`,
 * open it and wait until the kernel is idle.
 */
export async function openPlotterNotebook(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  name: string,
  sources: string[]
): Promise<void> {
  const notebook = {
    cells: sources.map((source, index) => ({
      cell_type: 'code',
      execution_count: null,
      id: `cell-${index}`,
      metadata: {},
      outputs: [],
      source
    })),
    metadata: {
      kernelspec: {
        display_name: 'Graphing Calculator',
        language: 'plotter',
        name: 'plotter'
      },
      language_info: { name: 'plotter', mimetype: 'text/x-plotter' }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
  await page.contents.uploadContent(
    JSON.stringify(notebook),
    'text',
    `${tmpPath}/${name}`
  );
  await page.notebook.openByPath(`${tmpPath}/${name}`);
  await page.notebook.activate(name);
  await waitForIdleKernel(page);
}

/** Wait until the current notebook's kernel is connected and idle. */
export async function waitForIdleKernel(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as unknown as ILabWindow;
    const kernel =
      w.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel;
    return (
      kernel?.connectionStatus === 'connected' && kernel?.status === 'idle'
    );
  });
}

/**
 * Record the `diagnostics` of every `execute_reply` of the current
 * notebook's kernel in `window.plotterReplies`, to compare the marks with
 * what the kernel really sent.
 */
export async function recordReplies(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as ILabWindow;
    const kernel =
      w.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
    const replies: Array<IRecordedDiagnostic[] | null> = [];
    w.plotterReplies = replies;
    kernel?.anyMessage.connect((_, args) => {
      if (
        args.direction === 'recv' &&
        args.msg.header.msg_type === 'execute_reply'
      ) {
        replies.push(args.msg.content.diagnostics ?? null);
      }
    });
  });
}

/** Diagnostics of the last recorded `execute_reply`. */
export async function lastReplyDiagnostics(
  page: IJupyterLabPageFixture
): Promise<IRecordedDiagnostic[]> {
  return page.evaluate(() => {
    const replies = (window as unknown as ILabWindow).plotterReplies ?? [];
    return replies[replies.length - 1] ?? [];
  });
}

/** The text spans (leaf elements) of the first line of a cell editor. */
export async function lineSpans(cell: Locator, line = 0): Promise<ISpan[]> {
  return cell
    .locator('.cm-line')
    .nth(line)
    .evaluate(node =>
      Array.from(node.querySelectorAll('span'))
        .filter(span => span.children.length === 0)
        .map(span => ({
          text: span.textContent ?? '',
          className: span.className
        }))
    );
}

/** Resolve a CSS custom property to the colour the browser computes for it. */
export async function cssColor(
  page: IJupyterLabPageFixture,
  variable: string
): Promise<string> {
  return page.evaluate(name => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.appendChild(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, variable);
}

/**
 * Record from now on every status the current notebook's kernel shows, in
 * `window.plotterStatuses`, and return how many requests the connection waits on.
 */
export async function watchKernel(
  page: IJupyterLabPageFixture
): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as ILabWindow;
    const kernel =
      w.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
    const statuses: string[] = [];
    w.plotterStatuses = statuses;
    kernel?.statusChanged.connect((_, status) => statuses.push(status));
    return kernel?._futures?.size ?? -1;
  });
}

/** The statuses recorded since `watchKernel`, and the requests waited on now. */
export async function watchedKernel(
  page: IJupyterLabPageFixture
): Promise<{ statuses: string[]; waiting: number }> {
  return page.evaluate(() => {
    const w = window as unknown as ILabWindow;
    const kernel =
      w.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
    return {
      statuses: w.plotterStatuses ?? [],
      waiting: kernel?._futures?.size ?? -1
    };
  });
}
