"""Build a report's content (`core.reports.model.Report`) from the database.

`build_report(store, "status" | "closing" | "portfolio", project_id, lang=..., today=...,
since=...)`
reads everything through core's own queries and analyses; the renderers in
`core.reports.html` and `core.reports.markdown` turn the result into a file's text.
"""

from __future__ import annotations

import datetime as dt

from core.db.store import Store
from core.i18n import Translator
from core.reports.model import Kind, Report
from core.reports.parts import Context

DEFAULT_PERIOD_DAYS = 28
"""A status report covers the last four weeks unless told otherwise."""


def default_since(today: dt.date) -> dt.date:
    """The first day of the default period: four weeks before today."""
    return today - dt.timedelta(days=DEFAULT_PERIOD_DAYS)


def build_report(
    store: Store, kind: Kind, project_id: str | None = None, *, lang: str = "da",
    today: dt.date, since: dt.date | None = None,
) -> Report:
    """The content of a report as it stands on `today`; `project_id` is needed for status and
    closing reports."""
    ctx = Context(store, Translator(lang), today, since or default_since(today))
    if kind == "portfolio":
        from core.reports.portfolio import portfolio_report

        return portfolio_report(ctx)
    if project_id is None:
        raise ValueError(f"a {kind} report needs a project")
    if kind == "status":
        from core.reports.status import status_report

        return status_report(ctx, project_id)
    if kind == "closing":
        from core.reports.closing import closing_report

        return closing_report(ctx, project_id)
    raise ValueError(f"no report kind {kind!r}")
