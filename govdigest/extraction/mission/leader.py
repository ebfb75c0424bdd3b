"""Who leads the mission: leader cues ("во главе с", "возглавил"), the trip's subject, the
headline's traveller, senders and companions, the host and the guest."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import is_past_singular, verb_lemma
from govdigest.extraction.mission.agreements import AGREEMENT_VERBS
from govdigest.extraction.mission.author import channel_role, visitor_to_author
from govdigest.extraction.mission.cue_sides import (
    MAX_CUE_GAP,
    directed_infinitive,
    federal_head_beside_governor,
    federal_or_national,
    has_outside_role,
    inside_other_delegation,
    regional_head_beside,
)
from govdigest.extraction.mission.federal_side import is_federal, member_governor, national_head
from govdigest.extraction.mission.forum_head import forum_reporting_head
from govdigest.extraction.mission.home_forum import home_forum_heads, hosts_home_forum
from govdigest.extraction.mission.home_trip import home_traveller
from govdigest.extraction.mission.host_side import (
    belongs_to_delegation_home,
    delegation_home_official,
    event_meeting_subject,
    nominative_at,
    outside_named_delegation,
    plural_visit_guest,
)
from govdigest.extraction.mission.in_person import guest_serving_spans, inside
from govdigest.extraction.mission.leader_checks import cue_role, role_only_mention
from govdigest.extraction.mission.leader_sides import (
    LEADER_ROLE_RANK,
    attended_only,
    met_delegation_subject,
    plural_signer,
    unnamed_guest_delegation,
)
from govdigest.extraction.mission.not_leaders import (
    did_not_go,
    hosts_visit,
    met_federal_officials,
    receiving_heads,
    region_show_visitors,
)
from govdigest.extraction.mission.recalled import recalls_earlier_trip
from govdigest.extraction.mission.received import (
    guest_met_at_home,
    guest_of_joined_meeting,
    other_national_delegation,
    received_head,
)
from govdigest.extraction.mission.role_subject import (
    heads_a_company,
    is_companion,
    own_channel_reporter,
    pronoun_subject,
    region_heading_head,
    relative_traveller,
    reporting_official,
    role_word_subject,
    staying_traveller,
)
from govdigest.extraction.mission.stand_in import stand_in_official
from govdigest.extraction.mission.trip_objects import (
    companion_subject,
    federal_delegation_heads,
    named_head,
    not_inverted_subject,
    participates,
)
from govdigest.extraction.mission.visits import (
    GuestVisit,
    first_delegation_member,
    visit_phrase_visitor,
)
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import lines, word_set

# The host meets a guest delegation: "встреча губернатора … с делегацией …", "принял делегацию",
# "Делегацию принял губернатор …".
HOST_RE = re.compile(
    r"\bвстре[чт]\w*\s+(?:\w+\s+){0,4}с\s+(?:\w+\s+){0,2}делегаци(?:ей|ями)"
    r"|\bсовещани\w*\s+(?:\w+\s+){0,2}с\s+делегацией"
    r"|\bпереговор\w*\s+между\s+[^.!?\n]{1,120}?\s+и\s+(?:\w+\s+){0,2}делегаци(?:ей|ями)"
    r"|\b(?:принял|принимали|принимаем|встретил|встречали)\w*\s+(?!участи)"
    r"(?:\w+\s+){0,3}делегаци[юи]|\bделегаци[юи]\s+(?:\w+\s+){0,2}"
    r"(?:принял|принимал|встретил|встречал)[аи]?\b(?!\s+участи)",
    re.IGNORECASE,
)

ALLOW_RANKED_FALLBACK = True


# "По поручению губернатора …", "по распоряжению Главы …", "по приглашению …": the person named
# right after sent or invited the delegation; they do not travel with it.
_SENDER_RE = re.compile(
    r"\bпо\s+(?:личному\s+)?(?:поручению|распоряжению|указанию|приглашению)\s+"
    r"|\bприглашени[еяюи]\s+от\s+",  # "делегация получила приглашение от председателя …"
    re.IGNORECASE,
)
MAX_SENDER_GAP = 60
# A federal delegation ("Делегацию Российской Федерации возглавил …", "в составе российской
# делегации", "делегация Совета Федерации"; bodies in data/federal_delegations.txt): its head
# is not the head of the regional delegation the post is about.
_FEDERAL_DELEGATION_RE = re.compile(
    r"делегаци\w*\s+(?:"
    + "|".join(r"\s+".join(map(re.escape, body.split())) for body in lines("federal_delegations"))
    + r")\b|российск\w*\s+(?:\w+\s+)?делегаци",
    re.IGNORECASE,
)
# "делегация …, в которую, помимо президента республики X, вошли …": the one named after
# "помимо" in a delegation's composition heads it.
_MEMBERS_RE = re.compile(r"\b(?:вошл[иа]|входил[иа]?|входят|в\s+составе?)\b", re.IGNORECASE)


def sender_indices(doc: Doc, people: People) -> frozenset[int]:
    """People named as the ones who sent or invited the delegation, not its members."""
    out: set[int] = set()
    for m in _SENDER_RE.finditer(doc.text):
        nxt = [p for p in people.mentions if m.end() <= p[0] <= m.end() + MAX_SENDER_GAP]
        if nxt and not re.search(r"[.!?\n]", doc.text[m.end() : nxt[0][0]]):
            # "по поручению главы региона получил вице-губернатор X": a verb between, so the
            # order's giver is the role alone and X is the one who acted
            between = doc.words_in(m.end(), nxt[0][0])
            if not any(is_past_singular(doc, w.text) for w in between):
                out.add(nxt[0][2])
    return frozenset(out)


# Active participles of "возглавлять" after "<Name>,": that name heads the delegation.
_PARTICIPLE_CUES = frozenset(
    {
        "возглавляющий",
        "возглавляющая",
        "возглавлявший",
        "возглавлявшая",
        "возглавивший",
        "возглавившая",
    }
)


def leader_by_cue(
    doc: Doc, people: People, senders: frozenset[int] = frozenset()
) -> tuple[PersonEntity, int] | None:
    """The person a leader cue names: "во главе с …", "Возглавлял её …", "X возглавил делегацию".

    A finite cue verb right after a name takes that name as its subject; otherwise the first
    person after the cue leads. Cues about a federal delegation are skipped.
    """
    cues = [tuple(c.split()) for c in lines("leader_cues")]
    for cue in cues:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in cue) + r"\b"
        for m in re.finditer(pattern, doc.text, re.IGNORECASE):
            if heads_a_company(doc, m.start()):
                continue  # "группы компаний, которую возглавляет предприниматель X"
            sent = doc.sentence_at(m.start())
            received = received_head(doc, people, sent.start, m, senders) if sent else None
            if received is not None:
                return received, m.end()  # "Аким X принял делегацию России во главе с послом Y"
            if sent is not None and _FEDERAL_DELEGATION_RE.search(
                doc.text[sent.start : sent.stop]
            ):
                continue
            other = (
                other_national_delegation(
                    doc, people, sent.start, sent.stop, _FEDERAL_DELEGATION_RE
                )
                if sent is not None
                else None
            )
            if other is not None:
                # "Делегацию Тавании под руководством вице-премьера W …" after Russia's, which
                # has governor X among its members: X leads the region's mission.
                return other, m.end()
            if sent is not None and inside_other_delegation(doc, people, sent.start, m):
                continue
            met_by = met_delegation_subject(doc, people, m.start(), sent) if sent else None
            if met_by is not None:
                # "На полях форума губернатор X встретился с делегацией … во главе с Y": Y heads
                # the delegation met; X is the one at the forum.
                return people.entities[met_by], m.end()
            members = (
                _MEMBERS_RE.search(doc.text, m.end(), sent.stop) if sent is not None else None
            )
            if cue == ("помимо",) and not (
                members and any(m.end() <= p[0] < members.start() for p in people.mentions)
            ):
                # "помимо" names the head only in a delegation's composition, by name before
                # the verb ("помимо главы региона вошли X": X is a member, not the head)
                continue
            prev = [p for p in people.mentions if p[1] <= m.start()]
            if (
                cue[0] in _PARTICIPLE_CUES
                and prev
                and doc.text[prev[-1][1] : m.start()].strip() == ","
                and prev[-1][2] not in senders
                and not is_federal(people.entities[prev[-1][2]])
            ):
                # "Ван Ли, возглавляющий официальную делегацию, отметил …": the one the
                # participle follows leads.
                return people.entities[prev[-1][2]], m.end()
            if (
                len(cue) == 1
                and prev
                and not doc.text[prev[-1][1] : m.start()].strip()
                and (
                    is_past_singular(doc, m.group()) or directed_infinitive(doc, people, prev[-1])
                )
                and prev[-1][2] not in senders
            ):
                # "X возглавил делегацию"; "Губернатор поручил вице-губернатору X возглавить
                # делегацию": the one charged with it leads, not the one who charged him.
                return people.entities[prev[-1][2]], m.end()
            pronoun = pronoun_subject(doc, people, m.start(), senders) if len(cue) == 1 else None
            if pronoun is not None:
                return pronoun, m.end()  # "…, он возглавляет официальную делегацию"
            nxt = [
                p
                for p in people.mentions
                if m.end() <= p[0] <= m.end() + MAX_CUE_GAP and p[2] not in senders
            ]
            member = member_governor(doc, people, nxt[0][2]) if nxt else None
            if member is not None and national_head(people.entities[nxt[0][2]]):
                return member, m.end()  # "во главе с вице-премьером …, в её составе губернатор X"
            if nxt and federal_head_beside_governor(people, nxt[0][2]):
                # "Делегацию возглавляет полпред Президента …, — рассказал губернатор X": the
                # governor inside the delegation the federal official heads leads the region's.
                governors = [e for e in people.entities if e.role_class == "governor"]
                if len(governors) == 1:
                    return governors[0], m.end()
                continue
            if nxt and not (
                federal_or_national(people.entities[nxt[0][2]])
                and _FEDERAL_DELEGATION_RE.search(doc.text)
            ):
                # "Делегацию возглавлял первый вице-премьер правительства РФ" in a post about a
                # governor inside the federal delegation: the federal head does not lead it.
                return people.entities[nxt[0][2]], m.end()
    return None


def find_leader(
    doc: Doc,
    people: People,
    first_person: bool,
    guest: GuestVisit | None = None,
    headline: PersonEntity | None = None,
) -> tuple[str | None, str | None]:
    senders = (
        sender_indices(doc, people) | did_not_go(doc, people) | region_show_visitors(doc, people)
    )
    found = leader_by_cue(doc, people, senders)
    relative = named_head(doc, people, senders, _FEDERAL_DELEGATION_RE) if not found else None
    if relative is not None:
        # "… с директором ассоциации X, находящимся в поездке во главе делегации": X leads.
        return relative.name, relative.role
    if found is not None:
        cue, cue_end = found
        return cue.name, cue.role or cue_role(doc, cue_end)
    own = delegation_home_official(doc, people) if guest is not None else None
    if guest is not None and own is not None and not belongs_to_delegation_home(doc, guest.guest):
        # "Делегация Ольховской области прибыла в Минск. Губернатор Ольховской области X
        # встретился с председателем облисполкома Y": the delegation's own official travels;
        # the one met there hosts and is no guest.
        guest = None
    if guest is not None and _FEDERAL_DELEGATION_RE.search(doc.text):
        index = people.find(guest.guest.name)
        member = member_governor(doc, people, index) if index is not None else None
        if member is not None and member.name != guest.guest.name and not is_federal(member):
            # "Делегация Совета Федерации посетила Тавию. В её число вошёл губернатор X …
            # встретились с председателем провинции Y": the governor inside it leads, Y hosts.
            return member.name, member.role
    if guest is not None and guest.guest.role_class == "ambassador":
        regional = regional_head_beside(doc, people, guest)
        if regional is not None:
            # "Край посетили посол Тавии Y, а также председатель Ланьского облисполкома Z": the
            # regional head leads the guests; the ambassador accompanies them.
            return regional.name, regional.role
    if guest is not None:
        at_event = event_meeting_subject(doc, people, guest.sent_start, guest.sent_stop)
        if at_event is not None and at_event is not guest.guest:
            # "На полях ПМЭФ губернатор X встретился с послом Y": X is away at the event; the
            # one he meets there is no guest of his region.
            return at_event.name, at_event.role
        # A visit into the region: the guest leads, never the host author.
        return guest.guest.name, guest.guest.role
    if HOST_RE.search(doc.text):
        # The host meets a guest delegation whose head is not named: the host does not lead it;
        # the first member of a listed delegation ("В состав делегации вошли …") does.
        member = first_delegation_member(doc, people)
        if member is not None:
            return member.name, member.role
        # "на встрече с делегацией провинции … переговоры с вице-губернатором провинции X":
        # the first person with an outside role is the guests' head.
        outside = [e for e in people.entities if e.name != doc.author and has_outside_role(doc, e)]
        if outside and outside[0].role_class != "ambassador":
            return outside[0].name, outside[0].role
        return None, None
    if unnamed_guest_delegation(doc, people):
        return None, None  # "о визите делегации Гродненской области": its head is not named
    if headline is not None and not (first_person and headline.name == doc.author):
        return headline.name, headline.role
    if first_person and doc.author:
        visitor = visitor_to_author(doc, people) or visit_phrase_visitor(doc, people)
        if visitor is not None and visitor.name != doc.author:
            # The author hosts: "Сегодня у нас с визитом глава соседнего региона …".
            return visitor.name, visitor.role
        entity_index = people.find(doc.author)
        role = people.entities[entity_index].role if entity_index is not None else None
        return doc.author, role or channel_role(doc) or doc.card_role
    subject = (
        relative_traveller(doc, people)  # "…, который находится в Минске с визитом"
        or staying_traveller(doc, people)  # "X находится в Кедровской области с визитом"
        or _trip_subject(doc, people, senders)
        or home_traveller(doc, people)
        or plural_visit_guest(doc, people)  # "X и Y посетили завод в Кедровске"
        or role_word_subject(doc, people)
        or own_channel_reporter(doc, people)  # "Об этом губернатор X сообщил в своём канале"
        or reporting_official(doc, people)  # "Об этом сообщил губернатор региона X"
        or region_heading_head(doc, people)  # "Кедровская область (губернатор X)"
        or forum_reporting_head(doc, people)  # "…, рассказал губернатор X" at a forum
        or stand_in_official(doc, people, senders)  # "вице-губернатор X по поручению …"
    )
    visitor = (
        guest_met_at_home(doc, people, subject) or guest_of_joined_meeting(doc, people, subject)
        if subject is not None
        else None
    )
    if visitor is not None:
        subject = visitor  # "X встретился с губернатором Y … в Туле" (X's own region)
    elif subject is not None and hosts_home_forum(doc, people, subject):
        return None, None  # "Форум проходит в нашем регионе. Глава региона X принял участие"
    signer = plural_signer(doc, people, senders)
    if subject is None or (signer is not None and attended_only(doc, people, subject)):
        # "Чесноков принял участие в церемонии …, документ подписали …": the signer leads.
        subject = signer
    if subject is not None:
        return subject.name, subject.role or role_only_mention(doc, people)
    if doc.author and not people.entities:
        # "Рабочая поездка в Кунгурский округ. Сегодня в Кунгурском округе." — nobody else.
        return doc.author, None
    outbound = guest is None and not HOST_RE.search(doc.text)
    senders |= federal_delegation_heads(doc, people, _FEDERAL_DELEGATION_RE)
    senders |= met_federal_officials(doc, people) if outbound else frozenset()
    if home_forum_heads(doc, people):
        return None, None  # "Ольховский форум … в Ольховске": the region hosts, nobody leads
    ranked = sorted(
        (
            e
            for i, e in enumerate(people.entities)
            if e.role_class in LEADER_ROLE_RANK
            and i not in senders
            and not (outbound and has_outside_role(doc, e))
            and not outside_named_delegation(doc, people, i)
            and participates(doc, people, i)
            and not hosts_visit(doc, people, i)
        ),
        key=lambda e: LEADER_ROLE_RANK.index(e.role_class or ""),
    )
    if ranked and ALLOW_RANKED_FALLBACK:
        return ranked[0].name, ranked[0].role
    return None, None


def _trip_subject(
    doc: Doc, people: People, senders: frozenset[int] = frozenset()
) -> PersonEntity | None:
    """The person doing the first trip verb.

    "Кречетов прибыл в Томск" (subject before), "принял участие губернатор …" (inversion).
    A person who only sent the delegation ("по поручению губернатора …") is never its subject.
    """
    verbs = word_set("trip_verbs")
    movement = word_set("author_trip_verbs")
    for sent in doc.sentences:
        if recalls_earlier_trip(doc.text[sent.start : sent.stop]):
            continue
        serving = guest_serving_spans(doc, sent.start, sent.stop)  # "провёл экскурсию для гостей"
        hosts = senders | {m[2] for m in people.mentions if inside(serving, m[0])}
        for w in doc.words_in(sent.start, sent.stop):
            if inside(serving, w.start):
                continue
            lemma = doc.morph.lemma(w.text.lower())
            if lemma not in verbs:
                lemma = verb_lemma(doc, w.text) or lemma  # "прибыли" is not "прибыль" here
            if lemma not in verbs:
                continue
            if not is_past_singular(doc, w.text):
                companion = companion_subject(doc, people, sent.start, w, senders)
                if companion is not None:
                    return companion
                continue
            # "Президент России провёл в Кремле встречу с главой республики": a federal
            # official who receives or meets without moving does not lead the regional trip.
            skip = set(hosts)
            if lemma not in movement:
                skip |= {
                    m[2]
                    for m in people.mentions
                    if sent.start <= m[0] < sent.stop and is_federal(people.entities[m[2]])
                }
                skip |= receiving_heads(doc, people, sent.start, sent.stop, w)
            before = [
                m
                for m in people.mentions
                if sent.start <= m[0]
                and m[1] <= w.start
                and m[2] not in skip
                and not is_companion(doc, m[0])
            ]
            # "Президент … провёл в Кремле встречу с главой …": with the federal host skipped,
            # the one received is the traveller; otherwise an inverted subject is nominative.
            hosted_by_federal = bool(skip - hosts) and lemma not in AGREEMENT_VERBS
            after = [
                m
                for m in people.mentions
                if w.stop <= m[0]
                and m[1] <= sent.stop
                and m[2] not in skip
                and (
                    hosted_by_federal
                    or (nominative_at(doc, m[0]) and not not_inverted_subject(doc, w.stop, m[0]))
                )
            ]
            if before:
                return people.entities[before[-1][2]]
            if after:
                return people.entities[after[0][2]]
    return None
