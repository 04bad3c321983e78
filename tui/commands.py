"""The command palette (ctrl+p): what one can do and where one can go from where one is.

It offers every key binding of the screen by name, the screens one can go to from here and the
themes; each is found by its name and by the other words people use for it (the catalog's
`palette.words.*`, a comma-separated list per screen and language: "benchmark" finds "Sammenlign
teams", "tavle" the kaizen board). On the start screen every project is there, and every screen
of every project ("Redesign – <project>"), opened the way the project screen opens it
(`ProjectScreen(project_id, view)`); on a screen of a project, the project's other screens; on
every screen but the start screen, the organisation's screens the start screen's keys open
(teams, comparison, portfolio, network, settings …), by its own actions.
The palette's own texts – the prompt and what it says when nothing matches – are in the UI
language (`TavlePalette`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.screen import Screen
from textual.widgets.option_list import Option

from core.phases import phase
from core.project.projects import list_projects
from core.settings import THEMES
from tui.bindings import tavle_bindings
from tui.host import Host
from tui.lang import tr, words
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.project.views import VIEWS, ProjectView
from tui.screens.project_base import ProjectScreenBase

PALETTE_ACTIONS = {"command_palette", "app.command_palette"}

WORD_WEIGHT = 0.9
"""A command found by one of its other words ranks a little below one found by its name."""

BINDING_WORDS: dict[str, str] = {
    "project_list.portfolio": "palette.words.portfolio",
    "project_list.teams": "palette.words.teams",
    "project_list.team_alerts": "palette.words.alerts",
    "project_list.team_benchmarks": "palette.words.benchmarks",
    "project_list.team_capacity": "palette.words.capacity",
    "project_list.network": "palette.words.network",
    "project_list.settings": "palette.words.settings",
    "project_list.import_file": "palette.words.import_file",
    **{f"project.view_{view.key}": view.words for view in VIEWS},
}
"""The other words of the screens a key binding opens (by the binding's id)."""

GLOBAL_SCREENS: dict[str, str] = {
    "project_list.portfolio": "PortfolioScreen",
    "project_list.teams": "TeamsScreen",
    "project_list.team_alerts": "AlertsScreen",
    "project_list.team_benchmarks": "BenchmarkScreen",
    "project_list.team_capacity": "CapacityScreen",
    "project_list.network": "NetworkScreen",
    "project_list.settings": "SettingsScreen",
}
"""The start screen's keys that open a screen of the whole organisation, by binding id, with
the class of the screen each opens: offered on every other screen too (but not on that one)."""


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the palette."""

    title: str
    """Its name (may hold a project's name: shown as plain text, never as markup)."""
    help: str
    """The line under it (from the catalog)."""
    run: Callable[[], object]
    words: tuple[str, ...] = ()
    """Other words it is found by."""
    discover: bool = True
    """Listed before anything is typed (the many project screens of the start screen are
    not: they are found by typing)."""


def screen_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Yield a command for every enabled binding of `screen` (its widgets' and the app's) and
    for every theme: the palette's entries that run an action (`TavleApp.get_system_commands`).
    """
    for command in _action_commands(app, screen):
        yield SystemCommand(command.title, command.help, command.run)


def _action_commands(app: App[Any], screen: Screen[Any]) -> Iterable[PaletteCommand]:
    assert isinstance(app, Host)
    for node, binding, keys in tavle_bindings(screen):
        if binding.action in PALETTE_ACTIONS:
            continue
        run = partial(app.call_later, app.run_action, binding.action, node)
        found_by = BINDING_WORDS.get(binding.id or "")
        yield PaletteCommand(
            binding.description, tr("palette.key", key=" / ".join(keys)), run,
            words(found_by) if found_by else (),
        )
    for theme in THEMES:
        yield PaletteCommand(
            tr("palette.theme", theme=tr(f"theme.{theme}")), tr("palette.theme_help"),
            partial(app.set_theme, theme),
        )


def palette_commands(app: App[Any], screen: Screen[Any]) -> list[PaletteCommand]:
    """Everything the palette offers on `screen`: its actions, then where one can go."""
    commands = list(_action_commands(app, screen))
    named = {command.title for command in commands}
    commands += (place for place in _places(app, screen) if place.title not in named)
    return commands


def _places(app: App[Any], screen: Screen[Any]) -> Iterable[PaletteCommand]:
    """The screens one can go to from `screen` that no key of it opens."""
    assert isinstance(app, Host)
    if isinstance(screen, ProjectListScreen):
        yield from _every_project(app)
        return
    if isinstance(screen, ProjectScreenBase) and not isinstance(screen, ProjectScreen):
        yield from _other_screens_of_project(app, screen)
    yield from _global_screens(app, screen)


def _global_screens(app: Host, screen: Screen[Any]) -> Iterable[PaletteCommand]:
    """The screens of the whole organisation (teams, portfolio, network, settings …), opened
    by the start screen's own actions, over the screen one is on."""
    assert isinstance(app, App)
    start = next((shown for shown in app.screen_stack if isinstance(shown, ProjectListScreen)),
                 None)
    if start is None:
        return
    for binding in ProjectListScreen.BINDINGS:
        assert isinstance(binding, Binding)
        if binding.id not in GLOBAL_SCREENS or GLOBAL_SCREENS[binding.id] == type(
                screen).__name__:
            continue
        yield PaletteCommand(
            tr(binding.description), tr("palette.start_help", key=binding.key),
            partial(app.call_later, app.run_action, binding.action, start),
            words(BINDING_WORDS[binding.id]),
        )


def _every_project(app: Host) -> Iterable[PaletteCommand]:
    """Each project, and each screen of each project ("Redesign – <project>")."""
    for project in list_projects(app.store, today=app.today()):
        number = project.current_phase
        yield PaletteCommand(
            project.name,
            tr("palette.project_help",
               phase=f"{number}. {tr(f'phase.{phase(number).key}.name')}"),
            partial(app.open_project, project.id), discover=False,
        )
        for view in VIEWS:
            yield PaletteCommand(
                tr("palette.project_screen", screen=tr(view.label), project=project.name),
                tr("palette.screen_help", key=view.key),
                partial(app.open_project, project.id, view.key),
                words(view.words), discover=False,
            )


def _other_screens_of_project(app: Host, screen: ProjectScreenBase) -> Iterable[PaletteCommand]:
    """The other screens of the project `screen` belongs to, opened from its project screen."""
    here = f"{type(screen).__module__}:{type(screen).__qualname__}"
    for view in VIEWS:
        if view.target != here:
            yield PaletteCommand(
                tr(view.label), tr("palette.screen_help", key=view.key),
                partial(_go_to_view, app, screen.project_id, view), words(view.words),
            )


def _go_to_view(app: Host, project_id: str, view: ProjectView) -> None:
    """Back to the project's screen and open `view` from there, as its key does (Esc on the
    view returns to the project); without the project screen below, open it over this one."""
    assert isinstance(app, App)
    stack = app.screen_stack
    below = next((index for index, shown in enumerate(stack)
                  if isinstance(shown, ProjectScreen) and shown.project_id == project_id), None)
    if below is None:
        app.open_project(project_id, view.key)
        return
    for _ in range(len(stack) - 1 - below):
        app.pop_screen()
    project_screen = stack[below]
    assert isinstance(project_screen, ProjectScreen)
    app.call_later(project_screen.action_open_view, view.key)


class TavleCommands(Provider):
    """The palette's one source of commands (`TavleApp.COMMANDS`): `palette_commands`, found
    by name or other word with Textual's fuzzy matcher."""

    def __init__(self, screen: Screen[Any], match_style: Any = None) -> None:
        super().__init__(screen, match_style)
        self._commands: list[PaletteCommand] | None = None

    def commands(self) -> list[PaletteCommand]:
        """What the palette offers, read once per opening of the palette."""
        if self._commands is None:
            self._commands = palette_commands(self.app, self.screen)
        return self._commands

    async def discover(self) -> Hits:
        """Before anything is typed: the screen's actions and places, by name."""
        for command in sorted(self.commands(), key=lambda command: command.title):
            if command.discover:
                yield DiscoveryHit(Content(command.title), command.run, text=command.title,
                                   help=escape(command.help))

    async def search(self, query: str) -> Hits:
        """Every command whose name or one of whose other words matches `query`."""
        matcher = self.matcher(query)
        for command in self.commands():
            by_name = matcher.match(command.title)
            by_word = max((matcher.match(word) for word in command.words), default=0.0)
            score = max(by_name, by_word * WORD_WEIGHT)
            if score > 0:
                yield Hit(score, _highlight(matcher, command.title), command.run,
                          text=command.title,
                          help=escape(command.help))


def _highlight(matcher: Matcher, text: str) -> Content:
    """`text` with the letters the query matched highlighted, as `Matcher.highlight` does but
    as plain text: Textual's reads the text as markup, and a title may hold a project's name."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class TavlePalette(CommandPalette):
    """Textual's command palette with its texts in the UI language: the prompt, and what it
    shows when nothing matches."""

    def __init__(self) -> None:
        super().__init__(placeholder=tr("palette.placeholder"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's own (textual/command.py), with `palette.no_matches` for its English
        "No matches found": Textual writes that text inside this method and has no attribute
        for it, so the method is overridden whole."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(tr("palette.no_matches"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES,
                ))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
