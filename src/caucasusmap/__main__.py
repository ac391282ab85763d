"""``python -m caucasusmap``: the same as the ``caucasusmap`` command."""

import sys

from .cli import main

sys.exit(main())
