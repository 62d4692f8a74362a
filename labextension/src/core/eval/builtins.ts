/**
 * The builtin functions and constants by name, vectorised over {@link Value}s, with the
 * same domain rules as the Python kernel's `lang/builtins.py`: real-valued, NaN where a
 * function is undefined (never `inf`, which means "too big").
 */

import { map1, map2, multiply, Value } from './values';

/** One builtin function: how many inputs it takes and what it computes. */
export type Builtin = {
  name: string;
  minArgs: number;
  /** `null`: any number of inputs from `minArgs` on. */
  maxArgs: number | null;
  impl: (...args: Value[]) => Value;
};

/** Whether `count` inputs is a valid call of `builtin`. */
export function accepts(builtin: Builtin, count: number): boolean {
  return (
    count >= builtin.minArgs &&
    (builtin.maxArgs === null || count <= builtin.maxArgs)
  );
}

/** How many inputs the function takes, in words (as in the Python messages). */
export function arityText(builtin: Builtin): string {
  if (builtin.maxArgs === null) {
    return `${builtin.minArgs} or more inputs`;
  }
  if (builtin.minArgs === builtin.maxArgs) {
    return builtin.minArgs === 1 ? '1 input' : `${builtin.minArgs} inputs`;
  }
  return `${builtin.minArgs} or ${builtin.maxArgs} inputs`;
}

/** The named constants. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
  ['tau', 2 * Math.PI]
]);

/** Names that are plot variables, never user definitions. */
export const PLOT_VARIABLES: ReadonlySet<string> = new Set([
  'x',
  'y',
  't',
  'theta',
  'r'
]);

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

const one = (name: string, f: (v: number) => number): Builtin => ({
  name,
  minArgs: 1,
  maxArgs: 1,
  impl: (x: Value) => map1(x, f)
});

const LN10 = Math.log(10);
const LN2 = Math.log(2);
const ln1 = (v: number): number => (v > 0 ? Math.log(v) : NaN);
const recip = (v: number): number => (v === 0 ? NaN : 1 / v);

const TABLE: Builtin[] = [
  one('sin', Math.sin),
  one('cos', Math.cos),
  one('tan', v => Math.tan(offPole(v, 0.5))),
  one('sec', v => recip(Math.cos(offPole(v, 0.5)))),
  one('csc', v => recip(Math.sin(offPole(v, 0)))),
  one('cot', v => {
    const u = offPole(v, 0);
    const s = Math.sin(u);
    return s === 0 ? NaN : Math.cos(u) / s;
  }),
  one('asin', Math.asin),
  one('acos', Math.acos),
  one('atan', Math.atan),
  one('asec', v => Math.acos(recip(v))),
  one('acsc', v => Math.asin(recip(v))),
  one('acot', v => Math.PI / 2 - Math.atan(v)),
  {
    name: 'atan2',
    minArgs: 2,
    maxArgs: 2,
    impl: (y: Value, x: Value) => map2(y, x, Math.atan2)
  },
  one('sinh', Math.sinh),
  one('cosh', Math.cosh),
  one('tanh', Math.tanh),
  one('asinh', Math.asinh),
  one('acosh', Math.acosh),
  one('atanh', v => (Math.abs(v) === 1 ? NaN : Math.atanh(v))),
  one('exp', Math.exp),
  one('ln', ln1),
  {
    name: 'log',
    minArgs: 1,
    maxArgs: 2,
    impl: (...args: Value[]) =>
      args.length === 1
        ? map1(args[0], v => ln1(v) / LN10)
        : divide(ln(args[1]), ln(args[0]))
  },
  one('log2', v => ln1(v) / LN2),
  one('log10', v => ln1(v) / LN10),
  one('sqrt', Math.sqrt),
  one('cbrt', Math.cbrt),
  one('abs', Math.abs),
  one('sign', v => Private.sign(v)),
  one('floor', Math.floor),
  one('ceil', Math.ceil),
  one('round', roundOf),
  {
    name: 'min',
    minArgs: 2,
    maxArgs: null,
    impl: (...args: Value[]) =>
      args.reduce((acc, next) => map2(acc, next, Private.minimum))
  },
  {
    name: 'max',
    minArgs: 2,
    maxArgs: null,
    impl: (...args: Value[]) =>
      args.reduce((acc, next) => map2(acc, next, Private.maximum))
  },
  {
    name: 'mod',
    minArgs: 2,
    maxArgs: 2,
    impl: (a: Value, b: Value) => map2(a, b, modOf)
  },
  one('factorial', factorialOf),
  one('gamma', gammaOf)
];

/** Every builtin function by name. */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  TABLE.map(b => [b.name, b])
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
