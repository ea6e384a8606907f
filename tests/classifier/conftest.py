"""Fixtures for the classifier tests: Lillehammer's shipped examples and small hand-written data sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier import Example, RoutingModel, load_examples, train

ROOT = Path(__file__).resolve().parents[2]
LILLEHAMMER_EXAMPLES = ROOT / "config" / "lillehammer" / "examples.jsonl"
LILLEHAMMER_AREAS = ("oppvekst-og-utdanning", "helse-og-omsorg", "samfunn-og-kultur", "organisasjon-og-okonomi")


@pytest.fixture(scope="session")
def lillehammer_examples() -> list[Example]:
    return load_examples(LILLEHAMMER_EXAMPLES)


@pytest.fixture(scope="session")
def lillehammer_model(lillehammer_examples: list[Example]) -> RoutingModel:
    return train(examples=lillehammer_examples, labels=LILLEHAMMER_AREAS)


def school_vs_building() -> list[Example]:
    """Two areas whose words overlap on purpose (schools have buildings), plus non-ideas."""
    school = [
        "Elevene trenger mer leksehjelp etter skoletid",
        "Lærerne på skolen bør dele undervisningsopplegg",
        "Skolen kan ha flere turdager for elevene",
        "Rektor bør ha mer tid til elevene og lærerne",
        "Foreldremøtene på skolen kan være digitale",
        "Spesialundervisning i klassen i stedet for på grupperom",
        "Elevene på skolen mister nettbrettene sine",
        "Skolen bør ha felles plan for mobbing blant elevene",
    ]
    building = [
        "Bytt til LED-lys i rådhuset for å spare strøm",
        "Varmepumpe i kommunale bygg sparer energi",
        "Vaktmesteren bør få digitale målere i byggene",
        "Etterisoler de gamle kommunale byggene",
        "Senk temperaturen i byggene om natten",
        "Solceller på taket av rådhuset",
        "Ventilasjonen i byggene går for fullt i helgene",
        "Lekkasjer i vannrørene i byggene må tettes",
    ]
    none = ["hei", "test", "hallo?", "takk", "god morgen", "test test"]
    return (
        [Example(t, "skole") for t in school]
        + [Example(t, "bygg") for t in building]
        + [Example(t, None) for t in none]
    )
