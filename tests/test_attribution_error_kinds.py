"""The error kinds issue 10 found in real 2016 news, as an example table over the real attribution: the rules with
the shipped learned tagger (models/attribution), as the app and the command line run them.

Each row is a short fictional article written in the style of the failing PolNeAR/BASIL paragraphs. A row names the
statement by an anchor inside it and says who must, or must not, be its speaker; rows with ``anchor=None`` must
yield no statement whose speaker is the forbidden phrase (junk actors, media, abstract nouns); rows with an anchor
and ``speaker=None`` must leave the anchored words with no speaker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parent.parent / "models" / "attribution"


@dataclass(frozen=True)
class Row:
    kind: str
    text: str
    anchor: str | None
    speaker: str | None = None
    not_speaker: str | None = None
    cue_type: str | None = None
    known_failure: str | None = None


ROWS = [
    Row(
        "a question put to someone is not theirs",
        "Tad Devine, a senior adviser, spoke to reporters on Monday.\n\n"
        "Asked whether the fundraising email went beyond the campaign's message, Devine said the team "
        "stood by every word of it.",
        anchor="fundraising email",
        speaker=None,
        not_speaker="Devine",
    ),
    Row(
        "'he' goes on with the one asked, not the one asked about",
        "President Donald Trump met the Colombian president on Thursday.\n\n"
        "Still, Mr. Trump, speaking briefly with reporters in the Oval Office, offered an emphatic \u201cyes\u201d "
        "when asked whether Mr. Lieberman was among the finalists.\n\n"
        "\u201cWe need a great director of the F.B.I. I cherish the F.B.I. It\u2019s special,\u201d he told "
        "reporters later at a news conference.",
        anchor="great director",
        speaker="Donald Trump",
        not_speaker="Lieberman",
    ),
    Row(
        "... but the answer is",
        "Tad Devine, a senior adviser, spoke to reporters on Monday.\n\n"
        "Asked whether the fundraising email went beyond the campaign's message, Devine said the team "
        "stood by every word of it.",
        anchor="stood by every word",
        speaker="Tad Devine",
    ),
    Row(
        "quote given to the person it criticises",
        "Students at the rally carried signs about Donald Trump.\n\n"
        '"He is a man who constantly and proudly speaks evil," the students wrote in an open letter.',
        anchor="proudly speaks evil",
        speaker="students",
        not_speaker="Trump",
    ),
    Row(
        "a place or a crowd is never a speaker",
        "Students at the rally carried signs about Donald Trump.\n\n"
        '"He is a man who constantly and proudly speaks evil," the students wrote in an open letter.',
        anchor=None,
        not_speaker="rally",
    ),
    Row(
        "a rival named inside the quote",
        '"We couldn\'t lose this election to Donald Trump," said John Podesta, the chairman of the Clinton campaign.',
        anchor="lose this election",
        speaker="John Podesta",
        not_speaker="Trump",
    ),
    Row(
        "an unattributed quote goes on with the last speaker quoted, not the first",
        "\u201cThis is the moment they told us would never happen,\u201d Rubio said Monday night. \u201cThey "
        "told me we had no chance.\u201d His campaign manager, Alex Conant, struck a similar tune. \u201cThis is "
        "a big night for us,\u201d Conant said. \u201cIt is a three-person race now. If you do not want Trump, "
        "get on board with Marco Rubio.\u201d",
        anchor="three-person race",
        speaker="Alex Conant",
        not_speaker="Rubio",
    ),
    Row(
        "a cue after the content, in its own sentence, beats the one that ended the sentence before",
        "\u201cHe was a highly respected and well liked colleague,\u201d the statement added. The engineer "
        "often traveled for work and was headed to Cairo for meetings, the news site RTL Info reported.",
        anchor="often traveled for work",
        speaker="RTL Info",
        not_speaker="statement",
    ),
    Row(
        "'he' after a bare surname the entity tagger missed is that person",
        "Donald Trump met donors in Ohio.\n\nFormer Navy officer Tom Ryan wrote an essay about the attack.\n\n"
        "\u201cThe four officers don\u2019t matter at all to them,\u201d he wrote.\n\n"
        "Trump spoke about the economy on Tuesday. An economic downturn, he said, \u201ccould be a good time "
        "to borrow and pay off debt.\u201d",
        anchor="good time to borrow",
        speaker="Donald Trump",
        not_speaker="Tom Ryan",
    ),
    Row(
        "a surname the parser reads as a verb still names the speaker",
        "Donald Trump criticised Jeb Bush on casinos.\n\n"
        '"Jeb wants to be a tough guy tonight," Trump shot back. "Let me tell you something."',
        anchor="tough guy tonight",
        speaker="Donald Trump",
    ),
    Row(
        "a foreign leader's remark beside a US politician",
        "Senator Marco Rubio has pushed for new sanctions on Iran for months.\n\n"
        "Iranian President Hassan Rouhani said on Tuesday that any new sanctions would violate the nuclear deal.",
        anchor="violate the nuclear deal",
        speaker="Hassan Rouhani",
        not_speaker="Rubio",
    ),
    Row(
        "a bare title resolves to the person the article names",
        "Syrian President Bashar al-Assad met the United Nations envoy in Damascus on Monday.\n\n"
        "The Syrian president said that the talks would continue next month.",
        anchor="talks would continue",
        speaker="Bashar al-Assad",
    ),
    Row(
        "the subject of a reported clause is never a speaker",
        "Syrian President Bashar al-Assad met the United Nations envoy in Damascus on Monday.\n\n"
        "The Syrian president said that the talks would continue next month.",
        anchor=None,
        not_speaker="talks",
    ),
    Row(
        "an abstract noun phrase is never a speaker",
        "Hateful rhetoric has no place in this campaign, Mayor Jane Roe told reporters on Friday.",
        anchor="no place in this campaign",
        speaker="Jane Roe",
        not_speaker="rhetoric",
    ),
    Row(
        "a sentence opener is not a first name",
        "Plus Obama said the deal was a good one, and aides agreed.",
        anchor="deal was a good one",
        speaker="Obama",
        not_speaker="Plus",
    ),
    Row(
        "a medium is never a speaker",
        '"We will win Ohio," Trump wrote on Twitter late on Sunday.',
        anchor="We will win Ohio",
        speaker="Trump",
        not_speaker="Twitter",
    ),
    Row(
        "a reported belief is a statement",
        "Senator Elizabeth Warren believes the strikes were a grave mistake.",
        anchor="grave mistake",
        speaker="Elizabeth Warren",
        cue_type="belief",
    ),
    Row(
        "an announced plan is a statement",
        "Governor Jane Roe vowed to veto the pipeline bill when it reaches her desk.",
        anchor="veto the pipeline bill",
        speaker="Jane Roe",
        cue_type="plan",
    ),
    Row(
        "an action is not a statement",
        "The senator walked to the podium, and the crowd cheered for several minutes.",
        anchor=None,
        not_speaker="senator",
    ),
    Row(
        "a phone bank is not a speaker",
        "Volunteers packed some phone bank in Columbus on Saturday, calling voters until midnight.",
        anchor=None,
        not_speaker="phone bank",
    ),
    Row(
        "a hyphenated surname names the person, not its last part",
        "Rep. Alexandria Ocasio-Cortez spoke on Monday.\n\n"
        "“GOP lost entitlement to policing women’s behavior a long time ago,” Ocasio-Cortez tweeted.",
        anchor="policing women",
        speaker="Alexandria Ocasio-Cortez",
    ),
    Row(
        "a title the tagger cut before the name is the person it names",
        "New Jersey Gov. Chris Christie claims that Clinton is unqualified to lead the country.",
        anchor="unqualified",
        speaker="Chris Christie",
        not_speaker="Gov.",
    ),
    Row(
        "a role with the name in apposition is the person",
        "The host Steve Doocy said that the science is still in question for many viewers.",
        anchor="still in question",
        speaker="Steve Doocy",
        not_speaker="host",
    ),
    Row(
        "a title names the officeholder the article named without it",
        "Bernie Sanders spoke in Burlington on Monday.\n\n"
        "The Vermont senator emailed supporters saying that the race was not over yet.",
        anchor="not over yet",
        speaker="Bernie Sanders",
    ),
    Row(
        "a possessive pronoun names the person it stands for",
        "Donald Trump spoke in Ohio on Monday. His pledge to reintroduce waterboarding drew criticism from both parties.",
        anchor="reintroduce waterboarding",
        speaker="Donald Trump",
    ),
    Row(
        "a part of a group speaks for the group it names",
        "Activists gathered outside the convention hall on Monday.\n\n"
        "Some of those same activists said the party had abandoned working families.",
        anchor="abandoned working families",
        speaker="activists",
    ),
    Row(
        "a share of someone's staff is a group speaker",
        "Several of his senior aides believe the campaign should stay out of Ohio.",
        anchor="stay out of Ohio",
        speaker="aides",
        cue_type="belief",
    ),
    Row(
        "a document is an unnamed source when no one behind it is named",
        "The campaign sued the county on Monday. The filing argues that the new voting rules violate state law.",
        anchor="violate state law",
        speaker="filing",
    ),
    Row(
        "a document that names the person behind it is that person",
        "Prosecutors dropped two of the charges on Monday. \"We are disappointed by the government's decision, "
        "but hardly surprised,\" read the statement from Grimm's attorney, William McGinley.",
        anchor="disappointed",
        speaker="William McGinley",
    ),
    Row(
        "a document is named without its relative clause",
        "The faculty wrote to the speaker on Tuesday. The letter, which the faculty members sent along with a "
        "copy of the church's teaching, says that the budget hurts the poor.",
        anchor="budget hurts the poor",
        speaker="The letter",
        not_speaker="teaching",
    ),
    Row(
        "'they' is the group the paragraph just named",
        "Senate Republicans met behind closed doors on Tuesday. "
        "They slammed the tax loophole as a giveaway to corporations.",
        anchor="tax loophole",
        speaker="Senate Republicans",
    ),
    Row(
        "images are evidence, not speakers",
        "Photos surfaced on social media on Tuesday showing militia leaders mingling with the protesters.",
        anchor=None,
        not_speaker="Photos",
    ),
    Row(
        "a campaign action is not an announced plan",
        "Volunteers packed some phone bank in Columbus on Saturday, calling voters until midnight.",
        anchor=None,
        not_speaker="Volunteers",
    ),
    Row(
        "a participle's object is its target, not its speaker",
        "John O'Donnell wrote a book about the casino.\n\n"
        'Trump denied the accusations through a spokeswoman, dismissing O\'Donnell as "a disgruntled former employee."',
        anchor="disgruntled former employee",
        speaker="Trump",
        not_speaker="O'Donnell",
    ),
    Row(
        "a lone surname the parser calls an organisation is the person",
        "New Jersey Gov. Chris Christie campaigned in New Hampshire on Monday.\n\n"
        "Christie's been making the case for weeks that Rubio isn't ready for the White House.",
        anchor="Rubio isn't ready",
        speaker="Chris Christie",
    ),
    Row(
        "an epithet in a list is no speaker",
        "Editor's note: Donald Trump is a serial liar, rampant xenophobe, racist and birther who has repeatedly "
        "pledged to ban all Muslims from entering the U.S.",
        anchor=None,
        not_speaker="xenophobe",
    ),
    Row(
        "an abstract noun is never a speaker",
        "Democrats accused the governor of lying. Gender politics seems likely to define the presidential "
        "election as much as any issue.",
        anchor=None,
        not_speaker="politics",
    ),
    Row(
        "rhetoric is not its speaker",
        "Trump's caustic rhetoric suggests that he will not moderate his tone.",
        anchor=None,
        not_speaker="rhetoric",
    ),
    Row(
        "an epithet before a name is the person",
        "Donald Trump skipped the debate on Thursday.\n\nA grumpy Trump complained that Fox News had treated him "
        "unfairly.",
        anchor="treated him unfairly",
        speaker="Donald Trump",
        not_speaker="grumpy",
    ),
    Row(
        "a dateline is not a speaker",
        "ORLANDO — Officials said the gunman acted alone.",
        anchor="the gunman acted alone",
        speaker="Officials",
        not_speaker="ORLANDO",
    ),
    Row(
        "a wire dateline with state and agency is not a speaker either",
        "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors on Thursday and said the United States "
        "must act to control gun violence.",
        anchor="must act to control gun violence",
        speaker="Barack Obama",
        not_speaker="ORLANDO",
    ),
    Row(
        "the one asked is not the one speaking",
        "At the debate, Sanders was asked to name a specific decision Clinton made while serving in the Senate "
        "that was influenced by Wall Street.",
        anchor=None,
        not_speaker="Sanders",
    ),
    Row(
        "the subject of a raising verb is described, not speaking",
        "Ryan appeared closer to offering a full-throated endorsement of Trump on Thursday.",
        anchor=None,
        not_speaker="Ryan",
    ),
    Row(
        "the writer's own first person is the author",
        "I believe the senator is wrong about the strikes.",
        anchor="the senator is wrong about the strikes",
        speaker="the author",
    ),
    Row(
        "a transcript's first person is the turn's speaker, not the author",
        "TAPPER: I think you are wrong about the strikes.",
        anchor="you are wrong about the strikes",
        speaker="TAPPER",
        not_speaker="the author",
    ),
    Row(
        "a pronoun after the writer's aside is the person the story is about",
        "Donald Trump spoke in Ohio on Monday. I think the speech went badly. He said the wall would be built.",
        anchor="the wall would be built",
        speaker="Donald Trump",
        not_speaker="the author",
    ),
    Row(
        "first person inside a quote is its speaker, not the author",
        "“I think the strikes were a mistake,” Warren said.",
        anchor="the strikes were a mistake",
        speaker="Warren",
        not_speaker="the author",
    ),
    Row(
        "a role word stays a speaker",
        "A Pentagon spokesman said the strikes would continue.",
        anchor="the strikes would continue",
        speaker="A Pentagon spokesman",
    ),
    Row(
        "armed groups are bodies that speak",
        "Iranian-backed militias on Tuesday invaded the US embassy in Baghdad chanting "
        '"Death in the United States", raising widespread concern among officials in Iraq and Washington.',
        anchor="Death in the United States",
        speaker="militias",
    ),
    Row(
        "a poll is a source",
        "A new Washington Post-ABC News poll found that 63 percent of Americans want the Senate to hold hearings.",
        anchor="63 percent of Americans",
        speaker="poll",
    ),
    Row(
        "a share of a group speaks for the group",
        "A handful of Democrats said the bill would fail.",
        anchor="the bill would fail",
        speaker="Democrats",
    ),
    Row(
        "a sentence the parser reads as a noun phrase is not a speaker's name",
        "Donald Trump told Jeb Bush to quiet down during a heated exchange on eminent domain.\n\n"
        'Trump defended eminent domain, calling the seizure of private land an "absolute necessity" for '
        "the government to build roads.",
        anchor="seizure of private land",
        speaker="Donald Trump",
        not_speaker="defended",
    ),
    Row(
        "a clause is never a speaker, and a later 'he' is the person",
        "Bernie Sanders met his Senate colleagues on Tuesday.\n\n"
        "It is implied that he will not stand in Clinton's way, all but ensuring that the chorus of "
        "detractors calling for him to drop out quiets down.\n\n"
        '"Let me make it very clear that Donald Trump is unfit to be president," he told reporters.',
        anchor="unfit to be president",
        speaker="Bernie Sanders",
        not_speaker="chorus",
    ),
    Row(
        "a hyphenated role keeps its first part",
        "Mr. Trump attacked Hillary Clinton on Sunday after the Democratic front-runner had said on Saturday "
        "that he was ''becoming ISIS' best recruiter.''",
        anchor="best recruiter",
        speaker="front-runner",
    ),
    Row(
        "a hyphenated group keeps its first part",
        "Black voters backed Hillary Clinton in South Carolina.\n\n"
        "Many African-Americans said that their incomes were rising more slowly than those of other groups.",
        anchor="incomes were rising",
        speaker="African-Americans",
    ),
    Row(
        "a closing quote glued to the speaker's name",
        "Hillary Clinton spoke to reporters in Iowa.\n\n"
        "“Somebody with his reputation should not traffic in a lot of the prejudice and paranoia,”Clinton said.",
        anchor="traffic in a lot",
        speaker="Hillary Clinton",
        not_speaker="paranoia",
    ),
    Row(
        "a role right before the name gives the person",
        "White House hopeful Hillary Clinton has waded into the Brexit debate, throwing her weight behind "
        "President Obama's advice that Britain should remain within the European Union.",
        anchor="Britain should remain",
        speaker="Hillary Clinton",
    ),
    Row(
        "'it' that speaks is the company or document just before",
        "Days before its earnings report, the social media company said on Friday that it had suspended "
        "125,000 accounts linked to extremism. It also said it had expanded the teams that review reports "
        "of such accounts.",
        anchor="expanded the teams",
        speaker="the social media company",
    ),
    Row(
        "'it' that speaks is never a person",
        "Senator Maria Lopez met the company's chief executive on Monday.\n\n"
        "It also said that the accounts had been suspended.",
        anchor=None,
        not_speaker="Maria Lopez",
    ),
    Row(
        "a person known by one name is the 'she' after her",
        "Two standout moments came from Shonda Rhimes and Rihanna, who both accepted awards.\n"
        "In her speech, Rhimes declared the need for ambition: “Change the world,” she said.\n"
        "Meanwhile Rihanna, who was honored with the Rockstar award, spoke about self-love. “The minute you "
        "learn to love yourself, you would not want to be anyone else,” she said.",
        anchor="The minute you learn",
        speaker="Rihanna",
        not_speaker="Rhimes",
    ),
    Row(
        "a topic or a list is never a speaker, although WordNet has a person sense for it",
        "President Obama is weighing nominees for the Supreme Court.\n\n"
        "Three names prominently mentioned as potential nominees are Jane Kelly, a judge on the United States "
        "Court of Appeals in Cedar Rapids, Iowa, and two judges on the Court of Appeals in Washington.\n\n"
        "Mr. Trump's decision to seize on immigration as his signature issue has showed how out of step the "
        "Republican establishment is with its voters.",
        anchor=None,
        not_speaker="name",
    ),
    Row(
        "a topic is never a speaker: 'his signature issue'",
        "Mr. Trump's decision to seize on immigration as his signature issue has showed how out of step the "
        "Republican establishment is with its voters.",
        anchor=None,
        not_speaker="issue",
    ),
]


@pytest.fixture(scope="module")
def tagger():
    from analysis.attribution import learned

    if not (MODEL / "model.safetensors").is_file():
        pytest.fail(f"the shipped attribution model is missing: {MODEL}")
    return learned.load_tagger(str(MODEL), threads=2)


def _statements(text: str, tagger):
    from analysis.attribution import find_statements
    from analysis.paragraphs import split_paragraphs

    return find_statements(text=text, paragraphs=split_paragraphs(text=text), tagger=tagger)


def _params():
    for row in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=row.known_failure)] if row.known_failure else []
        yield pytest.param(row, id=row.kind.replace(" ", "-"), marks=marks)


@pytest.mark.parametrize("row", list(_params()))
def test_error_kind(row: Row, tagger):
    statements = _statements(row.text, tagger)
    found = [(s.speaker, s.text, s.cue_type) for s in statements]
    if row.not_speaker:
        wrong = [f for f in found if f[0] and row.not_speaker.lower() in f[0].lower()]
        if row.anchor:
            wrong = [f for f in wrong if row.anchor in f[1]]
        assert not wrong, found
    if row.anchor is None:
        return
    matching = [f for f in found if row.anchor in f[1]]
    if row.speaker is None:  # the anchored words may be a statement, but no one's
        assert all(f[0] is None for f in matching), found
        return
    assert matching, f"no statement holds {row.anchor!r}: {found}"
    speaker, _, cue = matching[0]
    assert speaker and row.speaker.lower() in speaker.lower(), found
    if row.cue_type:
        assert cue == row.cue_type, found


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            "Shonda Rhimes spoke at the gala.\n\nIn her speech, Rhimes declared the need for strong will, ambition "
            "and drive: “Change the world and when you’ve done that, change it again,” she said.",
            "Change the world",
            "she",
        ),
        (
            "Donald Trump spoke in Ohio on Tuesday.\n\nAfter the attack in Normandy, Trump asserted that France had lost its identity: “France is no longer "
            "France,” he claimed.",
            "France is no longer France",
            "he",
        ),
    ],
)
def test_a_quote_speaker_is_marked_at_its_own_cue(text, quote, mention, tagger):
    """PolNeAR marks the pronoun of '"...," she said', not the name of the sentence that introduced the quote;
    both name the same person, and the tagger's wider reading used to move the mention to the name."""
    found = [s for s in _statements(text, tagger) if quote in s.text and s.kind == "direct"]
    assert found, _statements(text, tagger)
    statement = found[0]
    assert (statement.speaker_start, text[statement.speaker_start : statement.speaker_end]) == (
        text.rindex(mention),
        mention,
    )


@pytest.mark.parametrize(
    ("doubtful_paragraph", "doubtful", "sure_paragraph", "sure"),
    [
        (
            "When the mayor held rallies all over the county, she was received by waves of protesters, and "
            "she has enjoyed a double-digit lead in the polls ever since.",
            "a double-digit lead in the polls",
            "The governor said the state would cut taxes next year.",
            "the state would cut taxes next year",
        ),
    ],
)
def test_the_tagger_drops_contents_it_is_unsure_of(
    doubtful_paragraph, doubtful, sure_paragraph, sure, tagger
):
    """The real model: a narrated content it tags with a lower probability goes at a stricter threshold."""
    from analysis.records import Paragraph

    text = f"{doubtful_paragraph}\n\n{sure_paragraph}"
    second = len(doubtful_paragraph) + 2
    paragraphs = [
        Paragraph(index=0, start=0, end=len(doubtful_paragraph), text=doubtful_paragraph),
        Paragraph(index=1, start=second, end=len(text), text=sure_paragraph),
    ]

    def contents(threshold: float) -> list[str]:
        found = tagger.tag(paragraphs, min_content_probability=threshold)
        return [text[a.content.start : a.content.end] for per in found for a in per]

    assert doubtful in contents(0.0) and sure in contents(0.0)
    assert doubtful not in contents(0.9) and sure in contents(0.9)
