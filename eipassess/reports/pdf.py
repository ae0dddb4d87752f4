"""The PDF report: the report HTML laid out by WeasyPrint, fetching nothing but the packaged assets."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from . import charts
from .i18n import Translator
from .planview import plan_rows, status_legend
from .render import SECTIONS, environment, static_dir
from .viewtypes import Report


class AssetRefused(ValueError):
    """A URL outside the report's packaged assets was requested."""


def _asset_path(url: str) -> Path:
    """Return the packaged file a URL names; raise AssetRefused for anything else (other files, the network)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise AssetRefused(f"report assets only: refused {url[:80]!r}")
    root = static_dir().resolve()
    path = Path(unquote(parts.path)).resolve()
    if root not in path.parents or not path.is_file():
        raise AssetRefused(f"report assets only: refused {url[:80]!r}")
    return path


def _fetcher() -> Any:
    """Return a WeasyPrint URL fetcher limited to the packaged static assets."""
    from weasyprint import urls

    def body(url: str) -> tuple[Path, bytes, str]:
        path = _asset_path(url)
        return path, path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream"

    base = getattr(urls, "URLFetcher", None)
    if base is None:  # WeasyPrint before the URLFetcher class: a plain function returning a dict

        def fetch_old(url: str) -> dict[str, Any]:
            path, data, mime = body(url)
            return {"string": data, "mime_type": mime, "redirected_url": path.as_uri()}

        return fetch_old

    class AssetFetcher(base):  # type: ignore[misc, valid-type]
        """Serve packaged assets from disk; refuse every other URL."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            path, data, mime = body(url)
            return urls.URLFetcherResponse(path.as_uri(), data, {"Content-Type": mime})

    return AssetFetcher()


def page_label_css(t: Translator) -> Markup:
    """Return the CSS content value for "Page x of y" in the report's language."""
    template = t("page_x_of_y")
    parts = []
    for chunk in template.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0"):
        if chunk in ("page", "pages"):
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append('"' + chunk.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return Markup(" ".join(parts))


def pdf_html(view: Report) -> str:
    """Return the print HTML of the report (static SVG charts, print CSS)."""
    t = Translator(view.lang)
    svgs = {
        "categories": Markup(charts.bars(view.categories, t("by_category"), t("current"), t("intended"))),
        "subcategories": Markup(charts.bars(view.subcategories, t("by_subcategory"), t("current"), t("intended"))),
        "trend": Markup(charts.trend_line(view.trend, t("trend"))) if view.trend else Markup(""),
        "timeline": Markup(charts.timeline(plan_rows(view), t("timeline"), status_legend(t), (view.round_date, view.round_id))),
    }
    return (
        environment()
        .get_template("report.html.j2")
        .render(r=view, t=t, pdf=True, sections=SECTIONS, charts=svgs, page_css=page_label_css(t))
    )


def html_to_pdf(html: str, identifier: str = "") -> bytes:
    """Lay out print HTML with WeasyPrint, resolving links against the packaged assets only."""
    from weasyprint import HTML

    base = static_dir().resolve().as_uri() + "/"
    # The identifier lands uncompressed in the PDF trailer, so a later run can tell whether a file holds this report.
    ident = f"eipassess-fingerprint:{identifier}".encode("ascii") if identifier else None
    return bytes(HTML(string=html, base_url=base, url_fetcher=_fetcher()).write_pdf(pdf_identifier=ident))


def render_pdf(view: Report) -> bytes:
    """Return the PDF report of a view."""
    return html_to_pdf(pdf_html(view), view.fingerprint)
