"""The one part of the build that ``pyproject.toml`` cannot say.

The data folders stay at the top of the repository, where people edit them
(``gazetteer/``, ``corpus/``, ``resources/``, ``annotations/``), and ship inside
the package as ``caucasusmap/bundled/<folder>``: each is mapped as a package
directory whose files are package data. The code packages are discovered
under ``src/``, so a new subpackage needs no edit here. Everything else about
the build is in ``pyproject.toml``; ``caucasusmap.paths`` finds the data.
"""

from setuptools import find_packages, setup

DATA = ("gazetteer", "corpus", "resources", "annotations")  # = caucasusmap.paths.BUNDLED

setup(
    packages=find_packages("src") + [f"caucasusmap.bundled.{name}" for name in DATA],
    package_dir={"": "src", **{f"caucasusmap.bundled.{name}": name for name in DATA}},
    package_data={f"caucasusmap.bundled.{name}": ["**/*"] for name in DATA},
    # Editor backups and the writers' temporary files never ship.
    exclude_package_data={"": ["*.bak", "*.tmp", "*~", "*.pyc"]},
)
