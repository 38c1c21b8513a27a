"""How the NER network multiplies matrices: with numpy's OpenBLAS, on one thread.

thinc's CPU ops multiply with the BLIS build it ships; numpy's OpenBLAS does the same
products in about a third of the CPU time on this project's machine, and with BLIS the
network's matrix products were the largest single cost of `extract` (README, "Speed and memory").
A network built inside `numpy_ops()` keeps those ops for life. `one_thread()` holds
OpenBLAS to one thread while the network runs: the batch runner's parallelism is its
worker processes, and a second BLAS thread per process would only spin on another
worker's core (and make `extract --jobs 1` more than one core's work).
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache

from thinc.api import use_ops
from threadpoolctl import ThreadpoolController


def numpy_ops() -> AbstractContextManager:
    """Build (load or initialise) a spaCy network inside this block."""
    return use_ops("numpy", use_blis=False)


@cache
def _blas() -> ThreadpoolController:
    """numpy's BLAS, and any other loaded before the network first runs."""
    import numpy  # noqa: F401 -- OpenBLAS must be loaded for the controller to find it

    return ThreadpoolController().select(user_api="blas")


def one_thread() -> AbstractContextManager:
    """Run the network inside this block; other numpy work of the process keeps its threads."""
    return _blas().limit(limits=1)
