"""Review desk (``kclint serve``): a local web page where a reviewer drops plans and reads the findings.

Needs the optional extra ``kclint[serve]`` (Starlette, uvicorn, python-multipart); importing
this package without it raises :class:`ModuleNotFoundError`, which the CLI turns into an
install hint.
"""

from __future__ import annotations

from kclint.serve.app import Settings, create_app
from kclint.serve.server import bind, is_loopback, run, url_of

__all__ = ["Settings", "bind", "create_app", "is_loopback", "run", "url_of"]
