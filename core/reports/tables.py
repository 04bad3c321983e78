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
    """One kind of table: its scope, the catalog key of its title, how it is made."""

    scope: Literal["project", "organisation", "none"]
    title_key: str
    make: Callable[[Request], list[Table]]


def _plan(request: Request) -> list[Table]:
    from core.plan.actions import load_plan
    from core.plan.excel import plan_table

    assert request.scope_id is not None
    return [plan_table(load_plan(request.store, request.scope_id), request.tr)]


TABLES: dict[str, TableKind] = {
    "plan": TableKind("project", "action_plan.title", _plan),
}
"""The tables by the name `tavle table` takes."""
