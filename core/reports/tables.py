"""Every table Tavle exports for Excel, by the name the command line gives it.

`TABLES` names each kind (`plan`, ...) with the scope it is made for (a project, an
organisation or none) and the function that makes its tables from the store. The functions are
the ones the screens call (`core.plan.excel.plan_table`, ...), so a table is made one way
whether a coordinator presses ctrl+e or a back office runs `tavle table`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from core.db.store import Store
from core.i18n import Translator
from core.values.sheets import Table


@dataclass(frozen=True)
class Request:
    """What a table is made from: the store, the scope's id (None for a table across
    projects), the language, today, and the measure named when the table is one measure's."""

    store: Store
    scope_id: str | None
    tr: Translator
    today: dt.date
    measure: str | None = None


@dataclass(frozen=True)
class TableKind:
    """One kind of table: the scope it is made for and how it is made (the first table's name
    names the file)."""

    scope: Literal["project", "organisation", "none"]
    make: Callable[[Request], list[Table]]


def _project_id(request: Request) -> str:
    if request.scope_id is None:
        raise ValueError("this table is made for a project")
    return request.scope_id


def _plan(request: Request) -> list[Table]:
    from core.plan.actions import load_plan
    from core.plan.excel import plan_table

    return [plan_table(load_plan(request.store, _project_id(request)), request.tr)]


def _measure(request: Request) -> list[Table]:
    """One measure's values, the measure named by `request.measure` (its name or a part of it,
    case not counting); `TavleError` listing the project's measures when it names none or
    several."""
    from core.db import changelog
    from core.measures.excel import measure_table
    from core.measures.signals import project_measure_ids
    from core.models import Measure

    measures = [changelog.load(request.store, Measure, measure_id)
                for measure_id in project_measure_ids(request.store, _project_id(request))]
    wanted = (request.measure or "").strip().casefold()
    found = [m for m in measures if m.name.strip().casefold() == wanted] or [
        m for m in measures if wanted and wanted in m.name.casefold()]
    if len(found) != 1:
        from core.errors import TavleError

        raise TavleError("tables.cli.no_measure", name=request.measure or "",
                         names=", ".join(f"»{m.name}«" for m in measures) or "–")
    return [measure_table(request.store, found[0], request.tr)]


def _measures(request: Request) -> list[Table]:
    from core.measures.excel import project_measures_table

    return [project_measures_table(request.store, _project_id(request), request.tr)]


def _portfolio(request: Request) -> list[Table]:
    from core.views.portfolio import load_portfolio, portfolio_signals, portfolio_table

    rows = load_portfolio(request.store, today=request.today)
    signals = portfolio_signals(request.store, [row.id for row in rows])
    return [portfolio_table(rows, request.tr, signals)]


def _benefits(request: Request) -> list[Table]:
    from core.closing.benefits import benefits_table, list_benefits

    return [benefits_table(list_benefits(request.store), request.tr)]


def _org_id(request: Request) -> str:
    if request.scope_id is None:
        raise ValueError("this table is made for an organisation")
    return request.scope_id


def _figures(request: Request) -> list[Table]:
    from core.teams.excel import key_figures_tables

    return key_figures_tables(request.store, _org_id(request), request.tr)


def _capacity(request: Request) -> list[Table]:
    """Every team's capacity plan for the weeks its screen shows from today, a sheet a team."""
    from core.teams.capacity import coming_weeks
    from core.teams.excel import capacity_table
    from core.teams.organisation import team_summaries

    weeks = coming_weeks(request.today)
    return [capacity_table(request.store, _org_id(request), team.id, weeks, request.tr)
            for team in team_summaries(request.store, _org_id(request))]


TABLES: dict[str, TableKind] = {
    "plan": TableKind("project", _plan),
    "measure": TableKind("project", _measure),
    "measures": TableKind("project", _measures),
    "portfolio": TableKind("none", _portfolio),
    "benefits": TableKind("none", _benefits),
    "figures": TableKind("organisation", _figures),
    "capacity": TableKind("organisation", _capacity),
}
"""The tables by the name `tavle table` takes."""
