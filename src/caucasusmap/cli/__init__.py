"""The command-line front end (``caucasusmap``), a thin layer over the core.

Nothing in the core imports this package (an import-linter contract in
``pyproject.toml`` enforces it); the commands live in :mod:`.commands`.
"""

from .commands import build_parser, main

__all__ = ["build_parser", "main"]
