"""The texts of the package documents (Word, PDF, .xlsx), in bokmål and English: what the politicians read."""

from __future__ import annotations

from core.locale import Catalogue, translate

# key: (nb, en). Placeholders are str.format fields.
TEXTS: Catalogue = {
    "title": ("Tiltakspakke for {area}", "Package of measures for {area}"),
    "fact.municipality": ("Kommune", "Municipality"),
    "fact.programme": ("Program", "Programme"),
    "fact.phase": ("Fase", "Phase"),
    "fact.area": ("Område", "Focus area"),
    "fact.commissioner": ("Ansvarlig", "Responsible"),
    "fact.budget_years": ("Budsjettår", "Budget years"),
    "fact.deadline": ("Frist", "Deadline"),
    "fact.state": ("Status for pakken", "Package status"),
    "fact.submitted": ("Sendt til kommunedirektøren", "Submitted to the chief executive"),
    "fact.adopted": ("Vedtatt", "Adopted"),
    "fact.case": ("Saksnummer", "Case reference"),
    "fact.made": ("Laget", "Generated"),
    "state.draft": ("Utkast", "Draft"),
    "state.submitted": ("Sendt til kommunedirektøren", "Submitted to the chief executive"),
    "state.adopted": ("Vedtatt", "Adopted"),
    "summary": ("Oversikt", "Summary"),
    "col.number": ("Nr.", "No."),
    "col.idea": ("Forslag", "Idea"),
    "col.unit": ("Virksomhet", "Unit"),
    "col.year": ("Effekt {year}", "Effect {year}"),
    "col.one_off": ("Engangskostnad", "One-off cost"),
    "col.status": ("Status", "Status"),
    "total": ("Sum", "Total"),
    "measure": ("Mot målet", "Against the target"),
    "measure.packaged": ("Pakkens sum i {year}", "The package's total in {year}"),
    "measure.share": ("Områdets andel av fasens mål", "The area's share of the phase's target"),
    "measure.challenge": ("Virksomhetenes utfordring (sum)", "The units' challenges (total)"),
    "measure.gap_share": ("Mangler til andelen", "Missing to the share"),
    "measure.gap_challenge": ("Mangler til utfordringen", "Missing to the challenges"),
    "ideas": ("Forslagene", "The ideas"),
    "section.proposal": ("Forslaget", "The proposal"),
    "section.answer": ("Svar", "Answer"),
    "section.assessment": ("Kommunalsjefens vurdering", "The commissioner's assessment"),
    "section.saving": ("Anslått innsparing per år", "Estimated saving per year"),
    "none": ("–", "–"),
    "empty": ("Pakken har ingen forslag ennå.", "The package has no ideas yet."),
    "status.received": ("Mottatt", "Received"),
    "status.in_review": ("Til vurdering", "In review"),
    "status.accepted": ("Godtatt", "Accepted"),
    "status.implemented": ("Gjennomført", "Implemented"),
    "status.declined": ("Avslått", "Declined"),
    "status.duplicate": ("Duplikat", "Duplicate"),
    "status.withdrawn": ("Trukket tilbake", "Withdrawn"),
    "sheet.package": ("Pakke", "Package"),
}


def t(locale: str, key: str, /, **values: object) -> str:
    return translate(TEXTS, locale, key, **values)
