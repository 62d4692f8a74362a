#!/usr/bin/env bash
# Set everything up and open JupyterLab with Plotter ready on a copy of the demo notebook.
set -euo pipefail
cd "$(dirname "$0")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHON="${PYTHON:-python3}"

# A Python that refuses system-wide installs (PEP 668) gets a project virtual environment.
if [ -z "${VIRTUAL_ENV:-}" ] && "$PYTHON" - <<'PY'
import sys, sysconfig, pathlib
managed = pathlib.Path(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED").exists()
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
PY
then
    "$PYTHON" -m venv .venv
    # shellcheck disable=SC1091
    . .venv/bin/activate
    PYTHON=python
fi

# Build the Lab plugin from the current sources (the build hook reuses an existing build).
rm -rf plotter_ext/labextension
"$PYTHON" -m pip install . "jupyterlab>=4,<5"

# The server runs in workspace/ (ignored by git) on a copy of the demo: saving outputs and
# making new notebooks never touches the tracked demo/ folder. The copy is refreshed when
# the tracked demo is newer, and kept otherwise (delete workspace/ to start over). The
# demo's data files go beside it, where its `table(...)` cells read them.
mkdir -p workspace
cp -u demo/plotter-demo.ipynb demo/*.csv workspace/

exec "$PYTHON" -m jupyterlab --ip=127.0.0.1 --allow-root --ServerApp.root_dir=workspace \
    --LabApp.default_url=/lab/tree/plotter-demo.ipynb "$@"
