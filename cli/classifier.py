"""CLI commands around the routing model: train, classify, evaluate. JSONL in; JSONL or a table out."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from cli.common import fail, org_or_exit, settings_or_exit
from core.orgconfig import OrgConfig

if TYPE_CHECKING:
    from classifier import ExampleFileError, RoutingModel

# The classifier (scikit-learn, scipy) is imported inside each function: it takes seconds to load, which every
# other command (and each `serve --workers` process as it starts) would pay for nothing.


def train(
    org_config: Annotated[Path | None, typer.Option(help="Defaults to ORG_CONFIG.")] = None,
    if_missing: Annotated[bool, typer.Option(help="Only when no model is stored yet.")] = False,
) -> None:
    """Train the routing model from the org's examples plus every correction made by a person."""
    from classifier import ExampleFileError
    from core.training import NoTrainingData, train_and_save
    from storage.db import make_engine, make_session_factory

    settings = settings_or_exit()
    if org_config:
        settings = settings.model_copy(update={"org_config": org_config})
    org = org_or_exit(settings.org_config)
    path = settings.resolved_model_path
    if if_missing and path.exists():
        typer.echo(f"model already at {path}")
        return
    engine = make_engine(settings.resolved_database_url)
    try:
        model = train_and_save(session_factory=make_session_factory(engine), org=org, path=path)
    except (NoTrainingData, ExampleFileError, ValueError) as error:
        raise fail(str(error)) from None
    finally:
        engine.dispose()
    meta = model.metadata
    shared = f" ({meta.n_shared} of them shared, service vocabulary {meta.services_version})" if meta.n_shared else ""
    typer.echo(f"model {meta.version} ({meta.design}) saved to {path}: {meta.n_examples} examples{shared}, "
               f"{meta.n_corrections} corrections, cross-validated macro-F1 {meta.cv_metrics['macro_f1']:.3f}; "
               "a running server picks it up within seconds")


def classify(file: Annotated[str, typer.Argument(help="JSONL with a 'text' per line, or - for stdin.")]) -> None:
    """Route each text: one JSON line out per line in, {"intent", "focus_area", "service", "commissioner", ...};
    for a message that is not an idea also "redirect": where the org config says it belongs."""
    from classifier import ExampleFileError

    org, model = _org_and_model()
    bad = 0
    with _open(file) as stream:
        for line_no, parsed in _lines(stream, require_label=False):
            if isinstance(parsed, ExampleFileError):
                bad += 1
                typer.echo(str(parsed), err=True)
                typer.echo(json.dumps({"line": line_no, "error": str(parsed)}, ensure_ascii=False))
                continue
            typer.echo(json.dumps(_routed(org, model, parsed["text"]), ensure_ascii=False))
    if bad:
        raise fail(f"{bad} line(s) could not be classified", code=1)


def evaluate_command(
    file: Annotated[str, typer.Argument(help="JSONL with 'text' and 'focus_area' (null: not an idea), or with "
                                             "'intent' (and for ideas optionally 'focus_area').")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of a table.")] = False,
) -> None:
    """Measure routing on labelled ideas (accuracy, macro-F1, per area, coverage, confusion matrix), or, with rows
    labelled by intent, how messages are sorted: per intent, non-ideas routed as ideas, reports of wrongdoing
    steered."""
    from classifier import INTENTS, Example, ExampleFileError, evaluate, evaluate_messages

    org, model = _org_and_model()
    rows: list[dict[str, Any]] = []
    with _open(file) as stream:
        for _, parsed in _lines(stream, require_label=False):
            if isinstance(parsed, ExampleFileError) or not ("intent" in parsed or "focus_area" in parsed):
                typer.echo(f"skipped: {parsed if isinstance(parsed, ExampleFileError) else 'a line without a label'}",
                           err=True)
                continue
            rows.append(parsed)
    if not rows:
        raise fail("no usable labelled line in the input")
    unknown = sorted({r["focus_area"] for r in rows if r.get("focus_area") and r["focus_area"] not in org.area_ids}
                     | {str(r["intent"]) for r in rows if "intent" in r and r["intent"] not in INTENTS})
    if unknown:
        raise fail(f"labels not in the org config or the intents: {', '.join(unknown)}")
    threshold = org.classifier.threshold
    if any("intent" in r for r in rows):
        messages = [(r["text"], r.get("intent") or ("idea" if r.get("focus_area") else "chatter"), r.get("focus_area"))
                    for r in rows]
        report = evaluate_messages(model=model, rows=messages, threshold=threshold)
        typer.echo(json.dumps(report, ensure_ascii=False) if as_json else _intent_table(report))
        return
    examples = [Example(text=r["text"], focus_area=r["focus_area"]) for r in rows]
    report = evaluate(model=model, examples=examples, threshold=threshold)
    typer.echo(json.dumps(report, ensure_ascii=False) if as_json else _table(report))


def _org_and_model() -> tuple[OrgConfig, RoutingModel]:
    from classifier import ModelError, load_model

    settings = settings_or_exit()
    org = org_or_exit(settings.org_config)
    path = settings.resolved_model_path
    if not path.exists():
        raise fail(f"no model at {path}: run `forslagskassa train` first")
    try:
        return org, load_model(path, expected_labels=org.area_ids)
    except ModelError as error:
        raise fail(str(error)) from None


def _routed(org: OrgConfig, model: RoutingModel, text: str) -> dict[str, Any]:
    from core.steering import describe, redirect_in

    prediction = model.predict([text], threshold=org.classifier.threshold)[0]
    by_hand = org.routes_by_hand(prediction.service)
    area = None if by_hand else prediction.focus_area
    commissioner = org.commissioner_for(area)
    routed: dict[str, Any] = {
        "intent": prediction.intent, "focus_area": area, "service": prediction.service,
        "commissioner": commissioner.name if commissioner else None,
        "confidence": round(float(prediction.confidence), 4), "abstained": prediction.abstained or by_hand,
        "sub_topic": None if by_hand else prediction.sub_topic}
    if prediction.intent != "idea":
        described = describe(prediction.intent, redirect_in(org, prediction.intent), "nb")
        routed["redirect"] = {key: described[key] for key in ("intent", "text", "link")}
    return routed


def _open(file: str) -> AbstractContextManager[IO[str]]:
    if file == "-":
        return contextlib.nullcontext(sys.stdin)  # reading stdin must not close it
    try:
        return open(file, encoding="utf-8-sig", errors="strict")
    except OSError as error:
        raise fail(f"{file}: {error.strerror}") from None


def _lines(stream: IO[str], *, require_label: bool) -> Iterator[tuple[int, dict[str, Any] | ExampleFileError]]:
    """Each non-blank line parsed, or the error that names it; one bad line stops nothing."""
    from classifier import ExampleFileError, parse_line

    name = getattr(stream, "name", "<stdin>")
    line_no = 0
    while True:
        line_no += 1
        try:
            line = stream.readline()
        except UnicodeDecodeError as error:
            yield line_no, ExampleFileError(f"{name} line {line_no}: not valid UTF-8 ({error.reason})")
            return
        if not line:
            return
        if not line.strip():
            continue
        try:
            yield line_no, parse_line(line, line_no=line_no, source=name, require_label=require_label)
        except ExampleFileError as error:
            yield line_no, error


def _table(report: dict[str, Any]) -> str:
    lines = [f"examples   {report['n']}", f"accuracy   {report['accuracy']:.3f}",
             f"macro-F1   {report['macro_f1']:.3f}", f"coverage   {report['coverage']:.3f}", "",
             f"{'area':<28} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}"]
    for label, row in report["per_class"].items():
        lines.append(f"{label:<28} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} "
                     f"{row['support']:>5}")
    labels = report["confusion"]["labels"]
    width = max(len(str(label)) for label in labels) + 1
    lines += ["", "confusion (rows: true, columns: predicted)",
              " " * width + "".join(f"{str(label)[:10]:>11}" for label in labels)]
    for label, row in zip(labels, report["confusion"]["matrix"], strict=True):
        lines.append(f"{label!s:<{width}}" + "".join(f"{n:>11}" for n in row))
    return "\n".join(lines)


def _intent_table(report: dict[str, Any]) -> str:
    lines = [f"messages            {report['n']}", f"non-ideas routed    {report['non_ideas_routed']:.3f}",
             f"varsling steered    {report['varsling_steered']:.3f}", "",
             f"{'intent':<16} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}"]
    for label, row in report["per_intent"].items():
        lines.append(f"{label:<16} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} "
                     f"{row['support']:>5}")
    if report["ideas"]:
        lines += ["", "ideas with a focus area:", _table(report["ideas"])]
    return "\n".join(lines)

