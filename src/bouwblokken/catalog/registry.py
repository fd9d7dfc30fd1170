"""The registry of catalog editions, found by id and by the date a tender is judged on.

Shipped catalogs live in the package (``bouwblokken/catalogs/<id>/<edition>.toml``, from the
repository's top-level ``catalogs/``) and are found through :mod:`importlib.resources`, so a
plain wheel install works. More folders can be added (:meth:`Registry.add_folder`): adding a
region needs a data file, not code. Lookup on a date is a step function (OpenFisca): the
edition whose period contains the date; editions are ordered by date or by their explicit
``edition_order``, never by the sort order of their labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import pairwise
from pathlib import Path

from bouwblokken.catalog.loader import load_catalog_file
from bouwblokken.catalog.model import Catalog
from bouwblokken.errors import CatalogFileError, NoEditionInForceError, UnknownCatalogError

__all__ = [
    "CatalogInfo",
    "Registry",
    "default_registry",
    "list_catalogs",
    "load_catalog",
    "order_editions",
]


@dataclass(frozen=True, slots=True)
class CatalogInfo:
    """What a listing shows of one edition."""

    id: str
    edition: str
    title_nl: str
    title_en: str
    issuer: str
    effective_from: date | None
    effective_until: date | None
    effective_basis: str
    verified: bool
    path: str

    @property
    def key(self) -> str:
        return f"{self.id}@{self.edition}"


def _shipped_folder() -> Path:
    """The shipped catalogs: inside the installed package, or the repository's ``catalogs/``
    when running from a source checkout (editable install)."""
    packaged = resources.files("bouwblokken") / "catalogs"
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[3] / "catalogs"
    return source_tree


class Registry:
    """Catalog editions by id; loads each file once."""

    def __init__(self, folders: list[Path] | None = None) -> None:
        self._files: dict[str, list[Path]] = {}
        self._cache: dict[Path, Catalog] = {}
        self._in_folder: set[Path] = set()
        for folder in folders or []:
            self.add_folder(folder)

    def add_folder(self, folder: str | Path) -> None:
        """Register every ``<id>/<edition>.toml`` below ``folder`` (the ``mappings`` folder holds
        region-comparison data, not catalogs, and is skipped)."""
        root = Path(folder)
        if not root.is_dir():
            raise CatalogFileError(root, "", "catalog folder does not exist")
        for path in sorted(root.glob("*/*.toml")):
            if path.parent.name == "mappings":
                continue
            self._files.setdefault(path.parent.name, []).append(path)
            self._in_folder.add(path)

    def add_file(self, path: str | Path) -> Catalog:
        """Register (and load) a single catalog file; its id comes from its content."""
        catalog = self._load(Path(path))
        files = self._files.setdefault(catalog.id, [])
        if Path(path) not in files:
            files.append(Path(path))
        return catalog

    def _load(self, path: Path) -> Catalog:
        if path not in self._cache:
            catalog = load_catalog_file(path)
            if path in self._in_folder and path.parent.name != catalog.id:
                raise CatalogFileError(
                    path, "id", f"id {catalog.id!r} does not match its folder {path.parent.name!r}"
                )
            self._cache[path] = catalog
        return self._cache[path]

    def ids(self) -> list[str]:
        return sorted(self._files)

    def editions(self, catalog_id: str) -> list[Catalog]:
        """All editions of a catalog, oldest first (see :func:`order_editions`)."""
        if catalog_id not in self._files:
            raise UnknownCatalogError(catalog_id, self.ids())
        return order_editions([self._load(p) for p in self._files[catalog_id]])

    def list(self) -> list[CatalogInfo]:
        """Every edition of every catalog."""
        out = []
        for cid in self.ids():
            for c in self.editions(cid):
                out.append(
                    CatalogInfo(
                        id=c.id,
                        edition=c.edition,
                        title_nl=c.title_nl,
                        title_en=c.title_en,
                        issuer=c.issuer,
                        effective_from=c.effective_from,
                        effective_until=c.effective_until,
                        effective_basis=c.effective_basis,
                        verified=c.verified,
                        path=c.path,
                    )
                )
        return out

    def load(
        self, catalog_id: str, *, on: date | None = None, edition: str | None = None
    ) -> Catalog:
        """The edition of ``catalog_id`` in force on ``on`` (latest when no date), or the named
        ``edition``. The date is of the kind the catalog's ``effective_basis`` says."""
        if "@" in catalog_id and edition is None:
            catalog_id, edition = catalog_id.split("@", 1)
        editions = self.editions(catalog_id)
        if edition is not None:
            for c in editions:
                if c.edition == edition:
                    return c
            raise NoEditionInForceError(
                catalog_id, f"edition {edition!r}", [_period(c) for c in editions]
            )
        if on is None:
            return editions[-1]
        in_force = [c for c in editions if c.in_force(on)]
        if not in_force:
            raise NoEditionInForceError(catalog_id, on, [_period(c) for c in editions])
        return in_force[-1]


def order_editions(editions: list[Catalog]) -> list[Catalog]:
    """The editions of one catalog, oldest first, in an explicit order — never by label.

    With ``edition_order`` (which then every edition must have, each a different number) that
    order; the dates of dated editions must agree with it. Without it, by ``effective_from``;
    two editions that no date separates (both undated, or the same date) are refused with a
    :class:`CatalogFileError` asking for ``edition_order``.
    """
    if len(editions) < 2:
        return list(editions)
    ordered = [c for c in editions if c.edition_order is not None]
    if ordered:
        missing = next((c for c in editions if c.edition_order is None), None)
        if missing is not None:
            raise CatalogFileError(
                missing.path,
                "edition_order",
                f"other editions of {missing.id!r} have edition_order: give this one too",
            )
        by_order = sorted(editions, key=lambda c: c.edition_order or 0)
        for prev, cur in pairwise(by_order):
            if cur.edition_order == prev.edition_order:
                raise CatalogFileError(
                    cur.path,
                    "edition_order",
                    f"edition_order {cur.edition_order} is also used by {prev.key}",
                )
        dated = [c for c in by_order if c.effective_from is not None]
        for prev, cur in pairwise(dated):
            assert prev.effective_from is not None and cur.effective_from is not None
            if cur.effective_from < prev.effective_from:
                raise CatalogFileError(
                    cur.path,
                    "edition_order",
                    f"edition_order puts {cur.key} after {prev.key}, but it is in force earlier",
                )
        return by_order
    by_date = sorted(editions, key=lambda c: c.effective_from or date.min)
    for prev, cur in pairwise(by_date):
        if cur.effective_from == prev.effective_from:
            when = "neither states a date" if cur.effective_from is None else "same date"
            raise CatalogFileError(
                cur.path,
                "edition_order",
                f"{cur.key} and {prev.key} cannot be ordered ({when}): give every edition"
                " of the catalog an edition_order (1 = oldest)",
            )
    return by_date


def _period(c: Catalog) -> str:
    start = c.effective_from.isoformat() if c.effective_from else "(date not stated)"
    end = c.effective_until.isoformat() if c.effective_until else "open"
    return f"{c.key} {start} .. {end} ({c.effective_basis})"


_default: Registry | None = None


def default_registry() -> Registry:
    """The registry of shipped catalogs (created on first use)."""
    global _default
    if _default is None:
        _default = Registry([_shipped_folder()])
    return _default


def list_catalogs() -> list[CatalogInfo]:
    """Every shipped catalog edition."""
    return default_registry().list()


def load_catalog(catalog_id: str, *, on: date | None = None, edition: str | None = None) -> Catalog:
    """Load a shipped catalog: the edition in force on ``on``, or ``edition``, or the latest.

    ``catalog_id`` may be ``"id@edition"``. Raises :class:`UnknownCatalogError` (lists the known
    ids), :class:`NoEditionInForceError` (lists the editions' periods) or
    :class:`CatalogFileError` (file, field, reason).
    """
    return default_registry().load(catalog_id, on=on, edition=edition)
