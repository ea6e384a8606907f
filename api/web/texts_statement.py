"""The web's texts for universal design: scroll boxes, the footer, and the accessibility statement
(tilgjengelighetserklæring) at /tilgjengelighet; plus the board's folded long texts and moved ideas."""

from __future__ import annotations

from core.locale import Catalogue

STATEMENT_TEXTS: Catalogue = {
    "scroll.box": ("{name} (kan rulles sideveis)", "{name} (scrolls sideways)"),
    "footer.label": ("Om tjenesten", "About the service"),
    "statement.link": ("Tilgjengelighetserklæring", "Accessibility statement"),
    "statement.title": ("Tilgjengelighetserklæring for Forslagskassa", "Accessibility statement for Forslagskassa"),
    "statement.intro": ("{municipality} vil at alle ansatte skal kunne bruke Forslagskassa, også med skjermleser, "
                        "forstørrelse, bare tastatur eller på en liten skjerm. Her står hvor godt nettsidene "
                        "oppfyller kravene til universell utforming, hva som ikke er i orden ennå, og hvordan du "
                        "melder fra om noe som hindrer deg.",
                        "{municipality} wants every employee to be able to use Forslagskassa, also with a screen "
                        "reader, magnification, only a keyboard or on a small screen. This says how well the web "
                        "pages meet the requirements for universal design, what is not right yet, and how to "
                        "report something that stops you."),
    "statement.scope_title": ("Hva erklæringen gjelder", "What the statement covers"),
    "statement.scope": ("Nettsidene til Forslagskassa: send et forslag, mine forslag, saksbehandling, statistikk, "
                        "oppsett, innlogging og feilsidene. Den gjelder ikke chatbotene i Slack og Microsoft Teams, "
                        "REST-API-et eller filene du kan laste ned (CSV og JSON).",
                        "The web pages of Forslagskassa: send an idea, my ideas, triage, statistics, org config, "
                        "login and the error pages. It does not cover the chat bots in Slack and Microsoft Teams, "
                        "the REST API or the files you can download (CSV and JSON)."),
    "statement.standard_title": ("Krav og status", "Requirements and status"),
    "statement.standard": ("Kravet er WCAG 2.1 nivå A og AA, etter likestillings- og diskrimineringsloven og "
                           "forskrift om universell utforming av IKT-løsninger. Status: delvis i samsvar. Vi kjenner "
                           "ikke til brudd på nettsidene selv, men noe er utenfor vår kontroll eller ikke testet "
                           "ennå; se under.",
                           "The requirement is WCAG 2.1 level A and AA, under the Norwegian Equality and "
                           "Anti-Discrimination Act and the regulation on universal design of ICT. Status: partly "
                           "conformant. We know of no failures on the web pages themselves, but some things are "
                           "outside our control or not tested yet; see below."),
    "statement.tested_title": ("Slik er sidene testet", "How the pages are tested"),
    "statement.tested_axe": ("Automatisk med axe-core (reglene for WCAG 2.1 A og AA): hver side, for hver rolle "
                             "(ansatt, kommunalsjef, administrator og ikke innlogget) og på bokmål og engelsk.",
                             "Automatically with axe-core (the WCAG 2.1 A and AA rules): every page, for every "
                             "role (employee, commissioner, administrator and not logged in), in Norwegian and "
                             "in English."),
    "statement.tested_reflow": ("Hver side i 320 piksler bredde: ingenting skal kreve rulling sideveis, bortsett fra "
                                "brede tabeller, som rulles i egne bokser som kan nås med tastaturet.",
                                "Every page at 320 pixels wide: nothing may need sideways scrolling, except wide "
                                "tables, which scroll in boxes of their own that the keyboard can reach."),
    "statement.tested_keyboard": ("Med tastatur: å sende et forslag helt uten mus, synlig fokus, og at fokus flyttes "
                                  "til feltet med feil eller til bekreftelsen etter en handling. Dessuten kontrast "
                                  "på all tekst og at alle felt har en ledetekst.",
                                  "With the keyboard: sending an idea without a mouse, visible focus, and focus "
                                  "moving to the field in error or to the confirmation after an action. Also the "
                                  "contrast of all text and a label on every field."),
    "statement.tested_suite": ("Testene kjører i testsamlingen ved hver endring av tjenesten. Automatiske tester "
                               "finner bare en del av mulige feil, og sidene er ennå ikke testet av brukere med "
                               "skjermleser eller andre hjelpemidler.",
                               "The tests run in the test suite on every change to the service. Automated tests "
                               "find only some of the possible failures, and the pages have not yet been tested "
                               "by users of screen readers or other assistive technology."),
    "statement.gaps_title": ("Dette er ikke i orden", "What is not right"),
    "statement.gap_chat": ("Chatbotene: kortene og meldingene i Slack og Microsoft Teams vises av Slack og Teams, "
                           "og hvordan de virker med tastatur, skjermleser og forstørrelse, avgjøres av dem, ikke "
                           "av oss. Alt du kan gjøre i chatbotene, kan du også gjøre på disse nettsidene.",
                           "The chat bots: their cards and messages in Slack and Microsoft Teams are rendered by "
                           "Slack and Teams, and how they work with a keyboard, screen reader and magnification is "
                           "up to them, not us. Everything you can do in the chat bots you can also do on these "
                           "web pages."),
    "statement.gap_login": ("Innloggingen med Microsoft (Entra ID) skjer på Microsofts sider, som er utenfor vår "
                            "kontroll.", "Logging in with Microsoft (Entra ID) happens on Microsoft's pages, which "
                            "are outside our control."),
    "statement.gap_session": ("Innloggingen varer i {hours} timer og går ut uten forvarsel (WCAG 2.2.1 Justerbar "
                              "hastighet). Sender du et forslag etter at den er utløpt, må du logge inn og skrive "
                              "det på nytt; kopier gjerne en lang tekst før du sender.",
                              "A login lasts {hours} hours and ends without warning (WCAG 2.2.1 Timing "
                              "Adjustable). If you send an idea after it has ended, you must log in and write it "
                              "again; copy a long text before you send it."),
    "statement.report_title": ("Meld fra om en barriere", "Report a barrier"),
    "statement.report": ("Får du ikke brukt noe i Forslagskassa, vil vi vite det. Skriv hva du prøvde å gjøre, på "
                         "hvilken side, og om du bruker et hjelpemiddel. Send det til administratorene av "
                         "Forslagskassa:", "If you cannot use something in Forslagskassa, we want to know. Write "
                         "what you tried to do, on which page, and whether you use assistive technology. Send it to "
                         "the administrators of Forslagskassa:"),
    "statement.complain_title": ("Klage", "Complaints"),
    "statement.complain": ("Får du ikke svar, eller er du ikke fornøyd med svaret, kan du klage til Tilsynet for "
                           "universell utforming av IKT (Uu-tilsynet), som fører tilsyn med kravene:",
                           "If you get no answer, or are not satisfied with it, you can complain to the Norwegian "
                           "Authority for Universal Design of ICT (Uu-tilsynet), which enforces the requirements:"),
    "statement.complain_link": ("Uu-tilsynet på uutilsynet.no", "Uu-tilsynet at uutilsynet.no"),
    "statement.date": ("Erklæringen er skrevet {date} og gjelder versjonen av Forslagskassa som kjører nå.",
                       "This statement was written on {date} and covers the version of Forslagskassa running now."),
    "idea.moved_by": ("Flyttet hit av {who}", "Moved here by {who}"),
    "idea.whole": ("Vis hele forslaget ({n} tegn)", "Show the whole idea ({n} characters)"),
}
