"""The Tavle app: opens on the project list and holds the store, the settings and the theme.

Faults at the database – another program holding it longer than the busy timeout, a full
disk, a read-only folder (`core.db.store.FAULT_KEYS`) – are handled here once, for every
screen: an action (a key, the palette), a dialog's answer handed to its caller (the
`push_screen` callback) and a form's Enter (`attempt`) that meets one shows a dialog saying
what happened and what to do, offering to try again (the same action, the same answer) or to
cancel. The write was rolled back whole; a form stays open with its text. A screen that
catches the error itself to show it (most forms do) still gets the dialog: the store counts
every fault (`Store.faults`), and the count is compared before and after.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from core import clock
from core.db.store import FAULT_KEYS, Store
from core.errors import StoreError
from core.settings import SettingProblem, Settings, save_settings
from tui.bindings import (
    is_text_area,
    takes_text,
    tavle_bindings,
    translate_bindings,
    typed_into_field,
)
from tui.lang import set_language, tr, translator
from tui.screens.base import TavleScreen
from tui.sync.folder_state import FolderState
from tui.themes import THEMES

if TYPE_CHECKING:
    from textual.command import Provider

READY_EXIT_ENV = "TAVLE_EXIT_WHEN_READY"
KEY_SETTLE_SECONDS = 0.3
"""How long a key may wait for what the keys before it set off (a Tab's move to the next
field, a dialog opening) before it is handled anyway."""
"""Set by bench/startup.py: quit as soon as the first screen has drawn its data."""
OTHER_WINDOWS_SECONDS = 2.5
"""How often the app asks the database whether another Tavle window wrote to it (one pragma)."""


def _palette_provider() -> type[Provider]:
    """The palette's commands, imported when it first opens (not at start-up)."""
    from tui.commands import TavleCommands

    return TavleCommands


class TavleApp(App[None]):
    """Tavle: improvement work through the six phases of the KL guide, by keyboard."""

    CSS_PATH = [
        "tavle.tcss",
        *(f"{area}/{area}.tcss" for area in (
            "project", "plan", "workflow", "closing", "kaizen", "measures", "sync", "teams",
            "drivers", "views", "network",
        )),
    ]
    """The shared styles, then each area's beside its screens, always in this order (a rule of a
    later file wins a tie with an earlier one)."""
    TITLE = "Tavle"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_palette_provider}
    """The palette's one source of commands (`tui.commands.TavleCommands`), imported when the
    palette first opens: the screen's keys by name, where one can go from here, the themes."""

    BINDINGS = [
        Binding("ctrl+q", "quit", "keys.quit", show=False, priority=True, id="app.quit"),
        Binding(
            "ctrl+p", "command_palette", "keys.palette", show=False, priority=True,
            id="app.palette",
        ),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("f12", "terminal_note", "terminal.key", show=False, id="app.terminal"),
        Binding("f5", "sync_folders", "folder_ui.keys.sync_all", show=False,
                id="app.sync_folders"),
    ]

    def __init__(
        self, store: Store, settings: Settings, *, save: bool = True, demo: bool = False,
        today: Callable[[], dt.date] = clock.today,
        problems: Sequence[SettingProblem] = (), first_run: bool = False,
        console_host: bool = False,
    ) -> None:
        """`today` tells the screens the date (what is overdue, this week, days since); the
        tests pass a fixed one. `problems`: settings the file had that could not be used (said
        on start). `first_run`: no settings file yet – ask once for name, initials and unit.
        `console_host`: running in the Windows console host (`core.terminal.console_host`) –
        say once what does not work there, and draw charts with ASCII markers ("auto")."""
        set_language(settings.language)
        super().__init__()
        self._today = today
        translate_bindings(self)
        self.store = store
        self.settings = settings
        self.demo = demo
        self.console_host = console_host
        self._save = save
        self._problems = tuple(problems)
        self._first_run = first_run
        self._fault_shown = False
        self._folders_started = False
        self.folders = FolderState()
        """The shared folders' last scans and syncs (`tui.sync.folder_state`)."""
        store.author = settings.initials
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = settings.theme

    def on_mount(self) -> None:
        from tui.project.project_list import ProjectListScreen

        self.title = tr("app.title")
        self.push_screen(ProjectListScreen())
        self.set_interval(OTHER_WINDOWS_SECONDS, self.check_other_windows)
        if self._problems:
            self.notify(problems_text(self._problems), severity="warning", timeout=20,
                        markup=False)
        if self._first_run and not self.demo:
            from tui.screens.first_run import ask_who_and_where

            ask_who_and_where(self)
        if self.console_host and not self.settings.terminal_note_seen:
            self.push_screen(self._terminal_note(), self._terminal_note_seen)

    def today(self) -> dt.date:
        """Today's date, as this app was told it."""
        return self._today()

    def screen_ready(self) -> None:
        """Called once the project list shows its data (the bench measures up to here)."""
        if os.environ.get(READY_EXIT_ENV):
            self.exit()
            return
        if not self._folders_started:  # once, after the first screen has drawn
            self._folders_started = True
            self.call_after_refresh(self._sync_folders_on_start)

    # -- shared folders -------------------------------------------------------------------

    def _sync_folders_on_start(self) -> None:
        """Sync every scope with a shared folder, and say what came in (start-up)."""
        from tui.sync.folder_state import sync_all

        sync_all(self)

    def action_sync_folders(self) -> None:
        """Sync every shared folder now (F5, and the palette)."""
        from tui.sync.folder_state import sync_all

        sync_all(self, say_nothing_new=True)

    def write_folders(self, *, quiet: bool = False, scope_id: str | None = None,
                      gap: dt.timedelta | None = None) -> None:
        """Write this unit's file to each shared folder that lacks something (leaving a
        screen or a project, quitting) – only the scope's with `scope_id`, and not again
        within `gap`; never raises."""
        from tui.sync.folder_state import write_pending

        try:
            write_pending(self, quiet=quiet, scope_ids=None if scope_id is None else [scope_id],
                          gap=gap)
        except Exception:  # quitting or leaving never fails on the folder: the next start writes
            return

    async def action_quit(self) -> None:
        """Write what the shared folders lack, then quit (ctrl+q)."""
        self.write_folders(quiet=True)
        await super().action_quit()

    async def on_event(self, event: events.Event) -> None:
        """Keys are handled in the order typed, each after what the one before set off.

        Textual hands a key to the widget that has focus *when the key is read*, but runs a
        key's binding (Tab to the next field, Enter, a shortcut that opens a dialog) only when
        the key has bubbled back to the app's own queue – behind the keys typed after it. Keys
        that arrive together – typed fast, or pasted as keystrokes by a terminal without
        bracketed paste (the Windows console) – used to land in the field they were typed after
        ("uge 40⇥12,5" became "uge 4012,5"). So a key first waits until the screen's widgets
        have handled every message before it (at most `KEY_SETTLE_SECONDS`; at typing speed
        nothing is pending), and a key that types no character runs its binding as it is read.
        Characters still go to the focused widget first (a field types them, a list searches),
        and so does every key of a TextArea (Enter and Tab may be text there)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._settle()
            if await self._bound_now(event):
                event.stop()
                return
        await super().on_event(event)

    async def _bound_now(self, event: events.Key) -> bool:
        """Run the binding of a key that types no character, now (False: none, or not now)."""
        if event.is_printable or is_text_area(self.focused):
            return False
        if await self._check_bindings(event.key, priority=True):
            return True
        return await self._check_bindings(event.key)

    async def _settle(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + KEY_SETTLE_SECONDS
        quiet = 0
        while loop.time() < deadline and quiet < 2:
            try:
                nodes = list(self.screen.walk_children(with_self=True))
            except Exception:  # no screen yet, or one closing
                return
            busy = not self.screen.is_mounted or any(node.message_queue_size for node in nodes)
            quiet = 0 if busy else quiet + 1  # quiet twice, with a turn of the loop between
            await asyncio.sleep(0)

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        """Run the binding of `key`, unless the key types a character into the focused text field.

        This is the one place that keeps every screen's single-key shortcuts (`a`, `e`, `G`, `?`,
        `/`, space, digits) from firing while the user types in an `Input` or a `TextArea`: the
        key goes to the field instead. Keys that type nothing (ctrl+s, Esc, Enter, F1, F2, Tab,
        arrows) keep their bindings. Textual looks up every binding, priority ones included,
        through this method, so no screen has to guard its own actions; the command palette
        still runs every action by name.
        """
        if typed_into_field(self.screen.focused, key):
            return False
        return await super()._check_bindings(key, priority)

    # -- other windows on the same file ---------------------------------------------------

    def on_app_focus(self) -> None:
        """Back in the terminal window: another window may have written meanwhile."""
        self.check_other_windows()

    def on_descendant_blur(self) -> None:
        """Focus left a widget: if it was a text field, a look may have waited for it."""
        self.call_after_refresh(self.check_other_windows)

    def check_other_windows(self) -> None:
        """Show what another Tavle window (another process on the same file) wrote.

        Asked every `OTHER_WINDOWS_SECONDS`, when the terminal window gets the focus back and
        when focus leaves a widget; when nothing changed it costs one `PRAGMA data_version`
        (`Store.notice_other_writes`, which also advances `store.generation`, so everything
        keyed on it reads again). When something changed, the current screen is resumed as when
        a dialog over it closes: its `on_screen_resume` – the one way screens read again after
        writes made elsewhere – reads what it shows again, keeping the cursor on its row.

        Never under the user's typing: while a text field of the screen has the focus, the
        look waits (the change stays unseen in the file) until focus leaves the field. A dialog,
        the help or the palette is never read again; its closing resumes the screen below it,
        which then reads what was written meanwhile."""
        try:
            screen = self.screen
        except ScreenStackError:  # starting or closing: no screen to show anything on
            return
        if isinstance(screen, TavleScreen) and takes_text(screen.focused):
            return
        if self.store.notice_other_writes() and isinstance(screen, TavleScreen):
            screen.post_message(events.ScreenResume())

    # -- faults at the database -----------------------------------------------------------

    async def _dispatch_action(self, namespace: Any, action_name: str, params: Any) -> bool:
        """Run an action; a fault at the database offers to run it again (module docstring)."""
        handled: bool = True

        async def run() -> None:
            nonlocal handled
            handled = await super(TavleApp, self)._dispatch_action(namespace, action_name, params)

        def again() -> object:
            return self._dispatch_action(namespace, action_name, params)

        await self._guarded(run, again)
        return handled

    def push_screen(  # the same call, its callback guarded
        self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False, *,
        mode: str | None = None,
    ) -> Any:
        """Show a screen; the answer its caller gets is handled like an action: a fault at
        the database offers to hand the same answer again."""
        if callback is not None:
            callback = self._guarded_callback(callback)
        return super().push_screen(  # type: ignore[call-overload]  # Any: either overload
            screen, callback, wait_for_dismiss, mode=mode)

    def _guarded_callback(self, callback: Callable[..., object]) -> Callable[[Any], object]:
        async def guarded(result: Any) -> None:
            def work() -> object:
                return callback(result)

            await self._guarded(work, work)

        return guarded

    def attempt(self, work: Callable[[], object]) -> None:
        """Run `work` now (a form's save on Enter); a fault offers to run it again."""
        with self._fault_offered(work):
            work()

    async def _guarded(self, work: Callable[[], object], again: Callable[[], object]) -> None:
        with self._fault_offered(again):
            outcome = work()
            if inspect.isawaitable(outcome):
                await outcome

    @contextmanager
    def _fault_offered(self, again: Callable[[], object]) -> Iterator[None]:
        """Run the block; a fault at the database (raised, or caught and shown by a screen)
        offers to run `again`."""
        seen = self.store.faults
        try:
            yield
        except StoreError as error:
            if error.key not in FAULT_KEYS:
                raise
            self._offer_retry(error, again)
            return
        self._offer_if_told(seen, again)

    def _offer_if_told(self, seen: int, again: Callable[[], object]) -> None:
        """Offer to try again after a fault that a screen caught and showed itself."""
        if self.store.faults != seen and self.store.last_fault is not None:
            self._offer_retry(self.store.last_fault, again)

    def _offer_retry(self, error: StoreError, again: Callable[[], object]) -> None:
        """Say what happened and ask whether to try again now (one such dialog at a time)."""
        if self._fault_shown:
            return
        from tui.dialogs.confirm import ConfirmDialog

        question = f"{error.message(translator())}\n\n{tr('dialog.try_again_question')}"

        def answered(retry: bool | None) -> None:
            self._fault_shown = False
            if retry:
                self.call_later(again)

        self._fault_shown = True
        super().push_screen(
            ConfirmDialog(question, yes=tr("dialog.try_again"), no=tr("keys.cancel")), answered
        )

    # -- navigation -----------------------------------------------------------------------

    def open_project(self, project_id: str, view: str | None = None) -> None:
        """Open a project's screen, and over it its screen with key `view` if given."""
        from tui.project.project_screen import ProjectScreen

        self.push_screen(ProjectScreen(project_id, view))

    def show_history(self, entity: str, record_id: str) -> None:
        """Show a record's history over the current screen."""
        from tui.sync.history import HistoryDialog

        self.push_screen(HistoryDialog(self.store, entity, record_id))

    def action_settings(self) -> None:
        """Open the settings screen."""
        from tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        """Show what the current screen is for and every key it answers to."""
        from tui.screens.help import HelpScreen

        screen = self.screen
        if not isinstance(screen, TavleScreen):
            return
        keys: list[tuple[str, str]] = []
        for _node, binding, binding_keys in tavle_bindings(screen):
            keys.append((" / ".join(binding_keys), binding.description))
        self.push_screen(HelpScreen(screen.sub_title or screen.title or "", tr(screen.HELP), keys))

    def action_command_palette(self) -> None:
        """Open the command palette, in the UI language (`tui.commands.TavlePalette`)."""
        from textual.command import CommandPalette

        from tui.commands import TavlePalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # Textual types it App[object]; App is invariant in its result
            self.push_screen(TavlePalette())

    def action_terminal_note(self) -> None:
        """Say what works and what does not in this terminal, and what to do about it."""
        self.push_screen(self._terminal_note())

    def _terminal_note(self) -> Screen[None]:
        from tui.dialogs.terminal_note import TerminalNote

        return TerminalNote(self.console_host)

    def _terminal_note_seen(self, _: None) -> None:
        """The note was read: it is not shown at start again."""
        self.apply_settings(replace(self.settings, terminal_note_seen=True))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit: say which key does."""
        self.notify(tr("app.how_to_quit"), markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from tui.commands import screen_commands

        yield from screen_commands(self, screen)

    # -- settings -------------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        """Switch the theme and remember it."""
        self.apply_settings(replace(self.settings, theme=theme))

    def apply_settings(self, settings: Settings) -> None:
        """Use and save new settings; a new language rebuilds the screens in that language."""
        language_changed = settings.language != self.settings.language
        self.settings = settings
        self.store.author = settings.initials
        self.theme = settings.theme
        if self._save:
            save_settings(settings)
        if language_changed:
            set_language(settings.language)
            self._rebuild_screens()

    def _rebuild_screens(self) -> None:
        from tui.project.project_list import ProjectListScreen
        from tui.screens.settings import SettingsScreen

        translate_bindings_again(self)
        self.title = tr("app.title")
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(ProjectListScreen())
        self.push_screen(SettingsScreen())


def translate_bindings_again(app: App[None]) -> None:
    """Re-translate the app's own bindings from their catalog keys after a language change."""
    app._bindings = app._merged_bindings.copy() if app._merged_bindings else app._bindings
    translate_bindings(app)


def problems_text(problems: Sequence[SettingProblem]) -> str:
    """What the settings file held that could not be used, and what was done instead."""
    lines = [tr("settings_problem.heading")]
    for problem in problems:
        lines.append(tr(f"settings_problem.{problem.reason}", key=problem.key,
                        value=problem.value))
    if any(p.key in ("cpr_guard", "") for p in problems):
        lines.append(tr("settings_problem.cpr_block"))
    lines.append(tr("settings_problem.fix"))
    return "\n".join(lines)
