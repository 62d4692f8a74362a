"""What the kernel and the TypeScript extension must agree on, from ``language/protocol.json``.

The package's ``protocol.json`` links to that file (the wheel holds a copy), and the
extension imports the same file, so each value is written once for both sides.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PROTOCOL: dict[str, Any] = json.loads(
    (Path(__file__).parent / "protocol.json").read_text(encoding="utf-8")
)

SCENE_MIME: str = PROTOCOL["sceneMimeType"]
"""The mimetype of the scene v2 in a drawing output."""
VIEW_TARGET: str = PROTOCOL["viewTarget"]
"""The comm target of view requests."""
DIAGNOSTIC_SOURCE: str = PROTOCOL["diagnosticSource"]
"""The ``source`` of every diagnostic."""
IMPLEMENTATION: str = PROTOCOL["implementation"]
"""The kernel's ``implementation`` in ``kernel_info_reply``."""
LANGUAGE_INFO: dict[str, str] = PROTOCOL["languageInfo"]
"""The kernel's ``language_info``, without its version."""
BANNER: str = PROTOCOL["banner"]
"""The kernel's ``banner`` in ``kernel_info_reply``."""
MAX_TABLE_ROWS: int = PROTOCOL["maxTableRows"]
"""The default of the ``max_table_rows`` limit."""
TEXT_BYTES: int = PROTOCOL["textBytes"]
"""Bytes kept for the text description, the metadata and the message's own keys."""
DESCRIPTION_CHARS: int = PROTOCOL["descriptionChars"]
"""Longest text/plain description (a cell may hold many long statements)."""
TOO_BIG: str = PROTOCOL["tooBigCode"]
"""Code of the warning about something left out of an output for its size."""
KEEP_OUTPUTS: int = PROTOCOL["keepOutputs"]
"""Outputs whose programs are kept for re-sampling; older ones are forgotten."""
MOST_PIXELS: int = PROTOCOL["mostPixels"]
"""Largest width or height a request may ask for."""
MOST_SEQ_CHARS: int = PROTOCOL["mostSeqChars"]
"""Longest text ``seq`` echoed: it only has to tell a frontend's requests apart."""
