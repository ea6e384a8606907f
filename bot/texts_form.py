"""The chat texts of the Teams idea form ("skjema"): the command, the help that names it, and its own fields."""

from __future__ import annotations

from core.locale import Catalogue

FORM: Catalogue = {
    "command.form": ("skjema", "form"),
    # Teams' help: Slack has its own form (the shortcut and /forslag) and says so in its own help.
    "help_teams": ("Skriv forslaget ditt rett her, så sender jeg det til riktig kommunalsjef. Du kan velge å være "
                   "anonym. Skriv «skjema» for å fylle ut et skjema der du også kan velge virksomheten forslaget "
                   "gjelder, og «mine forslag» for å se hva som har skjedd med forslagene dine.",
                   "Write your idea right here and I will send it to the right commissioner. You may stay anonymous. "
                   "Write “form” for a form where you can also name the unit the idea concerns, and “my ideas” to "
                   "see what happened to your ideas."),
    "form.unit_unknown": ("Vet ikke", "Don't know"),
    "error.unit_unknown": ("Den virksomheten finnes ikke. Velg en fra lista, eller «Vet ikke».",
                           "That unit does not exist. Choose one from the list, or “Don't know”."),
    "form.kept": ("Ingenting er sendt ennå; det du skrev står i skjemaet.",
                  "Nothing has been sent yet; what you wrote is still in the form."),
}
