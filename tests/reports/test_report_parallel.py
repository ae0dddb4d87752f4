"""Reports rendered in parallel worker processes are byte-identical to reports rendered one at a time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from eipassess.reports import parallel
from eipassess.reports.html import render_html
from eipassess.reports.parallel import Inputs, Job, render_all, workers
from eipassess.reports.view import build

SET = [Job("pdf", "en", ""), Job("html", "en", ""), Job("pdf", "ru", ""), Job("html", "ru", "")]


def test_parallel_set_equals_one_at_a_time(baseline: dict[str, Any], baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    one_at_a_time = {Job("pdf", lang, ""): baseline_pdfs[lang][0] for lang in ("en", "ru")} | {
        Job("html", lang, ""): render_html(build(baseline, lang)).encode("utf-8") for lang in ("en", "ru")
    }
    together = render_all(Inputs(baseline, None, []), SET, limit=2)
    assert [len(b) for b in together] == [len(one_at_a_time[j]) for j in SET]
    assert together == [one_at_a_time[j] for j in SET]


def _pid(inputs: Inputs, job: Job) -> bytes:
    """Stand-in renderer: the id of the process that rendered."""
    return f"{job.fmt}-{job.lang}:{os.getpid()}".encode()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the set is rendered in this process")
@pytest.mark.parametrize("early", [False, True], ids=["started-when-rendering", "prestarted"])
def test_pdfs_go_to_worker_processes(monkeypatch: pytest.MonkeyPatch, early: bool) -> None:
    monkeypatch.setattr(parallel, "render_one", _pid)
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    if early:
        parallel.prestart(2)
        assert parallel._started
    try:
        out = render_all(Inputs({}, None, []), SET)
    finally:
        parallel.finish()
    assert not parallel._started
    assert [o.split(b":")[0] for o in out] == [b"pdf-en", b"html-en", b"pdf-ru", b"html-ru"]
    pids = [int(o.split(b":")[1]) for o in out]
    assert pids[1] == pids[3] == os.getpid()  # HTML here, meanwhile
    assert pids[0] != os.getpid() and pids[2] != os.getpid()


def test_one_job_at_a_time_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "render_one", _pid)
    monkeypatch.setenv(parallel.ENV_JOBS, "1")
    parallel.prestart(2)
    assert not parallel._started
    assert {int(o.split(b":")[1]) for o in render_all(Inputs({}, None, []), SET)} == {os.getpid()}


def test_a_busy_machine_renders_here_unless_told(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(parallel.ENV_JOBS, raising=False)
    cores = os.cpu_count() or 1
    monkeypatch.setattr(parallel, "LOADAVG", str(tmp_path / "no-such-file"))  # no task count: the load average decides
    monkeypatch.setattr(os, "getloadavg", lambda: (float(cores), 0.0, 0.0))
    assert workers(4) == 1
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert workers(4) == min(4, cores)
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    monkeypatch.setattr(os, "getloadavg", lambda: (float(cores), 0.0, 0.0))
    assert workers(4) == min(2, cores)


def test_worker_count() -> None:
    cores = os.cpu_count() or 1
    assert workers(4, 8) == min(4, cores)
    assert workers(1, 8) == 1
    assert workers(4, 1) == 1
    assert workers(0, 8) == 0


def test_what_runs_now_decides_not_the_last_minute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The kernel's count of running tasks wins over the lagging load average, either way."""
    monkeypatch.delenv(parallel.ENV_JOBS, raising=False)
    cores = os.cpu_count() or 1
    loadavg = tmp_path / "loadavg"
    monkeypatch.setattr(parallel, "LOADAVG", str(loadavg))
    monkeypatch.setattr(os, "getloadavg", lambda: (float(cores + 3), 0.0, 0.0))  # busy a minute ago
    loadavg.write_text(f"{cores + 3}.00 1.00 1.00 1/300 4242\n", encoding="ascii")  # only this process runs now
    assert workers(4) == min(4, cores)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # idle a minute ago
    loadavg.write_text(f"0.00 0.00 0.00 {cores + 1}/300 4242\n", encoding="ascii")  # every core taken now
    assert workers(4) == 1
