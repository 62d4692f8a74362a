"""What one drawing output carries: the pictures, the description and the scene v2, fitted.

The same for every transport (the kernel's ``display_data``, a comm, a Lite kernel):
only the formats the admin allows, within ``max_output_bytes`` and the time left.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..budget import Budget
from ..draw.describe import describe
from ..protocol import DESCRIPTION_CHARS, SCENE_MIME
from .output import Display, fit_display


def display(
    scene: dict[str, Any],
    formats: Sequence[str],
    size: tuple[int, int],
    budget: Budget,
    max_bytes: int,
) -> Display:
    """The data and metadata of one output showing ``scene``, and warnings about what was
    left out or thinned.

    ``data`` holds only the ``formats`` asked for; the scene is plain JSON (no NaN).
    """
    fitted, shown = fit_display(scene, formats, size, budget, max_bytes, SCENE_MIME)
    data: dict[str, Any] = {
        mime: payload for mime, payload in fitted.data.items() if mime in formats
    }
    if "text/plain" in formats:
        text = describe(shown)
        data["text/plain"] = (
            text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS] + "…"
        )
    if SCENE_MIME in formats:
        data[SCENE_MIME] = json.loads(json.dumps(shown, allow_nan=False))
    return Display(data=data, metadata=dict(fitted.metadata), warnings=list(fitted.warnings))
