"""The municipality's org config: focus areas, commissioners, administrators, SLA, target, threshold, the
programme's phases and units (core/budget.py).

Loaded from YAML and validated at start; every error names the file and the bad key.
"""

from __future__ import annotations

import enum
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator, model_validator

from classifier import NON_IDEAS, ServiceVocabulary, VocabularyError, load_vocabulary
from core.bilingual import Text
from core.budget import Phase, Unit, check_area_shares, check_phases, check_units
from core.comment_settings import CommentSettings
from core.identity_settings import IdentitySettings
from core.locale import locale_of
from core.package_settings import PackageSettings

Slug = str


class OrgConfigError(ValueError):
    """The org config cannot be used; the message says which file and key."""


class SubTopic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: Text


class FocusArea(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    name: Text
    description: str = ""
    sub_topics: list[SubTopic] = []
    # The categories of the shared service vocabulary (config/shared/services.yaml) this area acts on.
    services: list[Slug] = []


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    name: str = Field(min_length=1)
    email: str | None = None
    slack_user_id: str | None = None
    teams_aad_id: str | None = None


class Commissioner(Person):
    title: Text | None = None
    areas: list[Slug] = Field(min_length=1)


class ClassifierSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    threshold: float = Field(0.5, ge=0.0, le=1.0)
    examples: Path | None = None
    # The shared examples of messages that are not ideas (classifier/intents.py), relative to this file.
    intents: Path | None = Path("shared/intents.jsonl")
    # The shared service vocabulary; its examples teach the areas the categories are mapped to (focus_areas[].services).
    services: Path | None = Path("shared/services.yaml")
    # Categories the org routes by hand: ideas read as one of these go to the triage queue.
    to_triage: list[Slug] = []


class Redirect(BaseModel):
    """Where a message that is not an idea belongs: the municipality's own channel for it."""

    model_config = ConfigDict(extra="forbid")
    text: Text
    link: HttpUrl | None = None
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)
    phone: str | None = Field(None, pattern=r"^\+?[0-9][0-9 ]{2,19}$")


class TriageChannels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slack_channel: str | None = None
    teams_conversation: str | None = None


class Sharing(enum.StrEnum):
    """Whether colleagues see each other's ideas on the board (core/actors.py decides what of them)."""

    OFF = "off"  # an idea is between its submitter and those who handle it
    OPT_IN = "opt_in"  # the submitter ticks "del med kolleger", or a handler shares it
    ON = "on"  # every idea


class OrgConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    municipality: str = Field(min_length=1)
    programme: Text | None = None
    sla_days: int = Field(14, ge=1, le=365)
    savings_target_nok: int = Field(ge=0)
    classifier: ClassifierSettings = ClassifierSettings()
    triage: TriageChannels = TriageChannels()
    sharing: Sharing = Sharing.OFF
    comments: CommentSettings = CommentSettings()  # moderation of colleagues' comments (core/comment_settings.py)
    headcount: int | None = Field(None, ge=1)  # the employees: what participation is a share of (core/participation.py)
    # One per intent in classifier.NON_IDEAS; an intent without one gets the product's general answer.
    redirects: dict[str, Redirect] = {}
    focus_areas: list[FocusArea] = Field(min_length=1)
    commissioners: list[Commissioner] = Field(min_length=1)
    administrators: list[Person] = Field(min_length=1)
    # The savings programme's phases, each gathering ideas for a budget, and the units challenged to save.
    phases: list[Phase] = []
    units: list[Unit] = []
    packages: PackageSettings = PackageSettings()  # the area packages' reminders (core/package_settings.py)
    identity: IdentitySettings = IdentitySettings()  # the org's own e-mail domains (core/identity_settings.py)
    source: Path | None = Field(default=None, exclude=True)
    vocabulary: ServiceVocabulary | None = Field(default=None, exclude=True)  # set by load_org_config when mapped

    @field_validator("sharing", mode="before")
    @classmethod
    def _yaml_switch(cls, value: object) -> object:
        # YAML 1.1 reads a bare off/on as a boolean: `sharing: off` is what people write, and means the policy.
        return {False: Sharing.OFF, True: Sharing.ON}.get(value, value) if isinstance(value, bool) else value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _require_unique("focus_areas", [a.id for a in self.focus_areas])
        _require_unique("people", [p.id for p in (*self.commissioners, *self.administrators)])
        known = {a.id for a in self.focus_areas}
        owners = Counter(area for c in self.commissioners for area in c.areas)
        for index, commissioner in enumerate(self.commissioners):
            for area in commissioner.areas:
                if area not in known:
                    raise ValueError(f"commissioners[{index}].areas: unknown focus area '{area}'")
        wrong = [f"'{a.id}' has {owners[a.id]}" for a in self.focus_areas if owners[a.id] != 1]
        if wrong:
            raise ValueError(f"focus_areas: every area needs exactly one commissioner: {', '.join(wrong)}")
        unknown = sorted(set(self.redirects) - set(NON_IDEAS))
        if unknown:
            raise ValueError(f"redirects: unknown intent {', '.join(map(repr, unknown))}; "
                             f"known: {', '.join(NON_IDEAS)}")
        check_phases(self.phases)
        check_units(self.units, self.area_ids)
        check_area_shares(self.phases, self.area_ids)
        return self

    # -- look-ups used by every channel --------------------------------------------------------------

    @property
    def area_ids(self) -> list[str]:
        return [a.id for a in self.focus_areas]

    def area(self, area_id: str | None) -> FocusArea | None:
        return next((a for a in self.focus_areas if a.id == area_id), None)

    def commissioner_for(self, area_id: str | None) -> Commissioner | None:
        return next((c for c in self.commissioners if area_id in c.areas), None)

    def commissioner(self, person_id: str) -> Commissioner | None:
        return next((c for c in self.commissioners if c.id == person_id), None)

    def administrator(self, person_id: str) -> Person | None:
        return next((p for p in self.administrators if p.id == person_id), None)

    def person_by(self, *, field: str, value: str) -> tuple[str, Person] | None:
        """('commissioner'|'admin', person) whose `field` (email, slack_user_id, teams_aad_id) is `value`."""
        for role, people in (("admin", self.administrators), ("commissioner", self.commissioners)):
            for person in people:
                found = getattr(person, field)
                if found and found.casefold() == value.casefold():
                    return role, person
        return None

    def open_phase(self, on: date) -> Phase | None:
        """The phase gathering ideas on the day `on` (phases never overlap), or None between phases."""
        return next((p for p in self.phases if p.is_open(on)), None)

    def phase(self, phase_id: str | None) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def unit(self, unit_id: str | None) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def units_of(self, area_id: str | None) -> list[Unit]:
        return [u for u in self.units if u.focus_area == area_id]

    def leader_name(self, unit: Unit) -> str | None:
        """A unit's leader as a name: the person's, when `leader` is the id of someone in the config."""
        people = (*self.commissioners, *self.administrators)
        return next((p.name for p in people if p.id == unit.leader), unit.leader)

    def examples_path(self) -> Path | None:
        return self._beside(self.classifier.examples)

    def intents_path(self) -> Path | None:
        return self._beside(self.classifier.intents)

    def services_path(self) -> Path | None:
        return self._beside(self.classifier.services)

    @property
    def maps_services(self) -> bool:
        """Whether this org routes through the shared service vocabulary (any area or to_triage names a category)."""
        return bool(self.classifier.to_triage) or any(area.services for area in self.focus_areas)

    def service_areas(self) -> dict[str, str | None]:
        """Each mapped category's focus area; None for the categories sent to triage."""
        areas: dict[str, str | None] = {category: None for category in self.classifier.to_triage}
        areas.update({category: area.id for area in self.focus_areas for category in area.services})
        return areas

    def area_of_service(self, category: str | None) -> str | None:
        return self.service_areas().get(category) if category else None

    def service_name(self, category: str | None, locale: str | None) -> str | None:
        """A service category's name in the reader's language (bokmål unless English), None if unknown here."""
        found = self.vocabulary.category(category) if self.vocabulary is not None and category else None
        return found.names["en" if locale_of(locale) == "en" else "nb"] if found else None

    def routes_by_hand(self, category: str | None) -> bool:
        """Whether an idea read as `category` goes to the triage queue however sure the model is."""
        return category is not None and category in self.classifier.to_triage

    def redirect(self, intent: str) -> Redirect | None:
        return self.redirects.get(intent)

    def _beside(self, path: Path | None) -> Path | None:
        if path is None or path.is_absolute() or self.source is None:
            return path
        return self.source.parent / path


def _require_unique(key: str, ids: list[str]) -> None:
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    if repeated:
        raise ValueError(f"{key}: id used more than once: {', '.join(repeated)}")


def load_org_config(path: Path) -> OrgConfig:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OrgConfigError(f"{path}: file not found (set ORG_CONFIG to an org config YAML file)") from None
    except yaml.YAMLError as error:
        raise OrgConfigError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise OrgConfigError(f"{path}: expected a mapping of keys at the top level")
    try:
        config = OrgConfig.model_validate(raw)
    except ValidationError as error:
        raise OrgConfigError(f"{path}: " + "; ".join(_describe(e) for e in error.errors())) from None
    config = config.model_copy(update={"source": path})
    if config.maps_services:
        config = config.model_copy(update={"vocabulary": _checked_vocabulary(config, path)})
    return config


def _checked_vocabulary(config: OrgConfig, path: Path) -> ServiceVocabulary:
    """The vocabulary the org maps onto, once every category has exactly one place: an area or the triage queue."""
    vocabulary_path = config.services_path()
    if vocabulary_path is None:
        raise OrgConfigError(f"{path}: focus_areas name services, but classifier.services is not set")
    try:
        vocabulary = load_vocabulary(vocabulary_path)
    except VocabularyError as error:
        raise OrgConfigError(f"{path}: classifier.services: {error}") from None
    places = [*(("to_triage", c) for c in config.classifier.to_triage),
              *((area.id, c) for area in config.focus_areas for c in area.services)]
    known = set(vocabulary.ids)
    problems = []
    unknown = sorted({c for _, c in places if c not in known})
    if unknown:
        problems.append(f"unknown service categories: {', '.join(unknown)} (known: {', '.join(vocabulary.ids)})")
    where: dict[str, list[str]] = {}
    for place, category in places:
        where.setdefault(category, []).append(place)
    doubled = [f"{c} ({' and '.join(p)})" for c, p in where.items() if len(p) > 1]
    if doubled:
        problems.append(f"categories placed more than once: {', '.join(doubled)}")
    missing = [c for c in vocabulary.ids if c not in where]
    if missing:
        problems.append(f"categories with no area (add each to one focus area's services, or to "
                        f"classifier.to_triage): {', '.join(missing)}")
    if problems:
        raise OrgConfigError(f"{path}: focus_areas[].services: " + "; ".join(problems))
    return vocabulary


def _describe(error: object) -> str:
    assert isinstance(error, dict)
    location = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{location.lstrip('.') or 'top level'}: {message}"
