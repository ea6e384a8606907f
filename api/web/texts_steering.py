"""The web's texts for messages that are not ideas (core/steering.py): what the message looks like, and the way on."""

from __future__ import annotations

STEERING: dict[str, tuple[str, str]] = {
    "steer.varsling": ("Dette ser ut som et varsel om kritikkverdige forhold. Et varsel skal ikke i forslagskassa: "
                       "det kan gjelde noen som ser forslagene. Det du skrev er ikke lagret.",
                       "This looks like a report of wrongdoing. A report does not belong in the suggestion box: it "
                       "may concern someone who reads the ideas. What you wrote has not been stored."),
    "steer.hms_avvik": ("Dette ser ut som en hendelse eller nestenulykke som skal meldes som avvik. Det du skrev er "
                        "ikke lagret.",
                        "This looks like an incident or near miss to be reported. What you wrote has not been "
                        "stored."),
    "steer.it_support": ("Dette ser ut som noe IT-brukerstøtte kan hjelpe med. Det du skrev er ikke lagret.",
                         "This looks like something the IT service desk can help with. What you wrote has not been "
                         "stored."),
    "steer.facility_fault": ("Dette ser ut som en feil på et bygg som skal meldes til drift. Det du skrev er ikke "
                             "lagret.",
                             "This looks like a fault in a building for facilities to fix. What you wrote has not "
                             "been stored."),
    "steer.personal_hr": ("Dette ser ut som et spørsmål om ditt eget arbeidsforhold. Det du skrev er ikke lagret.",
                          "This looks like a question about your own employment. What you wrote has not been "
                          "stored."),
    "steer.question": ("Dette ser ut som et spørsmål, ikke et forslag. Det du skrev er ikke lagret.",
                       "This looks like a question, not an idea. What you wrote has not been stored."),
    "steer.chatter": ("Dette ser ikke ut som et forslag. Det du skrev er ikke lagret.",
                      "This does not look like an idea. What you wrote has not been stored."),
    "steer.where": ("Hvor det hører hjemme", "Where it belongs"),
    "steer.link": ("Gå dit", "Go there"),
    "steer.email": ("E-post: {email}", "E-mail: {email}"),
    "steer.phone": ("Telefon: {phone}", "Phone: {phone}"),
    "steer.anyway_hint": ("Er det et forslag likevel? Da kan du sende det som forslag.",
                          "Is it an idea after all? Then send it as one."),
    "steer.anyway": ("Send som forslag likevel", "Send as an idea anyway"),
    # The administrators' dashboard: how many messages were steered, per month and intent (counts only).
    "admin.steered": ("Meldinger som ikke var forslag", "Messages that were not ideas"),
    "admin.steered_intro": ("Sendt videre dit de hører hjemme, ikke lagret. Bare antallet telles.",
                            "Pointed to where they belong, not stored. Only the number is counted."),
    "admin.steered_none": ("Ingen ennå.", "None yet."),
    "col.intent": ("Hva det så ut som", "What it looked like"),
    "intent.varsling": ("Varsel om kritikkverdige forhold", "Report of wrongdoing"),
    "intent.hms_avvik": ("HMS-avvik", "Safety incident"),
    "intent.it_support": ("IT-hjelp", "IT support"),
    "intent.facility_fault": ("Feil på bygg", "Building fault"),
    "intent.personal_hr": ("Eget arbeidsforhold", "Own employment"),
    "intent.question": ("Spørsmål", "Question"),
    "intent.chatter": ("Ikke et forslag", "Not an idea"),
}
