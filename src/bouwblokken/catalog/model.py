"""The catalog format: one edition of a regional menu of building blocks, as frozen data.

A catalog file (``catalogs/<id>/<edition>.toml``) validates into :class:`Catalog`. Every model
is frozen and forbids unknown keys, so a misspelt key fails loudly instead of vanishing
(style.md, pydantic habit). Variants (valuation rules, counting limits, bonus conditions,
PSO effects) are discriminated unions on ``kind``: a validation error names the branch.

What the format must be able to say comes from ``shared/domain/catalogs.md`` section 6; the
``docs/catalog-format.md`` page explains each field for people adding their region.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from bouwblokken.errors import InputError
from bouwblokken.guard import check_fields
from bouwblokken.money import AS_TEXT, DOCUMENT, ExactSchema, in_document, parse_exact
from bouwblokken.money import NonNegativeMoney as Money

__all__ = [
    "ActualCostsRule",
    "AfterInternship",
    "AgeBelow",
    "AgreedRule",
    "Block",
    "Bonus",
    "BonusCondition",
    "Catalog",
    "Category",
    "ContractType",
    "CountingLimit",
    "Eligibility",
    "Flag",
    "FlagCondition",
    "Frozen",
    "InvoiceRule",
    "LabourShareRule",
    "LimitAgreed",
    "LimitAlways",
    "LimitMonths",
    "LimitNotStated",
    "LimitWhileSubsidy",
    "LocatedError",
    "MinAge",
    "NamedObligationRules",
    "ObligationRules",
    "OneOffRule",
    "PerActivityRule",
    "PerHourRule",
    "PerMonthRule",
    "PerPeriodRule",
    "PerYearRule",
    "PsoRule",
    "Rule",
    "ShareCap",
    "Source",
    "TargetGroup",
    "TimeRules",
]


class LocatedError(ValueError):
    """A rule between fields broken at ``location`` (a field path such as
    ``bonuses[0] (leeftijd_55_plus).blocks``); the loader reports that path."""

    def __init__(self, location: str, message: str) -> None:
        self.location = location
        super().__init__(message)


def english_without_dutch(model: BaseModel, path: str = "") -> str | None:
    """The field path of the first item with a ``note_en`` but no ``note`` (notes are Dutch
    first: the English is a translation of a Dutch note), or ``None``."""
    stack: list[tuple[object, str]] = [(model, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, BaseModel):
            if getattr(node, "note_en", None) is not None and getattr(node, "note", None) is None:
                return where or "."
            for name in type(node).model_fields:
                stack.append((getattr(node, name), f"{where}.{name}" if where else name))
        elif isinstance(node, tuple | list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(node))
        elif isinstance(node, dict):
            stack.extend((v, f"{where}.{k}") for k, v in node.items())
    return None


class Frozen(BaseModel):
    """Base of every catalog model: immutable, unknown keys refused.

    Raw input is checked first (:func:`bouwblokken.guard.check_fields`: no booleans as numbers,
    no numbers as dates, dates and whole numbers inside the limits); constructors and
    ``model_validate`` raise :class:`~bouwblokken.errors.InputError` (a library error that is
    also pydantic's ``ValidationError``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _guard_input(cls, data: Any, info: ValidationInfo) -> Any:
        return check_fields(cls, data, document=in_document(info))

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except InputError:
            raise
        except ValidationError as exc:
            raise InputError.wrap(exc, data) from None

    # Not a "custom" __init__ for pydantic: validation (nested models, context) never goes
    # through it; only a direct call ``Activity(...)`` does.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        """JSON through the library's exact parser (no floats, no duplicate keys, limits),
        then validated as a document."""
        from bouwblokken.jsontext import parse_json

        raw = bytes(json_data) if isinstance(json_data, bytearray) else json_data
        context = {**(kwargs.pop("context", None) or {}), DOCUMENT: True}
        return cls.model_validate(parse_json(raw, f"<{cls.__name__}>"), context=context, **kwargs)

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, **kwargs)
        except InputError:
            raise
        except ValidationError as exc:
            raise InputError.wrap(exc, obj) from None


def _exact_number(value: Any, info: ValidationInfo) -> Decimal:
    """Hours, percentages and such: exact like money, but up to 4 decimals. Unlike money, a
    float is taken by its shortest repr when that has at most 4 decimals (``22.5``), see
    :func:`bouwblokken.parse.exact_quantity`. In a document (JSON, TOML) numbers are never
    floats: they are read as decimals and checked like text (:func:`parse_exact`)."""
    if isinstance(value, float):
        from bouwblokken.parse import exact_quantity

        return exact_quantity(value)
    return parse_exact(value, info, max_decimals=4)


_number_schema = ExactSchema(
    4,
    "Exact number >= 0 (up to 4 decimals): a string such as '22.5', an integer, or a JSON number.",
)
_percentage_schema = ExactSchema(
    4,
    "Percentage from 0 to 100 (up to 4 decimals): a string such as '5', an integer, or a "
    "JSON number.",
)
Number = Annotated[Decimal, BeforeValidator(_exact_number), Field(ge=0), AS_TEXT, _number_schema]
"""An exact non-negative quantity (hours, months, periods)."""
Percentage = Annotated[
    Decimal, BeforeValidator(_exact_number), Field(ge=0, le=100), AS_TEXT, _percentage_schema
]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=64)]

Category = Literal["work", "learning", "buying", "community", "other"]
"""work = jobs (werk), learning = apprenticeships/internships (leren), buying = purchases from
social enterprises (inkopen), community = community/CSR activities (maatschappelijk), other."""

ContractType = Literal["works", "services", "supplies"]
"""werken, diensten, leveringen."""

Flag = Literal[
    "permanent_contract",
    "statushouder",
    "language_deficit",
    "labour_disability",
    "wage_cost_subsidy",
    "ips",
    "pso",
    "agreed_with_adviser",
    "pro_vso_pupil",
]
"""Yes/no facts about a person or placement that bonus conditions can test.
``agreed_with_adviser``: the SR adviser agreed the person belongs to a group the catalog
leaves to consultation ("in overleg"). ``pro_vso_pupil``: a (former) pupil of practical or
special secondary education (PrO/VSO)."""


class Source(Frozen):
    """Where the values come from. Reliability grades as in catalogs.md: A official and read in
    full, B official but partly readable or undated, D unofficial compilation (unverified)."""

    url: Annotated[str, Field(pattern=r"^https?://")] | None = None
    title: str | None = None
    reliability: Literal["A", "B", "C", "D"]
    accessed: date | None = None
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""

    @model_validator(mode="after")
    def _named(self) -> Source:
        if self.url is None and not self.title:
            raise ValueError("a source needs a url, or a title when it has no address")
        return self


# ---------------------------------------------------------------------------------------------
# Valuation rules: how one block turns inputs into euros.


class _RuleBase(Frozen):
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""


class PerYearRule(_RuleBase):
    """Value per full-time year, pro rata by hours per week and by counted duration."""

    kind: Literal["per_year"]
    amount: Money
    unit_nl: str = "jaar"
    unit_en: str = "year"
    prorate_hours: bool = True
    prorate_duration: bool = True
    duration_unit: Literal["days", "weeks", "months"] | None = None
    """Overrides the catalog's ``time.duration_unit`` for this block (e.g. 'pro rata by weeks')."""


class PerMonthRule(_RuleBase):
    """Value per month of placement (work-experience place); whole and part months from dates,
    or a number of months given as input."""

    kind: Literal["per_month"]
    amount: Money
    prorate_hours: bool = False


class PerPeriodRule(_RuleBase):
    """Value per learning-work year or internship period; one period unless a number is given,
    or pro rata of ``period_months`` by the dated duration when ``prorate_duration``."""

    kind: Literal["per_period"]
    amount: Money
    period_nl: str = "periode"
    period_en: str = "period"
    period_months: int | None = Field(default=None, ge=1)
    prorate_duration: bool = False

    @model_validator(mode="after")
    def _months_for_proration(self) -> PerPeriodRule:
        if self.prorate_duration and self.period_months is None:
            raise ValueError("prorate_duration needs period_months (the length of one period)")
        return self


class OneOffRule(_RuleBase):
    """A fixed amount, once per activity."""

    kind: Literal["one_off"]
    amount: Money


class PerHourRule(_RuleBase):
    """A rate per hour spent; either ``amount`` directly or ``year_amount / hours_per_year``
    (e.g. a year value ÷ 2.080 hours), kept exact as a fraction."""

    kind: Literal["per_hour"]
    amount: Money | None = None
    year_amount: Money | None = None
    hours_per_year: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_rate(self) -> PerHourRule:
        derived = self.year_amount is not None and self.hours_per_year is not None
        partial = (self.year_amount is None) != (self.hours_per_year is None)
        if partial or (self.amount is not None) == derived:
            raise ValueError("give either amount, or year_amount together with hours_per_year")
        return self


class PerActivityRule(_RuleBase):
    """A value per activity (or per day), optionally at most ``max_per_day`` per day."""

    kind: Literal["per_activity"]
    amount: Money
    unit_nl: str = "activiteit"
    unit_en: str = "activity"
    max_per_day: Money | None = None


class InvoiceRule(_RuleBase):
    """The invoice amount excl. VAT, or a percentage of it (PSO-certified purchases: 10 %), or
    more than all of it ("taaltraining: factuur + 100 % bonus" is 200 %), optionally at most
    ``max_per_person`` for one person across all their activities with this block."""

    kind: Literal["invoice"]
    percentage: Annotated[Number, Field(le=1000)] = Decimal(100)
    max_per_person: Money | None = None


class ActualCostsRule(_RuleBase):
    """The costs actually incurred (training, coaching), as shown by the supplier."""

    kind: Literal["actual_costs"]


class AgreedRule(_RuleBase):
    """An amount agreed with the SR adviser ("in overleg"): no fixed value in the table;
    optionally at most ``max_per_day`` per day (a tailored community activity)."""

    kind: Literal["agreed"]
    max_per_day: Money | None = None


Rule = Annotated[
    PerYearRule
    | PerMonthRule
    | PerPeriodRule
    | OneOffRule
    | PerHourRule
    | PerActivityRule
    | InvoiceRule
    | ActualCostsRule
    | AgreedRule,
    Field(discriminator="kind"),
]

# ---------------------------------------------------------------------------------------------
# Counting limits: how long one person may count for a block.


class LimitMonths(Frozen):
    """A person counts at most ``months`` months of *counted placement time* for this block
    (or, with ``per = "target_group"``, for all blocks of the block's target group): gaps
    between placements do not use the limit up (catalogs.md §8). With ``bridge_gaps_below_months``
    a gap shorter than that many months counts as placement time (the Friese Eis reading of
    "onderbrekingen korter dan een half jaar tellen niet als onderbreking")."""

    kind: Literal["months"]
    months: int = Field(ge=1, le=1200)
    per: Literal["block", "target_group"] = "block"
    bridge_gaps_below_months: int | None = Field(default=None, ge=1, le=120)


class LimitAlways(Frozen):
    kind: Literal["always"]


class LimitWhileSubsidy(Frozen):
    """As long as the wage-cost subsidy (loonkostensubsidie) runs: input ``subsidy_end``."""

    kind: Literal["while_subsidy"]


class LimitAgreed(Frozen):
    """For the period agreed with the SR adviser (e.g. a work-experience place): the dates of
    the activity are that period; nothing is cut, and the trail says so."""

    kind: Literal["agreed"]


class LimitNotStated(Frozen):
    """The source states no limit; nothing is cut, and the trail says so."""

    kind: Literal["not_stated"]


CountingLimit = Annotated[
    LimitMonths | LimitAlways | LimitWhileSubsidy | LimitAgreed | LimitNotStated,
    Field(discriminator="kind"),
]


TargetGroup = Literal[
    "participatiewet",
    "ww",
    "wia_wao",
    "wajong",
    "doelgroepregister",
    "wsw",
    "beschut_werk",
    "nug",
    "statushouder",
    "pro_vso",
    "mbo_bbl",
    "mbo_bol",
    "hbo_wo",
    "other",
]
"""Who a block is for (doelgroep). ``doelgroepregister``: the Banenafspraak target groups
(doelgroepregister, garantiebaan); ``nug``: jobseekers without benefit (niet-uitkerings-
gerechtigd); ``pro_vso``: pupils of practical or special secondary education. Eligibility rules
(``[eligibility]``) and counting limits per target group use it."""


class Block(Frozen):
    """One menu item (bouwblok)."""

    id: Identifier
    label_nl: str
    label_en: str
    category: Category
    target_group: TargetGroup | None = None
    benefit_months_min: int | None = Field(default=None, ge=0, le=1200)
    """Counts only for a person on benefit at least this many months on the peildatum
    ("Participatiewet > 2 jaar": 24)."""
    benefit_months_below: int | None = Field(default=None, ge=1, le=1200)
    """Counts only for a person on benefit fewer than this many months on the peildatum
    ("Participatiewet < 2 jaar": 24)."""
    group_nl: str | None = None
    group_en: str | None = None
    rule: Rule
    counting_limit: CountingLimit = LimitNotStated(kind="not_stated")
    max_hours_per_week: Number | None = None
    """Hours per week above this do not count (e.g. a coaching block)."""
    min_hours_per_week: Number | None = None
    """Overrides ``time.min_hours_per_week`` for this block."""
    impact_goals: tuple[str, ...] = ()
    sdg_targets: tuple[Annotated[str, Field(pattern=r"^\d{1,2}\.[0-9a-z]{1,2}$")], ...] = ()
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""

    @property
    def fixed_amount(self) -> Decimal | None:
        """The euro amount of the block's rule, when it has one fixed amount (None for invoices,
        costs, agreed amounts and hourly rates derived from a year value)."""
        amount = getattr(self.rule, "amount", None)
        return amount if isinstance(amount, Decimal) else None


# ---------------------------------------------------------------------------------------------
# Bonuses.


class MinAge(Frozen):
    """Age on the reference date (peildatum) at least ``age``."""

    kind: Literal["min_age"]
    age: int = Field(ge=0, le=120)


class AgeBelow(Frozen):
    """Age on the reference date below ``age`` (e.g. a job after VSO/PrO, under 18)."""

    kind: Literal["age_below"]
    age: int = Field(ge=1, le=120)


class FlagCondition(Frozen):
    """Any of the listed yes/no facts holds (e.g. statushouder or language deficit)."""

    kind: Literal["flag"]
    any_of: tuple[Flag, ...] = Field(min_length=1)


class AfterInternship(Frozen):
    """Hired after an internship of at least ``months`` months (and, when ``flags`` are given,
    all of them hold: e.g. ``pro_vso_pupil`` for a bonus meant for PrO/VSO pupils only)."""

    kind: Literal["after_internship"]
    months: int = Field(ge=0)
    flags: tuple[Flag, ...] = ()


BonusCondition = Annotated[
    MinAge | AgeBelow | FlagCondition | AfterInternship, Field(discriminator="kind")
]


class Bonus(Frozen):
    """Extra value on top of a base block, per year pro rata like the base, or once."""

    id: Identifier
    label_nl: str
    label_en: str
    amount: Money | None = None
    multiple_of_block_amount: Annotated[Number, Field(gt=0, le=100)] | None = None
    """Instead of ``amount``: this many times the base block's own value per year ("vast
    contract: 1× de jaarwaarde van de doelgroep"); only on per-year blocks."""
    unit: Literal["per_year", "one_off"]
    blocks: tuple[Identifier, ...] = ()
    categories: tuple[Category, ...] = ()
    condition: BonusCondition
    replaces: tuple[Identifier, ...] = ()
    """Bonuses this one replaces when both apply (a 55+ bonus replacing a 50+ bonus);
    bonuses not named here add up."""
    within_counting_limit: bool = True
    """A per-year bonus counts only for the base block's counted period (true), or for the
    whole placement (false)."""
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""

    @model_validator(mode="after")
    def _targets(self) -> Bonus:
        if not self.blocks and not self.categories:
            raise ValueError("a bonus must name the blocks or categories it applies to")
        if (self.amount is None) == (self.multiple_of_block_amount is None):
            raise ValueError("a bonus needs either amount or multiple_of_block_amount")
        return self

    def amount_for(self, block: Block) -> Decimal:
        """The bonus in euro on ``block`` (per year or once, as ``unit`` says)."""
        if self.amount is not None:
            return self.amount
        assert self.multiple_of_block_amount is not None
        rule = block.rule
        if not isinstance(rule, PerYearRule):
            from bouwblokken.errors import ValuationError

            raise ValuationError(
                f"bonus {self.id!r} is a multiple of the block's value per year, but block "
                f"{block.id!r} has no value per year ({rule.kind})",
                field="block",
            )
        return self.multiple_of_block_amount * rule.amount


class ShareCap(Frozen):
    """A category (or set of blocks) may count for at most a share of the obligation,
    optionally only items of at least ``min_amount_per_item``."""

    id: Identifier
    label_nl: str
    label_en: str
    categories: tuple[Category, ...] = ()
    blocks: tuple[Identifier, ...] = ()
    max_share_percent: Percentage
    floor_amount: Money | None = None
    """The cap is never below this amount ("max. 25 % van de verplichting, minimaal
    € 10.000": the category may always count up to € 10.000)."""
    min_amount_per_item: Money | None = None
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""

    @model_validator(mode="after")
    def _targets(self) -> ShareCap:
        if not self.blocks and not self.categories:
            raise ValueError("a share cap must name the blocks or categories it limits")
        return self


# ---------------------------------------------------------------------------------------------
# Catalog-wide rules.


class TimeRules(Frozen):
    """How time and hours are measured for pro-rata blocks (catalogs.md §6.2, §6.4)."""

    reference_week: Literal["fixed", "supplier"] = "fixed"
    """fixed: ``reference_hours_per_week`` (36, 40); supplier: the supplier's own full-time
    week, given per activity as ``fulltime_hours_per_week``."""
    reference_hours_per_week: Number | None = None
    duration_unit: Literal["days", "weeks", "months"] = "months"
    """months (default): the kalenderdagenmethode, a whole calendar month is 1/12 year and a
    part of a month its days ÷ the days of that month × 1/12; days: calendar days ÷
    ``days_per_year``; weeks: completed weeks ÷ 52."""
    days_per_year: Literal["actual", 360, 365, 366] = "actual"
    """actual: a day is 1/365 of a year, or 1/366 in a leap year (a full calendar year is
    always exactly one year); or a fixed divisor."""
    time_basis: Literal["calendar", "worked_hours"] = "calendar"
    """calendar: dated periods; worked_hours: hours actually worked ÷ ``annual_hours``."""
    annual_hours: int | None = Field(default=None, ge=1)
    cap_hours_at_reference: bool = True
    min_hours_per_week: Number | None = None
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""

    @model_validator(mode="after")
    def _annual(self) -> TimeRules:
        if self.time_basis == "worked_hours" and self.annual_hours is None:
            raise ValueError("time_basis 'worked_hours' needs annual_hours")
        if self.reference_week == "fixed" and not self.reference_hours_per_week:
            raise ValueError(
                "reference_hours_per_week (> 0) is required, or reference_week = 'supplier'"
            )
        if self.reference_week == "supplier" and self.reference_hours_per_week is not None:
            raise ValueError("reference_week 'supplier' takes no reference_hours_per_week")
        return self


class PsoRule(Frozen):
    """Effect of the main contractor's PSO certificate (or equivalent) on the obligation."""

    level: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    label_nl: str
    reduction_percent: Percentage | None = None
    exempt: bool = False
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""

    @model_validator(mode="after")
    def _one_effect(self) -> PsoRule:
        if self.exempt and self.reduction_percent is not None:
            raise ValueError("a PSO rule either exempts (exempt = true) or reduces by a percent")
        if not self.exempt and self.reduction_percent is None and self.verified:
            raise ValueError(
                "a PSO rule needs exempt = true or reduction_percent; when the source does not"
                " publish the effect, set verified = false and say so in note"
            )
        return self


class LabourShareRule(Frozen):
    """Where labour is below a share of the contract, another percentage (0 = no obligation).

    When several rules match a tender, the most specific wins: a rule for the tender's
    contract type over a rule for every type; then the lowest ``below_labour_share_percent``
    (the narrowest band the labour share falls in)."""

    below_labour_share_percent: Percentage
    percentage: Percentage
    contract_types: tuple[ContractType, ...] = ()
    """Empty: every contract type."""
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""


class ObligationRules(Frozen):
    """The buyer's default obligation terms (catalogs.md §5, §6.10). Tender terms override."""

    percentage: Percentage | None = None
    """``None``: not stated by the source; the tender must give it."""
    percentage_by_contract_type: dict[ContractType, Percentage] = Field(default_factory=dict)
    """A percentage per contract type (works 2%, services 5%); a type not listed takes
    ``percentage``."""
    base: Literal["contract_value", "labour_cost", "invoiced_turnover"] = "contract_value"
    """contract_value: excl. VAT; labour_cost: the labour component; invoiced_turnover: what
    is actually invoiced under the contract (Oost-Nederland)."""
    labour_cost_percentage: Percentage | None = None
    """Percentage to apply when the tender's base is the labour cost (e.g. 10%)."""
    threshold: Money | None = None
    threshold_by_contract_type: dict[ContractType, Money] = Field(default_factory=dict)
    threshold_inclusive: bool = True
    """True: 'from 215.000' (value >= threshold has an obligation); False: 'above 200.000'."""
    threshold_follows_eu: Literal["services_supplies", "by_contract_type"] | None = None
    """The threshold is the EU threshold for sub-central authorities of the period the tender
    falls in (``catalogs/eu-thresholds.toml``): ``services_supplies``: that one figure for every
    contract (Den Haag); ``by_contract_type``: the works figure for works, the services/supplies
    figure otherwise. Excludes ``threshold`` and ``threshold_by_contract_type``."""
    maximum: Money | None = None
    contract_types: tuple[ContractType, ...] = ()
    """Empty: every type; otherwise only these types carry an obligation."""
    min_duration_months: int | None = Field(default=None, ge=1)
    labour_share_rules: tuple[LabourShareRule, ...] = ()
    pso: tuple[PsoRule, ...] = ()
    offer_percentage_min: Percentage | None = None
    offer_percentage_max: Percentage | None = None
    """A bidder may offer a percentage in this range as an award criterion (a Frisian rule:
    2–5%); the tender's ``offered_percentage`` must then lie in it."""
    offer_percentage_min_inclusive: bool = True
    """True: 'from 2%' (2% may be offered); False: 'above 2%' (2% is refused)."""
    offer_percentage_max_inclusive: bool = True
    """True: 'up to 5%' (5% may be offered); False: 'below 5%' (5% is refused)."""
    offer_sets_yearly_minimum: bool = False
    """The offered percentage also sets a minimum value per contract year: the offered
    percentage of that contract year's share of the contract value, time-proportional for a
    part year (months as twelfths)."""
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""

    @model_validator(mode="after")
    def _one_threshold(self) -> ObligationRules:
        if self.threshold_follows_eu is not None and (
            self.threshold is not None or self.threshold_by_contract_type
        ):
            raise ValueError(
                "threshold_follows_eu takes the EU threshold of the period: leave out threshold"
                " and threshold_by_contract_type"
            )
        if (
            self.offer_percentage_min is not None
            and self.offer_percentage_max is not None
            and self.offer_percentage_max < self.offer_percentage_min
        ):
            raise ValueError("offer_percentage_max is below offer_percentage_min")
        return self


class NamedObligationRules(ObligationRules):
    """A buyer's published obligation rule without a block table (catalogs.md §5)."""

    id: Identifier
    issuer: str
    source: str
    reliability: Literal["A", "B", "C", "D"]

    @model_validator(mode="after")
    def _dutch_notes(self) -> NamedObligationRules:
        where = english_without_dutch(self)
        if where is not None:
            raise LocatedError(f"{where}.note_en", "note_en is the English of note: give note too")
        return self


class Eligibility(Frozen):
    """Person-level rules the ledger applies (catalogs.md §6.9)."""

    reference_date: Literal["award_date", "contract_start", "placement_start", "not_stated"] = (
        "not_stated"
    )
    """The peildatum: the date on which age and target-group status are judged. not_stated:
    the source does not say; the award (contract) date is used, as most desks do
    (Súdwest-Fryslân), and the trail says so."""
    prior_start_months: int | None = Field(default=None, ge=0, le=1200)
    """A person who started up to this many months before the contract may still count."""
    ww_no_prior_employment_months: int | None = Field(default=None, ge=0, le=1200)
    """WW blocks count only if the person did not work for the same employer in this many
    months before the placement (activity fact ``last_worked_for_employer``)."""
    nug_registered_more_than_months: int | None = Field(default=None, ge=0, le=1200)
    """Jobseekers without benefit (target group ``nug``) count only after more than this many
    months registered as unemployed on the peildatum (fact ``registered_months``)."""
    status_retained_months: int | None = Field(default=None, ge=0, le=1200)
    """Target-group status is kept at most this many months after the person left the target
    group (fact ``left_target_group``, e.g. the day they moved to another job)."""
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English (``lang="en"``); only beside ``note``."""


class Catalog(Frozen):
    """One edition of one catalog (a region's table in force from a date)."""

    format_version: Literal[1]
    id: Identifier
    edition: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40)]
    title_nl: str
    title_en: str
    issuer: str
    members: tuple[str, ...] = ()
    region: str | None = None
    effective_from: date | None = None
    """``None``: the source gives no date (then ``verified`` must say so)."""
    effective_until: date | None = None
    edition_order: int | None = Field(default=None, ge=1, le=999)
    """Position of this edition among the catalog's editions, 1 = the oldest. Required (on every
    edition of the catalog) when the dates cannot order them, e.g. two editions whose source
    states no date; when given, the registry orders by it instead of by date."""
    effective_basis: Literal["contract_date", "publication_date", "not_stated"]
    """Which date of a tender decides the edition: the contract (award) date or the tender
    publication date; not_stated: the source does not say (the contract date is used)."""
    sources: tuple[Source, ...] = Field(min_length=1)
    verified: bool = True
    notes: tuple[str, ...] = ()
    """Notes on the edition, in Dutch (shown by default)."""
    notes_en: tuple[str, ...] = ()
    """The same notes in English, one for one (``lang="en"``); empty, or as many as ``notes``."""
    time: TimeRules
    obligation: ObligationRules = ObligationRules()
    eligibility: Eligibility = Eligibility()
    blocks: tuple[Block, ...] = Field(min_length=1)
    bonuses: tuple[Bonus, ...] = ()
    share_caps: tuple[ShareCap, ...] = ()

    _fingerprint: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        """Rules between fields; each error names the field path it is about."""
        if self.notes_en and len(self.notes_en) != len(self.notes):
            raise LocatedError(
                "notes_en",
                f"notes_en has {len(self.notes_en)} notes, notes has {len(self.notes)}: give the "
                "English of every Dutch note, in the same order",
            )
        where = english_without_dutch(self)
        if where is not None:
            raise LocatedError(f"{where}.note_en", "note_en is the English of note: give note too")
        block_ids: set[str] = set()  # sets, not lists: linear in the number of blocks
        for i, b in enumerate(self.blocks):
            if b.id in block_ids:
                raise LocatedError(
                    f"blocks[{i}] ({b.id}).id", f"block ids must be unique; repeated: {b.id}"
                )
            block_ids.add(b.id)
        bonus_ids = {b.id for b in self.bonuses}
        seen: set[str] = set()
        for i, bonus in enumerate(self.bonuses):
            where = f"bonuses[{i}] ({bonus.id})"
            if bonus.id in seen:
                raise LocatedError(f"{where}.id", f"bonus ids must be unique; repeated: {bonus.id}")
            seen.add(bonus.id)
            missing = [b for b in bonus.blocks if b not in block_ids]
            if missing:
                raise LocatedError(f"{where}.blocks", f"names unknown blocks: {', '.join(missing)}")
            missing = [b for b in bonus.replaces if b not in bonus_ids]
            if missing:
                raise LocatedError(
                    f"{where}.replaces", f"replaces unknown bonuses: {', '.join(missing)}"
                )
        for i, cap in enumerate(self.share_caps):
            missing = [b for b in cap.blocks if b not in block_ids]
            if missing:
                raise LocatedError(
                    f"share_caps[{i}] ({cap.id}).blocks",
                    f"names unknown blocks: {', '.join(missing)}",
                )
        if (
            self.effective_from is not None
            and self.effective_until is not None
            and self.effective_until < self.effective_from
        ):
            raise LocatedError("effective_until", "effective_until is before effective_from")
        if self.effective_from is None and self.verified:
            raise LocatedError(
                "effective_from",
                "effective_from is missing: set verified = false and say why in notes",
            )
        return self

    # --- identity of the loaded file ---

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the catalog file's bytes (empty for a catalog built in code)."""
        return self._fingerprint

    @property
    def path(self) -> str:
        return self._path

    @property
    def key(self) -> str:
        """``id@edition``: the exact edition, as every result names it."""
        return f"{self.id}@{self.edition}"

    def block(self, block_id: str, *, record: str | None = None) -> Block:
        """The block with this id (raises :class:`~bouwblokken.errors.UnknownBlockError`,
        naming ``record`` when given)."""
        for b in self.blocks:
            if b.id == block_id:
                return b
        from bouwblokken.errors import UnknownBlockError

        err = UnknownBlockError(block_id, self.key, [b.id for b in self.blocks], record=record)
        err.suggestions = tuple(b.id for b in self.find_block(block_id))  # type: ignore[attr-defined]
        if err.suggestions:  # type: ignore[attr-defined]
            err.args = (f"{err.args[0]}; did you mean {' or '.join(err.suggestions)}?",)  # type: ignore[attr-defined]
        raise err

    def find_block(self, text: str, *, limit: int = 5) -> list[Block]:
        """Blocks whose id or label contains ``text`` (case-insensitive; ``"bbl"`` finds
        ``leerbaan_bbl_niveau_1_2``), else the closest ids by spelling; best first."""
        import difflib

        q = text.strip().lower()
        hits = [
            b
            for b in self.blocks
            if q and (q in b.id or q in b.label_nl.lower() or q in b.label_en.lower())
        ]
        if hits:
            return hits[:limit]
        ids = difflib.get_close_matches(q, [b.id for b in self.blocks], n=limit, cutoff=0.5)
        return [self.block(i) for i in ids]

    def _repr_html_(self) -> str:
        from bouwblokken.views import view

        html: str = view("catalog.html")(self)
        return html

    def to_dataframe(self, lang: Literal["nl", "en"] = "nl") -> object:
        """One row per block (pandas; the ``pandas`` extra), amounts exact."""
        from bouwblokken.views import view

        return view("catalog.dataframe")(self, lang=lang)

    def in_force(self, on: date) -> bool:
        """Whether this edition applies on ``on`` (a date of the kind ``effective_basis`` says)."""
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_until is None or on <= self.effective_until

    def bonuses_for(self, block: Block) -> tuple[Bonus, ...]:
        return tuple(
            b for b in self.bonuses if block.id in b.blocks or block.category in b.categories
        )
