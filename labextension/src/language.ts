/**
 * The `plotter` CodeMirror 6 language: a stream language over the pure token rules.
 */

import { LanguageSupport, StreamLanguage } from '@codemirror/language';
import { IEditorLanguage } from '@jupyterlab/codemirror';

import { readToken } from './core/editor';
import { KERNEL_NAME, PLOTTER_EXTENSION, PLOTTER_MIME } from './tokens';

/** The Plotter stream language; lines carry no state between them. */
export const plotterLanguage = StreamLanguage.define<null>({
  name: KERNEL_NAME,
  startState: () => null,
  token: stream => {
    const { end, kind } = readToken(stream.string, stream.pos);
    stream.pos = end;
    return kind;
  },
  languageData: {
    commentTokens: { line: '#' },
    closeBrackets: { brackets: ['(', '['] }
  }
});

/** Language support (the stream language alone: highlighting and brackets). */
export function plotter(): LanguageSupport {
  return new LanguageSupport(plotterLanguage);
}

/** The entry given to `IEditorLanguageRegistry.addLanguage`. */
export const plotterEditorLanguage: IEditorLanguage = {
  name: KERNEL_NAME,
  displayName: 'Plotter',
  alias: ['plot'],
  mime: PLOTTER_MIME,
  extensions: [PLOTTER_EXTENSION],
  load: async () => plotter()
};
