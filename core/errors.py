"""Errors that carry a catalog key, so the UI can say what happened in the user's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError

    from core.i18n import Translator


class TavleError(Exception):
    """An error with a catalog key and parameters; `message(tr)` renders it."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def message(self, tr: Translator) -> str:
        """Return the message in the translator's language (a `count` in its singular form
        where the catalog has one: "1 kolonne")."""
        count = self.params.get("count")
        if isinstance(count, int) and not isinstance(count, bool):
            params = {k: v for k, v in self.params.items() if k != "count"}
            return tr.count(self.key, count, **params)
        return tr(self.key, **self.params)

    def __str__(self) -> str:
        from core.i18n import Translator

        return self.message(Translator("en"))


class StoreError(TavleError):
    """The database file cannot be opened, migrated or written."""


class NotFoundError(TavleError):
    """A record asked for does not exist (or is deleted)."""


class InvalidError(TavleError):
    """A value typed or imported breaks a rule of the domain model.

    `problems` lists (field, catalog key, params) for every broken rule; `message()` joins them.
    """

    def __init__(self, problems: list[tuple[str, str, dict[str, object]]]) -> None:
        super().__init__("error.invalid_record")
        self.problems = problems

    @classmethod
    def from_validation(cls, error: ValidationError) -> InvalidError:
        """Build from pydantic's error, keeping each problem's type as the catalog key."""
        problems: list[tuple[str, str, dict[str, object]]] = []
        for item in error.errors():
            field = ".".join(str(part) for part in item.get("loc", ()) if isinstance(part, str))
            ctx = {k: v for k, v in (item.get("ctx") or {}).items() if k != "error"}
            problems.append((field, f"error.{item['type']}", ctx))
        return cls(problems)

    def message(self, tr: Translator) -> str:
        lines = []
        for field, key, params in self.problems:
            text = tr(key, **params) if tr.has(key) else tr("error.value_error")
            if field:
                label = tr(f"field.{field}") if tr.has(f"field.{field}") else field
                text = tr("error.field_prefix", field=label, message=text)
            lines.append(text)
        return "\n".join(lines)
