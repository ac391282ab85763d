"""Workarounds for bugs in the Qt bindings, each with its evidence.

PySide6 6.12 on Python 3.11: ``QCoreApplication.processEvents()`` and
``QTest.qWait()`` each drop one reference to ``None`` per call (measured:
``sys.getrefcount(None)`` falls by exactly one per call). ``None`` is not
immortal before Python 3.12, so a few thousand calls crash the interpreter
with "Fatal Python error: none_dealloc". The app never calls them; tests
(pytest-qt's ``waitUntil`` polls with ``qWait``) and benchmarks do, and
restore the count with :func:`restore_none_refcount`.
"""

from __future__ import annotations

import ctypes
import sys


def none_refcount() -> int:
    return sys.getrefcount(None)


def restore_none_refcount(expected: int) -> int:
    """Give back the references to None that leaking calls took since
    ``expected`` was read; returns how many were restored."""
    if sys.version_info >= (3, 12):
        return 0  # None is immortal there
    missing = expected - sys.getrefcount(None)
    for _ in range(max(0, missing)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return max(0, missing)
