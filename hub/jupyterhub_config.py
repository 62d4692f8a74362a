"""JupyterHub configuration of the classroom hub that ``scripts/hub.sh`` starts.

Everything is local: the hub, its proxy and every student's server listen on 127.0.0.1.
``scripts/hub.sh`` sets the environment variables read here; the defaults suit a run by hand.

- ``PLOTTER_HUB_ENV``: the hub's environment (``venv/`` with JupyterHub, JupyterLab and
  Plotter from the wheel; ``proxy/`` with configurable-http-proxy from npm).
- ``PLOTTER_HUB_STATE``: the hub's state (sqlite database, cookie secret, proxy pid, the
  passwords, the students' homes).
- ``PLOTTER_HUB_PORT``: the public port; the hub's API and the proxy's API use the next two.
- ``PLOTTER_HUB_USER_PORTS``: the ports students' servers may use, as ``first-last``.
- ``PLOTTER_HUB_SERVICE_TOKEN``: if set, a service ``plotter-checks`` with this token may
  create users, start their servers and mint their tokens (for the tests and the benchmark).
"""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

c = get_config()  # noqa: F821 - JupyterHub provides get_config

ENV = Path(os.environ.get("PLOTTER_HUB_ENV", ".hub/env")).resolve()
STATE = Path(os.environ.get("PLOTTER_HUB_STATE", ".hub/state")).resolve()
PORT = int(os.environ.get("PLOTTER_HUB_PORT", "9300"))
FIRST_PORT, LAST_PORT = (
    int(p) for p in os.environ.get("PLOTTER_HUB_USER_PORTS", "9310-9399").split("-")
)

# --- Network: local only ------------------------------------------------------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [str(ENV / "proxy/node_modules/.bin/configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# --- State, kept out of the repository ----------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")

# --- Log in: any name with the class password; the teacher has their own ------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = (STATE / "class-password").read_text().strip()
c.SharedPasswordAuthenticator.admin_password = (STATE / "teacher-password").read_text().strip()
c.Authenticator.admin_users = {"teacher"}
c.Authenticator.allow_all = True

# --- Students' servers: local processes running the hub environment's JupyterLab ----------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
c.Spawner.cmd = [str(ENV / "venv/bin/jupyterhub-singleuser")]
c.Spawner.args = [
    "--allow-root",  # these processes run as the hub's user, root here
    # Kernels talk to their server over unix sockets, not TCP: with many students' servers
    # on one host, kernels that pick random TCP ports at the same moment collide ("Address
    # already in use") and die after five restarts.
    "--KernelManager.transport=ipc",
]
c.Spawner.default_url = "/lab"
c.Spawner.env_keep = ["LANG", "LC_ALL"]
RUNTIME = Path(tempfile.gettempdir()) / f"plotter-hub-{PORT}"
c.Spawner.environment = {
    "PATH": f"{ENV / 'venv/bin'}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
    # One Matplotlib font cache for everybody, as a single-user image would ship it.
    "MPLCONFIGDIR": str(STATE / "matplotlib"),
    # Unix socket paths must be short (about 100 characters): the kernels' connection files
    # and sockets go to a folder per student under /tmp, not deep in their home.
    "JUPYTER_RUNTIME_DIR": lambda spawner: str(RUNTIME / spawner.user.name),
}
# Many students log in at once on a small machine: give their servers time to start.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180

_reserved: dict[str, int] = {}


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pick_port(spawner) -> None:  # noqa: ANN001 - a jupyterhub Spawner
    """Give each student a port of PLOTTER_HUB_USER_PORTS, kept for their next start."""
    name = spawner.user.name
    taken = {port for user, port in _reserved.items() if user != name}
    if name in _reserved and _free(_reserved[name]):
        spawner.port = _reserved[name]
        return
    for port in range(FIRST_PORT, LAST_PORT + 1):
        if port not in taken and _free(port):
            _reserved[name] = spawner.port = port
            return
    raise RuntimeError(f"no free port left in {FIRST_PORT}-{LAST_PORT}")


c.Spawner.pre_spawn_hook = pick_port

# --- A service for the tests and the benchmark --------------------------------------------
if os.environ.get("PLOTTER_HUB_SERVICE_TOKEN"):
    c.JupyterHub.services = [
        {"name": "plotter-checks", "api_token": os.environ["PLOTTER_HUB_SERVICE_TOKEN"]}
    ]
    c.JupyterHub.load_roles = [
        {
            "name": "plotter-checks",
            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"],
            "services": ["plotter-checks"],
        }
    ]
