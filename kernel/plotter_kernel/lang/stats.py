"""Statistics of lists, with Desmos's definitions: each takes 1-D float arrays (lists).

An empty list, or too few values (a sample deviation of one value), is undefined (NaN),
except ``total`` (0), ``count`` and ``length`` (0). ``docs/lists.md`` says where each
definition comes from.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

Array = Any
NAN = math.nan


def _per_value(reduce: Callable[[np.ndarray, float], float]) -> Callable[[Array, Array], Array]:
    """``reduce(values, q)`` for a number ``q``, or for each value of a list ``q``."""

    def run(values: Array, q: Array) -> Array:
        data = np.asarray(values, dtype=float)
        qs = np.asarray(q, dtype=float)
        if qs.ndim == 0:
            return np.float64(reduce(data, float(qs)))
        return np.array([reduce(data, float(v)) for v in qs], dtype=float)

    return run


def total(values: Array) -> Array:
    """The sum of the values (0 for an empty list)."""
    return np.float64(np.sum(values))


def mean(values: Array) -> Array:
    """The arithmetic mean."""
    return np.float64(np.mean(values)) if len(values) else np.float64(NAN)


def median(values: Array) -> Array:
    """The middle value of the sorted list, or the mean of the two middle values."""
    return np.float64(np.median(values)) if len(values) else np.float64(NAN)


def _variance(values: Array, ddof: int) -> float:
    data = np.asarray(values, dtype=float)
    if len(data) <= ddof:
        return NAN
    return float(np.sum((data - np.mean(data)) ** 2) / (len(data) - ddof))


def var(values: Array) -> Array:
    """The sample variance: squared deviations from the mean over n - 1."""
    return np.float64(_variance(values, 1))


def varp(values: Array) -> Array:
    """The population variance: squared deviations from the mean over n."""
    return np.float64(_variance(values, 0))


def stdev(values: Array) -> Array:
    """The sample standard deviation (n - 1)."""
    return np.float64(math.sqrt(_variance(values, 1)))


def stdevp(values: Array) -> Array:
    """The population standard deviation (n)."""
    return np.float64(math.sqrt(_variance(values, 0)))


def mad(values: Array) -> Array:
    """The mean absolute deviation from the mean."""
    data = np.asarray(values, dtype=float)
    if not len(data):
        return np.float64(NAN)
    return np.float64(np.mean(np.abs(data - np.mean(data))))


def smallest(values: Array) -> Array:
    """The smallest value (``min`` of one list)."""
    return np.float64(np.min(values)) if len(values) else np.float64(NAN)


def largest(values: Array) -> Array:
    """The largest value (``max`` of one list)."""
    return np.float64(np.max(values)) if len(values) else np.float64(NAN)


def count(values: Array) -> Array:
    """How many values the list has."""
    return np.float64(len(values))


def _median_of_sorted(data: np.ndarray) -> float:
    n = len(data)
    if n == 0:
        return NAN
    middle = n // 2
    return float(data[middle]) if n % 2 else float((data[middle - 1] + data[middle]) / 2)


def _quartile(values: np.ndarray, q: float) -> float:
    """Quartile ``q`` (0 to 4) by the exclusive median method: Q1 and Q3 are the medians
    of the lower and upper halves, the median itself left out of both when n is odd."""
    data = np.sort(values)
    n = len(data)
    if n == 0 or q not in (0, 1, 2, 3, 4):
        return NAN
    if q == 0:
        return float(data[0])
    if q == 4:
        return float(data[-1])
    if q == 2:
        return _median_of_sorted(data)
    if n == 1:
        return float(data[0])
    half = n // 2
    part = data[:half] if q == 1 else data[n - half :]
    return _median_of_sorted(part)


def _quantile(values: np.ndarray, p: float) -> float:
    """Quantile ``p`` (0 to 1): linear interpolation between the order statistics
    ``x[1] <= ... <= x[n]`` at position ``1 + (n - 1) p``."""
    data = np.sort(values)
    n = len(data)
    if n == 0 or not 0 <= p <= 1:
        return NAN
    h = (n - 1) * p
    low = math.floor(h)
    high = min(low + 1, n - 1)
    return float(data[low] + (h - low) * (data[high] - data[low]))


quartile = _per_value(_quartile)
quantile = _per_value(_quantile)


def cov(xs: Array, ys: Array) -> Array:
    """The sample covariance of two lists of equal length (n - 1)."""
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    if len(x) < 2:
        return np.float64(NAN)
    return np.float64(np.sum((x - np.mean(x)) * (y - np.mean(y))) / (len(x) - 1))


def corr(xs: Array, ys: Array) -> Array:
    """Pearson's correlation coefficient of two lists of equal length."""
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    if len(x) < 2:
        return np.float64(NAN)
    dx = x - np.mean(x)
    dy = y - np.mean(y)
    scale = math.sqrt(float(np.sum(dx * dx)) * float(np.sum(dy * dy)))
    return np.float64(np.sum(dx * dy) / scale) if scale > 0 else np.float64(NAN)


def sort(values: Array) -> Array:
    """The values in increasing order (undefined ones last)."""
    return np.sort(np.asarray(values, dtype=float))


def unique(values: Array) -> Array:
    """The values without repeats, each where it first occurs."""
    data = np.asarray(values, dtype=float)
    seen: set[float] = set()  # -0.0 and 0.0 are one value here
    undefined = False
    keep = []
    for index, value in enumerate(data.tolist()):
        if math.isnan(value):
            if undefined:
                continue
            undefined = True
        elif value in seen:
            continue
        else:
            seen.add(value)
        keep.append(index)
    return data[np.array(keep, dtype=int)]
