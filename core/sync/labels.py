"""What a record is called where it is named to a user (a conflict, a CPR hit): its name, title,
text or date – never its id.

A record without a label field of its own (a project's charter, a phase's state) is named by
the project, organisation or network it belongs to: "Projektkommissorier »Hurtigere afklaring«".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.db.store import Store
from core.i18n import Translator
from core.models import ENTITIES, Record

LABEL_FIELDS = ("name", "title", "text", "change", "subject", "label", "held_on", "period")
"""The fields that name a record, the first that holds something wins."""


def row_label(model: type[Record], row: dict[str, Any], tr: Translator | None = None) -> str:
    """The label of a record read as a row: the first label field that holds something (a
    meeting's date in the language of `tr`); "" when none does."""
    for name in LABEL_FIELDS:
        value = row.get(name)
        if value in (None, ""):
            continue
        if name == "held_on" and tr is not None:
            try:
                return tr.date(dt.date.fromisoformat(str(value)))
            except ValueError:
                return str(value)
        return str(value)
    return ""


def record_label(store: Store, entity: str, record_id: str,
                 tr: Translator | None = None) -> str:
    """The label of a stored record, else of the project, organisation or network it belongs to;
    "" when neither has one (or the record is not here)."""
    model = ENTITIES.get(entity)
    if model is None:
        return ""
    fields = [name for name in LABEL_FIELDS if name in model.model_fields]
    columns = ", ".join(f'"{name}"' for name in dict.fromkeys([*fields, model.SCOPE_FIELD]))
    found = store.execute(f'SELECT {columns} FROM "{model.TABLE}" WHERE id = ?',
                          [record_id]).fetchone()
    if found is None:
        return ""
    row = dict(zip(dict.fromkeys([*fields, model.SCOPE_FIELD]), found, strict=True))
    label = row_label(model, row, tr)
    if label or model.SCOPE_FIELD == "id":
        return label
    scope_id = row[model.SCOPE_FIELD]
    for scope in ENTITIES.values():
        if scope.SCOPE_FIELD == "id" and "name" in scope.model_fields:
            named = store.execute(f'SELECT name FROM "{scope.TABLE}" WHERE id = ?',
                                  [scope_id]).fetchone()
            if named and named[0]:
                return str(named[0])
    return ""
