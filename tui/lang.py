"""The UI's current language: one translator the screens share, switched from settings."""

from __future__ import annotations

from core.i18n import Translator
from core.values.numbers import set_typing_language

_current = Translator()


def tr(key: str, /, **params: object) -> str:
    """Translate `key` into the current UI language."""
    return _current(key, **params)


def words(key: str) -> tuple[str, ...]:
    """The words a catalog text lists, comma-separated ("kaizen, tavle, board")."""
    return tuple(word.strip() for word in tr(key).split(",") if word.strip())


def translator() -> Translator:
    """Return the current translator (for dates, weeks and numbers)."""
    return _current


def set_language(lang: str) -> None:
    """Switch the UI language (screens built afterwards use it)."""
    global _current
    _current = Translator(lang)
    set_typing_language(_current.lang)
