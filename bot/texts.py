"""Every chat text in Norwegian bokmål and English, in one place for Slack and Teams alike."""

from __future__ import annotations

from typing import Any

DEFAULT_LOCALE = "nb"

TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "status.received": "Mottatt",
        "status.in_review": "Til vurdering",
        "status.accepted": "Godtatt",
        "status.implemented": "Gjennomført",
        "status.declined": "Avslått",
        "status.duplicate": "Duplikat",
        "status.withdrawn": "Trukket tilbake",
        "sent_to": "Sendt til {area} — {commissioner}.",
        "sent_to_triage": "Takk! Forslaget er sendt til administratorene, som finner rett område for det.",
        "sent_anonymous": "Forslaget er anonymt: navnet ditt vises ikke for noen.",
        "thanks": "Takk for forslaget!",
        "button.wrong_area": "Feil område?",
        "button.make_anonymous": "Gjør anonym",
        "button.withdraw": "Angre",
        "button.new_idea": "Send et nytt forslag",
        "button.in_review": "Ta til vurdering",
        "button.accept": "Godta",
        "button.decline": "Avslå",
        "button.duplicate": "Duplikat av …",
        "button.reroute": "Send til annet område",
        "button.estimate": "Anslå innsparing",
        "button.submit": "Send",
        "button.cancel": "Avbryt",
        "field.title": "Tittel (valgfri)",
        "field.text": "Forslaget ditt",
        "field.anonymous": "Send anonymt",
        "field.focus_area": "Område (valgfritt)",
        "field.reason": "Begrunnelse (vises for innsenderen)",
        "field.note": "Melding til innsenderen (valgfri)",
        "field.duplicate_of": "Nummeret på det tidligere forslaget",
        "field.saving": "Anslått årlig innsparing i kroner",
        "field.choose_area": "Velg område",
        "modal.new_idea": "Nytt forslag",
        "modal.decline": "Avslå forslag",
        "modal.confirm_idea": "Send som forslag",
        "withdrawn": "Forslaget er trukket tilbake.",
        "made_anonymous": "Forslaget er nå anonymt.",
        "moved_by_submitter": "Flyttet til {area} — {commissioner}.",
        "status_changed": "Forslaget ditt «{title}» er nå: {status}.",
        "status_note": "Svar fra {commissioner}: {note}",
        "rerouted": "Forslaget ditt «{title}» er flyttet til {area} — {commissioner}.",
        "new_for_you": "Nytt forslag til {area}",
        "new_for_triage": "Nytt forslag til fordeling",
        "confidence": "Sikkerhet: {percent} %",
        "similar": "Lignende forslag:",
        "from": "Fra: {name}",
        "from_anonymous": "Fra: anonym",
        "deadline": "Svarfrist: {date}",
        "overdue": "Over fristen siden {date}",
        "acted": "{status} av {who}.",
        "my_ideas": "Mine forslag",
        "no_ideas": "Du har ikke sendt noen forslag ennå. Skriv forslaget ditt her, så sender jeg det videre.",
        "latest_answer": "Siste svar: {note}",
        "help": (
            "Skriv forslaget ditt rett her, så sender jeg det til riktig kommunalsjef. "
            "Du kan velge å være anonym. Skriv «mine forslag» for å se hva som har skjedd med forslagene dine."
        ),
        "welcome_staff": (
            "Her får du nye forslag til området ditt, med knapper for å svare på dem. "
            "Du kan også sende egne forslag her: skriv dem rett inn."
        ),
        "digest": "Forslag som har ventet på svar i over {days} dager:",
        "error.forbidden": "Bare kommunalsjefen for området eller en administrator kan gjøre dette.",
        "error.stale": "Forslaget er allerede {status}; ingenting ble endret.",
        "error.generic": "Det gikk ikke: {message}",
        "error.empty": "Forslaget er tomt. Skriv hva du foreslår.",
        "error.not_found": "Fant ikke forslaget.",
        "error.rate_limited": ("Takk! Du har sendt mange forslag på kort tid, så dette ble ikke sendt. "
                               "Prøv igjen om {minutes} min."),
        "button.implemented": "Merk som gjennomført",
        "modal.duplicate": "Merk som duplikat",
        "modal.reroute": "Send til annet område",
        "field.duplicate_search": "Det tidligere forslaget",
        "field.duplicate_hint": "Søk på nummer eller ord",
        "status_line": "Status: {status}",
        "moved_by": "Flyttet til {area} av {who}.",
        "not_routed": "Ikke fordelt ennå",
        "sent_see_dm": "Takk for forslaget! Du får svar fra meg i en direktemelding.",
        "sent_at": "Sendt {date}",
        "idea_ref": "#{id} {title}",
        "similar_item": "#{id} · {percent} % likt · {snippet}",
        "digest_item": "#{id} {title} — {area}, over fristen siden {date}",
        "format.date": "%d.%m.%Y",
        "error.withdraw_late": "Et forslag kan bare trekkes tilbake de første {minutes} minuttene etter innsending.",
        "from_detail": "Fra: {name} ({detail})",
        "manager": "Nærmeste leder: {name}",
        "error.reason_required": "Skriv en begrunnelse. Den vises for innsenderen.",
        "error.duplicate_of_required": "Skriv nummeret på det tidligere forslaget.",
        "modal.estimate": "Anslå innsparing",
        "field.saving_hint": "Tomt felt fjerner anslaget.",
        "saving": "Anslått årlig innsparing: {amount}",
        "saving_set": "Anslått årlig innsparing satt til {amount} av {who}.",
        "saving_cleared": "Anslaget ble fjernet av {who}.",
        "error.saving_invalid": "Skriv et helt antall kroner fra 0 til 10 milliarder, eller la feltet stå tomt.",
        "command.help": "hjelp",
        "command.my_ideas": "mine forslag",
    },
    "en": {
        "status.received": "Received",
        "status.in_review": "In review",
        "status.accepted": "Accepted",
        "status.implemented": "Implemented",
        "status.declined": "Declined",
        "status.duplicate": "Duplicate",
        "status.withdrawn": "Withdrawn",
        "sent_to": "Sent to {area} — {commissioner}.",
        "sent_to_triage": "Thank you! Your idea went to the administrators, who will find the right area for it.",
        "sent_anonymous": "Your idea is anonymous: your name is shown to no one.",
        "thanks": "Thank you for your idea!",
        "button.wrong_area": "Wrong area?",
        "button.make_anonymous": "Make anonymous",
        "button.withdraw": "Undo",
        "button.new_idea": "Send a new idea",
        "button.in_review": "Start review",
        "button.accept": "Accept",
        "button.decline": "Decline",
        "button.duplicate": "Duplicate of …",
        "button.reroute": "Send to another area",
        "button.estimate": "Estimate saving",
        "button.submit": "Send",
        "button.cancel": "Cancel",
        "field.title": "Title (optional)",
        "field.text": "Your idea",
        "field.anonymous": "Send anonymously",
        "field.focus_area": "Area (optional)",
        "field.reason": "Reason (shown to the submitter)",
        "field.note": "Message to the submitter (optional)",
        "field.duplicate_of": "Number of the earlier idea",
        "field.saving": "Estimated annual saving in NOK",
        "field.choose_area": "Choose an area",
        "modal.new_idea": "New idea",
        "modal.decline": "Decline idea",
        "modal.confirm_idea": "Send as idea",
        "withdrawn": "Your idea was withdrawn.",
        "made_anonymous": "Your idea is now anonymous.",
        "moved_by_submitter": "Moved to {area} — {commissioner}.",
        "status_changed": "Your idea “{title}” is now: {status}.",
        "status_note": "Answer from {commissioner}: {note}",
        "rerouted": "Your idea “{title}” was moved to {area} — {commissioner}.",
        "new_for_you": "New idea for {area}",
        "new_for_triage": "New idea to route",
        "confidence": "Confidence: {percent} %",
        "similar": "Similar ideas:",
        "from": "From: {name}",
        "from_anonymous": "From: anonymous",
        "deadline": "Answer due: {date}",
        "overdue": "Overdue since {date}",
        "acted": "{status} by {who}.",
        "my_ideas": "My ideas",
        "no_ideas": "You have not sent any ideas yet. Write your idea here and I will pass it on.",
        "latest_answer": "Latest answer: {note}",
        "help": (
            "Write your idea right here and I will send it to the right commissioner. "
            "You may stay anonymous. Write “my ideas” to see what happened to your ideas."
        ),
        "welcome_staff": (
            "New ideas for your area arrive here, with buttons to answer them. "
            "You can also send ideas of your own here: just write them."
        ),
        "digest": "Ideas waiting for an answer for more than {days} days:",
        "error.forbidden": "Only the commissioner of this area or an administrator can do this.",
        "error.stale": "The idea is already {status}; nothing was changed.",
        "error.generic": "That did not work: {message}",
        "error.empty": "The idea is empty. Write what you suggest.",
        "error.not_found": "Idea not found.",
        "error.rate_limited": ("Thank you! You have sent many ideas in a short time, so this one was not sent. "
                               "Please try again in {minutes} min."),
        "button.implemented": "Mark as implemented",
        "modal.duplicate": "Mark as duplicate",
        "modal.reroute": "Send to another area",
        "field.duplicate_search": "The earlier idea",
        "field.duplicate_hint": "Search by number or words",
        "status_line": "Status: {status}",
        "moved_by": "Moved to {area} by {who}.",
        "not_routed": "Not routed yet",
        "sent_see_dm": "Thank you for your idea! I will answer you in a direct message.",
        "sent_at": "Sent {date}",
        "idea_ref": "#{id} {title}",
        "similar_item": "#{id} · {percent} % similar · {snippet}",
        "digest_item": "#{id} {title} — {area}, overdue since {date}",
        "format.date": "%Y-%m-%d",
        "error.withdraw_late": "An idea can only be withdrawn within {minutes} minutes of sending it.",
        "from_detail": "From: {name} ({detail})",
        "manager": "Manager: {name}",
        "error.reason_required": "Write a reason. The submitter will see it.",
        "error.duplicate_of_required": "Write the number of the earlier idea.",
        "modal.estimate": "Estimate the saving",
        "field.saving_hint": "An empty field removes the estimate.",
        "saving": "Estimated annual saving: {amount}",
        "saving_set": "Estimated annual saving set to {amount} by {who}.",
        "saving_cleared": "The estimate was removed by {who}.",
        "error.saving_invalid": "Write a whole number of kroner from 0 to 10 billion, or leave the field empty.",
        "command.help": "help",
        "command.my_ideas": "my ideas",
    },
}


def locale_of(tag: str | None) -> str:
    """'en-US', 'en_GB', 'en' -> 'en'; anything else (nb-NO, nn, missing) -> bokmål."""
    return "en" if (tag or "").lower().replace("_", "-").split("-")[0] == "en" else DEFAULT_LOCALE


def t(key: str, locale: str = DEFAULT_LOCALE, /, **values: Any) -> str:
    return TEXTS[locale_of(locale)][key].format(**values)


def status_label(status: str, locale: str = DEFAULT_LOCALE) -> str:
    return t(f"status.{status}", locale)


def money(amount: int, locale: str = DEFAULT_LOCALE) -> str:
    """120000 -> "120 000 kr" in bokmål (non-breaking spaces), "NOK 120,000" in English."""
    if locale_of(locale) == "en":
        return f"NOK {amount:,}"
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"
