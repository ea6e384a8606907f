"""The model behind routing: trained on first start, learning from reroutes, reloaded without a restart."""

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from classifier import Example, ModelLabelMismatch, load_examples, save_model, train
from core import lifecycle
from core.actors import Actor, Role
from core.model_classifier import ModelClassifier
from core.orgconfig import OrgConfig, load_org_config
from core.training import corrections, load_or_train, train_and_save
from storage.models import Correction
from tests.core.helpers import own_examples_only, submit

LILLEHAMMER = Path(__file__).resolve().parents[2] / "config" / "lillehammer.yaml"
# Lillehammer's small example set keeps these trainings quick; the org config is what makes it Lillehammer's.
TEXT = "Vi bør samle alle abonnementene på aviser og tidsskrifter i én avtale"


@pytest.fixture(scope="module")
def lillehammer() -> OrgConfig:
    return own_examples_only(load_org_config(LILLEHAMMER))


@pytest.fixture(scope="module")
def models(lillehammer, tmp_path_factory) -> tuple[Path, Path]:
    """Two models trained once for the module: on all examples, and on all but the last ten."""
    folder = tmp_path_factory.mktemp("models")
    examples = load_examples(lillehammer.examples_path())
    paths = folder / "all.skops", folder / "fewer.skops"
    for path, data in zip(paths, (examples, examples[:-10]), strict=True):
        save_model(train(examples=data, labels=lillehammer.area_ids), path)
    return paths


@pytest.fixture
def model_path(models, tmp_path) -> Path:
    path = tmp_path / "model.skops"
    shutil.copy(models[0], path)
    return path


def classifier_for(session_factory: sessionmaker[Session], org: OrgConfig, path: Path) -> ModelClassifier:
    model = load_or_train(session_factory=session_factory, org=org, path=path)

    def stored() -> list[tuple[int, str]]:
        return []

    return ModelClassifier(model=model, threshold=org.classifier.threshold, path=path, labels=org.area_ids,
                            stored_ideas=stored)


def test_first_start_trains_and_later_starts_load(session_factory, lillehammer, tmp_path):
    path = tmp_path / "model.skops"
    first = load_or_train(session_factory=session_factory, org=lillehammer, path=path)
    assert path.exists() and first.metadata.labels == tuple(lillehammer.area_ids)
    again = load_or_train(session_factory=session_factory, org=lillehammer, path=path)
    assert again.metadata.version == first.metadata.version


def test_a_model_for_another_org_is_refused(session_factory, org, model_path):
    with pytest.raises(ModelLabelMismatch, match="forslagskassa train"):
        load_or_train(session_factory=session_factory, org=org, path=model_path)


def test_reroutes_teach_the_next_training(session, session_factory, lillehammer, model_path):
    path = model_path
    classifier = classifier_for(session_factory, lillehammer, path)
    before = classifier.classify(TEXT).focus_area
    target = next(a for a in lillehammer.area_ids if a != before)
    for n in range(4):
        idea = submit(session, lillehammer, text=f"{TEXT} ({n + 1})", area=before)
        lifecycle.reroute(session=session, idea=idea, focus_area=target, actor=admin_of(lillehammer),
                          org=lillehammer)
    session.commit()
    assert {c.focus_area for c in corrections(session=session, org=lillehammer)} == {target}

    model = train_and_save(session_factory=session_factory, org=lillehammer, path=path)
    assert model.metadata.n_corrections == 4
    classifier.reload()
    assert classifier.classify(TEXT).focus_area == target


def test_only_corrections_by_commissioners_and_administrators_teach(session, lillehammer):
    """Submitters' own moves, stored as corrections before they became requests, are left out of the training."""
    areas = lillehammer.area_ids
    staff_idea = submit(session, lillehammer, text=f"{TEXT} (flyttet av kommunalsjefen)", area=areas[0])
    submitter_idea = submit(session, lillehammer, text=f"{TEXT} (flyttet av innsenderen)", area=areas[0])
    session.add_all([
        Correction(idea_id=staff_idea.id, text=staff_idea.text, focus_area=areas[1], predicted=areas[0],
                   actor="commissioner:someone"),
        # A submitter's later move of the same idea does not undo the commissioner's decision.
        Correction(idea_id=staff_idea.id, text=staff_idea.text, focus_area=areas[2], predicted=areas[1],
                   actor="submitter"),
        Correction(idea_id=submitter_idea.id, text=submitter_idea.text, focus_area=areas[1], predicted=areas[0],
                   actor="submitter"),
    ])
    session.flush()

    assert corrections(session=session, org=lillehammer) == [Example(text=staff_idea.text, focus_area=areas[1])]


def test_the_server_notices_a_newly_trained_model(session_factory, lillehammer, models, model_path, monkeypatch):
    path = model_path
    classifier = classifier_for(session_factory, lillehammer, path)
    old = classifier.metadata.version
    shutil.copy(models[1], path)  # what `forslagskassa train` leaves behind
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    monkeypatch.setattr("core.model_classifier.CHECK_EVERY_S", 0.0)
    classifier.classify("Noe om skolene")
    assert classifier.metadata.version != old


def test_a_broken_new_model_file_keeps_the_running_one(session_factory, lillehammer, model_path, monkeypatch):
    path = model_path
    classifier = classifier_for(session_factory, lillehammer, path)
    old = classifier.metadata.version
    path.write_bytes(b"not a model")
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    monkeypatch.setattr("core.model_classifier.CHECK_EVERY_S", 0.0)
    assert classifier.classify("Flere lærere i første klasse").confidence > 0
    assert classifier.metadata.version == old


def test_similar_earlier_ideas_are_found(session_factory, lillehammer, model_path):
    classifier = classifier_for(session_factory, lillehammer, model_path)
    classifier.remember(7, "Felles innkjøp av kopipapir for alle skolene")
    classifier.remember(8, "Lengre åpningstid på biblioteket")
    similar = classifier.classify("Felles innkjøp av kopipapir til skolene").similar
    assert similar and similar[0].idea_id == 7


def admin_of(org: OrgConfig) -> Actor:
    return Actor(role=Role.ADMIN, user_id=org.administrators[0].id)
