"""The learned attribution tagger's decoding and its merge into the rules (fast: no model), and cue types."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.attribution import learned, merge
from analysis.records import Paragraph

TAG = {name: number for number, name in enumerate(learned.TAGS)}


def _tags(*names: str) -> list[int]:
    return [TAG[name] for name in names]


@pytest.mark.parametrize(
    ("tags", "offsets", "spans"),
    [
        # "Roe said the strikes were reckless"
        (
            _tags("O", "B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "O"),
            [(0, 0), (0, 3), (4, 8), (9, 12), (13, 20), (21, 25), (26, 34), (0, 0)],
            [("SOURCE", 0, 3), ("CUE", 4, 8), ("CONTENT", 9, 34)],
        ),
        # an I- after O starts a span; two contents side by side stay two
        (
            _tags("I-CONTENT", "I-CONTENT", "B-CONTENT", "I-CONTENT"),
            [(0, 2), (3, 5), (6, 8), (9, 11)],
            [("CONTENT", 0, 5), ("CONTENT", 6, 11)],
        ),
        # nothing tagged: nothing found
        (_tags("O", "O"), [(0, 2), (3, 5)], []),
    ],
)
def test_bio_tags_become_character_spans(tags, offsets, spans):
    assert learned._char_spans(tags, offsets) == spans


def _scores(*rows: dict[str, float]) -> np.ndarray:
    """Per-token log-probabilities: the named tags get the given probability, the rest share what is left."""
    out = []
    for row in rows:
        rest = (1.0 - sum(row.values())) / (len(learned.TAGS) - len(row))
        out.append([math.log(row.get(name, rest)) for name in learned.TAGS])
    return np.array(out)


@pytest.mark.parametrize(
    ("scores", "decoded"),
    [
        # a valid argmax is kept as it is
        (
            _scores({"B-SOURCE": 0.9}, {"B-CUE": 0.9}, {"B-CONTENT": 0.8}, {"I-CONTENT": 0.8}),
            ("B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT"),
        ),
        # one token the classifier doubts breaks a content in two under argmax; decoded, it stays whole
        (
            _scores(
                {"B-CONTENT": 0.9}, {"O": 0.5, "I-CONTENT": 0.45}, {"I-CONTENT": 0.9}, {"I-CONTENT": 0.9}
            ),
            ("B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"),
        ),
        # a span cannot open with I-: the first token becomes B-
        (_scores({"I-CONTENT": 0.6, "B-CONTENT": 0.3}, {"I-CONTENT": 0.9}), ("B-CONTENT", "I-CONTENT")),
        # an I- of another kind does not continue a span
        (_scores({"B-SOURCE": 0.9}, {"I-CONTENT": 0.5, "I-SOURCE": 0.1, "O": 0.3}), ("B-SOURCE", "O")),
        # nothing tagged: nothing found
        (_scores({"O": 0.9}, {"O": 0.9}), ("O", "O")),
    ],
)
def test_decoding_keeps_bio_spans_whole(scores, decoded):
    assert [learned.TAGS[t] for t in learned.viterbi(scores)] == list(decoded)


@pytest.mark.parametrize(
    ("rows", "offsets", "span", "probability"),
    [
        # both content tags count (each row's other tags share what is left: 0.9 + 0.1/6 and 0.5 + 0.5/6);
        # the token outside the span and the special token do not
        ([{"B-CONTENT": 0.9}, {"I-CONTENT": 0.5}, {"O": 0.9}], [(0, 3), (4, 8), (9, 12)], (0, 8), 0.75),
        ([{"B-CONTENT": 0.9}, {"I-CONTENT": 0.4}], [(0, 0), (0, 3)], (0, 3), 0.5),
        # no token inside the span: nothing to doubt
        ([{"O": 0.9}], [(0, 3)], (5, 9), 1.0),
    ],
)
def test_content_probability_is_the_mean_over_the_span(rows, offsets, span, probability):
    scores = _scores(*rows)
    found = learned.content_probability(scores, offsets, start=span[0], end=span[1])
    assert found == pytest.approx(probability, abs=0.001)


def test_special_tokens_are_left_out_of_the_decoded_path():
    tagger = object.__new__(learned.Tagger)
    tagger.transitions = learned.BIO_ONLY
    # [CLS] roe said [SEP]: the classifier's scores for the unlabelled [CLS] must not open a span for "roe"
    scores = _scores({"B-CONTENT": 0.9}, {"I-CONTENT": 0.6, "B-SOURCE": 0.3}, {"B-CUE": 0.9}, {"I-CUE": 0.9})
    offsets = [(0, 0), (0, 3), (4, 8), (0, 0)]
    assert [learned.TAGS[t] for t in tagger._decode(scores, offsets)] == ["O", "B-SOURCE", "B-CUE", "O"]


def test_decoding_an_empty_window_finds_nothing():
    assert learned.viterbi(np.zeros((0, len(learned.TAGS)))) == []


def test_transition_scores_decide_between_readings_the_classifier_finds_equal():
    # token 2 is a content or nothing, even odds; after a cue, the training labels say content is likely
    scores = _scores({"B-SOURCE": 0.9}, {"B-CUE": 0.9}, {"B-CONTENT": 0.45, "O": 0.45})
    assert [learned.TAGS[t] for t in learned.viterbi(scores)][2] in {"B-CONTENT", "O"}
    transitions = np.zeros((len(learned.TAGS), len(learned.TAGS)))
    transitions[TAG["B-CUE"], TAG["B-CONTENT"]] = 1.0
    decoded = learned.viterbi(scores, transitions=learned.BIO_ONLY + transitions)
    assert learned.TAGS[decoded[2]] == "B-CONTENT"
    transitions[TAG["B-CUE"], TAG["B-CONTENT"]] = -1.0
    decoded = learned.viterbi(scores, transitions=learned.BIO_ONLY + transitions)
    assert learned.TAGS[decoded[2]] == "O"


def test_transition_scores_are_counted_from_the_training_labels():
    from train.attribution import bio_transitions

    # a cue is always followed by a content in these labels, a content never by a source
    windows = [
        {"labels": [-100, TAG["B-SOURCE"], TAG["B-CUE"], TAG["B-CONTENT"], TAG["I-CONTENT"], TAG["O"], -100]}
    ] * 20
    table = np.array(bio_transitions(windows))
    assert table.shape == (len(learned.TAGS), len(learned.TAGS))
    assert table[TAG["B-CUE"], TAG["B-CONTENT"]] > 1.0
    assert table[TAG["I-CONTENT"], TAG["B-SOURCE"]] < 0.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, None),  # no table: the BIO constraint alone
        ("{not json", "Cannot read"),
        ('{"tags": ["O"], "scores": [[0.0]]}', "does not hold transition scores"),
        ('{"scores": "many"}', "does not hold transition scores|Cannot read"),
    ],
)
def test_a_transition_table_is_read_or_refused_clearly(tmp_path, content, message):
    from analysis.models import ModelError

    if content is None:
        assert learned.read_transitions(tmp_path) is None
        return
    (tmp_path / learned.TRANSITIONS_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        learned.read_transitions(tmp_path)


def test_the_shipped_model_has_its_transition_table():
    table = learned.read_transitions(learned.DEFAULT_TAGGER)
    assert table is not None and table.shape == (len(learned.TAGS), len(learned.TAGS))


def test_each_content_gets_the_nearest_cue_and_its_source():
    text = "Roe said the strikes were reckless. Doe argued that they were justified and necessary."
    paragraph = Paragraph(index=3, start=100, end=100 + len(text), text=text)
    spans = [
        (0, 3, "SOURCE"),
        (4, 8, "CUE"),
        (9, 34, "CONTENT"),
        (36, 39, "SOURCE"),
        (40, 46, "CUE"),
        (52, 85, "CONTENT"),
    ]
    grouped = learned._group(paragraph, spans)
    assert [(a.source.start, a.cue.start, a.content.start) for a in grouped] == [
        (100, 104, 109),
        (136, 140, 152),
    ]


def _spans_of(text: str, *parts: tuple[str, str]) -> list[tuple[int, int, str]]:
    return sorted((text.index(phrase), text.index(phrase) + len(phrase), kind) for phrase, kind in parts)


@pytest.mark.parametrize(
    ("text", "parts", "content", "cue", "source"),
    [
        # the cue of the content's own sentence wins over a nearer one that ended the sentence before
        (
            "Two men were on board, the ministry spokesman said Thursday. They were merchants from Angers, "
            "according to ouest-france.fr.",
            [
                ("Two men were on board", "CONTENT"),
                ("the ministry spokesman", "SOURCE"),
                ("said Thursday", "CUE"),
                ("They were merchants from Angers", "CONTENT"),
                ("according to", "CUE"),
                ("ouest-france.fr", "SOURCE"),
            ],
            "They were merchants from Angers",
            "according to",
            "ouest-france.fr",
        ),
        (
            '"He was a respected colleague," the statement added. The engineer often traveled for work, the '
            "news site RTL Info reported.",
            [
                ("the statement", "SOURCE"),
                ("added", "CUE"),
                ("The engineer often traveled for work", "CONTENT"),
                ("the news site RTL Info", "SOURCE"),
                ("reported", "CUE"),
            ],
            "The engineer often traveled for work",
            "reported",
            "the news site RTL Info",
        ),
        # a title's full stop ends no sentence: "Sen. Roe" stays in the content's sentence
        (
            "The bill is dead, Sen. Roe said on Monday.",
            [("The bill is dead", "CONTENT"), ("Sen. Roe", "SOURCE"), ("said", "CUE")],
            "The bill is dead",
            "said",
            "Sen. Roe",
        ),
        # with no cue in its own sentence, a content still takes the nearest one
        (
            'Roe said on Monday: "We will win." "The voters are with us and always have been."',
            [("Roe", "SOURCE"), ("said", "CUE"), ("The voters are with us and always have been", "CONTENT")],
            "The voters are with us and always have been",
            "said",
            "Roe",
        ),
    ],
)
def test_a_content_takes_the_cue_and_source_of_its_own_sentence(text, parts, content, cue, source):
    paragraph = Paragraph(index=0, start=0, end=len(text), text=text)
    grouped = {
        text[a.content.start : a.content.end]: a for a in learned._group(paragraph, _spans_of(text, *parts))
    }
    found = grouped[content]
    assert text[found.cue.start : found.cue.end] == cue
    assert text[found.source.start : found.source.end] == source


def test_short_contents_are_dropped():
    paragraph = Paragraph(index=0, start=0, end=20, text="He said it was fine.")
    assert learned._group(paragraph, [(0, 2, "SOURCE"), (3, 7, "CUE"), (8, 10, "CONTENT")]) == []


@pytest.mark.parametrize(
    ("cue", "kind", "expected"),
    [
        ("said", "indirect", "speech"),
        ("told reporters", "indirect", "speech"),
        ("believes", "indirect", "belief"),
        ("thinks", "indirect", "belief"),
        ("vowed", "indirect", "plan"),
        ("has backed", "indirect", "plan"),
        ("called for", "indirect", "plan"),
        ("would vote", "indirect", "plan"),
        ("pledged", "indirect", "plan"),
        ("believes", "direct", "speech"),  # a direct quote is speech whatever the verb
        (None, "indirect", "speech"),
        ("according to", "indirect", "speech"),
    ],
)
def test_cue_types(cue, kind, expected):
    assert merge.cue_type(cue, kind=kind) == expected


@pytest.mark.parametrize(
    ("cue", "boundary", "expected"),
    [
        ("called", ("called", "the"), "speech"),  # "called the charge dishonest": naming it
        ("called", ("for", "a"), "plan"),  # "called for a ban"
        ("calling", ("calling", "on"), "plan"),  # "calling on the United States to withdraw"
        ("called on", ("on", "the"), "plan"),
        ("calls", ("calls", "it"), "speech"),
        ("vowed", ("vowed", "to"), "plan"),  # a word that needs no particle
    ],
)
def test_call_is_a_plan_only_with_for_or_on(cue, boundary, expected):
    assert merge.cue_type(cue, kind="indirect", boundary=boundary) == expected


@pytest.mark.parametrize(
    ("text", "span", "trimmed"),
    [
        ('He said, "we will win."', (8, 23), (10, 22)),
        ("that the plan works ", (0, 20), (0, 19)),
        ("plain", (0, 5), (0, 5)),
    ],
)
def test_contents_are_trimmed_of_quotes_and_punctuation(text, span, trimmed):
    assert merge._trim(text, *span) == trimmed


def test_tagger_path_can_be_turned_off(tmp_path):
    assert learned.tagger_path(environ={"STANCESCOPE_ATTRIBUTION_MODEL": "none"}) is None
    assert learned.tagger_path(environ={"STANCESCOPE_ATTRIBUTION_MODEL": str(tmp_path)}) == str(tmp_path)


def test_a_model_with_other_labels_is_refused(tiny_model_dirs):
    from analysis.models import ModelError

    with pytest.raises(ModelError, match="not an attribution tagger|Cannot load"):
        learned.load_tagger(str(tiny_model_dirs["stance"]))


def _statement(text: str, content: str, mention: str, rule: str = "reported_speech"):
    from analysis.records import Statement

    start = text.index(content)
    at = text.index(mention)
    return Statement(
        paragraph=0,
        start=start,
        end=start + len(content),
        text=content,
        kind="indirect",
        speaker=mention,
        speaker_start=at,
        speaker_end=at + len(mention),
        rule=rule,
    )


@pytest.mark.parametrize(
    ("text", "mention", "tagged_source", "widened"),
    [
        (
            "Former President Bill Clinton said the plan would fail.",
            "Bill Clinton",
            "Former President Bill Clinton",
            "Former President Bill Clinton",
        ),
        (  # PolNeAR keeps the apposition's closing comma
            "Douglas Holtz-Eakin, an economist, said the plan would fail.",
            "Douglas Holtz-Eakin",
            "Douglas Holtz-Eakin, an economist,",
            "Douglas Holtz-Eakin, an economist,",
        ),
        ("Bill Clinton said the plan would fail.", "Bill Clinton", "Bill Clinton", "Bill Clinton"),
        # a tagged source elsewhere does not move the mention
        ("Bill Clinton said Obama would fail.", "Bill Clinton", "Obama", "Bill Clinton"),
    ],
)
def test_the_mention_widens_to_the_tagged_source_that_holds_it(text, mention, tagged_source, widened):
    statement = _statement(text, "the plan would fail" if "plan" in text else "would fail", mention)
    at = text.index(tagged_source)
    source = learned.TaggedSpan("SOURCE", at, at + len(tagged_source))
    out = merge._mention_as_tagged(text, statement, [source])
    assert text[out.speaker_start : out.speaker_end] == widened


@pytest.mark.parametrize(
    ("text", "mention", "content", "widened"),
    [
        (
            "Susan Crawford, who recalled that the project stalled, left.",
            "Susan Crawford",
            "the project stalled",
            "Susan Crawford, who",
        ),
        ("Crawford, who left, said the project stalled.", "Crawford", "the project stalled", "Crawford, who"),
        # the relative clause ended before the statement: the mention stays
        (
            "Crawford, who left. Later it emerged the project stalled.",
            "Crawford",
            "the project stalled",
            "Crawford",
        ),
        ("Crawford said the project stalled.", "Crawford", "the project stalled", "Crawford"),
    ],
)
def test_a_relative_pronoun_after_the_speaker_joins_the_mention(text, mention, content, widened):
    out = merge.with_relative_pronouns(text, [_statement(text, content, mention)])
    assert text[out[0].speaker_start : out[0].speaker_end] == widened


@pytest.mark.parametrize(
    ("rule", "source", "decides"),
    [
        ("pronoun", "Obama", True),  # the rule lost these disagreements on held-out train articles
        ("reported_speech", "Obama", True),
        ("surname", "Obama", False),  # the rule won these
        ("quote_cue_after", "Obama", False),
        ("pronoun", "He", False),  # they agree: nothing to decide
        ("pronoun", None, False),  # the tagger found no source
    ],
)
def test_the_tagger_names_the_speaker_only_where_the_table_says_it_wins(rule, source, decides):
    text = "He said Obama would veto the bill."
    statement = _statement(text, "would veto the bill", "He", rule=rule)
    tagged = None
    if source is not None:
        at = text.index(source)
        tagged = learned.TaggedSpan("SOURCE", at, at + len(source))
    assert merge._tagger_decides(statement, tagged) is decides


@pytest.mark.parametrize(
    ("text", "quote", "mention", "own"),
    [
        # the pronoun right after the quote is the quote's own cue: the tagger's earlier name does not replace it
        (
            'Rhimes declared the need for drive: "Change the world," she said.',
            '"Change the world,"',
            "she",
            True,
        ),
        ("“France is no longer France,” he claimed.", "“France is no longer France,”", "he", True),
        ('"Who will pay for it?" he asked.', '"Who will pay for it?"', "he", True),
        ('"It is a home run," Tanzer said.', '"It is a home run,"', "Tanzer", True),
        # a capitalised pronoun after a closing stop starts the next sentence: not the quote's cue
        ('Rubio, who he dubbed "the little senator." He mocked Rubio.', '"the little senator."', "He", False),
        # words between the quote and the mention: not the quote's own cue
        ('"We will win," the campaign manager for Smith, she said.', '"We will win,"', "she", False),
        # the mention comes before the quote
        ('She said: "We will win."', '"We will win."', "She", False),
    ],
)
def test_a_quote_keeps_the_speaker_mention_right_after_it(text, quote, mention, own):
    from dataclasses import replace

    statement = _statement(text, quote, mention)
    at = text.rindex(mention)
    statement = replace(statement, kind="direct", speaker_start=at, speaker_end=at + len(mention))
    assert merge._own_cue_after(text, statement) is own


def test_the_arbitration_table_was_measured():
    from analysis.attribution import tables

    rows = tables._rows("source_arbitration.csv")
    assert {row["prefer"] for row in rows} <= {"tagger", "rule"}
    for row in rows:
        tagger_wins = int(row["tagger_right"]) - int(row["rule_right"])
        assert (row["prefer"] == "tagger") == (tagger_wins >= 3), row


@pytest.mark.parametrize(
    ("text", "content", "is_time"),
    [
        (
            "Two days before that, the United States said the group fired rockets.",
            "Two days before that",
            True,
        ),
        ("On Sunday morning, officials said the talks had failed.", "On Sunday morning", True),
        (
            "Two days before that, the United States said the group fired rockets.",
            "the group fired rockets",
            False,
        ),
        (
            "Officials said the talks that began on Sunday had failed.",
            "the talks that began on Sunday had failed",
            False,
        ),
    ],
)
def test_a_tagged_date_is_not_a_statement(text, content, is_time):
    from analysis.attribution import nlp

    doc = nlp.load()(text)
    start = text.index(content)
    paragraph = Paragraph(index=0, start=0, end=len(text), text=text)
    assert merge._is_time_phrase(doc, paragraph, start, start + len(content)) is is_time


@pytest.mark.parametrize(
    ("text", "cue", "impersonal"),
    [
        ("The embattled French president is expected to run for re-election.", "is expected", True),
        ("Sanders was asked to name a single decision.", "was asked", True),
        ("Ginsburg is best known for speaking her mind.", "is best known for", True),
        ("Paul Manafort seemed equally unperturbed by the polls.", "seemed", True),
        ("The governor appears to be fully embracing his duties.", "appears", True),
        # a participle clause: someone unnamed asked the subject of the sentence
        ("Asked about her weaknesses, Clinton said she would work harder.", "Asked about", True),
        # the subject speaks after all: a reporting verb follows, or the passive names its agent
        ("The actress appeared to imply that Trump could win.", "appeared to imply", False),
        ("Obama seemed to suggest that the deal was done.", "seemed to suggest", False),
        ("The plan was called a disaster by Senator Warren.", "was called", False),
        ("Clinton said the plan would fail.", "said", False),
        ("Republican senators are split on whether to hold hearings.", "are split on", False),
        ("Clinton asked about her weaknesses before she said she would work harder.", "asked about", False),
    ],
)
def test_a_cue_that_makes_its_subject_the_topic_names_no_speaker(text, cue, impersonal):
    from analysis.attribution import nlp

    doc = nlp.load()(text)
    start = text.index(cue)
    paragraph = Paragraph(index=0, start=0, end=len(text), text=text)
    tagged_cue = learned.TaggedSpan(kind="CUE", start=start, end=start + len(cue))
    assert merge._subject_not_source(doc, paragraph, tagged_cue) is impersonal


@pytest.mark.parametrize(
    ("text", "source", "speaker", "mention"),
    [
        # a relative pronoun names its antecedent, and the mention stays on the pronoun PolNeAR marks
        ("Senator Tim Scott, who portrayed the deal as a win, spoke on Monday.", "who", "Tim Scott", "who"),
        (
            "Some of those activists said the vote was rigged.",
            "Some of those activists",
            "activists",
            "those activists",
        ),
        ("The weather was cold on Monday.", "The weather", None, None),
        # a bare "many" is the group the paragraph is about; with no group before it, nobody
        ("Republicans met on Monday, and many said the vote was rigged.", "many", "Republicans", "many"),
        ("Many said the vote was rigged.", "Many", None, None),
    ],
)
def test_a_tagged_source_that_names_nobody_is_looked_into(text, source, speaker, mention):
    from analysis.attribution import nlp
    from analysis.attribution.names import Context

    doc = nlp.load()(text)
    paragraph = Paragraph(index=0, start=0, end=len(text), text=text)
    start = text.index(source)
    span = doc.char_span(start, start + len(source))
    found = merge._speaker_within(Context(text, None), paragraph, doc, span)
    if speaker is None:
        assert found is None
        return
    assert found is not None and speaker in found.name
    assert text[found.start : found.end] == mention


def test_other_annotators_files_are_extra_training_articles(tmp_path, monkeypatch):
    from train import attribution as training

    root = tmp_path / "polnear" / "train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a.txt").write_text("Roe said the plan would fail.", encoding="utf-8")
    (root / "attributions" / "a_1.ann").write_text("T1\tSource 0 3\tRoe\n", encoding="utf-8")
    (root / "attributions" / "a_2.ann").write_text(
        "T1\tSource 0 3\tRoe\nT2\tContent 9 28\tthe plan would fail\n", encoding="utf-8"
    )
    (root / "text" / "b.txt").write_text("Nothing here.", encoding="utf-8")
    (root / "attributions" / "b_1.ann").write_text("", encoding="utf-8")
    monkeypatch.setenv("STANCESCOPE_SHARED_DATA", str(tmp_path))

    first = training.polnear_articles("train")
    assert [(name, len(spans)) for name, _text, spans in first] == [("a", 1), ("b", 0)]
    others = training.other_annotations({"a", "b"})
    assert [(name, spans) for name, _text, spans in others] == [
        ("a", [training.Span("SOURCE", 0, 3), training.Span("CONTENT", 9, 28)])
    ]
    assert training.other_annotations({"b"}) == []  # a single annotator adds nothing


def test_the_crf_loss_is_the_sequence_negative_log_likelihood():
    import itertools

    import torch

    from train.attribution import CrfTagger

    n_tags = len(learned.TAGS)
    crf = CrfTagger(torch.nn.Identity(), np.random.default_rng(0).normal(size=(n_tags, n_tags)) * 0.5)
    logits = torch.randn(2, 5, n_tags, generator=torch.Generator().manual_seed(1))
    # row 0: three labelled tokens between special tokens; row 1: two, then padding
    labels = torch.tensor([[-100, 0, 5, 6, -100], [-100, 1, 3, -100, -100]])
    emissions = logits.log_softmax(-1)

    def brute_force(row: int, positions: list[int], gold: tuple[int, ...]) -> float:
        def score(tags):
            total = crf.starts[tags[0]] + emissions[row, positions[0], tags[0]]
            for t in range(1, len(tags)):
                total = total + crf.transitions[tags[t - 1], tags[t]] + emissions[row, positions[t], tags[t]]
            return total

        every = torch.stack([score(tags) for tags in itertools.product(range(n_tags), repeat=len(positions))])
        return float((torch.logsumexp(every, 0) - score(gold)).detach())

    expected = (brute_force(0, [1, 2, 3], (0, 5, 6)) + brute_force(1, [1, 2], (1, 3))) / 2
    assert float(crf.neg_log_likelihood(logits, labels).detach()) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize(
    ("text", "source", "cue", "content", "expected"),
    [
        # the nearest tagged source is in the next sentence: the cue verb's own subject speaks
        (
            "The ministers went to Jordan to learn about fighting terrorism. Jane Roe and John Doe are friends.",
            "Jane Roe and John Doe",
            "went to Jordan to learn about",
            "fighting terrorism",
            "The ministers",
        ),
        # across a sentence end and no subject for the cue: no source
        (
            "Learning about fighting terrorism, always. Jane Roe and John Doe are friends.",
            "Jane Roe and John Doe",
            "Learning about",
            "fighting terrorism",
            None,
        ),
        # a source in the cue's own sentence stays, even far from it
        (
            "Jane Roe, the long-serving mayor of the county, said the roads would be fixed.",
            "Jane Roe",
            "said",
            "the roads would be fixed",
            "Jane Roe",
        ),
        # "Sen. Roe" is one sentence
        (
            "Sen. Roe said the roads would be fixed.",
            "Sen. Roe",
            "said",
            "the roads would be fixed",
            "Sen. Roe",
        ),
    ],
)
def test_a_tagged_source_across_a_sentence_end_gives_way_to_the_cues_subject(
    text, source, cue, content, expected
):
    from analysis.attribution import nlp

    doc = nlp.load()(text)
    paragraph = Paragraph(index=0, start=0, end=len(text), text=text)

    def span(kind: str, phrase: str) -> learned.TaggedSpan:
        return learned.TaggedSpan(kind, text.index(phrase), text.index(phrase) + len(phrase))

    attribution = learned.TaggedAttribution(
        content=span("CONTENT", content), cue=span("CUE", cue), source=span("SOURCE", source)
    )
    found = merge._source_in_its_sentence(paragraph, doc, attribution).source
    assert (text[found.start : found.end] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        # a document names who it is by: that organisation speaks
        (
            '"It is a disgrace," reads a statement from the Iowa Democratic Party.',
            "a statement",
            "Democratic Party",
        ),
        (
            '"Shameful," reads a Wednesday editorial in The Des Moines Register.',
            "a Wednesday editorial",
            "Register",
        ),
        ("A report by the Pentagon said the strikes worked.", "A report", "Pentagon"),
        # a place or a date after it names no author
        ("A statement in Washington said the strikes worked.", "A statement", None),
    ],
)
def test_a_document_speaks_for_whoever_it_is_from(text, source, speaker):
    from analysis.attribution import nlp, speakers
    from analysis.attribution.names import Context

    doc = nlp.load()(text)
    paragraph = Paragraph(index=0, start=0, end=len(text), text=text)
    start = text.index(source)
    span = doc.char_span(start, start + len(source))
    found = speakers.speaker_from_token(Context(text, None), paragraph, doc, span.root)
    if speaker is None:
        assert found is None or found.type != "organisation"
        return
    assert found is not None and speaker in found.name and found.type == "organisation"
