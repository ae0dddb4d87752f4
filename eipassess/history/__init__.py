"""The history store of result records, comparison of two records and the trend of a site.

Public calls for other layers (imported lazily so that ``import eipassess.history`` stays light):
``record_result(record, db)``, ``load_record(site, round, db)``, ``site_trend(site, db)``,
``records_trend(records)``, ``compare(old, new, renames)`` and ``load_renames()``.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "record_result": "records",
    "load_record": "records",
    "site_trend": "trend",
    "trend_points": "trend",
    "records_trend": "trend",
    "compare": "compare",
    "load_renames": "mappings",
}


def __getattr__(name: str) -> Any:
    """Import a public function from its module on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
