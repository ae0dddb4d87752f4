"""Glue from files to an assessment: load the site, its criteria and a round, then evaluate."""

from __future__ import annotations

from pathlib import Path

from .catalogue import load_catalogue
from .engine import DEFAULT_POLICY, evaluate
from .errors import Problem
from .model import Assessment, Catalogue, SiteProfile
from .site.load import load_round, load_site


def site_catalogue(folder: Path, profile: str | None = None) -> tuple[SiteProfile, Catalogue, list[Problem]]:
    """Load a site's profile and the criteria it is assessed against (``profile`` overrides the site's)."""
    site, warnings = load_site(folder)
    chosen = profile or site.profile
    if chosen and not Path(chosen).suffix and (folder / f"{chosen}.yaml").is_file():
        chosen = str(folder / f"{chosen}.yaml")
    framework = site.framework
    if (folder / framework / "framework.yaml").is_file():  # a framework folder beside the site
        framework = str(folder / framework)
    catalogue, cwarn = load_catalogue(framework, chosen)
    return site, catalogue, warnings + cwarn


def assess_site(
    folder: Path, round_id: str | None = None, profile: str | None = None, policy: str = DEFAULT_POLICY
) -> tuple[Assessment, list[Problem]]:
    """Assess one round (default: the latest) of the site in ``folder``."""
    site, catalogue, warnings = site_catalogue(folder, profile)
    rnd, rwarn = load_round(folder, round_id, site, catalogue)
    return evaluate(catalogue, site, rnd, policy), warnings + rwarn
