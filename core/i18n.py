"""Language catalogs and each language's way of writing dates, weeks and numbers.

Every user-visible string lives in the TOML files of `core/locales/<lang>/` (one file per area;
every language has the same files and the same keys). Keys are dotted paths
(`project_list.title`); values may hold `{placeholders}` for `str.format`. The languages: Danish
(the default), English and Norwegian bokmål; each writes dates, weeks and numbers as its
`format.*` keys say ("24-11-2026", "uge 47 2026" in Danish; "24.11.2026", "uke 47 2026" in
Norwegian).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("da", "en", "nb")
DEFAULT_LANGUAGE = "da"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


@cache
def catalog(lang: str) -> dict[str, str]:
    """Return the flat catalog of `lang` (key -> text)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    flat: dict[str, str] = {}
    folder = resources.files("core.locales").joinpath(lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        table = _flatten(tomllib.loads(entry.read_text("utf-8")))
        clash = flat.keys() & table.keys()
        if clash:
            raise ValueError(f"{lang}/{entry.name} repeats keys {sorted(clash)}")
        flat.update(table)
    return flat


class Translator:
    """Translate catalog keys into one language and format dates and numbers its way."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._texts = catalog(self.lang)

    def __call__(self, key: str, /, **params: object) -> str:
        """Return the text of `key` with `params` filled in (the key itself if it is unknown)."""
        text = self._texts.get(key)
        if text is None:
            text = catalog(DEFAULT_LANGUAGE).get(key, key)
        return text.format(**params) if params else text

    def count(self, key: str, count: int, /, **params: object) -> str:
        """The text of `key` for `count` things: `<key>_one` when the count is 1 and the catalog
        has that form, else `key` (Danish, English and bokmål have these two forms)."""
        one = f"{key}_one"
        if count == 1 and (self.has(one) or one in catalog(DEFAULT_LANGUAGE)):
            key = one
        return self(key, count=count, **params)

    def has(self, key: str) -> bool:
        """Return whether the catalog holds `key`."""
        return key in self._texts

    def date(self, value: dt.date | None) -> str:
        """Format a date as users of this language write it (24-11-2026 in Danish, 24.11.2026
        in Norwegian)."""
        if value is None:
            return ""
        return value.strftime(self("format.date"))

    def datetime(self, value: dt.datetime | None) -> str:
        """Format a local date and time."""
        if value is None:
            return ""
        return value.strftime(self("format.datetime"))

    def week(self, year: int, week: int) -> str:
        """Name an ISO week as users of this language do ("uge 47 2026")."""
        return self("format.week", week=week, year=year)

    def number(self, value: float | int | None, decimals: int = 1) -> str:
        """Format a number with this language's decimal and thousands signs."""
        if value is None:
            return ""
        if isinstance(value, int) or float(value).is_integer():
            text = f"{round(value):,}"
        else:
            text = f"{value:,.{decimals}f}"
        decimal_sign, thousands_sign = self("format.decimal"), self("format.thousands")
        return text.replace(",", "\x00").replace(".", decimal_sign).replace("\x00", thousands_sign)

    def percent(self, fraction: float | None, decimals: int = 1) -> str:
        """Format a fraction as a percentage ("12,5 %")."""
        if fraction is None:
            return ""
        return self("format.percent", value=self.number(fraction * 100, decimals))
