/**
 * The builtin table of the language, the twin of the Python kernel's `lang/builtins.py`:
 * names, arities, signatures and docs come from `language/builtins.json` (written from
 * the Python table, so both lexers, completers and compilers know the same names), and
 * each function gets its implementation here, vectorised over {@link Value}s with the
 * same domain rules: real-valued, NaN where a function is undefined (never `inf`, which
 * means "too big").
 */

import table from '../builtins.json';
import * as stats from './stats';
import { map1, map2, multiply, Value } from './values';

/** What a builtin computes, over numbers or arrays alike. */
export type Impl = (...args: Value[]) => Value;

/** One builtin function: how many inputs it takes, its signature and doc, its numbers. */
export interface IBuiltin {
  name: string;
  minArgs: number;
  /** `null`: any number of inputs from `minArgs` on. */
  maxArgs: number | null;
  signature: string;
  doc: string;
  impl: Impl;
  /**
   * How it meets lists: `each` value (broadcasts), `reduce` its first `listArgs`
   * inputs (lists) to a number, `list`: a list in, a list out, or `draw`: it draws
   * its list on a line of its own and has no value (`histogram`).
   */
  kind: 'each' | 'reduce' | 'list' | 'draw';
  /** How many of its first inputs must be lists (`reduce` and `list` kinds). */
  listArgs: number;
}

export interface IConstant {
  name: string;
  value: number;
  doc: string;
}

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

/** Statements written like a call (`table("data.csv")`), with their docs. */
export const STATEMENTS: ReadonlyMap<string, string> = new Map(
  Object.entries(table.statements as Record<string, string>)
);

/** The named constants. */
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

/** Whether `count` inputs is a valid call of `builtin`. */
export function accepts(builtin: IBuiltin, count: number): boolean {
  return (
    count >= builtin.minArgs &&
    (builtin.maxArgs === null || count <= builtin.maxArgs)
  );
}

/** How many inputs the function takes, in words (as in the Python messages). */
export function arityText(builtin: IBuiltin): string {
  if (builtin.maxArgs === null) {
    return `${builtin.minArgs} or more inputs`;
  }
  if (builtin.minArgs === builtin.maxArgs) {
    return builtin.minArgs === 1 ? '1 input' : `${builtin.minArgs} inputs`;
  }
  return `${builtin.minArgs} or ${builtin.maxArgs} inputs`;
}

/** Largest denominator recognised in an exponent such as 1/3 or 2/5. */
const ODD_ROOTS = 99;

/** `a / b`, undefined (NaN) where `b` is zero. */
export function divide(a: Value, b: Value): Value {
  return map2(a, b, (u, v) => (v === 0 ? NaN : u / v));
}

/** `a ^ b` of two numbers as C's `pow` (NumPy) gives it; `0 ^ negative` is undefined. */
export function pow(a: number, b: number): number {
  if (a === 0 && b < 0) {
    return NaN;
  }
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) {
    return 1; // C's pow, unlike Math.pow, has 1^b = 1 for every b
  }
  return Math.pow(a, b);
}

/**
 * `a ^ b` over the reals. A negative base with a scalar exponent that is a fraction
 * with an odd denominator has a real value: `(-8)^(1/3)` is -2, as for `cbrt`.
 */
export function power(a: Value, b: Value): Value {
  if (typeof b === 'number') {
    if (Number.isFinite(b) && b !== Math.floor(b)) {
      const root = Private.oddRoot(b);
      if (root !== 0) {
        return map1(a, u => (u < 0 ? root * Math.pow(-u, b) : pow(u, b)));
      }
    }
    // Exactly what C's pow gives, without its cost (both are correctly rounded).
    if (b === 2) {
      return multiply(a, a);
    }
    if (b === 1) {
      return a;
    }
    if (b === 0.5) {
      return map1(a, u =>
        u === -Infinity ? Infinity : u === 0 ? 0 : Math.sqrt(u)
      );
    }
  }
  return map2(a, b, pow);
}

/** Natural logarithm, undefined for x <= 0. */
export function ln(x: Value): Value {
  return map1(x, v => (v > 0 ? Math.log(v) : NaN));
}

/** The gamma function, NaN at its poles, `inf` where it overflows (Python's math.gamma). */
export function gammaOf(x: number): number {
  return Private.gamma(x);
}

/** `x!`: exact for whole numbers up to 170, `gamma(x + 1)` otherwise. */
export function factorialOf(v: number): number {
  if (v === Math.floor(v) && v >= 0 && v <= 170) {
    return Private.FACTORIALS[v];
  }
  if (v > 170) {
    return Infinity;
  }
  return Private.gamma(v + 1);
}

/** `x!` over a value. */
export function factorial(x: Value): Value {
  return map1(x, factorialOf);
}

/** NumPy's `mod`: the remainder with the sign of `b`; undefined for `b = 0`. */
export function modOf(a: number, b: number): number {
  if (b === 0) {
    return NaN;
  }
  let mod = a % b;
  if (Number.isNaN(mod)) {
    return NaN;
  }
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}

/**
 * Calculator rounding of the exact double: halves go away from zero (`floor(x + 0.5)`
 * would round 0.49999999999999994 up, as the sum rounds to 1).
 */
export function roundOf(v: number): number {
  const size = Math.abs(v);
  const whole = Math.floor(size);
  return Private.sign(v) * (whole + (size - whole >= 0.5 ? 1 : 0));
}

/**
 * An input within `|x| * NEAR_POLE` (4 to 8 units in the last place) of a pole of tan,
 * sec, csc or cot is on it: `pi/2` is only a rounding error away from the true π/2.
 */
export const NEAR_POLE = 2 ** -50;

/**
 * `x`, undefined where it is a rounding error away from a pole `(k + offset)·π`. The
 * nearest pole is worked out in doubles, as Python's `off_pole` does, bit for bit.
 */
export function offPole(x: number, offset: number): number {
  const pole = (Math.floor(x / Math.PI + (0.5 - offset)) + offset) * Math.PI;
  return Math.abs(x - pole) <= Math.abs(x) * NEAR_POLE ? NaN : x;
}

const one =
  (f: (v: number) => number): Impl =>
  (x: Value) =>
    map1(x, f);

const LN10 = Math.log(10);
const LN2 = Math.log(2);
const ln1 = (v: number): number => (v > 0 ? Math.log(v) : NaN);
const recip = (v: number): number => (v === 0 ? NaN : 1 / v);

/** The implementation of every function of the table, by name. */
const IMPLEMENTATIONS: ReadonlyMap<string, Impl> = new Map([
  ['sin', one(Math.sin)],
  ['cos', one(Math.cos)],
  ['tan', one(v => Math.tan(offPole(v, 0.5)))],
  ['sec', one(v => recip(Math.cos(offPole(v, 0.5))))],
  ['csc', one(v => recip(Math.sin(offPole(v, 0))))],
  [
    'cot',
    one(v => {
      const u = offPole(v, 0);
      const s = Math.sin(u);
      return s === 0 ? NaN : Math.cos(u) / s;
    })
  ],
  ['asin', one(Math.asin)],
  ['acos', one(Math.acos)],
  ['atan', one(Math.atan)],
  ['asec', one(v => Math.acos(recip(v)))],
  ['acsc', one(v => Math.asin(recip(v)))],
  ['acot', one(v => Math.PI / 2 - Math.atan(v))],
  ['atan2', (y: Value, x: Value) => map2(y, x, Math.atan2)],
  ['sinh', one(Math.sinh)],
  ['cosh', one(Math.cosh)],
  ['tanh', one(Math.tanh)],
  ['asinh', one(Math.asinh)],
  ['acosh', one(Math.acosh)],
  ['atanh', one(v => (Math.abs(v) === 1 ? NaN : Math.atanh(v)))],
  ['exp', one(Math.exp)],
  ['ln', one(ln1)],
  [
    'log',
    (...args: Value[]) =>
      args.length === 1
        ? map1(args[0], v => ln1(v) / LN10)
        : divide(ln(args[1]), ln(args[0]))
  ],
  ['log2', one(v => ln1(v) / LN2)],
  ['log10', one(v => ln1(v) / LN10)],
  ['sqrt', one(Math.sqrt)],
  ['cbrt', one(Math.cbrt)],
  ['abs', one(Math.abs)],
  ['sign', one(v => Private.sign(v))],
  ['floor', one(Math.floor)],
  ['ceil', one(Math.ceil)],
  ['round', one(roundOf)],
  [
    'min',
    (...args: Value[]) =>
      args.reduce((acc, next) => map2(acc, next, Private.minimum))
  ],
  [
    'max',
    (...args: Value[]) =>
      args.reduce((acc, next) => map2(acc, next, Private.maximum))
  ],
  ['mod', (a: Value, b: Value) => map2(a, b, modOf)],
  ['factorial', one(factorialOf)],
  ['gamma', one(gammaOf)],
  ['length', stats.count],
  ['count', stats.count],
  ['total', stats.total],
  ['mean', stats.mean],
  ['median', stats.median],
  ['stdev', stats.stdev],
  ['stdevp', stats.stdevp],
  ['var', stats.varOf],
  ['varp', stats.varp],
  ['mad', stats.mad],
  ['quartile', stats.quartile],
  ['quantile', stats.quantile],
  ['cov', stats.cov],
  ['corr', stats.corr],
  ['sort', stats.sort],
  ['unique', stats.unique],
  // drawing builtins have no value: the compiler refuses them in an expression
  ['histogram', () => NaN],
  ['boxplot', () => NaN],
  ['dotplot', () => NaN]
]);

/** Every builtin function by name: the table's entry with its implementation. */
export const BUILTINS: ReadonlyMap<string, IBuiltin> = new Map(
  table.functions.map(f => {
    const impl = IMPLEMENTATIONS.get(f.name);
    if (impl === undefined) {
      throw new Error(`The builtin ${f.name} has no implementation.`);
    }
    const { name, min, max, signature, doc } = f;
    const kind = f.kind as IBuiltin['kind'];
    const listArgs = f.list_args;
    return [
      name,
      { name, minArgs: min, maxArgs: max, signature, doc, impl, kind, listArgs }
    ];
  })
);

/** `min(L)` and `max(L)`: one list is reduced; several inputs compare value by value. */
export const ONE_LIST: ReadonlyMap<string, IBuiltin> = new Map(
  (
    [
      ['min', stats.smallest, 'The smallest value of L.'],
      ['max', stats.largest, 'The largest value of L.']
    ] as Array<[string, Impl, string]>
  ).map(([name, impl, doc]) => [
    name,
    {
      name,
      minArgs: 1,
      maxArgs: 1,
      signature: `${name}(L)`,
      doc,
      impl,
      kind: 'reduce',
      listArgs: 1
    }
  ])
);

namespace Private {
  /** NumPy's sign: NaN stays NaN, zero is 0. */
  export function sign(v: number): number {
    return v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN;
  }

  export function minimum(a: number, b: number): number {
    return Number.isNaN(a) || Number.isNaN(b) ? NaN : a <= b ? a : b;
  }

  export function maximum(a: number, b: number): number {
    return Number.isNaN(a) || Number.isNaN(b) ? NaN : a >= b ? a : b;
  }

  /**
   * For an exponent p/q with q odd (q <= 99) that is exactly the float `b`: the sign of
   * `(-1)^(p/q)`; 0 when `b` is no such fraction. Python finds the fraction with
   * `Fraction(b).limit_denominator(99)` and keeps it only if it is exactly `b`; the
   * one fraction of denominator <= 99 that rounds to `b` is that one.
   */
  export function oddRoot(b: number): number {
    for (let q = 1; q <= ODD_ROOTS; q++) {
      const p = Math.round(b * q);
      if (p / q === b) {
        if (q % 2 === 0) {
          return 0;
        }
        return Math.abs(p) % 2 === 1 ? -1 : 1;
      }
    }
    return 0;
  }

  /** n! for n = 0..170, each correctly rounded from the exact integer. */
  export const FACTORIALS: Float64Array = (() => {
    const table = new Float64Array(171);
    let exact = BigInt(1);
    table[0] = 1;
    for (let n = 1; n <= 170; n++) {
      exact *= BigInt(n);
      table[n] = Number(exact);
    }
    return table;
  })();

  // The Lanczos approximation of CPython's math.gamma (Modules/mathmodule.c), so that
  // both kernels give the same digits.
  const LANCZOS_G = 6.024680040776729583740234375;
  const LANCZOS_G_MINUS_HALF = 5.524680040776729583740234375;
  const NUM = [
    23531376880.41076, 42919803642.6491, 35711959237.35567, 17921034426.03721,
    6039542586.352028, 1439720407.3117216, 248874557.86205417,
    31426415.585400194, 2876370.6289353725, 186056.26539522348,
    8071.672002365816, 210.82427775157936, 2.5066282746310002
  ];
  const DEN = [
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
    13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0
  ];

  export function lanczosSum(x: number): number {
    let num = 0;
    let den = 0;
    if (x < 5) {
      for (let i = NUM.length - 1; i >= 0; i--) {
        num = num * x + NUM[i];
        den = den * x + DEN[i];
      }
    } else {
      for (let i = 0; i < NUM.length; i++) {
        num = num / x + NUM[i];
        den = den / x + DEN[i];
      }
    }
    return num / den;
  }

  export function sinpi(x: number): number {
    const y = Math.abs(x) % 2;
    const n = Math.round(2 * y); // y >= 0: JS and C rounding agree
    let r: number;
    switch (n) {
      case 0:
        r = Math.sin(Math.PI * y);
        break;
      case 1:
        r = Math.cos(Math.PI * (y - 0.5));
        break;
      case 2:
        r = Math.sin(Math.PI * (1 - y));
        break;
      case 3:
        r = -Math.cos(Math.PI * (y - 1.5));
        break;
      default:
        r = Math.sin(Math.PI * (y - 2));
    }
    return (x < 0 || Object.is(x, -0) ? -1 : 1) * r;
  }

  /** math.gamma with its errors as values: ValueError is NaN, OverflowError is inf. */
  export function gamma(x: number): number {
    if (!Number.isFinite(x)) {
      return Number.isNaN(x) || x > 0 ? x : NaN;
    }
    if (x === 0) {
      return NaN;
    }
    if (x === Math.floor(x)) {
      if (x < 0) {
        return NaN;
      }
      if (x <= 23) {
        return FACTORIALS[x - 1];
      }
    }
    const absx = Math.abs(x);
    if (absx < 1e-20) {
      const r = 1 / x;
      return Number.isFinite(r) ? r : Infinity;
    }
    if (absx > 200) {
      return x < 0 ? 0 / sinpi(x) : Infinity;
    }
    const y = absx + LANCZOS_G_MINUS_HALF;
    let z: number;
    if (absx > LANCZOS_G_MINUS_HALF) {
      const q = y - absx;
      z = q - LANCZOS_G_MINUS_HALF;
    } else {
      const q = y - LANCZOS_G_MINUS_HALF;
      z = q - absx;
    }
    z = (z * LANCZOS_G) / y;
    let r: number;
    if (x < 0) {
      r = ((-Math.PI / sinpi(absx) / absx) * Math.exp(y)) / lanczosSum(absx);
      r -= z * r;
      if (absx < 140) {
        r /= Math.pow(y, absx - 0.5);
      } else {
        const sqrtpow = Math.pow(y, absx / 2 - 0.25);
        r /= sqrtpow;
        r /= sqrtpow;
      }
    } else {
      r = lanczosSum(absx) / Math.exp(y);
      r += z * r;
      if (absx < 140) {
        r *= Math.pow(y, absx - 0.5);
      } else {
        const sqrtpow = Math.pow(y, absx / 2 - 0.25);
        r *= sqrtpow;
        r *= sqrtpow;
      }
    }
    return Number.isFinite(r) ? r : Infinity;
  }
}
