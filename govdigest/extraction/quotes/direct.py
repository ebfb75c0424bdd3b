"""Direct speech: quoted spans, dash dialogue, interrupted quotes, and their attributions."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.rules import is_name_designator_before
from govdigest.extraction.people import People
from govdigest.extraction.quotes.attribution import (
    attribution_after,
    attribution_before,
    attribution_next_sentence,
    headline_attribution,
    verbless_headline,
)
from govdigest.extraction.quotes.blocks import (
    continued_paragraphs,
    dialogue_lines,
    heading_blocks,
    transcript_lines,
    trim_unbalanced,
    unquoted_speech,
)
from govdigest.extraction.quotes.continuation import carry_speakers, is_attributed
from govdigest.extraction.quotes.layouts import (
    closed_paragraphs,
    inline_dash_speech,
    name_colon_lines,
    plain_interview,
    signed_paragraphs,
)
from govdigest.extraction.quotes.raw import (
    MIN_SPEECH_WORDS,
    SPEECH_DASH,
    RawQuote,
    clean_quote_text,
)
from govdigest.extraction.quotes.spans import QuoteSpan, find_spans
from govdigest.extraction.quotes.speakers import NOBODY, Speaker, has_speech_verb, resolve

# Inside one quotation: "первая часть, — сказал глава региона, — вторая часть".
_INTERRUPT_RE = re.compile(
    rf"([,.!?…])\s+{SPEECH_DASH}\s+([а-яё][^—–]{{2,160}}?)([,.])\s+{SPEECH_DASH}\s+"
)
_SENTENCE_PUNCT_RE = re.compile(r"[.!?…](?:\s+[А-ЯЁ«]|\s*$)")
# Long quotations are speech even without a full stop (headline-style statements).
MIN_UNPUNCTUATED_SPEECH_WORDS = 8
# Text between two quotes of one speaker, within which the second inherits the speaker.
MAX_CONTINUATION_GAP = 160


def _is_speech(doc: Doc, span: QuoteSpan, content: str, attributed: bool) -> bool:
    if not content.strip():
        return False
    if is_name_designator_before(doc, span.open):
        return False
    words = re.findall(r"\w+", content)
    if attributed and _is_quoted_name(doc, span, words):
        return False  # "Напомним, «Баку Экспо» принимает форум …": a name the verb follows
    if attributed:
        return len(words) >= 1
    if len(words) < MIN_SPEECH_WORDS:
        return False
    if _SENTENCE_PUNCT_RE.search(content):
        return True
    return len(words) >= MIN_UNPUNCTUATED_SPEECH_WORDS


# A quoted name: at most this many words, each capitalised, with a verb right after the quote.
MAX_QUOTED_NAME_WORDS = 2


def _is_quoted_name(doc: Doc, span: QuoteSpan, words: list[str]) -> bool:
    if not 1 <= len(words) <= MAX_QUOTED_NAME_WORDS or not all(w[:1].isupper() for w in words):
        return False
    after = doc.words_in(span.close, span.close + 40)[:1]
    if not after or doc.text[span.close : after[0].start].strip():
        return False  # punctuation after the quote: «Спасибо», — сказал он.
    return after[0].text.islower() and doc.morph.best_pos(after[0].text) == "VERB"


def _split_interrupted(
    doc: Doc, people: People, start: int, stop: int
) -> tuple[str, Speaker | None]:
    """Cut "…, — сказал X, — …" out of a quotation; return the joined text and X."""
    content = doc.text[start:stop]
    m = _INTERRUPT_RE.search(content)
    if not m or not has_speech_verb(doc, start + m.start(2), start + m.end(2)):
        return content, None
    speaker = resolve(doc, people, start + m.start(2), start + m.end(2), start)
    first = content[: m.start()] + (m.group(1) if m.group(1) in "!?…" else "")
    if m.group(3) == ".":
        first = first.rstrip(",") + ("" if first.endswith(("!", "?", "…")) else ".")
    else:
        first = first + ","
    return f"{first} {content[m.end() :]}", speaker


def extract_direct(doc: Doc, people: People) -> tuple[list[RawQuote], list[tuple[int, int]]]:
    """Direct quotes in text order, plus the covered spans (for indirect speech and companies)."""
    found: list[RawQuote] = []
    covered: list[tuple[int, int]] = []
    # Dialogue lines first: a name quoted inside one («Электросила-Калуга») is not a quote.
    for quote in dialogue_lines(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    for start, stop, text, speaker in inline_dash_speech(doc, people, covered):
        found.append(RawQuote(start, stop, clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    for quote in heading_blocks(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    for quote in transcript_lines(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    for start, stop, text, speaker in plain_interview(doc, people, covered):
        found.append(RawQuote(start, stop, clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    for start, stop, text, speaker in name_colon_lines(doc, people, covered):
        found.append(RawQuote(start, stop, clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    spans = find_spans(doc.text)
    listed = _listed_names(doc, spans)
    for span in spans:
        if span.depth != 0 or any(a <= span.open < b for a, b in covered):
            continue
        if span.open in listed:
            continue
        inner_start, inner_stop = span.inner
        if not span.balanced:
            inner_stop = trim_unbalanced(doc, inner_start, inner_stop)
        close = inner_stop + 1 if span.balanced else inner_stop
        after = attribution_after(doc, close)
        if (
            after is not None
            and not re.search(r"[—–-]", doc.text[close : after[0]])
            and len(re.findall(r"\w+", doc.text[inner_start:inner_stop])) < MIN_SPEECH_WORDS
        ):
            # "Продукцию «Кедровой долины», сообщил губернатор, …": a short quoted name before
            # a comma-only attribution is a name, not the words said.
            after = None
        before = None if after else attribution_before(doc, span.open)
        if after is None and before is None:
            after = (
                attribution_next_sentence(doc, close)
                or headline_attribution(doc, close)
                or verbless_headline(doc, people, close)
            )
        content = doc.text[inner_start:inner_stop]
        if not _is_speech(doc, span, content, after is not None or before is not None):
            continue
        text, inner_speaker = _split_interrupted(doc, people, inner_start, inner_stop)
        clause = after or before
        speaker = NOBODY
        if inner_speaker is not None:
            speaker = inner_speaker
        elif clause is not None:
            speaker = resolve(doc, people, clause[0], clause[1], span.open)
        stop = after[1] if after else close
        found.append(
            RawQuote(
                span.open,
                stop,
                clean_quote_text(text),
                speaker,
                is_attributed(doc, clause, speaker) or inner_speaker is not None,
            )
        )
        covered.append((span.open, stop))
        if after is not None and speaker.name and not doc.first_person:
            # "«…», — сказал X." ⏎ "Мы продолжим помогать заводу…": a first-person paragraph
            # right after goes on with the same speech, without marks of its own.
            line_end = doc.text.find("\n", stop)
            if line_end >= 0 and not doc.text[stop:line_end].strip(" .!…"):
                for quote in continued_paragraphs(doc, people, line_end + 1, speaker):
                    found.append(quote)
                    covered.append((quote.start, quote.stop))
    for start, stop, text, speaker in signed_paragraphs(doc, people, covered):
        found.append(RawQuote(start, stop, clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    for start, stop, text, speaker in closed_paragraphs(doc, people, covered):
        found.append(RawQuote(start, stop, clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    for quote in unquoted_speech(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    headline = _repeated_headline_quote(doc, found, covered)
    if headline is not None:
        found.append(headline)
        covered.append((headline.start, headline.stop))
    found.sort(key=lambda q: q.start)
    return carry_speakers(doc, people, _inherit_speakers(doc, people, found)), covered


# A headline that opens with a quotation and a colon: "«Не пустая формальность»: А и Б …".
_HEADLINE_QUOTE_RE = re.compile(r"«([^«»\n]{3,120})»\s*:")


def _repeated_headline_quote(
    doc: Doc, found: list[RawQuote], covered: list[tuple[int, int]]
) -> RawQuote | None:
    """The headline quotes words the body attributes ("Документ, по словам главы, «не пустая
    формальность»"): the headline is its own quote, by the body's speaker."""
    m = _HEADLINE_QUOTE_RE.match(doc.text)
    if not m or any(a <= m.start() < b for a, b in covered):
        return None
    key = _quote_key(m.group(1))
    for quote in found:
        if quote.start > m.end() and quote.speaker.name and _quote_key(quote.text) == key:
            return RawQuote(m.start(), m.end(), clean_quote_text(m.group(1)), quote.speaker, True)
    return None


def _quote_key(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold().replace("ё", "е"))


# "«Тальской лозой», «Кедровой долиной», «Озёр-Вино»": short quotations joined only by commas
# or "и" are a list of names, never speech.
_LIST_JOINER_RE = re.compile(r"\s*(?:,|\s+и)\s*$")
MAX_LISTED_NAME_WORDS = 4


def _listed_names(doc: Doc, spans: Sequence[QuoteSpan]) -> set[int]:
    top = [sp for sp in spans if sp.depth == 0 and sp.balanced]
    out: set[int] = set()
    for a, b in itertools.pairwise(top):
        if not _LIST_JOINER_RE.fullmatch(doc.text[a.close : b.open]):
            continue
        words_a = doc.text[a.open + 1 : a.close - 1].split()
        words_b = doc.text[b.open + 1 : b.close - 1].split()
        if len(words_a) <= MAX_LISTED_NAME_WORDS and len(words_b) <= MAX_LISTED_NAME_WORDS:
            out |= {a.open, b.open}
    return out


def _inherit_speakers(doc: Doc, people: People, quotes: list[RawQuote]) -> list[RawQuote]:
    # A quotation that follows another one closely with no attribution of its own continues the
    # same speaker ("«…», — сказал он. «…»"), unless someone else is named in between: by a
    # full name, or by a surname alone ("Ранцев отметил, что …" between two quotations).
    out: list[RawQuote] = []
    for q in quotes:
        if not q.attributed and out and out[-1].speaker.name:
            prev = out[-1]
            gap = doc.text[prev.stop : q.start]
            other = any(
                prev.stop <= s and e <= q.start and people.entities[i].name != prev.speaker.name
                for s, e, i in people.mentions
            )
            if (
                len(gap) <= MAX_CONTINUATION_GAP
                and not other
                and not re.search(r"[А-ЯЁ]\w+\s+[А-ЯЁ]\w+", gap)
            ):
                q = RawQuote(q.start, q.stop, q.text, prev.speaker, False)
        out.append(q)
    return out


def continue_indirect_speakers(
    doc: Doc, direct: list[RawQuote], indirect: list[RawQuote]
) -> list[RawQuote]:
    """ "Алан Гобеев рассказал, что …  «Мы упёрлись в номерной фонд…»": an unattributed
    quotation right after someone's reported speech continues the same speaker, under the same
    conditions as after a direct quotation (close by, nobody else named in between); one
    inside the reported speech is that speaker's too, and one with nothing before it takes the
    speaker of the reported speech in the very next sentence."""
    out: list[RawQuote] = []
    for q in direct:
        if q.attributed or q.speaker.name is not None:
            out.append(q)
            continue
        holder = next((p for p in indirect if p.start <= q.start < p.stop), None)
        # "Он отметил, что церемония «не только формальность, но и символ»": a quoted fragment
        # inside reported speech is the reporter's speaker's own words.
        speaker = (
            holder.speaker if holder is not None else _reported_before(doc, q, direct, indirect)
        )
        # "«Не удаётся вылечиться на ногах». Губернатор X сообщил, что уходит на больничный.":
        # the next sentence reports the same person's speech.
        speaker = speaker or _reported_next(doc, q, indirect)
        out.append(RawQuote(q.start, q.stop, q.text, speaker, False) if speaker else q)
    return out


def _reported_before(
    doc: Doc, q: RawQuote, direct: list[RawQuote], indirect: list[RawQuote]
) -> Speaker | None:
    before = [p for p in (*direct, *indirect) if p.stop <= q.start]
    prev = max(before, key=lambda p: p.stop, default=None)
    if prev is None or prev not in indirect or not prev.speaker.name:
        return None
    gap = doc.text[prev.stop : q.start]
    if len(gap) <= MAX_CONTINUATION_GAP and not re.search(r"[А-ЯЁ]\w+\s+[А-ЯЁ]\w+", gap):
        return prev.speaker
    return None


# The text between an unattributed quotation and the reported speech of the sentence right after
# it: the quotation's own full stop, then the next sentence's subject and verb ("Губернатор
# Озёрской области X сообщил, что").
_NEXT_REPORT_GAP_RE = re.compile(r"[.!?…]?\s+(?:[А-ЯЁ][^.!?…«»\n]{0,100})?")


def _reported_next(doc: Doc, quote: RawQuote, indirect: list[RawQuote]) -> Speaker | None:
    nxt = min((p for p in indirect if p.start >= quote.stop), key=lambda p: p.start, default=None)
    if nxt is None or nxt.speaker.name is None:
        return None
    return nxt.speaker if _NEXT_REPORT_GAP_RE.fullmatch(doc.text, quote.stop, nxt.start) else None
