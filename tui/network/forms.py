"""The forms of the learning network: the network itself, a member unit, a meeting, a
presentation on a meeting's agenda, and a note or tip.

Each function returns a dialog whose `submit` writes through the caller's `save` (which calls
`core.network.networks` through the screen's undo log) and shows a refusal in the dialog, so nothing
typed is lost. Names of units and projects are user text: the choices show them literally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from core.errors import TavleError
from core.models import NetworkMeeting, NetworkNote, NetworkPresentation, NoteKind
from core.network.networks import ProjectChoice
from core.values.days import parse_deadline
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Field, TextField
from tui.dialogs.editing import day_preview
from tui.dialogs.form import FormDialog, FormField, Values
from tui.lang import tr, translator

Save = Callable[[dict[str, Any]], None]
"""Writes the values (raises `TavleError` to refuse them)."""


def _submit(read: Callable[[Values], dict[str, Any]], save: Save) -> Callable[[Values], str | None]:
    def submit(values: Values) -> str | None:
        try:
            save(read(values))
        except TavleError as error:
            return error.message(translator())
        return None

    return submit


def network_form(title: str, save: Save, *, name: str = "", coordinator: str = "",
                 unit: str = "") -> FormDialog:
    """The network's name, its coordinator and the coordinating unit."""
    fields = [
        FormField("name", tr("field.name"), name, placeholder=tr("network.name_placeholder")),
        FormField("coordinator", tr("field.coordinator"), coordinator),
        FormField("unit", tr("network.coordinating_unit"), unit),
    ]
    return FormDialog(title, fields, submit=_submit(dict, save))


def unit_form(title: str, save: Save, name: str = "") -> FormDialog:
    """A member unit's name."""
    fields = [FormField("name", tr("field.name"), name, placeholder=tr("network.unit_placeholder"))]
    return FormDialog(title, fields, submit=_submit(dict, save))


def meeting_form(title: str, save: Save, today: dt.date,
                 meeting: NetworkMeeting | None = None) -> FormDialog:
    """A meeting's date (typed the Danish way: 26-11-2026, tor, uge 48) and title."""
    held = translator().date(meeting.held_on) if meeting else ""
    fields = [
        FormField("held_on", tr("field.held_on"), held, placeholder=tr("network.date_placeholder"),
                  preview=day_preview(today)),
        FormField("title", tr("field.title"), meeting.title if meeting else "",
                  placeholder=tr("network.meeting_placeholder")),
    ]

    def read(values: Values) -> dict[str, Any]:
        return {"held_on": parse_deadline(values["held_on"], today),
                "title": values["title"].strip()}

    return FormDialog(title, fields, submit=_submit(read, save))


def _unit_options(first: str, members: list[str], projects: list[ProjectChoice],
                  current: str = "") -> list[tuple[str, str]]:
    """(label, value): the empty choice, the member units, then other projects' units."""
    names = list(dict.fromkeys([*members, *(p.unit for p in projects if p.unit)]))
    if current and current not in names:
        names.append(current)
    return [(first, ""), *((name, name) for name in names)]


def _project_options(first: str, projects: list[ProjectChoice],
                     current: str | None = None) -> list[tuple[str, str]]:
    options = [(first, "")]
    options += [(f"{p.name} – {p.unit}" if p.unit else p.name, p.id) for p in projects]
    if current and current not in {p.id for p in projects}:
        options.append((tr("network.unknown_project"), current))
    return options


def presentation_form(title: str, save: Save, members: list[str], projects: list[ProjectChoice],
                      presentation: NetworkPresentation | None = None) -> ChoiceFormDialog:
    """Which unit presents which project: a project from the database, or a typed name."""
    p = presentation
    fields: list[Field] = [
        ChoiceField("project_id", tr("network.form.project"),
                    _project_options(tr("network.form.no_project"), projects,
                                     p.project_id if p else None),
                    (p.project_id or "") if p else ""),
        TextField("project_name", tr("network.form.project_name"),
                  p.project_name if p and not p.project_id else "",
                  placeholder=tr("network.form.project_name_placeholder")),
        ChoiceField("unit", tr("network.form.unit"),
                    _unit_options(tr("network.form.project_unit"), members, projects,
                                  p.unit if p else ""),
                    p.unit if p else ""),
    ]
    return ChoiceFormDialog(title, fields, submit=_submit(dict, save))


def note_form(title: str, save: Save, members: list[str], projects: list[ProjectChoice], *,
              kind: NoteKind = NoteKind.NOTE, note: NetworkNote | None = None,
              unit: str = "", project_id: str | None = None) -> ChoiceFormDialog:
    """A note or tip: its text, its kind, and optionally the unit or project it is for (a new
    one for `unit` and `project_id`, e.g. the presentation under the cursor)."""
    if note is not None:
        unit, project_id = note.unit, note.project_id
    fields: list[Field] = [
        TextField("text", tr("field.text"), note.text if note else "", max_length=2000,
                  placeholder=tr("network.form.text_placeholder")),
        ChoiceField("kind", tr("field.kind"),
                    [(tr(f"enum.note_kind.{k.value}"), k.value) for k in NoteKind],
                    (note.kind if note else kind).value),
        ChoiceField("unit", tr("network.form.for_unit"),
                    _unit_options(tr("network.form.whole_network"), members, projects, unit),
                    unit),
        ChoiceField("project_id", tr("network.form.for_project"),
                    _project_options(tr("network.form.no_project_for_note"), projects,
                                     project_id),
                    project_id or ""),
    ]

    def read(values: Values) -> dict[str, Any]:
        return {"text": values["text"], "kind": NoteKind(values["kind"]),
                "unit": values["unit"], "project_id": values["project_id"] or None}

    return ChoiceFormDialog(title, fields, submit=_submit(read, save))
