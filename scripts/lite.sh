#!/usr/bin/env bash
# Plotter in the browser: a static JupyterLite site whose Graphing Calculator kernel runs
# in the page (no Python, no server), built into build/lite and served on 127.0.0.1.
#
#   bash scripts/lite.sh                build, then serve on port 9400 until Ctrl-C
#   bash scripts/lite.sh --port 9401    another port (or PLOTTER_LITE_PORT)
#   bash scripts/lite.sh --build-only   only build
#
# The site is configured in lite/ (jupyter_lite_config.json, jupyter-lite.json): the Lab
# plugin built from labextension/, the demo notebook, `plotter` as the default kernel.
# PLOTTER_LITE_PREBUILT=1 uses plotter_ext/labextension as it is instead of rebuilding it
# (then no Node.js is needed). Everything it installs goes into .lite/venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHON="${PYTHON:-python3}"
PORT="${PLOTTER_LITE_PORT:-9400}"
BUILD_ONLY=0
SITE="$ROOT/build/lite"
say() { printf '==> %s\n' "$*"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --build-only) BUILD_ONLY=1 ;;
        --port) PORT="$2"; shift ;;
        --port=*) PORT="${1#--port=}" ;;
        *) echo "usage: bash scripts/lite.sh [--build-only] [--port N]" >&2; exit 2 ;;
    esac
    shift
done

# The site builder goes into an environment of its own (.lite/venv), never into the
# Python that runs this script.
VENV="$ROOT/.lite/venv"
if [ ! -x "$VENV/bin/python" ]; then
    say "creating the site builder's environment in .lite/venv"
    "$PYTHON" -m venv "$VENV"
fi
PYTHON="$VENV/bin/python"

# The pinned site builder: the `lite` extra of pyproject.toml is the one place of the pin.
say "installing the site builder (the lite extra of pyproject.toml)"
mapfile -t LITE_DEPS < <("$PYTHON" - <<'PY'
import tomllib
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["optional-dependencies"]["lite"]))
PY
)
"$PYTHON" -m pip install -q "jupyter_builder>=1.2" "${LITE_DEPS[@]}"

if [ "${PLOTTER_LITE_PREBUILT:-0}" != "1" ] || [ ! -f plotter_ext/labextension/package.json ]; then
    say "building the Lab plugin (kernel and language core included) from labextension/"
    command -v node >/dev/null || { echo "Node.js 20 is needed to build the Lab plugin" >&2; exit 1; }
    JLPM="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/jlpm"
    (cd labextension && "$JLPM" install && "$JLPM" build:prod)
fi

say "building the site into build/lite"
rm -rf "$SITE" lite/.jupyterlite.doit.db
(cd lite && "$PYTHON" -m jupyterlite_core build --output-dir "$SITE")
# Browsers ask the site's root for its icon before the app sets its own.
cp "$SITE/lab/favicon.ico" "$SITE/favicon.ico"

# Nothing in the site may point outside it: an address of another host in its settings
# would be a request a classroom without internet cannot make.
if grep -rlE '"(https?:)?//[^"]*"' "$SITE"/jupyter-lite.json "$SITE"/*/jupyter-lite.json \
    | grep -q .; then
    echo "the site's jupyter-lite.json names another host:" >&2
    grep -rhoE '"(https?:)?//[^"]*"' "$SITE"/jupyter-lite.json "$SITE"/*/jupyter-lite.json >&2
    exit 1
fi
say "site ready: $SITE"

if [ "$BUILD_ONLY" = "1" ]; then
    exit 0
fi
say "serving http://127.0.0.1:$PORT/lab/index.html?path=plotter-demo.ipynb (Ctrl-C stops)"
exec "$PYTHON" -m http.server --bind 127.0.0.1 --directory "$SITE" "$PORT"
