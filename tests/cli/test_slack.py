"""`forslagskassa digest` and `forslagskassa slack-socket` as an operator runs them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.main import app
from core.settings import get_settings
from tests.conftest import LOTEN


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray .env is read, and ./data lands in the temp folder
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ORG_CONFIG", str(LOTEN))
    for name in ("DATABASE_URL", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args))
    get_settings.cache_clear()


def test_digest_queues_once_a_week_unless_forced(cli):
    assert cli("db", "upgrade").exit_code == 0
    first = cli("digest")
    assert first.exit_code == 0, first.output
    assert first.output.strip().endswith("0 digest notifications queued")  # nothing is overdue yet
    assert cli("digest", "--force").exit_code == 0


def test_slack_socket_names_the_missing_settings(cli, monkeypatch):
    result = cli("slack-socket")
    assert result.exit_code == 2
    assert "SLACK_BOT_TOKEN and SLACK_APP_TOKEN" in result.output
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    get_settings.cache_clear()
    assert "needs SLACK_APP_TOKEN" in cli("slack-socket").output
