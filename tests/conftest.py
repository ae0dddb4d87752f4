"""Suite-wide isolation: every test gets its own history store, so no test writes into the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_history_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point $EIPASSESS_DB at a fresh SQLite file unless a test sets its own."""
    folder: Path = tmp_path_factory.mktemp("store")
    monkeypatch.setenv("EIPASSESS_DB", f"sqlite:///{folder / 'history.sqlite'}")


@pytest.fixture(autouse=True)
def _isolated_catalogue_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point $EIPASSESS_CACHE at this test session's own folder, never the user's cache."""
    monkeypatch.setenv("EIPASSESS_CACHE", str(tmp_path_factory.getbasetemp() / "catalogue-cache"))
