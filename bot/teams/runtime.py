"""The Teams bot built from the settings: the Agents SDK connection (app id + secret or certificate), the
FastAPI CloudAdapter, the AgentApplication (its handlers are registered by `app.attach`), and the outbox notifier.

Imported only when Teams is configured, so a deployment without Teams never loads the Agents SDK.
"""

from __future__ import annotations

from dataclasses import dataclass

from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    ApplicationOptions,
    ConnectionManager,
    MemoryStorage,
    TurnState,
)
from microsoft_agents.hosting.core.authorization import AuthTypes
from microsoft_agents.hosting.fastapi import CloudAdapter

from bot.blocking import Blocking
from bot.teams.graph import Directory
from bot.teams.notifier import TeamsNotifier
from core.outbox import deliver_due
from core.services import Services
from storage.models import Channel, OutboxMessage

SERVICE_CONNECTION = "SERVICE_CONNECTION"  # the name the SDK looks the bot's own connection up by


@dataclass
class TeamsRuntime:
    services: Services
    auth: AgentAuthConfiguration
    adapter: CloudAdapter
    agent: AgentApplication[TurnState]
    notifier: TeamsNotifier
    run: Blocking  # every database and classifier call of a turn goes through it, off the event loop

    async def deliver_now(self, submitter_id: int) -> None:
        """Deliver what is queued for this person at once (the answer to their message), through the outbox:
        a failed attempt stays queued and the worker retries it with backoff."""
        await deliver_due(session_factory=self.services.session_factory, notifiers={Channel.TEAMS: self.notifier},
                          give_up_after=self.services.give_up_after,
                          where=[OutboxMessage.recipient == f"submitter:{submitter_id}"], run_sync=self.run.step)


def auth_configuration(services: Services) -> AgentAuthConfiguration:
    settings = services.settings
    certificate = settings.teams_certificate_path or None
    return AgentAuthConfiguration(
        auth_type=AuthTypes.certificate if certificate else AuthTypes.client_secret,
        client_id=settings.teams_app_id or None,
        tenant_id=settings.teams_tenant_id or None,
        client_secret=settings.teams_app_password or None,
        cert_pfx_file=certificate,
        connection_name=SERVICE_CONNECTION,
        anonymous_allowed=settings.teams_allow_anonymous,
        # Only Bot Framework and our own tenant may issue the tokens we accept.
        validate_issuer=True,
    )


def build_runtime(services: Services) -> TeamsRuntime:
    """The parts, without handlers: `app.attach` registers them (agent.py), which need the runtime."""
    auth = auth_configuration(services)
    # ConnectionManager with MSAL is what MsalConnectionManager is; spelled out so the provider is one name here.
    connections = ConnectionManager(provider_factory=MsalAuth, connections_configurations={SERVICE_CONNECTION: auth})
    adapter = CloudAdapter(connection_manager=connections)
    # Conversation references live in our database; this storage only holds the SDK's per-turn state.
    storage = MemoryStorage()
    agent = AgentApplication[TurnState](
        ApplicationOptions(storage=storage, start_typing_timer=False),
        connection_manager=connections,
    )
    run = Blocking("teams")
    notifier = TeamsNotifier(services=services, adapter=adapter, directory=Directory.from_settings(services.settings),
                             run=run)
    return TeamsRuntime(services=services, auth=auth, adapter=adapter, agent=agent, notifier=notifier, run=run)
