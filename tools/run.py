"""Kernels for running notebooks from tests and benchmarks."""
import os


def ipc_kernel_manager(directory):
    """A kernel manager class talking to its kernel over Unix sockets in ``directory``.

    No TCP ports: several test runs or helpers on one machine cannot race for the
    same port, and the kernel needs no network interface at all.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(str(directory), "kernel"))
            super().__init__(**kwargs)

    return IPCKernelManager


def notebook_client(nb, cwd, sockets, *, timeout=600, allow_errors=False):
    """The one way this repository builds an nbclient ``NotebookClient``.

    ``cwd`` is the kernel's working folder (as Jupyter starts it in the notebook's
    folder); ``sockets`` a folder for the kernel's Unix sockets. Cell timings are
    not recorded, so executed notebooks do not change from one run to the next.
    """
    from nbclient import NotebookClient

    return NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                          record_timing=False, resources={"metadata": {"path": str(cwd)}},
                          kernel_manager_class=ipc_kernel_manager(sockets))


def run_notebook(nb, cwd, *, timeout=600, allow_errors=False, env=None, stderr=None):
    """Execute ``nb`` (an nbformat notebook, changed in place) in a fresh kernel; returns it.

    The kernel runs in ``cwd`` over Unix sockets in a temporary folder. ``env``
    replaces the kernel's environment; ``stderr`` receives the kernel process's own
    output (a file), which is otherwise inherited.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="workshop-kernel-") as sockets:
        client = notebook_client(nb, cwd, sockets, timeout=timeout, allow_errors=allow_errors)
        kwargs = {}
        if env is not None:
            kwargs["env"] = env
        if stderr is not None:
            kwargs["stderr"] = stderr
        client.execute(**kwargs)
    return nb
