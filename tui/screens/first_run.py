"""The first run: once, ask who the user is and which unit this database speaks for.

Name and initials go into the settings (the initials are stamped on every change, so the phase
history does not read "af ?"); the unit name goes into the database (other units see it in the
files they receive, and in conflicts). Every field may be left empty and Esc skips: the
settings screen changes all three later. Either way the settings file is written, so Tavle asks
only once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import App

from core.settings import MAX_INITIALS, MAX_NAME
from tui.dialogs.form import FormDialog, FormField, Values
from tui.host import Host
from tui.lang import tr


def ask_who_and_where(app: App[Any]) -> None:
    """Push the first-run dialog over the current screen (`app` is Tavle's: a `Host`)."""
    assert isinstance(app, Host)
    tavle: Host = app
    fields = [
        FormField("name", tr("settings.name"), tavle.settings.name, max_length=MAX_NAME),
        FormField("initials", tr("settings.initials"), tavle.settings.initials,
                  max_length=MAX_INITIALS),
        FormField("unit", tr("settings.unit"), tavle.store.unit_name,
                  placeholder=tr("first_run.unit_placeholder")),
    ]

    def submit(values: Values) -> str | None:
        settings = replace(tavle.settings, name=values["name"].strip(),
                           initials=values["initials"].strip().upper())
        tavle.apply_settings(settings)
        unit = values["unit"].strip()
        if unit and unit != tavle.store.unit_name:
            tavle.store.set_unit_name(unit)
        return None

    def closed(values: Values | None) -> None:
        if values is None:  # skipped: still never ask again
            tavle.apply_settings(tavle.settings)
            app.notify(tr("first_run.skipped"), markup=False)
        else:
            app.notify(tr("first_run.saved"), markup=False)

    app.push_screen(FormDialog(tr("first_run.title"), fields, submit=submit,
                               note=tr("first_run.note")), closed)
