"""Rendering: scene -> PNG and SVG pictures, fitted to the output limits (Matplotlib only here)."""
