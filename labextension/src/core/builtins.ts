/**
 * The builtin table of the language, read from `language/builtins.json` (written from
 * the Python kernel's table, so both lexers and completers know the same names).
 */

import table from './builtins.json';

/** One builtin function: how many inputs it takes, and its signature and doc. */
export interface IBuiltin {
  name: string;
  min: number;
  max: number | null;
  signature: string;
  doc: string;
}

export interface IConstant {
  name: string;
  value: number;
  doc: string;
}

export const BUILTINS: ReadonlyMap<string, IBuiltin> = new Map(
  (table.functions as IBuiltin[]).map(b => [b.name, b])
);

/** Other spellings of builtins (`arcsin` is `asin`). */
export const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(table.aliases as Record<string, string>)
);

/** `sin^-1 x` is `asin(x)`: the functions whose power -1 means their inverse. */
export const INVERSES: ReadonlyMap<string, string> = new Map(
  Object.entries(table.inverses as Record<string, string>)
);

/** `sum(n, 1, 10, 1/n^2)` and `prod(k, 1, 5, k)`, with their docs. */
export const SERIES: ReadonlyMap<string, string> = new Map(
  Object.entries(table.series as Record<string, string>)
);

export const CONSTANTS: ReadonlyMap<string, IConstant> = new Map(
  (table.constants as IConstant[]).map(c => [c.name, c])
);

/** What the plot variables mean, for inspection. */
export const VARIABLE_DOCS: ReadonlyMap<string, string> = new Map(
  Object.entries(table.variables as Record<string, string>)
);

/** Names that are plot variables, never user definitions. */
export const PLOT_VARIABLES: ReadonlySet<string> = new Set(
  VARIABLE_DOCS.keys()
);

/** Whether `builtin` accepts `count` inputs. */
export function accepts(builtin: IBuiltin, count: number): boolean {
  return count >= builtin.min && (builtin.max === null || count <= builtin.max);
}

/** How many inputs the function takes, in words. */
export function arityText(builtin: IBuiltin): string {
  if (builtin.max === null) {
    return `${builtin.min} or more inputs`;
  }
  if (builtin.min === builtin.max) {
    return builtin.min === 1 ? '1 input' : `${builtin.min} inputs`;
  }
  return `${builtin.min} or ${builtin.max} inputs`;
}
