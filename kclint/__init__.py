"""kclint — a linter for Vietnamese schools' quality-improvement and accreditation plans."""

import os as _os

__version__ = "0.1.0"

# The wheel installs rules/ and catalogs/ as kclint.rules and kclint.catalogs. In a source checkout
# they sit beside this package (the repository's layout), so `python -m kclint` run from the checkout
# finds them there too.
_here = _os.path.dirname(_os.path.abspath(__file__))
_root = _os.path.dirname(_here)
if not _os.path.isdir(_os.path.join(_here, "rules")) and _os.path.isfile(
        _os.path.join(_root, "rules", "__init__.py")):
    __path__.append(_root)
