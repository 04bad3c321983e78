"""The offline installer folder for Windows, without network: the scripts made from the
templates with a fake wheel list, install.py's steps with pip faked, and the walk over the
wheels' dependencies with Windows markers."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from windows_installer_modules import load

make_offline = load("make_offline")
installer = load("install")

VERSIONS = ["3.11", "3.12", "3.13"]
FAKE_WHEELS = [
    "tavle-0.1.0-py3-none-any.whl",
    "textual-8.2.8-py3-none-any.whl",
    "pydantic_core-2.50.5-cp311-cp311-win_amd64.whl",
    "pydantic_core-2.50.5-cp312-cp312-win_amd64.whl",
    "pydantic_core-2.50.5-cp313-cp313-win_amd64.whl",
    "plotext-6.1.0-py3-none-win_amd64.whl",
    "pywin32_ctypes-0.2.3-py3-none-any.whl",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An installer folder made from the templates over a fake wheel list."""
    (tmp_path / "wheels").mkdir()
    for name in FAKE_WHEELS:
        (tmp_path / "wheels" / name).write_bytes(b"")
    make_offline.write_installer(tmp_path, "0.1.0", VERSIONS)
    return tmp_path


def completed(args: list[str], returncode: int = 0, stdout: str = ""
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(args, returncode, stdout, "")


def test_manifest_names_every_wheel_and_they_are_there(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == {"tavle_version": "0.1.0", "python_versions": VERSIONS,
                        "platform": "win_amd64", "wheels": sorted(FAKE_WHEELS)}
    assert installer.missing_wheels(folder, manifest) == []
    assert (folder / "install.py").read_bytes() == (make_offline.HERE / "install.py").read_bytes()


def test_install_cmd_finds_python_newest_first_and_runs_the_files_beside_it(folder: Path) -> None:
    raw = (folder / "install.cmd").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # cmd needs CRLF
    assert not raw.startswith(b"\xef\xbb\xbf")  # a BOM breaks cmd's first line
    text = raw.decode("utf-8")
    assert not re.search(r"@[A-Z_]+@", text)
    probes = re.findall(r"^call :probe (.+)\r$", text, flags=re.MULTILINE)
    assert probes == ["py -3.13", "py -3.12", "py -3.11", "python"]
    assert '"%HERE%install.py" --probe' in text
    assert '%PY% "%HERE%install.py"\r\n' in text
    assert '"%HERE%install.py" --shortcut-spec' in text
    assert "chcp 65001" in text
    # the shortcut goes to the per-user Start menu (Programs), from install.py's spec
    assert "GetFolderPath('Programs')) 'Tavle.lnk'" in text
    assert "$env:TAVLE_SC_TARGET" in text and "TAVLE_SC_%%A=%%B" in text
    # no Python: where to get one without admin rights, in Danish and English
    assert "python.org" in text and "Microsoft Store" in text
    assert "der er ingen Python" in text and "there is no Python" in text


def test_install_ps1_is_utf8_with_bom_and_runs_the_same_steps(folder: Path) -> None:
    raw = (folder / "install.ps1").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Windows PowerShell 5.1 reads ANSI without it
    text = raw.decode("utf-8-sig")
    assert not re.search(r"@[A-Z_]+@", text)
    assert "foreach ($version in @('3.13', '3.12', '3.11'))" in text
    assert "@('python')" in text
    assert "Join-Path $PSScriptRoot 'install.py'" in text
    assert "$installer --probe" in text and "$installer --shortcut-spec" in text
    assert make_offline.SHORTCUT_PS in text
    assert "Microsoft Store" in text and "''Install Now''" in text  # quotes doubled


def test_readme_for_the_it_contact(folder: Path) -> None:
    text = (folder / "README.txt").read_text(encoding="utf-8")
    assert "DANSK" in text and "ENGLISH" in text
    assert "Python 3.11, 3.12, 3.13" in text
    assert "--user --no-index --find-links wheels tavle" in text
    assert f"wheels\\ ({len(FAKE_WHEELS)} files)" in text


def test_install_runs_pip_per_user_offline_and_says_what_it_did(folder: Path) -> None:
    calls: list[list[str]] = []
    exe = r"C:\Users\anne\AppData\Roaming\Python\Python312\Scripts\tavle.exe"

    def run(args: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        return completed(args, stdout=exe + "\n" if "-c" in args else "")

    said: list[str] = []
    assert installer.install(folder, "python.exe", run, said.append, None) == 0
    pip_call, locate_call = calls
    assert pip_call[:4] == ["python.exe", "-m", "pip", "install"]
    assert {"--user", "--no-index", "--isolated"} <= set(pip_call)
    assert pip_call[pip_call.index("--find-links") + 1] == str(folder / "wheels")
    assert pip_call[-1] == "tavle==0.1.0"
    assert locate_call[:2] == ["python.exe", "-c"]
    text = "\n".join(said)
    assert "Installerer Tavle 0.1.0" in text and "Installing Tavle 0.1.0" in text
    assert f"Tavle 0.1.0 er installeret: {Path(exe)}" in text
    assert "Windows Terminal blev ikke fundet" in text
    assert "Windows Terminal was not found" in text


def test_install_refuses_a_partial_copy_before_pip(folder: Path) -> None:
    (folder / "wheels" / "plotext-6.1.0-py3-none-win_amd64.whl").unlink()
    calls: list[list[str]] = []
    said: list[str] = []

    def run(args: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        return completed(args)

    assert installer.install(folder, "python.exe", run, said.append, None) == 1
    assert calls == []
    assert "  plotext-6.1.0-py3-none-win_amd64.whl" in said
    assert "mangler 1 fil(er)" in said[0] and "1 file(s) are missing" in said[0]


def test_a_failing_pip_is_reported(folder: Path) -> None:
    said: list[str] = []
    code = installer.install(folder, "python.exe", lambda args, **_: completed(args, 1),
                             said.append, Path("wt.exe"))
    assert code == 1
    assert "pip kunne ikke installere Tavle" in said[-1]


@pytest.mark.parametrize(("version", "tag", "environ", "expected"), [
    ((3, 12, 1), "win-amd64", {"PROCESSOR_ARCHITECTURE": "AMD64"}, None),
    ((3, 11, 9), "win-amd64", {"PROCESSOR_ARCHITECTURE": "AMD64"}, None),
    ((3, 14, 0), "win-amd64", {"PROCESSOR_ARCHITECTURE": "AMD64"}, "version 3.14"),
    ((3, 12, 1), "win32", {"PROCESSOR_ARCHITECTURE": "x86",
                           "PROCESSOR_ARCHITEW6432": "AMD64"}, "32-bit Python (win32)"),
    ((3, 12, 1), "win32", {"PROCESSOR_ARCHITECTURE": "x86"}, "32-bit Windows"),
    ((3, 12, 1), "win-arm64", {"PROCESSOR_ARCHITECTURE": "ARM64"}, "ARM64 Python"),
])
def test_probe_says_which_pythons_fit(version: tuple[int, ...], tag: str,
                                      environ: dict[str, str], expected: str | None) -> None:
    manifest = {"python_versions": VERSIONS}
    problem = installer.python_problem(manifest, version, tag, environ)
    if expected is None:
        assert problem is None
        return
    assert expected in problem
    if "version" in expected:
        assert "Python 3.11, 3.12, 3.13" in problem
        assert "python.org" in problem and "Microsoft Store" in problem
    else:
        assert "Tavle kræver 64-bit Windows" in problem and "Tavle needs 64-bit Windows" in problem


def test_the_shortcut_opens_windows_terminal_where_it_is_installed(tmp_path: Path) -> None:
    exe = Path(r"C:\Users\Søren Å\AppData\Roaming\Python\Python313\Scripts\tavle.exe")
    home = Path(r"C:\Users\Søren Å")
    alias = tmp_path / "Microsoft" / "WindowsApps" / "wt.exe"
    environ = {"LOCALAPPDATA": str(tmp_path)}
    assert installer.find_windows_terminal(environ, which=lambda _: None) is None
    alias.parent.mkdir(parents=True)
    alias.write_bytes(b"")
    terminal = installer.find_windows_terminal(environ, which=lambda _: None)
    assert terminal == alias
    assert installer.shortcut_spec(exe, terminal, home) == {
        "target": str(alias), "arguments": f'new-tab --title Tavle "{exe}"',
        "workdir": str(home)}
    assert installer.shortcut_spec(exe, None, home) == {
        "target": str(exe), "arguments": "", "workdir": str(home)}
    on_path = installer.find_windows_terminal({}, which=lambda _: r"C:\WT\wt.exe")
    assert on_path == Path(r"C:\WT\wt.exe")


def fake_wheel(folder: Path, filename: str, requires: list[str]) -> Path:
    """A wheel with only its METADATA, enough for the dependency walk."""
    name, version = filename.split("-")[:2]
    path = folder / filename
    metadata = "Metadata-Version: 2.1\nName: {}\nVersion: {}\n{}".format(
        name, version, "".join(f"Requires-Dist: {line}\n" for line in requires))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", metadata)
    return path


def test_the_walk_uses_windows_markers_versions_and_tags(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "tavle-0.1.0-py3-none-any.whl",
               ["keyring>=25", "pydantic-core==2.50.5"])
    fake_wheel(tmp_path, "keyring-25.7.0-py3-none-any.whl", [
        'pywin32-ctypes>=0.2.0; sys_platform == "win32"',
        'SecretStorage>=3.2; sys_platform == "linux"',
        'importlib_metadata>=4.11.4; python_version < "3.12"',
        'pytest; extra == "test"',
    ])
    fake_wheel(tmp_path, "importlib_metadata-10.2.0-py3-none-any.whl", [])
    fake_wheel(tmp_path, "secretstorage-3.5.0-py3-none-any.whl", [])
    fake_wheel(tmp_path, "pydantic_core-2.50.5-cp312-cp312-win_amd64.whl", [])

    needed, missing = make_offline.windows_closure(tmp_path.glob("*.whl"), "tavle", "3.12")
    assert needed == {"tavle", "keyring", "pydantic-core"}
    assert [str(requirement) for requirement in missing] == [
        'pywin32-ctypes>=0.2.0; sys_platform == "win32"']
    assert make_offline.without_marker(missing[0]) == "pywin32-ctypes>=0.2.0"

    # CPython 3.11: importlib_metadata too, and the cp312 wheel does not fit
    needed, missing = make_offline.windows_closure(tmp_path.glob("*.whl"), "tavle", "3.11")
    assert "importlib-metadata" in needed
    assert sorted(make_offline.without_marker(requirement) for requirement in missing) == [
        "pydantic-core==2.50.5", "pywin32-ctypes>=0.2.0"]


def test_complete_for_windows_downloads_what_pip_left_out(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "tavle-0.1.0-py3-none-any.whl", ["click>=8"])
    fake_wheel(tmp_path, "click-8.1.0-py3-none-any.whl",
               ['colorama; platform_system == "Windows"'])
    downloads: list[list[str]] = []

    def run(args: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        downloads.append(args)
        fake_wheel(tmp_path, "colorama-0.4.6-py2.py3-none-any.whl", [])
        return completed(args)

    needed = make_offline.complete_for_windows(tmp_path, "tavle==0.1.0", VERSIONS, run=run)
    assert needed == {"tavle", "click", "colorama"}
    (download,) = downloads  # once: the later versions find it there
    assert download[-1] == "colorama"
    assert download[download.index("--platform") + 1] == "win_amd64"
    assert download[download.index("--python-version") + 1] == "3.11"
    assert {"--only-binary=:all:", "--implementation"} <= set(download)


def test_the_check_is_pips_dry_run_for_each_version(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[list[str]] = []

    def run(args: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        seen.append(args)
        return completed(args, stdout="Looking in links: x\nWould install tavle-0.1.0\n")

    assert make_offline.check(tmp_path, "0.1.0", VERSIONS, run=run)
    assert [args[args.index("--python-version") + 1] for args in seen] == VERSIONS
    for args in seen:
        assert {"--dry-run", "--no-index", "--only-binary=:all:"} <= set(args)
        assert args[args.index("--find-links") + 1] == str(tmp_path / "wheels")
        assert args[-1] == "tavle==0.1.0"
    assert capsys.readouterr().out.count(": Would install tavle-0.1.0") == 3


def test_the_probe_runs_as_the_scripts_run_it(folder: Path) -> None:
    """`install.py --probe` in the made folder, with this (non-Windows) Python: it does not fit,
    says why in both languages, and exits 3, the code the scripts read."""
    import sys

    result = subprocess.run([sys.executable, str(folder / "install.py"), "--probe"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == installer.PROBE_UNFIT == 3
    assert "Tavle kræver 64-bit Windows" in result.stdout
    assert "Tavle needs 64-bit Windows" in result.stdout
