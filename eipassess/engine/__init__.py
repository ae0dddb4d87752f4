"""The rules engine: pure evaluation of requirements and scoring policies."""

from .evaluate import evaluate
from .policies import DEFAULT_POLICY, POLICIES

__all__ = ["evaluate", "DEFAULT_POLICY", "POLICIES"]
