"""Render a set of reports (formats x languages) to bytes, in parallel worker processes when it pays."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

# The most worker processes to use (default: the number of cores, or 1 while no core is idle); 1 renders
# every report in this process.
ENV_JOBS = "EIPASSESS_JOBS"
LOADAVG = "/proc/loadavg"  # Linux: load averages, then "runnable/total" tasks at this moment
SAMPLES = 3  # reads of the running count, 2 ms apart; the least is taken


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


def workers(pdfs: int, limit: int | None = None) -> int:
    """Return how many worker processes suit ``pdfs`` PDFs: one each, up to the cores (or ``limit``, else
    $EIPASSESS_JOBS); unless told, one at a time here when no core is idle (parallel work would only queue)."""
    cores = os.cpu_count() or 1
    if limit is None:
        given = os.environ.get(ENV_JOBS, "").strip()
        limit = int(given) if given.isdigit() and int(given) > 0 else cores if _idle_core(cores) else 1
    return max(0, min(pdfs, limit, cores))


def _running_others() -> int:
    """Return how many tasks besides this one the kernel counts as running, after a short pause."""
    time.sleep(0.002)
    with open(LOADAVG, encoding="ascii") as fh:
        return int(fh.read().split()[3].split("/")[0]) - 1  # this process is running while it reads


def _idle_core(cores: int) -> bool:
    """Tell whether a core is idle now: the tasks running at this moment besides this one leave a core free.

    The kernel's count of runnable tasks (/proc/loadavg) says what runs now; the one-minute load average
    lags by a minute (the commands a script ran just before count as load). Without the count, the load
    average decides; with neither, yes.
    """
    try:
        others = min(_running_others() for _ in range(SAMPLES))  # a task that ran for an instant is no load
        return cores - others >= 1
    except (OSError, ValueError, IndexError):
        pass
    try:
        return cores - os.getloadavg()[0] >= 1.0
    except (AttributeError, OSError):
        return True


# A tiny page in the report's own stylesheets and fonts, laid out once by each worker as it starts.
WARM_HTML = (
    '<html><head><link rel="stylesheet" href="report.css"><link rel="stylesheet" href="print.css"></head>'
    "<body><h1>Report</h1><p>Отчёт <b>1</b> <i>2</i></p><table><tr><td>3</td></tr></table></body></html>"
)

_started: list[ProcessPoolExecutor] = []


def _warm() -> None:
    """Import WeasyPrint and lay out a tiny page (fonts, stylesheets) so the first real PDF starts at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the tool's to handle: it ends its workers itself
    try:
        from .pdf import html_to_pdf

        html_to_pdf(WARM_HTML)
    except Exception:  # noqa: S110 - only a head start: the real render reports any problem itself
        pass


def prestart(pdfs: int) -> None:
    """Start the workers for ``pdfs`` PDFs now, to warm up while the tool assesses; ``finish`` ends them.

    Nothing is started on one core or with $EIPASSESS_JOBS=1: then the reports are rendered in this process.
    """
    n = workers(pdfs)
    if _started or n < 1 or workers(2) < 2:
        return
    pool = ProcessPoolExecutor(max_workers=n, mp_context=_context(), initializer=_warm)
    pool.submit(int)  # forks the workers now (and lets them begin warming)
    _started.append(pool)


@contextmanager
def warmed(pdfs: int) -> Iterator[None]:
    """Run a command's body with ``pdfs`` PDF workers warming up; stop them at once on an error, end them after."""
    prestart(pdfs)
    try:
        yield
    except BaseException:
        finish(abort=True)
        raise
    finally:
        finish()


def finish(abort: bool = False) -> None:
    """End the workers started by ``prestart`` (their warm-up is not waited for); ``abort`` stops them at once."""
    while _started:
        pool = _started.pop()
        if abort:  # an error or Ctrl-C: nothing they render would be written
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


def _context() -> Any:
    """Return the start method: fork where the platform has it (workers inherit the imported libraries)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def render_all(inputs: Inputs, jobs: Sequence[Job], limit: int | None = None) -> list[bytes]:
    """Render every job: PDFs in worker processes (started early or now), the rest here; bytes as one at a time."""
    pdfs = [i for i, j in enumerate(jobs) if j.fmt == "pdf"]
    if _started and pdfs:
        return _run(_started[0], inputs, jobs)
    n = workers(len(pdfs), limit)
    if n < 2:
        return [render_one(inputs, j) for j in jobs]
    import weasyprint  # noqa: F401 - imported once here, inherited by forked workers

    with ProcessPoolExecutor(max_workers=n, mp_context=_context()) as pool:
        return _run(pool, inputs, jobs)


def _run(pool: ProcessPoolExecutor, inputs: Inputs, jobs: Sequence[Job]) -> list[bytes]:
    """Submit the PDFs to ``pool``, render the other reports here meanwhile, and return the bytes in job order."""
    futures = {i: pool.submit(render_one, inputs, j) for i, j in enumerate(jobs) if j.fmt == "pdf"}
    here = {i: render_one(inputs, j) for i, j in enumerate(jobs) if i not in futures}
    return [futures[i].result() if i in futures else here[i] for i in range(len(jobs))]
