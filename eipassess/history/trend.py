"""The trend of a site across its rounds, per category and overall, as data reports can chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .records import RecordInfo, list_records, summary
from .store import Store


def trend_points(infos: Sequence[RecordInfo]) -> list[dict[str, Any]]:
    """Return one point per round (its latest record), in round order, with changes from the round before."""
    latest: dict[str, RecordInfo] = {}
    for info in infos:
        if info.round_id not in latest or info.id > latest[info.round_id].id:
            latest[info.round_id] = info
    points: list[dict[str, Any]] = []
    prev: dict[str, Any] | None = None
    for info in sorted(latest.values(), key=lambda i: (i.round_date, i.round_id)):
        s = info.summary
        point: dict[str, Any] = {
            "round": info.round_id,
            "date": info.round_date,
            "record": info.id,
            "framework": info.framework,
            "policy": info.policy,
            "overall": dict(s["overall"]),
            "prerequisites": dict(s["prerequisites"]),
            "categories": {k: dict(v) for k, v in s["categories"].items()},
            "category_order": list(s.get("category_order") or s["categories"]),
        }
        for part in (point["overall"], point["prerequisites"]):
            part["pp"] = None
        for v in point["categories"].values():
            v["pp"] = None
        if prev is not None:
            point["overall"]["pp"] = _pp(prev["overall"], point["overall"])
            point["prerequisites"]["pp"] = _pp(prev["prerequisites"], point["prerequisites"])
            for k, v in point["categories"].items():
                v["pp"] = _pp(prev["categories"].get(k), v)
        points.append(point)
        prev = point
    return points


def records_trend(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the trend points of full result records (e.g. those a report holds), later records winning per round."""
    infos = [
        RecordInfo(
            i,
            r["site"]["id"],
            r["round"]["id"],
            str(r["round"].get("date") or ""),
            str(r.get("created") or ""),
            "",
            str(r.get("tool_version") or ""),
            f"{r['framework']['id']} {r['framework']['version']}",
            (r.get("profile") or {}).get("id"),
            r["policy"]["name"],
            "",
            summary(r),
        )
        for i, r in enumerate(records)
    ]
    return trend_points(infos)


def _pp(old: dict[str, Any] | None, new: dict[str, Any]) -> float | None:
    """Return the change in percentage points, or None when either side has no percentage."""
    if old is None or old.get("pc") is None or new.get("pc") is None:
        return None
    return round(new["pc"] - old["pc"], 6)


def site_trend(site_id: str, db: str | None = None) -> list[dict[str, Any]]:
    """Return the trend points of a site from the history store (empty when it has no records)."""
    store = Store(db)
    try:
        with store.session() as conn:
            return trend_points(list_records(conn, site_id))
    finally:
        store.dispose()
