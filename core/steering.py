"""Messages that are not ideas: where each belongs, said the same way in every channel.

A message the classifier takes for a report of wrongdoing (varsling), a safety incident, an IT or building fault,
a personal HR matter, a question or chatter is not stored and not routed: the person is told where it belongs (the
org config's redirect for that intent) and may still send it as an idea. Only a count per month, intent and
channel is kept, for the administrators' statistics; the text of a steered message is kept nowhere, not even in
a log line.
"""

from __future__ import annotations

from dataclasses import dataclass

from classifier import VARSLING
from core.orgconfig import OrgConfig, Redirect, Text
from core.reach import first_time
from core.unit_of_work import UnitOfWork
from storage.models import Channel, utcnow
from storage.queries import count_steered

# What a person is told when the org config has no redirect of its own for the intent.
GENERAL: dict[str, Text] = {
    VARSLING: Text(nb="Et varsel om kritikkverdige forhold skal gå til kommunens varslingsrutine, ikke i "
                      "forslagskassa. Du kan også si fra til lederen din, verneombudet eller tillitsvalgt.",
                   en="A report of wrongdoing belongs in the municipality's whistleblowing routine, not in the "
                      "suggestion box. You can also tell your manager, the safety representative or your union."),
    "hms_avvik": Text(nb="Hendelser og nestenulykker meldes som avvik i kommunens avvikssystem.",
                      en="Incidents and near misses are reported in the municipality's incident system."),
    "it_support": Text(nb="Feil med PC, telefon, tilganger og programmer meldes til IT-brukerstøtte.",
                       en="Problems with computers, phones, access and software go to the IT service desk."),
    "facility_fault": Text(nb="Feil og skader på bygg meldes til drift og vaktmester.",
                           en="Faults and damage in buildings go to facilities and the caretakers."),
    "personal_hr": Text(nb="Spørsmål om din egen lønn, permisjon, vakter og arbeidsavtale går til lederen din "
                           "eller lønn og personal.",
                        en="Questions about your own pay, leave, shifts and contract go to your manager or to "
                           "payroll and HR."),
    "question": Text(nb="Spørsmål om kommunen svares best av lederen din eller på intranettet. Forslagskassa tar "
                        "imot forslag til hvordan kommunen kan jobbe bedre.",
                     en="Your manager or the intranet answers questions about the municipality best. The "
                        "suggestion box takes ideas for how the municipality could work better."),
    "chatter": Text(nb="Hei! Skriv gjerne et forslag til hvordan kommunen kan jobbe bedre, med egne ord.",
                    en="Hi! Write an idea for how the municipality could work better, in your own words."),
}


@dataclass(frozen=True)
class Steered:
    """A message that was not taken in as an idea, and where it belongs."""

    intent: str
    redirect: Redirect
    repeated: bool  # the same delivery came before: it was counted then

    def described(self, locale: str) -> dict[str, str | None]:
        """The redirect as plain data in one language, for the API and the command line."""
        return describe(self.intent, self.redirect, locale)


def steer(*, uow: UnitOfWork, intent: str, channel: Channel, source_key: str | None) -> Steered:
    """Count the message (once per delivery) and say where it belongs. Nothing of its text is kept."""
    repeated = source_key is not None and not first_time(uow=uow, key=f"steered:{source_key}"[:200])
    if not repeated:
        count_steered(uow.session, month=utcnow().strftime("%Y-%m"), intent=intent, channel=channel)
    return Steered(intent=intent, redirect=redirect_for(uow, intent), repeated=repeated)


def redirect_for(uow: UnitOfWork, intent: str) -> Redirect:
    return redirect_in(uow.org, intent)


def redirect_in(org: OrgConfig, intent: str) -> Redirect:
    """The org's redirect for the intent, or the product's general one."""
    return org.redirect(intent) or Redirect(text=GENERAL[intent])


def describe(intent: str, redirect: Redirect, locale: str) -> dict[str, str | None]:
    return {"intent": intent, "text": redirect.text.get(locale), "link": str(redirect.link) if redirect.link else None,
            "email": redirect.email, "phone": redirect.phone}
