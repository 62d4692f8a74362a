#!/usr/bin/env bash
# A classroom JupyterHub on 127.0.0.1 with Plotter, installed from its wheel, in every
# student's server.
#
#   bash scripts/hub.sh           install what is missing, start the hub; Ctrl-C stops it
#                                 with every student's server
#   bash scripts/hub.sh --setup   only install (the hub's environment and its proxy)
#
# Everything lives in .hub/ (ignored by git): env/ holds the hub's Python environment and
# configurable-http-proxy, state/ the database, cookie secret, proxy pid, passwords and the
# students' homes. PLOTTER_HUB_ENV, PLOTTER_HUB_STATE, PLOTTER_HUB_PORT (9300) and
# PLOTTER_HUB_USER_PORTS (9310-9399) move them; see hub/jupyterhub_config.py.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHON="${PYTHON:-python3}"
export PLOTTER_HUB_ENV="${PLOTTER_HUB_ENV:-$ROOT/.hub/env}"
export PLOTTER_HUB_STATE="${PLOTTER_HUB_STATE:-$ROOT/.hub/state}"
export PLOTTER_HUB_PORT="${PLOTTER_HUB_PORT:-9300}"
export PLOTTER_HUB_USER_PORTS="${PLOTTER_HUB_USER_PORTS:-9310-9399}"
VENV="$PLOTTER_HUB_ENV/venv"
PROXY="$PLOTTER_HUB_ENV/proxy/node_modules/.bin/configurable-http-proxy"
say() { printf '==> %s\n' "$*"; }

if [ ! -x "$VENV/bin/jupyterhub-singleuser" ]; then
    say "creating the hub's environment in $VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install -q "jupyterhub>=5.3,<7" "jupyterlab>=4,<5"
fi
if [ ! -x "$PROXY" ]; then
    say "installing configurable-http-proxy (npm) into $PLOTTER_HUB_ENV/proxy"
    command -v npm >/dev/null || { echo "npm is needed for configurable-http-proxy" >&2; exit 1; }
    npm install --prefix "$PLOTTER_HUB_ENV/proxy" --no-audit --no-fund --loglevel=error \
        "configurable-http-proxy@^5"
fi

# Plotter goes in as an admin installs it into a single-user image: from the wheel.
# (The wheel build reuses plotter_ext/labextension when it exists; see the README.)
say "building the Plotter wheel and installing it into the hub's environment"
rm -rf "$PLOTTER_HUB_ENV/wheels"
"$VENV/bin/pip" wheel -q --no-deps -w "$PLOTTER_HUB_ENV/wheels" "$ROOT"
WHEEL="$(ls "$PLOTTER_HUB_ENV"/wheels/plotter-*.whl)"
"$VENV/bin/pip" install -q "$WHEEL"
"$VENV/bin/pip" install -q --force-reinstall --no-deps "$WHEEL"
# The admin's settings, system-wide for every student's server, in the three places an
# image's admin puts them: the server's config file, a drop-in file beside the ones
# packages install, and the kernel's own config file (read by kernels started without
# the server too).
mkdir -p "$VENV/etc/jupyter/jupyter_server_config.d"
cp "$ROOT/hub/plotter_admin.py" "$VENV/etc/jupyter/jupyter_server_config.py"
cp "$ROOT/hub/plotter_class.json" "$VENV/etc/jupyter/jupyter_server_config.d/plotter-class.json"
cp "$ROOT/hub/plotter_config.json" "$VENV/etc/jupyter/plotter_config.json"

if [ "${1:-}" = "--setup" ]; then
    say "the hub's environment is ready"
    exit 0
fi

mkdir -p "$PLOTTER_HUB_STATE/homes"
# Passwords are made once per state folder; set PLOTTER_HUB_PASSWORD to choose the class's.
if [ -n "${PLOTTER_HUB_PASSWORD:-}" ]; then
    if [ "${#PLOTTER_HUB_PASSWORD}" -lt 8 ]; then
        echo "PLOTTER_HUB_PASSWORD needs at least 8 characters" >&2
        exit 1
    fi
    printf '%s\n' "$PLOTTER_HUB_PASSWORD" >"$PLOTTER_HUB_STATE/class-password"
fi
for file in class-password:9 teacher-password:24; do
    name="${file%%:*}"
    if [ ! -s "$PLOTTER_HUB_STATE/$name" ]; then
        "$PYTHON" -c "import secrets; print(secrets.token_urlsafe(${file##*:}))" \
            >"$PLOTTER_HUB_STATE/$name"
    fi
done
chmod 600 "$PLOTTER_HUB_STATE"/*-password

cat <<INFO

  Plotter classroom hub: http://127.0.0.1:$PLOTTER_HUB_PORT/
  Students: any name, password $(cat "$PLOTTER_HUB_STATE/class-password")
  Teacher (admin page): name teacher, password $(cat "$PLOTTER_HUB_STATE/teacher-password")
  The limits every student gets: hub/plotter_admin.py, hub/plotter_class.json and
  hub/plotter_config.json. Stop with Ctrl-C.

INFO
# Kernels' connection files and sockets of an earlier run (see hub/jupyterhub_config.py)
rm -rf "${TMPDIR:-/tmp}/plotter-hub-$PLOTTER_HUB_PORT"
cd "$PLOTTER_HUB_STATE"
exec "$VENV/bin/jupyterhub" -f "$ROOT/hub/jupyterhub_config.py"
