"""The parsed copy of a language catalog: used while the TOML files are unchanged, never
trusted once they change, and never in the way when it cannot be read or written."""

from __future__ import annotations

import json
from pathlib import Path

from core.i18n import load_catalog


def test_a_first_load_parses_and_keeps_a_copy(tmp_path: Path) -> None:
    texts = load_catalog("da", tmp_path)
    kept = json.loads((tmp_path / "catalog-da.json").read_text("utf-8"))
    assert kept["texts"] == texts
    assert texts["app.title"]


def test_the_copy_is_read_while_the_files_are_unchanged(tmp_path: Path) -> None:
    load_catalog("en", tmp_path)
    copy = tmp_path / "catalog-en.json"
    kept = json.loads(copy.read_text("utf-8"))
    kept["texts"]["app.title"] = "From the copy"
    copy.write_text(json.dumps(kept), "utf-8")
    assert load_catalog("en", tmp_path)["app.title"] == "From the copy"


def test_a_copy_of_other_files_is_not_used(tmp_path: Path) -> None:
    parsed = load_catalog("nb", tmp_path)
    copy = tmp_path / "catalog-nb.json"
    copy.write_text(json.dumps({"stamp": "[1, []]", "texts": {"app.title": "Old"}}), "utf-8")
    assert load_catalog("nb", tmp_path) == parsed
    assert json.loads(copy.read_text("utf-8"))["texts"] == parsed  # written again


def test_a_broken_copy_is_ignored(tmp_path: Path) -> None:
    parsed = load_catalog("da", tmp_path)
    (tmp_path / "catalog-da.json").write_text('{"stamp": ', "utf-8")
    assert load_catalog("da", tmp_path) == parsed


def test_a_cache_folder_that_cannot_be_written_is_no_fault(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be", "utf-8")
    assert load_catalog("da", blocked)["app.title"]
    assert not list(tmp_path.glob("**/*.part"))
