"""Human views of results: aligned text tables, HTML for notebooks, DataFrames, charts.

The core never imports this package; importing it fills :mod:`bouwblokken.views`, which the
results' ``table()``, ``_repr_html_()``, ``to_dict()`` and ``to_dataframe()`` methods use.
(The package ``bouwblokken`` imports it, so that happens on ``import bouwblokken``.)
"""

from bouwblokken import documents as _documents
from bouwblokken.display import catalog as _catalog
from bouwblokken.display import frame as _frame
from bouwblokken.display import html as _html
from bouwblokken.display import multi as _multi
from bouwblokken.display import plans as _plans
from bouwblokken.display import text as _text
from bouwblokken.views import register

register("ledger.table")(_text.ledger_table)
register("ledger.html")(_html.ledger_html)
register("ledger.dataframe")(_frame.ledger_dataframe)
register("ledger.dict")(_documents.ledger_result_to_dict)
register("plan.table")(_plans.plan_result_table)
register("plan.html")(_plans.plan_result_html)
register("plan.dict")(_plans.plan_result_dict)
register("multi.table")(_multi.multi_plan_table)
register("multi.html")(_multi.multi_plan_html)
register("replan.table")(_multi.replan_table)
register("replan.html")(_multi.replan_html)
register("catalog.html")(_catalog.catalog_html)
register("catalog.dataframe")(_catalog.catalog_dataframe)
register("comparison.html")(_catalog.comparison_html)
register("json.read")(_documents.read_json)
register("ledger.csv")(_frame.ledger_csv)


@register("ledger.excel")
def _ledger_excel(result: object, path: object, *, lang: str = "nl") -> object:
    from bouwblokken.excel import write_result

    return write_result(result, path, lang=lang)  # type: ignore[arg-type]


__all__: list[str] = []
