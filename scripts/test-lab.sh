#!/usr/bin/env bash
# Lab plugin checks: install what they need, then lint, Jest, and the Galata tests in Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
step() { printf '\n==> %s\n' "$*"; }

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
    step "installing Debian's Chromium"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update && $SUDO apt-get install -y chromium
fi

JLPM="$(command -v jlpm || true)"
if [ -z "$JLPM" ]; then
    echo "jlpm not found: install jupyterlab (it provides jlpm)" >&2
    exit 1
fi

cd "$ROOT/labextension"
if [ -n "${PLOTTER_LAB_BUILT:-}" ]; then
    step "labextension: using the build scripts/test.sh just made"
else
    step "labextension: jlpm install"
    "$JLPM" install
    step "labextension: build (TypeScript + prebuilt extension)"
    "$JLPM" build:prod
fi
step "labextension: jlpm lint:check"
"$JLPM" lint:check
step "labextension: Jest"
"$JLPM" test

step "checking that the plotter package and its Lab extension are installed"
python -c "import plotter_kernel, plotter_ext" || {
    echo "The Python package is not installed: run pip install -e \".[test]\" in $ROOT" >&2
    exit 1
}
listing="$(jupyter labextension list 2>&1)"
echo "$listing" | grep -E "plotter-labextension .*enabled.*OK" || {
    echo "$listing"
    echo "plotter-labextension is not listed OK: reinstall the Python package" >&2
    exit 1
}
installed="$(python - <<'PY'
import json, os, sys
from jupyter_core.paths import jupyter_path
for base in jupyter_path("labextensions"):
    path = os.path.join(base, "plotter-labextension", "package.json")
    if os.path.exists(path):
        print(json.load(open(path))["jupyterlab"]["_build"]["load"])
        break
PY
)"
built="$(python -c "import json;print(json.load(open('$ROOT/plotter_ext/labextension/package.json'))['jupyterlab']['_build']['load'])")"
if [ "$installed" != "$built" ]; then
    echo "The installed Lab extension ($installed) is not the one just built ($built):" >&2
    echo "reinstall the Python package (pip install -e \".[test]\") so the browser tests see this code." >&2
    exit 1
fi

cd "$ROOT/ui-tests"
step "ui-tests: jlpm install"
"$JLPM" install
step "ui-tests: Galata tests in Chromium"
CI=1 "$JLPM" playwright test
