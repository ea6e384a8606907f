"""Every chat text in Norwegian bokmål and English, in one place for Slack and Teams alike."""

from __future__ import annotations

from datetime import date as Day
from typing import Any

from bot.texts_board import BOARD
from bot.texts_following import FOLLOWING
from bot.texts_form import FORM
from bot.texts_savings import SAVINGS
from bot.texts_steering import STEERING
from core.locale import Catalogue, date, money, translate
from core.orgconfig import OrgConfig
from core.presentation import IdeaView

# key: (nb, en). Placeholders are str.format fields.
TEXTS: Catalogue = {
    "status.received": ("Mottatt", "Received"),
    "status.in_review": ("Til vurdering", "In review"),
    "status.accepted": ("Godtatt", "Accepted"),
    "status.implemented": ("Gjennomført", "Implemented"),
    "status.declined": ("Avslått", "Declined"),
    "status.duplicate": ("Duplikat", "Duplicate"),
    "status.withdrawn": ("Trukket tilbake", "Withdrawn"),
    "sent_to": ("Sendt til {area} — {commissioner}.", "Sent to {area} — {commissioner}."),
    "sent_to_triage": ("Takk! Forslaget er sendt til administratorene, som finner rett område for det.",
                       "Thank you! Your idea went to the administrators, who will find the right area for it."),
    "sent_anonymous": ("Forslaget er anonymt: navnet ditt vises ikke for noen.",
                       "Your idea is anonymous: your name is shown to no one."),
    "thanks": ("Takk for forslaget!", "Thank you for your idea!"),
    "button.wrong_area": ("Feil område?", "Wrong area?"),
    "button.make_anonymous": ("Gjør anonym", "Make anonymous"),
    "button.withdraw": ("Angre", "Undo"),
    "button.new_idea": ("Send et nytt forslag", "Send a new idea"),
    "button.in_review": ("Ta til vurdering", "Start review"),
    "button.accept": ("Godta", "Accept"),
    "button.decline": ("Avslå", "Decline"),
    "button.duplicate": ("Duplikat av …", "Duplicate of …"),
    "button.reroute": ("Send til annet område", "Send to another area"),
    "button.estimate": ("Anslå innsparing", "Estimate saving"),
    "button.submit": ("Send", "Send"),
    "button.cancel": ("Avbryt", "Cancel"),
    "field.title": ("Tittel (valgfri)", "Title (optional)"),
    "field.text": ("Forslaget ditt", "Your idea"),
    "field.anonymous": ("Send anonymt", "Send anonymously"),
    "field.focus_area": ("Område (valgfritt)", "Area (optional)"),
    "field.reason": ("Begrunnelse (vises for innsenderen)", "Reason (shown to the submitter)"),
    "field.note": ("Melding til innsenderen (valgfri)", "Message to the submitter (optional)"),
    "field.duplicate_of": ("Nummeret på det tidligere forslaget", "Number of the earlier idea"),
    "field.saving": ("Anslått årlig innsparing i kroner", "Estimated annual saving in NOK"),
    "field.choose_area": ("Velg område", "Choose an area"),
    "field.choose_unit": ("Velg virksomhet", "Choose a unit"),
    "field.unit_own": ("Virksomhet (valgfri)", "Unit (optional)"),
    "field.unit_own_hint": ("Forslaget går da til kommunalsjefen for den virksomheten.",
                            "The idea then goes to the commissioner of that unit."),
    "modal.new_idea": ("Nytt forslag", "New idea"),
    "modal.decline": ("Avslå forslag", "Decline idea"),
    "modal.confirm_idea": ("Send som forslag", "Send as idea"),
    "withdrawn": ("Forslaget er trukket tilbake.", "Your idea was withdrawn."),
    "made_anonymous": ("Forslaget er nå anonymt.", "Your idea is now anonymous."),
    "status_changed": ("Forslaget ditt «{title}» er nå: {status}.", "Your idea “{title}” is now: {status}."),
    "merged_status": ("Det er slått sammen med forslag {id}, og de som støttet ditt, teller nå der.",
                      "It was merged into idea {id}, and those who supported yours now count there."),
    "merged_into_yours": ("Et lignende forslag er slått sammen med forslaget ditt «{title}». Nå støtter {n} det.",
                          "A similar idea was merged into your idea “{title}”. Supporters now: {n}."),
    "status_note": ("Svar fra {commissioner}: {note}", "Answer from {commissioner}: {note}"),
    "rerouted": ("Forslaget ditt «{title}» er flyttet til {area} — {commissioner}.",
                 "Your idea “{title}” was moved to {area} — {commissioner}."),
    "new_for_you": ("Nytt forslag til {area}", "New idea for {area}"),
    "new_for_triage": ("Nytt forslag til fordeling", "New idea to route"),
    "confidence": ("Sikkerhet: {percent}", "Confidence: {percent}"),
    "similar": ("Lignende forslag:", "Similar ideas:"),
    "from": ("Fra: {name}", "From: {name}"),
    "from_anonymous": ("Fra: anonym", "From: anonymous"),
    "deadline": ("Svarfrist: {date}", "Answer due: {date}"),
    "overdue": ("Over fristen siden {date}", "Overdue since {date}"),
    "acted": ("{status} av {who}.", "{status} by {who}."),
    "my_ideas": ("Mine forslag", "My ideas"),
    "no_ideas": ("Du har ikke sendt noen forslag ennå. Skriv forslaget ditt her, så sender jeg det videre.",
                 "You have not sent any ideas yet. Write your idea here and I will pass it on."),
    "latest_answer": ("Siste svar: {note}", "Latest answer: {note}"),
    "help": ("Skriv forslaget ditt rett her, så sender jeg det til riktig kommunalsjef. Du kan velge å være anonym. "
             "Skriv «mine forslag» for å se hva som har skjedd med forslagene dine.",
             "Write your idea right here and I will send it to the right commissioner. You may stay anonymous. Write "
             "“my ideas” to see what happened to your ideas."),
    "welcome_staff": ("Her får du nye forslag til området ditt, med knapper for å svare på dem. Du kan også sende "
                      "egne forslag her: skriv dem rett inn.",
                      "New ideas for your area arrive here, with buttons to answer them. You can also send ideas of "
                      "your own here: just write them."),
    "digest": ("Forslag som har ventet på svar i over {days} dager:",
               "Ideas waiting for an answer for more than {days} days:"),
    "error.forbidden": ("Bare kommunalsjefen for området eller en administrator kan gjøre dette.",
                        "Only the commissioner of this area or an administrator can do this."),
    "error.stale": ("Forslaget er allerede {status}; ingenting ble endret.",
                    "The idea is already {status}; nothing was changed."),
    "error.generic": ("Det gikk ikke: {message}", "That did not work: {message}"),
    "error.empty": ("Forslaget er tomt. Skriv hva du foreslår.", "The idea is empty. Write what you suggest."),
    "error.not_found": ("Fant ikke forslaget.", "Idea not found."),
    "error.rate_limited": ("Takk! Du har sendt mange forslag på kort tid, så dette ble ikke sendt. Prøv igjen om "
                           "{minutes} min.",
                           "Thank you! You have sent many ideas in a short time, so this one was not sent. Please "
                           "try again in {minutes} min."),
    "button.implemented": ("Merk som gjennomført", "Mark as implemented"),
    "modal.duplicate": ("Merk som duplikat", "Mark as duplicate"),
    "modal.reroute": ("Send til annet område", "Send to another area"),
    "field.duplicate_search": ("Det tidligere forslaget", "The earlier idea"),
    "field.duplicate_hint": ("Søk på nummer eller ord", "Search by number or words"),
    "status_line": ("Status: {status}", "Status: {status}"),
    "moved_by": ("Flyttet til {area} av {who}.", "Moved to {area} by {who}."),
    "not_routed": ("Ikke fordelt ennå", "Not routed yet"),
    "sent_see_dm": ("Takk for forslaget! Du får svar fra meg i en direktemelding.",
                    "Thank you for your idea! I will answer you in a direct message."),
    "sent_at": ("Sendt {date}", "Sent {date}"),
    "idea_ref": ("#{id} {title}", "#{id} {title}"),
    "similar_item": ("#{id} · {percent} likt · {snippet}", "#{id} · {percent} similar · {snippet}"),
    "digest_item": ("#{id} {title} — {area}, over fristen siden {date}",
                    "#{id} {title} — {area}, overdue since {date}"),
    "error.withdraw_late": ("Et forslag kan bare trekkes tilbake de første {minutes} minuttene etter innsending.",
                            "An idea can only be withdrawn within {minutes} minutes of sending it."),
    "from_detail": ("Fra: {name} ({detail})", "From: {name} ({detail})"),
    "manager": ("Nærmeste leder: {name}", "Manager: {name}"),
    "error.reason_required": ("Skriv en begrunnelse. Den vises for innsenderen.",
                              "Write a reason. The submitter will see it."),
    "error.duplicate_of_required": ("Skriv nummeret på det tidligere forslaget.",
                                    "Write the number of the earlier idea."),
    "modal.estimate": ("Anslå innsparing", "Estimate the saving"),
    "field.saving_hint": ("Tomt felt fjerner anslaget.", "An empty field removes the estimate."),
    "saving": ("Anslått årlig innsparing: {amount}", "Estimated annual saving: {amount}"),
    "service": ("Tjeneste: {name}", "Service: {name}"),
    "saving_set": ("Anslått årlig innsparing satt til {amount} av {who}.",
                   "Estimated annual saving set to {amount} by {who}."),
    "saving_cleared": ("Anslaget ble fjernet av {who}.", "The estimate was removed by {who}."),
    "error.saving_invalid": ("Skriv et helt antall kroner fra 0 til 10 milliarder, eller la feltet stå tomt.",
                             "Write a whole number of kroner from 0 to 10 billion, or leave the field empty."),
    # "Feil område?": the submitter asks, the handler moves the idea or keeps it.
    "field.move_note": ("Hvorfor passer det bedre der? (valgfritt)", "Why does it fit better there? (optional)"),
    "move_hint": ("Den som behandler forslaget, avgjør om det flyttes, og du får beskjed her.",
                  "Whoever handles the idea decides whether it is moved, and you will be told here."),
    "move_asked": ("Du har bedt om å flytte forslaget til {area}. {decider} avgjør det, og du får beskjed her.",
                   "You asked to move your idea to {area}. {decider} will decide, and you will be told here."),
    "decider.commissioner": ("{name} ({area})", "{name} ({area})"),
    "decider.admins": ("Administratorene", "The administrators"),
    "move_request": ("Innsenderen ber om å flytte til {area}.", "The submitter asks to move it to {area}."),
    "move_request_note": ("Innsenderens begrunnelse: {note}", "The submitter's reason: {note}"),
    "move_request_for_you": ("Ønske om å flytte et forslag fra {area}", "Request to move an idea from {area}"),
    "move_request_for_triage": ("Ønske om å flytte et forslag i triagekøen",
                                "Request to move an idea in the triage queue"),
    "button.move_as_asked": ("Flytt til {area}", "Move to {area}"),
    "button.keep_area": ("Behold i {area}", "Keep in {area}"),
    "modal.keep_area": ("Behold i området", "Keep in the area"),
    "field.keep_reason": ("Begrunnelse til innsenderen (valgfri)", "Reason for the submitter (optional)"),
    "kept_by": ("Beholdt i {area} av {who}.", "Kept in {area} by {who}."),
    "move_declined": ("Forslaget ditt «{title}» blir i {area}; det flyttes ikke til {requested}.",
                      "Your idea “{title}” stays in {area}; it is not moved to {requested}."),
    "reason": ("Begrunnelse: {note}", "Reason: {note}"),
    "triage_queue": ("triagekøen", "the triage queue"),
    "error.move_settled": ("Ønsket om å flytte forslaget er allerede besvart.",
                           "The request to move the idea was answered already."),
    # The area package: the submitter told of the council's adoption, the commissioner reminded of a shortfall.
    "package_adopted": ("Forslaget ditt «{title}» er med i budsjettet for {years}.",
                        "Your idea “{title}” is in the budget for {years}."),
    "package_case": ("Vedtatt i sak {case}.", "Adopted in case {case}."),
    "package_reminder": ("Fristen for {phase} er {date}. Pakken for {area} er på {packaged} i {year}, under "
                         "områdets andel på {share} (virksomhetenes utfordring: {challenge}).",
                         "The deadline of {phase} is {date}. The package for {area} holds {packaged} in {year}, "
                         "below the area's share of {share} (the units' challenges: {challenge})."),
    "digest_packages": ("Pakker under områdets andel:", "Packages below the area's share:"),
    "digest_package": ("{area}, {phase}: {packaged} av {share}, frist {date}",
                       "{area}, {phase}: {packaged} of {share}, due {date}"),
    "command.help": ("hjelp", "help"),
    "command.my_ideas": ("mine forslag", "my ideas"),
}
TEXTS.update(STEERING)
TEXTS.update(SAVINGS)
TEXTS.update(BOARD)
TEXTS.update(FOLLOWING)
TEXTS.update(FORM)


def t(locale: str | None, key: str, /, **values: object) -> str:
    """The text for `key` in the reader's language; an unknown key or a missing value raises."""
    return translate(TEXTS, locale, key, **values)


def status_label(locale: str | None, status: str) -> str:
    return t(locale, f"status.{status}")


def where(locale: str | None, view: IdeaView) -> str:
    """The idea's area by name, or the triage queue."""
    return view.area(locale or "") or t(locale, "triage_queue")


def area_name(locale: str | None, org: OrgConfig, area_id: str | None) -> str:
    """A focus area by id, as the reader says it (an area since taken out of the org config, by its id)."""
    area = org.area(area_id)
    return area.name.get(locale) if area else t(locale, "triage_queue") if area_id is None else area_id


def package_reminder(locale: str | None, org: OrgConfig, payload: dict[str, Any]) -> str:
    """A commissioner's package below the area's share, from a reminder's payload (core/package_reminders.py)."""
    return t(locale, "package_reminder", **_package_values(locale, org, payload),
             year=payload.get("target_year", ""), challenge=money(locale, payload.get("challenge_nok")))


def digest_packages(locale: str | None, org: OrgConfig, payload: dict[str, Any]) -> list[str]:
    """The digest's lines about packages below their share; none without them."""
    items = payload.get("packages") or []
    lines = [t(locale, "digest_package", **_package_values(locale, org, item)) for item in items]
    return [t(locale, "digest_packages"), *lines] if lines else []


def _package_values(locale: str | None, org: OrgConfig, payload: dict[str, Any]) -> dict[str, str]:
    phase = org.phase(payload.get("phase"))
    deadline = payload.get("deadline")
    return {"phase": phase.name.get(locale) if phase else str(payload.get("phase")),
            "area": area_name(locale, org, payload.get("focus_area")),
            "date": date(locale, Day.fromisoformat(deadline)) if deadline else "",
            "packaged": money(locale, payload.get("packaged_nok")), "share": money(locale, payload.get("share_nok"))}


def move_request_heading(locale: str | None, view: IdeaView) -> str:
    """What the handler's card is about when the submitter asks to move the idea."""
    area = view.area(locale or "")
    return t(locale, "move_request_for_you", area=area) if area else t(locale, "move_request_for_triage")


def move_asked(locale: str | None, view: IdeaView) -> str:
    """The answer to "Feil område?": where the submitter asked to move the idea, who decides (the commissioner who
    would be told, else the administrators) and that the answer comes in the same chat."""
    requested = view.move_request.area(locale or "") if view.move_request else ""
    decider = (t(locale, "decider.commissioner", name=view.commissioner_name, area=where(locale, view))
               if view.commissioner_name else t(locale, "decider.admins"))
    return t(locale, "move_asked", area=requested, decider=decider)
