"""RECP figures per firm and for the park, from the tenant survey and the flows inventory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..flows.data import Tables
from ..flows.records import Flow

# Energy carriers in MWh/yr and the emission-factor parameter each uses.
CARRIERS = {
    "natural_gas": "ef_natural_gas",
    "electricity": "ef_electricity",
    "district_heat": "ef_district_heat",
    "diesel": "ef_diesel",
}


@dataclass(frozen=True)
class FirmFigures:
    """One firm's (or the park's) resource figures; None where the data do not give one."""

    firm: str
    employees: float | None = None
    energy_mwh: float | None = None
    water_m3: float | None = None
    materials_t: float = 0.0
    product_t: float | None = None
    waste_t: float = 0.0
    recovered_t: float = 0.0
    hazardous_t: float = 0.0
    ghg_t: float | None = None
    ghg_factors: tuple[str, ...] = ()

    def _per(self, value: float | None, base: float | None) -> float | None:
        return None if value is None or not base else value / base

    @property
    def energy_per_employee(self) -> float | None:
        """Return MWh per employee."""
        return self._per(self.energy_mwh, self.employees)

    @property
    def water_per_employee(self) -> float | None:
        """Return m³ per employee."""
        return self._per(self.water_m3, self.employees)

    @property
    def materials_per_employee(self) -> float | None:
        """Return tonnes of material inputs per employee."""
        return self._per(self.materials_t or None, self.employees)

    @property
    def energy_per_output(self) -> float | None:
        """Return MWh per tonne of product, where the product quantity is given."""
        return self._per(self.energy_mwh, self.product_t)

    @property
    def recovery_rate(self) -> float | None:
        """Return the share of waste going to a recovery operation (R1-R13)."""
        return self._per(self.recovered_t, self.waste_t)

    @property
    def hazardous_share(self) -> float | None:
        """Return the share of hazardous waste in all waste."""
        return self._per(self.hazardous_t, self.waste_t)


def firm_figures(firm: str, flows: list[Flow], survey: Mapping[str, float], tables: Tables) -> FirmFigures:
    """Compute one firm's figures: survey energy, water and employees; flows for materials, waste and GHG."""
    materials = sum(f.quantity for f in flows if f.direction == "input" and f.type == "material" and f.unit == "t/yr")
    products = [f.quantity for f in flows if f.type == "product" and f.unit == "t/yr"]
    waste = [f for f in flows if f.direction == "output" and f.type in ("waste", "by_product") and f.unit == "t/yr"]
    ghg = 0.0
    factors: list[str] = []
    carriers = [f for f in flows if f.direction == "input" and f.material in CARRIERS and f.unit == "MWh/yr"]
    for f in carriers:
        name = CARRIERS[f.material]
        ghg += f.quantity * tables.param(name)
        factors.append(name)
    energy = survey.get("energy_mwh")
    if not carriers and energy is not None:
        ghg = energy * tables.param("ef_energy_default")
        factors.append("ef_energy_default")
    return FirmFigures(
        firm=firm,
        employees=survey.get("employees"),
        energy_mwh=energy if energy is not None else (sum(f.quantity for f in carriers) or None),
        water_m3=survey.get("water_m3"),
        materials_t=materials,
        product_t=sum(products) if products else None,
        waste_t=sum(f.quantity for f in waste),
        recovered_t=sum(f.quantity for f in waste if f.destination.startswith("R")),
        hazardous_t=sum(f.quantity for f in waste if f.hazardous),
        ghg_t=ghg if factors else None,
        ghg_factors=tuple(dict.fromkeys(factors)),
    )


def park_figures(firms: list[FirmFigures]) -> FirmFigures:
    """Add the firms' figures up to the park (sums; ratios follow from the sums)."""

    def total(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    return FirmFigures(
        firm="",
        employees=total([f.employees for f in firms]),
        energy_mwh=total([f.energy_mwh for f in firms]),
        water_m3=total([f.water_m3 for f in firms]),
        materials_t=sum(f.materials_t for f in firms),
        product_t=total([f.product_t for f in firms]),
        waste_t=sum(f.waste_t for f in firms),
        recovered_t=sum(f.recovered_t for f in firms),
        hazardous_t=sum(f.hazardous_t for f in firms),
        ghg_t=total([f.ghg_t for f in firms]),
        ghg_factors=tuple(dict.fromkeys(x for f in firms for x in f.ghg_factors)),
    )
