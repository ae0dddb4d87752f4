"""The rules engine: pure evaluation of requirements and scoring policies."""

from .evaluate import evaluate
from .policies import ALIASES, DEFAULT_POLICY, POLICIES, canonical

__all__ = ["evaluate", "ALIASES", "DEFAULT_POLICY", "POLICIES", "canonical"]
