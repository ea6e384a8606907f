"""Routing classifier for Forslagskassa: plain data in, plain data out; imports nothing else of ours."""

from classifier.evaluation import evaluate, evaluate_messages
from classifier.examples import Example, ExampleFileError, load_examples, parse_line, read_jsonl
from classifier.intents import IDEA, INTENTS, NON_IDEAS, VARSLING, IntentExample, load_intent_examples
from classifier.model import ModelMetadata, Prediction, RoutingModel
from classifier.model_file import ModelError, ModelLabelMismatch, load_model, save_model
from classifier.similar import SimilarityIndex
from classifier.training import train
from classifier.vocabulary import (
    ServiceCategory,
    ServiceExample,
    ServiceTraining,
    ServiceVocabulary,
    VocabularyError,
    load_service_examples,
    load_vocabulary,
)

__all__ = [
    "IDEA",
    "INTENTS",
    "NON_IDEAS",
    "VARSLING",
    "Example",
    "ExampleFileError",
    "IntentExample",
    "ModelError",
    "ModelLabelMismatch",
    "ModelMetadata",
    "Prediction",
    "RoutingModel",
    "ServiceCategory",
    "ServiceExample",
    "ServiceTraining",
    "ServiceVocabulary",
    "SimilarityIndex",
    "VocabularyError",
    "evaluate",
    "evaluate_messages",
    "load_examples",
    "load_intent_examples",
    "load_model",
    "load_service_examples",
    "load_vocabulary",
    "parse_line",
    "read_jsonl",
    "save_model",
    "train",
]
