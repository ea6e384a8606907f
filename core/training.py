"""Training the routing model for an org: shipped examples plus the corrections of commissioners and administrators
in the database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from classifier import (
    Example,
    IntentExample,
    RoutingModel,
    ServiceTraining,
    load_examples,
    load_intent_examples,
    load_model,
    load_service_examples,
    save_model,
    train,
)
from core.actors import SUBMITTER
from core.orgconfig import OrgConfig
from storage.models import Correction
from storage.queries import corrections_oldest_first

log = logging.getLogger(__name__)


class NoTrainingData(ValueError):
    """The org config maps no services and names no examples file, so there is nothing to train on."""


@dataclass(frozen=True)
class TrainingData:
    examples: list[Example]  # the org's own, if it has any
    corrections: list[Example]
    intent_examples: list[IntentExample]
    services: ServiceTraining | None  # the shared examples through the org's mapping


def training_data(*, session: Session, org: OrgConfig) -> TrainingData:
    """The shared service examples read through the org's mapping, the org's own examples, and its corrections."""
    path = org.examples_path()
    services = service_training(org)
    if path is None and services is None:
        raise NoTrainingData(f"{org.source}: neither focus_areas[].services nor classifier.examples is set; "
                             "there is nothing to train on")
    intents = org.intents_path()
    return TrainingData(examples=load_examples(path) if path else [],
                        corrections=corrections(session=session, org=org),
                        intent_examples=load_intent_examples(intents) if intents else [], services=services)


def service_training(org: OrgConfig) -> ServiceTraining | None:
    if org.vocabulary is None:
        return None
    return ServiceTraining(examples=tuple(load_service_examples(org.vocabulary)), areas=org.service_areas(),
                           version=org.vocabulary.version)


def corrections(*, session: Session, org: OrgConfig) -> list[Example]:
    """Each idea's latest routing by a commissioner or an administrator, for the areas the org config still has.

    Before "Feil område?" became a request, a submitter's own move was stored as a correction too. Those rows stay
    (they are history), but teach nothing: a submitter's guess is not a decision about where ideas belong.
    """
    latest: dict[int | None, Correction] = {}
    for row in corrections_oldest_first(session):
        if row.actor == SUBMITTER:
            continue
        latest[row.idea_id if row.idea_id is not None else -row.id] = row
    known = set(org.area_ids)
    return [Example(text=c.text, focus_area=c.focus_area) for c in latest.values() if c.focus_area in known]


def train_and_save(*, session_factory: sessionmaker[Session], org: OrgConfig, path: Path) -> RoutingModel:
    with session_factory() as session:
        data = training_data(session=session, org=org)
    model = train(examples=data.examples, labels=org.area_ids, corrections=data.corrections,
                  intent_examples=data.intent_examples, services=data.services)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, path)
    log.info("trained model %s on %d examples and %d corrections", model.metadata.version,
             model.metadata.n_examples, model.metadata.n_corrections)
    return model


def load_or_train(*, session_factory: sessionmaker[Session], org: OrgConfig, path: Path) -> RoutingModel:
    """The stored model; on first start, one trained from the shipped examples so routing works at once."""
    if path.exists():
        model = load_model(path, expected_labels=org.area_ids)
        wanted = org.vocabulary.version if org.vocabulary else ""
        if model.metadata.services_version == wanted:
            return model
        log.info("the model at %s was trained on service vocabulary %r, the org config maps %r: training again",
                 path, model.metadata.services_version, wanted)
    else:
        log.info("no model at %s yet: training one", path)
    return train_and_save(session_factory=session_factory, org=org, path=path)
