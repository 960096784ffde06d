"""Which pymorphy3 reading of a word agrees with slovnet's tags in context: the lemma, the
grammemes (`token._.tag`) and the inflection helpers all start from that one choice."""

from __future__ import annotations

from functools import lru_cache

from pipeline import models

# slovnet speaks Universal Dependencies, pymorphy3 OpenCorpora: this aligns the two so the
# lemma comes from the dictionary reading that agrees with the tagger's choice in context.
UD_TO_OC_POS = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "ADJ": {"ADJF", "ADJS", "COMP"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"},
    "NUM": {"NUMR", "NUMB"},
    "ADV": {"ADVB", "COMP", "PRED"},
    "PRON": {"NPRO"},
    "DET": {"ADJF", "NPRO"},
    "ADP": {"PREP"},
    "CCONJ": {"CONJ"},
    "SCONJ": {"CONJ"},
    "PART": {"PRCL"},
    "INTJ": {"INTJ"},
}
UD_TO_OC_CASE = {
    "Nom": "nomn",
    "Gen": "gent",
    "Dat": "datv",
    "Acc": "accs",
    "Ins": "ablt",
    "Loc": "loct",
}


def choose_parse(word: str, pos: str | None = None, feats: dict | None = None):
    """The pymorphy3 parse of `word` that best agrees with the contextual POS and case."""
    return agreeing_parse(word, pos or "", (feats or {}).get("Case", ""))


# (word, POS, case) -> the chosen parse. Its misses are mostly also morphology's `_lemma`'s
# (the same key, cached there), so 10,000 entries make 2,500 more calls than 20,000 on the
# 840 NEREL texts and hold 6 MB less (models.PARSES_CACHE says how the bounds were chosen).
CHOICE_CACHE = 10_000


@lru_cache(maxsize=CHOICE_CACHE)
def agreeing_parse(word: str, pos: str, case: str):
    """`choose_parse` for a UD POS and case value ("Gen"), cached."""
    # Cached on what decides the choice: news repeats words with the same tags all the time.
    candidates = models.parses(word)
    if not candidates:
        return None
    wanted_pos = UD_TO_OC_POS.get(pos)
    wanted_case = UD_TO_OC_CASE.get(case)
    # The first parse with the highest score (2 for the POS, 1 for the case): pymorphy3 lists
    # the likeliest first. No later parse can beat one that has both.
    best, best_score = candidates[0], -1
    perfect = (2 if wanted_pos else 0) + (1 if wanted_case else 0)
    for parse in candidates:
        tag_pos, grammemes = _tag_features(parse.tag)
        score = (2 if wanted_pos and tag_pos in wanted_pos else 0) + (
            1 if wanted_case and wanted_case in grammemes else 0
        )
        if score > best_score:
            best, best_score = parse, score
            if score == perfect:
                break
    return best


# pymorphy3 tag string -> (POS, grammemes). `tag.POS` and `grammeme in tag` compute a set
# intersection and validate on every call; a dictionary has a few thousand distinct tags,
# keyed by their string (`str(tag)`, pymorphy3's public spelling of a tag).
_TAG_FEATURES: dict[str, tuple[str | None, frozenset[str]]] = {}


def _tag_features(tag) -> tuple[str | None, frozenset[str]]:
    key = str(tag)
    features = _TAG_FEATURES.get(key)
    if features is None:
        features = _TAG_FEATURES[key] = (tag.POS, frozenset(tag.grammemes))
    return features
