"""The chats' texts for colleagues' ideas: the board ("Populære forslag"), support, sharing an idea, and the shared
ideas shown before a new one is stored."""

from __future__ import annotations

from core.locale import Catalogue

BOARD: Catalogue = {
    "board.popular": ("Populære forslag", "Popular ideas"),
    "board.popular_intro": ("Forslag som er delt med alle ansatte, mest støttet først. Ingen ser hvem som støtter "
                            "hva.",
                            "Ideas shared with every employee, most supported first. Nobody sees who supports "
                            "what."),
    "board.none": ("Ingen forslag er delt med kolleger ennå.", "No ideas have been shared with colleagues yet."),
    "board.off": ("Forslag deles ikke med kolleger her.", "Ideas are not shared with colleagues here."),
    "board.supports": ("{n} støtter", "{n} supporters"),
    "board.supports_one": ("1 støtter", "1 supporter"),
    "board.answer": ("Svar fra kommunen: {note}", "The municipality's answer: {note}"),
    "board.you_support": ("Du støtter dette forslaget.", "You support this idea."),
    "board.yours": ("Dette er ditt forslag.", "This is your idea."),
    "board.more": ("Alle delte forslag: {link}", "Every shared idea: {link}"),
    "button.support": ("Støtt", "Support"),
    "button.take_back": ("Trekk støtten", "Take back support"),
    "supported": ("Takk! Du støtter nå forslag {id}. {count}.", "Thank you! You now support idea {id}. {count}."),
    "support_taken_back": ("Du støtter ikke lenger forslag {id}.", "You no longer support idea {id}."),
    "error.support_own": ("Du kan ikke støtte ditt eget forslag.", "You cannot support your own idea."),
    "error.support_closed": ("Forslaget er ferdig behandlet og tar ikke imot støtte.",
                             "The idea has been dealt with and no longer takes support."),
    # Sharing an idea with colleagues
    "field.shared": ("Del med kolleger", "Share with colleagues"),
    "field.shared_hint": ("Alle ansatte kan se forslaget, svaret og hvor mange som støtter det, men ikke hvem som "
                          "sendte et anonymt forslag.",
                          "Every employee can see the idea, the answer and how many support it, but not who sent "
                          "an anonymous idea."),
    "button.share": ("Del med kolleger", "Share with colleagues"),
    "shared_now": ("Forslaget er delt med kolleger.", "Your idea is shared with colleagues."),
    "shared_line": ("Delt med kolleger.", "Shared with colleagues."),
    # Similar shared ideas before a new one is stored
    "similar.heading": ("Kolleger har sendt lignende forslag", "Colleagues have sent similar ideas"),
    "similar.intro": ("Vil du støtte et av disse i stedet? Forslaget ditt er ikke sendt ennå; teksten din er tatt "
                      "vare på til du velger.",
                      "Would you rather support one of these? Your idea has not been sent yet; your text is kept "
                      "until you choose."),
    "button.support_instead": ("Støtt dette i stedet", "Support this instead"),
    "similar.send_hint": ("Eller send ditt eget forslag som det er.", "Or send your own idea as it is."),
    "button.send_mine": ("Send mitt forslag", "Send my idea"),
    "modal.similar": ("Lignende forslag", "Similar ideas"),
    "button.close": ("Lukk", "Close"),
    "similar.supported": ("Takk! Du støtter nå forslag {id} ({count}). Ditt eget forslag ble ikke sendt.",
                          "Thank you! You now support idea {id} ({count}). Your own idea was not sent."),
    "similar.sent": ("Forslaget ditt er sendt.", "Your idea has been sent."),
    "similar.too_long": ("Teksten er for lang til å sendes med knappen. Bruk /forslag for å sende den som skjema.",
                         "The text is too long to send with the button. Use /forslag to send it as a form."),
    "command.popular": ("populære", "popular"),
}
