"""Find an older ``plotter`` kernelspec that shadows the packaged one, and repair or report it."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from plotter_kernel.shell.kernelspec import (
    KERNEL_NAME,
    LOGO_FILES,
    RESOURCES,
    get_kernel_dict,
    make_cmd,
)


def first_spec(kernel_dirs: list[str]) -> Path | None:
    """The ``plotter`` spec folder jupyter_client would pick from these dirs (first one wins)."""
    for folder in kernel_dirs:
        candidate = Path(folder) / KERNEL_NAME
        if (candidate / "kernel.json").is_file():
            return candidate
    return None


def spec_problem(spec_dir: Path) -> str | None:
    """Why a kernelspec cannot start a Plotter kernel at all, or ``None`` if it can run."""
    try:
        spec = json.loads((spec_dir / "kernel.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return f"its kernel.json cannot be read ({err})"
    argv = spec.get("argv") if isinstance(spec, dict) else None
    if not argv or not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        return "its kernel.json has no usable argv"
    executable = argv[0]
    if executable in ("python", "python3"):
        return None
    if os.path.isabs(executable) and not os.access(executable, os.X_OK):
        return f"its program {executable} does not exist"
    if not os.path.isabs(executable) and shutil.which(executable) is None:
        return f"its program {executable} is not on PATH"
    return None


def is_current(spec_dir: Path) -> bool:
    """Does this spec launch the Plotter kernel the way the package does?"""
    try:
        spec = json.loads((spec_dir / "kernel.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    argv = spec.get("argv") if isinstance(spec, dict) else None
    return isinstance(argv, list) and argv[1:] == make_cmd()[1:]


def repair_spec(spec_dir: Path) -> None:
    """Rewrite the files of a kernelspec that the package writes, and only those.

    Other files in the folder are left alone, and no symlink is followed: a symlinked
    folder or file (perhaps into a teacher's shared folder) is an :class:`OSError`.
    Each file is written beside its place and renamed over it.
    """
    if spec_dir.is_symlink() or not spec_dir.is_dir():
        raise OSError(f"{spec_dir} is a symlink or not a folder")
    contents = {"kernel.json": (json.dumps(get_kernel_dict(), indent=1) + "\n").encode()}
    for name in LOGO_FILES:
        if (RESOURCES / name).is_file():
            contents[name] = (RESOURCES / name).read_bytes()
    for name in contents:
        target = spec_dir / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise OSError(f"{target} is a symlink or not a file")
    for name, data in contents.items():
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=spec_dir)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, spec_dir / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _is_users_own(spec_dir: Path, user_kernel_dir: str) -> bool:
    """Is this spec folder directly in the user's kernels folder, with no symlink on the way?"""
    kernels = Path(os.path.abspath(user_kernel_dir))
    return (
        Path(os.path.abspath(spec_dir)).parent == kernels
        and not kernels.is_symlink()
        and not spec_dir.is_symlink()
    )


def check_shadowing(kernel_dirs: list[str], user_kernel_dir: str, log: logging.Logger) -> str:
    """Repair a broken user-level ``plotter`` spec, or warn about one that differs.

    The server itself always uses the spec the extension registers; this keeps the tools
    that read the kernel path directly (``jupyter kernelspec list``, nbconvert, nbclient)
    from meeting a dead spec. Called once per server start, so each finding is logged once.

    Returns
    -------
    str
        What was found: ``"none"``, ``"current"``, ``"repaired"``, ``"broken"`` or ``"different"``.
    """
    found = first_spec(kernel_dirs)
    if found is None:
        return "none"
    problem = spec_problem(found)
    if problem is not None and _is_users_own(found, user_kernel_dir):
        try:
            repair_spec(found)
        except OSError as err:
            log.warning(
                "Plotter: the stale kernelspec at %s shadows the packaged one (%s) and could not "
                "be repaired (%s); remove it with `jupyter kernelspec remove %s`",
                found,
                problem,
                err,
                KERNEL_NAME,
            )
            return "broken"
        log.warning("Plotter: repaired the stale kernelspec at %s (%s)", found, problem)
        return "repaired"
    if problem is not None:
        log.warning(
            "Plotter: the kernelspec at %s is broken (%s); this server uses its own, but "
            "`jupyter kernelspec list` and nbconvert will use the broken one until it is removed",
            found,
            problem,
        )
        return "broken"
    if not is_current(found):
        log.warning(
            "Plotter: the kernelspec at %s differs from the packaged one; this server uses its "
            "own, other tools use %s (remove it with `jupyter kernelspec remove %s`)",
            found,
            found,
            KERNEL_NAME,
        )
        return "different"
    return "current"
