"""The PySide6 None-refcount workaround does what it says."""

from PySide6.QtCore import QCoreApplication

from caucasusmap.app.qt_compat import none_refcount, restore_none_refcount


def test_restore_none_refcount(qapp):
    before = none_refcount()
    for _ in range(200):
        QCoreApplication.processEvents()
    restore_none_refcount(before)
    assert none_refcount() >= before
