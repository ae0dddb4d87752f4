"""Projected compliance (the computation lives in eipassess.plan.projection; kept here for existing callers)."""

from __future__ import annotations

from ..plan.projection import Projection, project

__all__ = ["Projection", "project"]
