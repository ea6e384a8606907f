"""The command line as an operator uses it, each command against a fresh SQLite database."""

import json

import jwt
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
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args))
    get_settings.cache_clear()


def test_token_for_a_commissioner_is_signed_with_the_generated_key(cli, tmp_path):
    result = cli("token", "--role", "commissioner", "--user", "arne-jorstad")
    assert result.exit_code == 0, result.output
    secret = (tmp_path / "data" / "secret_key").read_text().strip()
    claims = jwt.decode(result.output.strip(), secret, algorithms=["HS256"], issuer="forslagskassa")
    assert (claims["sub"], claims["role"]) == ("arne-jorstad", "commissioner")


def test_token_for_an_unknown_commissioner_is_refused_with_the_known_ones(cli):
    result = cli("token", "--role", "commissioner", "--user", "ola")
    assert result.exit_code == 2
    assert "'ola' is not a commissioner" in result.output and "arne-jorstad" in result.output


def test_check_config_accepts_both_shipped_configs(cli):
    for name in ("loten.yaml", "lillehammer.yaml"):
        result = cli("check-config", str(LOTEN.parent / name))
        assert result.exit_code == 0 and "OK" in result.output, result.output


def test_check_config_summary_reads_as_english(cli):
    result = cli("check-config", str(LOTEN))
    assert "OK — Løten kommune, " in result.output and "SLA 14 days, target NOK 5,000,000" in result.output


@pytest.mark.parametrize(("name", "lines"), [
    ("loten.yaml", [
        "Phases (open from the first day to the deadline):",
        "Fase 1: 5 millioner til budsjettet for 2027 (fase-1)  2026-09-15 to 2026-10-31  budget 2027  "
        "target NOK 5,000,000",
        "Units (8, challenged to save NOK 10,880,000 together):",
        "challenge 2.0 % = NOK 2,100,000  leader Cecilie Nilsen",
        "Stab og støtte (stab-og-stotte)",
        "leader Frank Hauge",  # a person id, shown as the person's name
    ]),
    ("lillehammer.yaml", ["budget 2022, 2023, 2024 against 2021  target NOK 70,000,000",
                          "Units (6, challenged to save NOK 26,060,000 together):"]),
])
def test_check_config_prints_the_phases_and_units(cli, name, lines):
    output = cli("check-config", str(LOTEN.parent / name)).output.replace("\u00a0", " ")
    for line in lines:
        assert line in output


def test_check_config_names_the_bad_key(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(LOTEN.read_text(encoding="utf-8").replace("sla_days: 14", "sla_days: -1"), encoding="utf-8")
    result = cli("check-config", str(bad))
    assert result.exit_code == 2 and f"{bad}: sla_days" in result.output


def test_db_upgrade_then_stats(cli):
    assert cli("db", "upgrade").exit_code == 0
    table = cli("stats")
    assert table.exit_code == 0 and "Løten kommune — 0 ideas" in table.output
    figures = json.loads(cli("stats", "--json").output)
    assert figures["total"] == 0 and figures["savings"]["target_nok"] == 5_000_000


def test_a_bad_setting_is_explained(cli, monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    get_settings.cache_clear()
    result = cli("stats")
    assert result.exit_code == 2 and "invalid settings" in result.output and "port" in result.output.lower()
