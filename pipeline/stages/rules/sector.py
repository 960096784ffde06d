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
  "министр энергетики", "в министерстве образования" where NER found no ORG; an
  institution's genitive field (`institution_heads`: "центр туризма", decision 240); a unit
  (`unit_heads`: "отдел маркетинга") likewise, and a post (`post_heads`) before "по" past the
  genitive it governs ("заместитель губернатора края по энергетике, связи"; decision 173);
- when a person has it: "с высшим образованием" (`schooling_terms`, decision 174), or is in
  or leaves it: "на государственной службе" (`service_terms`, decision 220 b);
- when a broadcasting medium is the channel of one statement: "выступил по телевидению"
  (`channel_terms` after `channel_prepositions`, decision 220 a), or the medium is one
  report's source or channel: "телевидение заявило", "в эфире телевидения", "заявил на
  телевидении" (`medium_terms`, `report_verbs`, `broadcast_heads`, decision 308);
- when a natural-science discipline is its conjunct: "в области биологии и медицины"
  (`discipline_terms`, decision 307);
- when it is Latin-script next to another Latin word: English text ("«It's My Life»"),
  not the term "IT".

Beyond the term lists (issue 9; configs/sectors.toml [rules], [[wordform]]), each mechanism
leaves its name in `_.stage` so users can filter:
- `sector_rules` — a term of the taxonomy (above);
- `sector_rules.product` — goods a sector makes (`products`), unless they name one object: a
  numeral right before ("четыре автомобиля"), a name right after ("автомобиль «Славута»",
  "смартфонов iPhone") (guideline 44), or a good counted one by one in the singular
  (`object_goods`: "перевернулся автобус"; decision 157 c), or one followed by a genitive of
  its owner or use ("компьютеры школы"; `kind_genitives` excepted; decision 174), or one
  after a determiner or a numeral past its adjectives and a conjunct ("все телефоны и
  компьютеры", `object_determiners`; decision 271); a material after "из" that follows the
  thing made of it ("здание из кирпича", `material_goods`; decision 272) is no mention of any
  kind;
- `sector_rules.context` — an ambiguous word (`context_terms`: "оружие", "телефон") right after
  a word that announces an industry ("производитель оружия", "рынок телефонов");
- `sector_rules.org_adjective` — a sector adjective on the head of an organisation or a market
  ("нефтяного гиганта", "автомобильного концерна"; guideline 41; adjectives of the ОКВЭД 2
  captions too, decision 200), or on a natural-resource noun when the sector extracts
  ("нефтяных богатств", decision 204), and each of coordinated adjectives on one head of
  any of these classes ("газовыми и энергосбытовыми компаниями", "нефтяные и газовые
  запасы"; guideline 43, decision 217); a hyphened
  compound adjective takes its first part's sector ("финансово-промышленной группы", 176);
- `sector_rules.wordform` — a compound of a sector prefix and an organisation/market head
  ("автогигант", "инвестхолдинг", "медиа-бизнес");
- `sector_rules.paid` — a field noun (`paid_terms`: "обучение", "исследование", "наука"; 306) that a
  payment word governs ("оплата обучения", "финансирование исследований") or a money amount
  comes right before ("500 млн евро на исследования"); a provider word only for
  `provided_terms` ("занимается обучением детей"; decisions 157 a, 221);
- `sector_rules.activity` — goods in the genitive after an activity noun that heads a group
  of ОКВЭД 2 captions of one sector ("выращивание [грибов]", "разведению [лошадей]"; the
  generated `[okved_words]` block, decision 201), the goods' animacy the captions';
- `sector_rules.embedding` — the genitive noun phrase after an industry-announcing word
  ("рынок X", "производство X", "экспорт X") whose navec vector is close enough to a sector's
  centroid, or else to a goods noun of the ОКВЭД 2 making captions (`[okved_words]
  caption_goods`, floor `caption_goods_floor`), which also reads the goods after an activity
  noun the captions do not name ("выращиванием [клубники]", decision 239). It runs only at
  those words, only where nothing else matched and no negative term consumed the words, on
  a whole phrase (no noun cut from its own genitive complement). After a noun of trading
  (`instrumental_heads`) it reads the goods in the instrumental ("торговле [оружием]", where
  the trade noun stays outside, decision 295), and it reads a phrase coordinated after any
  mention, kept only in the mention's top-level sector ("лампами накаливания и
  [люминесцентными лампами]", decision 294).

Each mention gets `_.value` = SectorValue(sector id, ОКВЭД codes joined with ";") and
`_.normal` = the sector's `name_ru` from the taxonomy, so all mentions of one sector share one
readable normal form (the lemma sequence of a term is not grammatical Russian).
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import numpy as np
from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline import extensions, models
from pipeline.errors import InputError
from pipeline.intervals import Intervals
from pipeline.readings import UD_TO_OC_CASE
from pipeline.schema import SectorValue
from pipeline.sector_embedding import Centroids, Vectors
from pipeline.sector_taxonomy import DEFAULT_PATH, Rules, Taxonomy, sector_adjectives
from pipeline.stages.quotes import CLOSING_QUOTES, OPENING_OR_APOSTROPHE, OPENING_QUOTES
from pipeline.stages.rules.base import make_span, set_group
from pipeline.stages.rules.lexicon import fold, lemma_set, norm_doc, token_lemma

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
    # the kind of a facility or a post: "пункт [морского транспорта]", "инспектор
    # рыбоохраны" (decision 137)
    "пункт",
    "инспектор",
)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_LATIN_TAG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)?")  # "lte", "4k", "wi-fi" (folded)


STAGES = {
    "T": "",
    "P": ".product",
    "C": ".context",
    "A": ".org_adjective",
    "W": ".wordform",
    "E": ".embedding",
    "M": ".paid",
    "V": ".activity",
}
_CONJUNCTIONS = frozenset({"и", "или", ","})
_DASHES = frozenset({"—", "–", "-"})  # "Дюссельдорф — центр моды": a predicate (240)
_MAX_CONJUNCTS = 6  # adjectives walked back over on one shared head
_MAX_GENITIVES_LISTED = 4  # genitive conjuncts read after the first goods phrase of a head
_TITLE_WINDOW = 30  # tokens searched for the quotes of a title on each side of a match
KNOWN_WORDS = 50_000  # lemmas whose compound split is remembered (~100 bytes each)


class SectorRules:
    def __init__(
        self,
        nlp: Language,
        name: str,
        taxonomy: str | None = None,
        name_heads: list[str] | tuple[str, ...] = NAME_HEADS,
        embedding_threshold: float | None = None,
    ) -> None:
        extensions.register()
        self.name = name
        self.taxonomy = load_taxonomy(taxonomy or DEFAULT_PATH)
        rules = self.taxonomy.rules
        self.threshold = (
            rules.embedding_threshold if embedding_threshold is None else embedding_threshold
        )
        self.matcher = _phrase_matcher(nlp, self.taxonomy)
        self.values = {
            s.id: (SectorValue(s.id, ";".join(s.okved)), s.name_ru) for s in self.taxonomy.sectors
        }
        self._read_word_lists(rules, name_heads)
        self._read_vocabulary(nlp)
        self._centroids: Centroids | None = None
        self._goods_vectors: Centroids | None = None
        self.goods_floor = rules.caption_goods_floor

    def _read_word_lists(self, rules: Rules, name_heads: Iterable[str]) -> None:
        """The [rules] word lists, folded as the morphology stage folds NORM."""
        # a unit ("отдел маркетинга") closes its field as a body's name does
        self.name_heads = lemma_set(name_heads) | _folded(rules.unit_heads)
        # a field in the genitive (not after "по") completes an institution's name (240)
        self.institution_heads = _folded(rules.institution_heads)
        # "рынок [настольных] игр": an adjective of its own names another kind (266)
        self.bare_context = _folded(rules.bare_context_terms)
        self.org_heads = _folded(rules.org_heads)
        self.context_heads = _folded(rules.context_heads)
        self.instrumental_heads = _folded(rules.instrumental_heads)
        self.generic_goods = _folded(rules.generic_goods)
        self.stopwords = _folded(rules.context_stopwords)
        self.standalone = _folded(rules.standalone_terms)
        self.payment_heads = _folded(rules.payment_heads)
        self.receiving = _folded(rules.receiving_words)
        self.provider_heads = _folded(rules.provider_heads)
        self.provided_terms = _folded(rules.provided_terms)
        self.object_goods = _folded(rules.object_goods)
        self.object_determiners = _folded(rules.object_determiners)
        self.materials = _folded(rules.material_goods)
        self.material_prepositions = _folded(rules.material_prepositions)
        self.outside_heads = _folded(rules.outside_heads)
        # "строительство [газопровода]" builds one object; a provider's goods stay goods (241)
        self.builders = self.standalone - self.outside_heads
        self.post_heads = _folded(rules.post_heads)
        self.schooling = _folded(rules.schooling_terms)
        self.kind_genitives = _folded(rules.kind_genitives)
        self.disciplines = _folded(rules.discipline_terms)
        self.adjective_tails = _folded(rules.compound_adjective_tails)
        self.resource_heads = _folded(rules.resource_heads)
        self.links = _folded(rules.coordination_links)
        self.purpose = _folded(rules.purpose_words)
        self.investment_heads = _folded(rules.investment_heads)
        self.investment_prepositions = _folded(rules.investment_prepositions)
        self.linking_vowels = tuple(fold(v) for v in rules.compound_linking_vowels)
        self.adjective_endings = tuple(fold(e) for e in rules.adjective_endings)
        self.channel_terms = _folded(rules.channel_terms)
        self.channel_prepositions = _folded(rules.channel_prepositions)
        self.medium_terms = _folded(rules.medium_terms)
        self.broadcast_heads = _folded(rules.broadcast_heads)
        self.report_verbs = _folded(rules.report_verbs)
        self.medium_prepositions = _folded(rules.medium_prepositions)
        self.service_terms = _folded(rules.service_terms)
        self.service_at = _folded(rules.service_at_prepositions)
        self.service_from = _folded(rules.service_from_prepositions)
        self.maker_heads = _folded(rules.maker_heads)

    def _read_vocabulary(self, nlp: Language) -> None:
        """The taxonomy's adjectives, terms and compounds, and the NORM hashes of the trigger
        lemmas: a document is asked through its distinct lemmas."""
        self.adjectives = sector_adjectives(self.taxonomy)
        for adjective, sector_id in self.taxonomy.okved_words.adjectives:
            # the terms' own adjectives first: the captions only add what they lack (200)
            self.adjectives.setdefault(fold(adjective), sector_id)
        self.activities = {
            fold(head): (sector_id, animacy)
            for head, sector_id, animacy in self.taxonomy.okved_words.activities
        }
        self._activity_hashes = frozenset(nlp.vocab.strings.add(h) for h in self.activities)
        # sector words of no one industry ("водный", 224): read as a chain's last conjunct only
        self.shared_adjectives = {fold(a) for a, _ in self.taxonomy.okved_words.shared}
        self.activity_goods = {(fold(h), fold(g)) for h, g in self.taxonomy.okved_words.goods}
        # the goods of the making captions and their sector: the nearest words of the
        # embedding fallback at an activity head (decision 239)
        self.caption_goods = dict(self.taxonomy.okved_words.caption_goods)
        self.extracting = self.taxonomy.extracting()
        self.terms = {tuple(fold(w) for w in lemmas): sid for lemmas, sid in self.taxonomy.terms()}
        self.compounds = _Compounds(self.taxonomy)
        self._adjective_hashes = frozenset(nlp.vocab.strings.add(w) for w in self.adjectives)
        # heads a coordination of sector adjectives may share (decision 223): organisation,
        # plant, market and resource heads and the nouns of two-word terms
        self.chain_heads = (
            self.org_heads | self.resource_heads | {t[1] for t in self.terms if len(t) == 2}
        )
        self._chain_adjective_hashes = self._adjective_hashes | frozenset(
            nlp.vocab.strings.add(a) for a in self.shared_adjectives
        )
        self._context_hashes = frozenset(nlp.vocab.strings.add(w) for w in self.context_heads)
        self._fallback_hashes = (
            self._context_hashes
            | self._activity_hashes
            | frozenset(nlp.vocab.strings.add(w) for w in self.instrumental_heads)
        )
        self._open_quotes = frozenset(nlp.vocab.strings.add(q) for q in OPENING_QUOTES)

    def __call__(self, doc: Doc) -> Doc:
        names = list(doc.spans.get("ORG", []))
        persons = list(doc.spans.get("PER", []))
        places = list(doc.spans.get("LOC", []))
        norms = _Norms(doc)
        quotes = norms.where(self._open_quotes)
        candidates = list(self.matcher(doc, as_spans=True))
        adjectives = norms.where(self._chain_adjective_hashes)
        candidates += self._adjective_spans(doc, norms, adjectives)
        candidates += self._conjunct_spans(doc, candidates, adjectives)
        candidates += self.compounds.spans(doc, norms)
        candidates += self._activity_spans(doc, norms)
        # the money amounts' last words, once per document: a paid term asks for one
        # ("500 млн евро на исследования", decision 221) without scanning every amount
        money_ends = _money_ends(doc)
        org_starts = frozenset(s.start for s in names)  # a maker's name after goods (237 b)
        where = _Where(money_ends, org_starts)
        candidates = [c for c in candidates if not self._paid_schooling(c, money_ends)]
        spans: list[Span] = []
        in_name_end = -1  # end of the last match read as the tail of a name ("министр X")
        # each match asks only the names and persons it overlaps, found by bisection
        name_index = _SpanIndex(names)
        person_index = Intervals((p.start, p.end) for p in persons)
        dates = Intervals((d.start, d.end) for d in doc.spans.get("DATE", []))
        negatives: list[Span] = []  # consumed words the embedding fallback must not read
        for match in filter_spans(candidates):
            kind, _, sector_id = match.label_.partition("|")
            if match.label_ == NEGATIVE:
                negatives.append(match)
                # "министром экономики, торговли и промышленности": a negative term can be a
                # link of a name's chain of fields, and the conjuncts after it go with it
                if self._after_name_head(match, in_name_end):
                    in_name_end = match.end
                continue
            if _foreign(match):
                continue
            if person_index.overlap(match.start, match.end):
                continue
            if any(
                not _is_misread_term(o, match) and not self._describes_inner(match, kind, o)
                for o in name_index.overlapping(match.start, match.end)
            ):
                continue
            if self._after_name_head(match, in_name_end):
                in_name_end = match.end
                continue
            if not self._fits(kind, match, dates, where) or _in_title(match, quotes):
                continue
            spans.append(self._span(doc, match.start, match.end, kind, sector_id))
        if self.threshold <= 1.0 or self.goods_floor <= 1.0:
            # a negative term's words are no phrase to read: "в Секторе [газа]" (239)
            spans += self._embedding_spans(doc, norms, spans, names + persons + places + negatives)
        set_group(doc, LABEL, self._without_trade_before_goods(spans))
        return doc

    def _without_trade_before_goods(self, spans: list[Span]) -> list[Span]:
        """A trade noun kept before generic goods (decision 302) goes when the goods phrase is
        a mention after all ("торговлей [товарами народного потребления]", 138)."""
        starts = {s.start for s in spans}
        trade = self.instrumental_heads
        return [s for s in spans if s.end not in starts or _lemmas(s) not in trade]

    def _span(self, doc: Doc, start: int, end: int, kind: str, sector_id: str) -> Span:
        if kind == "T" and end - start > 1 and doc[start].norm_ in self.outside_heads:
            start += 1  # "операторов [связи]": the service after its operator (decision 138)
        value, normal = self.values[sector_id]
        return make_span(doc, start, end, LABEL, self.name + STAGES[kind], value, normal)

    def _fits(self, kind: str, match: Span, dates: Intervals, where: _Where) -> bool:
        money_ends, org_starts = where.money_ends, where.org_starts
        if match[-1].norm_ in self.materials and self._made_of(match):
            return False  # "здание из красного кирпича" (decision 272)
        if self._among_disciplines(match):
            return False  # "в области биологии и медицины" (decision 307)
        if kind == "T" and _lemmas(match) in self.standalone:
            return _object_after(match.doc, match.end) is None
        if kind == "T" and _lemmas(match) in self.instrumental_heads:
            # "торговле [мебелью]": the trade noun before its goods stays outside (138, 295);
            # before goods of no industry it is the mention ("торговлей товарами", 302)
            goods = _phrase_in(match.doc, match.end, "Ins")
            return goods is None or goods[-1].norm_ in self.generic_goods
        if kind == "T" and match[-1].norm_ in self.schooling:
            return not _with_attribute(match)
        if kind == "T" and self._channel(match):
            return False
        if kind == "T" and _lemmas(match) in self.service_terms:
            return not _service_status(match, self.service_at, self.service_from)
        if kind == "P":
            # "строительство газопровода": building one object (guideline 47)
            i = _previous_word(match.doc, match.start)
            after_standalone = i is not None and match.doc[i].norm_ in self.builders
            if after_standalone or self._single(match):
                return False
            if _one_object(match) and not self._maker_named(match, org_starts):
                return False
            return not self._owned(match, dates) and not self._counted(match)
        if kind == "C":
            if _lemmas(match) in self.bare_context and _adjective_before(match):
                return False  # "рынок настольных игр", "Олимпийских игр" (decision 266)
            return self._after_context_head(match)
        if kind == "M":
            provided = _lemmas(match) in self.provided_terms
            return self._paid_for(match.doc, match.start, money_ends, provided)
        if kind == "V":
            return not _one_object(match)
        return True

    def _paid_for(
        self,
        doc: Doc,
        start: int,
        money_ends: frozenset[int],
        provided: bool = True,
    ) -> bool:
        """Decision 156: a field noun paid for or provided — "оплата обучения", "стоимости
        [высшего] обучения", "платить за обучение", "пособие для обучения", "грант на
        получение образования", "занимается развитием и обучением детей". Walks back over the
        phrase's adjectives, one coordinated noun, a receiving word and a preposition of
        purpose to the word that governs the phrase; nothing quadratic (a few words back)."""
        i = _governing_word(doc, start)
        if i is not None and token_lemma(doc[i]) in self.receiving:
            i = _previous_word(doc, i)
        if i is not None and doc[i].norm_ in self.purpose:
            i = _previous_word(doc, i)
            if i is not None and i in money_ends:
                return True  # "выделяет [500 млн евро] на исследования" (decision 221)
        if i is None:
            return False
        if doc[i].norm_ in self.investment_prepositions:  # "инвестиции в [науку]" (322 b)
            j = _previous_word(doc, i)
            return j is not None and token_lemma(doc[j]) in self.investment_heads
        lemma = token_lemma(doc[i])
        return lemma in self.payment_heads or (provided and lemma in self.provider_heads)

    def _maker_named(self, match: Span, org_starts: frozenset[int]) -> bool:
        """A maker's noun governs the goods and an ORG mention follows them: the name is the
        maker's ("производитель программного обеспечения Microsoft"), the goods general
        (decision 237 b)."""
        doc = match.doc
        i = _governing_word(doc, match.start)
        if i is None or token_lemma(doc[i]) not in self.maker_heads:
            return False
        j = match.end + (match.end < len(doc) and doc[match.end].text in OPENING_OR_APOSTROPHE)
        return j in org_starts

    def _channel(self, match: Span) -> bool:
        """A broadcasting medium after "по" is the channel of one statement or show:
        "выступил по центральному телевидению", "по радио и телевидению" (decision 220 a)."""
        if match[-1].norm_ not in self.channel_terms:
            return False
        i = _governing_word(match.doc, match.start)
        if i is not None and match.doc[i].norm_ in self.channel_prepositions:
            return True
        return match[-1].norm_ in self.medium_terms and self._statement_medium(match, i)

    def _statement_medium(self, match: Span, i: int | None) -> bool:
        """Decision 308: the medium as one statement's channel or source — "в эфире
        [государственного] телевидения", "телевидение заявило", "заявил на норвежском
        телевидении", and (322) "сообщило российское телевидение" — as the press is a report's
        source (175 b)."""
        doc = match.doc
        after = _next_word(doc, match.end)
        if after is not None and doc[after].norm_ in self.report_verbs:
            return True
        if i is None:
            return False
        if doc[i].norm_ in self.broadcast_heads:
            return True
        if doc[i].norm_ in self.report_verbs and "Nom" in match[-1].morph.get("Case"):
            return True  # the subject after its verb: "сообщило российское телевидение" (322)
        before = _previous_word(doc, i) if doc[i].norm_ in self.medium_prepositions else None
        return before is not None and doc[before].norm_ in self.report_verbs

    def _paid_schooling(self, match: Span, money_ends: frozenset[int]) -> bool:
        """A "person's schooling" negative ("получить образование") that money pays for is
        the education sector after all (decision 156): "грант, чтобы получить образование"."""
        if match.label_ != NEGATIVE or token_lemma(match[0]) not in self.receiving:
            return False
        return self._paid_for(match.doc, match.start + 1, money_ends)

    def _single(self, match: Span) -> bool:
        """A countable good in the singular with no word announcing an industry before it is
        one object of the story ("перевернулся автобус", "угнали их автомобиль", "владельцу
        сервера"), not the goods named in general (guideline 44)."""
        head = match[-1]
        if head.norm_ not in self.object_goods or "Sing" not in head.morph.get("Number"):
            return False
        return not self._after_context_head(match)

    def _owned(self, match: Span, dates: Intervals) -> bool:
        """Countable goods followed by a genitive that says whose they are or what they serve
        are particular objects ("колонна автомобилей охраны", "компьютеры школы",
        "серверы банка"), unless a word announcing an industry comes
        before or the genitive says their kind ("автомобили иностранного производства",
        "премиум-класса"; decision 174). A genitive of time owns nothing: "автомобили 2021
        года", "смартфоны прошлого года" (the DATE rules ran before)."""
        if match[-1].norm_ not in self.object_goods or self._after_context_head(match):
            return False
        doc, i = match.doc, match.end
        while i < len(doc) and i - match.end < 3 and doc[i].pos_ in ("ADJ", "NUM", "DET"):
            i += 1
        if i >= len(doc) or doc[i].pos_ != "NOUN" or not _genitive(doc[i]):
            return False
        if dates.overlap(i, i + 1):
            return False
        return doc[i].norm_.rpartition("-")[2] not in self.kind_genitives

    def _among_disciplines(self, match: Span) -> bool:
        """Decision 307: a field listed with a natural-science discipline is a discipline
        too — "биологии и [медицины]", "[медицине], физике", "квантовой [электронике] и
        оптике" (178 d). Looks at the one conjunct on each side, past its adjectives."""
        doc = match.doc
        start = match.start
        while start > match.start - 4 and start > 0 and doc[start - 1].pos_ == "ADJ":
            start -= 1  # "астрофизике, квантовой [электронике]"
        link = _previous_word(doc, start)
        if link is not None and link + 1 < start and doc[link + 1].text == ",":
            link = link + 1  # "физике, [медицине]": the comma is the link
        if link is not None and (doc[link].norm_ in self.links or doc[link].text == ","):
            before = _previous_word(doc, link)
            if before is not None and doc[before].norm_ in self.disciplines:
                return True
        i = match.end
        if i < len(doc) and (doc[i].norm_ in self.links or doc[i].text == ","):
            after = _next_word(doc, i + 1)
            while after is not None and after - i < 4 and doc[after].pos_ == "ADJ":
                after = _next_word(doc, after + 1)
            return after is not None and doc[after].norm_ in self.disciplines
        return False

    def _made_of(self, match: Span) -> bool:
        """A material after "из" that follows a noun or a participle is what one object is
        made of: "здании из красного [кирпича]", "изготовленные из металла, [пластмассы]",
        "усадьба из кипариса и [кирпича]" (decision 272, applies 218 e). Walks back over the
        phrase's adjectives and its conjuncts, a few words."""
        doc = match.doc
        i = _previous_word(doc, match.start)
        for _ in range(_MAX_CONJUNCTS):
            if i is None:
                return False
            token = doc[i]
            if token.norm_ in self.material_prepositions:
                j = _previous_word(doc, i)
                return j is not None and (
                    doc[j].pos_ in ("NOUN", "PROPN") or "Part" in doc[j].morph.get("VerbForm")
                )
            if not (token.pos_ in ("ADJ", "DET", "NOUN") or token.norm_ in self.links):
                return False
            i = _previous_word(doc, i)
        return False

    def _counted(self, match: Span) -> bool:
        """Goods counted one by one after a determiner or a numeral — past the phrase's
        adjectives and one conjunct before them — are particular objects: "все мобильные
        телефоны и [компьютеры] конфисковали", "никаких британских [компьютеров]", "140 тысяч
        таких [автомобилей]", "20 военных самолетов, [вертолетов]" (decision 271). A word
        announcing an industry before keeps them goods ("производство всех [автомобилей]")."""
        if match[-1].norm_ not in self.object_goods or self._after_context_head(match):
            return False
        doc = match.doc
        i, joined, conjunct = _previous_word(doc, match.start), False, False
        for _ in range(_MAX_CONJUNCTS):
            if i is None:
                return False
            token = doc[i]
            # "его", "их" by their form: pymorphy3 lemmatises the possessive to "он", "они"
            determiner = {token_lemma(token), token.lower_} & self.object_determiners
            if determiner or token.like_num:
                j = _previous_word(doc, i)
                return j is None or token_lemma(doc[j]) not in self.context_heads
            if token.norm_ in self.links:
                joined = True
            elif token.pos_ == "NOUN" and not conjunct and (joined or _comma_after(doc, i)):
                conjunct = True  # "телефоны и [компьютеры]", "самолетов, [вертолетов]"
            elif token.pos_ not in ("ADJ", "DET"):
                return False
            i = _previous_word(doc, i)
        return False

    def _after_context_head(self, match: Span) -> bool:
        """ "производитель оружия", "рынок телефонов": the word right before announces an
        industry (adjectives of the phrase itself may come between: "рынок мобильных
        телефонов")."""
        doc = match.doc
        i = _previous_word(doc, match.start)
        while i is not None and doc[i].pos_ == "ADJ":
            i = _previous_word(doc, i)
        if i is None:
            return False
        lemma = token_lemma(doc[i])
        if lemma in self.instrumental_heads and _in_case(match[-1], "Ins"):
            return True  # "торговле [оружием]" (decision 295)
        return lemma in self.context_heads or lemma in self.activities

    def _conjunct_spans(self, doc: Doc, matches: list[Span], adjectives: list[int]) -> list[Span]:
        """Sector adjectives coordinated before an adjective+head match share its head: each is
        a mention of its own sector, alone, the head with the last conjunct (guideline 43,
        decision 217): "газовыми и [энергосбытовыми компаниями]", "нефтяные и [газовые
        запасы]", "угольной, нефтяной и [газовой промышленности]". A conjunct is read with the
        shared head as a single adjective is — a term (133), an organisation, plant or market
        head (41, 200), a resource of an extracting sector (204) — so every head class
        coordinates alike. The last conjunct need not be a mention itself when it is a sector
        adjective the head does not take: "[нефтяные] и водные ресурсы" (decision 223). Runs
        only back from the matches and from the heads of those classes, a few words each."""
        found = []
        read = set()  # the heads whose chain a match has read already
        for match in matches:
            kind, _, _ = match.label_.partition("|")
            if kind not in ("T", "A") or len(match) < 2:
                continue
            if kind == "T" and match[0].pos_ != "ADJ":
                continue
            read.add(match.end)
            rest = tuple(t.norm_ for t in match[1:])
            found += self._chain(doc, match.start, match.end - 1, rest)
        # only a sector adjective ends such a chain ("финансовыми, страховыми и другими
        # активами" is no list of sectors), so the walk starts at those words alone
        for a in adjectives:
            i = a + 1
            if i + 1 in read or a < 1 or i >= len(doc) or doc[i].is_sent_start:
                continue
            if doc[i].norm_ in self.chain_heads and _adjective(doc[a]):
                found += self._chain(doc, a, i, (doc[i].norm_,))
        return found

    def _chain(self, doc: Doc, start: int, head: int, rest: tuple[str, ...]) -> list[Span]:
        """The conjuncts before the adjective at `start` on the shared head, each read alone."""
        found = []
        plural_head = "Plur" in doc[head].morph.get("Number")
        for c in _conjuncts_before(doc, start, self.links):
            if not _adjective(doc[c]):
                break  # "компании и [нефтяные компании]": no adjective chain
            if not plural_head and "Plur" in doc[c].morph.get("Number"):
                break  # "количество военных и [военной техники]": a plural noun's own
            reading = self._conjunct_reading(doc[c], rest)
            if reading is not None:  # "крупные и [нефтяные компании]": no sector
                found.append(Span(doc, c, c + 1, label=reading))
        return found

    def _conjunct_reading(self, token: Token, rest: tuple[str, ...]) -> str | None:
        """The label of a conjunct adjective read with the shared head's words, or None."""
        sector_id = self.terms.get((token.norm_, *rest))
        if sector_id is not None:
            return f"T|{sector_id}"
        sector_id = self.adjectives.get(token.norm_)
        if sector_id is None and "-" in token.norm_:
            sector_id = self._compound_adjective(token.norm_)
        if sector_id is not None and len(rest) == 1 and self._heads_adjective(rest[0], sector_id):
            return f"A|{sector_id}"
        return None

    def _describes_inner(self, match: Span, kind: str, org: Span) -> bool:
        """A descriptor inside an ORG span right before the name nested in it names the inner
        body's sector, not part of any name (decision 133): "совета директоров медиахолдинга
        BSkyB", "совета директоров инжиниринговой компании «Группа Е4»" — the unit's span holds
        its parent's descriptor and name. Only organisation descriptors (a sector adjective or
        compound on an organisation head, a term ending in one) and only lowercase."""
        if not (org.start <= match.start and match.end <= org.end) or match.end == org.end:
            return False
        last = match[-1].norm_
        descriptor = last in self.org_heads or self.compounds.sector(last) is not None
        if kind not in ("A", "W") and not descriptor:
            return False  # "Института нефти и газа РАН": a field in a name, not a descriptor
        if match[0].text[:1].isupper():
            return False
        doc = match.doc
        # the unit's noun governs the descriptor: "совета директоров [крупной] X", not a
        # coordinated part of the outer name ("продовольственной и сельскохозяйственной
        # организации ООН": the outer body's own head)
        i = _previous_word(doc, match.start)
        while i is not None and i >= org.start and doc[i].pos_ == "ADJ":
            i = _previous_word(doc, i)
        if i is None or i < org.start or doc[i].pos_ not in ("NOUN", "PROPN"):
            return False
        after = match.end + (doc[match.end].text in OPENING_OR_APOSTROPHE)
        return any(
            inner is not org and inner.start in (match.end, after) and inner.end <= org.end
            for inner in doc.spans.get("ORG", [])
        )

    def _adjective_spans(self, doc: Doc, norms: _Norms, adjectives: list[int]) -> list[Span]:
        """A sector adjective on an organisation, plant or market head (guideline 41, 200) or
        on a resource noun (204); its coordinated conjuncts come from `_conjunct_spans`.
        `adjectives`: where the document's sector (and shared, 224) adjectives are."""
        found = []
        strings = doc.vocab.strings
        compounds = {
            n: sid
            for n in norms.unique
            if n not in self._adjective_hashes
            and "-" in strings[n]
            and (sid := self._compound_adjective(strings[n])) is not None
        }
        at = [i for i in adjectives if doc[i].norm in self._adjective_hashes]
        if compounds:
            at = sorted(at + norms.where(compounds))
        for i in at:
            sector_id = self.adjectives.get(doc[i].norm_) or compounds[doc[i].norm]
            j = i + 1
            if j < len(doc) and not doc[j].is_sent_start:
                if self._heads_adjective(doc[j].norm_, sector_id):
                    found.append(Span(doc, i, j + 1, label=f"A|{sector_id}"))
        return found

    def _heads_adjective(self, head: str, sector_id: str) -> bool:
        """An organisation or market head (41), or a natural-resource noun of an extracting
        sector ("нефтяных богатств", "газовые запасы"; decision 204)."""
        if head in self.org_heads:
            return True
        return head in self.resource_heads and sector_id in self.extracting

    def _activity_spans(self, doc: Doc, norms: _Norms) -> list[Span]:
        """Goods in the genitive after an activity noun that heads a group of ОКВЭД 2 captions
        of one sector ("выращивание [грибов]", "разведению [чистопородных лошадей]"; decision
        201): the sector is the activity's, the activity noun stays outside (45, 138). The
        goods must be ones the captions name, in the captions' animacy — crops are inanimate,
        herds animate — so "разведение мостов", "выращивание детей" or "выращивание кристаллов
        (клеток, кадров)" is no farming (decision 215). Runs only at those nouns."""
        found = []
        for i in norms.where(self._activity_hashes):
            head = doc[i].norm_
            sector_id, animacy = self.activities[head]
            for phrase in _genitive_conjuncts(doc, i + 1):
                goods = phrase[-1]
                if (head, goods.norm_) not in self.activity_goods or _animacy(goods) != animacy:
                    break
                found.append(Span(doc, phrase.start, phrase.end, label=f"V|{sector_id}"))
        return found

    def _compound_adjective(self, lemma: str) -> str | None:
        """ "финансово-промышленный", "аграрно-промышленный": the stem of a sector adjective
        hyphened to a sector adjective or a generic tail names the first part's field
        (decision 176)."""
        first, _, tail = lemma.partition("-")
        vowel = next((v for v in self.linking_vowels if v and first.endswith(v)), None)
        if vowel is None or "-" in tail:
            return None
        if tail not in self.adjective_tails and tail not in self.adjectives:
            return None
        stem = first[: -len(vowel)]
        for ending in self.adjective_endings:
            sector_id = self.adjectives.get(stem + ending)
            if sector_id is not None:
                return sector_id
        return None

    def _embedding_spans(
        self, doc: Doc, norms: _Norms, found: list[Span], names: list[Span]
    ) -> list[Span]:
        """The genitive noun phrase after an industry-announcing word or an activity noun,
        when nothing else took it and its navec vector lies close to a sector's centroid or
        to a goods noun of the ОКВЭД 2 making captions (decision 239)."""
        spans: list[Span] = []
        taken = found + names
        quotes = norms.where(self._open_quotes)
        for i in norms.where(self._fallback_hashes):
            head = doc[i].norm_
            for phrase in self._governed(doc, i):
                self._read_phrase(phrase, head, taken, quotes, spans)
        for mention in list(found) + list(spans):
            self._conjuncts_of(mention, taken, quotes, spans)
        return spans

    def _governed(self, doc: Doc, i: int) -> list[Span]:
        """The goods phrases a head at token i governs: the genitive and its conjuncts, or
        the instrumental ones after a noun of trading ("торговля [нефтью] и [газом]", 295)."""
        if doc[i].norm_ not in self.instrumental_heads:
            return _genitive_conjuncts(doc, i + 1)
        first = _phrase_in(doc, i + 1, "Ins")
        if first is None:
            return _genitive_conjuncts(doc, i + 1)
        return [first, *_case_conjuncts(doc, first.end, "Ins")]

    def _conjuncts_of(
        self, mention: Span, taken: list[Span], quotes: list[int], spans: list[Span]
    ) -> None:
        """ "[лампами накаливания] и [люминесцентными лампами]": a phrase coordinated after a
        mention, in the case of the mention's head noun, is read by the fallback and kept
        when its nearest sector shares the mention's top-level sector — conjuncts name like
        kinds (decision 294). "и другие X" names the kind of the list, not another one."""
        if mention[-1].pos_ != "NOUN" or mention._.value is None:
            return  # an adjective mention ("нефтяного [гиганта]") has no conjunct noun
        own = mention._.value.sector.partition(".")[0]
        # the head's case: the first word's ("[лампами] накаливания", the tagger may call the
        # noun an adjective) or the last's ("мобильных [телефонов]")
        for case in dict.fromkeys(mention[0].morph.get("Case") + mention[-1].morph.get("Case")):
            for phrase in _case_conjuncts(mention.doc, mention.end, case):
                if phrase[0].norm_ in self.stopwords:
                    break
                self._read_phrase(phrase, "", taken, quotes, spans, own)

    def _read_phrase(
        self,
        phrase: Span,
        head: str,
        taken: list[Span],
        quotes: list[int],
        spans: list[Span],
        within: str = "",
    ) -> None:
        """One candidate phrase of the fallback: appended to `spans` (and `taken`) when it
        is a whole free phrase close enough to a sector (one under `within` if given)."""
        doc = phrase.doc
        if _overlaps(phrase, taken) or _one_object(phrase) or _in_title(phrase, quotes):
            return
        lemmas = [t.norm_ for t in phrase]
        if lemmas[-1] in self.stopwords or any(not t.is_alpha for t in phrase):
            return
        if _genitive_phrase(doc, phrase.end) is not None:
            return  # "сектор культуры речи": a noun with its own complement, cut (239)
        sector_id = self._nearest_sector(head, phrase, lemmas)
        if sector_id is None or (within and sector_id.partition(".")[0] != within):
            return
        spans.append(self._span(doc, phrase.start, phrase.end, "E", sector_id))
        taken.append(phrase)

    def _nearest_sector(self, head: str, phrase: Span, lemmas: list[str]) -> str | None:
        """The sector of a phrase after `head`: at an industry-announcing word the nearest
        taxonomy centroid, else the nearest caption goods noun; at an activity noun only the
        goods of the activity's own sector, in the captions' animacy (201, 215)."""
        forms = [t.lower_ for t in phrase]
        activity = self.activities.get(head)
        vector = None  # the phrase's vector, built once for both tables (same navec)
        if activity is None and self.threshold <= 1.0:
            vector = self.centroids().vectors.phrase(lemmas, forms)
            if vector is None:
                return None  # no word navec knows: no goods noun is near either
            nearest = self.centroids().nearest_to(vector)
            if nearest is not None and nearest.similarity >= self.threshold:
                return nearest.sector
        if self.goods_floor > 1.0:
            return None
        if activity is not None and _animacy(phrase[-1]) != activity[1]:
            return None
        goods_vectors = self.goods_vectors()
        if vector is None:
            vector = goods_vectors.vectors.phrase(lemmas, forms)
        goods = goods_vectors.nearest_to(vector)
        if goods is None or goods.similarity < self.goods_floor:
            return None
        sector_id = self.caption_goods[goods.sector]
        if activity is None:
            return sector_id
        own = activity[0].partition(".")[0]
        return activity[0] if sector_id.partition(".")[0] == own else None

    def centroids(self) -> Centroids:
        # Built on first use: most documents never reach the fallback, tests may never load it.
        if self._centroids is None:
            vocabulary = {s.id: [fold(t) for t in s.vocabulary()] for s in self.taxonomy.sectors}
            self._centroids = Centroids(Vectors.from_taggers(), vocabulary)
        return self._centroids

    def goods_vectors(self) -> Centroids:
        """One row per caption goods noun (its id the noun), built on first use."""
        if self._goods_vectors is None:
            vectors = self.centroids().vectors if self.threshold <= 1.0 else Vectors.from_taggers()
            vocabulary = {noun: [noun] for noun in self.caption_goods}
            self._goods_vectors = Centroids(vectors, vocabulary, knn=True)
        return self._goods_vectors

    def _after_name_head(self, match: Span, in_name_end: int) -> bool:
        """After a name head the sector word completes the name of a body or a post, even
        where NER found no ORG: "министр энергетики", "министерстве образования", "комитет по
        энергетике"; a conjunct goes with it ("министр энергетики и промышленности")."""
        doc = match.doc
        if match.start > 0 and in_name_end == match.start - 1:
            joint = doc[in_name_end].lower_  # "по промышленности, транспорту"
            # A comma also closes a clause or an aside ("Как заявил министр транспорта,
            # авиаперевозки …"): only a conjunct agrees in case with the name's last word.
            if joint == "и" or (
                joint in _CONJUNCTIONS and _same_case(doc[in_name_end - 1], match[0])
            ):
                return True
        i = _previous_word(doc, match.start)
        if i is not None and doc[i].lower_ == "по":
            if self._post_before(doc, i) and not self._company_activity(match, i):
                return True
            i = _previous_word(doc, i)
        elif not _may_complete_name(match):
            return False
        elif self._institution_before(doc, match.start):
            return True  # "центра [туризма]", "школа бизнеса" (decisions 235, 240)
        return i is not None and _unprefixed(token_lemma(doc[i])) in self.name_heads

    def _institution_before(self, doc: Doc, start: int) -> bool:
        """An institution's head before a genitive field, past the field's adjectives
        ("центр [ядерной] медицины"). A head predicated of a place is a hub, no institution:
        in the instrumental ("город стал центром нефтедобычи") or after a dash, past its own
        adjectives ("Дюссельдорф — центр моды", "— крупный центр нефтедобычи")."""
        i = _previous_word(doc, start)
        while i is not None and doc[i].pos_ == "ADJ" and _genitive(doc[i]):
            i = _previous_word(doc, i)
        if i is None or _unprefixed(token_lemma(doc[i])) not in self.institution_heads:
            return False
        if "Ins" in doc[i].morph.get("Case"):
            return False
        j = i - 1  # the dash is punctuation, which _previous_word skips
        while j >= 0 and (doc[j].pos_ == "ADJ" or doc[j].is_space) and not doc[j].is_sent_start:
            j -= 1
        return j < 0 or doc[j].text not in _DASHES

    def _post_before(self, doc: Doc, po: int) -> bool:
        """A post before "по", past the genitive of the body it serves: "директор по
        маркетингу", "заместитель губернатора края по энергетике" (decision 173). A few
        words back, within the sentence."""
        i = _previous_word(doc, po)
        for _ in range(6):
            if i is None:
                return False
            if _unprefixed(token_lemma(doc[i])) in self.post_heads:
                return True
            # past the genitive it governs, a name, or a year ("премии 2013 года по медицине")
            if not (_genitive(doc[i]) or doc[i].pos_ == "PROPN" or doc[i].like_num):
                return False
            i = _previous_word(doc, i)
        return False

    def _company_activity(self, match: Span, po: int) -> bool:
        """ "руководитель предприятия по переработке нефти": an activity after "по" right
        after a company's head is the field the company works in (guideline 173 a, 45), not
        the portfolio of the post before the company."""
        j = _previous_word(match.doc, po)
        return (
            j is not None
            and match.doc[j].norm_ in self.org_heads
            and match[0].norm_ in self.context_heads
        )


def _governing_word(doc: Doc, start: int) -> int | None:
    """The word before a noun phrase, past its adjectives and determiners and one
    coordinated word before them ("по радио и [телевидению]", "развитием и [обучением]",
    "поддержат эти [исследования]", 243): the word that governs it."""
    i = _previous_word(doc, start)
    while i is not None and doc[i].pos_ in ("ADJ", "DET"):
        i = _previous_word(doc, i)
    if i is not None and doc[i].norm_ == "и":
        j = _previous_word(doc, i)
        i = None if j is None else _previous_word(doc, j)
    return i


def _comma_after(doc: Doc, i: int) -> bool:
    """A comma right after token i: the end of a listed conjunct ("самолетов, вертолетов")."""
    return i + 1 < len(doc) and doc[i + 1].text == ","


def _money_ends(doc: Doc) -> frozenset[int]:
    """The last word of each money AMOUNT ("500 млн евро"), one pass over the amounts."""
    return frozenset(
        a.end - 1
        for a in doc.spans.get("AMOUNT", [])
        if a._.value is not None and a._.value.kind == "money"
    )


def _service_status(match: Span, at: frozenset[str], whence: frozenset[str]) -> bool:
    """The state's service as where a person is or whence they leave: "на государственной
    службе" (locative), "после ухода с госслужбы" (genitive after "с") — decision 220 (b).
    The preposition is read past the phrase's other adjectives, as the channel's is: "на
    федеральной государственной службе", "на государственной гражданской службе" (237)."""
    i = _governing_word(match.doc, match.start)
    if i is None:
        return False
    cases = set(match[-1].morph.get("Case"))
    preposition = match.doc[i].lower_
    return (preposition in at and "Loc" in cases) or (preposition in whence and "Gen" in cases)


def _unprefixed(lemma: str) -> str:
    """ "экс-министр" -> "министр": a former holder's post is named like the post (decision
    202), so its field completes the name ("экс-министра энергетики")."""
    return lemma[4:] if lemma.startswith("экс-") else lemma


def _animacy(token: Token) -> str:
    """ "anim" or "inan" from the pymorphy3 reading (slovnet's Animacy when it has none)."""
    grammemes = set(re.split(r"[ ,]", token._.tag or ""))
    if "anim" in grammemes or "inan" in grammemes:
        return "anim" if "anim" in grammemes else "inan"
    return "anim" if "Anim" in token.morph.get("Animacy") else "inan"


def _same_case(token: Token, other: Token) -> bool:
    case = token.morph.get("Case")
    return bool(case) and case == other.morph.get("Case")


def _cases(token: Token) -> set[str]:
    """The cases a word may be in: the tagger's and every adjective reading of the dictionary
    (the tagger alone splits agreeing conjuncts, "угольной" Dat, "газовой" Gen)."""
    cases = set(token.morph.get("Case"))
    for parse in models.parses(token.lower_):
        if parse.tag.POS == "ADJF":
            cases.update(ud for ud, oc in UD_TO_OC_CASE.items() if oc in parse.tag)
    return cases


def _adjective(token: Token) -> bool:
    """Tagged an adjective, or one in the dictionary: the tagger reads a conjunct before "и"
    a noun now and then ("сталелитейное и химическое производство")."""
    if token.pos_ == "ADJ":
        return True
    return any(parse.tag.POS == "ADJF" for parse in models.parses(token.lower_))


def _adjective_before(match: Span) -> bool:
    """An adjective right before the match, outside it: "настольных [игр]"."""
    i = _previous_word(match.doc, match.start)
    return i is not None and i == match.start - 1 and match.doc[i].pos_ == "ADJ"


def _with_attribute(match: Span) -> bool:
    """ "с высшим образованием", "бизнесмен с американским образованием": "с" + the
    instrumental, past the phrase's adjectives, is what a person has (decision 174)."""
    if "Ins" not in match[-1].morph.get("Case"):
        return False
    doc = match.doc
    i = _previous_word(doc, match.start)
    while i is not None and doc[i].pos_ == "ADJ":
        i = _previous_word(doc, i)
    return i is not None and doc[i].lower_ in ("с", "со")


def _may_complete_name(match: Span) -> bool:
    """A name of a body or post takes its field in the genitive ("министр энергетики") or
    after "по"; a word in another case after a name head is no part of the name: "в
    управлении торговой сетью" (the verbal noun "управление" governs the instrumental)."""
    case = match[0].morph.get("Case")
    return not case or "Gen" in case


def load_taxonomy(path: str | Path) -> Taxonomy:
    """The taxonomy at `path`; an unreadable or malformed file is an InputError naming it."""
    try:
        return Taxonomy.load(path)
    except OSError as exc:
        raise InputError(path, f"cannot read taxonomy: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"malformed TOML: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        # an unknown [rules] key, a sector without an id, a hand-edited [okved_words] row
        raise InputError(path, f"malformed taxonomy: {exc}") from None


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _phrase_matcher(nlp: Language, taxonomy: Taxonomy) -> PhraseMatcher:
    """One matcher for terms (T|id), products (P|id), context terms (C|id) and negatives, so
    the longest match wins across all of them."""
    patterns: dict[str, set[tuple[str, ...]]] = {}
    kinds = (
        ("T", taxonomy.terms()),
        ("P", taxonomy.products()),
        ("C", taxonomy.context_terms()),
        ("M", taxonomy.paid_terms()),
    )
    for kind, entries in kinds:
        for lemmas, sector_id in entries:
            patterns.setdefault(f"{kind}|{sector_id}", set()).add(tuple(fold(w) for w in lemmas))
    for lemmas in taxonomy.negatives():
        patterns.setdefault(NEGATIVE, set()).add(tuple(fold(w) for w in lemmas))
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for key, keys in patterns.items():
        matcher.add(key, [norm_doc(nlp.vocab, words) for words in sorted(keys)])
    return matcher


def _one_word_goods(taxonomy: Taxonomy) -> dict[str, str]:
    """Folded one-word terms and products -> sector id (the goods a hyphened tag may name)."""
    entries = list(taxonomy.terms()) + list(taxonomy.products())
    return {fold(lemmas[0]): sid for lemmas, sid in entries if len(lemmas) == 1}


class _Compounds:
    """Compounds of a sector prefix and a head ("автогигант", "медиа-бизнес"), checked once
    per distinct lemma and remembered: a document holds a few hundred distinct lemmas."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.prefixes = sorted(
            ((fold(w.prefix), w.sector) for w in taxonomy.wordforms), key=lambda p: -len(p[0])
        )
        self.heads = frozenset(fold(h) for h in taxonomy.rules.compound_heads)
        self.goods = _one_word_goods(taxonomy)
        self.known: dict[int, str | None] = {}  # NORM hash -> sector id or None

    def sector(self, lemma: str) -> str | None:
        return self._split(lemma)

    def _split(self, lemma: str) -> str | None:
        for prefix, sector_id in self.prefixes:
            if lemma.startswith(prefix) and lemma[len(prefix) :].lstrip("-") in self.heads:
                return sector_id
        return self._tagged_goods(lemma)

    def _tagged_goods(self, lemma: str) -> str | None:
        """A Latin abbreviation hyphened to goods or a term is one span of the goods' sector
        (decision 138): "LTE-смартфон", "4K-телевизор", "GPS-навигатор"."""
        tag, hyphen, tail = lemma.rpartition("-")
        if not hyphen or not _LATIN_TAG.fullmatch(tag):
            return None
        return self.goods.get(tail)

    def spans(self, doc: Doc, norms: _Norms) -> list[Span]:
        strings, known, hits = doc.vocab.strings, self.known, {}
        for n in norms.unique:
            if n not in known:
                if len(known) > KNOWN_WORDS:  # a long run's vocabulary: start afresh
                    known.clear()
                known[n] = self._split(strings[n])
            if known[n]:
                hits[n] = known[n]
        if not hits:
            return []
        return [
            Span(doc, i, i + 1, label=f"W|{hits[norms.unique[norms.inverse[i]]]}")
            for i in norms.where(hits)
        ]


class _Norms:
    """A document's NORM hashes as distinct values and, per token, the index of its value: a
    lookup asks the few hundred distinct lemmas, not every token."""

    def __init__(self, doc: Doc) -> None:
        unique, inverse = np.unique(doc.to_array(NORM), return_inverse=True)
        self.unique: list[int] = unique.tolist()
        self.inverse = inverse.reshape(-1)

    def where(self, wanted) -> list[int]:
        """Token indices whose NORM hash is in `wanted` (a set or dict of hashes)."""
        mask = np.fromiter((n in wanted for n in self.unique), dtype=bool, count=len(self.unique))
        if not mask.any():
            return []
        return np.flatnonzero(mask[self.inverse]).tolist()


def _one_object(span: Span) -> bool:
    """Goods named as one object, not as a product group (guideline 44): a numeral right
    before ("четыре автомобиля") or a name right after ("автомобиль «Славута»", "смартфонов
    iPhone", "автомобили ЗАЗ")."""
    doc = span.doc
    i = _previous_word(doc, span.start)
    if i is not None and (doc[i].like_num or doc[i].pos_ == "NUM"):
        return True
    if i is not None and i == span.start - 1 and _capitalised_inside(doc, i):
        return True  # "Актанышского нефтяного месторождения", "Цзяннаньской судоверфи"
    if span.end < len(doc) and doc[span.end].text in OPENING_OR_APOSTROPHE:
        return True
    j = _next_word(doc, span.end)
    if j is None or j != span.end:
        return False
    return doc[j].text[:1].isupper() or bool(_LATIN_WORD.match(doc[j].text))


def _capitalised_inside(doc: Doc, i: int) -> bool:
    """A capitalised adjective that does not open its sentence (or a line): part of a name
    ("Актанышского нефтяного месторождения"), unlike a place before ("из Германии свинина")."""
    token = doc[i]
    if token.is_sent_start or not token.text[:1].isupper() or token.pos_ != "ADJ":
        return False
    return i > 0 and "\n" not in doc[i - 1].text and not doc[i - 1].is_punct


def _lemmas(span: Span) -> str:
    return " ".join(t.norm_ for t in span)


def _in_title(match: Span, quotes: list[int]) -> bool:
    """Inside a quoted title of three or more words that opens with a capital — a law, a
    programme, an event: «О банках и банковской деятельности». `quotes`: indices of the
    document's opening quotes, so most matches are decided without a walk."""
    k = bisect_left(quotes, match.start)
    if not k or match.start - quotes[k - 1] > _TITLE_WINDOW:
        return False
    doc = match.doc
    i = match.start - 1
    stop = max(0, match.start - _TITLE_WINDOW)
    while i >= stop and not doc[i].is_sent_start and doc[i].text not in CLOSING_QUOTES:
        if doc[i].text in OPENING_QUOTES:
            break
        i -= 1
    if i < 0 or doc[i].text not in OPENING_QUOTES or i + 1 >= len(doc):
        return False
    j = match.end
    end = min(len(doc), match.end + _TITLE_WINDOW)
    while j < end and doc[j].text not in CLOSING_QUOTES and not doc[j].is_sent_start:
        j += 1
    if j >= len(doc) or doc[j].text not in CLOSING_QUOTES or j - i - 1 < 3:
        return False
    # Quoted speech has a verb ("«Мы планируем перейти от медиа-бизнеса...»"); a title not.
    inside = doc[i + 1 : j]
    return inside[0].text[:1].isupper() and not any(t.pos_ in ("VERB", "AUX") for t in inside)


def _genitive_conjuncts(doc: Doc, i: int) -> list[Span]:
    """The genitive phrase at token i and those coordinated with it ("овощей и фруктов")."""
    first = _genitive_phrase(doc, i)
    if first is None:
        return []
    return [first, *_case_conjuncts(doc, first.end, "Gen", _MAX_GENITIVES_LISTED)]


def _genitive_phrase(doc: Doc, i: int) -> Span | None:
    """Adjectives and a noun in the genitive starting at token i ("мобильных телефонов")."""
    return _phrase_in(doc, i, "Gen")


def _phrase_in(doc: Doc, i: int, case: str) -> Span | None:
    """Adjectives and a noun in `case` starting at token i ("люминесцентными лампами")."""
    end = i
    while end < len(doc) and end - i < 4 and doc[end].pos_ == "ADJ" and _in_case(doc[end], case):
        end += 1
    if end < len(doc) and doc[end].pos_ == "NOUN" and _in_case(doc[end], case):
        return Span(doc, i, end + 1)
    return None


def _case_conjuncts(doc: Doc, i: int, case: str, most: int = _MAX_CONJUNCTS) -> list[Span]:
    """The phrases in `case` coordinated one after another from token i (a conjunction or a
    comma at i), at most `most`: "нефти и [газа], [угля]"."""
    phrases = []
    while i + 1 < len(doc) and doc[i].norm_ in _CONJUNCTIONS and len(phrases) < most:
        phrase = _phrase_in(doc, i + 1, case)
        if phrase is None:
            break
        phrases.append(phrase)
        i = phrase.end
    return phrases


def _in_case(token: Token, case: str) -> bool:
    return case in token.morph.get("Case")


def _object_after(doc: Doc, i: int) -> Span | None:
    """The genitive phrase at token i, past determiners: "строительство [всех] церквей" builds
    objects as "строительство церквей" does (guideline 47)."""
    while i < len(doc) and doc[i].pos_ == "DET" and _genitive(doc[i]):
        i += 1
    return _genitive_phrase(doc, i)


def _genitive(token) -> bool:
    return "Gen" in token.morph.get("Case")


@dataclass(frozen=True)
class _Where:
    """Token indices a match's fit asks of the whole document, found once per document."""

    money_ends: frozenset[int]  # the last words of money AMOUNTs
    org_starts: frozenset[int]  # the first words of ORGs


class _SpanIndex:
    """Spans sorted by start, with the furthest end reached so far: the spans overlapping a
    match are found by bisection and a walk back that stops once no earlier span reaches the
    match, instead of a scan of every span of the document for every match."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        self.reach = list(accumulate((s.end for s in self.spans), max))

    def overlapping(self, start: int, end: int) -> Iterator[Span]:
        """The spans sharing a token with [start, end)."""
        for k in range(bisect_left(self.starts, end) - 1, -1, -1):
            if self.reach[k] <= start:
                return  # no span at or before k ends after `start`
            if self.spans[k].end > start:
                yield self.spans[k]


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
    return before not in OPENING_QUOTES and after not in CLOSING_QUOTES


def _foreign(match: Span) -> bool:
    """A Latin-script match next to another Latin word is part of foreign-language text
    ("«It's My Life»"), not the Russian term ("IT", "5G", "e-commerce")."""
    if any(_CYRILLIC.search(t.text) for t in match):
        return False
    doc = match.doc
    neighbours = (_previous_word(doc, match.start), _next_word(doc, match.end))
    return any(i is not None and _LATIN_WORD.fullmatch(doc[i].text) for i in neighbours)


def _conjuncts_before(doc: Doc, i: int, links: frozenset[str]) -> Iterator[int]:
    """Words coordinated before the adjective at token i, nearest first: back over "и"/"или"
    and, once one was passed, commas ("угольной, нефтяной и газовой"). Each agrees in case
    with the conjunct after it in some reading (the tagger's or the dictionary's: the tagger
    reads "нефтяные" Acc before "газовые запасы" Nom), so an "и" between clauses ("рынок стал
    нефтяным и газовые компании ушли") or a comma list with no conjunction ("нефтяные,
    газовые компании") joins nothing."""
    joined = False
    for _ in range(_MAX_CONJUNCTS):
        link = i - 1
        if link < 1 or doc[i].is_sent_start or doc[link].is_sent_start:
            return
        if doc[link].norm_ in links:
            joined = True
        elif doc[link].text != "," or not joined:
            return
        if not _cases(doc[link - 1]) & _cases(doc[i]):
            return
        i = link - 1
        yield i


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


@Language.factory(
    "sector_rules",
    default_config={"taxonomy": None, "name_heads": list(NAME_HEADS), "embedding_threshold": None},
)
def make_sector_rules(
    nlp: Language,
    name: str,
    taxonomy: str | None,
    name_heads: list[str],
    embedding_threshold: float | None,
) -> SectorRules:
    return SectorRules(nlp, name, taxonomy, name_heads, embedding_threshold)
