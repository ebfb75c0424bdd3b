"""Sentences that only relay a medium's report: "Как сообщает ТАСС, ранее министр X поручил …".

A person named in such a sentence is the newsroom's background (a federal figure the agency
wrote about), not somebody who speaks in the post, unless the sentence itself gives them a
verb of saying ("Как сообщает ТАСС, министр X заявил, что …").
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.rules import media_nouns, mentions_outlet
from govdigest.extraction.people import People
from govdigest.extraction.quotes.speakers import speech_verb_lemmas

# The citing phrase itself; its verb ("сообщает", "передает") is the medium's, not the person's.
_CITATION_RE = re.compile(
    r"[Кк]ак\s+(?:ранее\s+)?(?:сообща|переда|пиш|писал|информиру|уточня)\w*"
    r"|[Пп]о\s+(?:данным|информации|сообщению|сведениям)"
    r"|со\s+ссылкой\s+на"
    r"|,\s+(?:сообща|переда|пиш|информиру)\w*"
)


def _names_medium(doc: Doc, start: int, stop: int) -> bool:
    if mentions_outlet(doc.text[start:stop].lower()):
        return True
    nouns = media_nouns()
    return any(doc.morph.lemma(w.text.lower()) in nouns for w in doc.words_in(start, stop))


def _cites_only(doc: Doc, start: int, stop: int) -> bool:
    """The sentence cites a medium and has no verb of saying outside the citing phrase."""
    citations = list(_CITATION_RE.finditer(doc.text, start, stop))
    if not citations or not _names_medium(doc, start, stop):
        return False
    verbs = speech_verb_lemmas()
    for w in doc.words_in(start, stop):
        if any(c.start() <= w.start < c.end() for c in citations):
            continue
        low = w.text.lower()
        if doc.morph.lemma(low) in verbs and doc.morph.best_pos(low) == "VERB":
            return False
    return True


def cited_only(doc: Doc, people: People, candidates: set[int], before: int) -> set[int]:
    """The candidates every mention of whom before ``before`` stands in a sentence that only
    relays a medium's report."""
    found: set[int] = set()
    for index in candidates:
        starts = [s for s, _, i in people.mentions if i == index and s < before]
        sentences = {doc.sentence_index(s) for s in starts}
        if sentences and all(
            _cites_only(doc, doc.sentences[k].start, doc.sentences[k].stop) for k in sentences
        ):
            found.add(index)
    return found
