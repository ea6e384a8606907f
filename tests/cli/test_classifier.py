"""The classifier's CLI contract that other tools rely on: train, classify, evaluate; bad lines named."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from classifier import load_service_examples
from cli.main import app
from core.orgconfig import load_org_config
from core.settings import get_settings

CONFIG = Path(__file__).resolve().parents[2] / "config"
LILLEHAMMER = CONFIG / "lillehammer.yaml"
KEYS = {"intent", "focus_area", "service", "commissioner", "confidence", "abstained", "sub_topic"}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One trained Lillehammer model (its example set is small, so this is quick) shared by the module."""
    data = tmp_path_factory.mktemp("cli")
    env = {"DATA_DIR": str(data), "ORG_CONFIG": str(LILLEHAMMER), "DATABASE_URL": f"sqlite:///{data / 'db.sqlite'}"}
    runner = CliRunner()
    get_settings.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
        result = runner.invoke(app, ["train"])
    get_settings.cache_clear()
    return env, result


@pytest.fixture
def cli(trained, monkeypatch, tmp_path):
    env, _ = trained
    monkeypatch.chdir(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args, stdin=None: runner.invoke(app, list(args), input=stdin)
    get_settings.cache_clear()


def test_train_saves_a_model_with_its_metrics(trained):
    env, result = trained
    assert result.exit_code == 0, result.output
    # The area head learns the examples that are ideas (with an area), Lillehammer's own and the shared ones its
    # areas map; the others teach the intent head.
    shared = len(load_service_examples(load_org_config(LILLEHAMMER).vocabulary))
    assert f"{120 + shared} examples ({shared} of them shared, service vocabulary 1), 0 corrections, " \
           "cross-validated macro-F1" in result.output
    assert (Path(env["DATA_DIR"]) / "models" / "lillehammer.skops").exists()


def test_train_if_missing_keeps_the_model(cli):
    result = cli("train", "--if-missing")
    assert result.exit_code == 0 and "model already at" in result.output


def test_classify_prints_one_json_line_per_input(cli, tmp_path):
    lines = [{"text": "Flere lærere i første klasse på barneskolene"}, {"text": "asdfgh"},
             {"text": "Felles innkjøpsavtale for kontorrekvisita i hele kommunen"}]
    file = tmp_path / "in.jsonl"
    file.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    result = cli("classify", str(file))
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3 and set(out[0]) == set(out[2]) == KEYS
    assert out[0]["intent"] == "idea" and out[0]["focus_area"] == "oppvekst-og-utdanning"
    assert out[0]["commissioner"] == "Kommunalsjef oppvekst og utdanning"
    # Gibberish is no idea: it is not routed, and the line says where such a message belongs.
    assert out[1] == {**out[1], "intent": "chatter", "focus_area": None, "commissioner": None, "abstained": True}
    assert set(out[1]["redirect"]) == {"intent", "text", "link"} and out[1]["redirect"]["intent"] == "chatter"


def test_classify_reads_stdin(cli):
    idea = "Lengre åpningstider på biblioteket og flere konserter i kulturhuset"
    result = cli("classify", "-", stdin=json.dumps({"text": idea}, ensure_ascii=False) + "\n")
    assert result.exit_code == 0 and json.loads(result.stdout)["focus_area"] == "samfunn-og-kultur"


def test_bad_lines_are_named_and_the_rest_still_classified(cli):
    stdin = "\n".join(['{"text": "Flere lærere"}', "not json", '{"title": "no text"}', '{"text": "   "}', "[1]",
                       '{"text": "Felles avtale"}']) + "\n"
    result = cli("classify", "-", stdin=stdin)
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("line") for o in out] == [None, 2, 3, 4, 5, None]
    assert "line 2: not valid JSON" in result.stderr and "line 3: no 'text' field" in result.stderr
    assert "line 4: empty 'text'" in result.stderr and "line 5: expected a JSON object" in result.stderr


def test_evaluate_reports_the_contract_fields(cli, tmp_path):
    file = tmp_path / "eval.jsonl"
    rows = [("Flere lærere i første klasse", "oppvekst-og-utdanning"),
            ("Velferdsteknologi i hjemmetjenesten", "helse-og-omsorg"),
            ("Lengre åpningstider på biblioteket", "samfunn-og-kultur"),
            ("Felles innkjøpsavtale for hele kommunen", "organisasjon-og-okonomi"), ("hei hei", None)]
    file.write_text("\n".join(json.dumps({"text": t, "focus_area": a}, ensure_ascii=False) for t, a in rows),
                    encoding="utf-8")
    report = json.loads(cli("evaluate", str(file), "--json").stdout)
    assert {"accuracy", "macro_f1", "coverage", "per_class", "confusion"} <= set(report)
    assert report["n"] == 5 and 0 <= report["macro_f1"] <= 1
    table = cli("evaluate", str(file))
    assert table.exit_code == 0 and "macro-F1" in table.output and "confusion" in table.output


def test_evaluate_refuses_labels_the_org_does_not_have(cli, tmp_path):
    file = tmp_path / "eval.jsonl"
    file.write_text('{"text": "x y z", "focus_area": "barn-og-unge"}\n', encoding="utf-8")
    result = cli("evaluate", str(file))
    assert result.exit_code == 2 and "labels not in the org config or the intents: barn-og-unge" in result.output


def test_evaluate_reports_per_intent_for_rows_labelled_with_an_intent(cli, tmp_path):
    rows = [{"text": "sjefen min trakasserer vikarene og truer dem", "intent": "varsling"},
            {"text": "PC-en min starter ikke i dag", "intent": "it_support"},
            {"text": "Felles vikarpool for barnehagene", "intent": "idea", "focus_area": "oppvekst-og-utdanning"}]
    file = tmp_path / "intents.jsonl"
    file.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    report = json.loads(cli("evaluate", str(file), "--json").stdout)
    assert report["n"] == 3 and set(report["per_intent"]) >= {"idea", "varsling", "it_support"}
    assert 0 <= report["non_ideas_routed"] <= 1 and 0 <= report["varsling_steered"] <= 1
    assert report["ideas"]["n"] == 1
    table = cli("evaluate", str(file))
    assert table.exit_code == 0 and "non-ideas routed" in table.output and "varsling steered" in table.output


def test_a_missing_file_is_explained(cli):
    result = cli("classify", "/nonexistent.jsonl")
    assert result.exit_code == 2 and "No such file" in result.output
