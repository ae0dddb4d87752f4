"""The workbook's fixed layout and its hidden metadata sheet, shared by export and import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

META_SHEET = "_eipassess"
FORMAT = "eipassess.fieldwork"
FORMAT_VERSION = 1
PARK_HEADER_ROW = 6  # rows 1-4: title and round fields, row 6: headers, rows 7+: one per requirement or element
TENANT_HEADER_ROW = 2  # row 1: the question, row 2: the column id, rows 3+: one per firm
ROUND_FIELD_ROWS = {"date": 2, "assessor": 3, "intended_year": 4}


@dataclass
class Meta:
    """What the hidden metadata sheet records about a generated workbook."""

    framework: str
    framework_version: str
    profile: str
    site: str
    round: str
    lang: str
    tool_version: str
    park_sheet: str
    tenant_sheet: str
    park_columns: list[str]
    tenant_columns: list[str]
    rows: dict[int, tuple[str, str]] = field(default_factory=dict)  # park sheet row -> (requirement id, element id)

    def write(self, ws: Any) -> None:
        """Write the metadata as key/value rows, then one row per park questionnaire row."""
        pairs = [
            ("format", FORMAT),
            ("format_version", FORMAT_VERSION),
            ("framework", self.framework),
            ("framework_version", self.framework_version),
            ("profile", self.profile),
            ("site", self.site),
            ("round", self.round),
            ("lang", self.lang),
            ("tool_version", self.tool_version),
            ("park_sheet", self.park_sheet),
            ("tenant_sheet", self.tenant_sheet),
            ("park_columns", ",".join(self.park_columns)),
            ("tenant_columns", ",".join(self.tenant_columns)),
        ]
        for key, value in pairs:
            ws.append([key, value])
        for row, (rid, item) in sorted(self.rows.items()):
            ws.append(["row", row, rid, item])


def read_meta(ws: Any) -> Meta | None:
    """Read the metadata sheet back; None when it is not one this tool wrote."""
    values: dict[str, Any] = {}
    rows: dict[int, tuple[str, str]] = {}
    for cells in ws.iter_rows(values_only=True):
        if not cells or cells[0] is None:
            continue
        if cells[0] == "row" and len(cells) >= 3 and isinstance(cells[1], int):
            rows[cells[1]] = (str(cells[2]), "" if len(cells) < 4 or cells[3] is None else str(cells[3]))
        else:
            values[str(cells[0])] = "" if len(cells) < 2 or cells[1] is None else cells[1]
    if values.get("format") != FORMAT:
        return None

    def text(key: str) -> str:
        return str(values.get(key, ""))

    return Meta(
        framework=text("framework"),
        framework_version=text("framework_version"),
        profile=text("profile"),
        site=text("site"),
        round=text("round"),
        lang=text("lang") or "en",
        tool_version=text("tool_version"),
        park_sheet=text("park_sheet"),
        tenant_sheet=text("tenant_sheet"),
        park_columns=[c for c in text("park_columns").split(",") if c],
        tenant_columns=[c for c in text("tenant_columns").split(",") if c],
        rows=rows,
    )
