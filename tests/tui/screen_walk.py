"""Every screen and dialog class in `tui`, and how to build each on the demo as the app does.

Found by importing the package, so a new screen cannot be forgotten: `BUILT` is every class a
walk over the screens visits (the typing guard, the footers at 80 and 120 columns), `build`
makes one on the demo's ids (`demo_ids`), and `NOT_BUILT` says which are left out and why.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.screen import Screen

import tui
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import ClosingChoice, Measure
from core.plan.actions import PlanFilter
from core.teams.dashboard import dashboard
from tests.tui.conftest import DEMO_TODAY


@dataclass(frozen=True)
class Demo:
    """The demo's ids a screen is built from."""

    store: Store
    project: str
    measure: str
    cases_measure: str
    card: str
    meeting: str
    org: str
    team: str
    figure: str
    network: str
    folder: Path


def _classes() -> dict[str, type[Screen[Any]]]:
    """Every screen and dialog class defined in `tui`, by name."""
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)

    def below(cls: type[Any]) -> Iterator[type[Any]]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {cls.__name__: cls for cls in below(Screen) if cls.__module__.startswith("tui.")}


def _load_measure(demo: Demo, measure_id: str) -> Measure:
    from core.db import changelog

    return changelog.load(demo.store, Measure, measure_id)


def build(name: str, demo: Demo) -> Screen[Any]:
    """The screen or dialog `name`, built on the demo as the app builds it."""
    from core.teams.key_figures import figures
    from tui import dialogs

    cls = CLASSES[name]
    p, log, today = demo.project, UndoLog(demo.store), DEMO_TODAY
    built: dict[str, Callable[[], Screen[Any]]] = {
        # the project's screens
        **{n: (lambda n=n: CLASSES[n](p)) for n in (
            "BenefitsScreen", "ClosingScreen", "DriverDiagramScreen", "BoardScreen",
            "MeetingScreen", "MeasuresScreen", "NetworkNotesScreen", "ActionPlanScreen",
            "CharterScreen", "ProjectScreen", "ConflictsScreen", "PresentationScreen",
            "ComparisonScreen", "IdeasScreen", "CurrentMapScreen", "RedesignMapScreen")},
        "CardScreen": lambda: cls(p, demo.card),
        "RunningMeetingScreen": lambda: cls(p, demo.meeting),
        "MeasureScreen": lambda: cls(p, demo.measure),
        "CasesScreen": lambda: cls(demo.cases_measure),
        "MinutesScreen": lambda: cls(demo.store, demo.meeting),
        "HistoryDialog": lambda: cls(demo.store, "meeting", demo.meeting),
        # the start screen's
        **{n: (lambda n=n: CLASSES[n]()) for n in (
            "ProjectListScreen", "SettingsScreen", "PortfolioScreen", "BenefitOverviewScreen")},
        "MeasureSummaryScreen": lambda: cls([p], "Demo"),
        "NetworkScreen": lambda: cls(demo.network, today=today),
        "BatchImportScreen": lambda: cls(demo.folder),
        "SharedFolderDialog": lambda: cls(p, "Demo"),
        # the organisation's
        **{n: (lambda n=n: CLASSES[n](demo.org)) for n in (
            "AlertsScreen", "BenchmarkScreen", "KeyFiguresScreen", "ProfessionsScreen",
            "TeamsScreen")},
        "CapacityScreen": lambda: cls(demo.org, today=today),
        "CapacityPlanScreen": lambda: cls(demo.org, demo.team, today=today),
        "TeamFunnelScreen": lambda: cls(demo.org, demo.figure, None),
        "TeamDashboardScreen": lambda: cls(demo.org, demo.team),
        "TeamFigureChartScreen": lambda: cls(
            demo.org, demo.team, dashboard(demo.store, demo.org, demo.team)[0]),
        "TeamEntryScreen": lambda: cls(demo.org, demo.team, today=today),
        "TeamMembersScreen": lambda: cls(demo.org, demo.team),
        # dialogs
        "ConfirmDialog": lambda: cls("Slet 3 rækker?"),
        "FormDialog": lambda: cls("Ny", [dialogs.FormField("title", "Titel"),
                                         dialogs.FormField("who", "Hvem")],
                                  submit=lambda values: None),
        "ChoiceFormDialog": lambda: cls("Ny", [
            CLASSES_MODULE["TextField"]("title", "Titel"),
            CLASSES_MODULE["ChoiceField"]("kind", "Slags", [("A", "a"), ("B", "b")], "a")],
            submit=lambda values: None),
        "ReportDialog": lambda: cls("Demo", today=today),
        "ExportDialog": lambda: cls(demo.store, p, "Demo"),
        "DecisionDialog": lambda: cls("Ændringen", CLASSES_MODULE["DecisionValues"](
            ClosingChoice(next(iter(ClosingChoice)).value))),
        "CprEditDialog": lambda: cls("Note", "Borger 010190-1234", lambda text: None,
                                     multi_line=True),
        "IdeaDialog": lambda: cls(p),
        "PastePreviewDialog": lambda: cls("Indsæt", "Ctrl+s gemmer"),
        "PasteDialog": lambda: cls(_load_measure(demo, demo.measure), log, today),
        "CasesPasteDialog": lambda: cls(_load_measure(demo, demo.cases_measure), log, today),
        "MemberDialog": lambda: cls("Ny person", CLASSES_MODULE["MemberValues"](),
                                    people=["Mette Holm"], steering=True,
                                    submit=lambda values: None),
        "TeamPasteDialog": lambda: cls(figures(demo.store, demo.org), log, demo.team,
                                       "2026-W47", 0),
        "PickDialog": lambda: cls("Vælg", [("A", "a"), ("B", "b")]),
        "TickDialog": lambda: cls("Sæt flueben", [("A", "a"), ("B", "b")]),
        "PlanFilterDialog": lambda: cls(PlanFilter(), ["Mette Holm"]),
        "PhaseMoveDialog": lambda: cls(5),
        "HelpScreen": lambda: cls("Hjælp", "Tekst", [("a", "Ny")]),
        "FilePickDialog": lambda: cls("Vælg en fil", demo.folder),
        "FolderPickDialog": lambda: cls("Vælg en mappe", demo.folder),
        "SharedFolderPickDialog": lambda: cls("Vælg den fælles mappe", demo.folder),
        "TavlePalette": lambda: cls(),
        "TerminalNote": lambda: cls(True),
    }
    return built[name]()


NOT_BUILT = {
    # bases that are never shown themselves
    "TavleScreen", "ProjectScreenBase", "OrgScreenBase", "TeamCompareScreen",
    "MapEditorScreen", "EditingDialog", "ClipboardPasteDialog",
    # shown only for a received file or a computed result, and holding no text field (their
    # modules create no Input or TextArea): the import previews, the funnel of units
    "PlanImportDialog", "TeamImportDialog", "ImportPreviewScreen", "UnitFunnelScreen",
    # the CPR guard's dialog needs hits in outgoing text; its reason field is the
    # CprEditDialog's kind of field and is typed into in tests/tui/sync/test_cpr_guard_flow.py
    "CprGuardDialog",
}

CLASSES = _classes()
CLASSES_MODULE: dict[str, Any] = {}


def _late_imports() -> None:
    from tui.closing.decision_dialog import DecisionValues
    from tui.dialogs.choice_form import ChoiceField, TextField
    from tui.project.member import MemberValues

    CLASSES_MODULE.update(TextField=TextField, ChoiceField=ChoiceField,
                          DecisionValues=DecisionValues, MemberValues=MemberValues)


_late_imports()
BUILT = sorted(set(CLASSES) - NOT_BUILT)



def builder_names() -> set[str]:
    import inspect

    source = inspect.getsource(build)
    return {name for name in CLASSES if f'"{name}"' in source}


BUILDERS_NAMES = builder_names()


def demo_ids(store: Store, tmp_path: Path) -> Demo:
    """The demo's ids the screens are built from, and an empty folder for the file pickers."""
    folder = tmp_path / "filer"
    folder.mkdir()

    def first(sql: str) -> str:
        return str(store.execute(sql).fetchone()[0])

    org = first("SELECT id FROM organisations WHERE _exists")
    return Demo(
        store=store,
        project=first("SELECT id FROM projects WHERE _exists"),
        measure=first("SELECT id FROM measures WHERE _exists AND entry = 'period'"),
        cases_measure=first("SELECT id FROM measures WHERE _exists AND entry = 'cases'"),
        card=first("SELECT id FROM kaizen_cards WHERE _exists"),
        meeting=first("SELECT id FROM meetings WHERE _exists"),
        org=org,
        team=first(f"SELECT id FROM teams WHERE _exists AND org_id = '{org}'"),
        figure=first(f"SELECT id FROM key_figures WHERE _exists AND org_id = '{org}'"),
        network=first("SELECT id FROM networks WHERE _exists"),
        folder=folder,
    )

