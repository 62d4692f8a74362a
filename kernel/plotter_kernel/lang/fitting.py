"""Least squares for regression: exact for linear models, Levenberg–Marquardt otherwise.

The TypeScript twin (``fitting.ts``) solves the same problems with its own Householder QR
and Levenberg–Marquardt; both stop tightly enough to agree on the six printed digits.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

BIG = 1e50
"""What an undefined residual counts as while fitting: a step leading there is refused."""

RANK_TOLERANCE = 1e-10
"""Columns whose independent part is below this share of the largest tell nothing new."""

TOLERANCE = 1e-12
"""Relative change of the parameters or of the cost at which a non-linear fit stops."""


def linear(design: np.ndarray, target: np.ndarray) -> np.ndarray | None:
    """The parameters minimising ``|design @ p - target|``; ``None`` when the columns do
    not determine them (fewer rows than parameters, or columns that depend on each other).
    """
    rows, count = design.shape
    if rows < count:
        return None
    solution, _, rank, _ = np.linalg.lstsq(design, target, rcond=RANK_TOLERANCE)
    return solution if rank == count else None


def nonlinear(residual: Callable[[np.ndarray], np.ndarray], start: np.ndarray) -> np.ndarray | None:
    """The parameters minimising ``|residual(p)|`` from ``start`` by Levenberg–Marquardt
    (MINPACK's, through SciPy); ``None`` when it does not converge or gives no number."""
    from scipy.optimize import least_squares  # only when a non-linear fit runs

    def finite(params: np.ndarray) -> np.ndarray:
        values = residual(params)
        return np.where(np.isfinite(values), values, BIG)

    result = least_squares(
        finite, start, method="lm", xtol=TOLERANCE, ftol=TOLERANCE, gtol=TOLERANCE
    )
    found = np.asarray(result.x, dtype=float)
    if result.status <= 0 or not np.all(np.isfinite(found)):
        return None
    if not np.all(np.isfinite(residual(found))):
        return None
    return found
