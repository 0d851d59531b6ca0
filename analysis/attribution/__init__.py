"""Speaker attribution and party resolution (issue 4).

``find_statements(text=, paragraphs=, article_date=)`` is the one entry point the pipeline calls;
``resolve_party(name=, article_date=)`` re-resolves a party when an analyst corrects a speaker.
Plain Python (spaCy for the parse, no UI imports). Rules live as tables in ``data/`` (see its README).

Modules, by job: ``extract`` (``find_statements``: the rules' orchestration over an article, dash lines),
``quotes`` (direct-quote spans), ``cues`` (reporting verbs, ``according to``, reported speech),
``names`` (speakers from mentions; surname, title and pronoun resolution), ``party`` (party look-ups),
``tables`` (the ``data/`` tables), ``nlp`` (the spaCy pipeline), ``learned`` and ``merge`` (the optional
learned tagger and merging its attributions in), ``build_politicians`` (rebuilds ``data/politicians.csv``
and ``data/given_names.csv``, the given names' gender for pronoun agreement).

``Statement.rule`` names the rule that decided the speaker:

* ``quote_cue_after`` / ``quote_cue_before``: a reporting verb next to the quote (``"...," said X``,
  ``X said: "..."``); ``according_to``; ``reported_speech`` (``X said that ...``, ``X told The Daily Beast
  that ...``, ``X announced on Twitter ..., claiming that ...``); ``inverted`` (``said X`` parsed oddly);
* ``pull_quote_dash``: a quote paragraph followed by a dash line ``– Senator X (D-MA)``; a dash line with no
  unattributed quote right before it attaches nothing;
* ``same_paragraph``, ``continued_quote`` (a quote over several paragraphs), ``previous_paragraph`` (a
  paragraph that is only a quote, after an attributed paragraph), ``colon_intro`` (``X: "..."``);
* ``surname``, ``pronoun``, ``title``: the speaker was named by a later mention (``said Graham``, ``did he
  declare``, ``the senator said``) resolved to the person named earlier (these take precedence in ``rule``
  because they are the decision worth checking);
* ``unattributed_quote``: a quote of four or more words with no speaker found (``speaker`` is ``None``);
* ``learned``: a content only the learned tagger found, its speaker from the tagged source;
  ``learned_source``: a rule's content whose speaker the tagger named (the rule found none, or lost the
  disagreement by ``data/source_arbitration.csv``).

A speaker mention followed by the relative pronoun that opens the statement's clause takes it in
(``Crawford, who recalled that ...``), the phrase PolNeAR annotates as the source.

``Statement.party_source``: ``inline_tag``, ``group_word``, ``legislators``, ``curated``, ``title`` (see
``party.py``); unknown stays ``None``.
"""

from analysis.attribution.extract import find_statements
from analysis.attribution.party import resolve_party

__all__ = ["find_statements", "resolve_party"]
