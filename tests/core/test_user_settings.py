"""The user's settings file: a round trip, and defaults whenever the file cannot be used."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.paths import default_db_path, settings_path
from core.settings import THEMES, Settings, load_settings, save_settings


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
        pytest.param(b'{"language": "xx"}', id="unknown-language"),
        pytest.param(b'{"theme": "neon"}', id="unknown-theme"),
        pytest.param(b'{"initials": "MUCH TOO LONG"}', id="long-initials"),
        pytest.param(b"\xff\xfe\x00garbage", id="not-utf8"),
        pytest.param(b"", id="empty"),
    ],
)
def test_a_damaged_file_gives_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert load_settings(path) == Settings()


def test_a_folder_in_place_of_the_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    assert load_settings(path) == Settings()


def test_unknown_keys_from_a_newer_tavle_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "en", "keymap": {"a": "b"}}), "utf-8")
    assert load_settings(path) == Settings(language="en")


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
