"""The shapes sync passes between its checks, its merge and its conflict list: a record's key and
a field's heads (kept apart so that the checks need not import the merge, which imports them)."""

from __future__ import annotations

from typing import Any

RecordKey = tuple[str, str, str]
"""(scope id, entity, record id)."""
Head = tuple[int, str, int, Any]
"""A field's head: (hlc, replica id, seq, value as decoded JSON)."""
Heads = dict[str, list[Head]]
"""Per field, its heads, greatest first."""
