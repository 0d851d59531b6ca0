"""Party resolution: tags, group words, the legislators table, curated officials, titles; unknown stays unknown."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.attribution import party, resolve_party

D2020 = datetime.date(2020, 1, 2)
D2016 = datetime.date(2016, 9, 20)


@pytest.mark.parametrize(
    ("name", "when", "expected"),
    [
        ("Elizabeth Warren", D2020, ("Democratic", "legislators")),
        ("Senator Elizabeth Warren (D-MA)", D2020, ("Democratic", "inline_tag")),
        ("Marco Rubio", D2020, ("Republican", "legislators")),
        ("Lindsey Graham", D2020, ("Republican", "legislators")),
        ("Sen. Graham", D2020, ("Republican", "legislators")),  # surname + title + date: one senator
        ("Mike Pompeo", D2020, ("Republican", "curated")),  # Secretary of State in 2020
        ("Mike Pompeo", None, ("Republican", "legislators")),
        ("Secretary of State Mike Pompeo", D2020, ("Republican", "curated")),
        ("Donald Trump", D2020, ("Republican", "legislators")),
        ("President Donald Trump", D2016, ("Republican", "curated")),  # the 2016 nominee, curated
        ("President Donald Trump", D2020, ("Republican", "legislators")),  # executive.yaml term
        ("Warren", D2020, ("Democratic", "legislators")),  # the one Warren in Congress then
        ("Clinton", D2016, ("Democratic", "curated")),  # Bill and Hillary: both Democrats
        ("Hillary Clinton", D2016, ("Democratic", "curated")),  # candidate in 2016, senator until 2009
        ("Hillary Clinton", None, ("Democratic", "legislators")),
        ("Bernie Sanders", D2016, ("Independent", "legislators")),
        ("Republicans", None, ("Republican", "group_word")),
        ("Democratic lawmakers", None, ("Democratic", "group_word")),
        ("House Democrats", None, ("Democratic", "group_word")),
        ("Chris Christie", D2016, ("Republican", "curated")),
        ("Jane Doe (R-Ohio)", None, ("Republican", "inline_tag")),
        ("a Democratic presidential candidate", None, ("Democratic", "title")),
    ],
)
def test_resolve_party(name, when, expected):
    assert resolve_party(name=name, article_date=when) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Alex Mello",  # a consultant: not in any table
        "one former senior officer",
        "U.S. officials",
        "State Department",
        "Kataib Hezbollah",
        "Tuesday",
        "Twitter",
        "",
        "Rex Tillerson",  # curated with no party: unknown stays unknown
    ],
)
def test_unknown_stays_unknown(name):
    assert resolve_party(name=name, article_date=D2020) == (None, None)


@pytest.mark.parametrize("name", ["Warren", "Graham", "Clinton"])
def test_bare_surname_without_date_stays_unknown(name):
    assert resolve_party(name=name) == (None, None)


@pytest.mark.parametrize(
    ("following", "expected"),
    [
        (" (D-MA) said", "Democratic"),
        (" (R-Fla.) said", "Republican"),
        (" (I-VT)", "Independent"),
        (", R-Fla., said", "Republican"),
        (", a Democrat of Massachusetts, said", "Democratic"),
        (" Democrat of Massachusetts", "Democratic"),
        (", a Republican, said", "Republican"),
        (" said on Tuesday (D-MA)", None),
        (", a member of the Senate", None),
    ],
)
def test_party_from_tag(following, expected):
    assert party.party_from_tag(following) == expected


@pytest.mark.parametrize(
    ("preceding", "expected"),
    [
        ("Republican Sen. ", "Republican"),
        ("GOP Rep. ", "Republican"),
        ("Democrat ", "Democratic"),
        ("Democratic candidate ", None),  # a role, decided later by the title rule
        ("the senator ", None),
    ],
)
def test_party_from_prefix(preceding, expected):
    assert party.party_from_prefix(preceding) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("Democratic presidential candidate", "Democratic"),
        ("the GOP nominee", "Republican"),
        ("a senator", None),
    ],
)
def test_party_from_title(role, expected):
    assert party.party_from_title(role) == expected


def test_normalise_party():
    assert party.normalise_party("Democrat") == "Democratic"
    assert party.normalise_party("Whig") is None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_resolve_party_never_raises(name):
    found = resolve_party(name=name)
    assert found[0] in {None, "Democratic", "Republican", "Independent"}


@pytest.mark.parametrize(
    ("name", "when", "office", "held"),
    [
        ("Bernie Sanders", datetime.date(2016, 6, 1), "sen", True),
        ("Bernie Sanders", datetime.date(1995, 6, 1), "rep", True),
        ("Bernie Sanders", datetime.date(1995, 6, 1), "sen", False),
        ("Bernie Sanders", None, "sen", True),  # no article date: any term
        ("Steve Doocy", datetime.date(2016, 6, 1), "sen", False),  # never in office
    ],
)
def test_offices_held(name, when, office, held):
    assert (office in party.offices_held(name=name, when=when)) is held
