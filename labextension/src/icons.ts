/**
 * The Plotter icon: a sine curve on axes.
 */

import { LabIcon } from '@jupyterlab/ui-components';

import plotterSvg from '../style/icons/plotter.svg';

/** Icon of the launcher tile, the command and `.plot` files. */
export const plotterIcon = new LabIcon({
  name: 'plotter-labextension:plotter',
  svgstr: plotterSvg
});
