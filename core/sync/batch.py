"""Importing a whole folder of `.tavle` files at once (a learning network's coordinator).

Each file is checked and applied on its own, so one bad file never stops the batch: it is listed
with its reason and the others go on. A file that is the same as another in the folder, or one
already imported, is listed as such. The combined preview runs the same imports one after the
other inside one transaction that is rolled back, so each file's counts take the earlier files
into account.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.db.store import Store
from core.sync.errors import SyncFileError
from core.sync.fileformat import SUFFIX
from core.sync.importer import apply_import, backup_before_import
from core.sync.outcomes import ImportPreview

FileProgress = Callable[[int, int, Path], None]
"""Called with (files done, files in all, the file now being read)."""


@dataclass
class FileOutcome:
    """What one file of a batch does (or did)."""

    path: Path
    preview: ImportPreview | None = None
    error: SyncFileError | None = None
    duplicate_of: Path | None = None
    """The earlier file in the batch with the same content."""

    @property
    def ok(self) -> bool:
        """Whether the file imports (or imported)."""
        return self.preview is not None


class _Rollback(Exception):
    pass


def batch_files(folder: Path) -> list[Path]:
    """The `.tavle` files of a folder, by name (not its subfolders)."""
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == SUFFIX),
        key=lambda p: p.name.casefold(),
    )


def preview_batch(
    store: Store, paths: list[Path], *, progress: FileProgress | None = None
) -> list[FileOutcome]:
    """What importing the files in order would do; nothing is written."""
    outcomes: list[FileOutcome] = []
    try:
        with store.transaction():
            outcomes = _run(store, paths, apply=True, progress=progress)
            raise _Rollback
    except _Rollback:
        pass
    for outcome in outcomes:
        if outcome.preview is not None:
            outcome.preview.applied = False
    return outcomes


def apply_batch(
    store: Store, paths: list[Path], *, progress: FileProgress | None = None
) -> list[FileOutcome]:
    """Import the files in order, each in its own transaction (one backup before them all)."""
    backup_before_import(store)
    return _run(store, paths, apply=False, progress=progress)


def _run(
    store: Store, paths: list[Path], *, apply: bool, progress: FileProgress | None
) -> list[FileOutcome]:
    """Import each file; inside a preview's transaction `apply` uses savepoints instead."""
    seen: dict[str, Path] = {}
    outcomes: list[FileOutcome] = []
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, len(paths), path)
        outcome = FileOutcome(path)
        outcomes.append(outcome)
        digest = _digest(path)
        if digest is not None and digest in seen:
            outcome.duplicate_of = seen[digest]
            continue
        if digest is not None:
            seen[digest] = path
        try:
            if apply:
                with store.transaction():  # a savepoint: a refused file leaves no trace
                    outcome.preview = apply_import(store, path, backup=False)
            else:
                outcome.preview = apply_import(store, path, backup=False)
        except SyncFileError as error:
            outcome.error = error
    if progress is not None:
        progress(len(paths), len(paths), paths[-1] if paths else Path())
    return outcomes


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None

