"""The fields of a kaizen card in a dialog: title, description, owner, due date, linked measure
and how many weeks after it is done the card comes back (blank: it does not)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.db.store import Store
from core.errors import TavleError
from core.kaizen import board
from core.kaizen.board import BoardCard
from core.values.days import parse_deadline
from core.values.numbers import parse_number
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Field, TextField, Values
from tui.dialogs.editing import day_preview
from tui.lang import tr, translator

NO_MEASURE = "-"


def card_values(values: Values, today: dt.date) -> dict[str, object]:
    """The card's fields from the typed values (a due date as users type deadlines)."""
    due = values["due"].strip()
    return {
        "title": values["title"].strip(),
        "description": values["description"].strip(),
        "owner": values["owner"].strip(),
        "due": parse_deadline(due, today) if due else None,
        "measure_id": None if values["measure_id"] == NO_MEASURE else values["measure_id"],
        "recur_weeks": parse_number(values["recur_weeks"], "recur_weeks"),
    }


def card_dialog(store: Store, project_id: str, title: str, card: BoardCard | None,
                today: dt.date, save: Callable[[dict[str, object]], None]) -> ChoiceFormDialog:
    """A dialog that hands the card's fields to `save`; a refusal keeps the dialog open. The
    due date is read as a deadline from `today` (the app's), shown live under the field."""
    measures = [(tr("card.no_measure"), NO_MEASURE)] + [
        (name, id_) for id_, name in board.measure_names(store, project_id)
    ]
    fields: list[Field] = [
        TextField("title", tr("field.title"), card.title if card else "",
                  placeholder=tr("card.title_placeholder")),
        TextField("description", tr("field.description"), card.description if card else "",
                  max_length=2000),
        TextField("owner", tr("field.owner"), card.owner if card else ""),
        TextField("due", tr("field.due"),
                  translator().date(card.due) if card and card.due else "",
                  placeholder=tr("card.due_placeholder"), preview=day_preview(today)),
        ChoiceField("measure_id", tr("field.measure_id"), measures,
                    (card.measure_id if card and card.measure_id else NO_MEASURE)),
        TextField("recur_weeks", tr("field.recur_weeks"),
                  str(card.recur_weeks) if card and card.recur_weeks else "",
                  placeholder=tr("card.recur_placeholder")),
    ]

    def submit(values: Values) -> str | None:
        try:
            save(card_values(values, today))  # "fre": the app's Friday
        except TavleError as error:
            return error.message(translator())
        return None

    return ChoiceFormDialog(title, fields, submit=submit)
