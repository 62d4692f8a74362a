"""Plotter: a graphing calculator kernel for Jupyter."""

__version__ = "0.1.0"
