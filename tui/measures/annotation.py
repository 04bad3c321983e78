"""Mark a change on a run chart: what was changed, its kind, and whether a new part starts."""

from __future__ import annotations

from collections.abc import Callable

from core.errors import TavleError
from core.models import AnnotationKind
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Field, TextField, Values
from tui.lang import tr, translator


def annotation_dialog(
    period: str, save: Callable[[str, str, bool], None]
) -> ChoiceFormDialog:
    """A form for an annotation at `period` (its name); `save(text, kind, split)` writes it."""
    kinds = [(tr(f"enum.annotation_kind.{k.value}"), k.value)
             for k in (AnnotationKind.NOTE, AnnotationKind.DECISION)]
    fields: list[Field] = [
        TextField("text", tr("measures.annotation_text")),
        ChoiceField("kind", tr("measures.annotation_kind"), kinds, AnnotationKind.NOTE.value),
        ChoiceField("split", tr("measures.annotation_split"),
                    [(tr("measures.split_no"), ""), (tr("measures.split_yes"), "yes")], ""),
    ]

    def submit(values: Values) -> str | None:
        try:
            save(values["text"], values["kind"], values["split"] == "yes")
        except TavleError as error:
            return error.message(translator())
        return None

    return ChoiceFormDialog(tr("measures.annotation_title", period=period), fields,
                            submit=submit)
