"""SECTOR mentions: industries named by the lemma terms of the sector taxonomy.

Every term of configs/sectors.toml (and every negative term) is compiled once into a spaCy
PhraseMatcher on the NORM attribute, which the morphology stage sets to each token's folded
contextual lemma (lowercase, ё → е), the same representation the pattern docs are built from —
so "в сельском хозяйстве", "сельскому хозяйству" and "зелёной/зеленой энергетике" all meet
their term.

Overlapping matches are resolved longest first (earliest wins ties, as spacy.util.filter_spans):
"нефтяной промышленности" is oil, not the bare "промышленность" (manufacturing). A negative term
competes like any other: when it wins ("ядерного разоружения", "сектора Газа", a bare
"технологии") its tokens are consumed and no mention is written there. Then a match is dropped
- when it overlaps an ORG or PER span: sector words inside a name ("Министерство образования",
  "Экономического и энергетического Диалога") are not SECTOR mentions. An ORG that is exactly
  the term and not in quotes is NER misreading a sector acronym ("ОПК", "ВПК", "ТЭК", "АЭС")
  and does not hide it; a quoted «Уран» is a company;
- when it follows the head of the name of a body or post (NAME_HEADS, optionally + "по"):
  "министр энергетики", "в министерстве образования" where NER found no ORG;
- when it is Latin-script next to another Latin word: English text ("«It's My Life»"),
  not the term "IT".

Each mention gets `_.value` = SectorValue(sector id, ОКВЭД codes joined with ";") and
`_.normal` = the sector's `name_ru` from the taxonomy, so all mentions of one sector share one
readable normal form (the lemma sequence of a term is not grammatical Russian).
"""

from __future__ import annotations

import re
import tomllib

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import extensions
from pipeline.errors import InputError
from pipeline.rules.base import make_span, set_group
from pipeline.rules.lexicon import fold, lemma_set, norm_doc, token_lemma
from pipeline.rules.org import CLOSE_QUOTES, OPEN_QUOTES
from pipeline.schema import SectorValue
from pipeline.sector_taxonomy import DEFAULT_PATH, Taxonomy

LABEL = "SECTOR"
NEGATIVE = "__negative__"
# Heads of names of bodies and posts: a sector term right after one (or after one and "по")
# completes the name and is not a mention. Overridable per stage in configs/pipeline.toml.
NAME_HEADS = (
    "министерство",
    "министр",
    "замминистра",
    "вице-министр",
    "наркомат",
    "нарком",
    "комитет",
    "комиссия",
    "департамент",
    "ведомство",
    "управление",
    "агентство",
    "служба",
    "инспекция",
    "институт",
    "университет",
    "академия",
)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z]+")


class SectorRules:
    def __init__(
        self,
        nlp: Language,
        name: str,
        taxonomy: str | None = None,
        name_heads: list[str] | tuple[str, ...] = NAME_HEADS,
    ) -> None:
        extensions.register()
        self.name = name
        self.name_heads = lemma_set(name_heads)
        path = taxonomy or DEFAULT_PATH
        try:
            self.taxonomy = Taxonomy.load(path)
        except OSError as exc:
            raise InputError(path, f"cannot read taxonomy: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(path, f"malformed TOML: {exc}") from None
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        patterns: dict[str, set[tuple[str, ...]]] = {}
        for lemmas, sector_id in self.taxonomy.terms():
            patterns.setdefault(sector_id, set()).add(tuple(fold(w) for w in lemmas))
        for lemmas in self.taxonomy.negatives():
            patterns.setdefault(NEGATIVE, set()).add(tuple(fold(w) for w in lemmas))
        for key, keys in patterns.items():
            self.matcher.add(key, [norm_doc(nlp.vocab, words) for words in sorted(keys)])
        self.values = {
            s.id: (SectorValue(s.id, ";".join(s.okved)), s.name_ru) for s in self.taxonomy.sectors
        }

    def __call__(self, doc: Doc) -> Doc:
        orgs = list(doc.spans.get("ORG", []))
        persons = list(doc.spans.get("PER", []))
        spans: list[Span] = []
        in_name_end = -1  # end of the last match read as the tail of a name ("министр X")
        for match in filter_spans(self.matcher(doc, as_spans=True)):
            if match.label_ == NEGATIVE or _overlaps(match, persons) or _foreign(match):
                continue
            if _overlaps(match, [o for o in orgs if not _is_misread_term(o, match)]):
                continue
            if self._after_name_head(match, in_name_end):
                in_name_end = match.end
                continue
            value, normal = self.values[match.label_]
            spans.append(make_span(doc, match.start, match.end, LABEL, self.name, value, normal))
        set_group(doc, LABEL, spans)
        return doc

    def _after_name_head(self, match: Span, in_name_end: int) -> bool:
        """After a name head the sector word completes the name of a body or a post, even
        where NER found no ORG: "министр энергетики", "министерстве образования", "комитет по
        энергетике"; a conjunct goes with it ("министр энергетики и промышленности")."""
        i = _previous_word(match.doc, match.start)
        if i is not None and match.doc[i].lower_ == "и" and in_name_end == i:
            return True
        if i is not None and match.doc[i].lower_ == "по":
            i = _previous_word(match.doc, i)
        return i is not None and token_lemma(match.doc[i]) in self.name_heads


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)


def _is_misread_term(org: Span, match: Span) -> bool:
    """NER reads sector acronyms as organisations ("ОПК", "ВПК", "ТЭК"): an ORG that is
    exactly a term, not in quotes, is the term. A quoted «Уран» stays a company name."""
    if (org.start, org.end) != (match.start, match.end):
        return False
    doc = match.doc
    before = doc[match.start - 1].text if match.start > 0 else ""
    after = doc[match.end].text if match.end < len(doc) else ""
    return before not in OPEN_QUOTES and after not in CLOSE_QUOTES


def _foreign(match: Span) -> bool:
    """A Latin-script match next to another Latin word is part of foreign-language text
    ("«It's My Life»"), not the Russian term ("IT", "5G", "e-commerce")."""
    if any(_CYRILLIC.search(t.text) for t in match):
        return False
    doc = match.doc
    neighbours = (_previous_word(doc, match.start), _next_word(doc, match.end))
    return any(i is not None and _LATIN_WORD.fullmatch(doc[i].text) for i in neighbours)


def _previous_word(doc: Doc, i: int) -> int | None:
    """Index of the nearest word (not punctuation or space) before token i, in its sentence."""
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
        if not (doc[i].is_punct or doc[i].is_space):
            return i
    return None


def _next_word(doc: Doc, i: int) -> int | None:
    """Index of the nearest word from token i on, if it is still in the same sentence."""
    while i < len(doc) and not doc[i].is_sent_start:
        if not (doc[i].is_punct or doc[i].is_space):
            return i
        i += 1
    return None


@Language.factory("sector_rules", default_config={"taxonomy": None, "name_heads": list(NAME_HEADS)})
def make_sector_rules(
    nlp: Language, name: str, taxonomy: str | None, name_heads: list[str]
) -> SectorRules:
    return SectorRules(nlp, name, taxonomy, name_heads)
