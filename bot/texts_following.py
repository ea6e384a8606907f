"""The chat texts for following ideas: the commands, their answers, and the messages followers get."""

from __future__ import annotations

FOLLOWING: dict[str, tuple[str, str]] = {
    # The commands, as typed (whole message; case and extra spaces do not matter). {n}: an idea's number.
    "command.follow": ("følg", "follow"),
    "command.unfollow": ("ikke følg", "unfollow"),
    "command.notifications": ("varsler", "notifications"),
    "command.digest.immediate": ("straks", "now"),
    "command.digest.daily": ("daglig", "daily"),
    "command.digest.weekly": ("ukentlig", "weekly"),
    "follow.done": ("Du følger nå forslag {id}. Du får beskjed når status endres eller kommunen svarer.",
                    "You now follow idea {id}. You are told when its status changes or the municipality answers."),
    "follow.undone": ("Du følger ikke lenger forslag {id}.", "You no longer follow idea {id}."),
    "follow.not_found": ("Fant ikke forslag {id} blant forslagene du kan se.",
                         "Idea {id} is not among the ideas you can see."),
    "digest.now": ("Du får beskjed om forslag du følger: {choice}. Endre med «varsler straks», «varsler daglig» "
                   "eller «varsler ukentlig».",
                   "You are told about ideas you follow: {choice}. Change it with “notifications now”, "
                   "“notifications daily” or “notifications weekly”."),
    "digest.immediate": ("med en gang", "at once"),
    "digest.daily": ("samlet hver morgen", "gathered every morning"),
    "digest.weekly": ("samlet mandag morgen", "gathered on Monday mornings"),
    "followed.status": ("Forslag {id} som du følger, «{heading}», har fått status {status}.",
                        "Idea {id} that you follow, “{heading}”, is now {status}."),
    "followed.note": ("Kommunens svar: {note}", "The municipality's answer: {note}"),
    "followed.answer": ("Kommunen har svart på forslag {id} som du følger, «{heading}»:",
                        "The municipality answered idea {id} that you follow, “{heading}”:"),
    "followed.stop": ("Skriv «ikke følg {id}» for å slutte å følge det, eller «varsler daglig» for å få slike "
                      "beskjeder samlet.",
                      "Write “unfollow {id}” to stop following it, or “notifications daily” to get such news "
                      "gathered."),
    "followed.digest.daily": ("Nytt om forslag du følger, siden i går:", "News of ideas you follow, since yesterday:"),
    "followed.digest.weekly": ("Nytt om forslag du følger, denne uken:", "News of ideas you follow, this week:"),
    "followed.digest.status": ("Forslag {id} «{heading}»: {status}", "Idea {id} “{heading}”: {status}"),
    "followed.digest.answer": ("Forslag {id} «{heading}»: kommunen svarte «{note}»",
                               "Idea {id} “{heading}”: the municipality answered “{note}”"),
    "followed.digest.more": ("… og {n} til.", "… and {n} more."),
}
