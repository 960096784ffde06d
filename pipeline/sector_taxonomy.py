"""Economic sector taxonomy (configs/sectors.toml): sectors, ОКВЭД 2 codes and lemma terms.

The taxonomy is data; this module only loads and checks it. Matching text against the terms is
the job of the SECTOR stage, which reads `Taxonomy.terms()`.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "configs" / "sectors.toml"
DEFAULT_OKVED_PATH = Path(__file__).resolve().parent.parent / "configs" / "okved2_used.csv"

Lemmas = tuple[str, ...]
# ОКВЭД 2 divisions of extraction: forestry, fishing, and section B's 05-09
EXTRACTING = frozenset({"02", "03", "05", "06", "07", "08", "09"})


@dataclass(frozen=True)
class Sector:
    id: str
    parent: str | None
    name_ru: str
    name_en: str
    okved: tuple[str, ...]
    terms: tuple[str, ...]
    # Goods the sector makes or trades (guideline 44): a mention only where they name the
    # goods in general, not one object ("выпуск грузовиков", not "грузовик «Камаз»").
    products: tuple[str, ...] = ()
    # Words too ambiguous alone ("оружие", "телефон"): a mention only after a context head.
    context_terms: tuple[str, ...] = ()
    # Extra sector adjectives for the organisation-head rule (guideline 41).
    adjectives: tuple[str, ...] = ()
    # field nouns that name the sector only where money pays for them or a body provides
    # them ("оплата обучения"; decision 156)
    paid_terms: tuple[str, ...] = ()

    def vocabulary(self) -> tuple[str, ...]:
        """Every lemma sequence that names this sector, whatever the mechanism."""
        return self.terms + self.products + self.context_terms + self.paid_terms


@dataclass(frozen=True)
class WordForm:
    """A compound prefix ("нефте", "медиа") that names a sector before a compound head."""

    prefix: str
    sector: str


@dataclass(frozen=True)
class OkvedWords:
    """The generated [okved_words] block (scripts/okved_words.py, decisions 200-201): sector
    adjectives and activity heads read off the ОКВЭД 2 captions."""

    # (folded adjective lemma, sector id): "почтовый" -> transport.logistics
    adjectives: tuple[tuple[str, str], ...] = ()
    # (activity noun, sector id, animacy of its goods): "разведение" -> livestock, "anim"
    activities: tuple[tuple[str, str, str], ...] = ()
    # (activity noun, goods lemma) its captions name: "выращивание" -> "гриб" (decision 215)
    goods: tuple[tuple[str, str], ...] = ()
    # (adjective, its captions' sector) made from goods several industries share: no
    # descriptor, a sector word in a coordination only (decisions 223, 224): "водный"
    shared: tuple[tuple[str, str], ...] = ()
    # (goods lemma, sector id) that the captions of making, growing and extracting name, in
    # one sector (or under one parent): "удобрение" -> chemicals; the embedding fallback's
    # nearest words at an activity head (decision 239)
    caption_goods: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rules:
    """The [rules] table of sectors.toml: heads and thresholds the SECTOR stage reads."""

    org_heads: tuple[str, ...] = ()
    adjective_sources: tuple[str, ...] = ()
    context_heads: tuple[str, ...] = ()
    context_stopwords: tuple[str, ...] = ()
    compound_heads: tuple[str, ...] = ()
    standalone_terms: tuple[str, ...] = ()
    not_sector_adjectives: tuple[str, ...] = ()
    # decision 156: words of paying for or providing a service, and of receiving it
    payment_heads: tuple[str, ...] = ()
    receiving_words: tuple[str, ...] = ()
    # decision 221: provider words, and the paid terms they count for
    provider_heads: tuple[str, ...] = ()
    provided_terms: tuple[str, ...] = ()
    # decisions 45, 138: heads that stay outside a term's span ("операторов [связи]")
    outside_heads: tuple[str, ...] = ()
    # guideline 44: goods counted one by one, one object in the singular
    object_goods: tuple[str, ...] = ()
    # decision 271: determiners that make such goods particular objects ("все компьютеры")
    object_determiners: tuple[str, ...] = ()
    # decision 272: materials, and the prepositions before the material an object is made of
    material_goods: tuple[str, ...] = ()
    material_prepositions: tuple[str, ...] = ()
    # decision 173: posts whose "по" field is a portfolio, units whose field is a function
    post_heads: tuple[str, ...] = ()
    unit_heads: tuple[str, ...] = ()
    # decision 240 (applies 235): heads of an institution whose field in the genitive is part
    # of its name ("центр туризма", "школа бизнеса"), not after "по"
    institution_heads: tuple[str, ...] = ()
    # decision 266: context terms that name an industry only bare — an adjective of their
    # own names another kind ("рынок [настольных] игр", "Олимпийских игр")
    bare_context_terms: tuple[str, ...] = ()
    # decision 174: a field noun that "с" + the instrumental makes a person's attribute,
    # and genitives that say the kind of goods, not their owner or use
    schooling_terms: tuple[str, ...] = ()
    kind_genitives: tuple[str, ...] = ()
    # decision 307: natural-science disciplines; a field word listed with one is a discipline
    discipline_terms: tuple[str, ...] = ()
    # decision 295: nouns of trading that govern their goods in the instrumental
    # ("торговля [оружием]", "торги [предметами искусства]")
    instrumental_heads: tuple[str, ...] = ()
    # decision 302: goods nouns that name no industry's goods ("торговля [товарами]"): the
    # trade noun before one stays the mention
    generic_goods: tuple[str, ...] = ()
    # decision 176: the generic second part of a coordinated compound adjective
    compound_adjective_tails: tuple[str, ...] = ()
    # decision 204: natural-resource nouns an extracting industry's adjective names
    resource_heads: tuple[str, ...] = ()
    # decision 237 b: makers' nouns, whose name after the goods is no product's
    maker_heads: tuple[str, ...] = ()
    # decision 217: the conjunctions a chain of coordinated adjectives ends in
    coordination_links: tuple[str, ...] = ()
    # decision 156: prepositions of purpose between a payment word and the field it pays for
    purpose_words: tuple[str, ...] = ()
    # decision 322 b: investing words, and the preposition "в" of what they invest in
    investment_heads: tuple[str, ...] = ()
    investment_prepositions: tuple[str, ...] = ()
    # decision 176: the linking vowels that end a compound adjective's first part, and the
    # adjective endings its stem takes back ("финансово" -> "финансовый")
    compound_linking_vowels: tuple[str, ...] = ()
    adjective_endings: tuple[str, ...] = ()
    # decision 220 (a): a broadcasting medium after these prepositions is the channel of one
    # statement or show ("выступил по телевидению"), no industry
    channel_terms: tuple[str, ...] = ()
    channel_prepositions: tuple[str, ...] = ()
    # decision 308: the medium as a statement's channel or source — after "эфир", before a
    # verb of reporting, after "на" that follows one
    medium_terms: tuple[str, ...] = ()
    broadcast_heads: tuple[str, ...] = ()
    report_verbs: tuple[str, ...] = ()
    medium_prepositions: tuple[str, ...] = ()  # "заявил [на] телевидении"
    # decision 220 (b): the state's service as a person's place of work ("на госслужбе")
    service_terms: tuple[str, ...] = ()
    # ... read as where a person is after these (+ locative) or leaves it after those (+ genitive)
    service_at_prepositions: tuple[str, ...] = ()
    service_from_prepositions: tuple[str, ...] = ()
    embedding_threshold: float = 1.0
    # decision 239: the cosine a phrase after an activity head must reach with its nearest
    # goods noun of the ОКВЭД 2 making captions (`[okved_words] caption_goods`); above 1: off
    caption_goods_floor: float = 2.0


def parent_of(sector_id: str) -> str | None:
    # The parent lives in the dotted id only, so the file cannot contradict itself.
    head, dot, _ = sector_id.rpartition(".")
    return head if dot else None


def read_okved_codes(path: str | Path) -> set[str]:
    """Codes of an ОКВЭД 2 CSV (code,section,parent,caption); `#` lines are citations."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {row["code"] for row in csv.DictReader(lines)}


class Taxonomy:
    def __init__(
        self,
        sectors: Iterable[Sector],
        negative_terms: Iterable[str] = (),
        rules: Rules | None = None,
        wordforms: Iterable[WordForm] = (),
        okved_words: OkvedWords | None = None,
    ) -> None:
        self.sectors: tuple[Sector, ...] = tuple(sectors)
        self.negative_terms: tuple[str, ...] = tuple(negative_terms)
        self.rules = rules or Rules()
        self.wordforms: tuple[WordForm, ...] = tuple(wordforms)
        self.okved_words = okved_words or OkvedWords()
        # Later duplicates would silently win here; validate() reports them instead.
        self._by_id = {sector.id: sector for sector in self.sectors}

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> Taxonomy:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        sectors = [
            Sector(
                id=entry["id"],
                parent=parent_of(entry["id"]),
                name_ru=entry["name_ru"],
                name_en=entry["name_en"],
                okved=tuple(entry.get("okved", ())),
                terms=tuple(entry.get("terms", ())),
                products=tuple(entry.get("products", ())),
                context_terms=tuple(entry.get("context_terms", ())),
                adjectives=tuple(entry.get("adjectives", ())),
                paid_terms=tuple(entry.get("paid_terms", ())),
            )
            for entry in data.get("sector", [])
        ]
        table = data.get("rules", {})
        rules = Rules(**{k: _rule_value(k, v) for k, v in table.items()})
        wordforms = [WordForm(w["prefix"], w["sector"]) for w in data.get("wordform", [])]
        generated = data.get("okved_words", {})
        okved_words = OkvedWords(
            _generated_rows(generated, "adjectives", 2),
            _generated_rows(generated, "activities", 3),
            _generated_rows(generated, "activity_goods", 2),
            _generated_rows(generated, "shared_adjectives", 2),
            _generated_rows(generated, "caption_goods", 2),
        )
        negatives = data.get("negative", {}).get("terms", ())
        return cls(sectors, negatives, rules, wordforms, okved_words)

    def __len__(self) -> int:
        return len(self.sectors)

    def __contains__(self, sector_id: object) -> bool:
        return sector_id in self._by_id

    def __getitem__(self, sector_id: str) -> Sector:
        return self._by_id[sector_id]

    def get(self, sector_id: str) -> Sector | None:
        return self._by_id.get(sector_id)

    def extracting(self) -> frozenset[str]:
        """Ids of the sectors that extract natural resources: an ОКВЭД code of theirs lies in
        section B (mining) or divisions 02 (forestry) and 03 (fishing) (decision 204)."""
        return frozenset(
            s.id for s in self.sectors if any(c == "B" or c[:2] in EXTRACTING for c in s.okved)
        )

    def ids(self) -> list[str]:
        return [sector.id for sector in self.sectors]

    def ancestors(self, sector_id: str) -> list[Sector]:
        """The sector and its parents, most specific first."""
        chain = []
        current: str | None = sector_id
        while current is not None:
            chain.append(self._by_id[current])
            current = parent_of(current)
        return chain

    def terms(self) -> Iterator[tuple[Lemmas, str]]:
        """(lemma tuple, sector id) for every term, in file order."""
        return self._lemma_tuples(lambda sector: sector.terms)

    def products(self) -> Iterator[tuple[Lemmas, str]]:
        return self._lemma_tuples(lambda sector: sector.products)

    def context_terms(self) -> Iterator[tuple[Lemmas, str]]:
        return self._lemma_tuples(lambda sector: sector.context_terms)

    def paid_terms(self) -> Iterator[tuple[Lemmas, str]]:
        return self._lemma_tuples(lambda sector: sector.paid_terms)

    def _lemma_tuples(
        self, kind: Callable[[Sector], tuple[str, ...]]
    ) -> Iterator[tuple[Lemmas, str]]:
        """(lemma tuple, sector id) for every term of one kind, in file order."""
        for sector in self.sectors:
            for term in kind(sector):
                yield tuple(term.split(" ")), sector.id

    def negatives(self) -> Iterator[Lemmas]:
        for term in self.negative_terms:
            yield tuple(term.split(" "))

    def validate(
        self, okved_csv_path: str | Path = DEFAULT_OKVED_PATH, morph: MorphAnalyzer | None = None
    ) -> list[str]:
        """Problems found in the taxonomy; empty when it is consistent.

        `morph` is an optional pymorphy3 analyser: when given, each term word must be the
        normal form of at least one of its own parses, which catches inflected or ё-less
        spellings that would never equal a token lemma.
        """
        problems: list[str] = []
        seen_ids: set[str] = set()
        for sector in self.sectors:
            if sector.id in seen_ids:
                problems.append(f"duplicate sector id {sector.id!r}")
            seen_ids.add(sector.id)
            if sector.parent is not None and sector.parent not in self._by_id:
                problems.append(f"{sector.id}: parent {sector.parent!r} does not exist")
            if not sector.okved:
                problems.append(f"{sector.id}: no ОКВЭД codes")
            if not sector.terms:
                problems.append(f"{sector.id}: no terms")
        for form in self.wordforms:
            if form.sector not in self._by_id:
                problems.append(f"wordform {form.prefix!r}: sector {form.sector!r} does not exist")
        generated = [(w, sid) for w, sid, *_ in self.okved_words.activities]
        generated += list(self.okved_words.caption_goods)
        for word, sector_id in [*self.okved_words.adjectives, *generated]:
            if sector_id not in self._by_id:
                problems.append(f"okved_words {word!r}: sector {sector_id!r} does not exist")

        known_codes = read_okved_codes(okved_csv_path)
        for sector in self.sectors:
            for code in sector.okved:
                if code not in known_codes:
                    problems.append(f"{sector.id}: ОКВЭД code {code!r} not in {okved_csv_path}")

        owner: dict[str, str] = {}
        for sector in self.sectors:
            for term in sector.vocabulary():
                if term in owner:
                    problems.append(f"term {term!r} in both {owner[term]} and {sector.id}")
                owner.setdefault(term, sector.id)
        for term in self.negative_terms:
            if term in owner:
                problems.append(f"negative term {term!r} is also a term of {owner[term]}")

        all_terms = [(term, owner[term]) for term in owner]
        all_terms += [(term, "negative") for term in self.negative_terms]
        for term, where in all_terms:
            problems.extend(f"{where}: {issue}" for issue in _term_form_issues(term, morph))
        return problems


def _term_form_issues(term: str, morph: MorphAnalyzer | None) -> list[str]:
    issues = []
    if term != term.lower():
        issues.append(f"term {term!r} is not lowercase")
    if term != term.strip() or "  " in term or not term:
        issues.append(f"term {term!r} has stray whitespace")
    if morph is not None:
        for word in term.split():
            if all(parse.normal_form != word for parse in morph.parse(word)):
                issues.append(f"term {term!r}: {word!r} is not a pymorphy3 normal form")
    return issues


def _rule_value(key: str, value: object) -> object:
    """A `[rules]` value: a word list (a tuple field of `Rules`) must be a list of strings —
    a bare string would be read letter by letter — else a ValueError naming the key."""
    default = getattr(Rules, key, None)
    if not isinstance(default, tuple):
        return value  # a number, or an unknown key Rules(**) itself refuses
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ValueError(f"[rules] {key}: expected a list of words, got {value!r}")
    return tuple(value)


def _generated_rows(table: dict, key: str, width: int) -> tuple:
    """The rows of one list of the generated [okved_words] block, each `width` strings; a row
    of another shape (a hand edit) is a ValueError naming the list and the row."""
    rows = table.get(key, ())
    for row in rows:
        if (
            not isinstance(row, list)
            or len(row) != width
            or not all(isinstance(w, str) for w in row)
        ):
            raise ValueError(f"[okved_words] {key}: {row!r} is not a row of {width} strings")
    return tuple(tuple(row) for row in rows)


def load(path: str | Path = DEFAULT_PATH) -> Taxonomy:
    return Taxonomy.load(path)


def sector_adjectives(taxonomy: Taxonomy) -> dict[str, str]:
    """Folded adjective lemma -> sector id, read from the two-word terms "ADJ HEAD" whose head
    is a generic industry word ("нефтяной отрасль" -> нефтяной: energy.oil_gas), plus each
    sector's `adjectives`. An adjective two sectors claim names neither and is dropped."""
    sources = {fold_word(w) for w in taxonomy.rules.adjective_sources}
    excluded = {fold_word(w) for w in taxonomy.rules.not_sector_adjectives}
    claims: dict[str, set[str]] = {}
    for sector in taxonomy.sectors:
        words = [t.split(" ") for t in sector.terms]
        adjectives = [w[0] for w in words if len(w) == 2 and fold_word(w[1]) in sources]
        for adjective in adjectives + list(sector.adjectives):
            claims.setdefault(fold_word(adjective), set()).add(sector.id)
    return {adj: ids.pop() for adj, ids in claims.items() if len(ids) == 1 and adj not in excluded}


def fold_word(word: str) -> str:
    # as morphology.fold (lowercase, ё -> е); kept here so the taxonomy imports no stage
    return word.lower().replace("ё", "е")
