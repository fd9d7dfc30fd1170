"""A generated, realistic provincial portfolio for benchmarks, tests and the notebook.

Proportions follow the issue's provincial target (10^6 activities, 10^5 contracts, 2 × 10^5
persons, 4 years): ten activities per contract, five per person. Persons have successive
placements (with gaps) over 2021-2024, each under a contract running at the time, so a person
moves between suppliers; a small share of placements overlaps the previous one (the double
counting a desk must find). Most activities are per-year job and learning placements; the rest
are per-month work-experience places, invoices of social enterprises and community hours.
Histories: placements that ended before the cut-off date are declared, evidenced and mostly
approved (some rejected, some awaiting a decision); later ones are planned. Nothing is real:
person ids are random.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

__all__ = ["BUYERS", "synthetic_document"]

BUYERS = [
    ("provincie_drenthe", "Provincie Drenthe"),
    ("aa_en_hunze", "Aa en Hunze"),
    ("assen", "Assen"),
    ("borger_odoorn", "Borger-Odoorn"),
    ("coevorden", "Coevorden"),
    ("de_wolden", "De Wolden"),
    ("emmen", "Emmen"),
    ("hoogeveen", "Hoogeveen"),
    ("meppel", "Meppel"),
    ("midden_drenthe", "Midden-Drenthe"),
    ("noordenveld", "Noordenveld"),
    ("tynaarlo", "Tynaarlo"),
    ("westerveld", "Westerveld"),
]
"""The province of Drenthe and its twelve municipalities."""

# (catalog@edition, per-year blocks, per-month blocks, invoice blocks, per-hour blocks)
_CATALOGS = [
    (
        "oost_nederland@V05-2023-04",
        [
            "participatiewet_korter_dan_2_jaar",
            "participatiewet_langer_dan_2_jaar",
            "doelgroepregister_wia_wao_wsw_beschut",
            "ww_korter_dan_1_jaar",
            "nug",
        ],
        ["werkervaringsplaats"],
        ["wsw_detachering_beschut_inkoop", "inkoop_pso_trede_2"],
        ["mvo_activiteit_uren"],
    ),
    (
        "utrecht@undated",
        [
            "participatiewet",
            "doelgroepregister",
            "wia_wao",
            "ww",
            "bbl_niveau_2_3_4",
            "geen_recht_op_uitkering",
        ],
        [],
        ["inkoop_sociale_onderneming"],
        ["maatschappelijk_project_uren"],
    ),
    (
        "haaglanden@2023-07",
        [
            "participatiewet",
            "banenafspraak",
            "wia",
            "ww",
            "leerbaan_bbl_niveau_1_2",
            "werkzoekende_zonder_uitkering",
        ],
        [],
        [],
        [],
    ),
]
START, END = date(2021, 1, 1), date(2024, 12, 31)
HOURS = ["16", "20", "24", "24", "28", "32", "32", "36", "36", "36", "40"]


def _d(x: date) -> str:
    return x.isoformat()


def synthetic_document(
    n_activities: int,
    *,
    seed: int = 13,
    cut_off: date = date(2024, 6, 30),
    overlap_share: float = 0.02,  # float-ok: a probability, not money
) -> dict[str, Any]:
    """A ``bouwblokken.portfolio/1`` document (a dict) of about ``n_activities`` activities."""
    rng = random.Random(seed)
    n_contracts = max(1, n_activities // 10)
    n_suppliers = max(2, n_contracts // 5)
    contracts: list[dict[str, Any]] = []
    by_month: dict[tuple[int, int], list[int]] = {}
    for i in range(n_contracts):
        start = START + timedelta(days=rng.randrange(0, 3 * 365))
        end = min(END, start + timedelta(days=rng.randrange(365, 4 * 365)))
        cat = _CATALOGS[i % len(_CATALOGS)]
        value = rng.randrange(250, 5000) * 1000
        buyers = [BUYERS[rng.randrange(1, len(BUYERS))][0]]
        if rng.random() < 0.05:
            buyers.append(BUYERS[0][0])
        penalty = rng.choice(
            [
                {"kind": "shortfall"},
                {"kind": "percentage", "percentage": "50", "cap": "25000"},
                {"kind": "per_euro", "amount": "0.50"},
                {"kind": "buy_off", "percentage": "80"},
            ]
        )
        contracts.append(
            {
                "tender": {
                    "id": f"c{i:06d}",
                    "catalog": cat[0],
                    "contract_value": str(value),
                    "percentage": "5",
                    "contract_date": _d(start),
                    "start": _d(start),
                    "end": _d(end),
                },
                "buyers": buyers,
                "supplier": f"s{i % n_suppliers:05d}",
                "penalty": penalty,
                "activities": [],
            }
        )
        m = date(start.year, start.month, 1)
        while m <= end:
            by_month.setdefault((m.year, m.month), []).append(i)
            m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)

    def history(end: date) -> list[dict[str, Any]]:
        if end > cut_off:
            return []
        declared = end + timedelta(days=15)
        steps: list[dict[str, Any]] = [
            {"status": "declared", "on": _d(declared), "by": "leverancier"},
            {
                "status": "evidenced",
                "on": _d(declared + timedelta(days=10)),
                "documents": ["employment_contract", "payslips", "target_group_statement"],
            },
        ]
        r = rng.random()
        if r < 0.90:
            steps.append(
                {"status": "approved", "on": _d(declared + timedelta(days=30)), "by": "sr-desk"}
            )
        elif r < 0.93:
            steps.append(
                {
                    "status": "rejected",
                    "on": _d(declared + timedelta(days=30)),
                    "by": "sr-desk",
                    "reason": "doelgroep niet aangetoond",
                }
            )
        return steps

    persons: list[str] = []
    made = 0
    n_person_acts = int(n_activities * 0.85)
    pid = 0
    while made < n_person_acts:
        person = f"p{pid:07d}"
        pid += 1
        persons.append(person)
        cursor = START + timedelta(days=rng.randrange(0, 700))
        for _ in range(rng.randrange(3, 8)):
            if made >= n_person_acts or cursor > END - timedelta(days=60):
                break
            active = by_month.get((cursor.year, cursor.month))
            if not active:
                cursor += timedelta(days=30)
                continue
            ci = active[rng.randrange(len(active))]
            c = contracts[ci]
            cat = _CATALOGS[ci % len(_CATALOGS)]
            length = rng.randrange(90, 366)
            end = min(END, cursor + timedelta(days=length))
            if cat[2] and rng.random() < 0.1:
                act = {"block": rng.choice(cat[2]), "start": _d(cursor), "end": _d(end)}
            else:
                act = {
                    "block": rng.choice(cat[1]),
                    "hours_per_week": rng.choice(HOURS),
                    "start": _d(cursor),
                    "end": _d(end),
                }
            act["id"] = f"a{len(c['activities']):03d}"
            act["person"] = person
            c["activities"].append({"activity": act, "history": history(end)})
            made += 1
            if rng.random() < overlap_share:
                cursor = end - timedelta(days=rng.randrange(10, 60))  # overlaps: double count
            else:
                cursor = end + timedelta(days=rng.randrange(1, 120))
    for n in range(n_activities - made):
        ci = rng.randrange(n_contracts)
        c = contracts[ci]
        cat = _CATALOGS[ci % len(_CATALOGS)]
        start = date.fromisoformat(c["tender"]["start"]) + timedelta(days=rng.randrange(0, 300))
        day = _d(start)
        if cat[3] and (not cat[4] or n % 2):
            act = {
                "block": rng.choice(cat[3]),
                "invoice_amount": f"{rng.randrange(500, 50000)}.00",
                "start": day,
                "end": day,
            }
        elif cat[4]:
            act = {
                "block": rng.choice(cat[4]),
                "hours": str(rng.randrange(4, 200)),
                "start": day,
                "end": day,
            }
        else:
            act = {
                "block": rng.choice(cat[1]),
                "hours_per_week": "36",
                "start": day,
                "end": _d(start + timedelta(days=180)),
            }
        act["id"] = f"a{len(c['activities']):03d}"
        c["activities"].append({"activity": act, "history": history(start)})
    return {
        "format": "bouwblokken.portfolio/1",
        "title": "Gegenereerde portefeuille Drenthe",
        "buyers": [{"id": b, "name": name, "region": "Drenthe"} for b, name in BUYERS],
        "suppliers": [{"id": f"s{i:05d}"} for i in range(n_suppliers)],
        "persons": [{"id": p} for p in persons],
        "contracts": contracts,
    }
