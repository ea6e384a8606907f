"""compose.yaml, .env.example and the Dockerfile, read as `docker compose` and `docker build` would, without an
engine: the services and their order of start, health checks, volumes, and settings the service really has."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# Read from the process environment by prometheus-client itself, not a setting of ours.
LIBRARY_VARIABLES = {"PROMETHEUS_MULTIPROC_DIR"}
# Used by compose.yaml to set up the database (and build DATABASE_URL), not read by the service.
COMPOSE_VARIABLES = {"POSTGRES_PASSWORD", "COMPOSE_PROFILES"}
SETTINGS = {name.upper() for name in Settings.model_fields}
ENV_LINE = re.compile(r"^#? ?([A-Z][A-Z0-9_]*)=")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def env_example() -> dict[str, bool]:
    """Variable -> whether it is set (uncommented) in .env.example."""
    found = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if match := ENV_LINE.match(line):
            found[match.group(1)] = not line.startswith("#")
    return found


def test_there_is_a_database_a_web_process_and_a_worker(services):
    assert set(services) == {"db", "web", "worker"}
    assert services["web"]["command"] == ["forslagskassa", "serve"]
    assert services["worker"]["command"] == ["forslagskassa", "worker"]
    assert services["web"]["environment"]["RUN_WORKER"] == "false"  # one deliverer: the worker
    for name in ("web", "worker"):
        assert services[name]["env_file"] == ".env" and services[name]["restart"] == "unless-stopped"
        assert services[name]["build"] == "."


def test_the_worker_starts_only_once_a_chat_channel_is_set_up(services):
    # Without Slack or Teams `forslagskassa worker` refuses to start: in the default profile compose would restart
    # it for ever.
    assert services["worker"]["profiles"] == ["chat"]
    assert "profiles" not in services["web"] and "profiles" not in services["db"]
    assert "# COMPOSE_PROFILES=chat" in (ROOT / ".env.example").read_text().splitlines()


def test_postgres_is_pinned_kept_in_a_named_volume_and_checked_with_pg_isready(compose, services):
    db = services["db"]
    assert re.fullmatch(r"postgres:\d+\.\d+-[a-z]+", db["image"]), db["image"]
    assert "pg_isready" in db["healthcheck"]["test"]
    volume = db["volumes"][0].split(":")
    assert volume[1] == "/var/lib/postgresql/data" and volume[0] in compose["volumes"]


def test_processes_start_once_what_they_need_is_healthy(services):
    assert services["web"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    # The worker queries tables the web process's migrations create.
    assert services["worker"]["depends_on"] == {"db": {"condition": "service_healthy"},
                                                "web": {"condition": "service_healthy"}}
    check = " ".join(services["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz" in check
    # The image's HEALTHCHECK asks /healthz, which the worker does not serve.
    assert services["worker"]["healthcheck"] == {"disable": True}


def test_the_web_port_is_published_on_loopback_only(services):
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]
    assert "ports" not in services["db"] and "ports" not in services["worker"]


def test_data_volumes_are_named_and_declared(compose, services):
    for name in ("web", "worker"):
        mounts = [v.split(":") for v in services[name]["volumes"]]
        assert ["data", "/app/data"] in mounts
    assert set(compose["volumes"]) == {"db", "data"}
    # Multiprocess metrics need a directory that is empty at every start: a tmpfs.
    assert services["web"]["tmpfs"][0].startswith(services["web"]["environment"]["PROMETHEUS_MULTIPROC_DIR"] + ":")


def test_every_variable_compose_passes_is_a_setting_of_the_service(services):
    for name in ("web", "worker"):
        unknown = set(services[name]["environment"]) - SETTINGS - LIBRARY_VARIABLES
        assert not unknown, f"{name} is given variables the service does not read: {unknown}"


def test_every_variable_compose_interpolates_is_in_env_example():
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / "compose.yaml").read_text()))
    assert used == {"POSTGRES_PASSWORD", "SECRET_KEY"}
    documented = env_example()
    # Required ones are there to be filled in, and empty: compose refuses to start until they are set.
    for name in used:
        assert documented.get(name) is True
        assert re.search(rf"^{name}=$", (ROOT / ".env.example").read_text(), re.MULTILINE)


def test_env_example_documents_every_setting_and_nothing_else():
    documented = set(env_example())
    assert SETTINGS - documented == set(), "settings missing from .env.example"
    assert documented - SETTINGS - COMPOSE_VARIABLES == set(), ".env.example names variables nobody reads"


def test_the_image_is_built_from_a_pinned_base_and_the_runtime_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()
    bases = re.findall(r"^FROM (\S+)", dockerfile, re.MULTILINE)
    assert bases and all(re.fullmatch(r"python:3\.12\.\d+-slim-bookworm", base) for base in bases), bases
    assert "pip install --require-hashes -r requirements.lock" in dockerfile
    assert "pip install --no-deps ." in dockerfile
