"""Hostile inputs are refused by the limits: exit 2, the file and the limit named, within seconds (a guard, not a timing test)."""

from __future__ import annotations

import os
import shutil
import signal
import struct
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from eipassess.cli.main import main

ROUND = Path("rounds") / "2021-07"
HEAD = "date: 2021-07-15\nassessor: A. Tester\nanswers:\n"
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)
GUARD_S = 10.0


@contextmanager
def alarm(seconds: int = 30) -> Iterator[None]:
    """Fail instead of hanging when a read blocks (a device or a pipe)."""

    def boom(signum: int, frame: object) -> None:
        raise TimeoutError("the command did not finish: a read blocked or ran away")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, float]:
    """Run the command line; return its exit code, stderr and wall time."""
    start = time.perf_counter()
    with alarm():
        code = main([str(a) for a in args])
    took = time.perf_counter() - start
    return code, capsys.readouterr().err, took


def refused(code: int, err: str, took: float, *named: str) -> None:
    """Assert exit 2, every name in the message, no traceback, within the guard time."""
    assert code == 2, err
    assert "Traceback" not in err
    for name in named:
        assert name in err, (name, err)
    assert took < GUARD_S, took


def test_alias_bomb_in_answers(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A billion laughs of a few hundred bytes in answers.yaml is refused by the value limit."""
    path = site_a / ROUND / "answers.yaml"
    path.write_text(HEAD + "  PM-P1: yes\n" + BOMB.replace("\n", "\n  ").join(["bomb:\n  ", "\n"]), encoding="utf-8")
    assert path.stat().st_size < 1000
    refused(*run(capsys, "site", "check", site_a), f"{path}:", "limit yaml_nodes", "EIPASSESS_LIMIT_YAML_NODES")


def test_alias_bomb_in_a_profile(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same bomb in a profile named by site.yaml is refused, naming the profile."""
    profile = site_a / "bomb.yaml"
    profile.write_text(BOMB, encoding="utf-8")
    site = site_a / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "profile: bomb\n", encoding="utf-8")
    refused(*run(capsys, "site", "check", site_a), f"{profile}:", "limit yaml_nodes")


def test_merge_key_bomb(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Merge keys (<<) that double at each level are counted like aliases."""
    levels = "".join(f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}], k{i}: 1}}\n" for i in range(1, 40))
    path = site_a / ROUND / "answers.yaml"
    path.write_text("m0: &m0 {k: 1}\n" + levels + HEAD, encoding="utf-8")
    refused(*run(capsys, "site", "check", site_a), f"{path}:", "limit yaml_nodes")


def test_alias_loop(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An alias to the list that holds it (a loop) is refused, not walked forever."""
    path = site_a / ROUND / "answers.yaml"
    path.write_text(HEAD + "  PM-P1: &x [*x]\n", encoding="utf-8")
    refused(*run(capsys, "site", "check", site_a), f"{path}:4:", "a loop")


@pytest.mark.parametrize("text", ["[" * 50_000 + "]" * 50_000, "".join(" " * i + "k:\n" for i in range(500))])
def test_deep_nesting(site_a: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Very deep nesting (flow or block) is refused by the depth limit, never a RecursionError."""
    path = site_a / ROUND / "answers.yaml"
    path.write_text(HEAD + "  PM-P1: yes\nextra: " + text + "\n" if text.startswith("[") else HEAD + text, encoding="utf-8")
    refused(*run(capsys, "site", "check", site_a), f"{path}:", "limit yaml_depth")


def test_oversize_yaml(site_a: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A YAML file over the default size limit is refused before it is parsed; the limit can be raised."""
    path = site_a / ROUND / "answers.yaml"
    path.write_text(HEAD + "  PM-P1: yes\n" + "# padding padding padding padding\n" * 150_000, encoding="utf-8")
    assert path.stat().st_size > 4 * 1024 * 1024
    refused(*run(capsys, "site", "check", site_a), str(path), "limit yaml_bytes", "bytes")
    monkeypatch.setenv("EIPASSESS_LIMIT_YAML_BYTES", str(8 * 1024 * 1024))
    code, err, _ = run(capsys, "site", "check", site_a)
    assert "yaml_bytes" not in err


def test_oversize_csv_survey(site_a: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A CSV survey over its size limit is refused naming the file."""
    monkeypatch.setenv("EIPASSESS_LIMIT_CSV_BYTES", "50")
    survey = next((site_a / ROUND).glob("tenants.*"))
    refused(*run(capsys, "site", "check", site_a), str(survey), "limit csv_bytes")


def test_bad_limit_setting(site_a: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit variable that is not a whole number above 0 is a usage error naming the variable."""
    monkeypatch.setenv("EIPASSESS_LIMIT_YAML_DEPTH", "lots")
    refused(*run(capsys, "site", "check", site_a), "EIPASSESS_LIMIT_YAML_DEPTH")


def _xlsx_survey(site_a: Path) -> Path:
    """Replace the round's survey with an equivalent .xlsx and return its path."""
    rdir = site_a / ROUND
    csv_path = next(rdir.glob("tenants.*"))
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "tenants"
    for line in csv_path.read_text(encoding="utf-8").splitlines():
        ws.append(line.split(","))
    csv_path.unlink()
    path = rdir / "tenants.xlsx"
    wb.save(path)
    answers = rdir / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(csv_path.name, "tenants.xlsx"), encoding="utf-8")
    return path


def test_xlsx_survey_reads_as_before(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The control: the xlsx survey written from the CSV passes."""
    _xlsx_survey(site_a)
    code, err, _ = run(capsys, "site", "check", site_a)
    assert code == 0, err


def test_stray_cell_in_the_last_row(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One stray cell in row 1,048,576 is refused naming the sheet and cell, at no memory cost."""
    path = _xlsx_survey(site_a)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(1_048_576, 2, "oops")  # type: ignore[union-attr]
    wb.save(path)
    refused(*run(capsys, "site", "check", site_a), str(path), "tenants!B1048576", "limit xlsx_rows")


def _rewrite_sheet(path: Path, extra: bytes) -> None:
    """Insert ``extra`` XML at the end of the first sheet's data, keeping the other parts."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", extra + b"</sheetData>")
            zf.writestr(info, data)


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        (b'<row r="900000"><c t="inlineStr" r="C900000"><is><t>x</t></is></c></row>', "tenants!C900000"),
        (b'<row r="900000"><c t="inlineStr"><is><t>x</t></is></c></row>', "tenants!A900000"),
    ],
    ids=["reference-not-first", "no-reference"],
)
def test_stray_cell_written_unusually(site_a: Path, capsys: pytest.CaptureFixture[str], extra: bytes, where: str) -> None:
    """A stray cell whose tag puts its reference last, or has none, is found too."""
    path = _xlsx_survey(site_a)
    _rewrite_sheet(path, extra)
    refused(*run(capsys, "site", "check", site_a), str(path), where, "limit xlsx_rows")


def test_cells_limit(site_a: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows times columns of the read range over the cells limit is refused."""
    path = _xlsx_survey(site_a)
    monkeypatch.setenv("EIPASSESS_LIMIT_XLSX_CELLS", "10")
    refused(*run(capsys, "site", "check", site_a), str(path), "limit xlsx_cells")


def test_zip_bomb_by_inflated_size(site_a: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A part that inflates past the limit is refused from the zip's declared sizes, before reading."""
    path = _xlsx_survey(site_a)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", b"\0" * 4_000_000)
    assert path.stat().st_size < 100_000
    monkeypatch.setenv("EIPASSESS_LIMIT_XLSX_INFLATED", "1000000")
    refused(*run(capsys, "site", "check", site_a), str(path), "limit xlsx_inflated")


def test_zip_bomb_declared_at_default_limit(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A part declaring gigabytes uncompressed is refused at the default limit without inflating anything."""
    path = _xlsx_survey(site_a)
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")  # the first central directory entry: its uncompressed size at offset 24
    data[at + 24 : at + 28] = struct.pack("<I", 0xFFFF0000)
    path.write_bytes(bytes(data))
    refused(*run(capsys, "site", "check", site_a), str(path), "limit xlsx_inflated")


def test_too_many_parts(site_a: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip with more parts than the limit is refused."""
    path = _xlsx_survey(site_a)
    monkeypatch.setenv("EIPASSESS_LIMIT_XLSX_MEMBERS", "3")
    refused(*run(capsys, "site", "check", site_a), str(path), "limit xlsx_members")


def test_not_a_zip(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .xlsx that is not a workbook is a clear error."""
    path = _xlsx_survey(site_a)
    path.write_bytes(b"firm_id,sector\n")
    refused(*run(capsys, "site", "check", site_a), str(path), "an Excel workbook")


def test_stray_cell_in_a_returned_questionnaire(site_a: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`import` of a questionnaire with a stray last-row cell is refused naming the sheet and cell."""
    book = tmp_path / "q.xlsx"
    assert run(capsys, "template", site_a, "--round", "2021-07", "--out", book)[0] == 0
    wb = openpyxl.load_workbook(book)
    wb["Park"].cell(1_048_576, 3, "stray")
    wb.save(book)
    refused(*run(capsys, "import", book, site_a, "--round", "2023-01"), str(book), "Park!C1048576", "limit xlsx_rows")


def _framework_beside(site_a: Path) -> Path:
    """Return the mini framework the site uses (a writable copy)."""
    return (site_a / ".." / "mini-fw").resolve()


def test_device_file_as_requirement_file(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A framework listing /dev/zero as a requirement file is refused naming framework.yaml, not read."""
    fw = _framework_beside(site_a) / "framework.yaml"
    text = fw.read_text(encoding="utf-8")
    fw.write_text(text.replace("requirement_files:\n", "requirement_files:\n  - /dev/zero\n", 1), encoding="utf-8")
    refused(*run(capsys, "site", "check", site_a), "mini-fw/framework.yaml:", "/dev/zero", "leaves the folder")


def test_link_out_of_the_framework_folder(site_a: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A requirement file that is a link to /dev/zero (out of the folder) is refused."""
    fw = _framework_beside(site_a)
    first = sorted((fw / "requirements").glob("*.yaml"))[0]
    first.unlink()
    first.symlink_to("/dev/zero")
    refused(*run(capsys, "site", "check", site_a), "mini-fw/framework.yaml:", first.name, "leaves the folder")


def test_fifo_inside_the_framework_folder(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A requirement file that is a named pipe inside the folder is refused, without blocking on it."""
    fw = _framework_beside(site_a)
    first = sorted((fw / "requirements").glob("*.yaml"))[0]
    first.unlink()
    os.mkfifo(first)
    refused(*run(capsys, "site", "check", site_a), f"mini-fw/requirements/{first.name}", "a regular file", "named pipe")


def test_link_out_of_the_mappings_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mapping file that links out of the mappings folder is not followed."""
    from eipassess.catalogue.locate import criteria_root
    from eipassess.errors import InputError
    from eipassess.history.mappings import load_renames

    folder = tmp_path / "mappings"
    shutil.copytree(criteria_root() / "mappings", folder)
    (folder / "out.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (tmp_path / "elsewhere.yaml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_renames(folder)
    assert "out.yaml" in str(exc.value) and "link out" in str(exc.value)


def test_every_limit_is_documented() -> None:
    """docs/security.md lists each limit with its default and variable, so they cannot drift apart."""
    from eipassess.limits import REGISTRY

    text = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    section = text.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for lim in REGISTRY.values():
        row = next((line for line in section.splitlines() if line.startswith(f"| `{lim.name}` |")), "")
        assert f"{lim.default:,} {lim.unit}" in row and f"`{lim.env}`" in row, lim.name


def test_reading_a_small_file_reserves_no_buffer_the_size_of_the_limit(tmp_path: Path) -> None:
    """A 20-byte survey costs kilobytes to read, not the 256 MiB the CSV limit allows (read(n) reserves n bytes)."""
    import tracemalloc

    from eipassess import limits

    path = tmp_path / "tenants.csv"
    path.write_bytes(b"firm_id,employees\nF1,3\n")
    tracemalloc.start()
    try:
        data = limits.read_bytes(path, limits.CSV_BYTES)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == b"firm_id,employees\nF1,3\n" and peak < 1024 * 1024


@pytest.mark.parametrize("crc_of", ["whole", "declared"])
def test_a_sheet_inflating_past_its_declared_size_is_refused(tmp_path: Path, crc_of: str) -> None:
    """A sheet whose deflate stream runs on past the size its headers declare (with the CRC of either the whole
    data or of its declared head) is refused as damaged, in bounded time and memory: nothing inflates it whole."""
    import zlib

    from eipassess.errors import InputError
    from eipassess.xlsxread import open_workbook

    base, lying = tmp_path / "base.xlsx", tmp_path / "lying.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["firm_id", "employees"])
    wb.save(base)
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                declared = data
                data = data.replace(b"</worksheet>", b" " * (64 * 1024 * 1024) + b"</worksheet>")
                real = data
            zout.writestr(info.filename, data)
    raw = bytearray(lying.read_bytes())
    crc = zlib.crc32(real if crc_of == "whole" else real[: len(declared)])
    for sig, at_len, at_name, at_crc, at_size in ((b"PK\x03\x04", 26, 30, 14, 22), (b"PK\x01\x02", 28, 46, 16, 24)):
        i = raw.find(sig)
        while i != -1:
            n = struct.unpack("<H", raw[i + at_len : i + at_len + 2])[0]
            if bytes(raw[i + at_name : i + at_name + n]) == part.encode():
                struct.pack_into("<I", raw, i + at_size, len(declared))
                struct.pack_into("<I", raw, i + at_crc, crc)
            i = raw.find(sig, i + 4)
    lying.write_bytes(bytes(raw))
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        book = open_workbook(lying)
        list(book[book.sheetnames[0]].iter_rows(values_only=True))
    assert "damaged workbook" in str(caught.value.problems[0]) or "larger than its declared" in str(caught.value.problems[0])
    assert time.monotonic() - started < 5
