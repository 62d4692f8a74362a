#!/usr/bin/env bash
# Set everything up on a fresh machine and run every test: lint, Python (slow ones too), Lab.
set -uo pipefail
cd "$(dirname "$0")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHON="${PYTHON:-python3}"

step() { printf '\n==> %s\n' "$*"; }

# A Python that refuses system-wide installs (PEP 668) gets a project virtual environment.
if [ -z "${VIRTUAL_ENV:-}" ] && "$PYTHON" - <<'PY'
import sys, sysconfig, pathlib
managed = pathlib.Path(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED").exists()
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
PY
then
    step "creating .venv (this Python is externally managed)"
    "$PYTHON" -m venv .venv || exit 1
    # shellcheck disable=SC1091
    . .venv/bin/activate
    PYTHON=python
fi

step "building the Lab plugin from source (a stale build would be reused otherwise)"
"$PYTHON" -m pip install -q "jupyter_builder>=1.2" || exit 1
JLPM="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/jlpm"
command -v node >/dev/null || { echo "Node.js 20 is needed to build the Lab plugin"; exit 1; }
rm -rf plotter_ext/labextension
(cd labextension && "$JLPM" install && "$JLPM" build:prod) || exit 1

step "installing plotter with its test dependencies"
"$PYTHON" -m pip install -q -e ".[test]" || exit 1

failed=()

step "ruff check, ruff format --check, mypy"
"$PYTHON" -m ruff check . || failed+=("ruff")
"$PYTHON" -m ruff format --check . || failed+=("ruff format")
"$PYTHON" -m mypy || failed+=("mypy")

# Chromium for the hub test (pytest) and the Lab tests; npm's configurable-http-proxy and
# the hub's environment for the hub test.
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
    step "installing Debian's Chromium"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
    { $SUDO apt-get update && $SUDO apt-get install -y chromium; } || failed+=("chromium")
fi
step "the classroom hub's environment (scripts/hub.sh --setup)"
PYTHON="$PYTHON" bash scripts/hub.sh --setup || failed+=("hub setup")

step "pytest (all of tests/, slow tests included)"
# The Lite site test reuses the Lab plugin built above instead of building it again.
PLOTTER_LITE_PREBUILT=1 "$PYTHON" -m pytest tests -q
status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests"
elif [ "$status" -ne 0 ]; then
    failed+=("pytest")
fi

if [ -f scripts/test-lab.sh ]; then
    step "Lab tests (scripts/test-lab.sh)"
    # The Lab plugin was built above: lint, Jest and Galata use that build.
    PLOTTER_LAB_BUILT=1 bash scripts/test-lab.sh || failed+=("lab")
fi

if [ "${#failed[@]}" -ne 0 ]; then
    printf '\nFAILED: %s\n' "${failed[*]}"
    exit 1
fi
printf '\nAll tests passed.\n'
