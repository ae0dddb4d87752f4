"""The catalogue cache: a hit equals a fresh load; a changed file, tool or corrupt entry is never served."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eipassess.catalogue import cache, criteria_root, load_catalogue
from eipassess.catalogue.load import load_framework
from eipassess.catalogue.profile import resolve
from eipassess.model import Catalogue


@pytest.fixture
def fw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in framework in a fresh folder, with a fresh cache folder and no in-process memo."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_memo", {})
    shutil.copytree(criteria_root() / "eip-v2", tmp_path / "fw")
    return tmp_path / "fw"


def entries(folder: Path) -> list[Path]:
    """The entry files of a cache folder."""
    return sorted(folder.glob("*.json"))


def test_hit_from_disk_equals_a_fresh_load(fw: Path) -> None:
    fresh, warnings = load_framework(fw)
    first = load_catalogue(str(fw))
    assert len(entries(fw.parent / "cache")) == 1
    cache._memo.clear()  # as a new process would: only the file is left
    second = load_catalogue(str(fw))
    assert isinstance(second[0], Catalogue)
    assert second == first == (fresh, warnings)
    assert second[0] is not fresh and second[0].requirements == fresh.requirements


def test_hit_is_served_from_the_file(fw: Path) -> None:
    load_catalogue(str(fw))
    entry = entries(fw.parent / "cache")[0]
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["catalogue"]["@"][1]["framework_version"] = "from-the-cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    cache._memo.clear()
    assert load_catalogue(str(fw))[0].framework_version == "from-the-cache"  # proves the entry was used


def test_profile_hit_equals_a_fresh_load(fw: Path) -> None:
    path = criteria_root() / "profiles" / "vn-decree-82.yaml"
    fresh = resolve(str(path))
    load_catalogue(None, str(path))
    cache._memo.clear()
    assert load_catalogue(None, str(path)) == fresh


@pytest.mark.parametrize("memo", [True, False], ids=["same-process", "new-process"])
def test_changing_a_file_invalidates(fw: Path, memo: bool) -> None:
    before = load_catalogue(str(fw))[0]
    req = fw / "requirements" / "environmental.yaml"
    text = req.read_text(encoding="utf-8")
    first = before.requirements[[r.category for r in before.requirements].index("environmental")]
    old_title = first.title["en"]
    req.write_text(text.replace(old_title, old_title + " (edited)", 1), encoding="utf-8")
    if not memo:
        cache._memo.clear()
    after = load_catalogue(str(fw))[0]
    assert after.requirement(first.id).title["en"] == old_title + " (edited)"
    assert after.checksum != before.checksum


def test_a_new_file_beside_a_profile_invalidates(tmp_path: Path, fw: Path) -> None:
    (tmp_path / "site").mkdir()
    prof = tmp_path / "site" / "p.yaml"
    shutil.copy(criteria_root() / "profiles" / "vn-decree-82.yaml", prof)
    load_catalogue(None, str(prof))
    key = cache.entry_key("profile", prof)
    deps = json.loads((fw.parent / "cache" / f"{key}.json").read_text(encoding="utf-8"))["deps"]
    assert cache.unchanged(deps)
    (tmp_path / "site" / "eip-v2.yaml").write_text("id: other\n", encoding="utf-8")  # would now shadow `extends: eip-v2`
    assert not cache.unchanged(deps)


def test_every_yaml_file_read_is_a_dependency(fw: Path) -> None:
    load_catalogue(str(fw))
    deps = json.loads(entries(fw.parent / "cache")[0].read_text(encoding="utf-8"))["deps"]
    files = {Path(k.partition(":")[2]) for k in deps if k.startswith("file:")}
    assert files >= {p.resolve() for p in fw.rglob("*.yaml")}
    assert cache.unchanged(deps)
    (fw.parent / "sources.yaml").write_text("sources: []\n", encoding="utf-8")  # a file beside the framework folder
    assert not cache.unchanged(deps)


def test_other_code_is_a_different_entry(fw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.entry_key("framework", fw)
    monkeypatch.setattr(cache, "_code", ["another version of the tool"])
    assert cache.entry_key("framework", fw) != key


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1}',
        b"\xff\xfe garbage",
        None,  # a well-formed entry whose catalogue names a class outside the model
    ],
    ids=["empty", "broken-json", "list", "no-key", "binary", "foreign-class"],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(fw: Path, damage: bytes | None) -> None:
    good = load_catalogue(str(fw))
    entry = entries(fw.parent / "cache")[0]
    if damage is None:
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["catalogue"]["@"][0] = "Path"
        entry.write_text(json.dumps(data), encoding="utf-8")
    else:
        entry.write_bytes(damage)
    cache._memo.clear()
    assert load_catalogue(str(fw)) == good
    assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem  # rebuilt in place


def test_off_writes_nothing(fw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    load_catalogue(str(fw))
    assert not (fw.parent / "cache").exists()


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "eipassess"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
    assert cache.cache_dir() == Path.home() / ".cache" / "eipassess"


def test_round_trip_keeps_types() -> None:
    import datetime as dt

    value = {"a": (1, 2.5, None), 3: [True, "x"], "@x": dt.date(2020, 1, 2), "t": dt.datetime(2020, 1, 2, 3, 4)}
    assert cache.decode(json.loads(json.dumps(cache.encode(value)))) == value
    with pytest.raises(cache.Unsupported):
        cache.encode({"s": {1, 2}})


def test_cli_hit_prints_the_same(fw: Path, tmp_path: Path) -> None:
    import os

    cmd = [sys.executable, "-m", "eipassess", "criteria", "list", "--framework", str(fw)]
    env = {**os.environ, cache.ENV: str(tmp_path / "cache")}
    runs = [subprocess.run(cmd, capture_output=True, text=True, env=env, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert len(entries(tmp_path / "cache")) == 1


def test_assess_with_report_loads_the_catalogue_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eipassess.catalogue as catalogue_pkg
    from eipassess.cli.main import main

    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.setattr(cache, "_memo", {})
    calls: list[Path] = []
    real = catalogue_pkg._framework

    def counting(root: Path) -> object:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(catalogue_pkg, "_framework", counting)
    minsk = Path(__file__).parents[2] / "sample_sites" / "fez-minsk"
    db = f"sqlite:///{tmp_path / 'h.sqlite'}"
    assert main(["assess", str(minsk), "--report", "json", "--out", str(tmp_path / "out"), "--db", db]) == 0
    assert len(calls) == 1  # two rounds assessed (the earlier one for the comparison), one catalogue load
