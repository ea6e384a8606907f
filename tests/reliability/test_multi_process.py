"""`forslagskassa serve --workers 2`: two server processes on one PostgreSQL database, each with its own outbox
worker, take every idea and send each commissioner's card exactly once; on SQLite the command refuses to start.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select

from api.auth import issue_token
from core.actors import Role
from core.orgconfig import load_org_config
from storage.db import make_engine
from storage.models import Idea, OutboxMessage, OutboxState
from tests.bot.slack.conftest import BOT_TOKEN, SECRET
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import ROOT
from tests.people import org_with_slack_ids
from tests.processes import SERVE, ServerProcess, free_port
from tests.reliability.conftest import delivered_by_slack, wait_until

IDEAS = 24
AREAS = ("barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler")


def environment(database_url: str, data_dir: Path, model: Path, org_file: Path, slack_url: str) -> dict[str, str]:
    inherited = {name: value for name, value in os.environ.items()
                 if not name.startswith(("SLACK_", "TEAMS_")) and name not in ("SECRET_KEY", "WEB_CONCURRENCY")}
    return {**inherited, "DATABASE_URL": database_url, "DATA_DIR": str(data_dir), "ORG_CONFIG": str(org_file),
            "MODEL_PATH": str(model), "SUBMIT_RATE_LIMIT": "off", "LOG_LEVEL": "INFO", "RUN_WORKER": "true",
            "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack_url,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


async def send_ideas(url: str, headers: dict[str, str]) -> list[int]:
    async def one(n: int) -> int:
        # A connection each, as many browsers and bots would come: the kernel hands them to both processes.
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            body = {"text": f"Forslag {n}: felles innkjøp av kontorrekvisita", "focus_area": AREAS[n % 3]}
            answer = await http.post("/api/v1/ideas", json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        return int(answer.json()["id"])

    return list(await asyncio.gather(*(one(n) for n in range(IDEAS))))


def test_two_server_processes_take_every_idea_and_send_each_card_once(own_database: str, tmp_path: Path,
                                                                      quick_model: Path, fake_slack: FakeSlack):
    org_file = org_with_slack_ids(tmp_path)
    env = environment(own_database, tmp_path / "data", quick_model, org_file, fake_slack.url)
    command = [*SERVE, "--workers", "2"]
    if own_database.startswith("sqlite"):
        refused = subprocess.run([part.replace("{port}", str(free_port())) for part in command], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=120)
        assert refused.returncode == 2, refused.stderr
        assert "2 server processes need PostgreSQL: SQLite takes one writer at a time" in refused.stderr
        return

    with ServerProcess(command, env, tmp_path / "serve.log") as server:
        # No SECRET_KEY: the key generated into DATA_DIR before the processes started is the one both check.
        secret = (tmp_path / "data" / "secret_key").read_text().strip()
        signed = issue_token(secret=secret, role=Role.EMPLOYEE, user_id="kari", org=load_org_config(org_file),
                             ttl=timedelta(hours=1))
        ids = asyncio.run(send_ideas(server.url, {"Authorization": f"Bearer {signed}"}))

        engine = make_engine(own_database)
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Idea)) == IDEAS

        def all_delivered() -> bool:
            with engine.connect() as connection:
                return not connection.scalar(select(func.count()).where(OutboxMessage.state != OutboxState.DELIVERED))

        wait_until(all_delivered, timeout=60, what="every card delivered")
        engine.dispose()
        log = (tmp_path / "serve.log").read_text()

    cards = delivered_by_slack(fake_slack)
    assert {idea_id: cards[("idea_routed", idea_id)] for idea_id in ids} == dict.fromkeys(ids, 1)
    assert "Started parent process" in log
    assert len(set(re.findall(r"Started server process \[(\d+)\]", log))) == 2
