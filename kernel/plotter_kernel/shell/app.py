"""The kernel application: ipykernel's, with a shutdown that cannot deadlock."""

from __future__ import annotations

from ipykernel.kernelapp import IPKernelApp


class PlotterKernelApp(IPKernelApp):
    """``IPKernelApp`` that lets its threads finish before the interpreter ends.

    After a ``shutdown_request`` the control thread still flushes and publishes
    ``idle`` on IOPub, while the main thread leaves its loop and exits. IOPub is
    stopped by an ``atexit`` hook, and a publish to a stopped IOPub blocks for
    ten seconds or for ever, so the kernel hangs instead of exiting. Joining the
    control thread as soon as the main loop returns closes that window. The
    background warm-up is waited for too: ended inside Matplotlib's C++ code by
    the interpreter's exit, it would abort the process.
    """

    def init_path(self) -> None:
        """Leave ``sys.path`` alone: IPython would add the notebook's folder to it.

        With ``-P`` IPython already skips this; a kernel started another way must not let a
        student's ``numpy.py`` beside the notebook stand in for NumPy.
        """

    def start(self) -> None:
        """Run until shutdown, then wait for the control thread's last messages."""
        super().start()
        if self.control_thread and self.control_thread.is_alive():
            self.control_thread.stop()
            self.control_thread.join(timeout=5)
        end_warm_up = getattr(self.kernel, "end_warm_up", None)
        if end_warm_up is not None:
            end_warm_up(timeout=30)
