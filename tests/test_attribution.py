"""Speaker attribution: the seed article as an example table, small examples, and property tests."""

from __future__ import annotations

import datetime
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.attribution import extract, find_statements
from analysis.paragraphs import split_paragraphs
from analysis.records import Paragraph
from tests.conftest import SEED_PATH

SEED_DATE = datetime.date(2020, 1, 2)


@cache
def seed() -> tuple[str, tuple]:
    text = SEED_PATH.read_text(encoding="utf-8")
    paragraphs = split_paragraphs(text=text)
    return text, tuple(find_statements(text=text, paragraphs=paragraphs, article_date=SEED_DATE))


def _statement_starting(prefix: str):
    _text, statements = seed()
    hits = [s for s in statements if s.text.lstrip('"“').startswith(prefix)]
    assert hits, f"no statement starts with {prefix!r}"
    return hits[0]


# (start of the quote, speaker, speaker_type, party, party_source, rule)
SEED_DIRECT_QUOTES = [
    ("We reacted defensively", "Mike Pompeo", "person", "Republican", "curated", "quote_cue_after"),
    ("Now Iranian-backed groups", "Mike Pompeo", "person", "Republican", "curated", "same_paragraph"),
    (
        "Trump's reckless decisions to withdraw",
        "Elizabeth Warren",
        "person",
        "Democratic",
        "inline_tag",
        "pull_quote_dash",
    ),
    (
        "Trump's reckless decisions to move away",
        "Elizabeth Warren",
        "person",
        "Democratic",
        "inline_tag",
        None,
    ),
    ("We must end the eternal wars", "Elizabeth Warren", "person", "Democratic", "inline_tag", None),
    ("There are no questions", "Marco Rubio", "person", "Republican", "inline_tag", "surname"),
    ("No more Benghazis", "Lindsey Graham", "person", "Republican", "inline_tag", "surname"),
    ("We both realize", "one former senior officer", "unnamed", None, None, "quote_cue_after"),
    ("Iraq is located between", "one former senior officer", "unnamed", None, None, "pronoun"),
    ("The effectiveness of the CT", "Alex Mello", "person", None, None, "quote_cue_after"),
    ("They have grown accustomed", "Alex Mello", "person", None, None, None),
    ("has affected the ability", "Pentagon", "organisation", None, None, "according_to"),
    ("determined to protect the Americans", "Lindsey Graham", "person", "Republican", "inline_tag", None),
]


@pytest.mark.parametrize(
    ("prefix", "speaker", "speaker_type", "party", "party_source", "rule"), SEED_DIRECT_QUOTES
)
def test_seed_direct_quotes(prefix, speaker, speaker_type, party, party_source, rule):
    statement = _statement_starting(prefix)
    assert statement.kind == "direct"
    assert statement.speaker == speaker
    assert statement.speaker_type == speaker_type
    assert statement.party == party
    assert statement.party_source == party_source
    if rule:
        assert statement.rule == rule


# (start of the reported content, speaker, speaker_type, party, party_source, rule)
SEED_REPORTED = [
    ("they will send additional troops", "US officials", "group", None, None, "reported_speech"),  # "U.S."
    (
        "that there are no plans to evacuate",
        "State Department",
        "organisation",
        None,
        None,
        "reported_speech",
    ),
    ("The embassy demonstration took place", "Kataib Hezbollah", "organisation", None, None, "according_to"),
    ("the protesters were members", "Marco Rubio", "person", "Republican", "inline_tag", "reported_speech"),
    ("that those who participated", "Republicans", "group", "Republican", "group_word", "reported_speech"),
    (
        "that he had met with President",
        "Lindsey Graham",
        "person",
        "Republican",
        "inline_tag",
        "reported_speech",
    ),
    ("that conventional troops", "Alex Mello", "person", None, None, "surname"),
    ("the impact of A withdrawal", "experts", "group", None, None, "reported_speech"),
    ("their continued presence", "Iraqi politicians", "group", None, None, "reported_speech"),
]


@pytest.mark.parametrize(
    ("prefix", "speaker", "speaker_type", "party", "party_source", "rule"), SEED_REPORTED
)
def test_seed_reported_statements(prefix, speaker, speaker_type, party, party_source, rule):
    statement = _statement_starting(prefix)
    assert statement.kind == "indirect"
    assert (statement.speaker, statement.speaker_type) == (speaker, speaker_type)
    assert (statement.party, statement.party_source) == (party, party_source)
    assert statement.rule == rule


def test_seed_speaker_mentions_point_at_the_name():
    text, statements = seed()
    mentions = {
        (s.text[:20], text[s.speaker_start : s.speaker_end])
        for s in statements
        if s.speaker_start is not None
    }
    assert ('"Iraq is located betw', "he") not in mentions  # sanity of the helper below
    by_start = {
        s.text.lstrip('"')[:18]: text[s.speaker_start : s.speaker_end] for s in statements if s.speaker
    }
    assert by_start["We reacted defensiv"[:18]] == "Secretary of State Mike Pompeo"  # the whole name phrase
    assert by_start["Iraq is located be"] == "he"
    assert by_start["No more Benghazis,"] == "Graham"
    assert by_start["We both realize th"] == "one former senior officer"
    assert by_start["Trump's reckless d"] == "Elizabeth Warren"


def test_seed_graham_dash_line_attaches_nothing():
    text, statements = seed()
    dash = text.index("– Senator Lindsey Graham (R-SC)")
    paragraphs = split_paragraphs(text=text)
    dash_paragraph = next(p for p in paragraphs if p.start <= dash < p.end)
    before = [s for s in statements if s.paragraph == dash_paragraph.index - 1]
    assert all(s.speaker == "Marco Rubio" for s in before)
    assert not [s for s in statements if s.paragraph == dash_paragraph.index]
    # Nothing in the Rubio paragraph is given to Graham.
    assert all(s.speaker != "Lindsey Graham" for s in before)


@pytest.mark.parametrize(
    "prefix",
    [
        "protesters",  # scare quote
        "maximum pressure",  # scare quote
    ],
)
def test_seed_scare_quotes_are_not_statements(prefix):
    _text, statements = seed()
    assert not [s for s in statements if s.text.strip('"“” ').startswith(prefix)]


def test_seed_unnamed_officer_is_never_merged_with_a_named_person():
    _text, statements = seed()
    officer = [s for s in statements if s.speaker == "one former senior officer"]
    assert len(officer) == 2
    assert all(s.party is None and s.speaker_type == "unnamed" for s in officer)


def test_seed_no_statement_is_attributed_to_outlets_or_dates():
    _text, statements = seed()
    speakers = {s.speaker for s in statements}
    for bad in ("Twitter", "The Daily Beast", "Daily Beast", "Tuesday", "Sunday", "Loading..."):
        assert bad not in speakers


# -- small examples ----------------------------------------------------------------------------------
def run(text: str, date: datetime.date | None = datetime.date(2016, 9, 20)):
    return find_statements(text=text, paragraphs=split_paragraphs(text=text), article_date=date)


EXAMPLES = [
    # (text, quote/content start, speaker, party, party_source)
    ('"We will win," said Sen. Ted Cruz (R-Texas).', "We will win", "Ted Cruz", "Republican", "inline_tag"),
    ("“We will win,” Sen. Ted Cruz said.", "We will win", "Ted Cruz", "Republican", "legislators"),
    (
        "‘We will win the election,’ Hillary Clinton said.",
        "We will win",
        "Hillary Clinton",
        "Democratic",
        None,
    ),
    (
        "«We will win the election», said Hillary Clinton.",
        "We will win",
        "Hillary Clinton",
        "Democratic",
        None,
    ),
    (
        "Hillary Clinton said on Monday that the economy is strong.",
        "that the economy",
        "Hillary Clinton",
        "Democratic",
        "curated",  # the 2016 candidate; her Senate term ended in 2009
    ),
    (
        "The economy is strong, according to Sen. Elizabeth Warren, D-Mass.",
        "The economy is strong",
        "Elizabeth Warren",
        "Democratic",
        "inline_tag",
    ),
    (
        "Rep. Jane Doe, a Democrat of Ohio, told The Daily Beast that the bill would fail.",
        "that the bill would fail",
        "Jane Doe",
        "Democratic",
        "inline_tag",
    ),
    (
        'Republican Sen. John Roe said: "The plan is a disaster for the country."',
        "The plan is a disaster",
        "John Roe",
        "Republican",
        "inline_tag",
    ),
    (
        "Democrats said the bill was unconstitutional.",
        "the bill was unconstitutional",
        "Democrats",
        "Democratic",
        "group_word",
    ),
    (  # one actor in the charts with "Republicans"
        "Many Republicans said the bill was unconstitutional.",
        "the bill was unconstitutional",
        "Republicans",
        "Republican",
        "group_word",
    ),
    (
        "Some Arizona officials said the count was wrong.",
        "the count was wrong",
        "Arizona officials",
        None,
        None,
    ),
    (  # a member of a party, not the party
        "A Republican, however, said the plan would cost too much.",
        "the plan would cost",
        "A Republican",
        "Republican",
        "title",
    ),
    (  # "told" reports the clause, not the addressee
        "Hillary Clinton told reporters that the economy is strong.",
        "that the economy",
        "Hillary Clinton",
        "Democratic",
        None,
    ),
    (  # "claimed a victory" is no statement, "claimed that" is
        "Bernie Sanders claimed that the primary was rigged.",
        "that the primary was rigged",
        "Bernie Sanders",
        "Independent",
        "legislators",
    ),
    (  # a clause set off before the cue is its content
        "The economy is strong, Hillary Clinton said on Monday.",
        "The economy is strong",
        "Hillary Clinton",
        "Democratic",
        None,
    ),
    (  # an office title before a full name: a person, whatever the entity tagger calls it (ORG here)
        'Representative Hakeem Jeffries of New York called it "a medieval vanity project."',
        "a medieval vanity",
        "Hakeem Jeffries",
        "Democratic",
        "legislators",
    ),
    (  # a role names the person beside it, even hung on the role's object and tagged as part of an ORG
        "A spokesman for Facebook, Andy Stone, said the company competes with many rivals.",
        "the company competes",
        "Andy Stone",
        None,
        None,
    ),
    (  # ... but an organisation beside it is no person: the organisation speaks
        "A spokesman for the company, Acme Widgets, said the plant would stay open.",
        "the plant would",
        "Acme Widgets",
        None,
        None,
    ),
    (  # a newsletter item: headline, dash, speaker, colon, quote
        "VOTERS CARE MORE ABOUT INSPIRATION - Frank Newport: “We found that the leadership strengths matter.”",
        "We found",
        "Frank Newport",
        None,
        None,
    ),
    (  # a campaign speaks for its candidate: the campaign, with the candidate's party
        "The Hillary Clinton campaign said the poll was wrong.",
        "the poll was wrong",
        "Hillary Clinton campaign",
        "Democratic",
        None,
    ),
    (  # so does an aide, who is not the senator
        "A Mitch McConnell aide said the vote would happen.",
        "the vote would happen",
        "Mitch McConnell aide",
        "Republican",
        None,
    ),
    (  # ... but a named manager is the person
        "Hillary Clinton's campaign manager, Robby Mook, said the poll was wrong.",
        "the poll was wrong",
        "Robby Mook",
        "Democratic",  # the curated table of campaign officials
        "curated",
    ),
    (  # "continues to insist": the nested cue reports the clause
        "Bernie Sanders continues to insist that he will fight on to the convention.",
        "that he will fight on",
        "Bernie Sanders",
        "Independent",  # a senator elected as an independent, on the article's date
        "legislators",
    ),
    (  # the writer's own "I" outside quotes: the author, without a party
        "I believe the senator is wrong about the strikes.",
        "the senator is wrong",
        "the author",
        None,
        None,
    ),
    (  # ... and the writer's "we"
        "We know the strikes will not end the war.",
        "the strikes will not end",
        "the author",
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "prefix", "speaker"),
    [
        # the one asked is not the one asking: the question is no one's here, the answer is theirs
        (
            "Asked whether the email went too far, Tad Devine said the team stood by it.",
            "whether the email",
            None,
        ),
        (
            "Asked whether the email went too far, Tad Devine said the team stood by it.",
            "the team",
            "Tad Devine",
        ),
        (
            "Accused of lying about the deal, Hillary Clinton said the charge was false.",
            "the charge",
            "Hillary Clinton",
        ),
        # a belief participle keeps its subject as the one who believes
        (
            "Convinced that the vote was rigged, Bernie Sanders said he would fight on.",
            "he would fight",
            "Bernie Sanders",
        ),
    ],
)
def test_a_participle_clause_names_the_one_asked_not_the_asker(text, prefix, speaker):
    hits = [s for s in run(text) if s.text.startswith(prefix)]
    if speaker is None:
        assert all(s.speaker is None for s in hits), hits
    else:
        assert hits and hits[0].speaker == speaker, hits


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "President Donald Trump met reporters.\n\nMr. Trump said yes when asked whether Mr. Lieberman was "
            "among the finalists.\n\n“We need a great director of the F.B.I.,” he told reporters later.",
            "Trump",
        ),
        (
            "Senator Bernie Sanders was asked if Joe Biden would run.\n\n“We will see about that soon enough,” he said.",
            "Bernie Sanders",
        ),
    ],
)
def test_he_goes_on_with_the_one_asked_not_the_one_asked_about(text, speaker):
    quote = next(s for s in run(text) if s.kind == "direct")
    assert quote.speaker and quote.speaker.endswith(speaker), quote


@pytest.mark.parametrize(
    ("text", "date", "speaker"),
    [
        # an article that never gives the full name: the one officeholder of the surname on its date
        (
            "President Trump spoke at the White House on Monday.\n\nHe said the economy was stronger than ever.",
            datetime.date(2019, 5, 1),
            "Donald Trump",
        ),
        (
            "President Biden spoke in Delaware on Monday.\n\n“This is a big deal for working families,” he said.",
            datetime.date(2022, 3, 1),
            "Joe Biden",
        ),
        # no date, no officeholder to name: the one name as it stands
        (
            "President Trump spoke at the White House on Monday.\n\nHe said the economy was stronger than ever.",
            None,
            "Trump",
        ),
        # the full name anywhere in the article wins over the officeholders' table
        (
            "Senator Sanders spoke on Monday.\n\nHe said the primary was not over. Bernie Sanders won Oregon later.",
            datetime.date(2016, 5, 1),
            "Bernie Sanders",
        ),
    ],
)
def test_a_bare_surname_with_a_title_is_the_officeholder_of_the_day(text, date, speaker):
    found = [s for s in run(text, date) if s.text.startswith(("the economy", "“This", "the primary"))]
    assert [s.speaker for s in found if s.speaker] == ([speaker] if speaker else [])


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (  # a group opening a sentence and the same group later: one actor, in lower case
            "Governors pushed back on Monday, saying the tests were late. Governors said the states could not "
            "do it alone. Later, governors argued that help was needed now.",
            {"governors"},
        ),
        # different groups keep their names
        (
            "Democrats said the bill was late. Republicans said the bill was fine.",
            {"Democrats", "Republicans"},
        ),
    ],
)
def test_one_spelling_per_speaker(text, speakers):
    assert {s.speaker for s in run(text) if s.speaker} == speakers


QUOTE = "“We must end the eternal wars and bring the troops home now.”\n\n"


@pytest.mark.parametrize(
    ("dash_line", "speaker", "speaker_type", "he"),
    [
        ("– Senator Jane Roe (D-NY)", "Jane Roe", "person", "Jorge Ramos"),  # "he" is not Jane
        ("— Ted Cruz, a senator from Texas", "Ted Cruz", "person", "Ted Cruz"),
        ("– Pentagon spokesman", "Pentagon spokesman", "person", "Pentagon spokesman"),
        # an aside about the speaker named before: no one to chart, and "he" does not resolve to it
        ("– An immigrant himself –.", None, None, "Jorge Ramos"),
        ("– and more of the same.", None, None, "Jorge Ramos"),
    ],
)
def test_dash_lines_name_the_pull_quotes_speaker_or_no_one(dash_line, speaker, speaker_type, he):
    text = "Jorge Ramos spoke on Tuesday.\n\n" + QUOTE + dash_line + "\n\nHe crossed the border, he said."
    statements = run(text)
    quote = next(s for s in statements if s.text.startswith("“We must end"))
    assert (quote.speaker, quote.speaker_type) == (speaker, speaker_type)
    assert next(s for s in statements if s.text.startswith("He crossed")).speaker == he


@pytest.mark.parametrize(("text", "prefix", "speaker", "party_", "source"), EXAMPLES)
def test_examples(text, prefix, speaker, party_, source):
    statements = run(text)
    hits = [s for s in statements if s.text.lstrip('"“‘«').startswith(prefix)]
    assert hits, statements
    assert hits[0].speaker == speaker
    assert hits[0].party == party_
    if source:
        assert hits[0].party_source == source
    assert text[hits[0].speaker_start : hits[0].speaker_end] in text


@pytest.mark.parametrize(
    ("text", "quote", "is_work"),
    [
        ("on CNN’s “State of the Union,” Rubio said", "“State of the Union,”", True),
        ("Fox News channel’s “Sunday Morning Futures,” Issa said", "“Sunday Morning Futures,”", True),
        ("as part of the “Gang of Eight,” which", "“Gang of Eight,”", True),
        ("the hacker known as “Guccifer,” said", "“Guccifer,”", True),
        ("Rubio said in his 2012 book, ''An American Son.''", "''An American Son.''", True),
        ("as in the Tom Hanks movie ''Bridge of Spies,'' he said", "''Bridge of Spies,''", True),
        ("the founder of “Indian Americans for Hillary 2008.”", "“Indian Americans for Hillary 2008.”", True),
        ("Trump’s “No more Benghazis,” he said", "“No more Benghazis,”", False),  # lower-case words: speech
        ("“Anybody but Trump,” was another", "“Anybody but Trump,”", False),  # no possessive before it
        ("Trump’s “Get Out!” he shouted", "“Get Out!”", False),  # an exclamation is said
        (
            "Trump’s “We Will Build A Great Wall Very Soon,” he said",
            "“We Will Build A Great Wall Very Soon,”",
            False,
        ),
    ],
)
def test_named_works_in_quotes(text, quote, is_work):
    from analysis.attribution.extract import _is_named_work

    assert _is_named_work(text, text.index(quote), quote) is is_work


def test_a_show_named_beside_a_quote_is_not_a_second_statement():
    text = "“We will win this state,” Marco Rubio said on CNN’s “State of the Union,” adding that he was confident."
    statements = run(text)
    assert [s.text for s in statements if "State of the Union" in s.text] == []
    assert any(s.text.startswith("“We will win") and s.speaker == "Marco Rubio" for s in statements)


def test_a_cue_inside_a_clause_does_not_report_the_words_before_it():
    text = (
        "Perhaps most important, the new evidence from trade suggests American policy makers cannot continue "
        "to impose all the pain on blue-collar workers."
    )
    statements = run(text)
    assert [s.text for s in statements if s.text.startswith("Perhaps")] == []
    assert [s.speaker for s in statements] == ["the new evidence"]


def test_quote_over_several_paragraphs_keeps_its_speaker():
    text = (
        'Donald Trump said: "We are going to build a wall along the border.\n\n'
        '"And Mexico is going to pay for the wall, believe me.\n\n'
        '"It will be a great wall, a beautiful wall."\n\nThe crowd cheered.'
    )
    statements = [s for s in run(text) if s.kind == "direct"]
    assert len(statements) == 3
    assert {s.speaker for s in statements} == {"Donald Trump"}
    assert len({s.paragraph for s in statements}) == 3


def test_later_mentions_by_title_and_pronoun():
    text = (
        'Sen. Lindsey Graham (R-SC) spoke on Tuesday. "We will respond to this attack," the senator said.\n\n'
        '"This is not over," he added.'
    )
    statements = run(text, datetime.date(2020, 1, 2))
    assert [s.speaker for s in statements] == ["Lindsey Graham", "Lindsey Graham"]
    assert statements[0].rule == "title"
    assert statements[1].rule == "pronoun"
    assert text[statements[1].speaker_start : statements[1].speaker_end] == "he"


@pytest.mark.parametrize(
    ("subject", "speaker"),
    [
        ("The president", "Donald Trump"),  # a subject named by office is the person a later "he" means
        ("The former ambassador", "John Bolton"),
        ("The lawyer", "George T. Conway III"),  # a role is no office: the last person named stands
    ],
)
def test_a_pronoun_after_a_subject_named_by_office(subject, speaker):
    text = (
        "President Donald Trump signed the order on Friday, and former Ambassador John Bolton praised it.\n\n"
        'George T. Conway III, a lawyer, criticized it. "He knows he is violating the Constitution," Mr. Conway '
        f'wrote.\n\n{subject} opted not to tap relief money. "It didn\'t sound too important to me," he said.'
    )
    quote = next(s for s in run(text, datetime.date(2019, 2, 16)) if s.text.startswith('"It didn'))
    assert quote.speaker == speaker


def test_unbalanced_quote_does_not_swallow_the_article():
    text = (
        'He said "this never closes and goes on.\n\nA second paragraph.\n\nA third, "with a quote," she said.'
    )
    statements = run(text)
    assert all("second paragraph" not in s.text for s in statements)


@pytest.mark.parametrize(
    "text",
    [
        "Loading...",
        "Tuesday, January 2, 2020",
        "Posted on Monday by Staff",
        "Advertisement",
        "The sun rose over the city and the markets opened.",
        '"Death to the scare quotes" and "protesters" everywhere.',
        "It was reported on Twitter.",
        "",
        "– Senator Lindsey Graham (R-SC)",
        # an addressee, an action or an upload is not what was said
        "Donald Trump told reporters during a conference call on Tuesday.",
        "Bernie Sanders asked him a question about the delegates.",
        "Bernie Sanders continues to trail Hillary Clinton by more than 300 delegates.",
        "Peter Serafinowicz posted the clip to YouTube on Thursday.",
        "Bernie Sanders claimed a victory in the New Hampshire primary.",
        "Hillary Clinton maintains a commanding lock on the party’s leadership.",
        "Donald Trump has charged his campaign for rent.",
        "Bill Clinton could add another job title to his resume.",
        # an object right after the verb is what the sentence is about, not an inverted speaker ("said Rubio")
        "The race has no clear favorite to challenge Donald Trump and Ted Cruz.",
        "And I have to thank Obama, the liberals, and the judge for this learning opportunity.",
        "Marco Rubio spoke Sunday on CNN’s “State of the Union,” and left early.",
    ],
)
def test_finds_no_speaker(text):
    assert [s for s in run(text) if s.speaker] == []


# -- properties --------------------------------------------------------------------------------------
MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "«", "»", "–", "\n\n", "\n", " ", ","])
WORDS = st.sampled_from(
    [
        "said",
        "Rubio",
        "Sen.",
        "Warren",
        "(D-MA)",
        "according to",
        "he",
        "told",
        "The Daily Beast",
        "that",
        "X",
    ]
)
TEXTS = st.lists(st.one_of(MARKS, WORDS, st.text(max_size=8)), max_size=60).map("".join)


def _check_invariants(text: str, paragraphs: list[Paragraph]) -> None:
    extract.RAISE_ERRORS = True  # a swallowed exception would hide a bug here
    try:
        statements = find_statements(text=text, paragraphs=paragraphs, article_date=None)
    finally:
        extract.RAISE_ERRORS = False
    for s in statements:
        assert text[s.start : s.end] == s.text
        para = paragraphs[s.paragraph]
        assert para.start <= s.start <= s.end <= para.end
        if s.speaker_start is not None:
            assert 0 <= s.speaker_start < s.speaker_end <= len(text)
        assert s.kind in {"direct", "indirect"}
        assert s.party in {None, "Democratic", "Republican", "Independent"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_property_never_raises_and_offsets_hold(text):
    _check_invariants(text, split_paragraphs(text=text))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_property_any_unicode(text):
    _check_invariants(text, split_paragraphs(text=text))


def test_bad_paragraphs_do_not_raise():
    assert find_statements(text="abc", paragraphs=[Paragraph(0, 0, 10, "zzz")]) == []


def test_huge_inputs_stay_fast():
    import time

    started = time.perf_counter()
    quotes = '"' * 2000
    _check_invariants(quotes, split_paragraphs(text=quotes))
    many = "\n\n".join(f'"Quote number {i} is here," said Rubio.' for i in range(5000))
    paragraphs = split_paragraphs(text=many)
    statements = find_statements(text=many, paragraphs=paragraphs)
    assert len(statements) >= 1000
    assert time.perf_counter() - started < 120


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 6000), st.integers(0, 6000), st.sampled_from(['"', "“", "”", "\n\n", "– ", "'", ""]))
def test_property_seed_fragments(start, length, insert):
    """Real prose cut at random places, with a stray mark spliced in: still no exception, offsets hold."""
    text = SEED_PATH.read_text(encoding="utf-8")
    fragment = text[start : start + length]
    middle = len(fragment) // 2
    fragment = fragment[:middle] + insert + fragment[middle:]
    _check_invariants(fragment, split_paragraphs(text=fragment))


@pytest.mark.parametrize(
    ("text", "prefix", "speaker", "rule"),
    [
        ("''We will not back down,'' Mr. Sanders said on Monday.", "''We will not", "Sanders", None),
        (
            'Clinton: "Our goal is not to contain ISIS, but to defeat it."',
            '"Our goal',
            "Clinton",
            "colon_intro",
        ),
        (
            'Sanders delivered a snappy retort: "No one is tearing this up. We are going forward."',
            '"No one',
            "Sanders",
            None,  # colon_intro, reported as "surname": the bare surname was resolved
        ),
        ('"Stop lying!" Mr. Fox wrote.', '"Stop lying', "Fox", "quote_cue_after"),
        (  # the cue right after the quote is its own, even with a pronoun and a name further on
            'Donald Trump turned to Jeb Bush.\n\n"Quiet," he demanded, as Bush continued to interject.',
            '"Quiet',
            "Donald Trump",
            "pronoun",
        ),
        ('"Rise to the occasion, and show respect." added Lauten, an aide.', '"Rise', "Lauten", None),
        (  # a quote within a quote (NYT marks): its cue after it is found, though the parser hangs it on "said"
            "Malcolm Hoenlein leads the conference.\n\nMr. Hoenlein described the meeting. ''I said, 'The lesson "
            "of history is there shouldn't be daylight,''' he recalled.",
            "''I said",
            "Malcolm Hoenlein",
            "pronoun",
        ),
        ('"Is this a joke?" asked Smith, a voter.', '"Is this a joke', "Smith", "quote_cue_after"),
        (  # after "told" the next name is the addressee, not an inverted speaker
            "Michelle Obama and President Obama attended the ball.\n\n''That was a good speech you gave last night, "
            "Mr. President,'' Representative Steve Cohen, Democrat of Tennessee, told Mr. Obama as he stopped.",
            "''That was a good speech",
            "Steve Cohen",
            None,
        ),
        (
            'Ms. Tchen said the White House had changed course.\n\n"We had to balance photo lines against guests."',
            '"We had to balance',
            "Tchen",
            "previous_paragraph",
        ),
    ],
)
def test_more_quote_styles(text, prefix, speaker, rule):
    hits = [s for s in run(text) if s.text.startswith(prefix)]
    assert hits, run(text)
    assert hits[0].speaker.endswith(speaker)
    if rule:
        assert hits[0].rule == rule


@pytest.mark.parametrize("when", [datetime.datetime(2020, 1, 2, 9, 30), "2020-01-02", None])
def test_article_date_of_any_type(when):
    text, _statements = seed()
    statements = find_statements(text=text, paragraphs=split_paragraphs(text=text), article_date=when)
    warren = [s for s in statements if s.speaker == "Elizabeth Warren"]
    assert warren and all(s.party == "Democratic" for s in warren)


def test_paragraph_subset_keeps_its_indexes():
    text, _statements = seed()
    paragraphs = split_paragraphs(text=text)[10:]
    statements = find_statements(text=text, paragraphs=paragraphs, article_date=SEED_DATE)
    assert statements and all(s.paragraph >= 10 for s in statements)
    assert any(s.speaker == "Alex Mello" for s in statements)


@cache
def seed_with_tagger() -> tuple:
    from analysis.attribution import learned

    text = SEED_PATH.read_text(encoding="utf-8")
    tagger = learned.load_tagger(str(learned.DEFAULT_TAGGER), threads=2)
    return tuple(
        find_statements(
            text=text, paragraphs=split_paragraphs(text=text), article_date=SEED_DATE, tagger=tagger
        )
    )


@pytest.mark.parametrize(
    ("prefix", "speaker", "speaker_type", "party", "party_source", "rule"), SEED_DIRECT_QUOTES + SEED_REPORTED
)
def test_seed_keeps_every_speaker_and_party_with_the_learned_tagger(
    prefix, speaker, speaker_type, party, party_source, rule
):
    """The app runs the tagger beside the rules: the seed's speakers and parties must survive it (the
    arbitration table may hand a speaker to the tagger, and the mention may widen)."""
    hits = [s for s in seed_with_tagger() if s.text.lstrip('"“').startswith(prefix)]
    assert hits, f"no statement starts with {prefix!r}"
    statement = hits[0]
    assert (statement.speaker, statement.speaker_type) == (speaker, speaker_type)
    assert (statement.party, statement.party_source) == (party, party_source)


@pytest.mark.parametrize(
    ("third_paragraph", "speaker", "not_speaker"),
    [
        # spaCy's small model reads a sentence-initial "Trump" as a verb: the bare surname still counts
        ("Trump spoke on Tuesday.", "Donald Trump", "Tom Ryan"),
        ("On Tuesday, Trump spoke in Ohio.", "Donald Trump", "Tom Ryan"),
        # part of a longer name is no mention of the person
        ("Trump Tower was quiet on Tuesday.", None, "Donald Trump"),
    ],
)
def test_he_after_a_bare_surname_is_that_person(third_paragraph, speaker, not_speaker):
    text = (
        "Donald Trump met donors in Ohio.\n\nFormer Navy officer Tom Ryan wrote an essay about the attack.\n\n"
        f"{third_paragraph} An economic downturn, he said, \u201ccould be a good time to borrow.\u201d\n"
    )
    statements = find_statements(text=text, paragraphs=split_paragraphs(text=text))
    quote = next(s for s in statements if "good time to borrow" in s.text)
    if speaker is not None:
        assert quote.speaker == speaker
    assert quote.speaker != not_speaker
