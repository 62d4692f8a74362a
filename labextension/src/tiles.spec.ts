import { isKernelTileOf, leaveOutKernelTiles } from './tiles';

/** Launcher items as JupyterLab's notebook and console plugins add them. */
const notebookTile = (kernelName: string) => ({
  command: 'notebook:create-new',
  args: { isLauncher: true, kernelName }
});
const consoleTile = (name: string) => ({
  command: 'console:create',
  args: { isLauncher: true, kernelPreference: { name } }
});
const calculatorTile = { command: 'plotter:new-calculator' };

describe('isKernelTileOf', () => {
  it("recognises the kernelspec's notebook and console tiles", () => {
    expect(isKernelTileOf(notebookTile('plotter'), 'plotter')).toBe(true);
    expect(isKernelTileOf(consoleTile('plotter'), 'plotter')).toBe(true);
  });

  it('leaves other kernels, other commands and the calculator tile alone', () => {
    expect(isKernelTileOf(notebookTile('python3'), 'plotter')).toBe(false);
    expect(isKernelTileOf(consoleTile('python3'), 'plotter')).toBe(false);
    expect(isKernelTileOf(calculatorTile, 'plotter')).toBe(false);
    expect(isKernelTileOf({ command: 'notebook:create-new' }, 'plotter')).toBe(
      false
    );
    expect(
      isKernelTileOf(
        { command: 'terminal:create-new', args: { kernelName: 'plotter' } },
        'plotter'
      )
    ).toBe(false);
  });
});

describe('leaveOutKernelTiles', () => {
  /** The add/items part of JupyterLab's LauncherModel. */
  class Model {
    list: Array<{ command: string }> = [];
    add(item: { command: string }) {
      this.list.push(item);
      return { isDisposed: false, dispose: () => undefined };
    }
    items() {
      return this.list[Symbol.iterator]();
    }
  }

  it('filters tiles added before and after', () => {
    const model = new Model();
    model.add(notebookTile('plotter'));
    model.add(notebookTile('python3'));
    expect(leaveOutKernelTiles(model, 'plotter')).toBe(true);
    model.add(consoleTile('plotter'));
    model.add(calculatorTile);
    model.add(consoleTile('python3'));
    expect(Array.from(model.items())).toEqual([
      notebookTile('python3'),
      calculatorTile,
      consoleTile('python3')
    ]);
  });

  it('does nothing to a launcher that does not list its items', () => {
    const launcher = { add: new Model().add };
    expect(leaveOutKernelTiles(launcher, 'plotter')).toBe(false);
  });
});
