"""Every text on the web pages in Norwegian bokmål and English; the dashboard's own are in texts_admin.py."""

from __future__ import annotations

from markupsafe import Markup, escape

from api.web.texts_admin import ADMIN_TEXTS
from api.web.texts_board import BOARD_TEXTS
from api.web.texts_discussion import DISCUSSION_TEXTS
from api.web.texts_packages import PACKAGE_TEXTS
from api.web.texts_savings import SAVINGS_TEXTS
from api.web.texts_statement import STATEMENT_TEXTS
from api.web.texts_steering import STEERING
from core.locale import Catalogue, fill, template, translate

# key: (nb, en). Placeholders are str.format fields.
PAGE_TEXTS: Catalogue = {
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
    "mine.move": ("Feil område?", "Wrong area?"),
    "mine.move_hint": ("Velg området du mener forslaget hører til. {decider} avgjør om det flyttes, og svaret ser du "
                       "i historikken.", "Choose the area you think the idea belongs to. {decider} decides whether "
                       "it is moved, and you will see the answer in the history."),
    "mine.move_note": ("Hvorfor passer det bedre der? (valgfritt)", "Why does it fit better there? (optional)"),
    "mine.move_button": ("Be om å flytte", "Ask to move"),
    "mine.move_pending": ("Du har bedt om å flytte forslaget til {area}. {decider} avgjør det, og svaret ser du her. "
                          "Ber du på nytt, erstatter det denne forespørselen.",
                          "You asked to move the idea to {area}. {decider} will decide, and you will see the answer "
                          "here. Asking again replaces this request."),
    "mine.decider_admins": ("Administratorene", "The administrators"),
    "mine.done.move": ("Forespørselen om å flytte forslaget er sendt.", "Your request to move the idea was sent."),
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
    "idea.service": ("Tjeneste", "Service"),
    "idea.status": ("Status", "Status"),
    "idea.answer": ("Svar", "Answer"),
    "idea.duplicate_of": ("Samme som forslag {id}", "Same as idea {id}"),
    "idea.routing": ("Ruting", "Routing"),
    "idea.submitter": ("Innsender", "Submitter"),
    "idea.saving_label": ("Anslått årlig innsparing", "Estimated annual saving"),
    "idea.anonymous": ("Anonym", "Anonymous"),
    "idea.phase": ("Fase", "Phase"),
    "idea.unit": ("Virksomhet", "Unit"),
    "idea.confidence": ("Sikkerhet {share}", "Confidence {share}"),
    "idea.abstained": ("Modellen var usikker ({share})", "The model was unsure ({share})"),
    "idea.similar": ("Lignende forslag", "Similar ideas"),
    "idea.similar_other": ("forslag {id} (i et annet område)", "idea {id} (in another area)"),
    "timeline.title": ("Historikk", "History"),
    "timeline.received": ("Mottatt og sendt til {area}", "Received and sent to {area}"),
    "timeline.status": ("Ny status: {status}", "New status: {status}"),
    "timeline.rerouted": ("Sendt videre til {area}", "Passed on to {area}"),
    "timeline.move_requested": ("Innsenderen ba om å flytte forslaget til {area}",
                                "The submitter asked to move the idea to {area}"),
    "timeline.move_declined": ("Blir i {area}, flyttes ikke til {requested}",
                               "Stays in {area}, not moved to {requested}"),
    "timeline.made_anonymous": ("Gjort anonymt", "Made anonymous"),
    "timeline.saving": ("Anslått årlig innsparing satt til {amount}", "Estimated annual saving set to {amount}"),
    "timeline.unit": ("Virksomhet satt til {unit}", "Unit set to {unit}"),
    "timeline.unit_removed": ("Virksomhet tatt bort", "Unit removed"),
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
    "action.unit": ("Lagre virksomheten", "Save the unit"),
    "action.move_as_asked": ("Flytt til {area}", "Move to {area}"),
    "action.keep": ("Behold i {area}", "Keep in {area}"),
    "idea.move_request": ("Innsenderen ber om å flytte til {area}.", "The submitter asks to move it to {area}."),
    "field.keep_reason": ("Begrunnelse til innsenderen (valgfri)", "Reason for the submitter (optional)"),
    "field.note": ("Melding til innsenderen (valgfri)", "Message to the submitter (optional)"),
    "field.reason": ("Begrunnelse (innsenderen ser den)", "Reason (shown to the submitter)"),
    "field.duplicate_of": ("Nummeret på det tidligere forslaget", "Number of the earlier idea"),
    "field.area": ("Område", "Area"),
    "field.unit": ("Virksomheten innsparingen regnes til", "The unit the saving counts towards"),
    "field.no_unit": ("Ingen", "None"),
    "field.saving": ("Anslått årlig innsparing i kroner (tomt: ikke anslått)",
                     "Estimated annual saving in NOK (empty: no estimate)"),
    "done.in_review": ("Forslag {id} er tatt til vurdering.", "Idea {id} is now in review."),
    "done.accepted": ("Forslag {id} er godtatt.", "Idea {id} is accepted."),
    "done.implemented": ("Forslag {id} er merket som gjennomført.", "Idea {id} is marked as implemented."),
    "done.declined": ("Forslag {id} er avslått, og innsenderen ser begrunnelsen.",
                      "Idea {id} is declined; the submitter sees the reason."),
    "done.duplicate": ("Forslag {id} er merket som duplikat.", "Idea {id} is marked as a duplicate."),
    "done.routed": ("Forslag {id} er sendt til {area}.", "Idea {id} went to {area}."),
    "done.unit": ("Virksomheten for forslag {id} er lagret.", "The unit of idea {id} is saved."),
    "done.saving": ("Anslaget for forslag {id} er lagret.", "The estimate for idea {id} is saved."),
    "done.kept": ("Forslag {id} blir der det er, og innsenderen får svar.",
                  "Idea {id} stays where it is, and the submitter is told."),
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
    "error.submit.idempotency_key_reused": ("Dette skjemaet er allerede sendt med en annen tekst. Se over forslaget "
                                             "og send det på nytt.", "This form was already sent with another text. "
                                             "Check the idea and send it again."),
    "error.submit.rate_limited": ("Du har sendt mange forslag på kort tid. Vent {minutes} min og send igjen – "
                                  "teksten din står her fortsatt.", "You have sent many ideas in a short time. "
                                  "Wait {minutes} min and send again – your text is still here."),
    "error.rate_limited": ("Du har sendt mange forslag på kort tid. Vent {minutes} min og prøv igjen.",
                           "You have sent many ideas in a short time. Wait {minutes} min and try again."),
    "error.declined.invalid_input": ("Skriv en begrunnelse. Innsenderen får se den.",
                                     "Write a reason. The submitter will see it."),
    "error.keep.conflict": ("Ingen ber om å flytte forslaget lenger: ønsket er allerede besvart, eller forslaget er "
                            "ferdig behandlet.", "Nobody asks to move the idea any more: the request was answered "
                            "already, or the idea is closed."),
    "error.duplicate.invalid_input": ("Oppgi nummeret på et annet forslag, som ikke selv er et duplikat.",
                                      "Give the number of another idea, one that is not a duplicate itself."),
    "error.duplicate.not_found": ("Det finnes ikke noe forslag med det nummeret.",
                                  "There is no idea with that number."),
    "error.unit.invalid_input": ("Velg en av virksomhetene i forslagets område, eller ingen.",
                                 "Choose one of the units of the idea's area, or none."),
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
    # Error pages for a browser, by HTTP status (api/web/errors.py)
    "error.status": ("Feilkode {status}", "Error code {status}"),
    "error.page.404": ("Fant ikke siden", "Page not found"),
    "error.page.404.text": ("Siden finnes ikke. Kanskje lenken er gammel, eller adressen er skrevet feil.",
                            "There is no such page. The link may be old, or the address mistyped."),
    "error.page.405": ("Ikke tillatt", "Not allowed"),
    "error.page.405.text": ("Denne adressen kan ikke brukes slik. Gå til forsiden og prøv derfra.",
                            "This address cannot be used like that. Go to the front page and try from there."),
    "error.page.413": ("For mye på en gang", "Too much at once"),
    "error.page.413.text": ("Det du sendte, er for stort for tjenesten. Gå tilbake, gjør teksten kortere og send "
                            "igjen: et forslag kan ha høyst {max_text} tegn.",
                            "What you sent is too large for this service. Go back, shorten the text and send it "
                            "again: an idea may have at most {max_text} characters."),
    "error.page.422": ("Kan ikke brukes", "Cannot be used"),
    "error.page.422.text": ("Adressen eller skjemaet inneholder noe som ikke kan brukes, for eksempel et "
                            "forslagsnummer som ikke er et tall.",
                            "The address or form contains something that cannot be used, such as an idea number "
                            "that is not a number."),
    "error.page.429": ("For mange forespørsler", "Too many requests"),
    "error.page.429.text": ("Du har sendt mye på kort tid. Vent litt og prøv igjen.",
                            "You have sent a lot in a short time. Wait a little and try again."),
    "error.page.500": ("Noe gikk galt", "Something went wrong"),
    "error.page.500.text": ("Noe gikk galt hos oss. Feilen er logget; prøv igjen om litt.",
                            "Something went wrong on our side. The error is logged; please try again shortly."),
}
# Each part is one file's texts; together they are the web's catalogue, no key in two parts.
PARTS: tuple[Catalogue, ...] = (PAGE_TEXTS, ADMIN_TEXTS, STATEMENT_TEXTS, STEERING, BOARD_TEXTS, SAVINGS_TEXTS,
                                PACKAGE_TEXTS, DISCUSSION_TEXTS)
TEXTS: Catalogue = {key: text for part in PARTS for key, text in part.items()}


def t(locale: str | None, key: str, /, **values: object) -> str:
    """The text for `key`; an unknown key raises, so a typo fails the page tests instead of showing a key."""
    return translate(TEXTS, locale, key, **values)



def markup(locale: str | None, key: str, /, **values: object) -> Markup:
    """The text as HTML: the text itself and every plain value escaped, values already Markup kept as they are."""
    return fill(Markup(escape(template(TEXTS, locale, key))), key, values)
