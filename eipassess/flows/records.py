"""Plain records of the flows inventory: flows, parties (tenants and neighbours) and plots."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Text

OUTPUT_TYPES = ("waste", "by_product", "surplus_heat", "wastewater", "product")
INPUT_TYPES = ("material", "fuel", "water", "heat")
DIRECTIONS = ("output", "input")
UNITS = ("t/yr", "m3/yr", "MWh/yr")
UNIT_ALIASES = {
    "t/yr": "t/yr",
    "t": "t/yr",
    "m3/yr": "m3/yr",
    "m³/yr": "m3/yr",
    "m3": "m3/yr",
    "mwh/yr": "MWh/yr",
    "mwh": "MWh/yr",
}
DESTINATION_RE = re.compile(r"^(landfill|R([1-9]|1[0-3])|D([1-9]|1[0-5]))$")
PARTY_KINDS = ("tenant", "recycler", "repair", "utility", "other")


def is_disposal(destination: str) -> bool:
    """Tell whether a destination is landfill or a disposal operation (D1-D15)."""
    return destination == "landfill" or destination.startswith("D")


@dataclass(frozen=True)
class Plot:
    """A plot of the park (or next to it) with its position in km on the site's local grid."""

    id: str
    x_km: float
    y_km: float


@dataclass(frozen=True)
class Party:
    """A tenant firm or a neighbour that is not a tenant (recycler, repair shop, utility)."""

    id: str
    name: Text
    kind: str = "tenant"
    nace: str = ""
    plot: str = ""


@dataclass(frozen=True)
class Flow:
    """One row of the flows inventory: a firm's output or input of one material class."""

    firm: str
    direction: str
    type: str
    material: str
    quantity: float
    unit: str
    ewc: str = ""
    national_code: str = ""
    hazardous: bool = False
    quality: str = ""
    destination: str = ""
    cost: float | None = None
    plot: str = ""
    nace: str = ""
    where: str = ""  # file:line or file sheet!row, for messages


@dataclass(frozen=True)
class Inventory:
    """A round's flows with the parties and plots they refer to."""

    flows: tuple[Flow, ...]
    parties: Mapping[str, Party] = field(default_factory=dict)
    plots: Mapping[str, Plot] = field(default_factory=dict)
    source: str = ""
    round_id: str = ""
    round_date: str = ""
