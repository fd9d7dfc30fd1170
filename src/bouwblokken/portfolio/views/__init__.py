"""Views of portfolio reports: Dutch text, HTML for notebooks, DataFrames, an Excel workbook
and matplotlib charts. The portfolio model never imports these modules; report objects reach
them through methods that import on use (``report.table()``, ``_repr_html_``)."""
