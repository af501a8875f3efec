"""Built-in rules: one small module per rule or rule family.

Installed as ``kclint.rules``; registered through the ``kclint.rules`` entry
point like any third-party pack.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from kclint.engine import Rule


def builtin_rules() -> list[type[Rule]]:
    """Every concrete rule class defined in the modules of this package."""
    found: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__ \
                    and "code" in vars(obj):
                found.append(obj)
    return found
