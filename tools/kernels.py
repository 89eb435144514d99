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
