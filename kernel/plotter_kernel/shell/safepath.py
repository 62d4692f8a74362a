"""Keep the folder the kernel starts in (the notebook's) off ``sys.path``."""

from __future__ import annotations

import os
import sys


def drop_start_folder() -> None:
    """Remove the start folder that ``python -m`` puts first on ``sys.path``.

    The kernelspec starts Python with ``-P`` so the folder is never added; a kernel started
    another way (an old spec, ``python -m plotter_kernel`` by hand) drops it here, before it
    imports anything a student's ``random.py`` or ``numpy.py`` could stand in for.
    """
    here = os.path.realpath(os.getcwd())
    if sys.path and os.path.realpath(sys.path[0] or os.curdir) == here:
        del sys.path[0]
