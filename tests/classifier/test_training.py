"""Training and routing: what a commissioner or an employee would notice about where ideas go."""

from __future__ import annotations

import re

import pytest

from classifier import Example, RoutingModel, train
from classifier.designs import DESIGNS
from tests.classifier.conftest import LILLEHAMMER_AREAS, school_vs_building

CLEAR_IDEAS = {
    # Not in the training file: new wording, the kind of thing employees write.
    "Sykehjemmet bør lage mindre porsjoner så vi kaster mindre mat": "helse-og-omsorg",
    "Hjemmetjenesten kan bruke elektroniske dørlåser i stedet for nøkler": "helse-og-omsorg",
    "Samle SFO på færre skoler om ettermiddagen, det er få barn igjen": "oppvekst-og-utdanning",
    "Barnehagene kunne hatt felles vikarer": "oppvekst-og-utdanning",
    "Biblioteket kan ha meråpent på kvelden": "samfunn-og-kultur",
    "Etterisolering av kommunale bygg sparer energi": "samfunn-og-kultur",
    "Alle fakturaer bør komme som EHF, ikke på papir": "organisasjon-og-okonomi",
    "Færre fagsystemer og lisenser i hele kommunen": "organisasjon-og-okonomi",
}


def test_clear_ideas_are_routed_to_their_area(lillehammer_model: RoutingModel) -> None:
    predictions = lillehammer_model.predict(list(CLEAR_IDEAS), threshold=0.5)
    routed = {text: p.focus_area for text, p in zip(CLEAR_IDEAS, predictions, strict=True)}
    assert routed == CLEAR_IDEAS
    for p in predictions:
        assert not p.abstained
        assert p.confidence == max(p.scores.values())
        assert set(p.scores) == set(LILLEHAMMER_AREAS)


def test_typos_and_nynorsk_still_route(lillehammer_model: RoutingModel) -> None:
    [typo, nynorsk] = lillehammer_model.predict(
        ["sykehjemet burde kaste mindre mat, lag mindre porsjonar", "Skulen bør gje elevane meir leksehjelp"],
        threshold=0.5,
    )
    assert typo.focus_area == "helse-og-omsorg"
    assert nynorsk.focus_area == "oppvekst-og-utdanning"


def test_raising_the_threshold_sends_ideas_to_triage(lillehammer_model: RoutingModel) -> None:
    texts = list(CLEAR_IDEAS)
    low = lillehammer_model.predict(texts, threshold=0.3)
    high = lillehammer_model.predict(texts, threshold=0.99)
    assert all(not p.abstained for p in low)
    assert all(p.abstained and p.focus_area is None for p in high)
    assert {p.abstain_reason for p in high} == {"low_confidence"}
    # The threshold only decides; the probabilities themselves do not change.
    assert [p.confidence for p in low] == [p.confidence for p in high]


@pytest.mark.parametrize(
    "text", ["hallo hallo", "god kveld", "hva gjør denne boten?", "tester bare", "hei, hvem leser dette?"]
)
def test_greetings_tests_and_questions_about_the_bot_are_not_routed(lillehammer_model: RoutingModel, text: str) -> None:
    [prediction] = lillehammer_model.predict([text], threshold=0.5)
    assert prediction.abstained
    assert prediction.focus_area is None
    assert prediction.abstain_reason == "not_an_idea"


@pytest.mark.parametrize("text", ["asdkjh qwpoeiru zxmcnv", "xxxxxxx", "😀😀😀", "lol", "...", "1234"])
def test_gibberish_is_never_routed_even_at_threshold_zero(lillehammer_model: RoutingModel, text: str) -> None:
    [prediction] = lillehammer_model.predict([text], threshold=0.0)
    assert prediction.abstained
    assert prediction.abstain_reason == "no_known_words"


def test_corrections_change_where_a_text_goes() -> None:
    examples = school_vs_building()
    text = "Vaktmesteren på skolen trenger ny snøfreser til skolegården"
    before = train(examples=examples, labels=["skole", "bygg"])
    assert before.predict([text], threshold=0.5)[0].focus_area == "skole"

    # The triage team reroutes that idea to buildings, three times over the months.
    after = train(examples=examples, labels=["skole", "bygg"], corrections=[Example(text, "bygg")] * 3)
    assert after.predict([text], threshold=0.5)[0].focus_area == "bygg"
    assert after.metadata.n_corrections == 3
    # ...and it carries over to similar wording, not only the exact text.
    assert after.predict(["Vaktmester på skolen trenger snøfreser"], threshold=0.0)[0].focus_area == "bygg"


def test_a_correction_overrides_an_example_with_the_same_text() -> None:
    examples = [*school_vs_building(), Example("Ny snøfreser til skolegården", "skole")]
    model = train(
        examples=examples, labels=["skole", "bygg"], corrections=[Example(" ny  snøfreser til skolegården", "bygg")]
    )
    assert model.metadata.n_examples == len(examples) - 1  # the contradicted example is dropped
    assert model.metadata.n_corrections == 1


def test_the_latest_correction_of_a_text_wins() -> None:
    text = "Vaktmesteren på skolen trenger ny snøfreser til skolegården"
    model = train(
        examples=school_vs_building(),
        labels=["skole", "bygg"],
        corrections=[Example(text, "bygg"), Example(text, "bygg"), Example(text, "skole")],
    )
    assert model.metadata.n_corrections == 1
    assert model.predict([text], threshold=0.5)[0].focus_area == "skole"


def test_label_not_in_the_org_config_is_refused() -> None:
    examples = [*school_vs_building(), Example("Flere sykepleiere", "helse"), Example("Mer turnus", "helse")]
    with pytest.raises(ValueError, match=r"not in the org config: helse"):
        train(examples=examples, labels=["skole", "bygg"])


def test_a_correction_to_an_unknown_area_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not in the org config: helse"):
        train(examples=school_vs_building(), labels=["skole", "bygg"], corrections=[Example("Mer turnus", "helse")])


def test_an_area_with_fewer_than_two_examples_is_refused() -> None:
    examples = [*school_vs_building(), Example("Flere sykepleiere", "helse")]
    with pytest.raises(ValueError, match=r"at least 2 training examples; too few for: helse \(1\), kultur \(0\)"):
        train(examples=examples, labels=["skole", "bygg", "helse", "kultur"])


def test_metadata_describes_the_model(lillehammer_model: RoutingModel, lillehammer_examples: list[Example]) -> None:
    meta = lillehammer_model.metadata
    assert meta.labels == LILLEHAMMER_AREAS
    assert meta.n_examples == len(lillehammer_examples)
    assert meta.n_corrections == 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ-[0-9a-f]{8}", meta.version)
    assert meta.version.startswith(meta.trained_at)
    assert 0.0 <= meta.cv_metrics["macro_f1"] <= 1.0
    assert 0.0 <= meta.cv_metrics["accuracy"] <= 1.0
    assert meta.design in DESIGNS


def test_same_data_gives_the_same_version_suffix() -> None:
    # The suffix identifies the training data, so two servers can tell whether they run the same model.
    first = train(examples=school_vs_building(), labels=["skole", "bygg"])
    second = train(examples=school_vs_building(), labels=["skole", "bygg"])
    other = train(examples=school_vs_building()[:-1], labels=["skole", "bygg"])
    assert first.metadata.version[-8:] == second.metadata.version[-8:] != other.metadata.version[-8:]


def test_compare_designs_keeps_the_best_cross_validated_design(lillehammer_examples: list[Example]) -> None:
    model = train(examples=lillehammer_examples, labels=LILLEHAMMER_AREAS, compare_designs=True)
    assert model.metadata.design in DESIGNS
    from classifier.training import compare

    results = {
        r.design: r.metrics["macro_f1"] for r in compare(examples=lillehammer_examples, labels=LILLEHAMMER_AREAS)
    }
    assert set(results) == set(DESIGNS)
    assert model.metadata.cv_metrics["macro_f1"] == max(results.values())


def test_sub_topic_is_predicted_within_the_routed_area() -> None:
    examples = school_vs_building() + [
        Example(t, "skole", "barnehage")
        for t in ["Barnehagen trenger flere voksne", "Felles vikarer i barnehagene", "Barnehageplass nær jobben"]
    ]
    examples = [Example(e.text, e.focus_area, "skolebygg" if e.focus_area == "bygg" else e.sub_topic) for e in examples]
    examples += [Example(t, "skole", "undervisning") for t in ["Mer praktisk undervisning", "Undervisning ute"]]
    examples += [Example("Undervisning i små grupper", "skole", "undervisning")]
    model = train(examples=examples, labels=["skole", "bygg"])
    [kindergarten, building] = model.predict(
        ["Barnehagene bør dele vikarer", "Senk temperaturen i byggene i helgene"], threshold=0.5
    )
    assert (kindergarten.focus_area, kindergarten.sub_topic) == ("skole", "barnehage")
    # "bygg" has one sub-topic only: guessing it for every idea would tell nobody anything.
    assert (building.focus_area, building.sub_topic) == ("bygg", None)


def test_predict_handles_empty_batches_and_rejects_a_bare_string(lillehammer_model: RoutingModel) -> None:
    assert lillehammer_model.predict([], threshold=0.5) == []
    with pytest.raises(TypeError):
        lillehammer_model.predict("en tekst", threshold=0.5)
    with pytest.raises(ValueError, match="threshold"):
        lillehammer_model.predict(["en tekst"], threshold=1.5)
