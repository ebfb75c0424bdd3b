"""Extractor entry point: one post in, one :class:`Extraction` out (pure and synchronous)."""

from __future__ import annotations

from govdigest.extraction.doc import Doc, tokenize
from govdigest.extraction.language.morph import Morph
from govdigest.extraction.language.nlp import NlpModels, run_ner
from govdigest.extraction.mission.author import is_first_person
from govdigest.extraction.mission.card import extract_mission
from govdigest.extraction.mission.leader_sides import channel_description_role
from govdigest.extraction.models import Extraction, Person, PostInput, Quote
from govdigest.extraction.organisations.companies import extract_companies
from govdigest.extraction.people import People, extract_people
from govdigest.extraction.quotes.direct import (
    RawQuote,
    continue_indirect_speakers,
    extract_direct,
)
from govdigest.extraction.quotes.indirect import extract_indirect
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.summary import derive_title, lead_summary
from govdigest.extraction.text import MAX_ANALYSED_CHARS, clean_lines, normalise_line, sentences

EXTRACTOR_VERSION = "15"

__all__ = ["EXTRACTOR_VERSION", "Extractor", "NlpModels"]


class Extractor:
    version = EXTRACTOR_VERSION

    def __init__(self, models: NlpModels) -> None:
        self._models = models
        self._morph = Morph(models.morph_vocab)

    @property
    def morph(self) -> Morph:
        """The dictionary look-ups with their caches, shared with search's lemmatiser."""
        return self._morph

    def extract(self, post: PostInput) -> Extraction:
        lines = clean_lines(post.text or "")
        given_title = normalise_line(post.title) if post.title else None
        # The title line is the headline, not content for the lead summary; other extractors
        # still read it (it often names the leader and the directions).
        body = "\n".join(lines)[:MAX_ANALYSED_CHARS]
        sents = sentences(body)
        title = derive_title(given_title, lines, sents)
        doc = Doc(
            text=body,
            sentences=sents,
            words=tokenize(body),
            ner=run_ner(self._models, body),
            morph=self._morph,
            author=post.author,
        )
        doc.first_person = is_first_person(doc, _quoted_spans(body))
        doc.card_role = channel_description_role(post.text or "") if post.author else None
        doc.author_gender = _author_gender(self._morph, post.author)
        people = extract_people(doc)
        direct, covered = extract_direct(doc, people)
        indirect = extract_indirect(doc, people, covered)
        direct = continue_indirect_speakers(doc, direct, indirect)
        companies = extract_companies(doc, {q.start for q in direct}, covered)
        mentions = tuple(m for c in companies for m in c.mentions)
        mission = extract_mission(doc, people, post.published, mentions)
        summary_sents = [s for s in sents if not (lines and lines[0] == title and s.line == 0)]
        return Extraction(
            title=title,
            summary=lead_summary(summary_sents, title),
            mission=mission,
            companies=tuple(companies),
            quotes=_quotes(direct, indirect),
            people=_people(people, post.author, mission.leader),
        )


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = [(s.open, s.close) for s in find_spans(text) if s.depth == 0]
    offset = 0
    for line in text.split("\n"):
        if line.startswith(("— ", "– ")):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _author_gender(morph: Morph, author: str | None) -> str | None:
    if not author or not author.split():
        return None
    return morph.nominative_name(author.split())[1]


def _quotes(direct: list[RawQuote], indirect: list[RawQuote]) -> tuple[Quote, ...]:
    out: list[Quote] = []
    for raw, kind in sorted(
        [(q, "direct") for q in direct] + [(q, "indirect") for q in indirect],
        key=lambda pair: pair[0].start,
    ):
        if not raw.text:
            continue
        out.append(
            Quote(
                speaker=raw.speaker.name,
                text=raw.text,
                kind="direct" if kind == "direct" else "indirect",
                speaker_role=raw.speaker.role,
            )
        )
    return tuple(out)


def _people(people: People, author: str | None, leader: str | None) -> tuple[Person, ...]:
    out = [Person(e.name, e.role) for e in people.entities]
    return tuple(out)
