"""Read the table files of ``table("data.csv")`` from the kernel's working folder."""

from __future__ import annotations

import os

from ..lang.tables import Reader, Refusal

ROW_BYTES = 1000
"""Bytes allowed per row of the ``max_table_rows`` limit before a file counts as too big."""


def folder_reader(folder: str | None, most_rows: int) -> Reader:
    """A reader of files in ``folder`` (the working folder when ``None``) and its
    subfolders: a path whose real location is outside it (through a symlink) is refused,
    and so is a file bigger than ``most_rows`` rows of ``ROW_BYTES`` could be."""
    most_bytes = (most_rows + 1) * ROW_BYTES

    def read(path: str) -> str | Refusal:
        root = os.path.realpath(folder if folder is not None else os.getcwd())
        real = os.path.realpath(os.path.join(root, path))
        if os.path.isabs(path) or os.path.commonpath([root, real]) != root:
            return Refusal(f"{path} leads outside the notebook's folder.", "table-path")
        if not os.path.isfile(real):
            return Refusal(f"There is no file {path} in the notebook's folder.", "table-missing")
        try:
            if os.path.getsize(real) > most_bytes:
                message = f"{path} is too big for a table of at most {most_rows} rows."
                return Refusal(message, "table-too-long", "ResourceError")
            with open(real, "rb") as file:
                data = file.read(most_bytes + 1)
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return Refusal(f"{path} is not a text file (UTF-8).", "table-unreadable")
        except OSError:
            return Refusal(f"{path} could not be read.", "table-unreadable")

    return read
