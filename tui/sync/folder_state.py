"""The shared folders as the app keeps them (`TavleApp.folders`): one cache of the last scan
and the last sync per scope, refreshed by each sync and by the shared-folder dialog, so a
screen never lists a slow network folder when it mounts.

Also the app's automatic syncs, never in the user's way:
- `sync_all` on start (once the first screen is shown) and from the palette: every scope with
  a folder, read then write, with the import preview for files that need it; one notification
  says what came in, from whom; files waiting, an unreachable folder and a CPR stop are said too.
- `write_pending` when the user leaves a project and when the app quits: this unit's file for
  each scope whose folder lacks something; a fault is swallowed (the next sync writes).

`core.sync.folder` is imported when first used, not at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.lang import translator
from tui.sync.folder_texts import arrivals_text, merge_arrivals, parse_stamp, sync_notes

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from core.db.store import Store
    from core.errors import TavleError
    from core.sync.errors import SyncFileError
    from core.sync.folder import FolderScan, FolderSync, UnitStatus


@dataclass
class FolderView:
    """What is known of one scope's folder since the app started."""

    scope_id: str
    folder: Path | None
    scan: FolderScan | None = None
    statuses: list[UnitStatus] | None = None
    """The other units and what they have seen of ours (None: not read yet)."""
    last: FolderSync | None = None
    """The last sync's outcome (files waiting for review, CPR hits)."""
    error: TavleError | None = None
    """Why the folder could not be read at the last look."""
    waiting: list[Path] = field(default_factory=list)


def folder_times(store: Store, scope_id: str) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(when this unit last wrote its file, when it last read the folder), UTC."""
    row = store.execute("SELECT last_write_at, last_read_at FROM sync_folder WHERE scope_id = ?",
                        [scope_id]).fetchone()
    if row is None:
        return None, None
    return parse_stamp(row[0]), parse_stamp(row[1])


def scope_name(store: Store, scope_id: str) -> str:
    """The project's, organisation's or network's name (user text)."""
    from core.sync.exporter import scope_info

    info = scope_info(store, scope_id)
    return info[1] if info else scope_id


class FolderState:
    """The app's one cache of the shared folders (by scope id)."""

    def __init__(self) -> None:
        self._views: dict[str, FolderView] = {}

    def get(self, scope_id: str) -> FolderView | None:
        """What the last scan or sync of the scope's folder found (None: none yet)."""
        return self._views.get(scope_id)

    def forget(self, scope_id: str) -> None:
        self._views.pop(scope_id, None)

    def refresh(self, store: Store, scope_id: str, scan: FolderScan | None = None) -> FolderView:
        """List the scope's folder again (or take `scan`, listed a moment ago) and work out
        the other units' status."""
        from core.sync.errors import SyncFileError
        from core.sync.folder import folder_status, scan_folder, shared_folder, unread

        folder = shared_folder(store, scope_id)
        old = self._views.get(scope_id)
        view = FolderView(scope_id, folder, last=old.last if old else None,
                          waiting=list(old.waiting) if old else [])
        if folder is not None:
            try:
                view.scan = scan if scan is not None else scan_folder(folder)
            except SyncFileError as error:
                view.error = error
            else:
                view.statuses = folder_status(store, scope_id, view.scan)
                left = {entry.path for entry in unread(store, view.scan, scope_id)}
                view.waiting = [path for path in view.waiting if path in left]
        self._views[scope_id] = view
        return view

    def sync(self, store: Store, scope_id: str, *, now: dt.datetime | None = None,
             scan: FolderScan | None = None) -> FolderSync:
        """Read the other units' new files, then write ours (`sync_scope`, with the import
        preview for files that need it); then list the folder again for the status."""
        from core.sync.folder import sync_scope

        result = sync_scope(store, scope_id, review=True, tr=translator(), now=now, scan=scan)
        return self.took(store, result)

    def took(self, store: Store, result: FolderSync) -> FolderSync:
        """Keep a sync's outcome (from `sync` or `join_folder`) and list the folder again."""
        old = self._views.get(result.scope_id)
        waiting = list(old.waiting) if old else []
        if result.read is not None:
            waiting = list(result.read.waiting)
        self._views[result.scope_id] = FolderView(result.scope_id, result.folder, last=result,
                                                  waiting=waiting)
        if result.error is not None and result.scan is None:  # not reached: not listed again
            self._views[result.scope_id].error = result.error
            return result
        view = self.refresh(store, result.scope_id, scan=result.scan)
        if result.error is not None:
            view.error = result.error
        return result


def notify_results(node: DOMNode, results: list[FolderSync], *,
                   say_nothing_new: bool = False) -> None:
    """Tell what syncs did: one line for what came in from whom, then per scope what waits,
    what could not be reached and what the CPR guard stopped."""
    app: Any = node.app
    tx = translator()
    came = arrivals_text(merge_arrivals(results), tx)
    if came:
        app.notify(came, markup=False, timeout=10)
    elif say_nothing_new and not any(r.error for r in results):
        app.notify(tx("folder_ui.nothing_new"), markup=False)
    for result in results:
        name = scope_name(app.store, result.scope_id)
        for text, severity in sync_notes(result, name, tx, arrivals=False):
            app.notify(text, severity=severity, markup=False, timeout=15)


Listed = dict[str, "FolderScan | SyncFileError"]
"""Per scope id, its folder as listed, or why it could not be."""


def list_folders(node: DOMNode, scopes: list[tuple[str, Path]],
                 done: Callable[[Listed], None]) -> None:
    """List the scopes' folders in a thread – a network share may take seconds, and the screen
    stays live meanwhile – then call `done` with what was found on the screen's thread, which
    owns the database (the files are imported and ours written there)."""
    from core.sync.errors import SyncFileError
    from core.sync.folder import scan_folder

    app: Any = node.app

    def work() -> None:  # the file system only, never the database
        scans: Listed = {}
        for scope_id, folder in scopes:
            try:
                scans[scope_id] = scan_folder(folder)
            except SyncFileError as error:
                scans[scope_id] = error
        with suppress(RuntimeError):  # the app closed meanwhile: the next start syncs
            app.call_from_thread(done, scans)

    app.run_worker(work, thread=True, group="shared-folders", exit_on_error=False)


def sync_listed(store: Store, state: FolderState, scope_id: str, folder: Path,
                scan: FolderScan | SyncFileError) -> FolderSync:
    """Sync a scope whose folder `list_folders` listed (or found unreachable)."""
    from core.sync.errors import SyncFileError
    from core.sync.folder import FolderSync

    if isinstance(scan, SyncFileError):
        return state.took(store, FolderSync(scope_id, folder, error=scan))
    return state.sync(store, scope_id, scan=scan)


def sync_all(node: DOMNode, *, say_nothing_new: bool = False) -> None:
    """Sync every scope that has a shared folder, and say what happened (start-up, F5, the
    palette); the folders are listed in a thread (`list_folders`). A fault at the database is
    a message, never a traceback."""
    from core.errors import StoreError
    from core.sync.folder import shared_folders

    app: Any = node.app
    store: Store = app.store
    try:
        scopes = shared_folders(store)
    except StoreError as error:
        app.notify(error.message(translator()), severity="error", markup=False, timeout=15)
        return
    if not scopes:
        if say_nothing_new:
            app.notify(translator()("folder_ui.none_chosen"), markup=False)
        return

    def listed(scans: Listed) -> None:
        state: FolderState = app.folders
        results: list[FolderSync] = []
        try:
            for scope_id, folder in scopes:
                results.append(sync_listed(store, state, scope_id, folder, scans[scope_id]))
        except StoreError as error:
            app.notify(error.message(translator()), severity="error", markup=False, timeout=15)
        notify_results(node, results, say_nothing_new=say_nothing_new)
        if results:
            _resume(app)

    list_folders(node, scopes, listed)


WRITE_GAP = dt.timedelta(minutes=5)
"""Coming back to a project's screen from one of its screens writes this unit's file at most
this often, so a busy meeting does not leave a file in the folder per screen visited."""


def write_pending(node: DOMNode, *, quiet: bool = False, scope_ids: list[str] | None = None,
                  gap: dt.timedelta | None = None) -> None:
    """Write this unit's file to each shared folder that lacks something (leaving a screen or
    a project, quitting): the folder is listed only where a write is due – in a thread
    (`list_folders`), so a slow share does not hold the screen, except when quitting
    (`quiet`), where it is written before the app ends. `scope_ids` limits it to those scopes;
    with `gap`, a scope whose file was written less than `gap` ago waits. Any fault is left for
    the next sync (nothing is lost: the change log keeps it); a CPR stop is said unless
    `quiet`."""
    from core import clock
    from core.errors import TavleError
    from core.sync.folder import pending, shared_folders

    app: Any = node.app
    store: Store = app.store
    try:
        scopes = [(scope, folder) for scope, folder in shared_folders(store)
                  if (scope_ids is None or scope in scope_ids) and pending(store, scope)]
        if gap is not None:
            now = clock.utc_now()
            scopes = [(scope, folder) for scope, folder in scopes
                      if (wrote := folder_times(store, scope)[0]) is None or now - wrote >= gap]
    except (TavleError, OSError):
        return
    if not scopes:
        return
    if quiet:
        for scope_id, _folder in scopes:
            _write_one(app, scope_id, None, quiet=True)
        return

    def listed(scans: Listed) -> None:
        for scope_id, _folder in scopes:
            _write_one(app, scope_id, scans[scope_id], quiet=False)

    list_folders(node, scopes, listed)


def _write_one(app: Any, scope_id: str, scan: FolderScan | SyncFileError | None, *,
               quiet: bool) -> None:
    """Write this unit's file for one scope (`scan`: its folder listed a moment ago)."""
    from core.errors import TavleError
    from core.sync.errors import SyncFileError
    from core.sync.folder import write_own

    if isinstance(scan, SyncFileError):
        return  # not reachable now: the next sync writes
    store: Store = app.store
    try:
        outcome = write_own(store, scope_id, scan=scan, tr=translator())
    except (TavleError, OSError):
        return
    if outcome.hits and not quiet:
        from core.sync.cpr_numbers import mask_numbers

        name = mask_numbers(scope_name(store, scope_id))
        app.notify(translator()("folder_ui.cpr_stop_note", count=len(outcome.hits),
                                name=name), severity="error", markup=False, timeout=15)


def _resume(app: Any) -> None:
    """Let the screen shown read its data again (what came in)."""
    from textual import events
    from textual.app import ScreenStackError

    from tui.screens.base import TavleScreen

    try:
        screen = app.screen
    except ScreenStackError:  # no screen yet, or closing
        return
    if isinstance(screen, TavleScreen):
        screen.post_message(events.ScreenResume())


def status_line_of(app: Any, scope_id: str) -> str | None:
    """The project screen's line on its shared folder, from the cache (None: no folder)."""
    from core.sync.folder import shared_folder
    from tui.sync.folder_texts import status_line

    store: Store = app.store
    folder = shared_folder(store, scope_id)
    if folder is None:
        return None
    state: FolderState = app.folders
    view = state.get(scope_id)
    if view is not None and view.folder != folder:
        view = None
    wrote, _read = folder_times(store, scope_id)
    return status_line(view.statuses if view else None, wrote,
                       len(view.waiting) if view else 0, translator())


def join_from_folder(node: DOMNode, on_joined: Any = None) -> None:
    """Fetch projects from a shared folder (F on the project list): pick the folder, tick what
    its files are about (all ticked), use the folder for each and sync it; say what came in."""
    from tui.dialogs.pick import TickDialog
    from tui.sync.folder_pick import FolderPickDialog

    app: Any = node.app
    tx = translator()

    def picked(folder: Path | None) -> None:
        if folder is None:
            return
        from core.sync.errors import SyncFileError
        from core.sync.folder import scan_folder, scopes_in

        try:
            scan = scan_folder(folder)
        except SyncFileError as error:
            app.notify(error.message(tx), severity="warning", markup=False, timeout=15)
            return
        found = scopes_in(scan, app.store)
        if not found:
            app.notify(tx("folder_ui.join_none", folder=str(folder)), severity="warning",
                       markup=False, timeout=15)
            return
        options = [(f"{tx(f'folder_ui.kind.{kind}')}: {name}", scope_id)
                   for scope_id, kind, name in found]

        def ticked(scope_ids: list[str] | None) -> None:
            if not scope_ids:
                return
            from core.sync.folder import join_folder

            results = join_folder(app.store, folder, scope_ids, review=True, tr=tx)
            state: FolderState = app.folders
            for result in results:
                state.took(app.store, result)
            if not merge_arrivals(results) and not any(r.error for r in results):
                app.notify(tx("folder_ui.join_nothing"), markup=False)
            notify_results(node, results)
            if on_joined is not None:
                on_joined()

        app.push_screen(TickDialog(tx("folder_ui.join_title", folder=folder.name or str(folder)),
                                   options, ticked=[scope_id for _, scope_id in options]),
                        ticked)

    app.push_screen(FolderPickDialog(tx("folder_ui.pick_title")), picked)
