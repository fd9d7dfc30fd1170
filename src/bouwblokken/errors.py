"""One error hierarchy for everything the library refuses, as data a program can use.

Every error derives from :class:`BouwblokkenError` *and* from the builtin it resembles
(``ValueError``, ``LookupError``, ``TypeError``), after pint's ``DefinitionError(ValueError,
PintError)``: callers can catch ours precisely or the builtin generically.

Every error carries the same fields (``docs/errors.md``):

- ``code``: a stable machine code (``document.duplicate_key``, ``input.missing``, ...);
- ``pointer``: a JSON Pointer (RFC 6901) to the offending place in the document or the
  constructor's input (``/tenders/0/activities/1/hours_per_week``; ``""`` = the whole input);
- ``file``: the file or source name, or ``None``;
- ``message_nl`` / ``message_en``: the reason in Dutch and in English, *without* the location
  (which is in ``file`` and ``pointer``);
- ``str(error)``: the English one-line message with its location, as it always was (logs,
  ``pytest.raises(match=...)``);
- :meth:`BouwblokkenError.describe`: the one line a person reads -- file, place and reason --
  in Dutch by default, in English with ``lang="en"``. The command line, the HTTP service's
  ``detail`` and the readers' reports use it.

:meth:`BouwblokkenError.to_dict` is the JSON shape the command line prints with ``--json`` and
the HTTP service embeds in its ``application/problem+json`` answers.

Model constructors and ``model_validate`` raise :class:`InputError`, which is both a
:class:`BouwblokkenError` and a :class:`pydantic.ValidationError` (so existing ``except
ValidationError`` code keeps working, and ``errors()`` lists every problem).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

__all__ = [
    "BouwblokkenError",
    "CatalogError",
    "CatalogFileError",
    "DocumentError",
    "InputError",
    "LedgerError",
    "MissingExtraError",
    "MoneyError",
    "NoEditionInForceError",
    "UnknownBlockError",
    "UnknownCatalogError",
    "ValuationError",
]


def _pointer_part(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer_of(parts: Sequence[object]) -> str:
    """A JSON Pointer (RFC 6901) from path parts: ``("tenders", 0)`` → ``/tenders/0``."""
    return "".join("/" + _pointer_part(p) for p in parts)


def shown(value: object, limit: int = 40, *, lang: str = "en") -> str:
    """A short rendering of an offending value for a message: never the whole of a long text
    or a huge number (whose ``repr`` would even fail beyond 4.300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        digits = int(value.bit_length() * 0.30103) + 1
        return (
            f"een getal van ongeveer {digits} cijfers"
            if lang == "nl"
            else f"a number of about {digits} digits"
        )
    if isinstance(value, str) and len(value) > limit:
        return (
            f"een tekst van {len(value)} tekens"
            if lang == "nl"
            else f"a text of {len(value)} characters"
        )
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_NL_BY_CODE: dict[str, str] = {
    "error": "de invoer kan niet worden gebruikt",
    "money": "geen exact bedrag",
    "money.float": "een kommagetal (float) kan een bedrag niet exact bevatten; geef een tekst "
    "zoals '1234.56', een geheel getal of een Decimal",
    "money.boolean": "verwacht een bedrag, kreeg een ja/nee-waarde (boolean)",
    "money.not_finite": "verwacht een eindig bedrag (geen oneindig of NaN)",
    "money.too_large": "het bedrag is groter dan de grens die de bibliotheek aanhoudt",
    "money.too_many_decimals": "te veel decimalen",
    "money.syntax": "verwacht een bedrag zoals '1234.56'",
    "money.type": "verwacht een bedrag (tekst, geheel getal of Decimal)",
    "money.not_whole_cents": "het bedrag is geen geheel aantal centen",
    "catalog": "catalogusfout",
    "catalog.unknown": "onbekende catalogus",
    "catalog.no_edition": "geen editie van de catalogus geldig op die datum",
    "catalog.file": "het catalogusbestand volgt het formaat niet",
    "catalog.file.unreadable": "het catalogusbestand kan niet worden gelezen",
    "catalog.file.not_utf8": "het catalogusbestand is geen UTF-8-tekst",
    "catalog.file.toml": "het catalogusbestand is geen geldige TOML",
    "catalog.file.too_large": "het catalogusbestand is groter dan toegestaan",
    "catalog.file.too_deep": "het catalogusbestand is dieper genest dan toegestaan",
    "catalog.file.number": "een getal in het catalogusbestand heeft te veel cijfers",
    "catalog.file.symlink": "een symbolische koppeling wijst buiten de catalogusmap",
    "catalog.file.not_regular": "geen gewoon bestand (FIFO, apparaat of map)",
    "catalog.file.duplicate_edition": "twee bestanden claimen dezelfde editie",
    "catalog.file.id_mismatch": "de id past niet bij de map",
    "catalog.folder.missing": "de catalogusmap bestaat niet",
    "valuation": "de activiteit kan zo niet worden gewaardeerd",
    "valuation.unknown_block": "dit bouwblok staat niet in de catalogus",
    "ledger": "het register (ledger) kan dit niet aannemen",
    "document": "het document kan niet worden gelezen",
    "document.unreadable": "het bestand kan niet worden gelezen",
    "document.not_a_file": "geen gewoon bestand (apparaat of map)",
    "document.too_large": "het document is groter dan toegestaan",
    "document.json": "geen geldige JSON",
    "document.not_utf8": "geen UTF-8-tekst",
    "document.duplicate_key": "een sleutel komt twee keer voor in hetzelfde object",
    "document.too_deep": "het document is dieper genest dan toegestaan",
    "document.too_many_records": "het document heeft meer records dan toegestaan",
    "document.number": "een getal heeft te veel cijfers of een te grote exponent",
    "document.not_a_number": "NaN en Infinity zijn geen JSON-getallen",
    "document.fraction_number": "een getal met decimalen moet als tekst worden gegeven",
    "input": "ongeldige invoer",
    "input.missing": "verplicht veld ontbreekt",
    "input.extra_forbidden": "onbekende sleutel; het formaat kent die niet",
    "input.boolean_not_number": "een ja/nee-waarde (boolean) is geen getal",
    "input.not_whole_number": "verwacht een geheel getal",
    "input.number_not_date": "een getal is geen datum; schrijf 'JJJJ-MM-DD'",
    "input.date_format": "verwacht een datum 'JJJJ-MM-DD'",
    "input.date_range": "de datum ligt buiten het bereik dat de bibliotheek aanhoudt",
    "input.datetime_with_time": "een tijdstip met uren is geen datum; geef een datum",
    "input.not_boolean": "verwacht ja of nee (true/false)",
    "input.number_too_large": "het getal is groter dan toegestaan",
    "input.literal_error": "niet een van de toegestane waarden",
    "input.string_type": "verwacht tekst",
    "input.int_type": "verwacht een geheel getal",
    "input.int_parsing": "verwacht een geheel getal",
    "input.date_type": "verwacht een datum 'JJJJ-MM-DD'",
    "input.date_from_datetime_inexact": "een tijdstip met uren is geen datum",
    "input.too_short": "te kort of te weinig elementen",
    "input.too_long": "te lang of te veel elementen",
    "input.string_too_short": "tekst is te kort",
    "input.string_too_long": "tekst is te lang",
    "input.string_pattern_mismatch": "tekst heeft niet de verwachte vorm",
    "input.greater_than_equal": "waarde is te klein",
    "input.greater_than": "waarde is te klein",
    "input.less_than_equal": "waarde is te groot",
    "input.less_than": "waarde is te groot",
    "input.model_type": "verwacht een object",
    "input.dict_type": "verwacht een object",
    "input.tuple_type": "verwacht een lijst",
    "input.list_type": "verwacht een lijst",
    "input.union_tag_invalid": "onbekende soort (kind)",
    "input.union_tag_not_found": "de soort (kind) ontbreekt",
    "input.value_error": "ongeldige waarde",
    "input.bool_type": "verwacht ja of nee (true/false)",
    "input.bool_parsing": "verwacht ja of nee (true/false)",
    "award": "de gegevens van de aanbesteding kunnen niet worden gebruikt",
    "cli": "ongeldige opdracht",
    "cli.usage": "ongeldige opdracht of optie",
}
"""Dutch reasons by code. A message composed by a library module in English only gets the
Dutch reason of its code, followed by the English detail (``docs/errors.md``)."""


def dutch_for(code: str) -> str:
    """The Dutch reason for ``code``, or for its nearest known parent code."""
    parts = code.split(".")
    while parts:
        found = _NL_BY_CODE.get(".".join(parts))
        if found:
            return found
        parts.pop()
    return _NL_BY_CODE["error"]


class BouwblokkenError(Exception):
    """Base class of every error this library raises on purpose."""

    code: str = "error"
    pointer: str = ""
    file: str | None = None
    _en: str | None = None
    _nl: str | None = None

    def locate(
        self,
        *,
        code: str | None = None,
        pointer: str | None = None,
        file: str | None = None,
        en: str | None = None,
        nl: str | None = None,
    ) -> BouwblokkenError:
        """Fill in structured fields (returns ``self``, to ``raise err.locate(...)``)."""
        if code is not None:
            self.code = code
        if pointer is not None:
            self.pointer = pointer
        if file is not None:
            self.file = file
        if en is not None:
            self._en = en
        if nl is not None:
            self._nl = nl
        return self

    @property
    def message_en(self) -> str:
        """The reason in English, without the location."""
        if self._en is not None:
            return self._en
        reason = getattr(self, "reason", None)
        if isinstance(reason, str):
            return reason
        message = getattr(self, "message", None)
        return message if isinstance(message, str) else str(self)

    @property
    def message_nl(self) -> str:
        """The reason in Dutch, without the location."""
        if self._nl is not None:
            return self._nl
        inner = self.__context__  # an error re-raised with a record keeps the original's Dutch
        if (
            isinstance(inner, BouwblokkenError)
            and inner._nl
            and inner.message_en in self.message_en
        ):
            return inner.message_nl
        english = self.message_en
        if english:
            from bouwblokken.errors_nl import to_dutch

            found = to_dutch(english)
            if found is not None:
                return found
        known = dutch_for(self.code)
        return f"{known} ({english})" if english else known

    def _where(self, lang: str) -> list[str]:
        """The place of the error inside its file, in words (record, field or path)."""
        location = getattr(self, "location", None)
        if isinstance(location, str):
            return [location] if location else []
        out: list[str] = []
        record = getattr(self, "record", None)
        if isinstance(record, str) and record:
            from bouwblokken.errors_nl import record_nl

            out.append(record_nl(record) if lang == "nl" else record)
        field = getattr(self, "field", None)
        if isinstance(field, str) and field:
            out.append(field)
        return out

    def describe(self, lang: str = "nl") -> str:
        """The error as one line for a person: the file (once), the place and the reason, in
        Dutch (``lang="nl"``, the default) or English (``"en"``, the same as ``str(error)``).

        The machine fields (``code``, ``pointer``) stay as they are; this is only the words.
        """
        nl = lang != "en"
        text = ": ".join([*self._where("nl"), self.message_nl]) if nl else str(self)
        if self.file and not text.startswith(self.file):
            text = f"{self.file}: {text}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The error as data (``docs/errors.md``, the ``--json`` shape on standard error)."""
        return {
            "code": self.code,
            "message_nl": self.message_nl,
            "message_en": self.message_en,
            "file": self.file,
            "pointer": self.pointer,
            "record": getattr(self, "record", None),
            "field": getattr(self, "field", None),
            "text": str(self),
            "text_nl": self.describe("nl"),
        }


class MissingExtraError(BouwblokkenError, ImportError):
    """A feature needs a package of an optional extra that is not installed
    (:func:`bouwblokken.extras.require`)."""

    code = "missing_extra"

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        command = f"pip install 'bouwblokken[{extra}]'"
        super().__init__(f"{package} is not installed: {command}")
        self.locate(
            en=f"{package} is not installed: {command}",
            nl=f"{package} is niet geïnstalleerd: {command}",
        )


class MoneyError(BouwblokkenError, ValueError):
    """An amount that is not exact money (a float, NaN, more than two decimals where refused).

    A ``ValueError`` so that pydantic wraps it in a validation error naming the field."""

    code = "money"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str = "money",
        nl: str | None = None,
    ) -> None:
        self.field = field
        self.code = code
        self._en = message
        self._nl = nl
        if field:
            self.pointer = pointer_of([field])
        super().__init__(f"{field}: {message}" if field else message)


class CatalogError(BouwblokkenError):
    """Base of catalog lookup and catalog file errors."""

    code = "catalog"


class UnknownCatalogError(CatalogError, LookupError):
    """A catalog id that no shipped or registered catalog has."""

    code = "catalog.unknown"

    def __init__(self, catalog_id: str, known: Sequence[str]) -> None:
        self.catalog_id = catalog_id
        self.known = tuple(known)
        listed = ", ".join(self.known) or "(none)"
        self._nl = f"onbekende catalogus {catalog_id!r}; bekende catalogi: {listed}"
        super().__init__(f"unknown catalog {catalog_id!r}; known catalogs: {listed}")


class NoEditionInForceError(CatalogError, LookupError):
    """A catalog exists but none of its editions is in force on the asked date."""

    code = "catalog.no_edition"

    def __init__(self, catalog_id: str, on: object, periods: Sequence[str]) -> None:
        self.catalog_id = catalog_id
        self.on = on
        self.periods = tuple(periods)
        listed = "; ".join(self.periods)
        self._nl = (
            f"catalogus {catalog_id!r} heeft geen editie die geldt op {on}; edities: {listed}"
        )
        super().__init__(
            f"catalog {catalog_id!r} has no edition in force on {on}; editions: {listed}"
        )


class CatalogFileError(CatalogError, ValueError):
    """A catalog data file that cannot be read or does not follow the format.

    ``path`` is the file, ``location`` the field path inside it (``blocks[3].rule.amount``),
    ``reason`` what was expected; ``pointer`` the same place as a JSON Pointer.
    """

    code = "catalog.file"

    def __init__(
        self,
        path: Path | str,
        location: str,
        reason: str,
        *,
        code: str = "catalog.file",
        pointer: str = "",
        nl: str | None = None,
    ) -> None:
        self.path = str(path)
        self.file = self.path
        self.location = location
        self.reason = reason
        self.code = code
        self.pointer = pointer
        self._nl = nl
        where = f"{self.path}: {location}" if location else self.path
        super().__init__(f"{where}: {reason}")


class _RecordError(BouwblokkenError, ValueError):
    """An error about one record (``record``) and one of its fields (``field``)."""

    def __init__(
        self,
        message: str,
        *,
        record: str | None = None,
        field: str | None = None,
        code: str | None = None,
        nl: str | None = None,
    ):
        self.record = record
        self.field = field
        self.message = message
        self._nl = nl
        if code is not None:
            self.code = code
        if field:
            self.pointer = pointer_of([field])
        prefix = "".join(f"{part}: " for part in (record, field) if part)
        super().__init__(prefix + message)


class ValuationError(_RecordError):
    """An activity that cannot be valued as given (missing or impossible input)."""

    code = "valuation"


class UnknownBlockError(ValuationError, LookupError):
    """A block id that the catalog edition does not have."""

    code = "valuation.unknown_block"

    def __init__(
        self, block_id: str, edition: str, known: Sequence[str], *, record: str | None = None
    ):
        self.block_id = block_id
        self.edition = edition
        super().__init__(
            f"block {block_id!r} is not in catalog {edition}; blocks: {', '.join(known)}",
            field="block",
            record=record,
        )
        self._nl = (
            f"bouwblok {block_id!r} staat niet in catalogus {edition}; "
            f"bouwblokken: {', '.join(known)}"
        )

    @property
    def message_en(self) -> str:
        suggestions: Sequence[str] = getattr(self, "suggestions", ())
        text = super().message_en
        return f"{text}; did you mean {' or '.join(suggestions)}?" if suggestions else text

    @property
    def message_nl(self) -> str:
        suggestions: Sequence[str] = getattr(self, "suggestions", ())
        text = super().message_nl
        return f"{text}; bedoelt u {' of '.join(suggestions)}?" if suggestions else text


class LedgerError(_RecordError):
    """A tender or activity that the ledger cannot accept (dates, references, duplicates)."""

    code = "ledger"


class DocumentError(BouwblokkenError, ValueError):
    """A JSON document that cannot be read: names the file, the record path and the field."""

    code = "document"

    def __init__(
        self,
        source: str,
        location: str,
        reason: str,
        *,
        code: str = "document",
        pointer: str = "",
        nl: str | None = None,
    ) -> None:
        self.source = source
        self.file = source
        self.location = location
        self.reason = reason
        self.code = code
        self.pointer = pointer
        self._nl = nl
        where = f"{source}: {location}" if location else source
        super().__init__(f"{where}: {reason}")


class InputError(BouwblokkenError, ValidationError):
    """Input that a model refuses (a constructor or ``model_validate``): every problem is in
    :meth:`errors` (pydantic's list); ``code``, ``pointer`` and the messages describe the first.

    Also a :class:`pydantic.ValidationError` and so a ``ValueError``."""

    code = "input"

    @classmethod
    def wrap(cls, exc: ValidationError, data: Any) -> InputError:
        """Our error for pydantic's ``exc`` raised on ``data`` (the raw input)."""
        from bouwblokken.locate import first_problem

        details: list[Any] = [
            {k: v for k, v in e.items() if k in ("type", "loc", "input", "ctx")}
            for e in exc.errors(include_url=False)
        ]
        new = cls.from_exception_data(exc.title, details)
        problem = first_problem(exc, data)
        new.code = problem.code
        new.pointer = problem.pointer
        new._en = f"{problem.path}: {problem.reason}" if problem.path else problem.reason
        new._nl = f"{problem.path}: {problem.reason_nl}" if problem.path else problem.reason_nl
        return new
