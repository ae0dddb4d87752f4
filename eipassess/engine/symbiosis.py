"""The register rule: implemented synergies, not the yes/no answers, decide the symbiosis requirements.

When a site keeps a synergy register, on the round's date:
- a ``threshold`` requirement counted in ``links`` (ENV-20) takes the number of synergies implemented
  (operating) as its value, instead of the number the park management answered;
- a ``tenant_share`` requirement on the indicator ``is_exchange`` (ENV-21) takes the share of all tenant
  firms of the park that take part in an implemented synergy, instead of the survey's yes answers;
- a ``tenant_share`` requirement on ``is_interest`` (ENV-22) takes the share of tenant firms in a synergy
  under discussion, in feasibility study or implemented.
Neighbours that are not tenants count as links but not as tenant firms. The intended value still comes
from the answer when one is given. Requirements of other kinds are left as answered.
"""

from __future__ import annotations

from ..model import Outcome, RequirementResult, Round, Synergy
from .kinds import REGISTRY
from .kinds.base import Context

OPERATING = ("implemented",)
PIPELINE = ("discussed", "feasibility", "implemented")
TENANT_RULES = {"is_exchange": OPERATING, "is_interest": PIPELINE}


def _on(register: tuple[Synergy, ...], day: str, statuses: tuple[str, ...]) -> list[Synergy]:
    """Return the synergies whose status on ``day`` is one of ``statuses``."""
    return [s for s in register if s.status_on(day) in statuses]


def register_outcome(r: RequirementResult, rnd: Round, tenants_total: int, ctx: Context) -> Outcome | None:
    """Return the outcome the register gives a requirement, or None when the rule does not cover it."""
    register = rnd.synergies
    if register is None or (r.answer is not None and r.answer.not_applicable):
        return None
    rule = r.requirement.rule
    kind = REGISTRY[rule.kind]
    answered = r.answer.value if r.answer is not None else None
    if rule.kind == "threshold" and rule.settings.get("unit") == "links" and not rule.settings.get("indicator"):
        live = _on(register, rnd.date, OPERATING)
        base = kind.evaluate(rule, r.answer, len(live), ctx)
        extra = {"count": len(live), "synergies": [s.id for s in live]}
    elif rule.kind == "tenant_share" and rule.settings.get("indicator") in TENANT_RULES:
        statuses = TENANT_RULES[rule.settings["indicator"]]
        live = _on(register, rnd.date, statuses)
        firms = sorted({t for s in live for t in s.tenants})
        if tenants_total <= 0:
            return None
        share = min(1.0, len(firms) / tenants_total)
        base = kind.evaluate(rule, r.answer, share, ctx)
        extra = {"yes": len(firms), "tenants_total": tenants_total, "firms": firms, "synergies": [s.id for s in live]}
    else:
        return None
    values = {
        **base.values,
        **extra,
        "source": "register",
        "on": rnd.date,
        "stages": list(statuses if rule.kind == "tenant_share" else OPERATING),
    }
    values["answered"] = answered
    return Outcome(base.verdict, "register_" + base.reason, values)


def apply_register(
    results: tuple[RequirementResult, ...], rnd: Round, tenants_total: int, ctx: Context
) -> tuple[RequirementResult, ...]:
    """Replace the outcomes of the symbiosis requirements by the register's, when the site keeps one."""
    if rnd.synergies is None:
        return results
    out = []
    for r in results:
        current = register_outcome(r, rnd, tenants_total, ctx)
        if current is None:
            out.append(r)
            continue
        keep_intended = r.answer is not None and r.answer.intended is not None
        out.append(RequirementResult(r.requirement, current, r.intended if keep_intended else current, r.answer))
    return tuple(out)
