"""A noun phrase as a speaker: which person, group, organisation, document or unnamed role a parsed mention names.

``speaker_from_token`` takes the token heading a source phrase (a cue's subject, a tagged source, the object of
"according to") and returns a ``names.Speaker``, or None where the phrase names nobody: a person (a full
name, ``Mr. X``, a surname, a pronoun, ``the senator``; a surname the parser took for an organisation), a
party group (its name without quantifiers: ``group_name``), an organisation, a document or poll, or an
unnamed role. Common nouns must be able to speak (``_can_be_a_source``: coreferee's person lexicon and
``data/source_nouns.csv``); an abstract noun gives its owner or nobody. The people and the coreference live in
``names.Context``.
"""

from __future__ import annotations

import re

from analysis.attribution import party, tables
from analysis.attribution.names import _LEADING_JUNK, AUTHOR, Context, Speaker, _person_name
from analysis.records import Paragraph

_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
_DETERMINERS = {"the", "a", "an", "some", "this", "that", "these", "those"}
_US = re.compile(r"\bU\.S\.(?=\s|$)")
_MEDIUM_PREPS = {"at", "on", "in", "to", "via", "through", "during", "from"}
_RELATIVE_WORDS = {"who", "whom", "which", "that"}


def _hyphenated_surname(doc, head) -> tuple[str, int] | None:
    """("Ocasio-Cortez", its offset in the paragraph) when ``head`` ends a capitalised hyphenated name."""
    i = head.i
    if i < 2 or not head.text[:1].isupper():
        return None
    hyphen, first = doc[i - 1], doc[i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.text[:1].isupper():
        return None
    if not first.text.isalpha():
        return None
    return f"{first.text}-{head.text}", first.idx


_CLAUSES = {"acl", "relcl", "advcl", "ccomp", "xcomp", "csubj"}
"""Dependents that open a clause: never part of a speaker's noun phrase, at any depth ("the chorus of
detractors calling for him to drop out")."""
_NOT_BEFORE_A_NOUN = {"punct", "cc", "nsubj", "nsubjpass", "mark", "aux", "neg"} | _CLAUSES
"""A noun's left dependents that a misparse puts there: a subject ("Criticism within party drives
candidate"), a clause's "that"."""
_NOT_AFTER_A_NOUN = {
    "appos",
    "punct",
    "advmod",
    "cc",
    "conj",
    "npadvmod",
    "dobj",
    "dative",
    "oprd",
} | _CLAUSES
"""A noun's right dependents outside its phrase; an object only when the parser read a sentence as a noun
phrase ("Trump defended eminent domain", with "Trump" as its root)."""
_SPACED_DASHES = {"-", "–", "—", "--"}


def _phrase_subtree(token) -> list:
    """``token``'s subtree without the clauses it holds."""
    out = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSES:
            out.extend(_phrase_subtree(child))
    return out


def mention_tokens(doc, head):
    """The noun phrase of ``head`` without appositions, clauses, objects and medium phrases."""
    keep = [head]
    nominal = head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
    not_before = _NOT_BEFORE_A_NOUN if nominal else {"punct", "cc"}
    not_after = _NOT_AFTER_A_NOUN if nominal else _NOT_AFTER_A_NOUN - {"dobj", "dative", "oprd"}
    for child in head.children:
        if child.i < head.i:
            # "front-runner", "self-described": the hyphen belongs to the word
            if child.dep_ in not_before and child.text not in {"'s", "’s"} and child.tag_ != "HYPH":
                continue
            keep.extend(_phrase_subtree(child))
        else:
            if child.dep_ in not_after:
                continue
            if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS:
                continue
            keep.extend(_phrase_subtree(child))
    keep.sort(key=lambda t: t.i)
    # Make it contiguous around the head.
    indices = {t.i for t in keep}
    # A dash with a space before it ends a phrase ("are closer - 57 percent see Trump negatively").
    spaced_dash = {i for i in indices if doc[i].text in _SPACED_DASHES and i and doc[i - 1].whitespace_}
    indices -= spaced_dash
    first = head.i
    while first - 1 in indices:
        first -= 1
    last = head.i
    while last + 1 in indices:
        last += 1
    tokens = [doc[i] for i in range(first, last + 1)]
    while tokens and (
        tokens[0].lower_ in _LEADING_JUNK
        or tokens[0].is_punct
        or tokens[0].is_space
        or (tokens[0].pos_ in {"VERB", "AUX"} and tokens[0].i != head.i)
    ):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in {"."}:
        tokens.pop()
    # Never run into a "(D-MA)" tag.
    for k, t in enumerate(tokens):
        if t.text == "(":
            tokens = tokens[:k]
            break
    return tokens


def speaker_from_token(ctx: Context, para: Paragraph, doc, head) -> Speaker | None:
    """The speaker named by the noun phrase of ``head``; its mention is the whole phrase (titles included)."""
    speaker = _speaker_from_phrase(ctx, para, doc, head)
    if speaker is None or speaker.resolution == "pronoun":
        return speaker
    tokens = mention_tokens(doc, head)
    if tokens:
        start = para.start + tokens[0].idx
        end = para.start + tokens[-1].idx + len(tokens[-1].text)
        if start <= speaker.start and speaker.end <= end and "," not in ctx.text[start:end]:
            speaker.start, speaker.end = start, end
    return speaker


def _author(ctx: Context, para: Paragraph, start: int, end: int) -> Speaker | None:
    """The writer, for "I" or "we" in the article's own words (an op-ed's "I believe", a reporter's "we
    learned"); nobody inside quoted words, or after a colon that names who talks (a transcript's "TAPPER:",
    a headline's "Rubio: I Still Believe")."""
    if ctx.inside_quote(start) or ":" in ctx.text[para.start : start]:
        return None
    return Speaker(AUTHOR, "unnamed", start, end, resolution="author")


def _speaker_from_phrase(ctx: Context, para: Paragraph, doc, head) -> Speaker | None:
    dash = _dateline_dash(doc, head)
    if dash is not None:  # "ORLANDO — Officials said ...": the officials speak, not the place
        apposition = [c for c in head.children if c.dep_ == "appos" and c.i > dash]
        return _speaker_from_phrase(ctx, para, doc, apposition[0]) if apposition else None
    tokens = mention_tokens(doc, head)
    if not tokens:
        return None
    offset = para.start
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    mention = " ".join(ctx.text[start:end].split())
    lowered = mention.lower()
    if len(tokens) == 1 and lowered == "it" and head.dep_ in {"nsubj", "nsubjpass"}:
        # "It also said ...": the company or document just before, else the expletive "it is said"
        thing = ctx.resolve_it(para.index, start)
        if thing is None:
            return None
        return Speaker(thing.name, thing.type, start, end, thing.party, thing.party_source, "pronoun")
    non_speakers = tables.non_speakers()
    if lowered in non_speakers or lowered.removeprefix("the ") in non_speakers:
        return None
    if head.ent_type_ == "DATE" or head.ent_type_ == "TIME":
        return None
    # Pronouns.
    pronouns = tables.pronouns()
    if len(tokens) == 1 and lowered in pronouns:
        if lowered in {"i", "we"}:
            return _author(ctx, para, start, end)
        resolved = ctx.resolve_pronoun(para.index, start, lowered)
        if resolved is None:
            return None
        return Speaker(
            resolved.name, resolved.type, start, end, resolved.party, resolved.party_source, "pronoun"
        )
    # A named person.
    person_ents = [e for e in doc.ents if e.label_ == "PERSON" and e.start <= head.i < e.end]
    if not person_ents:
        person_ents = [
            e
            for e in doc.ents
            if e.label_ == "PERSON" and tokens[0].i <= e.start and e.end <= tokens[-1].i + 1
        ]
    if person_ents:
        ent = person_ents[-1]
        name, (s, e) = _person_name(ent)
        if name:
            person = person_speaker(ctx, name, offset + s, offset + e)
            if head.pos_ == "NOUN" and ent.end <= head.i:
                named = _named_in_apposition(ctx, doc, head, offset)  # "Clinton's manager, Robby Mook,"
                if named is not None:
                    return named
                acting = _acting_for(person, head, mention, start, end)
                if acting is not None:
                    return acting
            return person
    # Party groups.
    group_text = re.sub(r"^(the|some|many|several|other|top|leading|fellow)\s+", "", lowered)
    if group_text in tables.group_words():
        group_party, kind = tables.group_words()[group_text]
        return Speaker(
            group_name(mention),
            kind,
            start + (4 if lowered.startswith("the ") else 0),
            end,
            party.normalise_party(group_party) or group_party,
            "group_word",
        )
    # "the senator", "the Texas governor", "the House speaker": an earlier person with that office;
    # "the president" with no earlier president named: the US president in office on the article date.
    if (
        2 <= len(tokens) <= 4
        and tokens[0].lower_ == "the"
        and head.lower_ in tables.titles()
        and head.i == tokens[-1].i
    ):
        qualifier = " ".join(t.text for t in tokens[1:-1])
        person = ctx.person_by_title(head.lower_, start, state=tables.state_named(qualifier))
        if person:
            speaker = person_speaker(ctx, person.name, start, end)
            speaker.resolution = "title"
            return speaker
        if len(tokens) == 2 and head.lower_ == "president" and ctx.article_date is not None:
            sitting = party.office_holder(office="prez", when=ctx.article_date)
            if sitting:
                found_party, source = party.resolve_party(name=sitting, article_date=ctx.article_date)
                return Speaker(sitting, "person", start, end, found_party, source, "title")
    # "Mr. Fox wrote": a courtesy title makes it a person even when NER says otherwise.
    if tokens[0].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "miss"} and head.pos_ == "PROPN":
        name_tokens = [t for t in tokens[1:] if t.pos_ == "PROPN"]
        if name_tokens:
            name = " ".join(t.text for t in name_tokens)
            s0, e0 = offset + name_tokens[0].idx, offset + name_tokens[-1].idx + len(name_tokens[-1].text)
            speaker = person_speaker(ctx, name, s0, e0)
            return speaker
    # "Representative Hakeem Jeffries of New York called it": an office title before a given name and a surname
    # makes a person even when NER says organisation.
    titled = _name_after_office_title(tokens, head)
    if titled:
        s0, e0 = offset + titled[0].idx, offset + titled[-1].idx + len(titled[-1].text)
        known = ctx.person_by_single_name(titled[-1].text, s0)
        same = known is not None and known.first == titled[0].lower_  # "Vladimir V. Putin" is Vladimir Putin
        return person_speaker(ctx, known.name if same else " ".join(t.text for t in titled), s0, e0)
    # A single proper name: surname of an earlier person.
    propns = [t for t in tokens if _name_like(t)]
    name_tokens = [t for t in tokens if not (t.is_punct or t.tag_ == "POS" or t.lower_ in _RELATIVE_WORDS)]
    single = len(name_tokens) == 1 and name_tokens[0].i == head.i and _surname_shaped(head.text)
    surname, h_start = head.text, offset + head.idx
    compound = (
        _hyphenated_surname(doc, head)
        if [t.i for t in tokens] in ([head.i], [head.i - 2, head.i - 1, head.i])
        else None
    )
    if compound is not None:  # "Ocasio-Cortez": spaCy splits it, and "Cortez" alone names nobody
        surname, h_start, start = compound[0], offset + compound[1], offset + compound[1]
        single = _surname_shaped(head.text)
    if single and surname.lower() in {p.last for p in ctx.people}:
        # A surname of someone the article names in full wins over the tagger's ORG/GPE guess.
        person = ctx.person_by_single_name(surname, start)
        if person:
            speaker = person_speaker(ctx, person.name, start, end)
            speaker.resolution = "surname"
            return speaker
    if single and head.ent_type_ == "ORG" and tokens[0].lower_ != "the":
        # NER often calls a lone surname an organisation ("Christie's been making the case"); one office
        # holder with that surname on the date is the person ("the Post", with its article, stays a paper).
        display = party.identify(name=surname, article_date=ctx.article_date)
        if display:
            speaker = person_speaker(ctx, display, h_start, offset + head.idx + len(head.text))
            speaker.resolution = "surname"
            return speaker
    if (single or (len(propns) == 1 and _name_like(head))) and head.ent_type_ not in _ORG_LABELS - {"NORP"}:
        person = ctx.person_by_single_name(surname, start)
        h_end = offset + head.idx + len(head.text)
        if person:
            speaker = person_speaker(ctx, person.name, h_start, h_end)
            speaker.resolution = "surname"
            return speaker
        # Not named in full in the article: the one office holder with that surname on the date.
        display = party.identify(name=surname, article_date=ctx.article_date)
        if display:
            speaker = person_speaker(ctx, display, h_start, h_end)
            speaker.resolution = "surname"
            return speaker
    if tables.is_title_word(head.lower_):
        # A role with the name in apposition ("the host, Steve Doocy"): the person.
        named = _named_in_apposition(ctx, doc, head, offset)
        if named is not None:
            return named
        # A role with no name ("the Pentagon's Chief Inspector General"): kept as the text calls it.
        if not any(e.start <= head.i < e.end for e in doc.ents if e.label_ in _ORG_LABELS):
            return Speaker(mention, "unnamed", start, end)
    # Organisations (with document nouns stripped) and named things.
    org_ents = [
        e
        for e in doc.ents
        if e.label_ in _ORG_LABELS and tokens[0].i <= e.start and e.end <= tokens[-1].i + 1
    ]
    documents = tables.document_nouns()
    if head.lemma_.lower() in documents or head.lower_ in documents:
        if org_ents:
            ent = org_ents[0]
            return _org_speaker(ctx, doc, offset, ent.start, ent.end)
        names = [t for t in tokens if t.pos_ == "PROPN" and t.ent_type_ not in {"DATE", "TIME"}]
        if names:
            return _org_speaker(ctx, doc, offset, names[0].i, names[-1].i + 1)
        return _document_author(ctx, para, doc, head)
    if head.pos_ == "PROPN" or (org_ents and any(e.start <= head.i < e.end for e in org_ents)):
        first = tokens[0].i
        if tokens[0].lower_ == "the":
            first += 1
        if first > head.i:
            return None
        kind = "organisation"
        if head.ent_type_ == "NORP" and head.tag_ == "NNP" and tokens[0].lower_ in {"a", "an", "one"}:
            # "one kind-hearted Canadian"; "A Republican" is a member of a party, unnamed.
            member_of = party.normalise_party(head.text)
            return Speaker(mention, "unnamed", start, end, member_of, "title" if member_of else None)
        if head.tag_ in {"NNPS", "NNS"} and head.ent_type_ == "NORP":
            kind = "group"
        elif head.ent_type_ not in _ORG_LABELS and _looks_like_person(tokens):
            name = " ".join(t.text for t in tokens if t.pos_ == "PROPN")
            return person_speaker(
                ctx, name, offset + propns[0].idx, offset + propns[-1].idx + len(propns[-1].text)
            )
        missed = _person_the_parser_missed(ctx, tokens, head, offset)
        if missed is not None:
            return missed
        speaker = _org_speaker(ctx, doc, offset, first, tokens[-1].i + 1)
        if speaker is None or speaker.name.islower():
            return None  # "rampant xenophobe": a parser's proper noun that names nothing
        speaker.type = kind
        return speaker
    if head.pos_ in {"NOUN"}:
        if not _can_be_a_source(head):
            # "the pressure", "the outcome": nobody speaks; "Trump's caustic rhetoric", "Her economic plan":
            # the owner does.
            owners = [c for c in head.children if c.dep_ == "poss"]
            return _speaker_from_phrase(ctx, para, doc, owners[0]) if owners else None
        plural = head.tag_ == "NNS"
        if plural:
            first = 1 if tokens[0].lower_ == "the" else 0
            s = offset + tokens[first].idx
            name = ctx.text[s:end]
            if not name:
                return None
            # "U.S. officials" and "US officials" are one actor in the charts, and so are "many Democrats"
            # and "Democrats".
            return Speaker(_US.sub("US", group_name(name)), "group", s, end)
        return Speaker(mention, "unnamed", start, end)
    return None


def _named_in_apposition(ctx: Context, doc, head, offset: int) -> Speaker | None:
    """The person a role names beside it: "the host, Steve Doocy"; also where the parser hangs the name on the
    role's object ("A spokesman for Facebook, Andy Stone,") and the entity tagger calls it part of an ORG (a
    given name from ``given_names.csv`` and a surname then make the person)."""
    for child in _appositions(head):
        named = [e for e in doc.ents if e.label_ == "PERSON" and e.start <= child.i < e.end]
        if named:
            name, (s, e) = _person_name(named[0])
            if name:
                return person_speaker(ctx, name, offset + s, offset + e)
        parts = [t for t in child.children if t.dep_ == "compound" and t.i < child.i] + [child]
        if (
            2 <= len(parts) <= 3
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in parts)
            and parts[-1].i - parts[0].i == len(parts) - 1
            and parts[0].lower_ in tables.given_name_genders()
        ):
            return person_speaker(
                ctx,
                " ".join(t.text for t in parts),
                offset + parts[0].idx,
                offset + child.idx + len(child.text),
            )
    return None


_ROLE_PREPOSITIONS = {"for", "of", "to", "at", "with"}


def _appositions(head):
    """Appositions of a role, and of the object of its preposition ("spokesman for Facebook, Andy Stone")."""
    for child in head.children:
        if child.dep_ == "appos":
            yield child
        elif child.dep_ == "prep" and child.lower_ in _ROLE_PREPOSITIONS:
            for noun in child.children:
                if noun.dep_ == "pobj":
                    yield from (c for c in noun.children if c.dep_ == "appos")


def _acting_for(person: Speaker, head, mention: str, start: int, end: int) -> Speaker | None:
    """A body or a role acting for the person named before it ("the Hillary Clinton campaign", "a Trump
    spokesman", "Sanders supporters"): that body or role speaks, with the person's party; None for other
    nouns ("Trump's plan": the owner speaks)."""
    noun = head.lemma_.lower()
    if noun in tables.collective_nouns():
        name, kind = f"{person.name} {head.lower_}", "organisation"
    elif noun in tables.person_nouns() or tables.is_title_word(noun):
        kind = "group" if head.tag_ in {"NNS", "NNPS"} else "unnamed"
        name = (
            group_name(mention)
            if kind == "group"
            else re.sub(r"^(?:a|an|the|one)\s+", "", mention, flags=re.I)
        )
    else:
        return None
    return Speaker(name, kind, start, end, person.party, person.party_source)


def group_name(phrase: str) -> str:
    """A group's name for the charts: its words without leading quantifiers ("Only half a dozen Senate
    Republicans" -> "Senate Republicans") and without stray quote marks."""
    words = phrase.replace("''", " ").replace("``", " ").split()
    words = [w.strip('"“”') for w in words]
    words = [w for w in words if w]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    quantifiers = tables.group_quantifiers()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for quantifier in quantifiers:
            size = len(quantifier)
            if len(words) > size and tuple(w.lower() for w in words[:size]) == quantifier:
                words = words[size:]
                stripped = True
                break
        if stripped and len(words) > 2 and words[0].lower() == "of":  # "some of the activists"
            words = words[2:] if words[1].lower() in {"the", "those", "these"} else words[1:]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if not words or words[0].lower() == "of":
        return " ".join(phrase.split())
    return " ".join(words)


def _surname_shaped(word: str) -> bool:
    """``Trump``, ``Calderón``, ``O'Donnell``, ``Ocasio-Cortez``; not ``CNN`` or ``2016``."""
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    return word[:1].isupper() and letters.isalpha() and any(c.islower() for c in letters)


def _dateline_dash(doc, head) -> int | None:
    """The dash after an upper-case place opening the paragraph ("ORLANDO —", "ORLANDO, Fla. (Reuters) -"),
    or None when ``head`` is no dateline."""
    if head.i > 2 or not head.text.isupper() or len(head.text) <= 2:
        return None
    for token in doc[head.i + 1 : head.i + 9]:
        if token.text in {"—", "–", "-", "--"}:
            return token.i
        if not (token.is_punct or token.pos_ == "PROPN"):
            return None
    return None


def _person_the_parser_missed(ctx: Context, tokens, head, offset: int) -> Speaker | None:
    """A person in a phrase the parser took for an organisation: a person the article names ("a grumpy
    Trump", "Podliska", "Donald Trump"), or a given name and surname after an outlet ("The Huffington
    Post's Scott Conroy")."""
    cut = max((k for k, t in enumerate(tokens[:-1]) if t.tag_ == "POS"), default=-1)
    words = [t for t in tokens[cut + 1 :] if _surname_shaped(t.text) and not tables.is_title_word(t.lower_)]
    if not words or words[-1].i != head.i:
        return None
    at, end = offset + words[0].idx, offset + head.idx + len(head.text)
    full = " ".join(t.text for t in words)
    if len(words) > 1 and (
        full.lower() in ctx.by_name
        or (len(words) <= 3 and words[0].lower_ in tables.given_name_genders() and cut >= 0)
    ):
        return person_speaker(ctx, full, at, end)
    surname = head.text.lower().replace("’", "'").removesuffix("'s")
    if len(words) == 1 and any(p.last == surname for p in ctx.people):
        person = ctx.person_by_single_name(head.text, at)
        if person is not None:
            speaker = person_speaker(ctx, person.name, at, end)
            speaker.resolution = "surname"
            return speaker
    return None


def _can_be_a_source(head) -> bool:
    """Whether a common noun can head a speaker: a person word (coreferee's WordNet lexicon), a body or
    collective, a document, a poll or a share of respondents (``data/source_nouns.csv``)."""
    # A capitalised "common noun" is often a surname the parser mistagged ("Emanuel"): only lower-case words
    # are checked, and nothing is when coreferee's lexicon is not installed.
    if not tables.person_nouns() or head.text[:1].isupper():
        return True
    known = tables.speaking_nouns()

    def names_a_source(token) -> bool:
        words = {token.lower_, token.lemma_.lower()}
        return bool(words & known) or any(tables.is_title_word(w) for w in words)

    if names_a_source(head):
        return True
    # "a handful of Democrats", "a younger generation of activists": the noun after "of" speaks.
    of_nouns = [
        noun
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for noun in prep.children
        if noun.dep_ == "pobj"
    ]
    return any(noun.pos_ in {"PROPN"} or names_a_source(noun) for noun in of_nouns)


def _name_after_office_title(tokens, head) -> list | None:
    """The given name and surname right after an office title in a mention ("Representative | Hakeem Jeffries |
    of New York"), when the mention's head is the surname; None otherwise."""
    office = tables.office_title_words()
    titles = [i for i, t in enumerate(tokens) if t.lower_ in office or f"{t.lower_}." in office]
    if not titles:
        return None
    run = []
    for token in tokens[titles[-1] + 1 :]:
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or tables.is_title_word(token.lower_):
            break
        run.append(token)
    return run if len(run) >= 2 and run[-1].i == head.i else None


def _name_like(token) -> bool:
    """A proper noun, or a capitalised noun the tagger took for a common one (``Trump``)."""
    return token.pos_ == "PROPN" or (
        token.pos_ == "NOUN" and token.text[:1].isupper() and not token.is_sent_start and token.text.isalpha()
    )


def _looks_like_person(tokens) -> bool:
    propns = [t for t in tokens if t.pos_ == "PROPN"]
    return 2 <= len(propns) <= 4 and all(t.text[:1].isupper() and t.text.isalpha() for t in propns)


def person_speaker(ctx: Context, name: str, start: int, end: int) -> Speaker:
    person = ctx.by_name.get(name.lower())
    resolution = ""
    if person is None and len(name.split()) == 1:
        person = ctx.person_by_single_name(name, start)
        if person:
            name = person.name
            resolution = "surname"
    elif person is None:
        person = ctx.register(name=name, start=start, end=end)
    party_name, source = ctx.party_for(name, person)
    return Speaker(name, "person", start, end, party_name, source, resolution)


_DOCUMENT_AUTHOR_PREPS = {"from", "in", "by", "of"}


def _document_author(ctx: Context, para: Paragraph, doc, head) -> Speaker | None:
    """Who a document is by, when its phrase says so ("a statement from the Iowa Democratic Party", "a
    Wednesday editorial in The Des Moines Register"): the organisation or person after the preposition."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _DOCUMENT_AUTHOR_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.pos_ != "PROPN":
                continue
            if pobj.ent_type_ in {"DATE", "TIME", "GPE", "LOC"}:
                continue
            return _speaker_from_phrase(ctx, para, doc, pobj)
    return None


def _org_speaker(ctx: Context, doc, offset: int, first: int, end_i: int) -> Speaker | None:
    tokens = [doc[i] for i in range(first, end_i)]
    while tokens and tokens[0].lower_ in _DETERMINERS:
        tokens.pop(0)
    while tokens and tokens[-1].text in {"'s", "’s", "'", "’"}:
        tokens.pop()
    if not tokens:
        return None
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    name = " ".join(ctx.text[start:end].split())
    if name.lower() in tables.non_speakers():
        return None
    found_party, source = party.resolve_party(name=name, article_date=ctx.article_date)
    return Speaker(name, "organisation", start, end, found_party, source)
