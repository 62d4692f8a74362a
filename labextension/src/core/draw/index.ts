/**
 * The drawing side of the TypeScript core: program + view + params + limits -> scene v2
 * (`drawProgram`), and scene -> static SVG (`sceneToSvg`).
 */

export { drawProgram } from './sample';
export type { IDrawOptions, IDrawRequest, IDrawn } from './sample';
export { describe as describeScene } from './describe';
export { DEFAULT_LIMITS as DEFAULT_DRAW_LIMITS } from '../plan';
export type { IDrawLimits, IDrawProblem } from '../plan';
export { slider } from './sample';
export { sceneToSvg } from '../render/svg';
export type { ISvgOptions } from '../render/svg';
