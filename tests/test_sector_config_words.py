"""The closed-class words of the sector rules are data (configs/sectors.toml [rules]): the
conjunctions that end a coordination of adjectives (decision 217), the prepositions of purpose
of a paid field (156), the linking vowels and endings of a compound adjective (176) and the
prepositions of the state's service as a person's status (220 b). Each
row reads the shipped file, then a copy with one list changed: the behaviour follows the file."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.sector_taxonomy import DEFAULT_PATH
from pipeline.stages.rules.sector import SectorRules, _conjuncts_before, _service_status


def _rules(tmp_path, key: str | None = None, value: str = "[]", nlp=None) -> SectorRules:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    if key is not None:
        text, count = re.subn(rf"(?m)^{key} = \[.*\]$", f"{key} = {value}", text)
        assert count == 1, key
    path = tmp_path / "sectors.toml"
    path.write_text(text, encoding="utf-8")
    return SectorRules(nlp or spacy.blank("ru"), "sector_rules", str(path), embedding_threshold=2.0)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> SectorRules:
    return _rules(tmp_path_factory.mktemp("shipped"))


def _doc(words: list[str], pos: list[str], case: str = "Gen") -> Doc:
    nlp = spacy.blank("ru")
    doc = Doc(nlp.vocab, words=words, pos=pos, morphs=[f"Case={case}"] * len(words))
    for token in doc:
        token.norm_ = token.lower_
    return doc


@pytest.mark.parametrize(
    ("key", "value", "lemma"),
    [
        ("compound_linking_vowels", '["е"]', "финансово-промышленный"),
        ("adjective_endings", '["ий"]', "финансово-промышленный"),
    ],
)
def test_compound_adjective_reads_the_file(shipped, tmp_path, key, value, lemma) -> None:
    assert shipped._compound_adjective(lemma) == "finance"
    assert _rules(tmp_path, key, value)._compound_adjective(lemma) is None


def test_purpose_words_read_the_file(shipped, tmp_path) -> None:
    doc = _doc(["оплата", "за", "обучение"], ["NOUN", "ADP", "NOUN"])
    assert shipped._paid_for(doc, 2, frozenset())  # no money amount in the doc
    changed = _rules(tmp_path, "purpose_words", '["для"]')
    assert not changed._paid_for(doc, 2, frozenset())


@pytest.mark.parametrize(
    ("words", "links", "expected"),
    [
        (["нефтяной", "и", "газовой"], frozenset({"и", "или"}), [0]),
        (["нефтяной", "или", "газовой"], frozenset({"и", "или"}), [0]),
        (["нефтяной", "или", "газовой"], frozenset({"и"}), []),
        (["угольной", ",", "нефтяной", "и", "газовой"], frozenset({"и"}), [2, 0]),
        (["угольной", ",", "нефтяной"], frozenset({"и"}), []),  # a comma only before a link
    ],
)
def test_conjunctions_come_from_the_caller(words, links, expected) -> None:
    doc = _doc(words, ["ADJ" if w[0].isalpha() else "PUNCT" for w in words])
    assert list(_conjuncts_before(doc, len(words) - 1, links)) == expected


def test_shipped_lists(shipped) -> None:
    assert shipped.links == frozenset({"и", "или"})
    assert shipped.purpose == frozenset({"за", "на", "для", "чтобы"})
    assert shipped.linking_vowels == ("о", "е")
    assert shipped.adjective_endings == ("ый", "ий", "ой")
    assert shipped.service_at == frozenset({"на"})
    assert shipped.service_from == frozenset({"с", "со"})


@pytest.mark.parametrize(
    ("words", "case", "key", "value"),
    [
        (["на", "госслужбе"], "Loc", "service_at_prepositions", '["в"]'),
        (["ушёл", "с", "госслужбы"], "Gen", "service_from_prepositions", '["из"]'),
        (["со", "службы"], "Gen", "service_from_prepositions", '["с"]'),
    ],
)
def test_service_prepositions_read_the_file(shipped, tmp_path, words, case, key, value) -> None:
    doc = _doc(words, ["VERB"] * (len(words) - 2) + ["ADP", "NOUN"], case)
    match = doc[len(words) - 1 :]
    assert _service_status(match, shipped.service_at, shipped.service_from)
    changed = _rules(tmp_path, key, value)
    assert not _service_status(match, changed.service_at, changed.service_from)


def test_coordination_links_change_the_stage(tmp_path) -> None:
    """Without "или" as a link, "нефтяные или газовые компании" loses its first conjunct."""
    nlp = spacy.blank("ru")
    words = ["нефтяные", "или", "газовые", "компании"]
    lemmas = ["нефтяной", "или", "газовый", "компания"]
    pos = ["ADJ", "CCONJ", "ADJ", "NOUN"]
    for key, value, found in (
        (None, "", {"нефтяные", "газовые компании"}),
        ("coordination_links", '["и"]', {"газовые компании"}),
    ):
        doc = Doc(nlp.vocab, words=words, pos=pos, morphs=["Case=Nom|Number=Plur"] * 4)
        for token, lemma in zip(doc, lemmas, strict=True):
            token.norm_ = lemma
        doc[0].is_sent_start = True
        for token in doc[1:]:
            token.is_sent_start = False
        rules = _rules(tmp_path, key, value, nlp) if key else _rules(tmp_path, nlp=nlp)
        assert {s.text for s in rules(doc).spans["SECTOR"]} == found
