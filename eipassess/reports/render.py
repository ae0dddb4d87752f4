"""The Jinja2 environment (autoescaped) and the packaged static assets shared by the PDF and HTML writers."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2

# (anchor id, message id) of the report's chapters, in order; the cover and contents precede them.
SECTIONS = (
    ("sec-summary", "sec_summary"),
    ("sec-charts", "sec_charts"),
    ("sec-gaps", "sec_gaps"),
    ("sec-actions", "sec_actions"),
    ("sec-data", "sec_data"),
    ("sec-method", "sec_method"),
    ("sec-appendix", "sec_appendix"),
    ("sec-survey", "sec_survey"),
)


def package_dir() -> Path:
    """Return the folder of the reports package (templates/ and static/ live in it)."""
    return Path(str(files("eipassess.reports")))


def static_dir() -> Path:
    """Return the folder of the packaged CSS and fonts."""
    return package_dir() / "static"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Return the template environment: package templates only, autoescape always on, undefined names fail."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(package_dir() / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def asset(name: str) -> str:
    """Return a packaged static text asset (CSS or JS)."""
    return (static_dir() / name).read_text(encoding="utf-8")
