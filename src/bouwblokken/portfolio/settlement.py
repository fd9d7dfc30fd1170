"""Shortfall and fines: what a supplier pays when the obligation is not reached.

The contract's :class:`~bouwblokken.portfolio.model.Penalty` states the consequence. At
contract end the settlement uses what was realised (in the chosen view, normally what the desk
approved); before the end it is a forecast on the ledger's forecast view. Exact arithmetic,
one rounding (half up, to cents) at the end, and a trail of every step.

    shortfall = max(obligation − counted, 0)
    no payment when shortfall ≤ tolerance % × obligation (a threshold, not a deduction)
    shortfall:   payment = shortfall
    percentage:  payment = percentage % × shortfall
    per_euro:    payment = amount × shortfall
    buy_off:     payment = percentage % (default 100) × shortfall; the obligation is settled
    cap:         payment = min(payment, cap)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Literal

from bouwblokken.ledger import TenderResult
from bouwblokken.money import NBSP, Lang, format_eur, format_quantity, round_cents
from bouwblokken.portfolio.model import Contract, Penalty
from bouwblokken.valuation import TrailLine

__all__ = ["Settlement", "settle", "settle_amounts", "settle_counted"]

Basis = Literal["final", "forecast"]


@dataclass(frozen=True)
class Settlement:
    contract: str
    supplier: str
    basis: Basis
    obligation: Decimal
    counted: Decimal
    shortfall: Decimal
    fine: Decimal
    penalty: Penalty | None
    capped: bool = False
    within_tolerance: bool = False

    @cached_property
    def lines(self) -> tuple[TrailLine, ...]:
        """The trail, from the same arithmetic (:func:`settle_amounts`), written only when
        asked for: a report of thousands of contracts prints the trail of a few."""
        head = _line(
            "eindafrekening (gerealiseerd)"
            if self.basis == "final"
            else "prognose bij contracteinde",
            "final settlement (realised)" if self.basis == "final" else "forecast at contract end",
        )
        return (head, *settle_amounts(self.obligation, self.counted, self.penalty)[2])

    @property
    def buy_off(self) -> bool:
        return self.penalty is not None and self.penalty.kind == "buy_off"

    def explain(self, lang: Lang = "nl") -> str:
        return "\n".join(ln.text(lang) for ln in self.lines)


def _percent(value: Decimal, *, lang: Lang = "nl") -> str:
    """A contract's percentage as written, exact (``80 %``, ``33,3333 %``; ``80%`` in English)."""
    body = format_quantity(value, lang=lang)
    return f"{body}{NBSP}%" if lang == "nl" else f"{body}%"


def _no_text(*_: object, **__: object) -> str:
    return ""


def _line(nl: str, en: str, amount: Fraction | None = None) -> TrailLine:
    return TrailLine("note" if amount is None else "total", nl, en, amount)


def settle_amounts(
    obligation: Decimal, counted: Decimal, penalty: Penalty | None, *, trail: bool = True
) -> tuple[Decimal, Decimal, tuple[TrailLine, ...], bool, bool]:
    """(shortfall, payment, trail, capped, within tolerance) for one contract; with
    ``trail=False`` the same numbers and an empty trail (no text is formatted)."""
    e: Callable[..., str] = format_eur if trail else _no_text
    pc: Callable[..., str] = _percent if trail else _no_text
    shortfall = max(obligation - counted, Decimal("0.00"))
    lines = [
        _line(
            f"tekort: {e(obligation)} verplichting − {e(counted)} geteld = {e(shortfall)}",
            f"shortfall: {e(obligation, lang='en')} obligation − {e(counted, lang='en')} counted"
            f" = {e(shortfall, lang='en')}",
            Fraction(shortfall),
        )
        if shortfall > 0
        else _line(
            f"geen tekort: {e(counted)} geteld, verplichting {e(obligation)}",
            f"no shortfall: {e(counted, lang='en')} counted, obligation {e(obligation, lang='en')}",
            Fraction(0),
        )
    ]
    if shortfall == 0:
        return shortfall, Decimal("0.00"), (tuple(lines) if trail else ()), False, False
    if penalty is None:
        lines.append(
            _line(
                "het contract noemt geen gevolg van een tekort: geen boete berekend",
                "the contract states no consequence of a shortfall: no fine computed",
            )
        )
        return shortfall, Decimal("0.00"), (tuple(lines) if trail else ()), False, False
    if penalty.tolerance_percent is not None:
        tol = Fraction(penalty.tolerance_percent) / 100 * Fraction(obligation)
        p, p_en = pc(penalty.tolerance_percent), pc(penalty.tolerance_percent, lang="en")
        if Fraction(shortfall) <= tol:
            lines.append(
                _line(
                    f"tekort binnen de tolerantie van {p} van de verplichting"
                    f" ({e(tol)}): geen boete",
                    f"shortfall within the tolerance of {p_en} of the obligation"
                    f" ({e(tol, lang='en')}): no fine",
                )
            )
            return shortfall, Decimal("0.00"), (tuple(lines) if trail else ()), False, True
    exact: Fraction
    if penalty.kind == "shortfall":
        exact = Fraction(shortfall)
        lines.append(
            _line(
                f"boete = het tekort = {e(exact)}",
                f"fine = the shortfall = {e(exact, lang='en')}",
                exact,
            )
        )
    elif penalty.kind == "per_euro":
        assert penalty.amount is not None
        exact = Fraction(penalty.amount) * Fraction(shortfall)
        lines.append(
            _line(
                f"boete = {e(penalty.amount)} per ontbrekende euro × {e(shortfall)} = {e(exact)}",
                f"fine = {e(penalty.amount, lang='en')} per missing euro ×"
                f" {e(shortfall, lang='en')} = {e(exact, lang='en')}",
                exact,
            )
        )
    else:
        pct = penalty.percentage if penalty.percentage is not None else Decimal(100)
        exact = Fraction(pct) / 100 * Fraction(shortfall)
        word_nl = "afkoopsom" if penalty.kind == "buy_off" else "boete"
        word_en = "buy-off" if penalty.kind == "buy_off" else "fine"
        pnl, pen = pc(pct), pc(pct, lang="en")
        lines.append(
            _line(
                f"{word_nl} = {pnl} × {e(shortfall)} = {e(exact)}",
                f"{word_en} = {pen} × {e(shortfall, lang='en')} = {e(exact, lang='en')}",
                exact,
            )
        )
    capped = False
    if penalty.cap is not None and exact > Fraction(penalty.cap):
        capped = True
        exact = Fraction(penalty.cap)
        lines.append(
            _line(
                f"begrensd op het maximum van {e(penalty.cap)}",
                f"capped at the maximum of {e(penalty.cap, lang='en')}",
                exact,
            )
        )
    fine = round_cents(exact)
    if penalty.kind == "buy_off":
        lines.append(
            _line("met de afkoop is de verplichting voldaan", "the buy-off settles the obligation")
        )
    return shortfall, fine, (tuple(lines) if trail else ()), capped, False


def settle(contract: Contract, result: TenderResult, *, basis: Basis) -> Settlement:
    """The settlement of one contract: ``final`` on what was realised (the result's realised
    view; evaluate with ``as_of`` on or after the contract end), ``forecast`` on the forecast."""
    ob = result.obligation.amount
    counted = result.realised.counted if basis == "final" else result.forecast.counted
    return settle_counted(contract, ob, counted, basis=basis)


def settle_counted(
    contract: Contract, obligation: Decimal, counted: Decimal, *, basis: Basis
) -> Settlement:
    """The settlement of one contract on a given obligation and counted amount (the trail,
    :attr:`Settlement.lines`, is written when first asked for)."""
    shortfall, fine, _, capped, tol = settle_amounts(
        obligation, counted, contract.penalty, trail=False
    )
    return Settlement(
        contract.id,
        contract.supplier,
        basis,
        obligation,
        counted,
        shortfall,
        fine,
        contract.penalty,
        capped,
        tol,
    )
