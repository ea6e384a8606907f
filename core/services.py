"""Everything a running instance needs, built once from the settings: database, org config, router."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.orgconfig import OrgConfig, load_org_config
from core.outbox import Notifier
from core.routing import Router, TriageRouter
from core.settings import Settings
from storage.db import make_engine, make_session_factory
from storage.models import Channel

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    org: OrgConfig
    engine: Engine
    session_factory: sessionmaker[Session]
    router: Router
    notifiers: dict[Channel, Notifier] = field(default_factory=dict)

    @property
    def withdraw_window(self) -> timedelta:
        return timedelta(minutes=self.settings.withdraw_minutes)

    @property
    def give_up_after(self) -> timedelta:
        return timedelta(hours=self.settings.outbox_give_up_hours)

    def close(self) -> None:
        self.engine.dispose()


def build_services(settings: Settings, *, router: Router | None = None, engine: Engine | None = None) -> Services:
    org = load_org_config(settings.org_config)
    engine = engine or make_engine(settings.resolved_database_url)
    return Services(settings=settings, org=org, engine=engine, session_factory=make_session_factory(engine),
                    router=router or TriageRouter())
