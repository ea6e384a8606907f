"""Saving and loading models: same predictions after a round trip, and untrustworthy files refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import skops.io as sio
from sklearn.ensemble import RandomForestClassifier

from classifier import ModelError, ModelLabelMismatch, RoutingModel, load_model, save_model, train
from classifier.designs import DESIGNS
from classifier.model_file import ALLOWED_TYPES, FORMAT, types_in
from tests.classifier.conftest import LILLEHAMMER_AREAS, school_vs_building

TEXTS = [
    "Sykehjemmet bør lage mindre porsjoner",
    "Felles vikarpool i barnehagene",
    "Biblioteket kan ha meråpent",
    "Alle fakturaer som EHF",
    "hei",
    "asdkjh qwpoeiru",
]


def test_round_trip_gives_identical_predictions(lillehammer_model: RoutingModel, tmp_path: Path) -> None:
    path = tmp_path / "models" / "lillehammer.skops"
    save_model(lillehammer_model, path)
    loaded = load_model(path, expected_labels=LILLEHAMMER_AREAS)
    assert loaded.metadata == lillehammer_model.metadata
    assert loaded.predict(TEXTS, threshold=0.5) == lillehammer_model.predict(TEXTS, threshold=0.5)
    assert (loaded.transform(TEXTS) != lillehammer_model.transform(TEXTS)).nnz == 0


def test_file_is_skops_not_pickle(lillehammer_model: RoutingModel, tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    save_model(lillehammer_model, path)
    with zipfile.ZipFile(path) as archive:
        assert "schema.json" in archive.namelist()
    assert not path.read_bytes().startswith(b"\x80")  # a pickle stream starts with the PROTO opcode


@pytest.mark.parametrize("design", list(DESIGNS))
def test_fresh_models_of_every_design_use_only_allowed_types(design: str, tmp_path: Path, monkeypatch) -> None:
    # Fails with the new type's name if a scikit-learn upgrade changes what a model is made of; review the
    # type, then add it to ALLOWED_TYPES.
    monkeypatch.setattr("classifier.training.DEFAULT_DESIGN", design)
    examples = [*school_vs_building()]
    model = train(examples=examples, labels=["skole", "bygg"])
    assert model.metadata.design == design
    path = tmp_path / "model.skops"
    save_model(model, path)
    assert types_in(path) <= ALLOWED_TYPES
    assert load_model(path).predict(TEXTS, threshold=0.5) == model.predict(TEXTS, threshold=0.5)


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    path.write_bytes(b"this is not a model\x00\x01")
    with pytest.raises(ModelError, match="not a readable skops model file"):
        load_model(path)


def test_truncated_file_is_refused(lillehammer_model: RoutingModel, tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    save_model(lillehammer_model, path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ModelError):
        load_model(path)


def test_missing_file_says_to_train(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="run `forslagskassa train`"):
        load_model(tmp_path / "nope.skops")


def test_file_with_an_unexpected_type_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    # A RandomForest is a type skops trusts by default; we still refuse it, because no routing model has one.
    path = tmp_path / "model.skops"
    sio.dump({"format": FORMAT, "pipeline": RandomForestClassifier()}, path)
    with pytest.raises(ModelError, match=r"refusing to load types .*RandomForestClassifier"):
        load_model(path)


def test_file_with_a_function_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    sio.dump({"format": FORMAT, "hook": print}, path)
    with pytest.raises(ModelError, match="refusing to load types"):
        load_model(path)


def test_skops_file_that_is_not_a_routing_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    sio.dump({"something": "else"}, path)
    with pytest.raises(ModelError, match="not a Forslagskassa routing model"):
        load_model(path)


def test_label_mismatch_is_refused_with_a_way_out(lillehammer_model: RoutingModel, tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    save_model(lillehammer_model, path)
    config_areas = ["oppvekst-og-utdanning", "helse-og-omsorg", "kultur", "organisasjon-og-okonomi"]
    with pytest.raises(ModelLabelMismatch) as caught:
        load_model(path, expected_labels=config_areas)
    assert str(caught.value) == (
        "model labels [oppvekst-og-utdanning, helse-og-omsorg, samfunn-og-kultur, organisasjon-og-okonomi] "
        "do not match the org config's focus areas "
        "[oppvekst-og-utdanning, helse-og-omsorg, kultur, organisasjon-og-okonomi]: run `forslagskassa train`"
    )
    assert isinstance(caught.value, ModelError)
    # Order matters too: scores and statistics are keyed by position in some callers.
    with pytest.raises(ModelLabelMismatch):
        load_model(path, expected_labels=list(reversed(LILLEHAMMER_AREAS)))


def test_allowed_types_put_together_wrongly_are_refused(lillehammer_model: RoutingModel, tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    save_model(lillehammer_model, path)
    payload = sio.load(path, trusted=sio.get_untrusted_types(file=path))
    payload["pipeline"] = payload["pipeline"].named_steps["clf"]  # a bare classifier where the pipeline belongs
    sio.dump(payload, path)
    with pytest.raises(ModelError, match="not a usable routing model"):
        load_model(path)
