import { IRequestHost, PlotRequests, RERUN_NOTE, sameQuery } from './requests';
import type { IViewQuery } from './comm';

function host(notes: Array<[string | null, string | undefined]>): IRequestHost {
  return {
    view: () => ({ x0: -1, x1: 1, y0: -1, y1: 1, width: 100, height: 100 }),
    params: () => ({}),
    live: () => true,
    exact: () => true,
    needsScene: () => false,
    seeking: () => false,
    drawScene: () => undefined,
    showFeatures: () => undefined,
    note: (text, detail) => notes.push([text, detail])
  };
}

describe('PlotRequests', () => {
  it('says to re-run a plot with no display id', () => {
    const notes: Array<[string | null, string | undefined]> = [];
    const requests = new PlotRequests(() => null, host(notes));
    requests.reset(null);
    requests.askView();
    expect(notes).toEqual([
      [RERUN_NOTE, 'This plot cannot be redrawn by the kernel now.']
    ]);
    requests.dispose();
  });

  it('says to re-run when no kernel is connected', async () => {
    const notes: Array<[string | null, string | undefined]> = [];
    const requests = new PlotRequests(() => null, host(notes));
    requests.reset('abc');
    requests.ask('features');
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(notes).toEqual([[RERUN_NOTE, 'No kernel is connected.']]);
    requests.dispose();
  });
});

describe('sameQuery', () => {
  it('compares the view and values only', () => {
    const a: IViewQuery = {
      request: 'view',
      display_id: 'a',
      view: { x: [0, 1], y: [0, 1], width: 10, height: 10 },
      params: { a: 1 }
    };
    expect(sameQuery(a, { ...a, display_id: 'b' })).toBe(true);
    expect(sameQuery(a, { ...a, params: { a: 2 } })).toBe(false);
  });
});
