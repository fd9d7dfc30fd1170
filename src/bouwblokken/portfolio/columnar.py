"""A provincial portfolio in columns: read, counted and reported without one object per activity.

:func:`read_portfolio` builds one pydantic object per activity, status step and date: about
3 kB per activity, too much for the 10^6 activities of a province (and the 64 MB document limit
of :func:`~bouwblokken.documents.read_json` stops it first). :func:`read_columns` reads the same
``bouwblokken.portfolio/1`` document into a :class:`PortfolioColumns`:

- the buyers, suppliers, persons and every contract's terms as the usual models
  (:attr:`PortfolioColumns.heads`, a :class:`~bouwblokken.portfolio.model.Portfolio` whose
  contracts list no activities), validated by the models themselves;
- the activities as int32/int64 columns (day offsets, codes into small tables of ids, blocks,
  hours and amounts) and their status histories as flat event columns.

**Validation is the models'.** The document is parsed one contract at a time with the library's
exact JSON hooks (decimals, no duplicate keys, no NaN, digit and exponent limits) and its depth
limit per contract; the size limit is :data:`MAX_COLUMNAR_BYTES`. An activity whose fields are
the common ones (``id``, ``person``, ``block``, ``hours_per_week``, ``start``, ``end``,
``invoice_amount``, ``hours``) with plain values takes the columnar path: every *distinct*
number or date text is validated once by the model's own field validation (a cache), strings
are checked as the models check them, and the history is checked step by step with the
model's rules. Anything else — another field, indicators, a value the fast checks do not
accept — sends the whole contract through :class:`~bouwblokken.portfolio.model.Contract`
validation: it either raises the model's own error (a :class:`~bouwblokken.errors.
DocumentError` naming the file, ``contracts[n]…`` and the field), or gives the objects, which
are then stored in columns (or kept whole, for activities with indicators or other facts). So
a document reads into columns exactly when :func:`read_portfolio` accepts it, and
:meth:`PortfolioColumns.to_portfolio` gives the same portfolio (tests compare both readers).

:func:`batch_evaluate_columns` counts the columns with the vectorised engine of
:mod:`bouwblokken.portfolio.batch` (activities it cannot do, with their persons, take the exact
:func:`~bouwblokken.ledger.evaluate`), and :func:`monitor_columns` gives the quarterly
:class:`~bouwblokken.portfolio.monitor.PortfolioReport` from it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import gcd
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Catalog
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.documents import without_schema_key
from bouwblokken.errors import BouwblokkenError, CatalogError, DocumentError, LedgerError
from bouwblokken.guard import MAX_DATE, MIN_DATE
from bouwblokken.jsontext import (
    MAX_DEPTH,
    _parse_constant,
    _parse_float,
    _parse_int,
    _RefusedError,
    _unique_keys,
    read_source,
)
from bouwblokken.ledger import Ledger, LedgerResult, evaluate
from bouwblokken.ledger import _catalog_for as catalog_for
from bouwblokken.locate import describe
from bouwblokken.money import from_cents
from bouwblokken.obligation import Obligation
from bouwblokken.periods import add_months
from bouwblokken.portfolio.batch import (
    _BASE,
    _FAR,
    INVOICE,
    PER_YEAR,
    Obligations,
    Spec,
    _block_class,
    _BlockClass,
    _classify,
    _classify_fast,
    _Columns,
    _partition_columns,
    _scaled_slow,
    _str_codes,
    _vector_columns,
    count_overlaps,
)
from bouwblokken.portfolio.gcpause import gc_paused
from bouwblokken.portfolio.model import (
    _NEXT,
    Contract,
    ContractActivity,
    Portfolio,
    StatusEvent,
    View,
)
from bouwblokken.tender import Tender

__all__ = [
    "MAX_COLUMNAR_BYTES",
    "ColumnsResult",
    "PortfolioColumns",
    "batch_evaluate_columns",
    "columns_from_portfolio",
    "monitor_columns",
    "read_columns",
]

MAX_COLUMNAR_BYTES = 4 * 1024**3
"""Largest portfolio document :func:`read_columns` reads (4 GiB: about 1,5 × 10^7 activities);
memory is bounded per contract, not by the whole parsed document."""

FAST_FIELDS = ("id", "person", "block", "hours_per_week", "start", "end", "invoice_amount", "hours")
"""Activity fields the columns hold; an activity with another field is kept as an object."""
_FAST = frozenset(FAST_FIELDS)
_EVENT_FIELDS = frozenset({"status", "on", "by", "reason", "documents"})
_RECORD = frozenset({"activity", "history"})
STATUSES = ("planned", "declared", "evidenced", "approved", "rejected")
_STATUS_CODE = {s: k for k, s in enumerate(STATUSES)}
_DOCS = frozenset(
    {"employment_contract", "payslips", "hours", "target_group_statement", "invoice", "other"}
)
_NONE = -1
_LO, _HI = MIN_DATE.toordinal() - _BASE, MAX_DATE.toordinal() - _BASE


class _SlowPathError(Exception):
    """The fast checks do not accept a record: the models decide (and name the error)."""


@dataclass
class _Table:
    """Distinct values and their codes (a categorical column's dictionary)."""

    values: list[Any] = field(default_factory=list)
    codes: dict[Any, int] = field(default_factory=dict)

    def code(self, value: Any) -> int:
        k = self.codes.get(value)
        if k is None:
            k = self.codes[value] = len(self.values)
            self.values.append(value)
        return k


@dataclass
class PortfolioColumns:
    """A portfolio with its activities in columns (see the module text). Row ``j`` is
    activity ``position[j]`` of contract ``contract[j]`` (in document order)."""

    heads: Portfolio
    """Buyers, suppliers, persons and the contracts' terms (contracts without activities)."""
    contract: np.ndarray
    position: np.ndarray
    aid: np.ndarray
    """Activity id code (:attr:`ids`)."""
    person: np.ndarray
    """Index into ``heads.persons`` (−1: no person)."""
    block: np.ndarray
    hours_per_week: np.ndarray
    """Code into :attr:`numbers` (−1: not given); ``hours`` likewise."""
    hours: np.ndarray
    start: np.ndarray
    """Day offsets from 1900-01-01 (−1: not given)."""
    end: np.ndarray
    invoice_cents: np.ndarray
    """Invoice amount in cents (−1: not given); :attr:`amounts` holds the exact Decimal."""
    ev_offsets: np.ndarray
    """Events of row j: ``ev_offsets[j]`` up to ``ev_offsets[j + 1]`` (oldest first)."""
    ev_status: np.ndarray
    ev_on: np.ndarray
    ev_by: np.ndarray
    ev_reason: np.ndarray
    ev_documents: np.ndarray
    ev_fields: np.ndarray
    """Which of by/reason/documents the step set (bits 1, 2, 4)."""
    fields: np.ndarray
    """Which optional activity fields were set (bit k: :data:`FAST_FIELDS` [k])."""
    ids: list[str]
    blocks: list[str]
    numbers: list[Decimal]
    amounts: list[Decimal]
    amount_code: np.ndarray
    texts: list[str | None]
    documents: list[tuple[str, ...]]
    objects: dict[int, ContractActivity]
    """Rows kept whole (indicators, or facts beyond the columns)."""
    _contract_rows: np.ndarray | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return int(self.contract.size)

    @property
    def contracts(self) -> tuple[Contract, ...]:
        return self.heads.contracts

    def activity(self, j: int) -> Activity:
        """Row ``j`` as the :class:`~bouwblokken.activity.Activity` the document gave."""
        if j in self.objects:
            return self.objects[j].activity
        bits = int(self.fields[j])
        values: dict[str, Any] = {"id": self.ids[self.aid[j]], "block": self.blocks[self.block[j]]}
        if bits & 2:
            values["person"] = self.heads.persons[self.person[j]].id
        if bits & 8:
            values["hours_per_week"] = self.numbers[self.hours_per_week[j]]
        if bits & 16:
            values["start"] = date.fromordinal(int(self.start[j]) + _BASE)
        if bits & 32:
            values["end"] = date.fromordinal(int(self.end[j]) + _BASE)
        if bits & 64:
            values["invoice_amount"] = self.amounts[self.amount_code[j]]
        if bits & 128:
            values["hours"] = self.numbers[self.hours[j]]
        return Activity.model_construct(_fields_set=set(values), **values)

    def contract_activity(self, j: int) -> ContractActivity:
        """Row ``j`` with its history, as :func:`read_portfolio` gives it."""
        if j in self.objects:
            return self.objects[j]
        history = []
        for k in range(int(self.ev_offsets[j]), int(self.ev_offsets[j + 1])):
            bits = int(self.ev_fields[k])
            values: dict[str, Any] = {
                "status": STATUSES[self.ev_status[k]],
                "on": date.fromordinal(int(self.ev_on[k]) + _BASE),
            }
            if bits & 1:
                values["by"] = self.texts[self.ev_by[k]]
            if bits & 2:
                values["reason"] = self.texts[self.ev_reason[k]]
            if bits & 4:
                values["documents"] = self.documents[self.ev_documents[k]]
            history.append(StatusEvent.model_construct(_fields_set=set(values), **values))
        present = {"activity"} | ({"history"} if history or self._history_set(j) else set())
        return ContractActivity.model_construct(
            _fields_set=present, activity=self.activity(j), history=tuple(history)
        )

    def _history_set(self, j: int) -> bool:
        return bool(int(self.fields[j]) & 256)

    def to_portfolio(self) -> Portfolio:
        """The whole portfolio as models (what :func:`read_portfolio` gives; for small ones)."""
        per: list[list[ContractActivity]] = [[] for _ in self.heads.contracts]
        for j in range(len(self)):
            per[int(self.contract[j])].append(self.contract_activity(j))
        contracts = tuple(
            c.model_copy(update={"activities": tuple(acts)}) if acts else c
            for c, acts in zip(self.heads.contracts, per, strict=True)
        )
        return self.heads.model_copy(update={"contracts": contracts})

    def statuses(
        self, view: View = "approved", known_on: date | None = None, as_of: date | None = None
    ) -> np.ndarray:
        """The ledger status of every row in ``view`` (as :meth:`Portfolio.ledger`):
        0 realised, 1 planned, −1 left out."""
        n = len(self)
        off = self.ev_offsets
        counts = np.diff(off)
        if known_on is None:
            last = off[1:] - 1
            known = counts > 0
        else:
            k = known_on.toordinal() - _BASE
            upto = (self.ev_on <= k).astype(np.int64)
            csum = np.concatenate(([0], np.cumsum(upto)))
            taken = csum[off[1:]] - csum[off[:-1]]
            last = off[:-1] + taken - 1
            known = taken > 0
        state = np.full(n, -1, dtype=np.int64)
        if self.ev_status.size:
            state[known] = self.ev_status[last[known]]
        out = np.full(n, -1, dtype=np.int64)
        out[counts == 0] = 1  # no history: planned
        has = (counts > 0) & known
        if view == "approved":
            out[has & (state == _STATUS_CODE["approved"])] = 0
            out[has & (state != _STATUS_CODE["approved"]) & (state != _STATUS_CODE["rejected"])] = 1
        else:
            out[has & (state == _STATUS_CODE["planned"])] = 1
            out[has & (state != _STATUS_CODE["planned"])] = 0
        if as_of is not None:
            late = (out == 0) & (self.start >= 0) & (self.start > as_of.toordinal() - _BASE)
            out[late] = 1
        for j, ca in self.objects.items():
            from bouwblokken.portfolio.model import ledger_status

            s = ledger_status(ca, view, known_on)
            if s == "realised" and as_of and ca.activity.start and ca.activity.start > as_of:
                s = "planned"
            out[j] = -1 if s is None else (0 if s == "realised" else 1)
        return out


# ---------------------------------------------------------------------------------------------
# Reading.


def read_columns(source: str | bytes | Path, *, name: str | None = None) -> PortfolioColumns:
    """Read a ``bouwblokken.portfolio/1`` document into columns (see the module text);
    errors name the file, the record path and the field, as :func:`read_portfolio`'s do."""
    label = name or (str(source) if isinstance(source, Path) else "<portfolio>")
    with gc_paused():
        raw = read_source(source, label, limit=MAX_COLUMNAR_BYTES)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                label,
                "",
                f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                code="document.not_utf8",
                nl=f"geen UTF-8-tekst (byte {exc.start})",
            ) from None
        del raw
        return _Reader(label).read(text)


def columns_from_portfolio(portfolio: Portfolio) -> PortfolioColumns:
    """A portfolio already built as models (e.g. from tables by
    :func:`~bouwblokken.portfolio.ingest.build_portfolio`) in columns, for the batch engine
    and :func:`monitor_columns`; :meth:`PortfolioColumns.to_portfolio` gives it back."""
    with gc_paused():
        reader = _Reader("<portfolio>")
        heads = []
        for n, c in enumerate(portfolio.contracts):
            for m, ca in enumerate(c.activities):
                reader._from_object(ca, n, m)
            heads.append(c.model_copy(update={"activities": ()}) if c.activities else c)
        return reader._columns(portfolio.model_copy(update={"contracts": tuple(heads)}))


_DECODER = json.JSONDecoder(
    parse_float=_parse_float,
    parse_int=_parse_int,
    parse_constant=_parse_constant,
    object_pairs_hook=_unique_keys,
)
_WS = " \t\n\r"


_ROW_COLUMNS = (
    "contract",
    "position",
    "aid",
    "person",
    "block",
    "hpw",
    "hours",
    "start",
    "end",
    "cents",
    "amount",
    "fields",
)
"""The reader's columns, one value per activity."""
_EVENT_COLUMNS = ("ev_count", "ev_status", "ev_on", "ev_by", "ev_reason", "ev_docs", "ev_fields")
"""The status histories: the number of events per activity, then the events, flat."""


class _Reader:
    def __init__(self, label: str) -> None:
        self.label = label
        self.cols: dict[str, list[int]] = {k: [] for k in (*_ROW_COLUMNS, *_EVENT_COLUMNS)}
        self.ids = _Table()
        self.blocks = _Table()
        self.numbers = _Table()
        self.amounts = _Table()
        self.texts = _Table()
        self.documents = _Table()
        self.objects: dict[int, ContractActivity] = {}
        self.dates: dict[str, int] = {}
        self.number_cache: dict[tuple[str, Any], Decimal] = {}
        self.plain: set[str] = set()
        """Strings already found plain (ids, blocks, persons, names repeat)."""
        self.pids = _Table()
        """Person ids as they appear (checked against the declared persons at the end)."""

    # -- the document, one contract at a time -------------------------------------------------

    def _error(self, where: str, reason: str, code: str = "document") -> DocumentError:
        return DocumentError(self.label, where, reason, code=code)

    def _decode(self, text: str, at: int, where: str) -> tuple[Any, int]:
        try:
            return _DECODER.raw_decode(text, at)
        except _RefusedError as exc:
            path, pointer = self._where(text, at, where, exc.code)
            raise DocumentError(
                self.label, path, exc.en, code=exc.code, nl=exc.nl, pointer=pointer
            ) from None
        except RecursionError:
            raise self._error(
                where, f"nested more than {MAX_DEPTH} deep", "document.too_deep"
            ) from None
        except json.JSONDecodeError as exc:
            raise DocumentError(
                self.label,
                "",
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                code="document.json",
                nl=f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})",
            ) from None

    @staticmethod
    def _where(text: str, at: int, where: str, code: str) -> tuple[str, str]:
        """The place of a refused key or number inside the value at ``at`` (named ``where``,
        e.g. ``contracts[3]``), as :func:`~bouwblokken.jsontext.read_json` names it in the
        whole document (error path only: the value is parsed again)."""
        from bouwblokken.jsontext import _where_duplicate, _where_refused

        try:
            end = json.JSONDecoder().raw_decode(text, at)[1]
        except (ValueError, RecursionError):
            return where, ""
        find = _where_duplicate if code == "document.duplicate_key" else _where_refused
        path, pointer = find(text[at:end])
        base = where.replace("[", ".").replace("]", "").split(".") if where else []
        prefix = "/" + "/".join(base) if base else ""
        if not path:
            return where, prefix
        if not where:
            return path, pointer
        return (f"{where}{path}" if path.startswith("[") else f"{where}.{path}"), prefix + pointer

    def _expect(self, text: str, at: int, chars: str) -> tuple[str, int]:
        while at < len(text) and text[at] in _WS:
            at += 1
        if at >= len(text) or text[at] not in chars:
            line = text.count("\n", 0, at) + 1
            raise DocumentError(
                self.label,
                "",
                f"not valid JSON: expected {' or '.join(repr(c) for c in chars)} (line {line})",
                code="document.json",
            )
        return text[at], at + 1

    def read(self, text: str) -> PortfolioColumns:
        top: dict[str, Any] = {}
        contracts: list[Contract] = []
        _, at = self._expect(text, 0, "{")
        while True:
            while at < len(text) and text[at] in _WS:
                at += 1
            if at < len(text) and text[at] == "}" and not top:
                at += 1
                break
            _, at = self._expect(text, at, '"')
            key, at = self._decode(text, at - 1, "")
            if key in top:
                raise self._error(
                    "",
                    f"the key {key[:64]!r} appears twice in one object (the reader would keep "
                    "only one of them)",
                    "document.duplicate_key",
                )
            _, at = self._expect(text, at, ":")
            while at < len(text) and text[at] in _WS:
                at += 1
            if key == "contracts" and text.startswith("[", at):
                top[key] = None
                at = self._contracts(text, at, contracts)
            else:
                top[key], at = self._decode(text, at, key)
                _depth(top[key], 2, self.label)
            sep, at = self._expect(text, at, ",}")
            if sep == "}":
                break
        while at < len(text) and text[at] in _WS:
            at += 1
        if at != len(text):
            raise self._error("", "not valid JSON: extra data after the document", "document.json")
        return self._finish(top, contracts)

    def _contracts(self, text: str, at: int, out: list[Contract]) -> int:
        _, at = self._expect(text, at, "[")
        while True:
            while at < len(text) and text[at] in _WS:
                at += 1
            if at < len(text) and text[at] == "]" and not out:
                return at + 1
            where = f"contracts[{len(out)}]"
            value, at = self._decode(text, at, where)
            out.append(self._contract(value, len(out)))
            sep, at = self._expect(text, at, ",]")
            if sep == "]":
                return at

    # -- one contract ---------------------------------------------------------------------------

    def _contract(self, data: Any, n: int) -> Contract:
        where = f"contracts[{n}]"
        if isinstance(data, dict) and isinstance(data.get("activities", []), list):
            # The depth limit: the fast checks take only flat values in an activity, so the
            # head is what can nest; a contract that goes to the models is checked whole.
            head = {k: ([] if k == "activities" else v) for k, v in data.items()}
            _depth(head, 3, self.label)
            contract: Contract = self._validate(Contract, head, where)
            acts = data.get("activities", [])
            mark = self._mark()
            try:
                self._fast_activities(acts, n)
                return contract
            except _SlowPathError:
                self._rollback(mark)
        _depth(data, 3, self.label)
        whole: Contract = self._validate(Contract, data, where)
        for m, ca in enumerate(whole.activities):
            self._from_object(ca, n, m)
        return whole.model_copy(update={"activities": ()})

    def _validate(self, model: type[Any], data: Any, where: str) -> Any:
        try:
            return model.model_validate(data)  # as read_portfolio validates
        except ValidationError as exc:
            path, reason = describe(exc, data)
            raise DocumentError(self.label, f"{where}.{path}" if path else where, reason) from None

    def _mark(self) -> tuple[int, int]:
        return len(self.cols["contract"]), len(self.cols["ev_status"])

    def _rollback(self, mark: tuple[int, int]) -> None:
        rows, events = mark
        for k, col in self.cols.items():
            del col[events if k.startswith("ev_") and k != "ev_count" else rows :]
        for j in [j for j in self.objects if j >= rows]:
            del self.objects[j]

    def _fast_activities(self, acts: list[Any], n: int) -> None:
        seen: set[str] = set()
        plain = self.plain
        dates = self.dates
        c = self.cols
        ids, blocks = self.ids.codes, self.blocks.codes
        cols = [c[k] for k in _ROW_COLUMNS]
        ev_count = c["ev_count"]
        for m, rec in enumerate(acts):
            if type(rec) is not dict or not rec.keys() <= _RECORD:
                raise _SlowPathError
            a = rec.get("activity")
            if type(a) is not dict or not a.keys() <= _FAST:
                raise _SlowPathError
            aid = a.get("id")
            if type(aid) is not str or aid in seen or not (aid in plain or self._plain(aid)):
                raise _SlowPathError
            seen.add(aid)
            block = a.get("block")
            if type(block) is not str or not (block in plain or self._plain(block)):
                raise _SlowPathError
            bits = 5  # id and block
            person = -1
            p = a.get("person")
            if p is not None:
                if type(p) is not str or len(p) > 64 or not (p in plain or self._plain(p)):
                    raise _SlowPathError
                person = self.pids.code(p)
                bits |= 2
            elif "person" in a:
                raise _SlowPathError
            hpw = hrs = cents = amount = start = end = -1
            if len(a) > 3 or person < 0:
                if "hours_per_week" in a:
                    hpw = self.numbers.code(self._number("hours_per_week", a["hours_per_week"]))
                    bits |= 8
                if "invoice_amount" in a:
                    value = self._number("invoice_amount", a["invoice_amount"])
                    amount = self.amounts.code(value)
                    cents = int(value * 100)
                    bits |= 64
                if "hours" in a:
                    hrs = self.numbers.code(self._number("hours", a["hours"]))
                    bits |= 128
                if "start" in a:
                    v = a["start"]
                    start = dates.get(v, -1) if type(v) is str else -1
                    if start < 0:
                        start = self._date(v)
                    bits |= 16
                if "end" in a:
                    v = a["end"]
                    end = dates.get(v, -1) if type(v) is str else -1
                    if end < 0:
                        end = self._date(v)
                    bits |= 32
                if start >= 0 and end >= 0 and end < start:
                    raise _SlowPathError
            history = rec.get("history", ())
            if "history" in rec:
                bits |= 256
                if type(history) is not list:
                    raise _SlowPathError
                if history:
                    self._history(history)
            code = ids.get(aid)
            if code is None:
                code = self.ids.code(aid)
            bcode = blocks.get(block)
            if bcode is None:
                bcode = self.blocks.code(block)
            for col, x in zip(
                cols,
                (n, m, code, person, bcode, hpw, hrs, start, end, cents, amount, bits),
                strict=True,
            ):
                col.append(x)
            ev_count.append(len(history))

    def _plain(self, text: str) -> bool:
        if not text or not _plain(text):
            return False
        self.plain.add(text)
        return True

    def _history(self, history: list[Any]) -> None:
        """The steps, checked with :class:`ContractActivity`'s rules (anything else: the
        model decides)."""
        state: str | None = None
        evidenced = False
        previous = -1
        c = self.cols
        dates, plain, texts = self.dates, self.plain, self.texts
        st, eo, eb, er, ed, ef = (
            c["ev_status"],
            c["ev_on"],
            c["ev_by"],
            c["ev_reason"],
            c["ev_docs"],
            c["ev_fields"],
        )
        for ev in history:
            if type(ev) is not dict or not ev.keys() <= _EVENT_FIELDS:
                raise _SlowPathError
            status = ev.get("status")
            if type(status) is not str or status not in _NEXT[state]:  # type: ignore[index]
                raise _SlowPathError
            v = ev.get("on")
            on = dates.get(v, -1) if type(v) is str else -1
            if on < 0:
                on = self._date(v)
            if on < previous:
                raise _SlowPathError
            bits = 0
            by = reason = docs = -1
            v = ev.get("by")
            if v is not None:
                if type(v) is not str or not (v in plain or self._plain(v)):
                    raise _SlowPathError
                by = texts.code(v)
                bits = 1
            elif "by" in ev:
                raise _SlowPathError
            v = ev.get("reason")
            if v is not None:
                if type(v) is not str or not (v in plain or self._plain(v)):
                    raise _SlowPathError
                reason = texts.code(v)
                bits |= 2
            elif "reason" in ev:
                raise _SlowPathError
            v = ev.get("documents")
            has_docs = False
            if v is not None:
                if type(v) is not list:
                    raise _SlowPathError
                documents = tuple(v)
                docs = self.documents.codes.get(documents, -1)
                if docs < 0:
                    if not all(type(d) is str and d in _DOCS for d in v):
                        raise _SlowPathError
                    docs = self.documents.code(documents)
                bits |= 4
                has_docs = bool(documents)
            elif "documents" in ev:
                raise _SlowPathError
            if status == "declared":
                evidenced = has_docs
            elif status == "evidenced":
                if not has_docs:
                    raise _SlowPathError
                evidenced = True
            elif status == "approved":
                if by < 0 or not evidenced:
                    raise _SlowPathError
            elif status == "rejected" and (by < 0 or reason < 0):
                raise _SlowPathError
            state, previous = status, on
            st.append(_STATUS_CODE[status])
            eo.append(on)
            eb.append(by)
            er.append(reason)
            ed.append(docs)
            ef.append(bits)

    def _date(self, value: Any) -> int:
        if type(value) is not str:
            raise _SlowPathError
        day = self.dates.get(value)
        if day is None:
            if len(value) != 10 or value[4] != "-" or value[7] != "-":
                raise _SlowPathError
            try:
                d = date.fromisoformat(value)
            except ValueError:
                raise _SlowPathError from None
            day = d.toordinal() - _BASE
            if not (_LO <= day <= _HI) or d.isoformat() != value:
                raise _SlowPathError
            self.dates[value] = day
        return day

    def _number(self, name: str, value: Any) -> Decimal:
        """A number as the Activity model reads it in a document (validated once per text)."""
        if type(value) is str:
            key: tuple[str, Any] = (name, value)
        elif type(value) in (Decimal, int):
            key = (name, (type(value).__name__, str(value)))
        else:
            raise _SlowPathError
        got = self.number_cache.get(key)
        if got is None:
            try:
                a = Activity.model_validate({"block": "x", name: value})
            except (ValidationError, BouwblokkenError):
                raise _SlowPathError from None
            got = getattr(a, name)
            assert isinstance(got, Decimal)
            self.number_cache[key] = got
        return got

    def _from_object(self, ca: ContractActivity, n: int, m: int) -> None:
        """A validated activity into the columns (kept whole when it has more than they
        hold)."""
        a = ca.activity
        c = self.cols
        j = len(c["contract"])
        simple = not ca.indicators and a.model_fields_set <= _FAST
        if simple:
            # Through the fast checks (the model accepted it; a value they do not take keeps
            # the activity whole).
            mark = self._mark()
            try:
                self._fast_activities([ca.model_dump(mode="json", exclude_unset=True)], n)
                c["position"][-1] = m
                return
            except _SlowPathError:
                self._rollback(mark)
        c["contract"].append(n)
        c["position"].append(m)
        c["aid"].append(self.ids.code(a.id or ""))
        c["person"].append(-1 if a.person is None else self.pids.code(a.person))
        c["block"].append(self.blocks.code(a.block))
        for k in ("hpw", "hours", "start", "end", "cents", "amount"):
            c[k].append(-1)
        c["fields"].append(0)
        c["ev_count"].append(0)
        self.objects[j] = ca

    def _finish(self, top: dict[str, Any], contracts: list[Contract]) -> PortfolioColumns:
        head = without_schema_key(
            {k: v for k, v in top.items() if k != "contracts" or v is not None}
        )
        heads = self._validate(Portfolio, head, "")
        # The portfolio's own checks on the contracts (Portfolio._check), same words.
        _unique(self.label, "contract", [c.id for c in contracts])
        buyers = {b.id for b in heads.buyers}
        suppliers = {s.id for s in heads.suppliers}
        for n, ct in enumerate(contracts):
            where = f"contracts[{n}] ({ct.id})"
            for b in ct.buyers:
                if b not in buyers:
                    raise self._error("", f"{where}: unknown buyer {b!r}; declare it in 'buyers'")
            if suppliers and ct.supplier not in suppliers:
                raise self._error(
                    "", f"{where}: unknown supplier {ct.supplier!r}; declare it in 'suppliers'"
                )
        heads = heads.model_copy(update={"contracts": tuple(contracts)})
        return self._columns(heads)

    def _columns(self, heads: Portfolio) -> PortfolioColumns:
        c = {k: np.array(v, dtype=np.int64) for k, v in self.cols.items()}
        # Person ids were coded before the persons were known (the list may come after the
        # contracts): resolve them now, refusing an undeclared person like the model does.
        codes = {p.id: k for k, p in enumerate(heads.persons)}
        table = np.array([codes.get(pid, -2) for pid in self.pids.values] + [-1], dtype=np.int64)
        person = table[c["person"]]  # −1 (no person) indexes the appended −1
        bad = np.flatnonzero(person == -2)
        if bad.size:
            j = int(bad[0])
            n = int(c["contract"][j])
            pid = self.pids.values[int(c["person"][j])]
            raise self._error(
                "",
                f"contracts[{n}] ({heads.contracts[n].id}).activities[{int(c['position'][j])}]:"
                f" unknown person {pid!r}; declare it in 'persons'",
            )
        off = np.concatenate(([0], np.cumsum(c["ev_count"])))
        return PortfolioColumns(
            heads=heads,
            contract=c["contract"].astype(np.int32),
            position=c["position"].astype(np.int32),
            aid=c["aid"].astype(np.int32),
            person=person.astype(np.int32),
            block=c["block"].astype(np.int32),
            hours_per_week=c["hpw"].astype(np.int32),
            hours=c["hours"].astype(np.int32),
            start=c["start"].astype(np.int32),
            end=c["end"].astype(np.int32),
            invoice_cents=c["cents"],
            ev_offsets=off.astype(np.int64),
            ev_status=c["ev_status"].astype(np.int8),
            ev_on=c["ev_on"].astype(np.int32),
            ev_by=c["ev_by"].astype(np.int32),
            ev_reason=c["ev_reason"].astype(np.int32),
            ev_documents=c["ev_docs"].astype(np.int32),
            ev_fields=c["ev_fields"].astype(np.int8),
            fields=c["fields"].astype(np.int16),
            ids=self.ids.values,
            blocks=self.blocks.values,
            numbers=self.numbers.values,
            amounts=self.amounts.values,
            amount_code=c["amount"].astype(np.int32),
            texts=self.texts.values,
            documents=self.documents.values,
            objects=self.objects,
        )


def _plain(text: str) -> bool:
    """A string the models keep as it is: no surrounding whitespace (they strip it), no lone
    surrogates."""
    if text != text.strip():
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _depth(value: Any, depth: int, label: str) -> None:
    stack = [(value, depth)]
    while stack:
        node, d = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if d > MAX_DEPTH:
            raise DocumentError(
                label,
                "",
                f"nested more than {MAX_DEPTH} deep",
                code="document.too_deep",
                nl=f"dieper genest dan {MAX_DEPTH} niveaus",
            )
        stack.extend((x, d + 1) for x in children if isinstance(x, dict | list))


def _unique(label: str, what: str, ids: Sequence[str]) -> None:
    seen: set[str] = set()
    dupes = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    if dupes:
        raise DocumentError(label, "", f"{what} ids must be unique; repeated: {', '.join(dupes)}")


# ---------------------------------------------------------------------------------------------
# Counting.


@dataclass(frozen=True)
class ColumnsResult:
    """Counted cents of every row of a :class:`PortfolioColumns` in one view of the evidence:
    realised (up to ``as_of``) and forecast, 0 for rows the view leaves out."""

    status: np.ndarray
    """0 realised, 1 planned, −1 left out (rejected, or not yet known)."""
    realised_cents: np.ndarray
    forecast_cents: np.ndarray
    vectorised: np.ndarray
    obligations: Mapping[str, Obligation]
    """Each contract's obligation (computed when first read)."""
    as_of: date | None
    fallback: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # float-ok: seconds
    exact_result: LedgerResult | None = None
    """The exact evaluation of the persons that took the exact path (and, with ``exact_cuts``,
    of the persons whose week was cut: the double-count list comes from it)."""
    double_counts: tuple[Any, ...] | None = None
    """With ``doubles``: the double-count list (realised view) of the vectorised persons."""

    def contract_cents(self, n_contracts: int, contract: np.ndarray, view: str) -> np.ndarray:
        cents = self.realised_cents if view == "realised" else self.forecast_cents
        out = np.zeros(n_contracts, dtype=np.int64)
        np.add.at(out, contract, cents)
        return out


class _Facts:
    """The facts :func:`_classify_fast` reads, for one combination of column values."""

    __slots__ = (
        "agreed_amount",
        "costs",
        "end",
        "hours",
        "hours_per_week",
        "invoice_amount",
        "periods",
        "start",
    )

    def __init__(self, hpw: Any, hours: Any, dated: tuple[bool, bool], invoice: bool) -> None:
        self.hours_per_week, self.hours = hpw, hours
        self.start: date | None = date.min if dated[0] else None
        self.end: date | None = date.min if dated[1] else None
        self.invoice_amount = Decimal(1) if invoice else None
        self.costs = self.agreed_amount = self.periods = None


def batch_evaluate_columns(
    pc: PortfolioColumns,
    *,
    view: View = "approved",
    known_on: date | None = None,
    as_of: date | None = None,
    registry: Registry | None = None,
    obligations: Mapping[str, Obligation] | None = None,
    exact_cuts: bool = False,
    doubles: bool = False,
) -> ColumnsResult:
    """The batch path on columns: the same cents, row by row, as
    :func:`~bouwblokken.portfolio.batch.batch_evaluate` of ``pc.to_portfolio().ledger(view,
    known_on=known_on, as_of=as_of)`` — and so as :func:`~bouwblokken.ledger.evaluate`.

    ``doubles``: also the double-count list of the vectorised persons whose week was cut
    (:attr:`ColumnsResult.double_counts`, realised view); ``exact_cuts``: evaluate those
    persons exactly instead (their trails in :attr:`ColumnsResult.exact_result`)."""
    with gc_paused():
        return _evaluate_columns(
            pc,
            view,
            known_on,
            as_of,
            registry or default_registry(),
            obligations or {},
            exact_cuts,
            doubles,
        )


def _evaluate_columns(
    pc: PortfolioColumns,
    view: View,
    known_on: date | None,
    as_of: date | None,
    reg: Registry,
    known: Mapping[str, Obligation],
    exact_cuts: bool,
    doubles: bool = False,
) -> ColumnsResult:
    clock = time.perf_counter()
    timings = {"prepare": 0.0, "vectorised": 0.0, "exact": 0.0}  # float-ok: seconds
    contracts = pc.heads.contracts
    status_all = pc.statuses(view, known_on, as_of)
    n_all = len(pc)
    realised = np.zeros(n_all, dtype=np.int64)
    forecast = np.zeros(n_all, dtype=np.int64)
    vectorised = np.zeros(n_all, dtype=bool)
    # Catalogs and obligations per contract.
    warn: list[Any] = []
    cats: list[Catalog | None] = []
    terms: dict[str, tuple[Tender, Catalog | None]] = {}
    cat_index: dict[int, int] = {}
    cat_of = np.full(len(contracts), -1, dtype=np.int64)
    # The edition depends only on the catalog and the tender's dates (when no warning names
    # the tender): looked up once per distinct key, not per contract.
    editions: dict[tuple[Any, ...], Catalog | None] = {}
    for k, ct in enumerate(contracts):
        t = ct.tender
        dates = (t.catalog, t.publication_date, t.contract_date, t.start)
        if dates in editions:
            cat = editions[dates]
        else:
            warned = len(warn)
            try:
                cat = catalog_for(t, reg, warn)
            except CatalogError as exc:
                raise LedgerError(str(exc), record=f"tender {t.id!r}", field="catalog") from None
            if len(warn) == warned:
                editions[dates] = cat
        terms[t.id] = (t, cat)
        if cat is not None:
            cat_of[k] = cat_index.setdefault(id(cat), len(cats))
            if cat_of[k] == len(cats):
                cats.append(cat)
    found = Obligations(terms, known)
    rows = np.flatnonzero(status_all >= 0)
    con = pc.contract[rows].astype(np.int64)
    if np.any(cat_of[con] < 0):
        j = int(rows[np.flatnonzero(cat_of[con] < 0)[0]])
        t = contracts[int(pc.contract[j])].tender
        raise LedgerError("the tender names no catalog", record=f"tender {t.id!r}")
    if any(c is not None and c.share_caps for c in cats):
        raise BouwblokkenError("a catalog with share caps: use evaluate() on the portfolio")
    n = rows.size
    # Classification once per (catalog, block), then per distinct combination of facts.
    blk = pc.block[rows].astype(np.int64)
    cb = cat_of[con] * (len(pc.blocks) + 1) + blk
    classes: dict[int, _BlockClass] = {}
    for key in np.unique(cb).tolist():
        cat = cats[key // (len(pc.blocks) + 1)]
        assert cat is not None
        bid = pc.blocks[key % (len(pc.blocks) + 1)]
        j = int(rows[np.flatnonzero(cb == key)[0]])
        t = contracts[int(pc.contract[j])].tender
        block = cat.block(bid, record=f"tender {t.id!r} activity {pc.ids[pc.aid[j]]!r}")
        classes[key] = _block_class(cat, block)
    born = np.array([p.birth_date is not None for p in pc.heads.persons] + [False])
    person = pc.person[rows].astype(np.int64)
    has_birth = born[person]  # −1 indexes the appended False
    bits = pc.fields[rows].astype(np.int64)
    # One int64 key per combination (block class, hours per week, hours, dates given, a
    # birth date): the distinct combinations are few.
    nh = len(pc.numbers) + 1
    combo = (
        ((cb * nh + pc.hours_per_week[rows] + 1) * nh + pc.hours[rows] + 1) * 8 + ((bits >> 4) & 7)
    ) * 2 + has_birth
    ukeys, inv = np.unique(combo, return_inverse=True)
    uniq = []
    for u in ukeys.tolist():
        u, birth = divmod(u, 2)
        u, dbits = divmod(u, 8)
        u, hrs = divmod(u, nh)
        cbk, hpw = divmod(u, nh)
        uniq.append((cbk, hpw - 1, hrs - 1, dbits, birth))
    inv = inv.reshape(-1)
    specs: list[tuple[str | None, Spec | None, bool]] = []
    for cbk, hpw, hrs, dbits, birth in uniq:
        facts = _Facts(
            pc.numbers[hpw] if hpw >= 0 else None,
            pc.numbers[hrs] if hrs >= 0 else None,
            (bool(dbits & 1), bool(dbits & 2)),
            bool(dbits & 4),
        )
        specs.append(_classify_fast(classes[cbk], facts, date.min if birth else None, 0))
    reason: list[str | None] = [specs[k][0] for k in inv.tolist()]
    zero: Spec = (0, 0, 1, 0, INVOICE, 0, "")
    sp = [s[1] or zero for s in specs]
    pick = np.array(inv, dtype=np.int64)

    def col(k: int) -> np.ndarray:
        return np.array([s[k] for s in sp], dtype=np.int64)[pick] if sp else pick

    rate, fnum, fden, limit, kind = col(0), col(1), col(2), col(3), col(4)
    key_codes: dict[str, int] = {"": -1}
    key = np.array([key_codes.setdefault(s[6], len(key_codes) - 1) for s in sp], dtype=np.int64)
    key = key[pick] if sp else pick
    scaled = np.array([s[2] for s in specs], dtype=bool)[pick] if specs else pick.astype(bool)
    # Invoices: the row's own amount.
    inv_rows = (kind == INVOICE) & (pc.invoice_cents[rows] >= 0)
    rate = np.where(inv_rows, pc.invoice_cents[rows], rate)
    big = inv_rows & (rate.astype(object) * fnum.astype(object) >= 1 << 61)
    for k in np.flatnonzero(big).tolist():
        reason[k] = "undated"
    # Rows kept whole: classified one by one.
    obj_rows = {int(j): k for k, j in enumerate(rows.tolist()) if int(j) in pc.objects}
    for j, k in obj_rows.items():
        ct = contracts[int(pc.contract[j])]
        cat = cats[int(cat_of[int(pc.contract[j])])]
        assert cat is not None
        a = pc.objects[j].activity
        pb = pc.heads.persons[int(pc.person[j])].birth_date if pc.person[j] >= 0 else None
        why, spec = _classify(ct.tender, cat, a, pb)
        reason[k] = why
        scaled[k] = False
        if spec is not None:
            rate[k], fnum[k], fden[k], limit[k], kind[k] = spec[:5]
            key[k] = key_codes.setdefault(spec[6], len(key_codes) - 1)
            scaled[k] = spec[4] != INVOICE and _scaled_slow(cat, a)
    # Contract windows, the prior-start cut-off, the canonical order.
    tlo = np.array([c.tender.start.toordinal() - _BASE if c.tender.start else 0 for c in contracts])
    thi = np.array([c.tender.end.toordinal() - _BASE if c.tender.end else _FAR for c in contracts])
    tcs = np.array(
        [(c.tender.start or c.tender.contract_date or date.max).toordinal() for c in contracts]
    )
    cut = np.zeros(len(contracts), dtype=np.int64)
    for k, ct in enumerate(contracts):
        cat = cats[int(cat_of[k])] if cat_of[k] >= 0 else None
        prior = cat.eligibility.prior_start_months if cat is not None else None
        if prior is not None and ct.tender.start is not None:
            cut[k] = add_months(ct.tender.start, -prior).toordinal() - _BASE
    far = date.max.toordinal() - _BASE
    start = np.where(pc.start[rows] >= 0, pc.start[rows], far).astype(np.int64)
    end = np.where(pc.end[rows] >= 0, pc.end[rows], far).astype(np.int64)
    for j, k in obj_rows.items():
        a = pc.objects[j].activity
        start[k] = a.start.toordinal() - _BASE if a.start else far
        end[k] = a.end.toordinal() - _BASE if a.end else far
    lo, hi = tlo[con], thi[con]
    too_early = (cut[con] > 0) & (start < cut[con]) & (kind != INVOICE)
    lo = np.where(too_early, 1, lo)
    hi = np.where(too_early, 0, hi)
    own_exact = np.array([r is not None for r in reason], dtype=bool)
    dated = kind != INVOICE
    outside = dated & ~own_exact & ((start < 1) | (end >= _HI))
    for k in np.flatnonzero(outside).tolist():
        reason[k] = "dates"
    own_exact |= outside
    status = status_all[rows]
    tcode = _str_codes([c.id for c in contracts])[con]
    acode = _str_codes(pc.ids)[pc.aid[rows]] if pc.ids else pc.aid[rows]
    order = np.lexsort((pc.position[rows], acode, tcode, tcs[con], start, status))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n, dtype=np.int64)
    cols = _Columns(
        person,
        reason,
        own_exact,
        np.array([r == "undated" for r in reason], dtype=bool),
        kind,
        start,
        end,
        lo,
        hi,
        rate,
        fnum,
        fden,
        limit,
        key,
        rank,
        status == 0,
        scaled,
    )
    fallback: dict[str, int] = {}
    exact_rows, overlap, limited = _partition_columns(cols, fallback)
    fast = ~exact_rows
    now = time.perf_counter()
    timings["prepare"] += now - clock
    fast_r = fast & cols.realised
    forecast[rows[fast]] = _vector_columns(cols, fast, overlap, None, limited)
    if fast_r.any():
        realised[rows[fast_r]] = _vector_columns(cols, fast_r, overlap, as_of, limited)
    vectorised[rows[fast]] = True
    clock = time.perf_counter()
    timings["vectorised"] += clock - now
    exact_set = np.flatnonzero(exact_rows)
    found_doubles: list[Any] = []
    if (exact_cuts or doubles) and fast_r.any():
        r = np.flatnonzero(fast_r & overlap)
        cap = (as_of.toordinal() - _BASE) if as_of is not None else _FAR
        _, was_cut = count_overlaps(
            person[r],
            rank[r],
            np.maximum(start[r], lo[r]),
            np.minimum(np.minimum(end[r], hi[r]), cap),
            rate[r],
            fnum[r],
            fden[r],
            kind[r] == PER_YEAR,
        )
        people = np.unique(person[r[was_cut]])
        if doubles and not exact_cuts and people.size:

            def refs(k: int) -> tuple[Fraction, bool, bool]:
                j = int(rows[k])
                cat = cats[int(cat_of[int(pc.contract[j])])]
                assert cat is not None
                t = cat.time
                ref = Fraction(t.reference_hours_per_week or 1)
                prorate = bool(getattr(cat.block(pc.blocks[pc.block[j]]).rule, "prorate_hours", 0))
                return ref, bool(t.cap_hours_at_reference), prorate

            found_doubles = _vector_doubles(pc, cols, rows, people, as_of, refs)
            people = people[:0]
        extra = np.flatnonzero(np.isin(person, people) & fast)
        if extra.size:
            fallback["person_week_cut"] = int(extra.size)
            exact_set = np.union1d(exact_set, extra)
            vectorised[rows[extra]] = False
    res = None
    if exact_set.size:
        res = _exact_part(pc, rows[exact_set], status_all, as_of, reg, realised, forecast)
    timings["exact"] += time.perf_counter() - clock
    return ColumnsResult(
        status_all,
        realised,
        forecast,
        vectorised,
        found,
        as_of,
        fallback,
        timings,
        res,
        tuple(found_doubles) if doubles else None,
    )


def _exact_part(
    pc: PortfolioColumns,
    rows: np.ndarray,
    status: np.ndarray,
    as_of: date | None,
    reg: Registry,
    realised: np.ndarray,
    forecast: np.ndarray,
) -> LedgerResult:
    """The exact ledger on ``rows`` (whole persons), in chunks of about 2.000 rows."""
    from bouwblokken.portfolio.batch import CHUNK_ROWS

    contracts = pc.heads.contracts
    by_person: dict[int, list[int]] = {}
    loose: list[int] = []
    for j in rows.tolist():
        p = int(pc.person[j])
        (by_person.setdefault(p, []) if p >= 0 else loose).append(j)
    groups = [*by_person.values(), *([j] for j in loose)]
    parts: list[LedgerResult] = []
    chunk: list[int] = []
    for g in [*groups, []]:
        if (g and len(chunk) + len(g) <= CHUNK_ROWS) or (g and not chunk):
            chunk.extend(g)
            continue
        if not chunk:
            continue
        per: dict[int, list[int]] = {}
        for j in sorted(chunk):
            per.setdefault(int(pc.contract[j]), []).append(j)
        tenders: list[Tender] = []
        where: dict[tuple[str, int], int] = {}
        for k in sorted(per):
            t = contracts[k].tender
            acts = []
            for i, j in enumerate(per[k]):
                a = pc.activity(j)
                s = "realised" if status[j] == 0 else "planned"
                acts.append(a if a.status == s else a.model_copy(update={"status": s}))
                where[(t.id, i)] = j
            tenders.append(
                t.model_copy(update={"activities": tuple(acts), "supplier": contracts[k].supplier})
            )
        sub = Ledger.model_construct(persons=pc.heads.persons, tenders=tuple(tenders))
        part = evaluate(sub, as_of=as_of, registry=reg)
        for tr in part.tenders:
            for r in tr.activities:
                forecast[where[(tr.tender.id, r.index)]] = int(r.counted * 100)
            for r in tr.realised_activities:
                realised[where[(tr.tender.id, r.index)]] = int(r.counted * 100)
        parts.append(part)
        chunk = list(g)
    return LedgerResult(
        tuple(t for p in parts for t in p.tenders),
        as_of,
        tuple(w for p in parts for w in p.warnings),
    )


# ---------------------------------------------------------------------------------------------
# Reporting.


@gc_paused()  # 10^5 obligations and settlements: see bouwblokken.portfolio.gcpause
def monitor_columns(
    pc: PortfolioColumns,
    period: Any,
    *,
    view: View = "approved",
    known_on: date | None = None,
    buyer: str | None = None,
    registry: Registry | None = None,
    double_counts: bool = True,
) -> Any:
    """The quarterly report (:class:`~bouwblokken.portfolio.monitor.PortfolioReport`) of a
    portfolio in columns: the same contract rows and amounts as
    ``monitor(pc.to_portfolio(), period, engine="batch")``, and the same double-count list
    (``double_counts``, default), rebuilt from the vectorised week cap
    (:func:`_vector_doubles`); without it the list is left empty."""
    from bouwblokken.portfolio.duplicates import double_counts as doubles_of
    from bouwblokken.portfolio.monitor import ZERO, ContractReport, PortfolioReport, time_path
    from bouwblokken.portfolio.settlement import settle_counted

    end = batch_evaluate_columns(
        pc,
        view=view,
        known_on=known_on,
        as_of=period.end,
        registry=registry,
        doubles=double_counts,
    )
    before = batch_evaluate_columns(
        pc,
        view=view,
        known_on=known_on,
        as_of=period.day_before,
        registry=registry,
        obligations=end.obligations,
    )
    contracts = pc.heads.contracts
    nc = len(contracts)
    con = pc.contract.astype(np.int64)
    got = end.contract_cents(nc, con, "realised").tolist()
    fc = end.contract_cents(nc, con, "forecast").tolist()
    earlier = before.contract_cents(nc, con, "realised").tolist()
    planned_c = np.zeros(nc, dtype=np.int64)
    np.add.at(planned_c, con, np.where(end.status == 1, end.forecast_cents, 0))
    planned = planned_c.tolist()
    rows = []
    for k, c in enumerate(contracts):
        if buyer is not None and buyer not in c.buyers:
            continue
        obl = end.obligations[c.id]
        ob = obl.amount if obl.applies else ZERO
        path = time_path(c, ob, period.end) if obl.applies else None
        final = c.tender.end is not None and c.tender.end <= period.end
        g, f = from_cents(got[k]), from_cents(fc[k])
        rows.append(
            ContractReport(
                contract=c,
                obligation=ob,
                realised_to_date=g,
                realised_before=from_cents(earlier[k]),
                planned=from_cents(planned[k]),
                forecast=f,
                path=path[0] if path else None,
                path_line=path[1] if path else None,
                result=None,
                settlement=(
                    settle_counted(c, ob, g if final else f, basis="final" if final else "forecast")
                    if obl.applies
                    else None
                ),
                applies=obl.applies,
            )
        )
    listed = {r.id for r in rows}
    found: list[Any] = list(end.double_counts or ())
    if double_counts and end.exact_result is not None:
        found.extend(doubles_of(pc.heads, end.exact_result))
    found.sort(key=lambda d: (d.person, d.periods[0][0] if d.periods else date.min, d.contract))
    doubles = tuple(
        d for d in found if d.contract in listed or any(x in listed for x in d.claimed_by_contracts)
    )
    return PortfolioReport(
        pc.heads.title,
        period,
        view,
        known_on,
        tuple(rows),
        doubles,
        None,
        (),
        _pending(pc, known_on, listed),
    )


def _pending(pc: PortfolioColumns, known_on: date | None, listed: set[str]) -> tuple[Any, ...]:
    """The report's work list (:func:`~bouwblokken.portfolio.model.awaiting_decision`): only
    the rows whose latest known step is a declaration or evidence are built as objects."""
    from bouwblokken.portfolio.model import pending_of, sort_pending

    off = pc.ev_offsets
    counts = np.diff(off)
    if known_on is None:
        last, known = off[1:] - 1, counts > 0
    else:
        upto = (pc.ev_on <= known_on.toordinal() - _BASE).astype(np.int64)
        csum = np.concatenate(([0], np.cumsum(upto)))
        taken = csum[off[1:]] - csum[off[:-1]]
        last, known = off[:-1] + taken - 1, taken > 0
    state = np.full(len(pc), -1, dtype=np.int64)
    if pc.ev_status.size:
        state[known] = pc.ev_status[last[known]]
    wait = [_STATUS_CODE["declared"], _STATUS_CODE["evidenced"]]
    rows = set(np.flatnonzero(np.isin(state, wait)).tolist()) | set(pc.objects)
    contracts = pc.heads.contracts
    found = []
    for j in sorted(rows):
        c = contracts[int(pc.contract[j])]
        if c.id in listed and (p := pending_of(c, pc.contract_activity(j), known_on)):
            found.append(p)
    return sort_pending(found)


# ---------------------------------------------------------------------------------------------
# The double-count list, from the vectorised week cap.


def _vector_doubles(
    pc: PortfolioColumns,
    cols: _Columns,
    rows: np.ndarray,
    people: np.ndarray,
    as_of: date | None,
    refs: Any,
) -> list[Any]:
    """:func:`~bouwblokken.portfolio.duplicates.double_counts` (realised view) for the
    vectorised persons ``people`` (person codes) whose week the cap cut: each person's rows
    are replayed in the ledger's order in exact integers, and every amount the valuation
    would not count is rebuilt as :func:`~bouwblokken.valuation.value_activity` makes it (the
    hours above the week, the days outside the contract or after the reporting date, the
    week cap, the counting limit), shared out in whole cents by the same largest-remainder
    rule, so the week cap's cents are the ledger's. ``refs(k)``: the row's reference week,
    whether hours above it are capped and whether its block is prorated by hours."""
    from bouwblokken.money import format_exact, round_cents
    from bouwblokken.periods import clip, intersect, normalise
    from bouwblokken.portfolio.batch import L, _occupy_add, _stretches, _tables, _use_limit
    from bouwblokken.portfolio.duplicates import DoubleCount
    from bouwblokken.valuation import allocate_cents

    cum = _tables()[0]
    contracts = pc.heads.contracts
    cap = (as_of.toordinal() - _BASE) if as_of is not None else _FAR
    sel = np.flatnonzero(cols.realised & np.isin(cols.person, people) & (cols.kind != INVOICE))
    sel = sel[np.lexsort((cols.rank[sel], cols.person[sel]))]

    def months(a: int, b: int) -> int:
        return int(cum[b]) - int(cum[a - 1]) if b >= a else 0

    def day(x: int) -> date:
        return date.fromordinal(x + _BASE)

    supplier_of = {c.id: c.supplier for c in contracts}
    out: list[Any] = []
    groups: dict[int, list[int]] = {}
    for k in sel.tolist():
        groups.setdefault(int(cols.person[k]), []).append(k)
    for code, ks in groups.items():
        d = 1
        for k in ks:
            d = d * int(cols.fden[k]) // gcd(d, int(cols.fden[k]))
        occ: list[list[int]] = []
        booked: list[tuple[int, int, int]] = []  # (first, last, k) in booking order
        used: dict[int, list[tuple[int, int]]] = {}
        counted_periods: dict[int, list[tuple[date, date]]] = {}
        cut_rows: list[tuple[int, Decimal, int, list[int]]] = []
        for k in ks:
            j = int(rows[k])
            con = int(pc.contract[j])
            t = contracts[con].tender
            s0, e0 = int(cols.start[k]), int(cols.end[k])
            s = max(s0, int(cols.lo[k]))
            e = min(e0, int(cols.hi[k]), cap)
            rate = Fraction(int(cols.rate[k]), 100) / (12 if cols.kind[k] == PER_YEAR else 1)
            f = int(cols.fnum[k]) * (d // int(cols.fden[k]))
            frac = Fraction(int(cols.fnum[k]), int(cols.fden[k]))

            def worth(
                pieces: list[tuple[int, int, int]], rate: Fraction = rate, d: int = d
            ) -> Fraction:
                return rate * Fraction(sum(c * months(a, b) for a, b, c in pieces), d * L)

            lost: list[tuple[str, Fraction]] = []
            ref, capped, prorate = refs(k)
            hpw = pc.hours_per_week[j]
            if hpw >= 0 and capped and prorate:
                raw = Fraction(pc.numbers[hpw]) / ref
                if raw > frac:
                    full = months(s0, e0)
                    lost.append(("hours_cap", rate * (raw - frac) * Fraction(full, L)))
            # The ledger's exclusions, in its order, on the one stretch left.
            lo_c = int(cols.lo[k])
            at_s, at_e = s0, e0
            whole = [(at_s, at_e, f)]
            if lo_c == 1 and int(cols.hi[k]) == 0:  # started too long before the contract
                tstart = t.start.toordinal() - _BASE if t.start else 0
                if t.start is not None and s0 < tstart:
                    lost.append(("outside_contract", worth(whole) - worth([(tstart, at_e, f)])))
                    at_s = tstart
                if t.end is not None and e0 > t.end.toordinal() - _BASE:
                    te = t.end.toordinal() - _BASE
                    lost.append(
                        ("outside_contract", worth([(at_s, at_e, f)]) - worth([(at_s, te, f)]))
                    )
                    at_e = te
                lost.append(("ineligible_prior_start", worth([(at_s, at_e, f)])))
                pieces_p: list[tuple[int, int, int]] = []
            else:
                if lo_c > s0:
                    lost.append(("outside_contract", worth(whole) - worth([(lo_c, at_e, f)])))
                    at_s = lo_c
                hi_c = int(cols.hi[k])
                if hi_c < e0:
                    lost.append(
                        ("outside_contract", worth([(at_s, at_e, f)]) - worth([(at_s, hi_c, f)]))
                    )
                    at_e = hi_c
                if cap < at_e:
                    after = worth([(at_s, at_e, f)]) - worth([(at_s, cap, f)])
                    lost.append(("after_as_of", after))
                    at_e = cap
                pieces_p = [(at_s, at_e, f)] if at_e >= at_s else []
            counted: list[tuple[int, int, int]] = []
            owners: list[int] = []
            if pieces_p and f > 0:
                for a, b, u in _stretches(occ, s, e):
                    c = min(f, d - u) if u < d else 0
                    if c < f:
                        for x, y, kk in booked:
                            if x <= a <= y and kk not in owners:
                                owners.append(kk)
                    if c > 0:
                        counted.append((a, b, c))
                week = worth(pieces_p) - worth(counted)
                if week:
                    lost.append(("person_week_cap", week))
            kept = counted
            if counted and int(cols.key[k]) >= 0 and int(cols.limit[k]) > 0:
                have = used.setdefault(int(cols.key[k]), [])
                kept = _use_limit(counted, have, int(cols.limit[k]) * L, cum)
                limit_lost = worth(counted) - worth(kept)
                if limit_lost:
                    lost.append(("counting_limit", limit_lost))
            for a, b, c in kept:
                _occupy_add(occ, a, b, c)
                booked.append((a, b, k))
            counted_periods[k] = normalise([(day(a), day(b)) for a, b, c in kept if c > 0])
            if owners and any(r == "person_week_cap" for r, _ in lost):
                exact = worth(kept)
                amount = round_cents(exact)
                parts = [x for _, x in lost if x != 0]
                reasons = [r for r, x in lost if x != 0]
                gross = round_cents(exact + sum(parts, Fraction(0)))
                shares = allocate_cents(gross - amount, parts)
                share = shares[reasons.index("person_week_cap")]
                cut_rows.append((k, share, j, owners))
        # The rows as the double-count list names them.
        for k, share, j, owners in cut_rows:
            if share == 0:
                continue
            con = int(pc.contract[j])
            ct = contracts[con]
            t = ct.tender
            names = [
                f"{contracts[int(pc.contract[int(rows[o])])].tender.id}/"
                f"{pc.ids[pc.aid[int(rows[o])]]}"
                for o in owners
            ]
            ref = refs(k)[0]
            nl = (
                f"samen met {', '.join(names)} meer dan één volle werkweek "
                f"({format_exact(ref, 'nl')} uur) voor deze persoon: het deel erboven"
            )
            en = (
                f"together with {', '.join(names)} more than one full week "
                f"({format_exact(ref, 'en')} hours) for this person: the part above it"
            )
            a_start = day(int(cols.start[k]))
            a_end = day(int(cols.end[k]))
            hi = t.end
            if as_of is not None:
                hi = min(hi, as_of) if hi else as_of
            span = clip([(a_start, a_end)], t.start, hi)
            texts = nl + " " + en
            claimers: list[tuple[str, list[tuple[date, date]]]] = []
            for other in sorted(groups[code], key=lambda o: int(rows[o])):  # document order
                if other == k:
                    continue
                jo = int(rows[other])
                overlap = intersect(span, counted_periods.get(other, []))
                if overlap:
                    lab = f"{contracts[int(pc.contract[jo])].tender.id}/{pc.ids[pc.aid[jo]]}"
                    claimers.append((lab, overlap))
            named = [c for c in claimers if c[0] in texts]
            claimers = named or claimers
            out.append(
                DoubleCount(
                    person=pc.heads.persons[code].id,
                    contract=t.id,
                    supplier=ct.supplier,
                    activity=pc.ids[pc.aid[j]],
                    claimed_by=tuple(c for c, _ in claimers),
                    claimed_by_suppliers=tuple(
                        supplier_of[c.split("/", 1)[0]] for c, _ in claimers
                    ),
                    periods=tuple(normalise([p for _, ps in claimers for p in ps])),
                    amount=share,
                    view="realised",
                    reasons_nl=(nl,),
                    reasons_en=(en,),
                )
            )
    return out
