"""Name resolution tables for ``analysis.attribution.names.Context`` (no parse needed), and PERSON entities as names."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.attribution import tables
from analysis.attribution.names import Context, Speaker
from analysis.attribution.speakers import group_name

TEXT = (
    "Sen. Lindsey Graham spoke first. Bill Clinton met Ms. Hillary Clinton. Ms. Hillary Clinton left. "
    "When Franken spoke, nobody listened. Al Franken waited. Lindsey nodded. Smith shrugged."
)
END = len(TEXT)


def _context() -> Context:
    ctx = Context(TEXT, None)
    for name in ("Lindsey Graham", "Bill Clinton", "Hillary Clinton"):
        at = TEXT.find(name)
        while at >= 0:
            ctx.register(name=name, start=at, end=at + len(name))
            at = TEXT.find(name, at + 1)
    return ctx


@pytest.mark.parametrize(
    ("token", "position", "expected"),
    [
        ("Graham", END, "Lindsey Graham"),
        ("Graham's", END, "Lindsey Graham"),
        ("graham’s", END, "Lindsey Graham"),
        ("Lindsey", END, "Lindsey Graham"),  # a given name
        ("Clinton", END, "Hillary Clinton"),  # namesakes: the one named most
        ("Bill", END, "Bill Clinton"),
        ("Graham", 0, "Lindsey Graham"),  # a surname named in full only later
        ("Franken", 0, "Al Franken"),  # found in the text ("When Franken" is not a name)
        ("Lindsey", 0, None),  # a given name is not looked up ahead
        ("Smith", END, None),
        ("Cruz", END, None),
    ],
)
def test_person_by_single_name(token, position, expected):
    person = _context().person_by_single_name(token, position)
    assert (person.name if person else None) == expected


@pytest.mark.parametrize(
    ("text", "names", "mention", "expected"),
    [
        # the courtesy title picks the namesake of its gender, even the one the article names less
        (
            "Ms. Ivana Trump sued. Donald Trump won. Ivana Trump wept. Mr. Trump left.",
            ["Ivana Trump", "Donald Trump"],
            "Mr. Trump",
            "Donald Trump",
        ),
        (
            "Bill Clinton spoke. Bill Clinton waved. Hillary Clinton smiled. Mrs. Clinton left.",
            ["Bill Clinton", "Hillary Clinton"],
            "Mrs. Clinton",
            "Hillary Clinton",
        ),
        # with no namesake of that gender, the one person of that name (the given-name table can be wrong)
        ("Lee Epstein teaches law. Ms. Epstein said so.", ["Lee Epstein"], "Ms. Epstein", "Lee Epstein"),
        # a generation after the surname: Mr. Conway is George T. Conway III, not his wife
        (
            "George T. Conway III is a lawyer and the husband of Kellyanne Conway. Mr. Conway wrote.",
            ["George T. Conway III", "Kellyanne Conway"],
            "Mr. Conway",
            "George T. Conway III",
        ),
        # no title: the namesake named most
        (
            "Ivana Trump sued. Donald Trump won. Ivana Trump wept. Trump left.",
            ["Ivana Trump", "Donald Trump"],
            "Trump left",
            "Ivana Trump",
        ),
    ],
)
def test_a_courtesy_title_picks_the_namesake_of_its_gender(text, names, mention, expected):
    ctx = Context(text, None)
    for name in names:
        at = text.find(name)
        while at >= 0:
            ctx.register(name=name, start=at, end=at + len(name))
            at = text.find(name, at + 1)
    at = text.index(mention)
    surname = mention.split()[-1] if mention.split()[0].endswith(".") else mention.split()[0]
    person = ctx.person_by_single_name(surname, at)
    assert (person.name if person else None) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("senator", "Lindsey Graham"), ("Sen.", "Lindsey Graham"), ("governor", None), ("ms.", None)],
)
def test_person_by_title(title, expected):
    person = _context().person_by_title(title, END)
    assert (person.name if person else None) == expected


STATES_TEXT = "Sen. Marco Rubio spoke. Sen. Lindsey Graham answered. Senator Bernie Sanders left. The senator"


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        (None, "Bernie Sanders"),  # the latest senator
        ("the Florida", "Marco Rubio"),
        ("the South Carolina", "Lindsey Graham"),
        ("the Vermont", "Bernie Sanders"),
        ("the West Virginia", None),  # "Virginia" inside it names no one here
        ("the senior", "Bernie Sanders"),  # no state named
    ],
)
def test_a_state_before_the_title_picks_that_states_senator(qualifier, expected):
    ctx = Context(STATES_TEXT, date(2016, 3, 1))
    for name in ("Marco Rubio", "Lindsey Graham", "Bernie Sanders"):
        at = STATES_TEXT.index(name)
        ctx.register(name=name, start=at, end=at + len(name))
    state = tables.state_named(qualifier) if qualifier else None
    person = ctx.person_by_title("senator", len(STATES_TEXT), state=state)
    assert (person.name if person else None) == expected


PRONOUN_TEXT = "Mr. Lindsey Graham spoke. Ms. Hillary Clinton answered. The Republicans objected."


def _pronoun_context(*speakers: tuple[int, Speaker]) -> Context:
    ctx = Context(PRONOUN_TEXT, None)
    graham = ctx.register(name="Lindsey Graham", start=4, end=18)
    clinton = ctx.register(name="Hillary Clinton", start=30, end=45)
    ctx.person_mentions += [(4, 0, graham, True), (30, 1, clinton, True)]  # (at, paragraph, person, subject)
    ctx.recent_speakers += speakers
    return ctx


REPUBLICANS = Speaker("Republicans", "group", 60, 71, "Republican", "group_word")


@pytest.mark.parametrize(
    ("paragraph", "position", "pronoun", "speakers", "expected"),
    [
        (1, 60, "he", (), "Lindsey Graham"),  # skips the later female subject
        (1, 60, "him", (), "Lindsey Graham"),
        (1, 60, "she", (), "Hillary Clinton"),
        (3, 200, "he", (), "Lindsey Graham"),  # any mention within three paragraphs
        (4, 200, "he", (), None),  # too far back
        (0, 20, "she", (), None),  # no woman named before
        (2, 75, "they", (), None),  # no group has spoken
        (2, 75, "they", ((2, REPUBLICANS),), "Republicans"),
        (2, 75, "he", ((2, REPUBLICANS),), "Lindsey Graham"),
        (2, 75, "he", ((2, Speaker("the couple", "unnamed", 60, 70)),), "Lindsey Graham"),  # two people
        (2, 75, "he", ((2, Speaker("the Sanders campaign", "unnamed", 60, 79)),), "Lindsey Graham"),
        (2, 75, "he", ((2, Speaker("the statement", "unnamed", 60, 73)),), "Lindsey Graham"),  # a document
        (2, 75, "he", ((2, Speaker("a Pentagon spokesman", "unnamed", 60, 80)),), "a Pentagon spokesman"),
    ],
)
def test_resolve_pronoun(paragraph, position, pronoun, speakers, expected):
    speaker = _pronoun_context(*speakers).resolve_pronoun(paragraph, position, pronoun)
    assert (speaker.name if speaker else None) == expected
    if speaker is not None and speaker.type == "person":
        assert speaker.resolution == "pronoun"


GIVEN_NAME_TEXT = (
    "Anthony Weiner spoke. His wife works for Hillary Clinton. Kelly Ayotte and Sasha Smith left."
)


@pytest.mark.parametrize(
    ("name", "pronoun", "expected"),
    [
        ("Hillary Clinton", "he", None),  # no title, yet "Hillary" is a woman's name
        ("Hillary Clinton", "she", "Hillary Clinton"),
        ("Anthony Weiner", "he", "Anthony Weiner"),
        ("Anthony Weiner", "she", None),
        ("Kelly Ayotte", "he", "Kelly Ayotte"),  # a name both sexes bear decides nothing
        ("Sasha Smith", "he", "Sasha Smith"),  # a name the table lacks decides nothing
    ],
)
def test_given_names_give_pronouns_their_gender(name, pronoun, expected):
    ctx = Context(GIVEN_NAME_TEXT, None)
    at = GIVEN_NAME_TEXT.index(name)
    person = ctx.register(name=name, start=at, end=at + len(name))
    ctx.person_mentions.append((at, 0, person, True))
    speaker = ctx.resolve_pronoun(0, len(GIVEN_NAME_TEXT), pronoun)
    assert (speaker.name if speaker else None) == expected


@pytest.mark.parametrize(
    ("sentence", "entity", "expected"),
    [
        ("Trump v. Trump was settled in 1992.", "Trump v. Trump", None),  # a court case is nobody
        ("Roe vs. Wade still stands.", "Roe vs. Wade", None),
        ("Senator Lindsey Graham spoke.", "Lindsey Graham", "Lindsey Graham"),
        ("Mr. Vance spoke.", "Vance", "Vance"),  # "v" inside a name is not a case
        # a title-case headline runs on past the name
        ("Marco Rubio Responds To Question About Wages", "Marco Rubio Responds To Question", "Marco Rubio"),
        ("Glenn Beck Blasts Drudge Over Trump", "Glenn Beck Blasts Drudge", "Glenn Beck"),
        ("Trump May Not Have Suggested It", "Trump May Not Have Suggested", "Trump"),
        ("Why Obama Wants Out", "Why Obama", "Obama"),
        # ... but a function word or a verb's bare form can end a real name
        ("Prime Minister Theresa May spoke.", "Theresa May", "Theresa May"),
        ("Theresa May's plan failed.", "Theresa May's", "Theresa May"),
        ("Stevie Wonder sang.", "Stevie Wonder", "Stevie Wonder"),
        ("Charles de Gaulle spoke.", "Charles de Gaulle", "Charles de Gaulle"),
    ],
)
def test_a_person_entity_is_a_name_and_not_a_court_case(sentence, entity, expected):
    from analysis.attribution import nlp
    from analysis.attribution.names import _person_name

    doc = nlp.load()(sentence)
    start = sentence.index(entity)
    span = doc.char_span(start, start + len(entity), label="PERSON", alignment_mode="expand")
    assert _person_name(span)[0] == expected


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("many Democrats", "Democrats"),
        ("Other Republicans", "Republicans"),
        ("Only half a dozen Senate Republicans", "Senate Republicans"),
        ("Some Arizona officials", "Arizona officials"),
        ("some of those activists", "activists"),
        ("Hundreds of the party's ''superdelegates", "party's superdelegates"),
        ("the four contenders", "contenders"),
        ("Republicans", "Republicans"),
        ("top defense officials", "top defense officials"),  # not a quantifier: a rank
        ("all of them", "all of them"),  # nothing left to name: kept as it is
        ("several", "several"),
    ],
)
def test_group_name_drops_quantifiers(phrase, name):
    assert group_name(phrase) == name


def test_person_nouns_come_from_the_installed_coreferee_lexicon():
    from analysis.attribution import tables

    nouns = tables.person_nouns()
    assert len(nouns) > 5000
    assert {"spokesman", "neurosurgeon", "strategist"} <= nouns
    assert "pressure" not in nouns


@pytest.mark.parametrize(
    ("sentence", "noun", "can_speak"),
    [
        ("The spokesman said it was over.", "spokesman", True),  # coreferee's person lexicon
        ("The neurosurgeon said it was over.", "neurosurgeon", True),
        ("The poll found that voters were split.", "poll", True),  # evidence
        ("The legislature voted to repeal it.", "legislature", True),  # a body
        ("The couple said it was over.", "couple", True),  # a collective
        ("A handful of Democrats said it was over.", "handful", True),  # the noun after "of" speaks
        ("The pressure suggests that the party will split.", "pressure", False),
        ("The outcome suggests that the party will split.", "outcome", False),
        ("Gender politics seems likely to define the election.", "politics", False),
    ],
)
def test_which_common_nouns_can_be_speakers(sentence, noun, can_speak):
    from analysis.attribution import nlp
    from analysis.attribution.speakers import _can_be_a_source

    token = next(t for t in nlp.load()(sentence) if t.lower_ == noun)
    assert _can_be_a_source(token) is can_speak


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("The toll on his wife, Huma Abedin, a longtime aide, was heavy.", "Huma Abedin", "f"),
        ("Huma Abedin, Weiner's wife, said nothing.", "Huma Abedin", "f"),
        ("Spokesman Sean Spicer said so.", "Sean Spicer", "m"),
        ("Kellyanne Conway, a Trump spokeswoman, said so.", "Kellyanne Conway", "f"),
        ("Ms. Sam Jones, the chairman, said so.", "Sam Jones", "f"),  # Ms. outranks the role
        (
            "Anthony Weiner, whose wife works at the State Department, said so.",
            "Anthony Weiner",
            "m",
        ),  # his name
        ("Sasha Roe, a friend of his wife, said so.", "Sasha Roe", None),
        ("Sasha Roe, his wife's lawyer, said so.", "Sasha Roe", None),
        # a list, not an apposition: his father, his mother and his sisters came along
        ("His father, the Rev. Sasha Jackson, his mother and several sisters came.", "Sasha Jackson", None),
        ("Sasha Smith said so.", "Sasha Smith", None),
    ],
)
def test_roles_and_kinship_give_a_name_its_gender(text, name, gender):
    ctx = Context(text, None)
    at = text.index(name)
    assert ctx.register(name=name, start=at, end=at + len(name)).gender == gender


def test_a_wife_named_after_the_speaker_does_not_take_his_pronoun():
    text = (
        "The congressman spoke about his wife, Huma Abedin, an aide to Hillary Clinton. "
        "“I am protecting my wife,” he said."
    )
    ctx = Context(text, None)
    for name in ("Huma Abedin", "Hillary Clinton"):
        at = text.index(name)
        ctx.person_mentions.append((at, 0, ctx.register(name=name, start=at, end=at + len(name)), False))
    assert ctx.resolve_pronoun(0, text.index("he said"), "he") is None


@pytest.mark.parametrize(
    ("name", "kind", "one_person"),
    [
        ("the spokesman", "unnamed", True),
        ("a Pentagon spokesman", "unnamed", True),
        ("one former senior officer", "unnamed", True),
        ("Lindsey Graham", "person", True),
        ("the couple", "unnamed", False),
        ("the chorus of detractors", "unnamed", False),
        ("A video of the episode", "unnamed", False),
        ("the 30 percent of voters", "unnamed", False),
        ("The ad", "unnamed", False),
        ("the legislation", "unnamed", False),
    ],
)
def test_he_or_she_stands_only_for_one_person(name, kind, one_person):
    from analysis.attribution.names import _can_be_one_person

    assert _can_be_one_person(Speaker(name, kind, 0, 0)) is one_person


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [("the Ohio", "John Kasich"), ("the South Carolina", "Nikki Haley"), (None, "Nikki Haley")],
)
def test_a_state_before_governor_uses_the_curated_officials(qualifier, expected):
    text = "Gov. John Kasich spoke. Gov. Nikki Haley answered. The governor"
    ctx = Context(text, date(2016, 2, 20))
    for name in ("John Kasich", "Nikki Haley"):
        at = text.index(name)
        ctx.register(name=name, start=at, end=at + len(name))
    state = tables.state_named(qualifier) if qualifier else None
    person = ctx.person_by_title("governor", len(text), state=state)
    assert (person.name if person else None) == expected


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Representative Hakeem Jeffries of New York called it a vanity project.", "Hakeem Jeffries"),
        ("Sen. Elizabeth Warren called it a vanity project.", "Elizabeth Warren"),
        ("Majority Leader Mitch McConnell called it a vanity project.", "Mitch McConnell"),
        # nothing: one name only, no title, or a title before something that is no name
        ("Senator Warren called it a vanity project.", None),
        ("Hakeem Jeffries called it a vanity project.", None),
        ("The State Department called it a vanity project.", None),
        ("President Obama's administration called it a vanity project.", None),
    ],
)
def test_name_after_an_office_title(sentence, name):
    from analysis.attribution import nlp
    from analysis.attribution.speakers import _name_after_office_title, mention_tokens

    model = nlp.load()
    if model is None:
        pytest.skip("the spaCy model is not installed")
    doc = model(sentence)
    head = next(t for t in doc if t.dep_ == "nsubj")
    found = _name_after_office_title(mention_tokens(doc, head), head)
    assert (" ".join(t.text for t in found) if found else None) == name
