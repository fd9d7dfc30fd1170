"""The optional extras (``pip install 'bouwblokken[extra]'``): one way to load what they bring.

A function that needs a package of an extra calls :func:`require`; when the package is not
installed it raises :class:`~bouwblokken.errors.MissingExtraError` -- a library error (and an
``ImportError``) that names the package and the command that installs it, in Dutch and English.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from bouwblokken.errors import MissingExtraError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """The module ``module`` (e.g. ``"openpyxl"``), which the extra ``extra`` installs."""
    try:
        return import_module(module)
    except ImportError:
        raise MissingExtraError(module.split(".")[0], extra) from None
