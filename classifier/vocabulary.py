"""The shared vocabulary of municipal services, and the examples written to it.

Every municipality delivers the same services (the KOSTRA function list) and groups them into its own areas. The
shared examples are labelled with a service category, never with one municipality's area; each org config maps its
areas onto the categories, and training reads the shared examples through that mapping.

Files: `services.yaml` ({version, categories: [{id, kostra, name: {nb, nn, en}}]}) and, beside it, the folder
`services/` with one `<category id>.jsonl` per category ({"text", "service"} per line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from classifier.dataset import SHARED_WEIGHT
from classifier.examples import Example, ExampleFileError, read_jsonl

CATEGORY_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LANGUAGES = ("nb", "nn", "en")


class VocabularyError(ValueError):
    """The vocabulary file cannot be used; the message names the file and the bad entry."""


@dataclass(frozen=True)
class ServiceCategory:
    id: str
    names: dict[str, str]  # nb, nn, en
    kostra: tuple[str, ...]  # the KOSTRA functions it groups


@dataclass(frozen=True)
class ServiceVocabulary:
    version: str
    categories: tuple[ServiceCategory, ...]
    source: Path

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.categories]

    @property
    def examples_folder(self) -> Path:
        return self.source.with_suffix("")

    def category(self, category_id: str) -> ServiceCategory | None:
        return next((c for c in self.categories if c.id == category_id), None)


@dataclass(frozen=True)
class ServiceExample:
    text: str
    service: str  # a category id of the vocabulary


def load_vocabulary(path: Path) -> ServiceVocabulary:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VocabularyError(f"{path}: service vocabulary not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise VocabularyError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("categories"), list) or "version" not in raw:
        raise VocabularyError(f"{path}: expected 'version' and a list of 'categories'")
    categories = tuple(_category(path, index, entry) for index, entry in enumerate(raw["categories"]))
    seen: set[str] = set()
    for category in categories:
        if category.id in seen:
            raise VocabularyError(f"{path}: category '{category.id}' is listed twice")
        seen.add(category.id)
    return ServiceVocabulary(version=str(raw["version"]), categories=categories, source=path)


def _category(path: Path, index: int, entry: object) -> ServiceCategory:
    where = f"{path}: categories[{index}]"
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not CATEGORY_ID.match(entry["id"]):
        raise VocabularyError(f"{where}: needs an 'id' of lower-case letters, digits and dashes")
    names = entry.get("name")
    if not isinstance(names, dict) or not all(isinstance(names.get(lang), str) and names[lang] for lang in LANGUAGES):
        raise VocabularyError(f"{where} ({entry['id']}): 'name' needs {', '.join(LANGUAGES)}")
    return ServiceCategory(id=entry["id"], names={lang: names[lang] for lang in LANGUAGES},
                           kostra=tuple(str(code) for code in entry.get("kostra", [])))


def load_service_examples(vocabulary: ServiceVocabulary) -> list[ServiceExample]:
    """Every category's examples, in the vocabulary's order; a category without a file has none."""
    found: list[ServiceExample] = []
    for category in vocabulary.categories:
        path = vocabulary.examples_folder / f"{category.id}.jsonl"
        if not path.exists():
            continue
        for line_no, obj in read_jsonl(path, require_label=False):
            if obj.get("service") != category.id:
                raise ExampleFileError(f"{path} line {line_no}: 'service' must be {category.id!r}, "
                                       f"got {obj.get('service')!r}")
            found.append(ServiceExample(text=obj["text"], service=category.id))
    return found


@dataclass(frozen=True)
class ServiceTraining:
    """The shared examples and one org's mapping of their categories onto its focus areas, for train()."""

    examples: tuple[ServiceExample, ...]
    areas: dict[str, str | None]  # category id -> focus area id, or None: the org sends it to triage
    version: str  # the vocabulary's version, recorded in the model
    weight: float = SHARED_WEIGHT  # of each shared example, against 1 for each of the org's own

    def area_examples(self) -> list[Example]:
        """The shared examples labelled with the org's areas; a category sent to triage teaches no area."""
        return [Example(text=e.text, focus_area=area) for e in self.examples if (area := self.areas.get(e.service))]
