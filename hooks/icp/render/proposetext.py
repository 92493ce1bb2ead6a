"""The words of "Propose a practice" in the page's language: its fields' labels, its sections' names
and hints, and the words its scripts show (sent with the page's data: the scripts hold none; the check
messages are the validator's, told in the page's language by :mod:`icp.render.proposalwords`).

The file the form writes keeps English keys and values; its sections are headed in the case's own
language (``language:``), with these names as that language's catalogue gives them
(:func:`icp.scaffold.headings_in`), whatever the page's. A key of the schema with no label here is
labelled by its name, in words.
"""

from __future__ import annotations

from icp.i18n import N_
from icp.i18n import gettext as _

# Each key's label; "tests/test_propose.py" checks that every key of the schema has one.
FIELD_LABELS = {
    "title": N_("Title"), "subtitle": N_("Subtitle"), "city": N_("City"), "country": N_("Country"),
    "year": N_("Year"), "topics": N_("Topics"), "summary": N_("Summary"), "organisation": N_("Organisation"),
    "period": N_("Period"), "status": N_("Status"), "status_date": N_("Status date"), "partners": N_("Partners"),
    "target_groups": N_("Target groups"), "evidence": N_("Evidence"), "budget": N_("Budget"),
    "contact": N_("Contact"), "sources": N_("Sources"), "related": N_("Related"), "lat": N_("Latitude"),
    "lon": N_("Longitude"), "publisher": N_("Publisher"), "date": N_("Date"), "url": N_("Address (URL)"),
    "reference": N_("Reference"), "evaluation": N_("Evaluation"), "language": N_("Language"),
    "translations": N_("Translations"),
}
# A repeatable group's words: one item, adding one, removing one.
GROUP_WORDS = {"sources": (N_("Source"), N_("Add a source"), N_("Remove this source"))}
# The sections' headings as the form names them (the file keeps the English heading).
SECTION_NAMES = {
    "Summary": N_("Summary"), "Background": N_("Background"), "What was done": N_("What was done"),
    "Results": N_("Results"), "Making it work for you": N_("Making it work for you"), "Sources": N_("Sources"),
}
SECTION_HINTS = {
    "Summary": N_("Two to four sentences: what the city did and why it matters."),
    "Background": N_("The problem or opportunity, and who started the practice and why."),
    "What was done": N_("The steps, the people and organisations involved, the money and the time it took."),
    "Results": N_("What changed, with figures where the sources give them; say what is not known."),
    "Making it work for you": N_("What another city needs to repeat it: conditions, pitfalls, first steps."),
    "Sources": N_("A short paragraph saying which facts come from which source (and any doubt or translation); "
                  "the sources given above are listed under it."),
}


def label(key: str) -> str:
    """``status_date`` -> "Status date", in the page's language."""
    known = FIELD_LABELS.get(key)
    return _(known) if known else key.replace("_", " ").capitalize()


def group_words(key: str) -> tuple[str, str, str]:
    item, add, remove = GROUP_WORDS.get(key, (N_("Item"), N_("Add an item"), N_("Remove this item")))
    return _(item), _(add), _(remove)


def section_name(heading: str) -> str:
    known = SECTION_NAMES.get(heading)
    return _(known) if known else heading


def section_hint(heading: str, hint: str) -> str:
    known = SECTION_HINTS.get(heading)
    return _(known) if known else hint


def script_text() -> dict[str, str]:
    """The scripts' words; they fill ``{name}`` placeholders."""
    return {
        "noCase": _("No case “{slug}” is published on this site: the form below proposes a new one."),
        "correctionTitle": _("Suggest a correction: {title}"),
        "correctWhat": _("Correct what is wrong in {title} below, then send the corrected file as the foot of "
                         "the page says. Say in your message what was wrong and which source shows it."),
        "issueTitle": _("Correction: {title}"),
        "ratherDescribe": _("Would you rather describe the error than correct the file?"),
        "reportOnGitHub": _("Report it on GitHub"),
        "issueForm": _("(an issue form with this case already named)."),
        "correctionBack": _("Your correction from {date} is back. “Start again” clears it."),
        "draftBack": _("Your draft from {date} is back. “Start again” at the foot of the form clears it."),
        "inThisOrder": _("In this order: {names}"),
        "error": _("Error: "),
        "notGiven": _("not given"),
        "nameMissing": _("(the practice's name)"),
        "yearLabel": _("Year of the record"),
        "periodLabel": _("When it ran"),
        "topicsLabel": _("Topics"),
        "organisationLabel": _("Organisation"),
        "evidenceLabel": _("Evidence"),
        "sourcesLabel": _("Sources"),
        "downloaded": _("Downloaded {file}."),
        "proposeOrSend": _("Propose it on GitHub, or send it to the editors."),
        "sendAsBelow": _("Send it to the editors as the text below says."),
        "copied": _("The file is copied: paste it where you send it."),
        "copyFailed": _("Copying failed: use Download the file instead."),
        "correctedCopied": _("The corrected file is copied. On GitHub's page, select all of the file's text and "
                             "paste over it."),
        "tooLong": _("The file is too long for GitHub to take in its address: it is copied. Paste it into the "
                     "empty file on GitHub's page."),
        "githubOpens": _("GitHub's page for the new file opens with your file in it."),
        "startAgain": _("Start again? Everything typed in this form is cleared, and the draft kept in this browser "
                        "is deleted."),
        "published": _("The form holds the case as published again."),
        "empty": _("The form is empty."),
    }
