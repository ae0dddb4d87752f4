"""The explicit registry of rule kinds: name -> module implementing ``RuleKind``."""

from __future__ import annotations

from collections.abc import Mapping

from . import checklist, document, tenant_share, threshold, yes_no
from .base import RuleKind

REGISTRY: Mapping[str, RuleKind] = {
    yes_no.NAME: yes_no,  # type: ignore[dict-item]
    threshold.NAME: threshold,  # type: ignore[dict-item]
    tenant_share.NAME: tenant_share,  # type: ignore[dict-item]
    checklist.NAME: checklist,  # type: ignore[dict-item]
    document.NAME: document,  # type: ignore[dict-item]
}
