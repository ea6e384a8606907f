"""The chats' texts for messages that are not ideas (core/steering.py): what the message looks like, where it
belongs, and the way on."""

from __future__ import annotations

from core.locale import Catalogue

STEERING: Catalogue = {
    "steer.varsling": ("Dette ser ut som et varsel om kritikkverdige forhold. Et varsel skal ikke i forslagskassa: "
                       "det kan gjelde noen som ser forslagene.",
                       "This looks like a report of wrongdoing. A report does not belong in the suggestion box: "
                       "it may concern someone who reads the ideas."),
    "steer.hms_avvik": ("Dette ser ut som en hendelse eller nestenulykke som skal meldes som avvik.",
                        "This looks like an incident or near miss to be reported."),
    "steer.it_support": ("Dette ser ut som noe IT-brukerstøtte kan hjelpe med.",
                         "This looks like something the IT service desk can help with."),
    "steer.facility_fault": ("Dette ser ut som en feil på et bygg som skal meldes til drift.",
                             "This looks like a fault in a building for facilities to fix."),
    "steer.personal_hr": ("Dette ser ut som et spørsmål om ditt eget arbeidsforhold.",
                          "This looks like a question about your own employment."),
    "steer.question": ("Dette ser ut som et spørsmål, ikke et forslag.",
                       "This looks like a question, not an idea."),
    "steer.chatter": ("Dette ser ikke ut som et forslag.",
                      "This does not look like an idea."),
    "steer.not_stored": ("Det du skrev er ikke lagret og ikke sendt videre.",
                         "What you wrote has not been stored or passed on."),
    "steer.where": ("Hvor det hører hjemme",
                    "Where it belongs"),
    "steer.link": ("Gå dit",
                   "Go there"),
    "steer.email": ("E-post: {email}",
                    "E-mail: {email}"),
    "steer.phone": ("Telefon: {phone}",
                    "Phone: {phone}"),
    "steer.anyway": ("Send som forslag likevel",
                     "Send as an idea anyway"),
    "steer.anyway_hint": ("Er det et forslag likevel? Da kan du sende det som forslag.",
                          "Is it an idea after all? Then send it as one."),
    "steer.too_long": ("Er det et forslag likevel? Velg «Send som forslag» i menyen på meldingen din "
                       "(⋮ Flere handlinger).",
                       "Is it an idea after all? Choose “Send som forslag” in your message's menu (⋮ More actions)."),
    "steer.too_long_command": ("Er det et forslag likevel? Skriv /forslag uten tekst, og lim det inn i skjemaet.",
                               "Is it an idea after all? Write /forslag without text and paste it into the form."),
}
