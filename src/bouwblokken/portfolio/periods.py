"""Reporting periods a desk reports over: quarter, half-year, year, and an agenda period.

The province of Drenthe's agenda *Impact ondernemen 2021-2024* is monitored at the end of its
period (:data:`DRENTHE_AGENDA`); desks report quarterly (suppliers declare per quarter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = ["DRENTHE_AGENDA", "ReportingPeriod", "periods_between"]

Kind = Literal["quarter", "half_year", "year", "agenda", "custom"]


@dataclass(frozen=True, slots=True)
class ReportingPeriod:
    """A closed date range ``start``..``end`` (both inclusive) with Dutch and English labels."""

    kind: Kind
    start: date
    end: date
    label_nl: str
    label_en: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period end {self.end} is before its start {self.start}")

    def label(self, lang: str = "nl") -> str:
        return self.label_nl if lang == "nl" else self.label_en

    @property
    def day_before(self) -> date:
        return self.start - timedelta(days=1)

    @classmethod
    def quarter(cls, year: int, q: int) -> ReportingPeriod:
        if q not in (1, 2, 3, 4):
            raise ValueError("a quarter is 1, 2, 3 or 4")
        start = date(year, 3 * q - 2, 1)
        end = _month_end(year, 3 * q)
        return cls("quarter", start, end, f"{year} K{q}", f"{year} Q{q}")

    @classmethod
    def half_year(cls, year: int, h: int) -> ReportingPeriod:
        if h not in (1, 2):
            raise ValueError("a half-year is 1 or 2")
        start = date(year, 1 if h == 1 else 7, 1)
        end = date(year, 6, 30) if h == 1 else date(year, 12, 31)
        return cls("half_year", start, end, f"{year} H{h}", f"{year} H{h}")

    @classmethod
    def year(cls, year: int) -> ReportingPeriod:
        return cls("year", date(year, 1, 1), date(year, 12, 31), str(year), str(year))

    @classmethod
    def agenda(cls, first_year: int, last_year: int, name: str) -> ReportingPeriod:
        return cls(
            "agenda",
            date(first_year, 1, 1),
            date(last_year, 12, 31),
            f"agendaperiode {name}",
            f"agenda period {name}",
        )

    @classmethod
    def custom(cls, start: date, end: date) -> ReportingPeriod:
        """Any closed range, labelled with Dutch (``01-03-2024 t/m 15-05-2024``) and English
        dates."""
        from bouwblokken.money import format_day

        nl = f"{format_day(start)} t/m {format_day(end)}"
        en = f"{format_day(start, lang='en')} to {format_day(end, lang='en')}"
        return cls("custom", start, end, nl, en)


DRENTHE_AGENDA = ReportingPeriod.agenda(2021, 2024, "Impact ondernemen 2021-2024")
"""Provincie Drenthe, agenda *Impact ondernemen 2021-2024*: 1 January 2021 to 31 December 2024."""


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def periods_between(
    kind: Literal["quarter", "half_year", "year"], start: date, end: date
) -> list[ReportingPeriod]:
    """The consecutive periods of ``kind`` that together cover ``start``..``end``."""
    out: list[ReportingPeriod] = []
    year = start.year
    while True:
        if kind == "quarter":
            items = [ReportingPeriod.quarter(year, q) for q in (1, 2, 3, 4)]
        elif kind == "half_year":
            items = [ReportingPeriod.half_year(year, h) for h in (1, 2)]
        else:
            items = [ReportingPeriod.year(year)]
        for p in items:
            if p.end >= start and p.start <= end:
                out.append(p)
        if date(year, 12, 31) >= end:
            return out
        year += 1
