"""The Plotter language: lexer, parser, statement kinds and the NumPy evaluator."""

from __future__ import annotations

from .builtins import BUILTINS, CONSTANTS
from .parser import parse_line
from .statements import classify

__all__ = ["BUILTINS", "CONSTANTS", "classify", "parse_line"]
