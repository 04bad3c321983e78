"""Undo and redo of a screen's edits, several steps deep.

An undo is never a rewrite of the log: undoing writes new changes through `core.db.changelog`
(the old values again, a restore for a delete, a delete for a create), so it travels to other
units like any edit (sync-design.md §4.6). A screen keeps one `UndoLog` and makes its edits
through it; `group()` makes several writes one step ("duplicate row" or "paste 12 rows").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from core.db import changelog
from core.db.store import Store
from core.models import Record

R = TypeVar("R", bound=Record)

Kind = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class Edit:
    """One write: what it was, so it can be inverted."""

    kind: Kind
    model: type[Record]
    record_id: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


@dataclass
class UndoLog:
    """The undo and redo stacks of one screen."""

    store: Store
    limit: int = 100
    _undo: list[list[Edit]] = field(default_factory=list)
    _redo: list[list[Edit]] = field(default_factory=list)
    _group: list[Edit] | None = None

    # -- edits ----------------------------------------------------------------------------

    def create(self, record: R) -> R:
        """Create a record (undo deletes it)."""
        with self.store.transaction():
            created = changelog.create(self.store, record)
        self._push(Edit("create", type(record), created.id))
        return created

    def update(self, model: type[R], record_id: str, **changes: Any) -> R:
        """Change fields of a record (undo writes the old values back)."""
        with self.store.transaction():
            before = changelog.load(self.store, model, record_id).model_dump()
            after = changelog.update(self.store, model, record_id, **changes)
        new = after.model_dump()
        changed = [name for name in changes if before[name] != new[name]]
        if changed:
            self._push(
                Edit("update", model, record_id, {n: before[n] for n in changed},
                     {n: new[n] for n in changed})
            )
        return after

    def restore(self, model: type[R], record_id: str) -> R:
        """Bring a deleted record back with its last values (undo deletes it again)."""
        with self.store.transaction():
            restored = changelog.restore(self.store, model, record_id)
        self._push(Edit("create", model, record_id))
        return restored

    def delete(self, model: type[Record], record_id: str) -> None:
        """Delete a record (undo restores it)."""
        with self.store.transaction():
            changelog.delete(self.store, model, record_id)
        self._push(Edit("delete", model, record_id))

    @contextmanager
    def group(self) -> Iterator[None]:
        """Make every edit inside the block one undo step, written in one transaction.

        When the block fails, its writes are rolled back and nothing is remembered for undo.
        """
        if self._group is not None:
            yield
            return
        self._group = []
        try:
            with self.store.transaction():
                yield
        except BaseException:
            self._group = None
            raise
        edits, self._group = self._group, None
        if edits:
            self._remember(edits)

    # -- undo and redo --------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """Whether there is a step to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone step to do again."""
        return bool(self._redo)

    def undo(self) -> list[Edit]:
        """Invert the last step; return its edits (empty when there is nothing to undo)."""
        if not self._undo:
            return []
        edits = self._undo.pop()
        with self.store.transaction():
            for edit in reversed(edits):
                self._apply(edit, inverse=True)
        self._redo.append(edits)
        return edits

    def redo(self) -> list[Edit]:
        """Do the last undone step again; return its edits."""
        if not self._redo:
            return []
        edits = self._redo.pop()
        with self.store.transaction():
            for edit in edits:
                self._apply(edit, inverse=False)
        self._undo.append(edits)
        return edits

    def _apply(self, edit: Edit, *, inverse: bool) -> None:
        store, model, record_id = self.store, edit.model, edit.record_id
        removing = (edit.kind == "create") == inverse
        if edit.kind == "update":
            changelog.update(store, model, record_id, **(edit.before if inverse else edit.after))
        elif removing:
            changelog.delete(store, model, record_id)
        else:
            changelog.restore(store, model, record_id)

    def _push(self, edit: Edit) -> None:
        if self._group is not None:
            self._group.append(edit)
        else:
            self._remember([edit])

    def _remember(self, edits: list[Edit]) -> None:
        self._undo.append(edits)
        del self._undo[: -self.limit]
        self._redo.clear()
