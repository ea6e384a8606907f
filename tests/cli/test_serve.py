"""`forslagskassa serve` as a developer and an operator start it: where to log in, and how many processes."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from cli.main import app
from cli.serve import say_where_to_log_in
from core.settings import Settings, get_settings
from tests.conftest import LOTEN, ROOT
from tests.processes import SERVE, ServerProcess


def test_with_dev_login_serve_says_where_to_log_in(tmp_path: Path, quick_model: Path) -> None:
    inherited = {name: value for name, value in os.environ.items()
                 if not name.startswith(("SLACK_", "TEAMS_")) and name not in ("DATABASE_URL", "HOST")}
    env = {**inherited, "DEV_LOGIN": "true", "DATA_DIR": str(tmp_path / "data"), "ORG_CONFIG": str(LOTEN),
           "MODEL_PATH": str(quick_model), "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}

    with ServerProcess(SERVE, env, tmp_path / "serve.log") as server:
        login_page = httpx.get(f"{server.url}/login", timeout=10)
        output = (tmp_path / "serve.log").read_text()

    assert f"Development login: http://127.0.0.1:{server.port}/login\n" in output
    assert login_page.status_code == 200 and "Arne Jørstad" in login_page.text  # one click away, as promised


@pytest.mark.parametrize(("host", "bound", "said"), [
    ("127.0.0.1", "127.0.0.1", "Development login: http://127.0.0.1:8000/login"),
    ("localhost", "localhost", "Development login: http://localhost:8000/login"),
    ("::1", "::1", "Development login: http://[::1]:8000/login"),
    ("127.0.0.1", "0.0.0.0", "Development login: http://127.0.0.1:8000/login"),  # `serve --host 0.0.0.0`
    ("0.0.0.0", "0.0.0.0", "Development login is off: DEV_LOGIN needs HOST to be a loopback address"),
    ("127.0.0.1", "192.0.2.10", "Development login is off: DEV_LOGIN needs HOST to be a loopback address"),
])
def test_the_hint_follows_where_the_development_login_works(host: str, bound: str, said: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    say_where_to_log_in(Settings(_env_file=None, dev_login=True, host=host), bound, 8000)
    assert capsys.readouterr().out.startswith(said)


def test_without_dev_login_nothing_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    say_where_to_log_in(Settings(_env_file=None, dev_login=False), "127.0.0.1", 8000)
    assert capsys.readouterr().out == ""


def test_several_processes_on_sqlite_are_refused_also_from_web_concurrency(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ORG_CONFIG", str(LOTEN))
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()

    refused = CliRunner().invoke(app, ["serve"])
    get_settings.cache_clear()

    assert refused.exit_code == 2
    assert "3 server processes need PostgreSQL: SQLite takes one writer at a time" in refused.output
    assert not (tmp_path / "data" / "forslagskassa.db").exists()  # refused before anything was touched
