"""A tiny registry of views, so results can show themselves without importing a view.

Result objects of the core (:class:`~bouwblokken.ledger.LedgerResult`,
:class:`~bouwblokken.optimize.plan.PlanResult`, :class:`~bouwblokken.catalog.model.Catalog`)
offer ``table()``, ``_repr_html_()``, ``to_dict()`` and ``to_dataframe()``; those methods look
the rendering function up here by name. :mod:`bouwblokken.display` fills the registry when it is
imported, and the package ``bouwblokken`` imports it, so the registry is full whenever a result
exists. Data flows one way: the core names a view, the view package imports the core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from bouwblokken.errors import BouwblokkenError

__all__ = ["Shown", "register", "registered", "view"]

F = TypeVar("F", bound=Callable[..., Any])
_VIEWS: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[F], F]:
    """Register ``func`` as the view ``name`` (a decorator; a later registration wins)."""

    def deco(func: F) -> F:
        _VIEWS[name] = func
        return func

    return deco


def registered() -> tuple[str, ...]:
    """The names of the registered views."""
    return tuple(sorted(_VIEWS))


def view(name: str) -> Callable[..., Any]:
    """The view registered as ``name``; raises :class:`BouwblokkenError` if none is."""
    try:
        return _VIEWS[name]
    except KeyError:
        raise BouwblokkenError(
            f"no view {name!r} is registered: import bouwblokken.display first"
        ) from None


class Shown:
    """A result that shows itself through the views ``<VIEW>.table`` and ``<VIEW>.html``:
    ``table(lang)`` (text, Dutch by default), ``str()`` (the Dutch table) and
    ``_repr_html_()`` (notebooks). Subclasses set :attr:`VIEW`."""

    VIEW: ClassVar[str]

    def table(self, lang: str = "nl") -> str:
        text: str = view(f"{self.VIEW}.table")(self, lang=lang)
        return text

    def __str__(self) -> str:
        return self.table("nl")

    def _repr_html_(self) -> str:
        html: str = view(f"{self.VIEW}.html")(self)
        return html
