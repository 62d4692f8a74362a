/** The colour-blind-safe palette (Okabe-Ito) that items take in order. */

export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442' // yellow, last: weakest on white
];

/** The colour of the `index`-th drawable statement of a cell (cycling after eight). */
export function color(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length];
}
