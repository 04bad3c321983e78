"""A fresh database file for each measures test, with an undo log over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "x.db")
    yield s
    s.close()


@pytest.fixture
def log(store: Store) -> UndoLog:
    return UndoLog(store)
