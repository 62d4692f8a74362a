/**
 * Offline after one visit. JupyterLite's service worker keeps a copy of every file
 * fetched through it (with `enableServiceWorkerCache`), but the files of a first visit
 * mostly load before it controls the page, and the evaluation worker's code only when
 * a kernel starts. So every file the calculator has loaded, the page's and its
 * worker's, is fetched once more through the service worker, which then has them all
 * for a reload without network.
 */

/** Files already fetched again. */
const kept = new Set<string>();

/** The files of this origin that `scope` (the page or a worker) has loaded. */
export function loadedFiles(scope: {
  location: { href: string; origin: string };
  performance: Pick<Performance, 'getEntriesByType'>;
}): string[] {
  const origin = scope.location.origin;
  return [
    scope.location.href,
    ...scope.performance.getEntriesByType('resource').map(entry => entry.name)
  ].filter(url => url.startsWith(`${origin}/`) && !url.includes('/api/'));
}

/** The passes so far, one after the other. */
let passes: Promise<void> = Promise.resolve();

/**
 * Fetch the page, what it has loaded and `more` through the service worker once it
 * controls the page. The body's `data-plotter-offline` says `keeping` while a pass
 * runs, `ready` once every pass so far is done.
 */
export function keepForOffline(more: readonly string[] = []): Promise<void> {
  const workers = navigator.serviceWorker;
  if (!workers) {
    return passes;
  }
  const state = document.body.dataset;
  state.plotterOffline = 'keeping';
  passes = passes.then(async () => {
    if (!workers.controller) {
      await new Promise(resolve =>
        workers.addEventListener('controllerchange', resolve, { once: true })
      );
    }
    const fresh = [...loadedFiles(window), ...more].filter(
      url => !kept.has(url)
    );
    fresh.forEach(url => kept.add(url));
    await Promise.all(fresh.map(url => fetch(url).catch(() => undefined)));
  });
  const mine = passes;
  void mine.then(() => {
    if (passes === mine) {
      state.plotterOffline = 'ready';
    }
  });
  return mine;
}
