"""Excel data validations of the questionnaire: lists, number ranges and dates, shared by many cells."""

from __future__ import annotations

from typing import Any

from . import labels as L


class Validations:
    """Data validations shared by many cells, keyed by what they accept."""

    def __init__(self, ws: Any, lang: str) -> None:
        self.ws = ws
        self.lang = lang
        self.made: dict[str, Any] = {}

    def add(self, name: str, coord: str) -> None:
        """Apply validation ``name`` to the cell or range ``coord``."""
        if name not in self.made:
            self.made[name] = self._make(name)
            self.ws.add_data_validation(self.made[name])
        self.made[name].add(coord)

    def _make(self, name: str) -> Any:
        from openpyxl.worksheet.datavalidation import DataValidation

        w = L.WORDS.get(self.lang, L.WORDS["en"])
        lists = {
            "yes_no": [w["yes"], w["no"], w["partly"]],
            "item": [w["yes"], w["no"]],
            "tenant_yes_no": [w["yes"], w["no"], w["not_relevant"]],  # n/a: the question does not apply to the firm
            "na": [w["yes"]],
            "status": [w["adopted"], w["draft"]],
            "document": [w["no"]],
        }
        if name in lists:
            dv = DataValidation(type="list", formula1='"' + ",".join(lists[name]) + '"', allow_blank=True)
            if name == "document":  # the list offers "no"; a date may be typed instead
                dv.showErrorMessage = False
                dv.prompt, dv.showInputMessage = w["x_document"], True
            else:
                dv.error, dv.showErrorMessage = " / ".join(lists[name]), True
            return dv
        if name == "share":
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True)
            dv.error = w["x_share"]
        elif name == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="DATE(1990,1,1)", allow_blank=True)
            dv.error = "YYYY-MM-DD"
        elif name == "year":
            dv = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True)
            dv.error = "2000–2100"
        else:  # "number", "min:<m>", or "tenant:<m>" (a survey number column)
            low = name.split(":", 1)[1] if ":" in name else "-1E+15"
            dv = DataValidation(type="decimal", operator="between", formula1=low, formula2="1E+15", allow_blank=True)
            dv.error = w["x_number"] + ("" if ":" not in name else f" ≥ {low}")
            if name.startswith("tenant"):  # a survey number may also be n/a: warn, do not block
                dv.errorStyle = "warning"
        dv.showErrorMessage = True
        return dv
