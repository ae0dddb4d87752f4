"""Render a set of reports (formats x languages) to bytes, in parallel worker processes when it pays."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

# The most worker processes to use (default: the number of cores); 1 renders one report at a time.
ENV_JOBS = "EIPASSESS_JOBS"


@dataclass(frozen=True)
class Job:
    """One report to render: its format ("pdf" or "html"), language and fingerprint."""

    fmt: str
    lang: str
    fingerprint: str


@dataclass(frozen=True)
class Inputs:
    """What every report of the set is built from."""

    record: Mapping[str, Any]
    previous: Mapping[str, Any] | None
    history: Sequence[Mapping[str, Any]]


def render_one(inputs: Inputs, job: Job) -> bytes:
    """Render one report to bytes (in this process)."""
    from .html import render_html
    from .pdf import render_pdf
    from .view import build

    view = replace(build(inputs.record, job.lang, inputs.previous, inputs.history), fingerprint=job.fingerprint)
    data = render_pdf(view) if job.fmt == "pdf" else render_html(view)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def workers(jobs: Sequence[Job], limit: int | None = None) -> int:
    """Return how many processes to use: one per report up to the cores (or ``limit``, else $EIPASSESS_JOBS)."""
    cores = os.cpu_count() or 1
    if limit is None:
        given = os.environ.get(ENV_JOBS, "").strip()
        limit = int(given) if given.isdigit() and int(given) > 0 else cores
    return max(1, min(len(jobs), limit, cores))


def _context() -> Any:
    """Return the start method: fork where the platform has it (workers inherit the imported libraries)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def render_all(inputs: Inputs, jobs: Sequence[Job], limit: int | None = None) -> list[bytes]:
    """Render every job, PDFs spread over worker processes; the bytes equal rendering them one at a time."""
    n = workers(jobs, limit)
    if n <= 1:
        return [render_one(inputs, j) for j in jobs]
    if any(j.fmt == "pdf" for j in jobs):
        import weasyprint  # noqa: F401 - imported once here, inherited by forked workers

    order = sorted(range(len(jobs)), key=lambda i: jobs[i].fmt != "pdf")  # the long PDFs start first
    out: list[bytes] = [b""] * len(jobs)
    with ProcessPoolExecutor(max_workers=n, mp_context=_context()) as pool:
        futures = {i: pool.submit(render_one, inputs, jobs[i]) for i in order}
        for i, fut in futures.items():
            out[i] = fut.result()
    return out
