"""Workarounds for bugs in the Qt bindings, each with its evidence.

PySide6 6.12.0 on Python 3.11 drops references to ``None`` and ``True`` on
ordinary calls — ``processEvents()``, ``QTest.qWait()``, ``setVisible()``,
``setEnabled(True)`` (measured with ``sys.getrefcount``). ``None`` and the
booleans are not immortal before Python 3.12, so a few thousand calls crash
the interpreter ("Fatal Python error: none_dealloc" / "bool_dealloc").
pyproject.toml therefore excludes 6.12.0 (6.11.3 measured clean). Tests and
benchmarks that poll with ``processEvents``/``qWait`` still restore the
``None`` count with :func:`restore_none_refcount`, so a leaking release that
slips in shows up as a failing test, not as a random crash at exit.
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
