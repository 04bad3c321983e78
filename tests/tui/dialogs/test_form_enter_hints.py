"""What a form's hint says Enter does is what Enter does (issue 19, item 8): in a form of several
fields Enter goes to the next field and saves in the last; in a one-field form it saves."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.dialogs import FormDialog, FormField
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, TextField
from tui.dialogs.form import Values

HINTS = {
    "da": ("Tab eller Enter: næste felt · Enter i sidste tekstfelt eller ctrl+s: gem · "
           "Esc: fortryd", "Enter eller ctrl+s: gem · Esc: fortryd"),
    "en": ("Tab or Enter: next field · Enter in the last text field or ctrl+s: save · "
           "Esc: cancel", "Enter or ctrl+s: save · Esc: cancel"),
    "nb": ("Tab eller Enter: neste felt · Enter i siste tekstfelt eller ctrl+s: lagre · "
           "Esc: avbryt", "Enter eller ctrl+s: lagre · Esc: avbryt"),
}


def _hint(dialog: FormDialog | ChoiceFormDialog) -> str:
    return str(dialog.query_one(".dialog-hint", Label).render())


@pytest.mark.parametrize("lang", sorted(HINTS))
async def test_enter_in_a_form_of_two_fields_moves_on_then_saves(
        empty_store: Store, lang: str) -> None:
    app = make_app(empty_store, language=lang)
    saved: list[Values] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fields = [FormField("a", "A"), FormField("b", "B")]
        dialog = FormDialog("Two", fields, submit=lambda values: saved.append(values))
        app.push_screen(dialog)
        await pilot.pause()
        assert _hint(dialog) == HINTS[lang][0]
        await pilot.press(*"en", "enter")
        await pilot.pause()
        assert app.screen is dialog and not saved
        assert dialog.focused is dialog.query_one("#field-b", Input)
        await pilot.press(*"to", "enter")  # Enter in the last field saves
        await pilot.pause()
        assert saved == [{"a": "en", "b": "to"}] and app.screen is not dialog


@pytest.mark.parametrize("lang", sorted(HINTS))
async def test_enter_in_a_form_of_one_field_saves(empty_store: Store, lang: str) -> None:
    app = make_app(empty_store, language=lang)
    saved: list[Values] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = FormDialog("One", [FormField("a", "A")],
                            submit=lambda values: saved.append(values))
        app.push_screen(dialog)
        await pilot.pause()
        assert _hint(dialog) == HINTS[lang][1]
        await pilot.press(*"en", "enter")
        await pilot.pause()
        assert saved == [{"a": "en"}] and app.screen is not dialog


async def test_a_choice_form_says_and_does_the_same(empty_store: Store) -> None:
    app = make_app(empty_store)
    saved: list[Values] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fields = [TextField("a", "A"), ChoiceField("c", "C", [("x", "x"), ("y", "y")], "x"),
                  TextField("b", "B")]
        dialog = ChoiceFormDialog("Three", fields, submit=lambda values: saved.append(values))
        app.push_screen(dialog)
        await pilot.pause()
        assert _hint(dialog) == HINTS["da"][0]
        await pilot.press(*"en", "enter")
        await pilot.pause()
        assert app.screen is dialog and not saved
        dialog.query_one("#field-b", Input).focus()
        await pilot.press(*"to", "enter")
        await pilot.pause()
        assert saved == [{"a": "en", "c": "x", "b": "to"}]
