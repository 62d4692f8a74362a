import type { Scene } from '../types';
import { SCENE_MIME, display } from './display';

const SCENE: Scene = {
  version: 2,
  view: { x: [-10, 10], y: [-1, 1], width: 600, height: 400, equal: false },
  items: [],
  params: [],
  program: {
    version: 1,
    statements: [],
    definitions: [],
    window: { x: null, y: null }
  },
  description: 'A plot of y = sin(x).'
};

describe('display', () => {
  it('carries the SVG, the description and the scene, in that order', () => {
    const { data, warnings } = display(SCENE, '<svg/>', 5e6);
    expect(warnings).toEqual([]);
    expect(Object.keys(data)).toEqual([
      'image/svg+xml',
      'text/plain',
      SCENE_MIME
    ]);
    expect(data).toEqual({
      [SCENE_MIME]: SCENE,
      'image/svg+xml': '<svg/>',
      'text/plain': 'A plot of y = sin(x).'
    });
  });

  it('leaves the SVG out first when the output would be too large', () => {
    const svg = '<svg>' + 'x'.repeat(20000) + '</svg>';
    const { data, warnings } = display(SCENE, svg, 10000);
    expect(data['image/svg+xml']).toBeUndefined();
    expect(data[SCENE_MIME]).toBe(SCENE);
    expect(warnings).toEqual([
      [
        'output-too-big',
        'The SVG copy was left out: this output would be larger than 10 kB.'
      ]
    ]);
  });

  it('cuts a very long description', () => {
    const long = { ...SCENE, description: 'y'.repeat(3000) };
    const text = display(long, null, 5e6).data['text/plain'];
    expect(text).toBe('y'.repeat(2000) + '…');
  });
});
