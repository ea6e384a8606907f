"""Everything a running instance needs, built once from the settings: database, org config, classifier."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.model_classifier import ModelClassifier
from core.orgconfig import OrgConfig, load_org_config
from core.outbox import Notifier
from core.routing import Classifier, TriageOnly
from core.settings import Settings
from core.training import NoTrainingData, load_or_train
from storage.db import make_engine, make_session_factory
from storage.models import Channel
from storage.queries import idea_texts

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    org: OrgConfig
    engine: Engine
    session_factory: sessionmaker[Session]
    classifier: Classifier
    notifiers: dict[Channel, Notifier] = field(default_factory=dict)

    @property
    def withdraw_window(self) -> timedelta:
        return timedelta(minutes=self.settings.withdraw_minutes)

    @property
    def give_up_after(self) -> timedelta:
        return timedelta(hours=self.settings.outbox_give_up_hours)

    def close(self) -> None:
        self.engine.dispose()


def build_services(settings: Settings, *, classifier: Classifier | None = None,
                   engine: Engine | None = None) -> Services:
    org = load_org_config(settings.org_config)
    engine = engine or make_engine(settings.resolved_database_url)
    session_factory = make_session_factory(engine)
    classifier = classifier or make_classifier(settings=settings, org=org, session_factory=session_factory)
    return Services(settings=settings, org=org, engine=engine, session_factory=session_factory, classifier=classifier)


def make_classifier(*, settings: Settings, org: OrgConfig, session_factory: sessionmaker[Session]) -> Classifier:
    """The classifier, trained on first start; the triage queue for everything when the org has no examples."""
    try:
        model = load_or_train(session_factory=session_factory, org=org, path=settings.resolved_model_path)
    except NoTrainingData as error:
        log.warning("%s: every idea goes to the triage queue", error)
        return TriageOnly()

    def stored_ideas() -> list[tuple[int, str]]:
        with session_factory() as session:
            return idea_texts(session)

    return ModelClassifier(model=model, threshold=org.classifier.threshold, path=settings.resolved_model_path,
                            labels=org.area_ids, stored_ideas=stored_ideas,
                            routes_by_hand=org.routes_by_hand)
