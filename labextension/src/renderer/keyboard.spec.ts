import { handleKey, IKeyActions, PAN_STEP, plotUsesKey } from './keyboard';
import { buttonKeys, sliderKeys, textKeys } from './keys';

function key(name: string, mods: Partial<KeyboardEvent> = {}) {
  return {
    key: name,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    ...mods,
    preventDefault: jest.fn(),
    stopPropagation: jest.fn()
  } as unknown as KeyboardEvent;
}

function actions(tracing: boolean): IKeyActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    tracing,
    width: 600,
    height: 400,
    zoomIn: () => calls.push('in'),
    zoomOut: () => calls.push('out'),
    pan: (dx, dy) => calls.push(`pan ${dx} ${dy}`),
    traceStart: () => calls.push('start'),
    traceStop: () => calls.push('stop'),
    traceMove: d => calls.push(`move ${d}`),
    traceSwitch: d => calls.push(`switch ${d}`)
  };
}

describe('handleKey', () => {
  it('zooms and pans, and keeps the key', () => {
    const a = actions(false);
    for (const name of ['+', '=', '-', '\u2212', 'ArrowLeft', 'ArrowDown']) {
      const event = key(name);
      handleKey(event, a);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(event.stopPropagation).toHaveBeenCalled();
    }
    expect(a.calls).toEqual([
      'in',
      'in',
      'out',
      'out',
      `pan ${600 * PAN_STEP} 0`,
      `pan 0 ${-400 * PAN_STEP}`
    ]);
  });

  it('moves the trace with the arrows while tracing', () => {
    const a = actions(true);
    for (const name of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
      handleKey(key(name), a);
    }
    expect(a.calls).toEqual(['move -1', 'move 1', 'switch -1', 'switch 1']);
  });

  it('toggles the trace with T; Escape only stops it', () => {
    const off = actions(false);
    handleKey(key('t'), off);
    const escape = key('Escape');
    handleKey(escape, off);
    expect(off.calls).toEqual(['start']);
    expect(escape.preventDefault).not.toHaveBeenCalled();
    const on = actions(true);
    handleKey(key('T'), on);
    handleKey(key('Escape'), on);
    expect(on.calls).toEqual(['stop', 'stop']);
  });

  it('leaves other keys and modified keys alone', () => {
    const a = actions(false);
    const other = key('x');
    const ctrl = key('+', { ctrlKey: true });
    handleKey(other, a);
    handleKey(ctrl, a);
    expect(a.calls).toEqual([]);
    expect(other.preventDefault).not.toHaveBeenCalled();
    expect(ctrl.preventDefault).not.toHaveBeenCalled();
  });
});

describe('which keys the plot and its controls take from Lab', () => {
  const uses = {
    plot: (e: KeyboardEvent) => plotUsesKey(e, false),
    tracing: (e: KeyboardEvent) => plotUsesKey(e, true),
    slider: sliderKeys,
    button: buttonKeys,
    text: textKeys
  };
  const taken = (name: string, mods: Partial<KeyboardEvent> = {}) =>
    Object.entries(uses)
      .filter(([, use]) => use(key(name, mods)))
      .map(([control]) => control);

  it('leaves Ctrl+S, Shift+Enter and command-mode keys to Lab', () => {
    expect(taken('s', { ctrlKey: true })).toEqual([]);
    expect(taken('s', { metaKey: true })).toEqual([]);
    expect(taken('Enter', { shiftKey: true })).toEqual([]);
    expect(taken('b')).toEqual(['text']);
    expect(taken('ArrowUp', { altKey: true })).toEqual([]);
  });

  it('gives each control the keys it uses', () => {
    expect(taken('ArrowLeft')).toEqual(['plot', 'tracing', 'slider', 'text']);
    expect(taken('+')).toEqual(['plot', 'tracing', 'text']);
    expect(taken('t')).toEqual(['plot', 'tracing', 'text']);
    expect(taken('Home')).toEqual(['slider', 'text']);
    expect(taken('Enter')).toEqual(['button', 'text']);
    expect(taken(' ')).toEqual(['button', 'text']);
  });

  it('takes Escape for the plot only while tracing', () => {
    expect(taken('Escape')).toEqual(['tracing', 'text']);
  });
});
