/** The Lite site keeps its contents listings, so its own notebooks open offline. */

import { IListingCache, isListing, keepingListings } from './offline';

const ORIGIN = 'https://class.example.org';

/** A cache in memory, and what was asked of the network. */
function setUp(online: { value: boolean }) {
  const stored = new Map<string, Response>();
  const cache: IListingCache = {
    put: async (key, response) => {
      stored.set(key, response);
    },
    match: async key => stored.get(key)?.clone()
  };
  const asked: string[] = [];
  const network = (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    if (!online.value) {
      throw new TypeError('Failed to fetch');
    }
    return new Response(JSON.stringify({ content: [{ name: 'demo.ipynb' }] }));
  }) as typeof fetch;
  const fetched = keepingListings(network, async () => cache, ORIGIN);
  return { fetched, stored, asked };
}

describe('isListing', () => {
  it('is true for the listings of the site, at any depth, and nothing else', () => {
    const at = (href: string) => isListing(new URL(href), ORIGIN);
    expect(at(`${ORIGIN}/api/contents/all.json`)).toBe(true);
    expect(at(`${ORIGIN}/site/api/contents/week1/all.json`)).toBe(true);
    expect(at(`${ORIGIN}/api/contents/all.json.bak`)).toBe(false);
    expect(at(`${ORIGIN}/files/all.json`)).toBe(false);
    expect(at(`${ORIGIN}/api/kernels`)).toBe(false);
    expect(at(`https://other.example.org/api/contents/all.json`)).toBe(false);
  });
});

describe('keepingListings', () => {
  it('answers a listing from its copy when the network is gone', async () => {
    const online = { value: true };
    const { fetched, stored } = setUp(online);
    const first = await fetched(`${ORIGIN}/api/contents/all.json`);
    expect((await first.json()).content[0].name).toBe('demo.ipynb');
    expect([...stored.keys()]).toEqual([`${ORIGIN}/api/contents/all.json`]);

    online.value = false;
    const offline = await fetched('/api/contents/all.json');
    expect((await offline.json()).content[0].name).toBe('demo.ipynb');
  });

  it('fails as fetch does for a listing never seen, and leaves other requests alone', async () => {
    const online = { value: false };
    const { fetched, stored, asked } = setUp(online);
    await expect(
      fetched(`${ORIGIN}/api/contents/week2/all.json`)
    ).rejects.toThrow('Failed to fetch');
    online.value = true;
    await fetched(`${ORIGIN}/files/demo.ipynb`);
    await fetched(`${ORIGIN}/api/contents/all.json`, { method: 'POST' });
    expect(stored.size).toBe(0);
    expect(asked).toHaveLength(3);
  });
});
