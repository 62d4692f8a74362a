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

/** The Cache Storage cache that holds the site's contents listings. */
export const LISTINGS_CACHE = 'plotter-contents-listings';

/** Whether `url` is one of the site's contents listings (`api/contents/…/all.json`). */
export function isListing(url: URL, origin: string): boolean {
  return (
    url.origin === origin &&
    /\/api\/contents\/(.+\/)?all\.json$/.test(url.pathname)
  );
}

/** The part of the Cache Storage API the listings use. */
export interface IListingCache {
  put(request: string, response: Response): Promise<void>;
  match(request: string): Promise<Response | undefined>;
}

/**
 * `fetch`, except that the site's contents listings are kept: each one fetched is
 * stored in `open()`'s cache, and one that cannot be fetched (no network) comes from
 * there. JupyterLite lists the site's own notebooks from these files, and its service
 * worker never keeps anything under `/api/`: without them the demo would not open
 * offline, though its file (under `files/`) is kept.
 */
export function keepingListings(
  network: typeof fetch,
  open: () => Promise<IListingCache>,
  origin: string
): typeof fetch {
  return async (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    const method =
      init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = new URL(href, `${origin}/`);
    if (method.toUpperCase() !== 'GET' || !isListing(url, origin)) {
      return network(input, init);
    }
    try {
      const response = await network(input, init);
      if (response.ok) {
        const cache = await open();
        await cache.put(url.href, response.clone()).catch(() => undefined);
      }
      return response;
    } catch (reason) {
      const kept = await (await open()).match(url.href);
      if (kept) {
        return kept;
      }
      throw reason;
    }
  };
}

/** Keep the site's contents listings for offline use (see `keepingListings`). */
export function keepListings(): void {
  if (typeof caches === 'undefined') {
    return;
  }
  window.fetch = keepingListings(
    window.fetch.bind(window),
    () => caches.open(LISTINGS_CACHE),
    window.location.origin
  );
}
