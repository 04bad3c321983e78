"""The terminal check (issue 23): the Windows console host is told apart from terminals that
paste a block whole and show braille, from the platform and environment alone; the chart
markers follow the setting and the check; both settings survive a round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.settings import SettingProblem, Settings, read_settings, save_settings
from core.terminal import CHART_MARKERS, ascii_markers, console_host


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        pytest.param("win32", {}, True, id="console-host"),
        pytest.param("win32", {"TERM": "xterm"}, True, id="console-host-with-term"),
        pytest.param("win32", {"WT_SESSION": "5c0b3f2e-1"}, False, id="windows-terminal"),
        pytest.param("win32", {"WT_SESSION": ""}, True, id="empty-wt-session"),
        pytest.param("win32", {"TERM_PROGRAM": "vscode"}, False, id="vscode"),
        pytest.param("win32", {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, False,
                     id="tavle-serve-browser-tab"),
        pytest.param("linux", {}, False, id="linux"),
        pytest.param("darwin", {}, False, id="mac"),
    ],
)
def test_the_console_host_is_windows_without_windows_terminal_or_vscode(
        platform: str, environ: dict[str, str], expected: bool) -> None:
    assert console_host(platform, environ) is expected


@pytest.mark.parametrize(
    ("choice", "on_console_host", "expected"),
    [("auto", True, True), ("auto", False, False), ("ascii", False, True),
     ("ascii", True, True), ("braille", True, False), ("braille", False, False)],
)
def test_ascii_markers_when_chosen_or_automatic_on_the_console_host(
        choice: str, on_console_host: bool, expected: bool) -> None:
    assert ascii_markers(choice, on_console_host) is expected


@given(markers=st.sampled_from(CHART_MARKERS), seen=st.booleans())
def test_the_markers_and_the_note_seen_survive_a_round_trip(
        tmp_path_factory: pytest.TempPathFactory, markers: str, seen: bool) -> None:
    path = tmp_path_factory.mktemp("settings") / "settings.json"
    chosen = Settings(initials="MK", chart_markers=markers, terminal_note_seen=seen)
    save_settings(chosen, path)
    assert read_settings(path).settings == chosen


def test_a_file_from_before_has_automatic_markers_and_shows_the_note(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "nb", "initials": "MK"}), "utf-8")
    read = read_settings(path)
    assert read.settings.chart_markers == "auto" and not read.settings.terminal_note_seen
    assert not read.problems


@pytest.mark.parametrize(("key", "value"), [("chart_markers", "emoji"),
                                            ("terminal_note_seen", "yes")])
def test_a_bad_marker_or_note_value_is_left_out(tmp_path: Path, key: str, value: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"initials": "MK", key: value}), "utf-8")
    read = read_settings(path)
    assert read.settings == Settings(initials="MK")
    assert read.problems == (SettingProblem(key, "bad_value", value),)
