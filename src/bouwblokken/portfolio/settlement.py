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

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from bouwblokken.ledger import TenderResult
from bouwblokken.money import Lang, format_eur, format_number, round_cents
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
    lines: tuple[TrailLine, ...]
    capped: bool = False
    within_tolerance: bool = False

    @property
    def buy_off(self) -> bool:
        return self.penalty is not None and self.penalty.kind == "buy_off"

    def explain(self, lang: Lang = "nl") -> str:
        return "\n".join(ln.text(lang) for ln in self.lines)


def _line(nl: str, en: str, amount: Fraction | None = None) -> TrailLine:
    return TrailLine("note" if amount is None else "total", nl, en, amount)


def settle_amounts(
    obligation: Decimal, counted: Decimal, penalty: Penalty | None
) -> tuple[Decimal, Decimal, tuple[TrailLine, ...], bool, bool]:
    """(shortfall, payment, trail, capped, within tolerance) for one contract."""
    e = format_eur
    shortfall = max(obligation - counted, Decimal("0.00"))
    lines = [
        TrailLine.later(
            "total",
            lambda lang, ob, co, sh: (
                f"tekort: {e(ob)} verplichting − {e(co)} geteld = {e(sh)}"
                if lang == "nl"
                else f"shortfall: {e(ob, lang='en')} obligation − {e(co, lang='en')} counted"
                f" = {e(sh, lang='en')}"
            ),
            obligation,
            counted,
            shortfall,
            amount=Fraction(shortfall),
        )
    ]
    if shortfall == 0:
        return shortfall, Decimal("0.00"), tuple(lines), False, False
    if penalty is None:
        lines.append(
            _line(
                "het contract noemt geen gevolg van een tekort: geen boete berekend",
                "the contract states no consequence of a shortfall: no fine computed",
            )
        )
        return shortfall, Decimal("0.00"), tuple(lines), False, False
    if penalty.tolerance_percent is not None:
        tol = Fraction(penalty.tolerance_percent) / 100 * Fraction(obligation)
        p = format_number(penalty.tolerance_percent, decimals=0)
        if Fraction(shortfall) <= tol:
            lines.append(
                TrailLine.later(
                    "note",
                    lambda lang, p, tol: (
                        f"tekort binnen de tolerantie van {p}% van de verplichting"
                        f" ({e(tol)}): geen boete"
                        if lang == "nl"
                        else f"shortfall within the tolerance of {p}% of the obligation"
                        f" ({e(tol, lang='en')}): no fine"
                    ),
                    p,
                    tol,
                )
            )
            return shortfall, Decimal("0.00"), tuple(lines), False, True
    exact: Fraction
    if penalty.kind == "shortfall":
        exact = Fraction(shortfall)
        lines.append(
            TrailLine.later(
                "total",
                lambda lang, x: (
                    f"boete = het tekort = {e(x)}"
                    if lang == "nl"
                    else f"fine = the shortfall = {e(x, lang='en')}"
                ),
                exact,
                amount=exact,
            )
        )
    elif penalty.kind == "per_euro":
        assert penalty.amount is not None
        exact = Fraction(penalty.amount) * Fraction(shortfall)
        lines.append(
            TrailLine.later(
                "total",
                lambda lang, per, sh, x: (
                    f"boete = {e(per)} per ontbrekende euro × {e(sh)} = {e(x)}"
                    if lang == "nl"
                    else f"fine = {e(per, lang='en')} per missing euro ×"
                    f" {e(sh, lang='en')} = {e(x, lang='en')}"
                ),
                penalty.amount,
                shortfall,
                exact,
                amount=exact,
            )
        )
    else:
        pct = penalty.percentage if penalty.percentage is not None else Decimal(100)
        exact = Fraction(pct) / 100 * Fraction(shortfall)
        word_nl = "afkoopsom" if penalty.kind == "buy_off" else "boete"
        word_en = "buy-off" if penalty.kind == "buy_off" else "fine"
        lines.append(
            TrailLine.later(
                "total",
                lambda lang, w_nl, w_en, pct, sh, x: (
                    f"{w_nl} = {format_number(pct, decimals=2)}% × {e(sh)} = {e(x)}"
                    if lang == "nl"
                    else f"{w_en} = {format_number(pct, lang='en', decimals=2)}% ×"
                    f" {e(sh, lang='en')} = {e(x, lang='en')}"
                ),
                word_nl,
                word_en,
                pct,
                shortfall,
                exact,
                amount=exact,
            )
        )
    capped = False
    if penalty.cap is not None and exact > Fraction(penalty.cap):
        capped = True
        exact = Fraction(penalty.cap)
        lines.append(
            TrailLine.later(
                "total",
                lambda lang, cap: (
                    f"begrensd op het maximum van {e(cap)}"
                    if lang == "nl"
                    else f"capped at the maximum of {e(cap, lang='en')}"
                ),
                penalty.cap,
                amount=exact,
            )
        )
    fine = round_cents(exact)
    if penalty.kind == "buy_off":
        lines.append(
            _line("met de afkoop is de verplichting voldaan", "the buy-off settles the obligation")
        )
    return shortfall, fine, tuple(lines), capped, False


def settle(contract: Contract, result: TenderResult, *, basis: Basis) -> Settlement:
    """The settlement of one contract: ``final`` on what was realised (the result's realised
    view; evaluate with ``as_of`` on or after the contract end), ``forecast`` on the forecast."""
    ob = result.obligation.amount
    counted = result.realised.counted if basis == "final" else result.forecast.counted
    return settle_counted(contract, ob, counted, basis=basis)


def settle_counted(
    contract: Contract, obligation: Decimal, counted: Decimal, *, basis: Basis
) -> Settlement:
    """The settlement of one contract on a given obligation and counted amount."""
    ob = obligation
    shortfall, fine, lines, capped, tol = settle_amounts(ob, counted, contract.penalty)
    head = _line(
        "eindafrekening (gerealiseerd)" if basis == "final" else "prognose bij contracteinde",
        "final settlement (realised)" if basis == "final" else "forecast at contract end",
    )
    return Settlement(
        contract.id,
        contract.supplier,
        basis,
        ob,
        counted,
        shortfall,
        fine,
        contract.penalty,
        (head, *lines),
        capped,
        tol,
    )
