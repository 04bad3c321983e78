"""A project's team passphrase: set or remove it, and ask for it to open a sealed file.

The passphrase stays on this PC, outside the database (`core.sync.passphrase`): the dialog says
where (the credential store or the per-user file); the units agree on it out of band.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.errors import TavleError
from tui.dialogs.form import FormDialog, FormField, Values
from tui.lang import tr, translator

if TYPE_CHECKING:
    from textual.screen import Screen

    from core.db.store import Store
    from core.secrets import Place


def set_passphrase_dialog(screen: Screen[None], store: Store, scope_id: str, name: str) -> None:
    """Ask for the new passphrase twice (both empty: remove it) and keep it on this PC."""
    from core.sync.passphrase import kept_where, passphrase_for, set_passphrase

    had = passphrase_for(store, scope_id) is not None
    place = kept_where(store, scope_id)
    kept: list[Place] = []  # where the passphrase went, once saved

    def save(values: Values) -> str | None:
        first, second = values["passphrase"], values["again"]
        if first != second:
            return tr("sync_ui.passphrase.mismatch")
        try:
            now = set_passphrase(store, scope_id, first or None)
        except TavleError as error:
            return error.message(translator())
        kept[:] = [now] if now else []
        return None

    def done(values: Values | None) -> None:
        if values is None:
            return
        if not kept:
            screen.notify(tr("sync_ui.passphrase.removed"), markup=False)
            return
        where = tr(f"sync_ui.passphrase.kept_{kept[0].kind}", path=kept[0].path)
        screen.notify(f"{tr('sync_ui.passphrase.set')} {where}", markup=False)

    note = " ".join([
        tr("sync_ui.passphrase.note"),
        *([tr("sync_ui.passphrase.has")] if had else []),
        tr(f"sync_ui.passphrase.kept_{place.kind}", path=place.path),
    ])
    screen.app.push_screen(
        FormDialog(
            tr("sync_ui.passphrase.title", name=name),
            [FormField("passphrase", tr("sync_ui.passphrase.label"), password=True),
             FormField("again", tr("sync_ui.passphrase.again"), password=True)],
            submit=save, note=note,
        ),
        done,
    )


def ask_passphrase_dialog(
    screen: Screen[None], wrong: bool, then: Callable[[str | None], None]
) -> None:
    """Ask for the passphrase of a sealed file; `then(passphrase)` gets it (None: cancelled)."""

    def done(values: Values | None) -> None:
        then(None if values is None else values["passphrase"])

    note = tr("sync_ui.passphrase.wrong" if wrong else "sync_ui.passphrase.needed")
    screen.app.push_screen(
        FormDialog(tr("sync_ui.passphrase.ask_title"),
                   [FormField("passphrase", tr("sync_ui.passphrase.label"), password=True)],
                   submit=lambda values: None if values["passphrase"] else tr(
                       "sync_ui.passphrase.empty"), note=note),
        done,
    )
