"""The core never imports Qt: every core module imports with PySide6 blocked."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import caucasusmap

SRC = Path(caucasusmap.__file__).parent


def core_modules():
    return sorted(
        f"caucasusmap.{m.name}" for m in pkgutil.iter_modules([str(SRC)]) if m.name not in ("app", "__main__")
    )


def test_core_imports_without_qt():
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\nsys.modules['shiboken6'] = None\n"
        f"for name in {core_modules()!r}:\n"
        "    __import__(name)\n"
        "assert not any(m.startswith(('PySide6.', 'shiboken6.')) for m in sys.modules)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_no_qt_import_statements_outside_app():
    offenders = []
    for path in SRC.rglob("*.py"):
        if "app" in path.relative_to(SRC).parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("import PySide6", "from PySide6", "import shiboken6", "from shiboken6")):
                offenders.append(f"{path}:{n}")
    assert offenders == []
