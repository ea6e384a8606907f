"""Labelled examples and the JSONL format they are stored in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any


@dataclass(frozen=True)
class Example:
    text: str
    focus_area: str | None  # None = not an idea (greeting, test, gibberish, question about the bot)
    sub_topic: str | None = None


class ExampleFileError(ValueError):
    """A line of a JSONL file is unusable; the message names the file and the 1-based line number."""


def read_jsonl(source: IO[str] | Path, *, require_label: bool) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line_no, object) for each non-blank line, checking the fields every caller relies on.

    Every object has a non-empty string "text". With require_label, it also has "focus_area" (a string, or null
    for a non-idea); "sub_topic", when present, is a string or null. Other keys pass through untouched.
    """
    if isinstance(source, Path):
        # utf-8-sig: files saved by Windows editors start with a BOM that would otherwise break line 1.
        with source.open(encoding="utf-8-sig") as handle:
            yield from _read(handle, str(source), require_label=require_label)
    else:
        yield from _read(source, str(getattr(source, "name", "<input>")), require_label=require_label)


def load_examples(path: Path) -> list[Example]:
    """Read labelled examples: {"text", "focus_area" (id or null), "sub_topic"?} per line; blank lines ignored."""
    return [
        Example(text=obj["text"], focus_area=obj["focus_area"], sub_topic=obj.get("sub_topic"))
        for _, obj in read_jsonl(path, require_label=True)
    ]


def parse_line(line: str, *, line_no: int, source: str, require_label: bool) -> dict[str, Any]:
    """One JSONL line, checked as read_jsonl checks it; for callers that report a bad line and go on."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ExampleFileError(f"{source} line {line_no}: not valid JSON ({exc.msg})") from exc
    if not isinstance(obj, dict):
        raise ExampleFileError(f"{source} line {line_no}: expected a JSON object, got {type(obj).__name__}")
    problem = _check_fields(obj, require_label=require_label)
    if problem:
        raise ExampleFileError(f"{source} line {line_no}: {problem}")
    return obj


def _read(handle: IO[str], name: str, *, require_label: bool) -> Iterator[tuple[int, dict[str, Any]]]:
    line_no = 0
    lines = iter(handle)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise ExampleFileError(f"{name} line {line_no + 1}: not valid UTF-8 ({exc.reason})") from exc
        line_no += 1
        if line.strip():
            yield line_no, parse_line(line, line_no=line_no, source=name, require_label=require_label)


def _check_fields(obj: dict[str, Any], *, require_label: bool) -> str | None:
    if "text" not in obj:
        return "no 'text' field"
    text = obj["text"]
    if not isinstance(text, str):
        return f"'text' must be a string, got {type(text).__name__}"
    if not text.strip():
        return "empty 'text'"
    if require_label and "focus_area" not in obj:
        return "no 'focus_area' field (use null for a text that is not an idea)"
    for key in ("focus_area", "sub_topic"):
        value = obj.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            return f"'{key}' must be a non-empty string or null"
    return None
