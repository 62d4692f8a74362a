/**
 * The Plotter JupyterLab plugins: launcher tile, syntax mode, error highlight and
 * the interactive plot.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import {
  EditorExtensionRegistry,
  IEditorExtensionRegistry,
  IEditorLanguageRegistry
} from '@jupyterlab/codemirror';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { DiagnosticsHighlighter } from './highlight';
import { plotterIcon } from './icons';
import { plotterEditorLanguage } from './language';
import { newCalculator } from './launcher';
import { diagnosticsExtension } from './marks';
import { liteKernelPlugin } from './lite/plugin';
import { rendererPlugin } from './renderer/plugin';
import { leaveOutKernelTiles } from './tiles';
import {
  CommandIDs,
  KERNEL_NAME,
  PLOTTER_EXTENSION,
  PLOTTER_MIME
} from './tokens';

/** Category of the launcher tile. */
const LAUNCHER_CATEGORY = 'Plotter';

/** Launcher tile, palette entry and File › New item for a new calculator notebook. */
const launcherPlugin: JupyterFrontEndPlugin<void> = {
  id: 'plotter-labextension:launcher',
  description: 'Adds the Graphing Calculator launcher tile and command.',
  autoStart: true,
  optional: [ILauncher, ICommandPalette, IMainMenu, IDefaultFileBrowser],
  activate: (
    app: JupyterFrontEnd,
    launcher: ILauncher | null,
    palette: ICommandPalette | null,
    mainMenu: IMainMenu | null,
    browser: IDefaultFileBrowser | null
  ): void => {
    app.commands.addCommand(CommandIDs.newCalculator, {
      label: args =>
        args['isPalette'] ? 'New Graphing Calculator' : 'Graphing Calculator',
      caption: 'Open a new notebook on the Graphing Calculator kernel',
      icon: args => (args['isPalette'] ? undefined : plotterIcon),
      execute: args => {
        const cwd =
          typeof args['cwd'] === 'string'
            ? args['cwd']
            : (browser?.model.path ?? '');
        return newCalculator(app.commands, cwd);
      }
    });
    if (launcher) {
      leaveOutKernelTiles(launcher, KERNEL_NAME);
    }
    launcher?.add({
      command: CommandIDs.newCalculator,
      category: LAUNCHER_CATEGORY,
      rank: 0
    });
    palette?.addItem({
      command: CommandIDs.newCalculator,
      category: LAUNCHER_CATEGORY,
      args: { isPalette: true }
    });
    mainMenu?.fileMenu.newMenu.addItem({
      command: CommandIDs.newCalculator,
      rank: 30
    });
  }
};

/** The `plotter` CodeMirror language and the `.plot` file type. */
const languagePlugin: JupyterFrontEndPlugin<void> = {
  id: 'plotter-labextension:language',
  description: 'Adds the Plotter syntax mode (text/x-plotter) and .plot files.',
  autoStart: true,
  requires: [IEditorLanguageRegistry],
  activate: (
    app: JupyterFrontEnd,
    languages: IEditorLanguageRegistry
  ): void => {
    languages.addLanguage(plotterEditorLanguage);
    app.docRegistry.addFileType({
      name: KERNEL_NAME,
      displayName: 'Plotter File',
      extensions: [`.${PLOTTER_EXTENSION}`],
      mimeTypes: [PLOTTER_MIME],
      icon: plotterIcon
    });
  }
};

/** Underline, gutter marker and hover message for each diagnostic of a run. */
const highlightPlugin: JupyterFrontEndPlugin<void> = {
  id: 'plotter-labextension:highlight',
  description:
    'Marks the problems the Plotter kernel reports in the cell editor.',
  autoStart: true,
  requires: [INotebookTracker, IEditorExtensionRegistry],
  optional: [ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    extensions: IEditorExtensionRegistry,
    settingRegistry: ISettingRegistry | null
  ): void => {
    const highlighter = new DiagnosticsHighlighter(tracker);
    extensions.addExtension({
      name: 'plotter-labextension:diagnostics',
      factory: options =>
        EditorExtensionRegistry.createImmutableExtension(
          diagnosticsExtension(text =>
            highlighter.marksFor(options.model, text)
          )
        )
    });
    if (settingRegistry) {
      void settingRegistry
        .load(highlightPlugin.id)
        .then(settings => {
          const update = (): void => {
            highlighter.enabled =
              settings.composite['highlightErrors'] !== false;
            highlighter.whileTyping =
              settings.composite['highlightWhileTyping'] !== false;
          };
          settings.changed.connect(update);
          update();
        })
        .catch(reason => {
          console.error(
            'Plotter: could not load the highlight settings',
            reason
          );
        });
    }
  }
};

export default [
  launcherPlugin,
  languagePlugin,
  highlightPlugin,
  rendererPlugin,
  liteKernelPlugin
];
