"""Every text on the web pages, in Norwegian bokmål and English, plus number and date formats per language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from api.web.texts_steering import STEERING

LOCALES = ("nb", "en")
DEFAULT_LOCALE = "nb"
OSLO = ZoneInfo("Europe/Oslo")

# key: (nb, en). Placeholders are str.format fields.
TEXTS: dict[str, tuple[str, str]] = {
    "app.name": ("Forslagskassa", "Suggestion box"),
    "nav.main": ("Hovedmeny", "Main menu"),
    "nav.skip": ("Hopp til innholdet", "Skip to content"),
    "nav.submit": ("Send forslag", "Send an idea"),
    "nav.mine": ("Mine forslag", "My ideas"),
    "nav.triage": ("Saksbehandling", "Triage"),
    "nav.admin": ("Statistikk", "Statistics"),
    "nav.org": ("Oppsett", "Org config"),
    "nav.login": ("Logg inn", "Log in"),
    "nav.logout": ("Logg ut", "Log out"),
    "nav.user": ("{name} ({role})", "{name} ({role})"),
    "lang.switch": ("In English", "På norsk"),
    "lang.switch_to": ("en", "nb"),
    "role.employee": ("ansatt", "employee"),
    "role.commissioner": ("kommunalsjef", "commissioner"),
    "role.admin": ("administrator", "administrator"),
    "status.received": ("Mottatt", "Received"),
    "status.in_review": ("Til vurdering", "In review"),
    "status.accepted": ("Godtatt", "Accepted"),
    "status.implemented": ("Gjennomført", "Implemented"),
    "status.declined": ("Avslått", "Declined"),
    "status.duplicate": ("Duplikat", "Duplicate"),
    "status.withdrawn": ("Trukket tilbake", "Withdrawn"),
    "area.triage": ("Triagekøen (administratorene)", "Triage queue (administrators)"),
    # Submitting
    "submit.title": ("Send et forslag", "Send an idea"),
    "submit.intro": ("Har du en idé til hvordan {municipality} kan jobbe bedre? Skriv den her. Forslaget går til "
                     "riktig kommunalsjef, og du kan følge det til det er besvart.",
                     "Do you have an idea for how {municipality} could work better? Write it here. It goes to the "
                     "right commissioner, and you can follow it until it is answered."),
    "field.text": ("Forslaget ditt", "Your idea"),
    "field.text_hint": ("Beskriv idéen med egne ord, høyst {max} tegn.", "Describe the idea in your own words, "
                        "at most {max} characters."),
    "field.title": ("Tittel (valgfri)", "Title (optional)"),
    "field.anonymous": ("Send anonymt", "Send anonymously"),
    "field.anonymous_hint": ("Navnet ditt vises ikke for dem som behandler forslaget.",
                             "Your name is not shown to those who handle the idea."),
    "submit.button": ("Send forslaget", "Send the idea"),
    "sent.title": ("Takk for forslaget!", "Thank you for your idea!"),
    "sent.to": ("Forslaget er sendt til {area}. {commissioner} følger det opp.",
                "Your idea went to {area}. {commissioner} will follow it up."),
    "sent.to_triage": ("Forslaget er sendt til administratorene, som finner rett område for det.",
                       "Your idea went to the administrators, who will find the right area for it."),
    "sent.anonymous": ("Forslaget er anonymt: navnet ditt vises ikke for dem som behandler det.",
                       "Your idea is anonymous: your name is not shown to those who handle it."),
    "sent.number": ("Forslaget har nummer {id}.", "Your idea has number {id}."),
    "sent.follow": ("Følg forslaget", "Follow your idea"),
    "sent.another": ("Send et nytt forslag", "Send another idea"),
    # My ideas
    "mine.title": ("Mine forslag", "My ideas"),
    "mine.empty": ("Du har ikke sendt noen forslag ennå.", "You have not sent any ideas yet."),
    "mine.data_title": ("Dine data", "Your data"),
    "mine.download": ("Last ned mine data", "Download my data"),
    "mine.download_hint": ("En JSON-fil med alt som er lagret om deg her: navn, e-post, innlogginger og alle "
                           "forslagene dine, også de anonyme, med historikken.",
                           "A JSON file with everything kept about you here: name, e-mail, logins and all your "
                           "ideas, the anonymous ones too, with their history."),
    "mine.erase_title": ("Slett meg", "Erase me"),
    "mine.erase_hint": ("Navnet, e-posten og innloggingen din slettes, og forslagene dine kobles fra deg. "
                        "Forslagene blir liggende uten navn, og du får ikke lenger beskjed når de endrer seg. "
                        "Dette kan ikke angres.",
                        "Your name, e-mail and login are deleted, and your ideas are cut loose from you. The "
                        "ideas stay, without a name, and you are no longer told when they change. This cannot be "
                        "undone."),
    "mine.erase_confirm": ("Ja, slett meg fra forslagene mine", "Yes, erase me from my ideas"),
    "mine.erase_button": ("Slett meg", "Erase me"),
    "mine.erase_unconfirmed": ("Kryss av i boksen for å bekrefte at du vil bli slettet.",
                               "Tick the box to confirm that you want to be erased."),
    "mine.erased": ("Du er slettet fra {n} forslag. Forslagene ligger igjen uten navn.",
                    "You were erased from {n} ideas. The ideas remain, without a name."),
    "mine.actions": ("Endre forslaget", "Change the idea"),
    "mine.withdraw": ("Trekk tilbake", "Withdraw"),
    "mine.withdraw_hint": ("Du kan trekke forslaget tilbake til {until}, så lenge ingen har begynt å behandle det.",
                           "You can withdraw the idea until {until}, as long as nobody has started handling it."),
    "mine.anonymous": ("Gjør anonym", "Make anonymous"),
    "mine.anonymous_hint": ("Navnet ditt skjules for dem som behandler forslaget. Det kan ikke angres.",
                            "Your name is hidden from those who handle the idea. This cannot be undone."),
    "mine.done.withdraw": ("Forslaget er trukket tilbake.", "The idea is withdrawn."),
    "mine.done.anonymous": ("Forslaget er nå anonymt. Navnet ditt vises ikke for noen.",
                            "The idea is now anonymous. Your name is not shown to anyone."),
    "error.withdraw.conflict": ("Forslaget kan ikke lenger trekkes tilbake: noen har begynt å behandle det, eller det "
                                "er mer enn {minutes} minutter siden du sendte det.",
                                "The idea can no longer be withdrawn: someone has started handling it, or it is more "
                                "than {minutes} minutes since you sent it."),
    "idea.number": ("Forslag {id}", "Idea {id}"),
    "idea.sent_at": ("Sendt {date}", "Sent {date}"),
    "idea.area": ("Område", "Area"),
    "idea.status": ("Status", "Status"),
    "idea.answer": ("Svar", "Answer"),
    "idea.duplicate_of": ("Samme som forslag {id}", "Same as idea {id}"),
    "idea.routing": ("Ruting", "Routing"),
    "idea.submitter": ("Innsender", "Submitter"),
    "idea.saving_label": ("Innsparing", "Saving"),
    "idea.anonymous": ("Anonym", "Anonymous"),
    "idea.from": ("Fra {name}", "From {name}"),
    "idea.confidence": ("Sikkerhet {share}", "Confidence {share}"),
    "idea.abstained": ("Modellen var usikker ({share})", "The model was unsure ({share})"),
    "idea.similar": ("Lignende forslag", "Similar ideas"),
    "idea.similar_other": ("forslag {id} (i et annet område)", "idea {id} (in another area)"),
    "idea.saving": ("Anslått årlig innsparing: {amount}", "Estimated annual saving: {amount}"),
    "idea.details": ("Vis hele forslaget", "Show the whole idea"),
    "timeline.title": ("Historikk", "History"),
    "timeline.received": ("Mottatt og sendt til {area}", "Received and sent to {area}"),
    "timeline.status": ("Ny status: {status}", "New status: {status}"),
    "timeline.rerouted": ("Sendt videre til {area}", "Passed on to {area}"),
    "timeline.made_anonymous": ("Gjort anonymt", "Made anonymous"),
    "timeline.saving": ("Anslått årlig innsparing satt til {amount}", "Estimated annual saving set to {amount}"),
    "timeline.erased": ("Innsenderens navn slettet", "Submitter's name erased"),
    "timeline.by": ("av {who}", "by {who}"),
    "who.submitter": ("innsenderen", "the submitter"),
    "who.admin": ("en administrator", "an administrator"),
    # Triage
    "triage.title": ("Saksbehandling", "Triage"),
    "triage.intro": ("Forslag i dine områder, eldste først. Frist for første svar: {days} dager.",
                     "Ideas in your areas, oldest first. First answer due within {days} days."),
    "triage.queue": ("Triagekøen", "Triage queue"),
    "triage.queue_intro": ("Modellen var usikker på disse forslagene. Velg et område, så går forslaget til "
                           "riktig kommunalsjef.", "The model was unsure about these ideas. Choose an area "
                           "and the idea goes to the right commissioner."),
    "triage.queue_empty": ("Triagekøen er tom.", "The triage queue is empty."),
    "triage.board": ("Forslag", "Ideas"),
    "triage.empty": ("Ingen forslag å vise.", "No ideas to show."),
    "triage.count": ("{shown} av {total}", "{shown} of {total}"),
    "filter.title": ("Filter", "Filter"),
    "filter.status": ("Vis", "Show"),
    "filter.open": ("Åpne", "Open"),
    "filter.accepted": ("Godtatte", "Accepted"),
    "filter.all": ("Alle", "All"),
    "filter.area": ("Område", "Area"),
    "filter.all_areas": ("Alle områder", "All areas"),
    "filter.apply": ("Oppdater", "Update"),
    "page.previous": ("Forrige side", "Previous page"),
    "page.next": ("Neste side", "Next page"),
    "sla.left": ("{n} dager igjen", "{n} days left"),
    "sla.left_one": ("1 dag igjen", "1 day left"),
    "sla.overdue": ("{n} dager over fristen", "{n} days overdue"),
    "sla.overdue_one": ("1 dag over fristen", "1 day overdue"),
    "action.summary": ("Behandle forslag {id}", "Handle idea {id}"),
    "action.in_review": ("Ta til vurdering", "Start review"),
    "action.accepted": ("Godta", "Accept"),
    "action.implemented": ("Merk som gjennomført", "Mark as implemented"),
    "action.declined": ("Avslå", "Decline"),
    "action.duplicate": ("Merk som duplikat", "Mark as duplicate"),
    "action.route": ("Send til området", "Send to the area"),
    "action.saving": ("Lagre anslaget", "Save the estimate"),
    "field.note": ("Melding til innsenderen (valgfri)", "Message to the submitter (optional)"),
    "field.reason": ("Begrunnelse (innsenderen ser den)", "Reason (shown to the submitter)"),
    "field.duplicate_of": ("Nummeret på det tidligere forslaget", "Number of the earlier idea"),
    "field.area": ("Område", "Area"),
    "field.saving": ("Anslått årlig innsparing i kroner (tomt: ikke anslått)",
                     "Estimated annual saving in NOK (empty: no estimate)"),
    "done.in_review": ("Forslag {id} er tatt til vurdering.", "Idea {id} is now in review."),
    "done.accepted": ("Forslag {id} er godtatt.", "Idea {id} is accepted."),
    "done.implemented": ("Forslag {id} er merket som gjennomført.", "Idea {id} is marked as implemented."),
    "done.declined": ("Forslag {id} er avslått, og innsenderen ser begrunnelsen.",
                      "Idea {id} is declined; the submitter sees the reason."),
    "done.duplicate": ("Forslag {id} er merket som duplikat.", "Idea {id} is marked as a duplicate."),
    "done.routed": ("Forslag {id} er sendt til {area}.", "Idea {id} went to {area}."),
    "done.saving": ("Anslaget for forslag {id} er lagret.", "The estimate for idea {id} is saved."),
    # Errors
    "error.title": ("Det gikk ikke", "That did not work"),
    "error.invalid_input": ("Det du sendte, kan ikke brukes.", "What you sent cannot be used."),
    "error.not_found": ("Fant ikke forslaget.", "The idea was not found."),
    "error.forbidden": ("Du har ikke tilgang til dette.", "You may not do this."),
    "error.conflict": ("Forslaget har endret seg, så dette går ikke lenger. Last siden på nytt.",
                       "The idea has changed, so this is no longer possible. Reload the page."),
    "error.submit.invalid_input": ("Skriv forslaget ditt, høyst {max_text} tegn. Tittelen kan ha høyst "
                                   "{max_title} tegn.", "Write your idea, at most {max_text} characters. "
                                   "The title may have at most {max_title} characters."),
    "error.invalid_characters": ("Teksten inneholder et usynlig kontrolltegn, kanskje fra en kopiert tekst. Fjern det "
                                 "og send igjen.", "The text contains an invisible control character, perhaps "
                                 "from copied text. Remove it and send again."),
    "error.submit.rate_limited": ("Du har sendt mange forslag på kort tid. Vent {minutes} min og send igjen – "
                                  "teksten din står her fortsatt.", "You have sent many ideas in a short time. "
                                  "Wait {minutes} min and send again – your text is still here."),
    "error.rate_limited": ("Du har sendt mange forslag på kort tid. Vent {minutes} min og prøv igjen.",
                           "You have sent many ideas in a short time. Wait {minutes} min and try again."),
    "error.declined.invalid_input": ("Skriv en begrunnelse. Innsenderen får se den.",
                                     "Write a reason. The submitter will see it."),
    "error.duplicate.invalid_input": ("Oppgi nummeret på et annet forslag.", "Give the number of another idea."),
    "error.duplicate.not_found": ("Det finnes ikke noe forslag med det nummeret.",
                                  "There is no idea with that number."),
    "error.saving.invalid_input": ("Skriv et helt antall kroner fra 0 til 10 milliarder, eller la feltet stå tomt.",
                                   "Enter whole kroner from 0 to 10 billion, or leave the field empty."),
    "error.detail": ("Teknisk detalj", "Technical detail"),
    "error.csrf": ("Skjemaet var for gammelt eller kom ikke fra denne siden. Last siden på nytt og prøv igjen.",
                   "The form was too old or did not come from this site. Reload the page and try again."),
    "error.staff_only": ("Denne siden er for kommunalsjefer og administratorer.",
                         "This page is for commissioners and administrators."),
    "error.admin_only": ("Denne siden er for administratorer.", "This page is for administrators."),
    "error.home": ("Til forsiden", "To the front page"),
    # Login
    "login.title": ("Logg inn", "Log in"),
    "login.entra": ("Logg inn med Microsoft", "Log in with Microsoft"),
    "login.dev_title": ("Utviklerinnlogging", "Development login"),
    "login.dev_intro": ("Bare for utvikling på denne maskinen: velg hvem du vil være.",
                        "For development on this machine only: choose who you want to be."),
    "login.as": ("{name} — {role}", "{name} — {role}"),
    "login.dev_employee": ("Kari Nordmann", "Kari Nordmann"),
    "login.none": ("Innlogging er ikke satt opp. Sett OIDC_TENANT_ID, OIDC_CLIENT_ID og OIDC_CLIENT_SECRET.",
                   "Login is not set up. Set OIDC_TENANT_ID, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET."),
    "login.dev_refused": ("Utviklerinnlogging er avslått: den er bare tillatt når HOST er en loopback-adresse.",
                          "Development login is refused: it is only allowed when HOST is a loopback address."),
    "login.failed": ("Innloggingen mislyktes. Prøv igjen.", "Logging in failed. Please try again."),
    # Dashboard
    "admin.title": ("Statistikk", "Statistics"),
    "admin.total": ("Forslag i alt", "Ideas in all"),
    "admin.overdue": ("Over fristen", "Overdue"),
    "admin.median": ("Median dager til første svar", "Median days to first answer"),
    "admin.implementation": ("Gjennomføringsgrad", "Implementation rate"),
    "admin.implementation_detail": ("{implemented} av {accepted} godtatte er gjennomført",
                                    "{implemented} of {accepted} accepted are implemented"),
    "admin.by_area": ("Forslag per område", "Ideas per focus area"),
    "admin.by_status": ("Forslag per status", "Ideas per status"),
    "admin.by_month": ("Forslag per måned", "Ideas per month"),
    "admin.sla": ("Besvart innen fristen på {days} dager", "Answered within the {days}-day deadline"),
    "admin.sla_intro": ("Et forslag teller når det er besvart, eller når fristen er passert uten svar.",
                        "An idea counts once it is answered, or once its deadline passed without an answer."),
    "admin.sla_all": ("Alle", "All"),
    "admin.savings": ("Anslått årlig innsparing", "Estimated annual savings"),
    "admin.savings_of": ("{saved} av målet på {target}", "{saved} of the {target} target"),
    "admin.savings_intro": ("Godtatte og gjennomførte forslag.", "Accepted and implemented ideas."),
    "admin.overdue_list": ("Forslag over fristen", "Overdue ideas"),
    "admin.overdue_none": ("Ingen forslag er over fristen.", "No idea is overdue."),
    "admin.routing": ("Rutingskvalitet", "Routing quality"),
    "admin.rerouted": ("Flyttet for hånd", "Rerouted by hand"),
    "admin.model": ("Modell", "Model"),
    "admin.model_none": ("Ingen modell lastet: alle forslag går til triagekøen.",
                         "No model loaded: every idea goes to the triage queue."),
    "admin.model_version": ("Versjon", "Version"),
    "admin.model_trained": ("Trent", "Trained"),
    "admin.model_examples": ("Eksempler / rettelser", "Examples / corrections"),
    "admin.outbox_pending": ("Varsler som venter", "Notifications waiting"),
    "admin.outbox_delivered": ("Varsler levert", "Notifications delivered"),
    "admin.outbox_dead": ("Varsler som ikke kom fram", "Notifications that failed"),
    "admin.export": ("Last ned alle forslag (CSV)", "Download all ideas (CSV)"),
    "admin.dead_list": ("Varsler som ikke kom fram", "Notifications that failed"),
    "admin.dead_intro": ("Disse ble gitt opp etter gjentatte forsøk, eller fordi mottakeren ikke kan nås. "
                         "Følg dem opp på annen måte.",
                         "These were given up after repeated tries, or because the recipient cannot be reached. "
                         "Follow them up another way."),
    "admin.dead_none": ("Alle varsler har kommet fram eller venter på nytt forsøk.",
                        "Every notification has arrived or is waiting for another try."),
    "admin.dead_more": ("Viser de {shown} nyeste av {total}.", "Showing the {shown} newest of {total}."),
    "outbox.idea_received": ("Bekreftelse til innsender", "Confirmation to the submitter"),
    "outbox.idea_routed": ("Nytt forslag til behandling", "New idea to handle"),
    "outbox.status_changed": ("Ny status til innsender", "Status change to the submitter"),
    "outbox.rerouted": ("Flyttet, til innsender", "Moved, to the submitter"),
    "outbox.overdue_digest": ("Ukentlig oversikt over forslag over fristen", "Weekly digest of overdue ideas"),
    "outbox.teams_reply": ("Svar i Teams", "Answer in Teams"),
    "outbox.to_submitter": ("Innsenderen", "The submitter"),
    "outbox.to_staff": ("En saksbehandler", "A member of staff"),
    "outbox.to_channel": ("Kanal {id}", "Channel {id}"),
    "col.created": ("Laget", "Created"),
    "col.kind": ("Varsel", "Notification"),
    "col.channel": ("Kanal", "Channel"),
    "col.to": ("Til", "To"),
    "col.attempts": ("Forsøk", "Tries"),
    "col.error": ("Siste feil", "Last error"),
    "col.area": ("Område", "Area"),
    "col.status": ("Status", "Status"),
    "col.month": ("Måned", "Month"),
    "col.count": ("Antall", "Count"),
    "col.amount": ("Kroner", "NOK"),
    "col.commissioner": ("Kommunalsjef", "Commissioner"),
    "col.due": ("Forfalt", "Due"),
    "col.within": ("Besvart i tide", "Answered in time"),
    "col.share": ("Andel", "Share"),
    "col.idea": ("Forslag", "Idea"),
    "col.received": ("Mottatt", "Received"),
    "col.metric": ("Mål", "Metric"),
    "col.value": ("Verdi", "Value"),
    "col.id": ("Id", "Id"),
    "col.name": ("Navn", "Name"),
    "col.email": ("E-post", "Email"),
    "col.areas": ("Områder", "Areas"),
    "col.subtopics": ("Deltema", "Sub-topics"),
    "col.chat": ("Slack / Teams", "Slack / Teams"),
    # Org config
    "org.title": ("Oppsett: {municipality}", "Org config: {municipality}"),
    "org.loaded_from": ("Lastet ved start fra {path}. Endringer i filen gjelder etter omstart.",
                        "Loaded at start from {path}. Changes to the file apply after a restart."),
    "org.file_ok": ("Filen er gyldig nå også.", "The file is still valid."),
    "org.file_error": ("Filen har feil nå. Tjenesten bruker oppsettet fra start til feilen er rettet:",
                       "The file now has errors. The service keeps the config from start until they are fixed:"),
    "org.settings": ("Innstillinger", "Settings"),
    "org.sla": ("Frist for første svar (dager)", "First answer due (days)"),
    "org.target": ("Innsparingsmål", "Savings target"),
    "org.threshold": ("Terskel for modellen", "Model threshold"),
    "org.areas": ("Fokusområder", "Focus areas"),
    "org.commissioners": ("Kommunalsjefer", "Commissioners"),
    "org.admins": ("Administratorer", "Administrators"),
    "org.yaml": ("Som YAML", "As YAML"),
}


def t(locale: str, key: str, **values: object) -> str:
    """The text for `key`; an unknown key raises, so a typo fails the page tests instead of showing a key."""
    text = TEXTS[key][1 if locale == "en" else 0]
    return text.format(**values) if values else text

TEXTS.update(STEERING)


def markup(locale: str, key: str, **values: object) -> Markup:
    """The text as HTML: the text itself and every plain value escaped, values already Markup kept as they are."""
    text = Markup(escape(TEXTS[key][1 if locale == "en" else 0]))
    return text.format(**values) if values else text


def number(locale: str, value: float, decimals: int = 0) -> str:
    formatted = f"{value:,.{decimals}f}"
    if locale == "en":
        return formatted
    return formatted.replace(",", "\u00a0").replace(".", ",")


def money(locale: str, value: int | None) -> str:
    if value is None:
        return "–"
    return f"NOK {number(locale, value)}" if locale == "en" else f"{number(locale, value)}\u00a0kr"


def percent(locale: str, share: float | None) -> str:
    return "–" if share is None else f"{number(locale, share * 100, 1)}\u00a0%"


def date(locale: str, when: datetime | None) -> str:
    if when is None:
        return "–"
    local = when.astimezone(OSLO)
    return local.strftime("%Y-%m-%d %H:%M" if locale == "en" else "%d.%m.%Y kl. %H:%M")
