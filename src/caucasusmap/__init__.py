"""caucasusmap: link a gazetteer of places to a corpus of texts and explore both.

The core (this package minus :mod:`caucasusmap.app`) never imports Qt. Data
flows one way: gazetteer + corpus → linker → index → views.
"""

__version__ = "0.1.0"
