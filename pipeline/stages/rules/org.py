"""ORG refinement over the NER output: whole official names with their parent chain, quotes
handled, quoted names after generic heads, and later bare «aliases» of a name already seen.

[Центр японских исследований [Института Китая и современной Азии [РАН]]] is built from the
three pieces the NER model returns, each inner organisation kept as a nested mention.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline import extensions, models
from pipeline.intervals import Intervals
from pipeline.stages.ner import bracket_parts
from pipeline.stages.quotes import (
    CLOSING_QUOTES,
    DOUBLE_APOSTROPHE,
    OPENING_QUOTES,
    STRAIGHT_QUOTES,
    unclosed_quotes,
)
from pipeline.stages.rules.base import load_lexicon, make_span, set_group, word_list
from pipeline.stages.rules.entities import UNITS_KEY
from pipeline.stages.rules.latin_names import (
    MAX_WORDS,
    is_latin_start,
    is_latin_word,
    latin_name_end,
)
from pipeline.stages.rules.latin_places import LatinGazetteer
from pipeline.stages.rules.lexicon import (
    lemma_key,
    lemma_set,
    norm_doc,
    positions,
    positions_of,
    token_lemma,
)
from pipeline.stages.rules.org_grammar import (
    Complements,
    Gazetteer,
    OrgGrammar,
    products,
    title_heads,
)

# Where org_rules leaves the canonical names of gazetteer mentions for name_rules, which
# writes every `normal` (keyed by character offsets).
CANONICAL_KEY = "org_rules.canonical"
# A bracket of original-script forms lists a name and its abbreviation, rarely more.
MAX_BRACKET_PARTS = 3


# Longest name searched for a parent inside it (words): a chain of units and bodies is short.
PARENT_REACH = 12


class OrgRules:
    def __init__(
        self,
        nlp: Language,
        name: str,
        lexicon: str,
        orgs: str | None = None,
        places: str | None = None,
    ) -> None:
        extensions.register()
        self.name = name
        data = load_lexicon(lexicon)
        orgs_data = load_lexicon(orgs) if orgs else {}
        self.grammar = OrgGrammar.from_lexicon(orgs_data, orgs) if orgs else None
        self.complements = (
            Complements.from_lexicon(orgs_data, self.grammar, orgs) if self.grammar else None
        )
        self.gazetteer = Gazetteer(nlp, orgs_data.get("body", []))
        self.title_heads = title_heads(orgs_data) if orgs else frozenset()
        titles = orgs_data.get("titles", {})
        # Meetings a body holds ("съезд партии") are events, named like venues by their head.
        self.venues = lemma_set(titles.get("venues", [])) | lemma_set(titles.get("meetings", []))
        self.field_heads = lemma_set(orgs_data.get("units", {}).get("field_heads", []))
        chains = orgs_data.get("chains", {})
        self.meeting_heads = lemma_set(chains.get("meeting_heads", []))
        self.dative_governors = lemma_set(chains.get("dative_governors", []))
        self.facility_heads = {lemma_key(n) for n in titles.get("facility_heads", [])}
        self.seats = {lemma_key(n) for n in titles.get("seats", [])}
        self.platforms = {lemma_key(n) for n in titles.get("platforms", [])}
        self.seat_prepositions = _word_forms(orgs_data, "seat_prepositions", orgs)
        self.platform_words = _word_forms(orgs_data, "platform_words", orgs)
        self.title_list_words = _word_forms(orgs_data, "list_words", orgs)
        self.products = products(nlp, orgs_data) if orgs else None
        self.quoted_heads = lemma_set(data["org"]["quoted_name_heads"])
        # Kind nouns a Latin name stands in apposition to (decision 142): the quoted-name
        # heads and the extra kinds of orgs.toml [latin_names]; none without that section.
        latin = orgs_data.get("latin_names")
        self.latin_heads = self.quoted_heads | lemma_set(latin["heads"]) if latin else frozenset()
        # Kind words inside a Latin name ("St Anne's Hospital", "Colegio de Arquitectos",
        # decision 315); none without the list.
        self.latin_kinds = lemma_set(latin.get("kind_words", [])) if latin else frozenset()
        self.name_heads = lemma_set(data["org"]["name_heads"])
        # Kind nouns before a name the model read as a person or a place (decision 314): the
        # quoted-name heads that name no person's trade, and the extra kinds of orgs.toml.
        kinds = orgs_data.get("kind_names", {})
        self.kind_heads = (
            (self.quoted_heads | lemma_set(kinds.get("heads", [])))
            - lemma_set(kinds.get("not_heads", []))
            if kinds
            else frozenset()
        )
        self.places = {lemma_key(place) for place in data["loc"]["gazetteer"]}
        # Latin place names as written ("USA", "UK"): an abbreviation in brackets after a name
        # that is one of them stays a place (decision 229); none without the `places` setting.
        self.latin_places = frozenset(LatinGazetteer.load(places).places) if places else frozenset()
        self.generic = {lemma_key(word) for word in data["org"]["generic_names"]}
        self.known = PhraseMatcher(nlp.vocab, attr="NORM")
        self.known.add(
            "ORG", [norm_doc(nlp.vocab, lemma_key(n)) for n in data["org"]["known_names"]]
        )

    def __call__(self, doc: Doc) -> Doc:
        spans = [p for s in doc.spans.get("ORG", []) for p in self._split_parenthesis(s)]
        spans = [self._fix_quotes(s) for s in spans]
        starts = {s.start for s in spans if s is not None}
        spans = [self._without_person_word(s, starts) if s is not None else s for s in spans]
        spans = [s for s in spans if s is not None and not self._line_noun(s, starts)]
        spans = [s for s in spans if s is not None and self._is_name(s)]
        spans = self._without_titles(spans)
        spans = [s for s in spans if not self._is_place(s)]
        spans += self._known_names(doc, spans)
        heads_at, kinds_at = positions_of(doc, (self.latin_heads, self.latin_kinds))
        spans += self._latin_after_kinds(doc, spans, heads_at)
        spans += self._latin_kind_names(doc, spans, kinds_at)
        spans += self._names_after_kinds(doc, spans)
        spans = self._with_grammar(doc, spans)
        spans = self._with_places(doc, spans)
        # The name without its leading adjectives stays as a nested mention of its own.
        spans += [e for s in spans if (e := self._extend_left(s)) is not s]
        spans += self._quoted_after_heads(doc, spans)
        spans = self._chains(spans)
        spans = self._with_complements(doc, spans)
        spans = self._units_to_parent_end(doc, spans)
        spans = self._fields_to_outer(spans)
        spans += self._nested_bodies(doc, spans)
        spans = self._fields_after_parent(doc, spans)
        spans += self._aliases(doc, spans)
        spans += self._known_parents(doc, spans)
        # last, once every form of a name is known: the model may have missed the one before
        # the bracket and tagged it elsewhere ("«Спейс адвентчерс» (Space Adventures)")
        spans = self._with_latin_brackets(doc, spans)
        spans += self._abbreviations_in_brackets(doc, spans)
        set_group(doc, "ORG", spans)
        self._describe(doc)
        return doc

    def _without_titles(self, spans: list[Span]) -> list[Span]:
        """Spans that are not works or products; a quoted name read as a title once is one
        wherever it recurs in the document ("шаттлы «Индевор» и «Атлантис»" … "после
        «Атлантиса»", guideline 57). Not propagated: an unquoted name ("альбом The Doors" may
        be the band's) or one after a head in the genitive ("до окончания чемпионата
        «Спартак» занял": a new clause may start)."""
        titles, kept = set(), []
        for span in spans:
            head = self._title_head(span)
            if head is None and not self._is_product(span):
                kept.append(span)
            elif head is not None and _quoted(span) and "Gen" not in head.morph.get("Case"):
                if not self._facility_head(head):  # «Динамо» the club plays at its stadium
                    titles.add(_lemmas(span))
        return [s for s in kept if _lemmas(s) not in titles]

    def _is_place(self, span: Span) -> bool:
        """A building or venue, not a body (guideline 58): the head noun of an unquoted name
        is a venue word ("Дворце молодёжи", "Доме культуры", "Вашингтонском аэропорту"); a
        seat of government is the body except where it is the place something happens in
        ("в Белом доме")."""
        key = _lemmas(span)
        if key in self.seats:
            return _in_building(span, self.seat_prepositions)
        if key in self.platforms:
            return _in_building(span, self.platform_words, ("Loc", "Acc"))
        if _quoted(span):  # «Наш дом» is a party's name
            return False
        head = next((t for t in span if t.pos_ in ("NOUN", "PROPN") or _noun_read_adj(t)), None)
        return head is not None and token_lemma(head) in self.venues

    def _title_head(self, span: Span) -> Token | None:
        """The word for a work right before a title ("альбом «Юность»", "сингл Today"),
        over a list of quoted titles (guideline 54)."""
        doc, before = span.doc, span.start - 1
        quoted = before >= 0 and doc[before].text in OPENING_QUOTES
        while before >= 0 and (doc[before].text in OPENING_QUOTES or doc[before].is_space):
            before -= 1
        if quoted:  # «Звезда», «Космос» и «Юность» after "кинотеатрах": the whole list
            before = _before_quoted_list(doc, before, self.title_list_words)
        if before < 0 or (
            token_lemma(doc[before]) not in self.title_heads
            and not self._facility_head(doc[before])
        ):
            return None
        if not quoted and "Gen" in span[0].morph.get("Case"):
            return None  # "истребители Королевских ВВС": the owner, not a title
        return doc[before]

    def _facility_head(self, token: Token) -> bool:
        """The word before a name is a facility's kind, of one or two words ("стадионе
        «Самара Арена»", "торговом центре L’Avenue Mall", "поезда ICE"; guideline 140)."""
        doc, i = token.doc, token.i
        one = (token_lemma(token),)
        two = (token_lemma(doc[i - 1]), *one) if i > 0 else one
        return one in self.facility_heads or two in self.facility_heads

    def _is_product(self, span: Span) -> bool:
        """A platform or disease from the lexicon (guideline 54)."""
        if self.products is None:
            return False
        return any((a, b) == (span.start, span.end) for _, a, b in self.products(span))

    def _with_grammar(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Descriptor-headed names (org_grammar), merged with the model's by one rule
        (guideline 53): a grammar span is kept unless it lies inside or across a model ORG, PER
        or LOC span (a PER or LOC inside it stays nested: "правительство [Медведева]"); a model
        ORG inside it stays nested, unless it starts
        where the grammar span does (the model cut the name short: "[Европейский суд] по
        правам человека") and is then replaced."""
        found = self._grammar_spans(doc, spans)
        starts = {s.start: s.end for s in found}
        kept = [s for s in spans if starts.get(s.start, s.end) <= s.end]
        return kept + found

    def _grammar_spans(self, doc: Doc, spans: list[Span]) -> list[Span]:
        if self.grammar is None:
            return []
        names: dict[int, Span] = {}
        for label in ("ORG", "PER", "LOC"):
            for span in spans if label == "ORG" else doc.spans.get(label, []):
                names.setdefault(span.start, span)
        others = [s for label in ("PER", "LOC") for s in doc.spans.get(label, [])]
        found = []
        candidates = self.grammar.find(doc, names)
        # A model ORG cut short where a grammar span starts is replaced (_with_grammar): it
        # does not block a unit's parent inside that span.
        cut = {(c.start, c.end) for c in candidates}
        starts = {c.start: c.end for c in candidates}
        spans = [s for s in spans if starts.get(s.start, s.end) <= s.end or (s.start, s.end) in cut]
        # A candidate equal to a PER or LOC is theirs; one that crosses a PER, LOC or kept ORG
        # (overlaps it without holding it) is dropped. Indexed: one lookup per candidate.
        theirs = {(s.start, s.end) for s in others}
        crossed = Intervals((s.start, s.end) for s in [*others, *spans])
        for c in candidates:
            if (c.start, c.end) in theirs or crossed.straddle(c.start, c.end):
                continue
            found.append(make_span(doc, c.start, c.end, "ORG", self.name))
            if c.unit:
                doc.user_data.setdefault(UNITS_KEY, set()).add(doc[c.start].idx)
        kept = filter_spans(found)
        # A unit's parent found by the grammar stays nested: "[отделения [факультета МГУ]]";
        # a kind noun before the parent's name ("компании" in "отдел кадров компании X") does
        # not (guideline 95); one inside a unit's parent is no such noun ("[отделения
        # [факультета Московского университета]]", decision 283).
        units = Intervals((s.start, s.end) for s in kept if len(s) > 1)
        kinds = self.grammar.apposition_heads
        outer = set(kept)  # a set: `in` a list of the kept spans is a scan per span
        inner = [
            s
            for s in found
            if s not in outer
            and units.contain(s.start, s.end)
            and token_lemma(next((t for t in s if t.pos_ != "ADJ"), s[0])) not in kinds
        ]
        return kept + inner

    def _describe(self, doc: Doc) -> None:
        """name_kind of every ORG (guideline 50) and the canonical names of gazetteer forms."""
        canonical = doc.user_data.setdefault(CANONICAL_KEY, {})
        nested = Intervals(
            (s.start, s.end) for label in ("LOC", "ORG", "PER") for s in doc.spans.get(label, [])
        )
        for span in doc.spans["ORG"]:
            span._.name_kind = _name_kind(span, nested, self.grammar)
            name = self.gazetteer.name_of(span)
            if name:
                canonical[(span.start_char, span.end_char)] = name

    def _relabel(self, span: Span, start: int, end: int) -> Span:
        stage = span._.stage if (start, end) == (span.start, span.end) else self.name
        return make_span(span.doc, start, end, "ORG", stage)

    def _is_name(self, span: Span) -> bool:
        if not any(c.isalpha() for c in span.text):
            return False
        return tuple(token_lemma(t) for t in span) not in self.generic

    def _split_parenthesis(self, span: Span) -> list[Span]:
        """ "Фонд борьбы с коррупцией (ФБК)" is a name and its abbreviation (or an
        abbreviation and its expansion): two mentions, which entity ids then link. A place in
        the brackets ("Apple (США)") is not a second name: the span stays whole, and the
        place is nested in it by name_rules."""
        parts = bracket_parts(span.doc, span.start, span.end)
        if not parts:  # not of that shape, or no letters on either side (dropped later)
            return [span]
        if len(parts) == 2:
            inner = span.doc[parts[1][0] : parts[1][1]]
            if tuple(token_lemma(t) for t in inner) in self.places:
                return [span]
        return [make_span(span.doc, a, b, "ORG", self.name) for a, b in parts]

    def _without_person_word(self, span: Span, starts: set[int]) -> Span | None:
        """ "Солдаты [ООН]", "Корреспондент [Русской службы BBC]", "председателя [комитета
        Госдумы]": a common noun for a person opening a model ORG is who belongs to the body,
        not the body (guideline 108); the name after it is the mention. A capital in
        mid-sentence keeps it ("организация Врачи без границ" is the name). The person noun
        alone before another model ORG is no ORG either (guideline 123): the model's
        "[Представитель] [Минобороны]" would otherwise chain into one name ("Братья-мусульмане"
        alone stays)."""
        first = span[0]
        if first.pos_ != "NOUN" or "Anim" not in first.morph.get("Animacy"):
            return span
        if (first.is_title and not _line_start(first)) or first.is_upper:
            return span
        if self.grammar is not None and token_lemma(first) in self.grammar.all_heads:
            return span
        if len(span) == 1:
            return None if span.end in starts else span
        rest = span[1]  # "Врачи без границ": a preposition after it makes it the name's head
        if not (rest.pos_ in ("NOUN", "PROPN", "ADJ") or rest.text in OPENING_QUOTES):
            return span
        return make_span(span.doc, span.start + 1, span.end, "ORG", span._.stage or self.name)

    def _line_noun(self, span: Span, starts: set[int]) -> bool:
        """A lone common noun the model tagged at the start of a line or a sentence, right
        before another model ORG ("Нашивка [ФНС России] на рукаве", "Эмблема [Минфина России]"
        under a headline): the capital is the line's, the noun names a thing of the body,
        not a body (guideline 278), and would chain into one name with it. A head of the
        grammar or of a name ("Правление", "Компания") stays; so does a word the dictionary
        reads as an organisation's name or an abbreviation ("Совбез", "Минфин")."""
        word = span[0]
        if len(span) != 1 or span.end not in starts or word.pos_ != "NOUN" or word.is_upper:
            return False
        lemma = token_lemma(word)
        heads = self.grammar.all_heads if self.grammar is not None else frozenset()
        if lemma in heads or lemma in self.name_heads or lemma in self.quoted_heads:
            return False
        return _line_start(word) and _dictionary_common_noun(word)

    def _fix_quotes(self, span: Span) -> Span | None:
        """Close a quote the model left open; drop quotes that surround the whole name, and a
        closing quote the name never opened ("Движения за перемены"" after a quote the model
        left out)."""
        doc, start, end = span.doc, span.start, span.end
        opened = unclosed_quotes([t.text for t in span])
        straight = sum(t.text in STRAIGHT_QUOTES for t in span)  # parity, then glue (168)
        if straight == 1 and doc[end - 1].text in STRAIGHT_QUOTES and end - start > 1:
            end -= 1
        elif (
            straight % 2
            and end < len(doc)
            and doc[end].text in STRAIGHT_QUOTES
            and not _opens_a_word(doc, end)
        ):
            end += 1
        if opened < 0 and doc[end - 1].text in CLOSING_QUOTES - STRAIGHT_QUOTES:
            end -= 1
        if opened > 0 and end < len(doc) and doc[end].text in CLOSING_QUOTES:
            end += 1
        if doc[start].text in OPENING_QUOTES and doc[end - 1].text in CLOSING_QUOTES:
            inner = doc[start + 1 : end - 1]
            if not any(t.text in OPENING_QUOTES for t in inner):
                start, end = start + 1, end - 1
        if doc[start].text in OPENING_QUOTES and not any(
            t.text in CLOSING_QUOTES for t in doc[start:end]
        ):
            start += 1
        return self._relabel(span, start, end) if end > start else None

    def _with_places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A place in the genitive right after a name is part of it: "Верховный суд
        [Таджикистана]", "Следственного комитета [РФ]". The place stays a nested LOC; the
        name without it is no organisation of its own, so it is replaced."""
        places: dict[int, Span] = {}
        for place in doc.spans.get("LOC", []):
            if place.start not in places or len(place) > len(places[place.start]):
                places[place.start] = place
        return [self._name_with_place(span, places) for span in spans]

    def _with_complements(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "имени", "при", "по" + place after a name complete it (guideline 56); the name
        without them is no mention of its own (its nested names stay). Right to left, so
        that "при" takes in a name already completed after it."""
        if self.complements is None:
            return spans
        names: dict[int, Span] = {}
        for label in ("ORG", "PER", "LOC"):
            for span in spans if label == "ORG" else doc.spans.get(label, []):
                if span.start not in names or len(span) > len(names[span.start]):
                    names[span.start] = span
        outermost: dict[int, int] = {}
        for span in spans:
            outermost[span.end] = min(span.start, outermost.get(span.end, span.start))
        out = []
        for span in sorted(spans, key=lambda s: (-s.start, s.end)):
            end = self.complements.extend(span, names, outermost[span.end] == span.start)
            if end != span.end:
                span = self._relabel(span, span.start, end)
                names[span.start] = span
            out.append(span)
        return out

    def _units_to_parent_end(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A unit ends where its parent does: the grammar saw the parent's first piece
        ("пресс-служба ГУ"), the chain and "по" + place rules then completed the parent ("ГУ
        МВД России по Москве"), so the unit takes the whole (guideline 108)."""
        units = doc.user_data.get(UNITS_KEY)
        if not units:
            return spans
        reach: dict[int, int] = {}
        for span in spans:
            reach[span.start] = max(span.end, reach.get(span.start, span.end))
        out, ends = [], set()
        for span in spans:
            if span.start_char in units:
                end = max((reach.get(i, 0) for i in range(span.start + 1, span.end)), default=0)
                if end > span.end:
                    span = self._relabel(span, span.start, end)
                if self._territorial(span):
                    ends.add((span.start, span.end))
            out.append(span)
        places = {s.end: s.start for s in doc.spans.get("LOC", [])}
        out = self._territory_to_parent(out, places)
        if not ends:
            return out
        return [self._without_territory(s, ends, places) for s in out]

    def _territory_to_parent(self, spans: list[Span], places: dict[int, int]) -> list[Span]:
        """ "по" + a place ending a name that is no territorial branch (a press office, a
        unit named by its field) is the territory of the body nested before it too:
        "пресс-центр [ГУ МВД России по г. Москве]", "Управление по контролю … [Главного
        управления МВД по Москве]", where only the outer name had taken it in (guideline
        120)."""
        grow: dict[tuple[int, int], int] = {}
        for unit in spans:
            po = _territory_start(unit, places)
            if po is None or not self._unit_head(unit) or self._territorial(unit):
                continue
            if any(unit.start < s.start and s.end == unit.end for s in spans):
                continue  # a body nested in it has the territory already
            inner = [s for s in spans if unit.start < s.start < po and s.end == po]
            if inner:
                parent = min(inner, key=lambda s: s.start)
                grow[(parent.start, parent.end)] = unit.end
        if not grow:
            return spans
        out, seen = [], {(s.start, s.end) for s in spans}
        for span in spans:
            end = grow.get((span.start, span.end))
            if end is not None and (span.start, end) not in seen:
                span = self._relabel(span, span.start, end)
            out.append(span)
        return out

    def _unit_head(self, span: Span) -> str | None:
        heads = self.grammar.unit_heads if self.grammar is not None else frozenset()
        return next((token_lemma(t) for t in span if token_lemma(t) in heads), None)

    def _territorial(self, unit: Span) -> bool:
        """A unit whose head is a territorial branch ("управление", "отделение"), which a
        "по" + place after its parent names; a press office or a board is not one."""
        head = self._unit_head(unit)
        if head is None or head not in self.grammar.territorial_units:
            return False
        return not self._has_field(unit)

    def _has_field(self, unit: Span) -> bool:
        """ "Управление [по контролю за оборотом наркотиков] ГУ МВД по Москве": a unit named by
        its field of work is a functional unit, so the place after its parent is the parent's
        territory (guideline 120); "по" + a lowercase word that is no place noun opens a
        field ("по г. Москве" is a place)."""
        return any(self._field_at(t) for t in unit[1:-1])

    def _field_at(self, token: Token) -> bool:
        """ "по" opening a field ("по науке", "по контролю"), not a place ("по г. Москве",
        "по городу Москве")."""
        if token.lower_ != "по" or token.i + 1 >= len(token.doc):
            return False
        word = token.doc[token.i + 1]
        nouns = self.complements.place_nouns if self.complements is not None else frozenset()
        return word.is_lower and word.lower_ not in nouns and token_lemma(word) not in nouns

    def _without_territory(
        self, span: Span, units: set[tuple[int, int]], places: dict[int, int]
    ) -> Span:
        """ "по" + a place ending both a territorial unit and its parent belongs to the unit
        only (guideline 56): "[Следственное управление [Следственного комитета России] по
        Тверской области]" — the model had read the territory into the parent; "[пресс-служба
        [ГУ МВД по Москве]]" keeps it in the parent."""
        if not any(start < span.start and end == span.end for start, end in units):
            return span
        start = places.get(span.end)  # the place "по" names, ending where the span ends
        k = start - 1 if start is not None else -1
        if k <= span.start or span.doc[k].lower_ != "по":
            return span
        return self._relabel(span, span.start, k)

    def _fields_to_outer(self, spans: list[Span]) -> list[Span]:
        """A "по" field ending both a head's span and a name nested in it is the head's:
        "[Комитет [Госдумы] по науке]" (guideline 95), where the model had read the field
        into the nested name ("Госдумы по науке")."""
        if self.grammar is None:
            return spans
        by_end: dict[int, list[Span]] = {}
        for span in spans:
            by_end.setdefault(span.end, []).append(span)
        return [self._without_field(s, by_end[s.end]) for s in spans]

    def _without_field(self, span: Span, same_end: list[Span]) -> Span:
        doc = span.doc
        po = next((t.i for t in span[1:-1] if self._field_at(t)), None)
        if po is None:
            return span
        heads = self.grammar.all_heads
        for outer in same_end:
            if outer.start < span.start and any(
                token_lemma(t) in heads for t in doc[outer.start : span.start]
            ):
                return self._relabel(span, span.start, po)
        return span

    def _fields_after_parent(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A "по" field right after a body named by its field (`[units] field_heads`:
        комитет, комиссия, дирекция …) and the name nested after it is the body's: "[Комитет
        [Сената США] по международным отношениям]", "[дирекции [ВГТРК] по радиовещанию]"
        (decision 154; guideline 95 for a field the model read into the nested name). A
        press office has no field ("в пресс-службу МВД по вопросу аккредитации"), and a place
        after "по" is a territory ("по Москве")."""
        if self.grammar is None or not self.field_heads:
            return spans
        starts_at_end: dict[int, list[int]] = {}
        for span in spans:
            starts_at_end.setdefault(span.end, []).append(span.start)
        heads, out = self.field_heads, []
        for span in spans:
            if span.end < len(doc) and self._field_at(doc[span.end]):
                # the parent may end inside the closing quote: "дирекции «[Вектора]» по …"
                quoted = starts_at_end.get(span.end - 1, []) if doc[span.end - 1].is_quote else []
                nested = [s for s in starts_at_end[span.end] + quoted if s > span.start]
                words = doc[span.start : min(nested)] if nested else ()
                if any(token_lemma(t) in heads for t in words):
                    end = self.grammar.field_end(doc, span.end)
                    if end > span.end:
                        span = self._relabel(span, span.start, end)
            out.append(span)
        return out

    def _nested_bodies(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A body word (`grammar.bodies`) in the genitive inside a longer name is the parent
        body, nested with the places after it (guideline 95): "нижней палаты [парламента
        Австралии]", "управление [полиции] Лондона", "Комитета [Госдумы] по науке"."""
        if self.grammar is None:
            return []
        starts = {s.start for s in spans}
        by_start = {s.start: s for s in spans}
        reach: dict[int, int] = {}
        for s in spans:
            reach[s.start] = max(reach.get(s.start, s.end), s.end)
        places = {s.start: s for s in doc.spans.get("LOC", [])}
        found = []
        for span in spans:
            for token in span[1:]:
                if token.i in starts or token_lemma(token) not in self.grammar.bodies:
                    continue
                if any(reach.get(k, 0) > token.i for k in range(span.start + 1, token.i)):
                    continue  # "палаты [Национального конгресса]": a name holds it already
                if "Gen" not in token.morph.get("Case"):
                    continue
                if not any(_head_noun(t) for t in doc[span.start : token.i]):
                    continue  # "Национального конгресса": the span's own head
                after = by_start.get(token.i + 1)
                if after is not None and _same_head(token, after):
                    continue  # "прокуратуры [Военной прокуратуры]": a field (278)
                end = token.i + 1
                while (place := places.get(end)) is not None and place.end <= span.end:
                    end = place.end
                found.append(make_span(doc, token.i, end, "ORG", self.name))
                starts.add(token.i)
        return found

    def _name_with_place(self, span: Span, places: dict[int, Span]) -> Span:
        """Places in a genitive chain all join: "Судом [Партизанского района] [города
        Минска]", "Администрации [Советского района] [Уфы]"."""
        end = span.end
        for _ in range(3):
            place = places.get(end)
            if place is None or not span.doc[end - 1].whitespace_:
                break
            if span.doc[end - 1].text in CLOSING_QUOTES:
                break
            first = place[0]
            one = len(place) == 1 and (first.is_upper or _indeclinable(first))
            if not ("Gen" in first.morph.get("Case") or one):
                break
            end = place.end
        return self._relabel(span, span.start, end) if end != span.end else span

    def _extend_left(self, span: Span) -> Span:
        """Take in capitalised adjectives (and "и"-coordinated ones) before a name's head:
        "Экономического и энергетического Диалога" is one name in mid-sentence."""
        doc = span.doc
        if token_lemma(span[0]) not in self.name_heads:
            return span
        start, best = span.start, span.start
        while start > 0:
            prev = doc[start - 1]
            if _is_adjective(prev) and not prev.is_sent_start:
                start -= 1
                if prev.is_title:
                    best = start
            elif prev.lower_ == "и" and start - 2 >= 0 and _is_adjective(doc[start - 2]):
                start -= 1
            else:
                break
        return self._relabel(span, best, span.end) if best < span.start else span

    def _quoted_after_heads(self, doc: Doc, known: list[Span]) -> list[Span]:
        """ "компания «Газпром»": the quoted name is an organisation even if NER missed it.
        A capitalised name head mid-sentence is part of the name: "Форум «Россия — Африка»"."""
        covered = _tokens_of(known)
        found = []
        for i in positions(doc, self.quoted_heads | self.name_heads):
            token, lemma = doc[i], token_lemma(doc[i])
            inner = _quoted_after(doc, i + 1)
            if not inner or covered.intersection(range(token.i, inner[1] + 1)):
                continue
            if token.is_title and not token.is_sent_start and lemma in self.name_heads:
                found.append(make_span(doc, token.i, inner[1] + 1, "ORG", self.name))
            elif lemma in self.quoted_heads:
                found.append(make_span(doc, *inner, "ORG", self.name))
        return found

    def _latin_after_kinds(
        self, doc: Doc, known: list[Span], heads_at: list[int] | None = None
    ) -> list[Span]:
        """ "криптобиржа BTC-e", "банка HSBC", "компании Goldman Sachs": an unquoted Latin name
        right after a lowercase kind noun is that organisation even where the NER model missed
        it (decision 142). Found before the grammar, so "агентства Kollektiv" stays the name
        alone and a unit before it gets its parent; a name the model read as a person or a
        place, and listed products ("смартфон iPhone" has no kind noun anyway), are left."""
        found, covered = [], None
        # the kind nouns' positions come from __call__'s one pass with decision 315's words
        for i in positions(doc, self.latin_heads) if heads_at is None else heads_at:
            k = i + 1
            if k >= len(doc) or not doc[i].is_lower or not is_latin_start(doc[k].text):
                continue
            if "\n" in doc[i].whitespace_:
                continue
            end = _latin_end(doc, k)
            if end == k:
                continue  # a letter or a numeral ("в группе E")
            if covered is None:
                taken = [*known, *doc.spans.get("PER", []), *doc.spans.get("LOC", [])]
                covered = _tokens_of(taken)
            if covered.intersection(range(k, end)):
                continue
            span = make_span(doc, k, end, "ORG", self.name)
            if not self._is_product(span):
                found.append(span)
        return found

    def _latin_kind_names(self, doc: Doc, known: list[Span], kinds_at: list[int]) -> list[Span]:
        """ "(St Anne's Hospital)", "коллегия архитекторов (Colegio de Arquitectos)": a
        Latin name with an organisation's kind word in it (`latin_names.kind_words`) is an
        organisation wherever the model missed it (decision 315). The name runs from the
        first capitalised Latin word before the kind word (latin_names bounds); a name the
        model read as a person or an organisation stays as it is, a place reading of the
        same words gives way, a listed product is left, and so is a work's title after the
        word for the work ("сериал Party Down", "песня Bank Holiday": decision 321)."""
        found, covered, places = [], None, None
        for j in kinds_at:
            if not doc[j].is_title or not is_latin_start(doc[j].text):
                continue
            start = _latin_start(doc, j)
            end = _latin_end(doc, start)
            if end <= j or end - start < 2 or any(s.start <= start and end <= s.end for s in found):
                continue
            if covered is None:
                covered = _tokens_of([*known, *doc.spans.get("PER", [])])
                places = {(s.start, s.end) for s in doc.spans.get("LOC", [])}
            if covered.intersection(range(start, end)):
                continue
            span = make_span(doc, start, end, "ORG", self.name)
            if not self._is_product(span) and self._title_head(span) is None:
                found.append(span)
        taken = {(s.start, s.end) for s in found}
        if places and taken & places:
            set_group(doc, "LOC", [s for s in doc.spans["LOC"] if (s.start, s.end) not in taken])
        return found

    def _names_after_kinds(self, doc: Doc, known: list[Span]) -> list[Span]:
        """ "газета Зарница", "партия Рассвет", "университета Тэхан": a capitalised name the
        model read as a person or a place right after a kind noun of organisations, in the
        nominative or indeclinable (in apposition, not an owner or a seat in the genitive:
        "компания Петрова", "университет Москвы"), is that organisation (decision 314).
        Walks the model's PER and LOC spans only, no pass over the Doc."""
        if not self.kind_heads:
            return []
        covered = _tokens_of(known)
        found = []
        for label in ("PER", "LOC"):
            kept = []
            for span in doc.spans.get(label, []):
                if not covered.intersection(range(span.start, span.end)) and self._kind_name(
                    span, label == "PER"
                ):
                    found.append(make_span(doc, span.start, span.end, "ORG", self.name))
                else:
                    kept.append(span)
            if len(kept) < len(doc.spans.get(label, [])):
                set_group(doc, label, kept)
        return found

    def _kind_name(self, span: Span, person: bool) -> bool:
        """The span follows a kind noun on the same line and is in apposition to it. A person
        reading needs more: after a genitive kind the name is mostly its post holder's
        ("лидер партии Дональд Трамп", "руководитель группы Пётр Лазарев") or its owner
        ("партии Ковалёва"), and a word the dictionary knows as a personal name or an
        initial is a person's."""
        if span.start == 0 or not span[0].is_title:
            return False
        kind = span.doc[span.start - 1]
        if not (kind.is_lower or (kind.is_title and _line_start(kind))):
            return False
        if "\n" in kind.whitespace_ or token_lemma(kind) not in self.kind_heads:
            return False
        if lemma_key(span.text) in self.places:
            return False
        if person and (
            "Gen" in kind.morph.get("Case")
            or any(_personal_name(t) or t.text.endswith(".") or len(t) == 1 for t in span)
        ):
            return False
        first = span[0]
        if _indeclinable(first):
            return True
        if "Nom" not in first.morph.get("Case"):
            return False
        # a nominative after an oblique kind, before a verb, is the next clause's subject:
        # "после университета Гордеев поступил на работу"
        after = span.doc[span.end] if span.end < len(span.doc) else None
        oblique = "Nom" not in kind.morph.get("Case")
        return not (oblique and after is not None and after.pos_ in ("VERB", "AUX"))

    def _with_latin_brackets(self, doc: Doc, known: list[Span]) -> list[Span]:
        """ "«Хьюстон Кроникл» (Houston Chronicle)", "Королевского колледжа Лондона (King's
        College London, KCL)": the Latin forms in brackets right after a name, past its
        closing quote, are names of the same body (decision 36), found where the model
        missed them or ran one span over the comma between two of them (decision 213).
        Every comma-separated part of the bracket must be one whole Latin name; a part the
        model read as a person, a place or an organisation of its own stays as it is, and a
        bracket with anything else (a Cyrillic word, a date, a lowercase word) adds
        nothing."""
        brackets = []  # the parts of each bracket right after a name: few per document
        for end in sorted({s.end for s in known}):
            i = end + (end < len(doc) and doc[end].text in CLOSING_QUOTES)
            if i + 1 >= len(doc) or doc[i].text != "(" or "\n" in doc[i - 1].whitespace_:
                continue
            if parts := _latin_bracket_parts(doc, i + 1):
                brackets.append(parts)
        if not brackets:
            return known
        places = list(doc.spans.get("LOC", []))
        taken = {(s.start, s.end) for s in [*known, *places]}
        found, joined = [], set()
        for parts in brackets:
            whole = (parts[0][0], parts[-1][1])
            if len(parts) > 1 and whole in taken:
                joined.add(whole)  # "(Election Support Network, ESN)" read as one name
            found += [make_span(doc, a, b, "ORG", self.name) for a, b in parts]
        if joined & {(s.start, s.end) for s in places}:
            set_group(doc, "LOC", [s for s in places if (s.start, s.end) not in joined])
        kept = [s for s in known if (s.start, s.end) not in joined]
        others = [*kept, *doc.spans.get("PER", []), *doc.spans.get("LOC", [])]
        covered = _tokens_of(others)
        return kept + [
            s
            for s in found
            if not covered.intersection(range(s.start, s.end)) and not self._is_product(s)
        ]

    def _abbreviations_in_brackets(self, doc: Doc, known: list[Span]) -> list[Span]:
        """ "Верховный суд России (ВС)", "Антидопинговое агентство США (USADA)": a bracket
        right after a name (past its closing quote, on its line) that holds only a LOC the
        model read there, written in capitals, is the name's abbreviation (decisions 36, 229)
        unless it names a place: "суд Сан-Франциско (США)" keeps its place (decision 101).
        A place is a Latin gazetteer name ("USA"), a LOC of the lexicon, or a word
        pymorphy3's dictionary calls geographical (США, РФ, КНР); the first word decides
        ("ФТС РФ" is a service of the РФ)."""
        places = list(doc.spans.get("LOC", []))
        if not places or not self.latin_places:
            return []
        at = {s.start: s for s in places}
        named = {(s.start, s.end) for s in known}
        found = []
        for end in sorted({s.end for s in known}):
            i = end + (end < len(doc) and doc[end].text in CLOSING_QUOTES)
            loc = at.get(i + 1)
            if loc is None or doc[i].text != "(" or "\n" in doc[i - 1].whitespace_:
                continue
            closed = loc.end < len(doc) and doc[loc.end].text == ")"
            if closed and (loc.start, loc.end) not in named and self._abbreviation(loc):
                found.append(loc)
        if not found:
            return []
        taken = {(s.start, s.end) for s in found}
        set_group(doc, "LOC", [s for s in places if (s.start, s.end) not in taken])
        return [make_span(doc, s.start, s.end, "ORG", self.name) for s in found]

    def _abbreviation(self, span: Span) -> bool:
        """Capitals only, and its first word no place name."""
        if not all(t.is_alpha and t.is_upper and len(t) > 1 for t in span):
            return False
        first = span[0]
        if first.text in self.latin_places or (token_lemma(first),) in self.places:
            return False
        return not any("Geox" in p.tag for p in models.parses(first.text))

    def _known_names(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Names from the lexicon's `known_names` ("ЕС", "Кремля", "Белом доме"), capitalised,
        where no ORG stands yet; the model's LOC reading of the same words is dropped. A seat
        of government named as the building ("в Белом доме выступил") is neither: the
        guideline has no type for buildings (decision 58)."""
        covered = _tokens_of(known)
        found, buildings = [], set()
        for m in self.known(doc, as_spans=True):
            if not (m[0].is_title or m[0].is_upper):
                continue
            if _lemmas(m) in self.seats and _in_building(m, self.seat_prepositions):
                buildings.add((m.start, m.end))
            elif not covered.intersection(range(m.start, m.end)):
                found.append(make_span(doc, m.start, m.end, "ORG", self.name))
        found = filter_spans(
            found
            + [
                make_span(doc, a, b, "ORG", self.name)
                for a, b in self.gazetteer.find(doc)
                if not covered.intersection(range(a, b))
            ]
        )
        if found or buildings:
            taken = {(s.start, s.end) for s in found} | buildings
            places = [s for s in doc.spans.get("LOC", []) if (s.start, s.end) not in taken]
            set_group(doc, "LOC", places)
        return found

    def _chains(self, spans: list[Span]) -> list[Span]:
        """Adjacent names where each next one is in the genitive form one official name."""
        # One span per extent: a copy left outside a run would stay as a mention of its own.
        unique = {(s.start, s.end): s for s in spans}
        spans = sorted(unique.values(), key=lambda s: (s.start, -s.end))
        runs, out = [], []
        for span in spans:
            left = runs[-1][-1] if runs else None
            if left is None or not _continues_chain(left, span):
                runs.append([span])
            elif self._no_body_before(left, span):
                runs[-1].pop()  # "конгресса [ФИФА]": the words are no body of their own
                runs[-1:] = [[span]] if not runs[-1] else [runs[-1], [span]]
            elif self._no_chain(left, span):
                runs.append([span])
            else:
                runs[-1].append(span)
        for run in runs:
            if len(run) == 1:
                out.extend(run)
                continue
            end = run[-1].end
            out.extend(make_span(s.doc, s.start, end, "ORG", self.name) for s in run[:-1])
            out.append(run[-1])
        return out

    def _no_body_before(self, left: Span, right: Span) -> bool:
        """Words before a name in the genitive that name no body (guideline 278): a meeting
        the organisation holds ("до конгресса [ФИФА]"); a bare lower-case head before a
        body of its own kind ("работников прокуратуры [Военной прокуратуры]":
        the field of the words before it); words ending in a post holder whose organisation
        the name is ("отстранил от оперативной работы начальника [ГИБДД]"). The words were a body
        only by the name after them, so they are dropped with the chain."""
        head = _first_noun(left)
        if head is None:
            return False
        if token_lemma(head) in self.meeting_heads:
            return True
        if _bare_head(left, head) and _same_head(head, right) and left[0].is_lower:
            return True
        # the post as the words' genitive complement; "Совета при главе [администрации]"
        # is a body attached to him (decision 109), named in full; capitalised words are a
        # body's own name ("Институт прокурора [Генпрокуратуры РФ]", 300 b)
        return (
            _post_holder(left[-1]) and len(left) > 1 and left[-2].pos_ != "ADP" and left[0].is_lower
        )

    def _no_chain(self, left: Span, right: Span) -> bool:
        """Two names side by side that are no unit and its parent in the genitive, each a
        name of its own (guideline 278): a capitalised bare head before a body of the same
        kind, a name in the dative after a subordination adjective ("подведомственному
        [Росавиации] [ФГУП …]": the governor of the body after it)."""
        head = _first_noun(left)
        if head is None:
            return False
        if _bare_head(left, head) and _same_head(head, right):
            return True
        before = left.doc[left.start - 1] if left.start else None
        return (
            before is not None
            and token_lemma(before) in self.dative_governors
            and "Dat" in left[0].morph.get("Case")
        )

    def _known_parents(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A name the text gives as an organisation of its own, closing a unit's or a body's
        name in the genitive, is its parent nested there (decision 232): "Совет
        [Евромайдана]", "Русской службы «[Голоса Америки]»" when "Евромайдан", "«Голос
        Америки»" stand as ORG mentions elsewhere in the document; the model had tagged the
        whole as one span, so the chain rules had no nested name to link. Single words count
        too: the longer name already says an organisation stands there. The longer name's
        first noun is a unit or body head, not a kind naming the same body ("компания
        «Вектор»", decision 79) nor a person ("Главы … митрополии")."""
        known = {_lemmas(s) for s in spans if s[0].text[:1].isupper()}  # "Метрополитен-опера"
        last_words = {name[-1] for name in known}  # a span can only close on one of these
        have = {(s.start, s.end) for s in spans}
        # a person ("Институт Пушкина": named after him) or a place the model read there
        # ("власти Тамбова" beside the club "Тамбов") is no parent
        others = Intervals(
            (s.start, s.end) for label in ("PER", "LOC") for s in doc.spans.get(label, [])
        )
        heads = self.name_heads | (self.grammar.unit_heads if self.grammar else frozenset())
        kinds = self.quoted_heads | self.latin_heads
        found = []
        for span in spans:
            end = span.end - (span[-1].text in CLOSING_QUOTES)
            if len(span) < 2 or end - span.start > PARENT_REACH:
                continue
            if token_lemma(doc[end - 1]) not in last_words:
                continue
            for k in range(span.start + 1, end):
                if (k, end) in have:
                    break  # the parent is nested already
                if _lemmas(doc[k:end]) not in known:
                    continue
                quoted = doc[k - 1].text in OPENING_QUOTES
                # the parent's genitive, quoted or not ("бюро «Вектора»"); a name in
                # apposition to its kind ("медиахолдинг «Вектор»") is the same body
                if (
                    "Gen" in doc[k].morph.get("Case")
                    and doc[k].text[:1].isupper()
                    and not others.overlap(k, end)
                    and not (end - k == 1 and _personal_name(doc[k]))
                    and _unit_head(doc[span.start : k - quoted], heads, kinds)
                ):
                    found.append(make_span(doc, k, end, "ORG", self.name))
                    have.add((k, end))
                    if quoted:  # the quoted name is the parent's, not the unit's (94)
                        doc.user_data.setdefault(UNITS_KEY, set()).add(span.start_char)
                break  # the longest name closing the span is the parent
        return found

    def _aliases(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A name seen once is the same organisation wherever it recurs, whether the NER model
        caught it there or not; so is the quoted part of a name standing bare
        ("формат «Центральная Азия + Япония»")."""
        matcher = PhraseMatcher(doc.vocab, attr="LEMMA")
        for span in spans:
            # One capitalised word recurs as other things ("Союз" the spacecraft), and common
            # nouns recur as common nouns: only longer capitalised names are propagated.
            words = [t for t in span if any(c.isalpha() for c in t.text)]
            if len(words) > 1 and (span[0].is_title or span[0].is_upper):
                matcher.add("ORG", [_lemma_pattern(span)])
            for token in span:
                inner = _quoted_after(doc, token.i) if token.text in OPENING_QUOTES else None
                if inner and inner[1] <= span.end:
                    matcher.add("ORG", [_lemma_pattern(doc[inner[0] : inner[1]])])
        # Names the NER model gave another type stay theirs ("Барселона" the city).
        names = Intervals((s.start, s.end) for s in spans)
        others = Intervals(
            (s.start, s.end) for label in ("PER", "LOC") for s in doc.spans.get(label, [])
        )
        found = [
            make_span(doc, m.start, m.end, "ORG", self.name)
            for m in matcher(doc, as_spans=True)
            if (m[0].is_title or m[0].is_upper)
            and not names.contain(m.start, m.end)
            and not others.overlap(m.start, m.end)
            and not (_lemmas(m) in self.seats and _in_building(m, self.seat_prepositions))
        ]
        return filter_spans(found)


def _unit_head(words: Span, heads: frozenset[str], kinds: frozenset[str]) -> bool:
    """The first noun of a name's words is a unit's or a body's head ("служба", "совет",
    "комитет", `[units] heads`, `name_heads`), not a kind naming the same body ("компания")
    nor a person ("глава")."""
    noun = next((t for t in words if _head_noun(t)), None)
    return noun is not None and token_lemma(noun) in heads and token_lemma(noun) not in kinds


def _tokens_of(spans: Iterable[Span]) -> set[int]:
    """The token indices the spans cover: a name found later must not overlap them."""
    return {i for s in spans for i in range(s.start, s.end)}


def _first_noun(words: Span) -> Token | None:
    return next((t for t in words if t.pos_ in ("NOUN", "PROPN")), None)


def _post_holder(token: Token) -> bool:
    """One person by his post ("начальника", "главе"), a common noun: the name after him
    is his organisation's, not the words' before him."""
    morph = token.morph
    return (
        token.pos_ == "NOUN"
        and "Anim" in morph.get("Animacy")
        and "Sing" in morph.get("Number")
        and token.is_lower
    )


def _bare_head(words: Span, head: Token) -> bool:
    """The words are their head noun and adjectives only ("прокуратуры", "военной
    прокуратуре")."""
    return all(t.i == head.i or t.pos_ == "ADJ" for t in words)


def _same_head(head: Token, name: Span) -> bool:
    other = _first_noun(name)
    return other is not None and token_lemma(other) == token_lemma(head)


def _noun_read_adj(token: Token) -> bool:
    """A capitalised noun the tagger read as an adjective ("в Атриуме факультета"): the
    dictionary has no adjective for it."""
    if token.pos_ != "ADJ" or not token.is_title:
        return False
    found = models.parses(token.lower_)
    return bool(found) and all(p.tag.POS == "NOUN" for p in found)


def _dictionary_common_noun(token: Token) -> bool:
    """The dictionary knows the word, and only as a common noun: no organisation, place,
    person or abbreviation reading ("нашивка", "эмблема"; not "Совбез", "Минфин")."""
    word = token.lower_
    if not models.analyzer().word_is_known(word):
        return False
    names = ("Orgn", "Geox", "Name", "Surn", "Patr", "Abbr")
    return all(
        p.tag.POS == "NOUN" and not any(n in p.tag for n in names) for p in models.parses(word)
    )


def _personal_name(token: Token) -> bool:
    """A surname, first name or patronymic for the dictionary ("Пушкина")."""
    return any(g in str(token._.tag) for g in ("Surn", "Name", "Patr"))


def _word_forms(data: dict, key: str, path: str | None) -> frozenset[str]:
    """`[titles] key` of orgs.toml: word forms as written (lowercased), not lemmas, so
    "своём" and "своем" are both listed."""
    return frozenset(word_list(data, "titles", key, path or ""))


def _lemmas(span: Span) -> tuple[str, ...]:
    return tuple(token_lemma(t) for t in span)


def _quoted(span: Span) -> bool:
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text in OPENING_QUOTES


def _in_building(span: Span, before: frozenset[str], cases: tuple[str, ...] = ("Loc",)) -> bool:
    """ "в Белом доме выступил", "написал в Twitter": a name after "в" (`before`: `[titles]
    seat_prepositions`, `platform_words`; in the locative, when
    it declines) names the building or the platform, unless a plural verb without a subject
    stands beside it ("в Кремле молчат", "настаивали в Кремле": the people of the body
    speak)."""
    doc = span.doc
    if span.start < 1 or doc[span.start - 1].lower_ not in before:
        return False
    last = span[-1]
    if last.is_alpha and not last.is_ascii and not set(cases) & set(last.morph.get("Case")):
        return False  # "работа в Кремль" (accusative): the body; Latin names do not decline
    beside = [doc[i] for i in (span.start - 2, span.end) if 0 <= i < len(doc)]
    return not any(t.pos_ == "VERB" and "Plur" in t.morph.get("Number") for t in beside)


def _before_quoted_list(doc: Doc, i: int, words: frozenset[str], max_len: int = 12) -> int:
    """Walking back from token i over a list of quoted names ("«A», «B» и", "«A» (в апреле)
    и", "синглами, среди которых «A», «B»"), the index of the token before the list; `words`
    (`[titles] list_words`) join or introduce it besides commas and colons."""
    pairs = {**{close: OPENING_QUOTES for close in CLOSING_QUOTES}, ")": {"("}}
    while i >= 0:
        token = doc[i]
        if token.text in (",", ":") or token.lower_ in words or token.is_space:
            i -= 1
        elif token.text in pairs:
            opening = pairs[token.text]
            k = i - 1
            while k >= 0 and i - k <= max_len and doc[k].text not in opening:
                k -= 1
            if k < 0 or doc[k].text not in opening:
                return i
            i = k - 1
        else:
            return i
    return i


def _territory_start(span: Span, places: dict[int, int]) -> int | None:
    """The index of the "по" before the place ending the span ("по Москве", "по г.
    Москве", "по городу Москве"), or None."""
    start = places.get(span.end)
    if start is None:
        return None
    for k in range(start - 1, max(span.start, start - 4), -1):
        if span.doc[k].lower_ == "по":
            return k
    return None


def _name_kind(span: Span, nested: Intervals, grammar: OrgGrammar | None) -> str:
    """`descriptor` when the words that make the mention are common words ("правительство",
    "полиция Малайзии", "министерства обороны"): no capital outside a nested name but a
    sentence-initial head word, no quotes, no abbreviation, no Latin. Otherwise `proper`.
    `nested`: the LOC, ORG and PER mentions of the document."""
    inner = {
        i
        for start, end in nested.starting_in(span.start + 1, span.end)
        if end <= span.end
        for i in range(start, end)
    }
    heads = grammar.all_heads if grammar is not None else frozenset()
    # a place adjective opening a sentence ("Московский суд") is capitalised by position too
    endings = grammar.place_endings if grammar is not None else ()
    for token in span:
        if token.text in OPENING_QUOTES:
            return "proper"
        if token.i in inner or not any(c.isalpha() for c in token.text):
            continue
        if (token.is_upper and len(token) > 1) or token.is_ascii:
            return "proper"
        by_position = token.is_sent_start and (
            token_lemma(token) in heads or token_lemma(token).endswith(endings)
        )
        if token.text[0].isupper() and not by_position:
            return "proper"
    return "descriptor"


def _lemma_pattern(span: Span) -> Doc:
    """The span's words and lemmas as a pattern: `Span.as_doc` copies arrays of the whole
    document each time, quadratic over a long one."""
    words = [t.text for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    return Doc(span.doc.vocab, words=words, spaces=spaces, lemmas=[t.lemma_ for t in span])


def _head_noun(token) -> bool:
    """A word that can head a name before a body word: not an adjective in either tagger."""
    tag = token._.tag or ""
    noun = token.pos_ in ("NOUN", "PROPN")
    return token.is_alpha and noun and not tag.startswith(("ADJF", "PRTF"))


def _is_adjective(token) -> bool:
    """Both taggers agree: slovnet in context, and pymorphy3's dictionary reading."""
    return token.pos_ == "ADJ" and (token._.tag or "").startswith(("ADJF", "PRTF"))


def _quoted_after(doc: Doc, i: int, max_len: int = 12) -> tuple[int, int] | None:
    """(start, end) of the words inside a quote opening at token i, if it closes soon."""
    if i >= len(doc) or doc[i].text not in OPENING_QUOTES or _closes_a_word(doc, i):
        return None
    for j in range(i + 1, min(len(doc), i + 2 + max_len)):
        if doc[j].text in CLOSING_QUOTES:
            if _opens_a_word(doc, j):
                return None  # another quote opens before this one closes: one went missing
            return (i + 1, j) if j > i + 1 else None
        if doc[j].is_sent_start or "\n" in doc[j].text:
            return None
    return None


# Marks a straight quote may follow and still open: "(\"Альфа\")", "—\"Альфа\"".
_BEFORE_OPENING = frozenset({*"([{", "-", "–", "—", "/"}) | (OPENING_QUOTES - STRAIGHT_QUOTES)


def _closes_a_word(doc: Doc, i: int) -> bool:
    """A straight quote glued to the word before it closes a quote and never opens one
    ("''Вектор Групп'' выросли", decision 148; "в \"Анжи\" ещё", decision 168): the
    typographic convention that parity alone misses when a quote went missing. A '"' glued
    to the word after it as well ('"А"Б') is left to parity; the tokenizer joins '' only
    around a name, so a glued '' always closes."""
    if doc[i].text not in STRAIGHT_QUOTES or i == 0 or doc[i - 1].whitespace_:
        return False
    if doc[i].text == DOUBLE_APOSTROPHE:
        return True
    return doc[i - 1].text not in _BEFORE_OPENING and not _glued_after(doc, i)


def _opens_a_word(doc: Doc, i: int) -> bool:
    """A '"' glued to the word after it and not to the one before opens a quote
    ('выделило "Роснано"', decision 168)."""
    if doc[i].text != '"' or not _glued_after(doc, i):
        return False
    return i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].text in _BEFORE_OPENING


def _glued_after(doc: Doc, i: int) -> bool:
    """Token i touches a word after it (a letter or digit, no space between)."""
    return not doc[i].whitespace_ and i + 1 < len(doc) and doc[i + 1].text[:1].isalnum()


def _latin_end(doc: Doc, k: int) -> int:
    """End of the Latin name at token k (latin_names.latin_name_end over the Doc's words); a
    line break ends it."""
    stop = min(len(doc), k + MAX_WORDS + 2)
    for j in range(k, stop - 1):
        if "\n" in doc[j].whitespace_:
            stop = j + 1
            break
    words = [t.text for t in doc[k:stop]]
    glued = [j > k and not doc[j - 1].whitespace_ for j in range(k, stop)]
    return k + latin_name_end(words, glued, 0)


# Tokens razdel splits off inside a Latin name: "Anne" "'" "s", "Smith" "&" "Sons".
NAME_MARKS = frozenset({"'", "’", "&"})


def _latin_start(doc: Doc, j: int) -> int:
    """The first capitalised Latin word of the run of Latin words and joiners that ends at
    token j, on the same line and at most MAX_WORDS back ("St Anne's Hospital" from
    "Hospital")."""
    start = j
    for i in range(j - 1, max(-1, j - MAX_WORDS - 2), -1):
        word = doc[i]
        if "\n" in word.whitespace_ or not (is_latin_word(word.text) or word.text in NAME_MARKS):
            break
        start = i
    while start < j and not is_latin_start(doc[start].text):
        start += 1
    return start


def _latin_bracket_parts(doc: Doc, k: int) -> list[tuple[int, int]]:
    """The Latin names a bracket opened before token k lists, split at commas ("King's
    College London, KCL"); none when any part is not one whole Latin name."""
    parts: list[tuple[int, int]] = []
    while len(parts) < MAX_BRACKET_PARTS:
        stop = _latin_end(doc, k)
        if stop == k or stop >= len(doc) or doc[stop].text not in (",", ")"):
            return []
        parts.append((k, stop))
        if doc[stop].text == ")":
            return parts
        k = stop + 1
    return []


def _indeclinable(token: Token) -> bool:
    """A place name the dictionary reads as indeclinable ("Сан-Диего", "Торонто"): the
    tagger's nominative after a body's name is its genitive ("полиции Сан-Диего",
    decision 125)."""
    return any("Fixd" in p.tag for p in models.parses(token.lower_))


def _continues_chain(left: Span, right: Span) -> bool:
    """Right follows left with only a space between, and is a genitive or an abbreviation."""
    if right.start != left.end:
        return False
    first = right[0]
    return "Gen" in first.morph.get("Case") or (first.is_upper and len(first) > 1)


@Language.factory("org_rules", default_config={"lexicon": None, "orgs": None, "places": None})
def make_org_rules(
    nlp: Language, name: str, lexicon: str, orgs: str | None, places: str | None = None
) -> OrgRules:
    return OrgRules(nlp, name, lexicon, orgs, places)


def _line_start(token: Token) -> bool:
    """A sentence start, or the first word of a line (captions and titles end no sentence)."""
    if token.is_sent_start or token.i == 0:
        return True
    prev = token.doc[token.i - 1]
    return "\n" in prev.text or "\n" in prev.whitespace_
