"""The user's settings file: a round trip, and defaults whenever the file cannot be used."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.paths import default_db_path, settings_path
from core.settings import (
    THEMES,
    SettingProblem,
    Settings,
    load_settings,
    read_settings,
    save_settings,
)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "settings.json"
    chosen = Settings(language="en", name="Mette Kjær", initials="MK", theme=THEMES[1])
    save_settings(chosen, path)
    assert load_settings(path) == chosen
    assert json.loads(path.read_text("utf-8"))["name"] == "Mette Kjær"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


def test_saving_again_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(initials="AB"), path)
    save_settings(Settings(initials="CD"), path)
    assert load_settings(path).initials == "CD"


def test_a_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.json")
    assert settings == Settings()
    assert settings.language == "da"
    assert settings.theme == THEMES[0]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"{not json", id="broken-json"),
        pytest.param(b"[1, 2, 3]", id="a-list"),
        pytest.param(b"\xff\xfe\x00garbage", id="not-utf8"),
        pytest.param(b"", id="empty"),
    ],
)
def test_a_damaged_file_gives_defaults_but_a_blocking_cpr_guard(
        tmp_path: Path, content: bytes) -> None:
    """A file that cannot be read at all may have said "block": the guard stays strict until
    the user chooses, and the problem is named."""
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    read = read_settings(path)
    assert read.settings == Settings(cpr_guard="block")
    assert read.problems == (SettingProblem("", "damaged"),) and not read.first_run


@pytest.mark.parametrize(
    ("key", "value"),
    [("language", "xx"), ("theme", "nord"), ("initials", "MUCH TOO LONG"), ("name", 42)],
)
def test_a_bad_value_is_left_out_and_every_other_setting_kept(
        tmp_path: Path, key: str, value: object) -> None:
    chosen = {"language": "nb", "name": "Mette Kjær", "initials": "MK",
              "theme": THEMES[1], "cpr_guard": "block"}
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({**chosen, key: value}), "utf-8")
    read = read_settings(path)
    kept = {k: v for k, v in chosen.items() if k != key}
    assert {k: getattr(read.settings, k) for k in kept} == kept
    assert getattr(read.settings, key) == getattr(Settings(), key)  # the default
    assert read.problems == (SettingProblem(key, "bad_value", str(value)),)


def test_a_cpr_guard_that_cannot_be_read_blocks(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"cpr_guard": "off", "theme": "nord"}), "utf-8")
    read = read_settings(path)
    assert read.settings.cpr_guard == "block"
    assert [p.key for p in read.problems] == ["cpr_guard", "theme"]


def test_a_missing_file_is_the_first_run(tmp_path: Path) -> None:
    read = read_settings(tmp_path / "none.json")
    assert read.first_run and read.settings == Settings() and not read.problems


def test_a_folder_in_place_of_the_file_is_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    assert read_settings(path).problems == (SettingProblem("", "damaged"),)
    assert load_settings(path).cpr_guard == "block"


def test_unknown_keys_from_a_newer_tavle_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "en", "keymap": {"a": "b"}}), "utf-8")
    assert load_settings(path) == Settings(language="en")
    assert read_settings(path).problems == (SettingProblem("keymap", "unknown_key"),)


def test_the_default_places_are_the_test_folders() -> None:
    # tests/conftest.py points the user folders at temporary ones for every test.
    assert settings_path() == Path(os.environ["TAVLE_CONFIG_DIR"]) / "settings.json"
    assert default_db_path() == Path(os.environ["TAVLE_DATA_DIR"]) / "tavle.db"
    assert not settings_path().exists()
    save_settings(Settings(name="Uden sti"))
    assert settings_path().is_file()
    assert load_settings().name == "Uden sti"
    assert default_db_path().name == "tavle.db"
    assert default_db_path().parent != settings_path().parent
