"""Reading labelled examples: good files load, and every bad line is reported with its line number."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from classifier import Example, ExampleFileError, load_examples, parse_line, read_jsonl


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loads_examples_skipping_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '{"text": "Flere heltidsstillinger på sykehjemmet", "focus_area": "helse"}',
        "",
        "   ",
        '{"text": "hei", "focus_area": null}',
        '{"text": "Felles vikarpool i barnehagene", "focus_area": "oppvekst", "sub_topic": "barnehage"}',
    )
    assert load_examples(path) == [
        Example("Flere heltidsstillinger på sykehjemmet", "helse"),
        Example("hei", None),
        Example("Felles vikarpool i barnehagene", "oppvekst", "barnehage"),
    ]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("this is not json", "examples.jsonl line 3: not valid JSON"),
        ('{"focus_area": "helse"}', "examples.jsonl line 3: no 'text' field"),
        ('{"text": "   ", "focus_area": "helse"}', "examples.jsonl line 3: empty 'text'"),
        ('["a list", "not an object"]', "examples.jsonl line 3: expected a JSON object"),
        ('{"text": "Idé uten område"}', "examples.jsonl line 3: no 'focus_area' field"),
        ('{"text": 42, "focus_area": "helse"}', "examples.jsonl line 3: 'text' must be a string"),
        ('{"text": "Idé", "focus_area": 7}', "examples.jsonl line 3: 'focus_area' must be a non-empty string or null"),
    ],
)
def test_bad_line_names_file_and_line(tmp_path: Path, bad_line: str, message: str) -> None:
    # Line 2 is blank: the reported number is the line in the file, not the count of examples read.
    path = write(tmp_path, '{"text": "Felles innkjøp av printere", "focus_area": "okonomi"}', "", bad_line)
    with pytest.raises(ExampleFileError) as caught:
        load_examples(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_read_jsonl_without_labels_accepts_bare_texts() -> None:
    source = io.StringIO('{"id": 1, "text": "Kortere møter"}\n\n{"id": 2, "text": "Felles IT-brukerstøtte"}\n')
    assert list(read_jsonl(source, require_label=False)) == [
        (1, {"id": 1, "text": "Kortere møter"}),
        (3, {"id": 2, "text": "Felles IT-brukerstøtte"}),
    ]


def test_read_jsonl_names_a_stream_by_its_name() -> None:
    source = io.StringIO('{"text": ""}\n')
    source.name = "ideas.jsonl"
    with pytest.raises(ExampleFileError, match=r"^ideas\.jsonl line 1: empty 'text'$"):
        list(read_jsonl(source, require_label=False))


def test_byte_order_mark_from_windows_editors_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_bytes('\ufeff{"text": "Lønnsslipp bare digitalt", "focus_area": "okonomi"}\n'.encode())
    assert load_examples(path) == [Example("Lønnsslipp bare digitalt", "okonomi")]


def test_shipped_lillehammer_examples_load(lillehammer_examples: list[Example]) -> None:
    areas = {e.focus_area for e in lillehammer_examples}
    assert areas == {"oppvekst-og-utdanning", "helse-og-omsorg", "samfunn-og-kultur", "organisasjon-og-okonomi", None}
    assert sum(e.focus_area is None for e in lillehammer_examples) >= 15


def test_parse_line_reports_one_bad_line_so_a_caller_can_go_on() -> None:
    assert parse_line('{"text": "Kortere møter"}', line_no=4, source="-", require_label=False) == {
        "text": "Kortere møter"
    }
    with pytest.raises(ExampleFileError, match=r"^ideas\.jsonl line 9: no 'focus_area' field"):
        parse_line('{"text": "Kortere møter"}', line_no=9, source="ideas.jsonl", require_label=True)
