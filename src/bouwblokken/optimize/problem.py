"""The optimizer's numeric problem: integer cents and integer units, nothing else.

The catalog-aware layer (:mod:`bouwblokken.optimize.plan`) turns a supplier's options into this
form through the valuation of one unit of each option; the solvers here never see a catalog.
Keeping the problem purely integral is what lets the solvers be exact: every comparison is
between whole cents, so "optimal" means optimal to the cent, not within a tolerance.

Counted value of a plan ``x`` (units per option)::

    counted(x) = sum over categories c of min(sum_{i in c} value_i * x_i, cap_c)

(``cap_c`` absent means no cap). A plan is *feasible* when

- ``min_units_i <= x_i <= max_units_i`` for every option,
- ``counted(x) >= target_cents``,
- the employment part ``min(sum_{i employment} value_i * x_i, ...)`` counted *after* caps
  reaches ``min_employment_cents`` (see :meth:`Problem.employment_counted`),
- ``sum cost_i * x_i <= budget_cents`` when a budget is set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["Option", "Problem"]


@dataclass(frozen=True, slots=True)
class Option:
    """One thing the supplier could do, in whole units.

    ``value_cents`` is the counted value of one unit (from the catalog), ``cost_cents`` the
    supplier's own cost of one unit. A divisible option (hours, euros of purchases) is expressed
    in units of its step, so it is integral too.
    """

    id: str
    category: str
    value_cents: int
    cost_cents: int
    max_units: int
    min_units: int = 0
    people_per_unit: int = 0
    employment: bool = False

    def __post_init__(self) -> None:
        # fast path (a batch builds thousands of options): plain non-negative ints, in range
        if (
            type(self.value_cents) is int
            and type(self.cost_cents) is int
            and type(self.max_units) is int
            and type(self.min_units) is int
            and type(self.people_per_unit) is int
            and self.value_cents >= 0
            and self.cost_cents >= 0
            and 0 <= self.min_units <= self.max_units
            and self.people_per_unit >= 0
        ):
            return
        for name in ("value_cents", "cost_cents", "max_units", "min_units", "people_per_unit"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int):
                raise TypeError(
                    f"Option {self.id!r}: {name} must be an int, got {type(v).__name__}"
                )
            if v < 0:
                raise ValueError(f"Option {self.id!r}: {name} must be >= 0, got {v}")
        if self.min_units > self.max_units:
            raise ValueError(
                f"Option {self.id!r}: min_units ({self.min_units}) > max_units ({self.max_units})"
            )


@dataclass(frozen=True, slots=True)
class Problem:
    """Options, the target to reach and the limits, all in integer cents."""

    options: tuple[Option, ...]
    target_cents: int
    category_caps: Mapping[str, int] = field(default_factory=dict)
    min_employment_cents: int = 0
    budget_cents: int | None = None
    option_ids: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The options' ids in order (derived once: every solution carries them)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "category_caps", MappingProxyType(dict(self.category_caps)))
        ids = tuple(o.id for o in self.options)
        object.__setattr__(self, "option_ids", ids)
        if len(set(ids)) != len(ids):
            raise ValueError("Problem: option ids must be unique")
        for name in ("target_cents", "min_employment_cents"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ValueError(f"Problem: {name} must be an int >= 0, got {v!r}")
        if self.budget_cents is not None and (
            isinstance(self.budget_cents, bool)
            or not isinstance(self.budget_cents, int)
            or self.budget_cents < 0
        ):
            raise ValueError(
                f"Problem: budget_cents must be an int >= 0, got {self.budget_cents!r}"
            )
        for cat, cap in self.category_caps.items():
            if isinstance(cap, bool) or not isinstance(cap, int) or cap < 0:
                raise ValueError(f"Problem: cap of category {cat!r} must be an int >= 0")

    # --- evaluation of a plan: the single definition every solver and test agrees on ---

    def category_values(self, units: Sequence[int]) -> dict[str, int]:
        """Raw (uncapped) value per category of a plan."""
        out: dict[str, int] = {}
        for o, x in zip(self.options, units, strict=True):
            out[o.category] = out.get(o.category, 0) + o.value_cents * x
        return out

    def counted(self, units: Sequence[int]) -> int:
        """Counted value after the category caps."""
        total = 0
        for cat, raw in self.category_values(units).items():
            cap = self.category_caps.get(cat)
            total += raw if cap is None else min(raw, cap)
        return total

    def employment_counted(self, units: Sequence[int]) -> int:
        """Counted value of the employment options after caps.

        Employment value of a category counts up to what that category counts: if a category
        mixes employment and other options, employment value counts first (it is the part the
        tender asks a minimum of), capped at the category cap.
        """
        emp: dict[str, int] = {}
        for o, x in zip(self.options, units, strict=True):
            if o.employment:
                emp[o.category] = emp.get(o.category, 0) + o.value_cents * x
        total = 0
        for cat, raw in emp.items():
            cap = self.category_caps.get(cat)
            total += raw if cap is None else min(raw, cap)
        return total

    def cost(self, units: Sequence[int]) -> int:
        return sum(o.cost_cents * x for o, x in zip(self.options, units, strict=True))

    def people(self, units: Sequence[int]) -> int:
        return sum(o.people_per_unit * x for o, x in zip(self.options, units, strict=True))

    def is_feasible(self, units: Sequence[int]) -> bool:
        if len(units) != len(self.options):
            return False
        for o, x in zip(self.options, units, strict=True):
            if not (o.min_units <= x <= o.max_units):
                return False
        if self.counted(units) < self.target_cents:
            return False
        if self.employment_counted(units) < self.min_employment_cents:
            return False
        return self.budget_cents is None or self.cost(units) <= self.budget_cents

    def is_minimal(self, units: Sequence[int]) -> bool:
        """Feasible, and no single unit above ``min_units`` can be removed keeping it feasible."""
        if not self.is_feasible(units):
            return False
        u = list(units)
        for i, o in enumerate(self.options):
            if u[i] > o.min_units:
                u[i] -= 1
                ok = self.is_feasible(u)
                u[i] += 1
                if ok:
                    return False
        return True
