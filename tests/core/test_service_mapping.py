"""Routing through the shared service vocabulary: each org maps its areas onto the categories every municipality
has, and routes from the first day with nothing but that mapping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker
from typer.testing import CliRunner

from classifier import RoutingModel, evaluate, load_examples, load_intent_examples, load_model, save_model, train
from cli.main import app
from core import intake, lifecycle
from core.actors import Actor, Role
from core.model_classifier import ModelClassifier
from core.orgconfig import OrgConfig, OrgConfigError, load_org_config
from core.settings import get_settings
from core.training import load_or_train, service_training, train_and_save
from storage.db import make_engine
from storage.models import Channel, Correction
from tests.conftest import migrated_database

ROOT = Path(__file__).resolve().parents[2]
FJORDVIK = ROOT / "tests" / "orgs" / "fjordvik.yaml"
LILLEHAMMER = ROOT / "config" / "lillehammer.yaml"
VOCABULARY = ROOT / "config" / "shared" / "services.yaml"
HELD_OUT = {"lillehammer": ROOT / "config" / "lillehammer" / "heldout.jsonl",
            "fjordvik": ROOT / "tests" / "orgs" / "fjordvik_heldout.jsonl"}


def trained(org: OrgConfig) -> RoutingModel:
    """The model `serve` trains on first start (shared examples through the mapping, own examples, intents)."""
    own = org.examples_path()
    intents = org.intents_path()
    assert intents is not None
    return train(examples=load_examples(own) if own else [], labels=org.area_ids, services=service_training(org),
                 intent_examples=load_intent_examples(intents), cv_folds=2)


@pytest.fixture(scope="module")
def orgs() -> dict[str, OrgConfig]:
    return {"lillehammer": load_org_config(LILLEHAMMER), "fjordvik": load_org_config(FJORDVIK)}


@pytest.fixture(scope="module")
def models(orgs: dict[str, OrgConfig]) -> dict[str, RoutingModel]:
    return {name: trained(org) for name, org in orgs.items()}


# -- the mapping in the org config ---------------------------------------------------------------------------------

def fjordvik_with(tmp_path: Path, old: str, new: str) -> Path:
    text = FJORDVIK.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1).replace("../../config/shared/services.yaml", str(VOCABULARY))
    path = tmp_path / "org.yaml"
    path.write_text(text.replace("../../config/shared/intents.jsonl", "intents.jsonl"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[culture, library, ", "[culture, ", "categories with no area (add each to one focus area's services, or "
                                              "to classifier.to_triage): library"),
        ("[procurement, ", "[library, procurement, ", "placed more than once: library (kultur-og-fritid and stab)"),
        ("sport-volunteering, youth]", "sport-volunteering, youth, swimming-pool]",
         "unknown service categories: swimming-pool"),
    ],
)
def test_a_mapping_that_misses_doubles_or_invents_a_category_is_refused_by_name(tmp_path, old, new, message):
    path = fjordvik_with(tmp_path, old, new)
    with pytest.raises(OrgConfigError) as error:
        load_org_config(path)
    assert str(error.value).startswith(f"{path}: focus_areas[].services: ") and message in str(error.value)


def test_a_category_can_be_left_to_the_triage_queue(tmp_path):
    path = fjordvik_with(tmp_path, "[culture, library, ", "[culture, ")
    path.write_text(path.read_text(encoding="utf-8").replace("  threshold: 0.5", "  threshold: 0.5\n  to_triage: "
                                                             "[library]"), encoding="utf-8")
    org = load_org_config(path)
    assert org.area_of_service("library") is None and org.area_of_service("culture") == "kultur-og-fritid"


def test_a_missing_vocabulary_file_is_named(tmp_path):
    path = fjordvik_with(tmp_path, "municipality:", "municipality:")
    path.write_text(path.read_text(encoding="utf-8").replace(str(VOCABULARY), "nowhere/services.yaml"),
                    encoding="utf-8")
    with pytest.raises(OrgConfigError, match=r"classifier\.services: .*nowhere/services\.yaml: service vocabulary "
                                             "not found"):
        load_org_config(path)


def test_check_config_shows_which_categories_each_area_takes():
    result = CliRunner().invoke(app, ["check-config", str(FJORDVIK)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[-1].rstrip(")"): line for line in result.output.splitlines() if "(" in line}
    area_lines = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(area_lines) == 6 and "vocabulary 1, 39 categories" in result.output
    assert any("(kultur-og-fritid)" in line and line.rstrip().endswith("culture, library, sport-volunteering, youth")
               for line in area_lines), rows
    assert any("(teknisk-og-miljo)" in line and "school-buildings" in line for line in area_lines)


# -- routing through the mapping -----------------------------------------------------------------------------------

# Floors under the figures measured on the held-out sets (classifier/README.md); a change that routes worse fails.
@pytest.mark.parametrize(("name", "macro_f1"), [("lillehammer", 0.85), ("fjordvik", 0.85)])
def test_each_org_routes_ideas_written_independently_for_its_own_areas(models, name, macro_f1):
    report = evaluate(model=models[name], examples=load_examples(HELD_OUT[name]), threshold=0.5)
    assert report["macro_f1"] >= macro_f1 and report["coverage"] >= 0.8, report


def test_a_new_org_has_no_examples_of_its_own_and_still_routes_to_all_its_areas(orgs, models):
    fjordvik = orgs["fjordvik"]
    assert fjordvik.examples_path() is None
    report = evaluate(model=models["fjordvik"], examples=load_examples(HELD_OUT["fjordvik"]), threshold=0.5)
    assert all(report["per_class"][area]["recall"] >= 0.6 for area in fjordvik.area_ids), report["per_class"]


@pytest.mark.parametrize("name", ["lillehammer", "fjordvik"])
def test_the_model_names_the_category_and_the_mapping_agrees_with_the_area(orgs, models, name):
    org, model = orgs[name], models[name]
    predictions = [p for p in model.predict([e.text for e in load_examples(HELD_OUT[name])], threshold=0.5)
                   if p.focus_area]
    agree = sum(org.area_of_service(p.service) == p.focus_area for p in predictions) / len(predictions)
    assert agree >= 0.85, agree


def test_the_same_text_goes_where_each_org_puts_its_category(orgs, models):
    text = "Vi bør pusse opp ventilasjonsanlegget på ungdomsskolen og bytte til LED i gymsalen for å spare strøm"
    routed = {name: model.predict([text], threshold=0.0)[0] for name, model in models.items()}
    assert {p.service for p in routed.values()} == {"school-buildings"}
    assert routed["lillehammer"].focus_area == "samfunn-og-kultur"
    assert routed["fjordvik"].focus_area == "teknisk-og-miljo"


def test_a_category_sent_to_triage_is_not_routed_however_sure(models, tmp_path):
    model = models["fjordvik"]
    path = tmp_path / "model.skops"
    classifier = ModelClassifier(model=model, threshold=0.5, path=path, labels=list(model.metadata.labels),
                                 stored_ideas=list, routes_by_hand=lambda category: category == "library")
    routing = classifier.classify("Biblioteket bør ha meråpent med selvbetjening på kveldene og i helgene")
    assert routing.service == "library" and routing.focus_area is None and routing.abstained


# -- the model and its file ----------------------------------------------------------------------------------------

def test_the_model_records_the_vocabulary_it_was_trained_on(models, orgs, tmp_path):
    model = models["fjordvik"]
    assert model.metadata.services_version == "1"
    assert sorted(model.metadata.services) == sorted(orgs["fjordvik"].vocabulary.ids)  # type: ignore[union-attr]
    path = tmp_path / "model.skops"
    save_model(model, path)
    loaded = load_model(path, expected_labels=orgs["fjordvik"].area_ids)
    texts = [e.text for e in load_examples(HELD_OUT["fjordvik"])[:20]]
    assert [p.service for p in loaded.predict(texts, threshold=0.5)] == \
        [p.service for p in model.predict(texts, threshold=0.5)]


def test_a_stored_model_from_before_the_mapping_is_trained_again(orgs, tmp_path):
    lillehammer = orgs["lillehammer"]
    own = lillehammer.examples_path()
    assert own is not None
    path = tmp_path / "model.skops"
    save_model(train(examples=load_examples(own), labels=lillehammer.area_ids, cv_folds=2), path)
    with migrated_database("sqlite", tmp_path / "org.db") as url:
        engine = make_engine(url)
        model = load_or_train(session_factory=sessionmaker(bind=engine), org=lillehammer, path=path)
        engine.dispose()
    assert model.metadata.services_version == "1" and load_model(path).metadata.services_version == "1"


# -- corrections stay in their org ---------------------------------------------------------------------------------

TEXT = "Kantina i rådhuset kan bruke lokale råvarer og lage færre retter, så kastes mindre mat"


def reroute_in(session, org: OrgConfig, model: RoutingModel, text: str, to: str) -> Correction:
    """Submit `text` as the org's server would route it, and move it to `to` as its administrator."""
    classifier = ModelClassifier(model=model, threshold=0.0, path=Path("unused.skops"), labels=org.area_ids,
                                 stored_ideas=list)
    draft = intake.Draft(text=text, submitter=intake.SubmitterRef(channel=Channel.WEB, external_id="kari",
                                                                   display_name="Kari"), channel=Channel.WEB)
    idea = intake.submit(session=session, draft=draft, classifier=classifier, org=org)
    lifecycle.reroute(session=session, idea=idea, focus_area=to, org=org,
                      actor=Actor(role=Role.ADMIN, user_id=org.administrators[0].id))
    session.flush()
    return session.query(Correction).filter_by(idea_id=idea.id).one()


def test_a_reroute_is_stored_with_the_category_the_idea_was_read_as(session, orgs, models):
    org = orgs["lillehammer"]
    correction = reroute_in(session, org, models["lillehammer"], TEXT, to="organisasjon-og-okonomi")
    assert correction.service == "meals-kitchen" and correction.focus_area == "organisasjon-og-okonomi"


def test_a_correction_in_one_org_does_not_change_routing_in_another(orgs, models, tmp_path):
    """Each municipality runs on its own database; the shared examples are files that no correction touches."""
    shared = {p: p.read_bytes() for p in (ROOT / "config" / "shared" / "services").glob("*.jsonl")}
    before = {name: model.predict([TEXT], threshold=0.0)[0].focus_area for name, model in models.items()}
    assert before["lillehammer"] != "organisasjon-og-okonomi"
    after: dict[str, RoutingModel] = {}
    for name, org in orgs.items():
        with migrated_database("sqlite", tmp_path / f"{name}.db") as url:
            engine = make_engine(url)
            factory = sessionmaker(bind=engine, expire_on_commit=False)
            if name == "lillehammer":
                with factory() as session:
                    for n in range(3):
                        reroute_in(session, org, models[name], f"{TEXT} ({n + 1})", to="organisasjon-og-okonomi")
                    session.commit()
            after[name] = train_and_save(session_factory=factory, org=org, path=tmp_path / f"{name}.skops")
            engine.dispose()
    assert after["lillehammer"].predict([TEXT], threshold=0.0)[0].focus_area == "organisasjon-og-okonomi"
    assert after["fjordvik"].predict([TEXT], threshold=0.0)[0].focus_area == before["fjordvik"]
    assert after["fjordvik"].metadata.n_corrections == 0
    assert {p: p.read_bytes() for p in shared} == shared


def test_an_org_without_a_mapping_learns_from_its_own_examples_only(tmp_path):
    unmapped = re.sub(r"\n    services: \[[^]]*\]", "", LILLEHAMMER.read_text(encoding="utf-8"))
    path = tmp_path / "org.yaml"
    path.write_text(unmapped.replace("examples: lillehammer/", f"examples: {LILLEHAMMER.parent}/lillehammer/"),
                    encoding="utf-8")
    org = load_org_config(path)
    assert not org.maps_services and org.vocabulary is None and service_training(org) is None
    result = CliRunner().invoke(app, ["check-config", str(path)])
    assert "Service categories: not mapped" in result.output


def test_evaluate_measures_any_org_config(models, tmp_path, monkeypatch):
    save_model(models["fjordvik"], tmp_path / "fjordvik.skops")
    for key, value in {"ORG_CONFIG": str(FJORDVIK), "MODEL_PATH": str(tmp_path / "fjordvik.skops"),
                       "DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["evaluate", str(HELD_OUT["fjordvik"]), "--json"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 180 and set(report["per_class"]) >= set(load_org_config(FJORDVIK).area_ids)
