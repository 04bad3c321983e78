"""The real build of the offline installer folder: downloads about 24 MB, so it is marked slow
and run by hand: `python -m pytest -m slow tests/windows_installer -p no:cacheprovider`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from windows_installer_modules import load


@pytest.mark.slow
def test_the_folder_resolves_for_windows_on_cpython_311_to_313(tmp_path: Path) -> None:
    make_offline = load("make_offline")
    folder = tmp_path / "tavle-windows"
    # main runs pip's dry run for 3.11, 3.12 and 3.13 and fails when one does not resolve
    assert make_offline.main(["-o", str(folder)]) == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    wheels = manifest["wheels"]
    assert sorted(path.name for path in (folder / "wheels").iterdir()) == wheels
    assert f"tavle-{manifest['tavle_version']}-py3-none-any.whl" in wheels
    for version in ("311", "312", "313"):
        assert any(name.startswith("pydantic_core-") and f"cp{version}-win_amd64" in name
                   for name in wheels)
    assert any(name.startswith("plotext-6.") and name.endswith("win_amd64.whl")
               for name in wheels)
    assert any(name.startswith("pywin32_ctypes-") for name in wheels)  # keyring on Windows
    for script in ("install.cmd", "install.ps1", "install.py", "README.txt"):
        assert (folder / script).is_file()
