"""Microsoft Graph for the directory: who sent a non-anonymous idea, shown to the commissioner; cached; and never
in the way: a slow or failing Graph neither delays nor loses an idea, the card falls back to the Teams name.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import update

from bot.teams import graph as graph_module
from storage.models import OutboxMessage, OutboxState, utcnow
from tests.bot.teams.activities import ARNE, KARI
from tests.bot.teams.conftest import Teams, texts_of
from tests.bot.teams.fakes import GraphFake, StaticCredential

ROOT = Path(__file__).resolve().parents[3]
MANAGER = "0f1e2d3c-4b5a-4968-8776-655443322110"
CATALOG_APP_ID = "5c7d9e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f"  # the app's id in Løten's Teams app catalog


@pytest.fixture(autouse=True)
def _routes(classifier) -> None:
    classifier.focus_area = "helse-og-livskvalitet"


@pytest.fixture
def teams_settings(teams_settings, graph: GraphFake, monkeypatch: pytest.MonkeyPatch):
    # azure-identity only talks to an https token endpoint, which cannot be faked here: the credential is the one
    # stand-in; the Graph client, its middleware and the HTTP calls are the real ones, against the fake.
    monkeypatch.setattr(graph_module, "app_credential", lambda _settings: StaticCredential())
    graph.add(KARI.aad, name="Kari Nordmann", mail="kari.nordmann@loten.kommune.no", department="Hjemmetjenesten",
              job_title="Sykepleier")
    graph.add(MANAGER, name="Berit Enhetsleder", mail="berit@loten.kommune.no")
    graph.managers[KARI.aad] = MANAGER
    return teams_settings.model_copy(update={"graph_client_id": "graph-app", "graph_client_secret": "s",
                                             "graph_api_url": graph.url, "graph_timeout_seconds": 2.0,
                                             "teams_catalog_app_id": CATALOG_APP_ID})


async def idea_reaches_commissioner(teams: Teams, text: str = "Ønsketurnus i hjemmetjenesten") -> dict:
    await teams.install(ARNE)
    await teams.say(KARI, text)
    await teams.deliver()
    return teams.last_to(ARNE).card


async def test_the_commissioner_sees_who_sent_it_from_the_directory(teams: Teams, graph: GraphFake) -> None:
    card = await idea_reaches_commissioner(teams)

    texts = texts_of(card)
    assert "Fra: Kari Nordmann (Sykepleier, Hjemmetjenesten)" in texts
    assert "Nærmeste leder: Berit Enhetsleder" in texts
    (user_path, query, authorization), (manager_path, _, _) = graph.requests
    assert user_path == f"/v1.0/users/{KARI.aad}" and manager_path == f"/v1.0/users/{KARI.aad}/manager"
    assert "$select=id,displayName,mail,department,jobTitle" in unquote(query)
    assert authorization == "Bearer fake-graph-token"


async def test_look_ups_are_cached(teams: Teams, graph: GraphFake) -> None:
    await idea_reaches_commissioner(teams)
    card = await idea_reaches_commissioner(teams, "Et forslag til")

    assert "Fra: Kari Nordmann (Sykepleier, Hjemmetjenesten)" in texts_of(card)
    assert len(graph.requests) == 2  # one user, one manager: the second card asked nobody


@pytest.mark.parametrize("trouble", ["slow", "down"])
async def test_a_slow_or_failing_graph_neither_blocks_nor_loses_an_idea(teams: Teams, graph: GraphFake,
                                                                        trouble: str) -> None:
    if trouble == "slow":
        graph.delay = 3.0  # longer than GRAPH_TIMEOUT_SECONDS
    else:
        graph.status = 503
    await teams.install(ARNE)

    started = time.monotonic()
    await teams.say(KARI, "Ønsketurnus i hjemmetjenesten")
    assert time.monotonic() - started < 2.0  # intake never waits for Graph
    assert len(teams.ideas()) == 1
    assert "Sendt til Helse og livskvalitet — Arne Jørstad." in texts_of(teams.last_to(KARI).card)

    started = time.monotonic()
    await teams.deliver()
    assert time.monotonic() - started < 5.0  # bounded by GRAPH_TIMEOUT_SECONDS (2 s here)
    assert "Fra: Kari Nordmann" in texts_of(teams.last_to(ARNE).card)  # the name Teams gave
    assert graph.requests


async def test_someone_not_in_the_directory_is_shown_by_their_teams_name(teams: Teams, graph: GraphFake) -> None:
    graph.users.clear()

    card = await idea_reaches_commissioner(teams)

    assert "Fra: Kari Nordmann" in texts_of(card)


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "msgraph=False agents=False"),
    ({"TEAMS_ALLOW_ANONYMOUS": "true"}, "msgraph=False agents=True"),
], ids=["no-teams", "teams-without-graph"])
def test_msgraph_is_imported_only_with_graph_and_the_sdk_only_with_teams(tmp_path: Path, env: dict[str, str],
                                                                      expected: str) -> None:
    script = (
        "import sys\n"
        "from api.app import create_app\n"
        "from core.orgconfig import load_org_config\n"
        "from core.routing import TriageOnly\n"
        "from core.services import Services\n"
        "from core.settings import Settings\n"
        "from storage.db import make_engine, make_session_factory\n"
        "settings = Settings(_env_file=None, run_worker=False)\n"
        "engine = make_engine('sqlite://')\n"
        "create_app(Services(settings=settings, org=load_org_config(settings.org_config), engine=engine,\n"
        "                    session_factory=make_session_factory(engine), classifier=TriageOnly()))\n"
        "print(f\"msgraph={'msgraph' in sys.modules} agents={'microsoft_agents' in sys.modules}\")\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TEAMS_", "GRAPH_", "SLACK_"))}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**clean, "DATA_DIR": str(tmp_path), "ORG_CONFIG": str(ROOT / "config/loten.yaml"),
                                 **env})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def routed_row(teams: Teams) -> OutboxMessage:
    return next(row for row in teams.outbox() if row.kind == "idea_routed")


async def test_the_bot_installs_itself_for_a_commissioner_it_cannot_reach_yet(teams: Teams, graph: GraphFake) -> None:
    await teams.say(KARI, "Ønsketurnus i hjemmetjenesten")  # Arne has never opened the app
    await teams.deliver()

    [installation] = graph.installed[ARNE.aad]
    assert list(graph.installed) == [ARNE.aad]
    assert installation["teamsApp@odata.bind"] == f"{graph.url}/appCatalogs/teamsApps/{CATALOG_APP_ID}"
    waiting = routed_row(teams)
    assert waiting.state is OutboxState.PENDING and "installed for this person" in waiting.last_error
    assert waiting.next_attempt_at - utcnow() < timedelta(minutes=2)  # soon, not in a quarter of an hour

    # Another pass before Teams has opened the chat installs nothing twice.
    make_due(teams)
    await teams.deliver()
    assert len(graph.installed[ARNE.aad]) == 1

    await teams.install(ARNE)  # Teams opens the chat and tells the bot, which stores it
    make_due(teams)
    await teams.deliver()
    assert texts_of(teams.last_to(ARNE).card)[0] == "Nytt forslag til Helse og livskvalitet"


async def test_when_graph_may_not_install_the_card_waits_for_the_commissioner(teams: Teams, graph: GraphFake) -> None:
    graph.status = 403  # the app lacks TeamsAppInstallation.ReadWriteSelfForUser.All
    await teams.say(KARI, "Ønsketurnus i hjemmetjenesten")
    await teams.deliver()

    waiting = routed_row(teams)
    assert waiting.state is OutboxState.PENDING and "not opened a chat" in waiting.last_error
    assert waiting.next_attempt_at - utcnow() > timedelta(minutes=10)

    # The next pass does not ask Graph again: at most once an hour per person.
    make_due(teams)
    await teams.deliver()
    assert [path for path, _, _ in graph.requests].count(f"/v1.0/users/{ARNE.aad}/teamwork/installedApps") == 1


def make_due(teams: Teams) -> None:
    with teams.services.session_factory.begin() as session:  # the retry is due (the worker's backoff elapsed)
        session.execute(update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at))
