"""Saving and loading models with skops: no pickle, and only the types a routing model is made of."""

from __future__ import annotations

import copy
import json
import zipfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import skops.io as sio
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from classifier.features import BLOCKS, assemble
from classifier.intents import IntentThresholds
from classifier.model import IntentHead, ModelMetadata, RoutingModel
from classifier.subtopics import SubtopicModel

FORMAT = "forslagskassa-routing-model/1"

# Every type a saved RoutingModel is made of, and nothing else, including the builtins and numpy types that skops
# would trust by default. A file that holds anything else (a function, an estimator we never use, a type that
# runs code when built) is refused before any object in it is built.
# test_store checks that freshly trained models of every design use only these, so a scikit-learn upgrade that
# changes them fails there with the new type's name.
ALLOWED_TYPES = frozenset(
    {
        "builtins.dict",
        "builtins.list",
        "builtins.str",  # skops files every JSON scalar (str, int, float, bool, None) under str
        "builtins.tuple",
        "numpy.float64",
        "numpy.int64",
        "numpy.ndarray",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.feature_extraction.text.CountVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.pipeline.FeatureUnion",
        "sklearn.pipeline.Pipeline",
        "sklearn.svm._classes.LinearSVC",
    }
)


class ModelError(Exception):
    """The model file cannot be used: missing, unreadable, not a routing model, or holding untrusted types."""


class ModelLabelMismatch(ModelError):
    """The model was trained for other focus areas than the org config now lists."""


def save_model(model: RoutingModel, path: Path) -> None:
    """Write the fitted pipeline, sub-topic model and metadata (plain types) to one skops file."""
    pipeline, vocabularies = _pack_vocabularies(model.pipeline)
    payload: dict[str, Any] = {
        "format": FORMAT,
        "metadata": {**asdict(model.metadata), "labels": list(model.metadata.labels),
                     "intents": list(model.metadata.intents), "services": list(model.metadata.services)},
        "pipeline": pipeline,
        "vocabularies": vocabularies,
        "subtopics": dict(model.subtopics.by_area) if model.subtopics else {},
        "intents": model.intents.clf if model.intents else None,
        "services": model.services,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write next to the target and rename, so a server reading the model never sees half a file.
    tmp = path.with_name(path.name + ".tmp")
    sio.dump(payload, tmp, compression=zipfile.ZIP_DEFLATED)
    tmp.replace(path)


def load_model(path: Path, *, expected_labels: Sequence[str] | None = None) -> RoutingModel:
    """Load a model saved by save_model, refusing untrusted content, and labels that differ from the config."""
    payload = _load_trusted(path)
    try:
        meta = payload["metadata"]
        metadata = ModelMetadata(
            version=str(meta["version"]),
            trained_at=str(meta["trained_at"]),
            labels=tuple(str(label) for label in meta["labels"]),
            n_examples=int(meta["n_examples"]),
            n_corrections=int(meta["n_corrections"]),
            cv_metrics={str(k): float(v) for k, v in meta["cv_metrics"].items()},
            design=str(meta["design"]),
            intents=tuple(str(intent) for intent in meta.get("intents", [])),
            intent_thresholds={str(k): float(v) for k, v in meta.get("intent_thresholds", {}).items()},
            intent_cv={str(k): float(v) for k, v in meta.get("intent_cv", {}).items()},
            services_version=str(meta.get("services_version", "")),
            services=tuple(str(service) for service in meta.get("services", [])),
            n_shared=int(meta.get("n_shared", 0)),
        )
        pipeline = _unpack_vocabularies(payload["pipeline"], payload["vocabularies"])
        by_area = {str(area): svm for area, svm in payload["subtopics"].items()}
        # Allowed types can still be put together wrongly; check the shape before anything uses it.
        if not all(isinstance(svm, LinearSVC) for svm in by_area.values()):
            raise TypeError("sub-topic models must be LinearSVC")
        subtopics = SubtopicModel(by_area=by_area) if by_area else None
        model = RoutingModel(pipeline=pipeline, metadata=metadata, subtopics=subtopics,
                             intents=_intent_head(payload.get("intents"), metadata),
                             services=_service_head(payload.get("services"), metadata))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{path}: not a usable routing model ({exc})") from exc
    if expected_labels is not None and list(metadata.labels) != list(expected_labels):
        raise ModelLabelMismatch(
            f"model labels [{', '.join(metadata.labels)}] do not match the org config's focus areas "
            f"[{', '.join(expected_labels)}]: run `forslagskassa train`"
        )
    return model


def _intent_head(clf: object, metadata: ModelMetadata) -> IntentHead | None:
    if clf is None:
        return None
    if not isinstance(clf, LogisticRegression):
        raise TypeError("the intent head must be a LogisticRegression")
    if [str(c) for c in clf.classes_] != list(metadata.intents):
        raise ValueError("the intent head's classes do not match the metadata")
    thresholds = metadata.intent_thresholds
    return IntentHead(clf=clf, thresholds=IntentThresholds(idea=thresholds["idea"], varsling=thresholds["varsling"]))


def _service_head(svm: object, metadata: ModelMetadata) -> LinearSVC | None:
    if svm is None:
        return None
    if not isinstance(svm, LinearSVC):
        raise TypeError("the service head must be a LinearSVC")
    if [str(c) for c in svm.classes_] != list(metadata.services):
        raise ValueError("the service head's categories do not match the metadata")
    return svm


def _load_trusted(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ModelError(f"{path}: no model file; run `forslagskassa train`")
    try:
        present = types_in(path)
        # skops' own list of what it would not build by default; checked too, in case its naming ever differs
        # from the schema's.
        untrusted = set(sio.get_untrusted_types(file=path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ModelError(f"{path}: not a readable skops model file ({exc})") from exc
    refused = sorted((present | untrusted) - ALLOWED_TYPES)
    if refused:
        raise ModelError(f"{path}: refusing to load types that a routing model does not use: {', '.join(refused)}")
    try:
        payload = sio.load(path, trusted=sorted(untrusted))
    except Exception as exc:  # skops raises a wide range of errors on corrupt files; all mean the same here
        raise ModelError(f"{path}: the model file is damaged ({type(exc).__name__}: {exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelError(f"{path}: not a Forslagskassa routing model (format {FORMAT!r} expected)")
    return payload


def types_in(path: Path) -> set[str]:
    """Every "module.class" named in a skops file's schema, found without building any object."""
    with zipfile.ZipFile(path) as archive:
        schema = json.loads(archive.read("schema.json"))
    found: set[str] = set()
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "__module__" in node and "__class__" in node:
                found.add(f"{node['__module__']}.{node['__class__']}")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _pack_vocabularies(pipeline: Pipeline) -> tuple[Pipeline, dict[str, np.ndarray]]:
    """A copy of the pipeline whose vocabularies travel as arrays of terms, index order.

    skops writes a dict entry by entry into its JSON schema: a 10k-example model's vocabularies made a 57 MB
    schema that took seconds to parse. As arrays they are a few MB and load in a fraction of a second.
    """
    steps = dict(pipeline.named_steps["features"].transformer_list)
    counters, weights, vocabularies = {}, {}, {}
    for name in BLOCKS:
        counter = copy.copy(steps[name].named_steps["count"])  # shallow: the live model keeps its dict
        terms = [""] * len(counter.vocabulary_)
        for term, index in counter.vocabulary_.items():
            terms[index] = term
        vocabularies[name] = np.array(terms, dtype=str)
        counter.vocabulary_ = {}
        counters[name], weights[name] = counter, steps[name].named_steps["tfidf"]
    return Pipeline([("features", assemble(counters, weights)), ("clf", pipeline.named_steps["clf"])]), vocabularies


def _unpack_vocabularies(pipeline: Pipeline, vocabularies: dict[str, np.ndarray]) -> Pipeline:
    if not isinstance(pipeline, Pipeline) or list(pipeline.named_steps) != ["features", "clf"]:
        raise TypeError("the pipeline must have the steps 'features' and 'clf'")
    steps = dict(pipeline.named_steps["features"].transformer_list)
    for name in BLOCKS:
        terms = vocabularies[name].tolist()
        if len(terms) != len(steps[name].named_steps["tfidf"].idf_):
            raise ValueError(f"the {name} vocabulary does not match its IDF weights")
        steps[name].named_steps["count"].vocabulary_ = {str(term): i for i, term in enumerate(terms)}
    return pipeline
