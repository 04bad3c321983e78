"""Settings: UI language, the user's name and initials, the unit this database speaks for (kept
in the database, as other units see it in files), the theme, the CPR guard and the charts'
markers (braille dots or ASCII, or ASCII on the Windows console host: "auto")."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Label, Select

from core.i18n import LANGUAGES
from core.settings import CPR_GUARD_MODES, THEMES, Settings
from core.terminal import CHART_MARKERS
from tui.lang import tr
from tui.screens.base import TavleScreen
from tui.widgets.footer import TavleFooter


class SettingsScreen(TavleScreen):
    """Edit the user's settings; ctrl+s saves, Esc asks before dropping changes."""

    HELP = "help.settings"

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="settings.save"),
        Binding("escape", "back", "keys.back", id="settings.back"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.tavle.settings
        yield Header()
        with VerticalScroll(id="settings-form", classes="form"):
            yield Label(Content(tr("settings.language")), classes="field-label")
            yield Select(
                [(Content(tr(f"lang.{lang}")), lang) for lang in LANGUAGES],
                value=settings.language, allow_blank=False, id="language",
            )
            yield Label(Content(tr("settings.name")), classes="field-label")
            yield Input(settings.name, max_length=200, id="name")
            yield Label(Content(tr("settings.initials")), classes="field-label")
            yield Input(settings.initials, max_length=8, id="initials")
            yield Label(Content(tr("settings.initials_help")), classes="field-help")
            yield Label(Content(tr("settings.unit")), classes="field-label")
            yield Input(self.store.unit_name, max_length=200, id="unit")
            yield Label(Content(tr("settings.unit_help")), classes="field-help")
            yield Label(Content(tr("settings.theme")), classes="field-label")
            yield Select(
                [(Content(tr(f"theme.{theme}")), theme) for theme in THEMES],
                value=settings.theme, allow_blank=False, id="theme",
            )
            yield Label(Content(tr("cpr.settings.label")), classes="field-label")
            yield Select(
                [(Content(tr(f"cpr.settings.{mode}")), mode) for mode in CPR_GUARD_MODES],
                value=settings.cpr_guard, allow_blank=False, id="cpr-guard",
            )
            yield Label(Content(tr("cpr.settings.help")), classes="field-help")
            yield Label(Content(tr("chart_markers.label")), classes="field-label")
            yield Select(
                [(Content(tr(f"chart_markers.{choice}")), choice) for choice in CHART_MARKERS],
                value=settings.chart_markers, allow_blank=False, id="chart-markers",
            )
            yield Label(Content(tr("chart_markers.help")), classes="field-help")
            yield Label(Content(tr("settings.hint")), classes="dialog-hint")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.title = tr("app.title")
        self.sub_title = tr("settings.title")
        self.query_one("#language", Select).focus()

    def _edited(self) -> Settings:
        return replace(
            self.tavle.settings,
            language=str(self.query_one("#language", Select).value),
            name=self.query_one("#name", Input).value.strip(),
            initials=self.query_one("#initials", Input).value.strip().upper(),
            theme=str(self.query_one("#theme", Select).value),
            cpr_guard=str(self.query_one("#cpr-guard", Select).value),
            chart_markers=str(self.query_one("#chart-markers", Select).value),
        )

    def _unit(self) -> str:
        return self.query_one("#unit", Input).value.strip()

    def action_save(self) -> None:
        self.tavle.apply_settings(self._edited())
        if self._unit() != self.store.unit_name:
            self.store.set_unit_name(self._unit())
        self.notify(tr("settings.saved"))

    def action_back(self) -> None:
        dirty = self._edited() != self.tavle.settings or self._unit() != self.store.unit_name
        self.discard_then(dirty, self.app.pop_screen)
