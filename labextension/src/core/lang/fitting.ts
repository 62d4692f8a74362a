/**
 * Least squares for regression: exact for linear models (Householder QR), Levenberg–
 * Marquardt otherwise (a port of the Python kernel's `lang/fitting.py`, which uses
 * NumPy's `lstsq` and SciPy's MINPACK). The LM here is our own small one rather than
 * the `ml-levenberg-marquardt` package: no package could be installed and vetted for
 * this build, and one algorithm we control stops as tightly as SciPy does, so both
 * kernels print the same digits.
 */

/** What an undefined residual counts as while fitting: a step leading there is refused. */
export const BIG = 1e50;

/** Columns whose independent part is below this share of the largest tell nothing new. */
export const RANK_TOLERANCE = 1e-10;

/** Relative size of the step at which a non-linear fit stops. */
export const TOLERANCE = 1e-12;

/** Most Levenberg–Marquardt iterations (each one Jacobian) before a fit gives up. */
export const MAX_ITERATIONS = 1000;

/**
 * The parameters minimising `|design · p − target|` (`design` by rows); null when the
 * columns do not determine them (fewer rows than parameters, or dependent columns).
 */
export function linear(design: number[][], target: number[]): number[] | null {
  const rows = design.length;
  const count = rows ? design[0].length : 0;
  if (rows < count) {
    return null;
  }
  const a = design.map(row => row.slice());
  const b = target.slice();
  for (let k = 0; k < count; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) {
      norm = Math.hypot(norm, a[i][k]);
    }
    if (norm === 0) {
      continue;
    }
    const alpha = a[k][k] > 0 ? -norm : norm;
    const v = [];
    for (let i = k; i < rows; i++) {
      v.push(a[i][k]);
    }
    v[0] -= alpha;
    const vv = v.reduce((s, x) => s + x * x, 0);
    for (let j = k; j <= count; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) {
        dot += v[i - k] * (j < count ? a[i][j] : b[i]);
      }
      const f = (2 * dot) / vv;
      for (let i = k; i < rows; i++) {
        if (j < count) {
          a[i][j] -= f * v[i - k];
        } else {
          b[i] -= f * v[i - k];
        }
      }
    }
  }
  let largest = 0;
  for (let k = 0; k < count; k++) {
    largest = Math.max(largest, Math.abs(a[k][k]));
  }
  const solution = new Array<number>(count).fill(0);
  for (let k = count - 1; k >= 0; k--) {
    if (!(Math.abs(a[k][k]) > RANK_TOLERANCE * largest)) {
      return null;
    }
    let s = b[k];
    for (let j = k + 1; j < count; j++) {
      s -= a[k][j] * solution[j];
    }
    solution[k] = s / a[k][k];
  }
  return solution;
}

/**
 * The parameters minimising `|residual(p)|` from `start` by Levenberg–Marquardt:
 * a Jacobian by central differences, damping scaled per parameter by the largest its
 * column has had (as MINPACK scales), lowered gently on success (÷3) and raised on
 * failure (×2) so that early steps stay short, as MINPACK's trust region keeps them:
 * `c e^(-k t) + d` from 1 then finds the decay SciPy finds instead of running off to
 * a straight line. Stops when the step or the cost no longer changes; null when it
 * does not converge within `MAX_ITERATIONS` or gives no number.
 */
export function nonlinear(
  residual: (params: number[]) => ArrayLike<number>,
  start: number[]
): number[] | null {
  const finite = (params: number[]): number[] =>
    Array.from(residual(params), v => (Number.isFinite(v) ? v : BIG));
  let params = start.slice();
  let values = finite(params);
  let cost = sumOfSquares(values);
  let damping = 1e-3;
  let scale: number[] = start.map(() => 0);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const jacobian = Private.jacobian(finite, params);
    const [normal, gradient] = Private.normalEquations(jacobian, values);
    scale = scale.map((s, i) => Math.max(s, normal[i][i]));
    let moved = false;
    while (damping < 1e20) {
      const step = Private.dampedStep(normal, gradient, damping, scale);
      const next = params.map((p, i) => p + (step ? step[i] : 0));
      const nextValues = finite(next);
      const nextCost = sumOfSquares(nextValues);
      if (step !== null && nextCost < cost) {
        const small =
          Math.hypot(...step) <=
          TOLERANCE * (Math.hypot(...params) + TOLERANCE);
        const flat = cost - nextCost <= TOLERANCE * TOLERANCE * cost;
        params = next;
        values = nextValues;
        cost = nextCost;
        damping = Math.max(damping / 3, 1e-15);
        moved = true;
        if (small || flat) {
          return Private.found(params, residual);
        }
        break;
      }
      damping *= 2;
    }
    if (!moved) {
      return Private.found(params, residual); // no step lowers the cost: a minimum
    }
  }
  return null;
}

function sumOfSquares(values: number[]): number {
  return values.reduce((s, v) => s + v * v, 0);
}

namespace Private {
  /** `params` when they and their residuals are numbers, else null. */
  export function found(
    params: number[],
    residual: (params: number[]) => ArrayLike<number>
  ): number[] | null {
    const defined =
      params.every(Number.isFinite) &&
      Array.from(residual(params)).every(Number.isFinite);
    return defined ? params : null;
  }

  /** The Jacobian (by rows) of `fn` at `params`, by central differences. */
  export function jacobian(
    fn: (params: number[]) => number[],
    params: number[]
  ): number[][] {
    const columns = params.map((p, j) => {
      const h = Math.cbrt(Number.EPSILON) * Math.max(Math.abs(p), 1);
      const up = params.slice();
      const down = params.slice();
      up[j] = p + h;
      down[j] = p - h;
      const [fu, fd] = [fn(up), fn(down)];
      return fu.map((v, i) => (v - fd[i]) / (2 * h));
    });
    const rows = columns.length ? columns[0].length : 0;
    return Array.from({ length: rows }, (_, i) => columns.map(c => c[i]));
  }

  /** `[JᵀJ, Jᵀr]`. */
  export function normalEquations(
    jacobian: number[][],
    values: number[]
  ): [number[][], number[]] {
    const count = jacobian.length ? jacobian[0].length : 0;
    const normal = Array.from({ length: count }, () =>
      new Array<number>(count).fill(0)
    );
    const gradient = new Array<number>(count).fill(0);
    jacobian.forEach((row, i) => {
      for (let j = 0; j < count; j++) {
        gradient[j] += row[j] * values[i];
        for (let k = 0; k < count; k++) {
          normal[j][k] += row[j] * row[k];
        }
      }
    });
    return [normal, gradient];
  }

  /**
   * The step solving `(JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀr` by Cholesky; null when that matrix
   * is not positive definite (more damping will make it so).
   */
  export function dampedStep(
    normal: number[][],
    gradient: number[],
    damping: number,
    scale: number[]
  ): number[] | null {
    const n = gradient.length;
    const largest = Math.max(...scale, 0);
    const m = normal.map((row, i) =>
      row.map(
        (v, j) =>
          v + (i === j ? damping * Math.max(scale[i], 1e-12 * largest) : 0)
      )
    );
    const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = m[i][j];
        for (let k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i === j) {
          if (!(s > 0)) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = -gradient[i];
      for (let k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    const step = new Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < n; k++) {
        s -= l[k][i] * step[k];
      }
      step[i] = s / l[i][i];
    }
    return step;
  }
}
