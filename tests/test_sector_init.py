"""SectorRules' set-up steps: the taxonomy file's errors name the file, and the [rules] word
lists are folded as NORM is (ё → е, lowercase), units joining the name heads."""

from __future__ import annotations

import pytest
import spacy

from pipeline.errors import InputError
from pipeline.stages.rules.sector import SectorRules, load_taxonomy

TAXONOMY = """
[[sector]]
id = "energy"
name_ru = "энергетика"
name_en = "energy"
okved = ["35"]
terms = ["энергетика"]

[rules]
org_heads = ["Компания"]
context_heads = ["рынок"]
unit_heads = ["отдел"]
post_heads = ["заместитель"]
schooling_terms = ["образование"]
kind_genitives = ["серия"]
compound_adjective_tails = ["промышленный"]
object_goods = ["самолёт"]
embedding_threshold = 0.5
"""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (None, "cannot read taxonomy"),
        ("[[sector]\nid = ", "malformed TOML"),
        ("[rules]\npost_headz = []\n", "malformed taxonomy.*post_headz"),
        ('[[sector]]\nname_ru = "нефть"\n', "malformed taxonomy.*id"),
    ],
)
def test_load_taxonomy_errors_name_the_file(tmp_path, text, reason) -> None:
    path = tmp_path / "sectors.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as caught:
        load_taxonomy(path)
    assert caught.value.path == str(path)


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> SectorRules:
    path = tmp_path_factory.mktemp("taxonomy") / "sectors.toml"
    path.write_text(TAXONOMY, encoding="utf-8")
    return SectorRules(spacy.blank("ru"), "sector_rules", str(path), name_heads=("министр",))


@pytest.mark.parametrize(
    ("attribute", "words"),
    [
        ("name_heads", {"министр", "отдел"}),
        ("org_heads", {"компания"}),
        ("context_heads", {"рынок"}),
        ("post_heads", {"заместитель"}),
        ("schooling", {"образование"}),
        ("kind_genitives", {"серия"}),
        ("adjective_tails", {"промышленный"}),
        ("object_goods", {"самолет"}),
        ("stopwords", set()),
    ],
)
def test_word_lists_are_folded(rules, attribute, words) -> None:
    assert getattr(rules, attribute) == frozenset(words)


def test_threshold_from_the_file_unless_given(rules, tmp_path) -> None:
    assert rules.threshold == 0.5
    path = tmp_path / "sectors.toml"
    path.write_text(TAXONOMY, encoding="utf-8")
    given = SectorRules(spacy.blank("ru"), "s", str(path), embedding_threshold=0.8)
    assert given.threshold == 0.8
    assert given.terms == {("энергетика",): "energy"}
