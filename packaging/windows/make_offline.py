"""Build Tavle's offline installer folder for Windows, on any machine with network (Linux too).

    python packaging/windows/make_offline.py -o dist/tavle-windows

The folder holds Tavle's wheel, built from this checkout, and every dependency's win_amd64 wheel
for CPython 3.11, 3.12 and 3.13 in one wheels/ folder, plus install.cmd and install.ps1 (from the
templates beside this file), install.py and manifest.json, which install Tavle per user with
`pip install --user --no-index` (no network, no admin) and make a Start menu shortcut, and a
README.txt for the IT contact.

pip evaluates a dependency's environment markers (`; sys_platform == "win32"`) for the machine it
runs on, not for `--platform`: downloaded on Linux, keyring's pywin32-ctypes and click's
colorama would be missing. So after pip's download this script walks the dependencies again
with a Windows environment for each Python version and downloads what Windows needs besides.
Wheels only Linux needs (secretstorage, jeepney) stay, so that the check below also resolves on
Linux. The check (`--check`, on by default) is pip's own dry run for each Python version:

    pip install --dry-run --no-index --find-links FOLDER/wheels --platform win_amd64
        --only-binary=:all: --python-version 3.12 --target T tavle==VERSION

Standard library, with pip (and its build backend) run as subprocesses; the wheel metadata is
read with `packaging` (pip's own copy where it is not installed).
"""

from __future__ import annotations

import argparse
import email.parser
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    from packaging import requirements, tags, utils, version
except ImportError:  # pragma: no cover - pip's own copy, where packaging is not installed
    from pip._vendor.packaging import (  # type: ignore[no-redef]
        requirements,
        tags,
        utils,
        version,
    )

Requirement = requirements.Requirement
Tag = tags.Tag
Version = version.Version
canonicalize_name = utils.canonicalize_name
parse_wheel_filename = utils.parse_wheel_filename

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
PLATFORM = "win_amd64"
WHEELS = "wheels"
# The files install.cmd and install.ps1 run and read, beside them in the folder.
INSTALLER = "install.py"
MANIFEST = "manifest.json"
TEMPLATES = {"install.cmd": "install.cmd.in", "install.ps1": "install.ps1.in",
             "README.txt": "README.txt.in"}
# The shortcut, made by install.cmd (through powershell -Command) and install.ps1 alike from
# install.py's --shortcut-spec; no double quotes, so that it fits inside cmd's quotes.
SHORTCUT_PS = (
    "$lnk = Join-Path ([Environment]::GetFolderPath('Programs')) 'Tavle.lnk'; "
    "$shortcut = (New-Object -ComObject WScript.Shell).CreateShortcut($lnk); "
    "$shortcut.TargetPath = $env:TAVLE_SC_TARGET; "
    "$shortcut.Arguments = $env:TAVLE_SC_ARGUMENTS; "
    "$shortcut.WorkingDirectory = $env:TAVLE_SC_WORKDIR; "
    "$shortcut.Description = 'Tavle'; "
    "$shortcut.Save(); "
    "Write-Host ('Genvej lavet / shortcut made: ' + $lnk)"
)
PLACEHOLDER = re.compile(r"@[A-Z_]+@")

Run = Callable[..., subprocess.CompletedProcess[str]]


def say(text: str) -> None:
    print(text, flush=True)


def pip(*args: str) -> list[str]:
    return [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]


def build_tavle_wheel(dest: Path, run: Run = subprocess.run) -> Path:
    """Tavle's own wheel, built from the checkout (pip runs the build backend)."""
    dest.mkdir(parents=True, exist_ok=True)
    run(pip("wheel", "--no-deps", "--wheel-dir", str(dest), str(ROOT)), check=True)
    (wheel,) = dest.glob("tavle-*.whl")
    return wheel


def download_command(requirements: Sequence[str], dest: Path, python_version: str) -> list[str]:
    """pip download of win_amd64 wheels (and pure ones) for one CPython version, with deps."""
    return pip("download", "--dest", str(dest), "--only-binary=:all:", "--platform", PLATFORM,
               "--python-version", python_version, "--implementation", "cp", *requirements)


def windows_environment(python_version: str) -> dict[str, str]:
    """The environment markers of 64-bit CPython on Windows."""
    return {
        "implementation_name": "cpython", "implementation_version": python_version + ".0",
        "os_name": "nt", "platform_machine": "AMD64", "platform_release": "10",
        "platform_system": "Windows", "platform_version": "10.0.19045",
        "platform_python_implementation": "CPython", "python_full_version": python_version + ".0",
        "python_version": python_version, "sys_platform": "win32",
    }


def windows_tags(python_version: str) -> set[Tag]:
    """The wheel tags 64-bit CPython of that version accepts on Windows, as pip would."""
    major, minor = (int(part) for part in python_version.split("."))
    interpreter = f"cp{major}{minor}"
    return {*tags.cpython_tags((major, minor), [interpreter, "abi3", "none"], [PLATFORM]),
            *tags.compatible_tags((major, minor), interpreter, [PLATFORM])}


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str
    version: Version
    tags: frozenset[Tag]

    @classmethod
    def read(cls, path: Path) -> Wheel:
        name, version, _build, tags = parse_wheel_filename(path.name)
        return cls(path, str(name), version, frozenset(tags))

    def requires(self) -> list[Requirement]:
        """The wheel's Requires-Dist, from its METADATA."""
        with zipfile.ZipFile(self.path) as archive:
            (metadata,) = (item for item in archive.namelist()
                           if item.count("/") == 1 and item.endswith(".dist-info/METADATA"))
            message = email.parser.Parser().parsestr(archive.read(metadata).decode("utf-8"))
        return [Requirement(line) for line in message.get_all("Requires-Dist") or []]


def windows_closure(wheels: Iterable[Path], root: str, python_version: str
                    ) -> tuple[set[str], list[Requirement]]:
    """Walk `root`'s dependencies as Windows would for one CPython version.

    Returns the distribution names it needs (canonical) and the requirements no wheel in
    `wheels` satisfies (name, version and tags)."""
    tags = windows_tags(python_version)
    environment = windows_environment(python_version)
    by_name: dict[str, list[Wheel]] = {}
    for path in wheels:
        wheel = Wheel.read(path)
        by_name.setdefault(wheel.name, []).append(wheel)
    needed: set[str] = set()
    missing: list[Requirement] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    queue: list[Requirement] = [Requirement(root)]
    while queue:
        requirement = queue.pop()
        name = str(canonicalize_name(requirement.name))
        fitting = [wheel for wheel in by_name.get(name, [])
                   if wheel.tags & tags and requirement.specifier.contains(wheel.version,
                                                                           prereleases=True)]
        if not fitting:
            if str(requirement) not in {str(known) for known in missing}:
                missing.append(requirement)
            continue
        needed.add(name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        best = max(fitting, key=lambda wheel: wheel.version)
        for dependency in best.requires():
            extras = requirement.extras or {""}
            if dependency.marker is None or any(
                    dependency.marker.evaluate({**environment, "extra": extra})
                    for extra in extras | {""}):
                queue.append(dependency)
    return needed, missing


def without_marker(requirement: Requirement) -> str:
    """The requirement as pip download takes it for another platform: no marker."""
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    return f"{requirement.name}{extras}{requirement.specifier}"


def complete_for_windows(folder: Path, root: str, python_versions: Sequence[str],
                         run: Run = subprocess.run, rounds: int = 5) -> set[str]:
    """Download what Windows needs besides what pip chose on this machine; the names needed."""
    needed: set[str] = set()
    for version in python_versions:
        for _round in range(rounds):
            names, missing = windows_closure(folder.glob("*.whl"), root, version)
            if not missing:
                needed |= names
                break
            wanted = [without_marker(requirement) for requirement in missing]
            say(f"Windows, CPython {version}: also {', '.join(wanted)}")
            run(download_command(wanted, folder, version), check=True)
        else:
            raise SystemExit(f"the wheels for CPython {version} stay incomplete: {missing}")
    return needed


def render(template: str, values: dict[str, str]) -> str:
    """The template with every @NAME@ replaced; a name without a value is an error."""
    text = PLACEHOLDER.sub(lambda match: values[match.group(0).strip("@")], template)
    return text


def cmd_echo(text: str) -> str:
    """Lines for a batch file that print `text` (no characters cmd treats specially)."""
    assert not set(text) & set("&|<>^%"), text
    return "\n".join(f"echo {line}" if line else "echo." for line in text.splitlines())


def ps_write(text: str, indent: str = "        ") -> str:
    """Lines for PowerShell that print `text`."""
    return "\n".join(f"{indent}Write-Host '{line.replace(chr(39), chr(39) * 2)}'"
                     for line in text.splitlines())


def load_installer_module() -> object:
    """install.py beside this file, for the texts it shares with the scripts."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("tavle_windows_install", HERE / INSTALLER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_installer(folder: Path, tavle_version: str, python_versions: Sequence[str]) -> None:
    """manifest.json (with every wheel in folder/wheels), install.py, install.cmd,
    install.ps1 and README.txt in the folder."""
    wheels = sorted(path.name for path in (folder / WHEELS).glob("*.whl"))
    manifest = {"tavle_version": tavle_version, "python_versions": list(python_versions),
                "platform": PLATFORM, "wheels": wheels}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(HERE / INSTALLER, folder / INSTALLER)
    get_python = str(load_installer_module().GET_PYTHON)  # type: ignore[attr-defined]
    newest_first = sorted(python_versions, key=lambda v: tuple(map(int, v.split("."))),
                          reverse=True)
    values = {
        "TAVLE_VERSION": tavle_version,
        "PROBE_CALLS": "\n".join(f"call :probe py -{version}" for version in newest_first),
        "PYTHON_VERSIONS_PS": ", ".join(f"'{version}'" for version in newest_first),
        "PYTHON_VERSIONS_TEXT": ", ".join(python_versions),
        "NO_PYTHON_ECHO": cmd_echo(get_python),
        "NO_PYTHON_WRITE": ps_write(get_python),
        "SHORTCUT_PS": SHORTCUT_PS,
        "WHEEL_COUNT": str(len(wheels)),
    }
    for target, template in TEMPLATES.items():
        text = render((HERE / template).read_text(encoding="utf-8"), values)
        # cmd needs CRLF; Windows PowerShell 5.1 reads a file without a BOM as ANSI
        encoding = "utf-8-sig" if target == "install.ps1" else "utf-8"
        with open(folder / target, "w", encoding=encoding, newline="\r\n") as handle:
            handle.write(text)


def check_command(folder: Path, python_version: str, target: Path, tavle_version: str
                  ) -> list[str]:
    """pip's dry run of the user's install, for Windows and one CPython version."""
    return pip("install", "--isolated", "--dry-run", "--no-index", "--find-links",
               str(folder / WHEELS), "--platform", PLATFORM, "--only-binary=:all:",
               "--python-version", python_version, "--implementation", "cp",
               "--target", str(target), f"tavle=={tavle_version}")


def check(folder: Path, tavle_version: str, python_versions: Sequence[str],
          run: Run = subprocess.run) -> bool:
    """Run the dry run for every Python version and print its closing lines."""
    ok = True
    for version in python_versions:
        with tempfile.TemporaryDirectory() as target:
            result = run(check_command(folder, version, Path(target), tavle_version),
                         capture_output=True, text=True)
        lines = [line for line in (result.stdout + result.stderr).splitlines()
                 if line.startswith(("Would install", "ERROR"))]
        say(f"check, CPython {version}: " + (" | ".join(lines) or f"exit {result.returncode}"))
        ok = ok and result.returncode == 0
    return ok


def prepare_output(folder: Path) -> None:
    """An empty output folder; one that holds other things than an earlier build is refused."""
    if folder.exists() and any(folder.iterdir()):
        if not (folder / MANIFEST).is_file():
            raise SystemExit(f"{folder} is not empty and holds no earlier build: choose another")
        shutil.rmtree(folder)
    (folder / WHEELS).mkdir(parents=True)


def summary(folder: Path, needed: set[str]) -> None:
    wheels = sorted((folder / WHEELS).glob("*.whl"))
    size = sum(path.stat().st_size for path in wheels)
    say(f"{folder}: {len(wheels)} wheels, {size / 1e6:.1f} MB")
    linux_only = sorted({Wheel.read(path).name for path in wheels} - needed)
    if linux_only:
        say("kept for the check on Linux, not installed on Windows: " + ", ".join(linux_only))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "dist" / "tavle-windows")
    parser.add_argument("--python", nargs="+", default=list(PYTHON_VERSIONS),
                        help="CPython versions (default: %(default)s)")
    parser.add_argument("--no-check", action="store_true", help="skip pip's dry runs")
    args = parser.parse_args(argv)
    folder: Path = args.output.resolve()
    prepare_output(folder)
    with tempfile.TemporaryDirectory() as build:
        tavle = Wheel.read(build_tavle_wheel(Path(build)))
        for version in args.python:
            say(f"downloading the wheels for CPython {version}, {PLATFORM}")
            subprocess.run(download_command([str(tavle.path)], folder / WHEELS, version),
                           check=True)
    needed = complete_for_windows(folder / WHEELS, f"tavle=={tavle.version}", args.python)
    write_installer(folder, str(tavle.version), args.python)
    summary(folder, needed)
    if not args.no_check and not check(folder, str(tavle.version), args.python):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
