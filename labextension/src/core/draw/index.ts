/**
 * The drawing side of the TypeScript core: program + view + params + limits -> scene v2
 * (`drawProgram`), and scene -> static SVG (`sceneToSvg`).
 */

export { drawProgram } from './drawProgram';
export type { IDrawOptions, IDrawRequest, IDrawn } from './drawProgram';
export { describe as describeScene } from './describe';
export { DEFAULT_LIMITS as DEFAULT_DRAW_LIMITS } from './plan';
export type { IDrawLimits, IDrawProblem } from './plan';
export { slider } from './params';
export { sceneToSvg } from './svg';
export type { ISvgOptions } from './svg';
