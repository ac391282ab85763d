"""Start the desktop app: check the environment before Qt can abort.

Qt aborts the process (no exception to catch) when its platform plugin cannot
load, printing a plugin stack few users can act on. We check the common
causes first and say what to install; as root we add Chromium's --no-sandbox
flag, which Qt WebEngine needs there (and only there).
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

# Libraries Qt's xcb platform plugin needs that a Debian/Ubuntu desktop may lack.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0", "xcb-render-util": "libxcb-render-util0",
    "xkbcommon-x11": "libxkbcommon-x11-0", "xcb-shape": "libxcb-shape0",
}


def environment_problem(environ=os.environ, platform: str = sys.platform, find=ctypes.util.find_library) -> str | None:
    """A message saying why the app cannot open a window here, or None."""
    qpa = environ.get("QT_QPA_PLATFORM", "")
    if qpa.split(":")[0] in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return None
    if not platform.startswith("linux"):
        return None
    wayland, x11 = environ.get("WAYLAND_DISPLAY"), environ.get("DISPLAY")
    if not wayland and not x11:
        return ("caucasusmap: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                "Run it from a desktop session, or over SSH with X forwarding (ssh -X). The command-line tools "
                "work without a display: caucasusmap --help (for example 'caucasusmap overview' or "
                "'caucasusmap export --out map.html').")
    if x11 and not (wayland and qpa.startswith("wayland")):
        missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if not find(lib)]
        if missing:
            return ("caucasusmap: Qt's X11 support needs system libraries that are missing: "
                    f"{', '.join(missing)}.\nOn Debian/Ubuntu install them with:\n"
                    f"    sudo apt-get install {' '.join(missing)}")
    return None


QUIET_CHROMIUM = ("--disable-logging", "--log-level=3")
"""Chromium flags that keep its own diagnostics (GPU, Vulkan, D-Bus) out of
the user's terminal; ``--verbose`` leaves them out."""


def prepare_environment(environ=os.environ, verbose: bool = False) -> None:
    """Settings that must be in place before Qt WebEngine starts: the
    sandbox flag as root; Chromium's console noise off unless ``verbose``."""
    flags = environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in flags:
        flags.append("--no-sandbox")
    if not verbose:
        flags += [f for f in QUIET_CHROMIUM if f not in flags]
    if flags:
        environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)


def quiet_qt_messages(verbose: bool = False) -> None:
    """Route Qt's own messages (RHI/OpenGL fallbacks, platform plugin notes)
    to the log: shown with ``--verbose``, otherwise only real warnings of ours
    reach the terminal."""
    import logging

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("caucasusmap.qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.DEBUG,
              QtMsgType.QtWarningMsg: logging.DEBUG, QtMsgType.QtCriticalMsg: logging.WARNING,
              QtMsgType.QtFatalMsg: logging.ERROR}

    def handler(kind, context, message):
        qt_log.log(logging.DEBUG if verbose else levels.get(kind, logging.DEBUG), "%s", message)

    qInstallMessageHandler(handler)
    quiet_qt_messages.handler = handler  # keep a reference for as long as Qt may call it


def run_app(gazetteer: Path, corpus: Path, remembered: bool = False, verbose: bool = False) -> int:
    """Open the main window on ``gazetteer`` and ``corpus`` (or, with
    ``remembered``, on the files open last time if they still exist); returns
    the exit status (2 with a message when there is no usable display)."""
    problem = environment_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    prepare_environment(verbose=verbose)
    try:
        from .qt_window import launch
    except ImportError as exc:  # e.g. libGL/libEGL or Qt WebEngine libraries missing
        print(f"caucasusmap: the Qt libraries could not be loaded ({exc}).\nOn Debian/Ubuntu: "
              "sudo apt-get install libgl1 libegl1 libnss3 libxkbcommon0 libxcomposite1 libxdamage1 "
              "libxrandr2 libxtst6 libasound2", file=sys.stderr)
        return 2
    return launch(gazetteer, corpus, remembered=remembered, verbose=verbose)
