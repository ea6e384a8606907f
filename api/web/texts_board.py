"""The web's texts for sharing with colleagues: the board of shared ideas, support, and the submit form's choice."""

from __future__ import annotations

BOARD_TEXTS: dict[str, tuple[str, str]] = {
    "nav.board": ("Forslag fra kolleger", "Colleagues' ideas"),
    "board.title": ("Forslag fra kolleger", "Colleagues' ideas"),
    "board.intro": ("Forslag som er delt med alle ansatte. Støtt dem du vil se gjennomført; ingen ser hvem som "
                    "støtter hva.",
                    "Ideas shared with every employee. Support the ones you want to see done; nobody sees who "
                    "supports what."),
    "board.off": ("Forslag deles ikke med kolleger i {municipality}.",
                  "Ideas are not shared with colleagues in {municipality}."),
    "board.empty": ("Ingen delte forslag passer med søket.", "No shared ideas match the search."),
    "board.filters": ("Søk og sorter", "Search and sort"),
    "board.q": ("Søk i forslagene", "Search the ideas"),
    "board.area": ("Område", "Area"),
    "board.status": ("Status", "Status"),
    "board.any": ("Alle", "All"),
    "board.sort": ("Sorter", "Sort"),
    "board.sort.newest": ("Nyeste først", "Newest first"),
    "board.sort.most_supported": ("Mest støttet", "Most supported"),
    "board.apply": ("Vis", "Show"),
    "board.count": ("{n} forslag", "{n} ideas"),
    "board.received": ("Mottatt {day}", "Received {day}"),
    "board.answer": ("Svar fra kommunen", "The municipality's answer"),
    "board.supports": ("{n} støtter", "{n} supporters"),
    "board.supports_one": ("1 støtter", "1 supporter"),
    "board.support": ("Støtt forslaget", "Support this idea"),
    "board.take_back": ("Trekk støtten", "Take back my support"),
    "board.you_support": ("Du støtter dette forslaget.", "You support this idea."),
    "board.yours": ("Dette er ditt forslag.", "This is your idea."),
    "board.closed": ("Forslaget tar ikke imot støtte lenger.", "This idea no longer takes support."),
    "board.label": ("Forslag {id}: {heading}", "Idea {id}: {heading}"),
    "error.support.forbidden": ("Du kan ikke støtte ditt eget forslag.", "You cannot support your own idea."),
    "error.support.conflict": ("Forslaget er ferdig behandlet og tar ikke imot støtte.",
                               "The idea has been dealt with and no longer takes support."),
    "field.shared": ("Del med kolleger", "Share with colleagues"),
    "field.shared_hint": ("Alle ansatte kan se forslaget, svaret og hvor mange som støtter det. Sender du anonymt, "
                          "ser de ikke hvem du er.",
                          "Every employee can see the idea, the answer and how many support it. If you send it "
                          "anonymously, they do not see who you are."),
    "field.shared_always": ("Forslag i {municipality} deles med alle ansatte. Sender du anonymt, ser de ikke hvem "
                            "du er.",
                            "Ideas in {municipality} are shared with every employee. If you send it anonymously, "
                            "they do not see who you are."),
    "similar.heading": ("Lignende forslag fra kolleger", "Similar ideas from colleagues"),
    "similar.intro": ("Kanskje noen har foreslått det samme? Støtt et av disse i stedet, eller send ditt eget.",
                      "Perhaps someone has suggested the same? Support one of these instead, or send your own."),
    "similar.support_instead": ("Støtt dette i stedet", "Support this instead"),
    "done.supported_instead": ("Takk! Du støtter nå forslag {id}. Ditt eget forslag ble ikke sendt.",
                               "Thank you! You now support idea {id}. Your own idea was not sent."),
    "timeline.shared": ("Delt med kolleger", "Shared with colleagues"),
    "timeline.unshared": ("Ikke lenger delt med kolleger", "No longer shared with colleagues"),
    "timeline.support": ("Støtte fra kolleger: {n}", "Colleagues' support: {n}"),
    "timeline.merged_away": ("Slått sammen med forslag {id}", "Merged into idea {id}"),
    "timeline.merged_in": ("Et lignende forslag ble slått sammen med dette; {n} støtter det nå",
                           "A similar idea was merged into this one; supporters now: {n}"),
    "idea.merged": ("Lignende forslag slått sammen med dette", "Similar ideas merged into this one"),
    "who.colleague": ("en kollega", "a colleague"),
    "triage.share": ("Del med kolleger", "Share with colleagues"),
    "triage.unshare": ("Slutt å dele med kolleger", "Stop sharing with colleagues"),
    "idea.shared": ("Delt med kolleger", "Shared with colleagues"),
    "idea.shared_yes": ("Ja, {n} støtter", "Yes, {n} supporters"),
    "done.shared": ("Forslag {id} er delt med kolleger.", "Idea {id} is shared with colleagues."),
    "done.unshared": ("Forslag {id} er ikke lenger delt med kolleger.", "Idea {id} is no longer shared with "
                      "colleagues."),
}
