"""Catalogs: the data format, staged loading, and the registry of editions by date."""

from bouwblokken.catalog.loader import load_catalog_file, parse_catalog
from bouwblokken.catalog.model import Block, Bonus, Catalog, ShareCap
from bouwblokken.catalog.registry import (
    CatalogInfo,
    Registry,
    default_registry,
    list_catalogs,
    load_catalog,
)

__all__ = [
    "Block",
    "Bonus",
    "Catalog",
    "CatalogInfo",
    "Registry",
    "ShareCap",
    "default_registry",
    "list_catalogs",
    "load_catalog",
    "load_catalog_file",
    "parse_catalog",
]
