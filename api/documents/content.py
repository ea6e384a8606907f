"""What every package document says, built once from the package as its reader may see it; the Word, PDF and
.xlsx writers only lay it out. No submitter is named anywhere: not the anonymous ones, and — since a budget
document is a public record — not the others either."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from api.documents.texts import t
from core import locale as fmt
from core.orgconfig import OrgConfig
from core.package_views import PackageView
from core.packages import budget_years_label
from core.presentation import HEADING, snippet

Cell = str | int | None  # an int is an amount in NOK; None a figure not known (left blank)


@dataclass(frozen=True)
class Section:
    """One idea: its heading and what was proposed, answered and assessed."""

    heading: str
    paragraphs: list[tuple[str, str]]


@dataclass(frozen=True)
class Content:
    locale: str
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    columns: list[str]
    rows: list[list[Cell]]
    total: list[Cell]
    measures: list[tuple[str, int]]
    sections: list[Section]
    empty: str | None

    def text(self, value: Cell) -> str:
        """A cell as the Word and PDF documents print it."""
        if value is None:
            return ""
        return fmt.money(self.locale, value) if isinstance(value, int) else value


def content(view: PackageView, org: OrgConfig, locale: str, *, made: datetime) -> Content:
    area = org.area(view.focus_area)
    area_name = area.name.get(locale) if area else view.focus_area
    phase = view.phase
    years = list(view.figures.years)
    commissioner = org.commissioner_for(view.focus_area)
    facts = [(t(locale, "fact.municipality"), org.municipality)]
    if org.programme:
        facts.append((t(locale, "fact.programme"), org.programme.get(locale)))
    facts += [(t(locale, "fact.phase"), phase.name.get(locale)), (t(locale, "fact.area"), area_name)]
    if commissioner:
        facts.append((t(locale, "fact.commissioner"), commissioner.name))
    facts += [(t(locale, "fact.budget_years"), budget_years_label(phase)),
              (t(locale, "fact.deadline"), fmt.date(locale, phase.deadline)),
              (t(locale, "fact.state"), t(locale, f"state.{view.state.value}"))]
    if view.submitted_at:
        facts.append((t(locale, "fact.submitted"), fmt.date(locale, view.submitted_at)))
    if view.adopted_on and view.case_reference:
        facts += [(t(locale, "fact.adopted"), fmt.date(locale, view.adopted_on)),
                  (t(locale, "fact.case"), view.case_reference)]
    facts.append((t(locale, "fact.made"), fmt.date_time(locale, made)))
    columns = [t(locale, "col.number"), t(locale, "col.idea"), t(locale, "col.unit"),
               *(t(locale, "col.year", year=year) for year in years), t(locale, "col.one_off"), t(locale, "col.status")]
    rows: list[list[Cell]] = []
    sections = []
    for line in view.lines:
        idea = line.idea
        heading = f"#{idea.id} {idea.title or snippet(idea.text, HEADING)}"
        unit = org.unit(idea.unit)
        rows.append([str(line.position), heading, unit.name.get(locale) if unit else (idea.unit or ""),
                     *(line.amounts.get(year) for year in years), line.one_off_cost_nok,
                     t(locale, f"status.{idea.status.value}")])
        paragraphs = [(t(locale, "section.proposal"), idea.text)]
        if idea.latest_note:
            paragraphs.append((t(locale, "section.answer"), idea.latest_note))
        if line.assessment:
            paragraphs.append((t(locale, "section.assessment"), line.assessment))
        if line.amounts:
            paragraphs.append((t(locale, "section.saving"), ", ".join(
                f"{year}: {fmt.money(locale, amount)}" for year, amount in line.amounts.items())))
        sections.append(Section(heading=f"{line.position}. {heading}", paragraphs=paragraphs))
    figures = view.figures
    total: list[Cell] = ["", t(locale, "total"), "", *(figures.by_year.get(year, 0) for year in years), None, ""]
    measures = [(t(locale, "measure.packaged", year=figures.target_year), figures.packaged_nok),
                (t(locale, "measure.share"), figures.share_nok),
                (t(locale, "measure.gap_share"), figures.gap_to_share_nok),
                (t(locale, "measure.challenge"), figures.challenge_nok),
                (t(locale, "measure.gap_challenge"), figures.gap_to_challenge_nok)]
    return Content(locale=locale, title=t(locale, "title", area=area_name), subtitle=phase.name.get(locale),
                   facts=facts, columns=columns, rows=rows, total=total, measures=measures, sections=sections,
                   empty=None if rows else t(locale, "empty"))


def file_name(view: PackageView, extension: str, today: date) -> str:
    """pakke-<area>-<phase>-<day>.<ext>: ids only, so the name is safe in any header or file system."""
    return f"pakke-{view.focus_area}-{view.phase.id}-{today.isoformat()}.{extension}"
