"""MkDocs hook: Sphinx roles in docstrings (``:func:`value_activity```) become links.

The library's docstrings cross-reference with reStructuredText roles (``:class:`Catalog```,
``:func:`~bouwblokken.compare.value_under```); mkdocstrings renders Markdown, where a role would
show as raw text before the code. This hook turns each role into an autorefs link (resolved
when the target is on the site, plain code otherwise), so the API page shows no raw roles.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(
    r":(?:py:)?(?:func|class|meth|attr|mod|data|exc|obj|const):<code>(~?)([\w.]+)</code>"
)


def _link(m: re.Match[str]) -> str:
    short, target = m.group(1), m.group(2)
    title = target.rsplit(".", 1)[-1] if short else target
    return f'<autoref identifier="{target}" optional><code>{title}</code></autoref>'


def on_page_content(html: str, **_: Any) -> str:
    return ROLE.sub(_link, html)
