"""The one place the shell relies on a private part of ipykernel (written for ipykernel 7.4.0).

Everything else in the shell uses public hooks: ``do_*`` methods, request handlers named in
``Kernel.msg_types``, ``get_parent`` and the ``comm`` package's manager. Each hook below says
why no public way exists; ``tests/test_ipykernel_hooks.py`` fails when ipykernel changes what
it relies on.
"""

from __future__ import annotations

from typing import Any

from ipykernel.kernelbase import Kernel


class StatusKernel(Kernel):
    """A kernel that can leave chosen requests without a busy and an idle status."""

    def skips_status(self, msg: Any) -> bool:
        """Whether the request ``msg`` gets no busy and idle; here none is skipped."""
        return False

    # Private hook: Kernel._publish_status(status, channel, parent=None), ipykernel 7.4.0.
    # dispatch_shell publishes busy before and idle after every shell request through it
    # (idle by way of _publish_status_and_flush), on the main shell and on subshells alike.
    # No public hook decides whether a request gets a status: should_handle can only refuse
    # the request, after busy is out, and idle still follows.
    def _publish_status(self, status: str, channel: str, parent: Any = None) -> None:
        """Publish ``status`` unless the request it is about skips its status."""
        if not self.skips_status(parent or self.get_parent(channel)):
            super()._publish_status(status, channel, parent)
