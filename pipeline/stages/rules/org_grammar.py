"""A grammar of organisation names built on a descriptor head (guideline 50–54).

    [adjectives] HEAD [genitive complement] [по + dative complement]

"[Верховный] суд", "министерство [обороны]", "комитет [Совета Федерации] [по экономической
политике]", "[российские] власти". It runs only at tokens whose lemma is a head from
configs/lexicons/orgs.toml (found on the NORM array in one pass), and looks a few tokens to
each side, so its cost is linear in the number of heads. A place or a name in the genitive
after the span is joined later by org_rules (guideline 39 and the chain rule).

Also here: what completes a name after it ("имени", "при", "по" + place: Complements,
guideline 56), the gazetteer of well-known bodies (their canonical names), and the titles of
works and products that are not organisations.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline import models
from pipeline.readings import UD_TO_OC_CASE
from pipeline.stages.quotes import ANY_QUOTE
from pipeline.stages.rules.base import word_list
from pipeline.stages.rules.lexicon import lemma_key, lemma_set, norm_doc, positions, token_lemma

MAX_ADJECTIVES = 4
MAX_COMPLEMENT = 8  # words of a "по" complement, coordinated parts included
MAX_UNIT_FIELD = 3  # genitive phrases between a unit and its parent's name (decision 94)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    head: int
    unit: bool = False  # a unit with its named parent (decision 94)


@dataclass(frozen=True)
class OrgGrammar:
    bodies: frozenset[str]
    place_bodies: frozenset[str]
    heads: frozenset[str]
    complement_heads: frozenset[str]
    name_only_heads: frozenset[str]
    weak_adjectives: frozenset[str]
    place_endings: tuple[str, ...]
    po_stop: frozenset[str]
    apposition_heads: frozenset[str]
    person_heads: frozenset[str]
    unit_heads: frozenset[str] = frozenset()
    # Weak adjectives that never belong to a unit's own name: which one is meant, not which
    # unit ("бывшего отдела", "этого управления"); the others do ("городского управления
    # МЧС", decision 108).
    unit_stop_adjectives: frozenset[str] = frozenset()
    # Unit heads that also name an activity, and the words that govern them as one
    # ("участие в управлении", "взял управление": decision 279).
    activity_heads: frozenset[str] = frozenset()
    activity_governors: frozenset[str] = frozenset()
    # Units that are territorial branches: "по" + place after their parent is theirs.
    territorial_units: frozenset[str] = frozenset()
    rank_adjectives: frozenset[str] = frozenset()  # "[федеральный] суд Бостона" (decision 101)
    # Singular bodies a place identifies, like place_bodies ("морская пехота США", decision 124)
    place_heads: frozenset[str] = frozenset()
    # po_stop nouns that start an adverbial only in the singular: "по делу о взятке" is an
    # adverbial, "по делам молодёжи" a body's field (decision 170)
    po_stop_singular: frozenset[str] = frozenset()
    # Place nouns a body's place may follow ("суд [города] Нью-Йорка", decision 211): the
    # place identifies the body as a genitive place right after the head does.
    place_nouns: frozenset[str] = frozenset()
    # Word forms (as written, lowercased) joining coordinated parts of a field or persons after
    # a head ("по науке и образованию", "штаб А и Б"), and the preposition of an instrumental
    # object inside a "по" field ("по борьбе с терроризмом").
    list_joins: frozenset[str] = frozenset()
    instrumental_prepositions: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, data: dict, path: str = "orgs.toml") -> OrgGrammar:
        g = data["grammar"]
        return cls(
            bodies=lemma_set(g["bodies"]),
            place_bodies=lemma_set(g["place_bodies"]),
            heads=lemma_set(g["heads"]),
            complement_heads=lemma_set(g["complement_heads"]),
            name_only_heads=lemma_set(g["name_only_heads"]),
            weak_adjectives=lemma_set(g["weak_adjectives"]),
            place_endings=tuple(g["place_adjective_endings"]),
            po_stop=lemma_set(g["po_stop"]),
            apposition_heads=lemma_set(g["apposition_heads"]),
            person_heads=lemma_set(g["person_heads"]),
            unit_heads=lemma_set(data.get("units", {}).get("heads", [])),
            unit_stop_adjectives=lemma_set(data.get("units", {}).get("stop_adjectives", [])),
            activity_heads=lemma_set(data.get("units", {}).get("activity_heads", [])),
            activity_governors=lemma_set(data.get("units", {}).get("activity_governors", [])),
            territorial_units=lemma_set(data.get("units", {}).get("territorial", [])),
            rank_adjectives=lemma_set(g.get("rank_adjectives", [])),
            place_heads=lemma_set(g.get("place_heads", [])),
            po_stop_singular=lemma_set(g.get("po_stop_singular", [])),
            place_nouns=frozenset(data.get("complements", {}).get("place_nouns", [])),
            list_joins=frozenset(word_list(data, "grammar", "list_joins", path)),
            instrumental_prepositions=frozenset(
                word_list(data, "grammar", "instrumental_prepositions", path)
            ),
        )

    @property
    def all_heads(self) -> frozenset[str]:
        return self.bodies | self.place_bodies | self.place_heads | self.heads | self.unit_heads

    def find(self, doc: Doc, names: dict[int, Span]) -> list[Candidate]:
        """Candidates at every head; `names` maps a token index to the ORG/PER/LOC name that
        starts there (a name after a head makes the head a body: "пресс-служба Кремля").
        Right to left, so that a unit's parent may be a body found just after it
        ("отделения [факультета МГУ]", decision 94)."""
        found = []
        names = dict(names)
        for i in reversed(positions(doc, self.all_heads)):
            candidate = self._at(doc, i, names)
            if candidate is not None:
                found.append(candidate)
                if self.unit_heads:
                    self._name_found(doc, candidate, names)
        return found[::-1]

    def _name_found(self, doc: Doc, c: Candidate, names: dict[int, Span]) -> None:
        """Record a body found at a head that holds a name (a unit with its parent, or a head
        the chain rule will join to the genitive name after it) as a name a unit before it
        may belong to; a bare descriptor ("правительства") is no such name, nor one its own
        adjective identifies ("оборонного ведомства": decision 282)."""
        end = c.end
        after = names.get(end)
        if after is not None and after.label_ in ("ORG", "LOC") and _genitive(after[0]):
            end = after.end  # "пресс-служба [правительства России]": a body of a place
        elif not c.unit:
            return
        if c.start not in names:
            names[c.start] = Span(doc, c.start, end, label="ORG")

    def _unit_parent(self, doc: Doc, end: int, names: dict[int, Span]) -> int | None:
        """End of the named parent after a unit's own words (decision 94): a named ORG in the
        genitive (an indeclinable Latin name too), in quotes or not, after at most
        MAX_UNIT_FIELD genitive phrases of common nouns (the unit's field, the parent's kind:
        "отдела кадров компании «Вектор»"); None when there is none."""
        name = None
        for _ in range(MAX_UNIT_FIELD + 1):
            end = _field_more(doc, end, self.list_joins) if name is None else end
            quoted = end < len(doc) and doc[end].text in ANY_QUOTE
            name = names.get(end + quoted) or self._after_place_adjective(doc, end, names)
            if name is not None:
                break
            after = _noun_phrase(doc, end, "Gen", common_only=True)
            if after == end or "Anim" in doc[after - 1].morph.get("Animacy"):
                return None  # "пресс-служба президента": a person's, not the name's after
            after = _field_more(doc, after, self.list_joins)
            # "пресс-служба городского [управления МЧС]": a body found inside the phrase
            inner = next((names[k] for k in range(end + 1, after) if k in names), None)
            if inner is not None:
                name, quoted = inner, False
                break
            end = after
        if name is None or name.label_ != "ORG":
            return None
        first = name[0]
        # A quoted name stands in apposition to a kind noun in any case ("компании «Вектор»").
        if not (quoted or _genitive(first) or (first.is_ascii and not first.morph.get("Case"))):
            return None
        closing = name.end < len(doc) and doc[name.end].text in ANY_QUOTE
        return name.end + (quoted and closing)

    def _after_place_adjective(self, doc: Doc, end: int, names: dict[int, Span]) -> Span | None:
        """The capitalised name after a lowercase place adjective in the genitive: the seat
        before the parent's name does not split a unit from it ("исторического факультета
        новгородского [Института культуры]", decision 283)."""
        if end + 1 >= len(doc) or not doc[end].is_lower or not self._place_adjective(doc[end]):
            return None
        name = names.get(end + 1)
        if name is None or not name[0].is_title or "Gen" not in doc[end].morph.get("Case"):
            return None
        return name

    def _at(self, doc: Doc, i: int, names: dict[int, Span]) -> Candidate | None:
        head = doc[i]
        lemma = token_lemma(head)
        plural = "Plur" in head.morph.get("Number")
        if plural != (lemma in self.place_bodies):
            return None
        if i and doc[i - 1].text in ANY_QUOTE:
            return self._quoted_unit(doc, i, lemma, names)
        start, strong = self._left(doc, i)
        end = self._right(doc, i, lemma)
        if self._names_activity(doc, i, lemma, start, end, names):
            return None
        if lemma in self.unit_heads:
            parent_end = self._unit_parent(doc, end, names)
            if parent_end is not None:  # a unit's chain keeps its bounds (decisions 95, 108)
                return Candidate(self._left(doc, i, unit=True)[0], parent_end, i, unit=True)
            if lemma not in self.heads and not (head.is_title and not head.is_sent_start):
                return None  # "правление", "кафедра": a body only with its parent's name
        follower = names.get(end)
        if end < len(doc) and doc[end].text in ANY_QUOTE:
            return None  # "компания «Газпром»": the quoted name is the mention
        if follower is not None and follower.label_ == "ORG":
            own_name = lemma in self.apposition_heads and follower[0].is_upper
            if own_name or not _genitive(follower[0]):
                return None  # "агентства Kollektiv", "партии ХДС": the head describes the name
        if follower is not None and follower.label_ != "PER" and _genitive(follower[0]):
            # "комитет [Совета Федерации] по экономической политике": the name stays nested.
            after = self._po(doc, follower.end)
            end = after if after > follower.end else end
        named_after = follower is not None and _genitive(follower[0])
        if named_after and follower.label_ == "PER":
            if lemma in self.person_heads:
                return Candidate(start, _person_list(doc, follower, names, self.list_joins), i)
            named_after = False  # "под управлением Гергиева" names no body
        named_by = follower if named_after else None
        if follower is None and not self._cut_before_rank(doc, start):
            named_by = self._place_after_noun(doc, end, names)
        ok = self._identified(doc, i, lemma, start, end, strong, named_by)
        return Candidate(start, end, i) if ok else None

    def _names_activity(
        self, doc: Doc, i: int, lemma: str, start: int, end: int, names: dict[int, Span]
    ) -> bool:
        """The head at `i` names an activity, not a unit: a unit head with its object in the
        instrumental ("управления проектами"), or an activity head governed as one with the
        name its object ("участие в управлении Acme", decision 279) unless "по" + place
        makes it a territorial branch (300 a)."""
        if lemma in self.unit_heads and doc[i].is_lower:
            if _noun_phrase(doc, i + 1, "Ins", True) > i + 1:
                return True
        return (
            lemma in self.activity_heads
            and start == i
            and self._activity(doc, i)
            and not self._territory_after(doc, end, lemma, names)
        )

    def _activity(self, doc: Doc, i: int) -> bool:
        """The lower-case head at `i` is governed as an activity: a `activity_governors` word
        right before it or before its preposition ("взял управление", "участие в
        управлении")."""
        if not doc[i].is_lower or i == 0:
            return False
        k = i - 1 if doc[i - 1].pos_ != "ADP" else i - 2
        return k >= 0 and token_lemma(doc[k]) in self.activity_governors

    def _territory_after(self, doc: Doc, end: int, lemma: str, names: dict[int, Span]) -> bool:
        """A territorial branch's "по" + place after its parent's name ("передали в управление
        ФСБ [по Москве]", "доступ в управление МВД по Москве"): the words name the branch,
        not the activity of managing the body (decision 300 a, refines 279)."""
        if lemma not in self.territorial_units:
            return False
        parent_end = self._unit_parent(doc, end, names)
        if parent_end is None:
            return False
        name = names.get(end)
        po = next((t for t in doc[end:parent_end] if t.lower_ == "по"), None)
        if po is None and parent_end < len(doc) and doc[parent_end].lower_ == "по":
            po = doc[parent_end]
        after = po.i + 1 if po is not None else len(doc)
        return name is not None and after < len(doc) and doc[after].is_title

    def _quoted_unit(
        self, doc: Doc, i: int, lemma: str, names: dict[int, Span]
    ) -> Candidate | None:
        """A head after a quote: a quoted title ("корабль «Союз»") is the quote rules'
        business, but a quotation that opens with a unit and its named parent and goes on
        past them holds the unit as the same words outside quotes would ("«Пресс-служба
        Правительства РФ не подтверждает …»", decision 284)."""
        if lemma not in self.unit_heads:
            return None
        end = self._unit_parent(doc, self._right(doc, i, lemma), names)
        if end is None or end >= len(doc) or doc[end].text in ANY_QUOTE:
            return None  # «Пресс-служба Кремля»: the quotes close on the name, a title
        return Candidate(i, end, i, unit=True)

    def _cut_before_rank(self, doc: Doc, start: int) -> bool:
        """The name opens with a rank adjective and an agreeing adjective stands before it
        ("окружной [федеральный суд] штата Массачусетс"): `_left` stops there, so the bounds
        are unknown and a place after a place noun makes no name of it (decision 211)."""
        if start == 0 or token_lemma(doc[start]) not in self.rank_adjectives:
            return False
        prev = doc[start - 1]
        same_case = set(prev.morph.get("Case")) & set(doc[start].morph.get("Case"))
        return prev.pos_ == "ADJ" and bool(same_case)

    def _place_after_noun(self, doc: Doc, end: int, names: dict[int, Span]) -> Span | None:
        """The LOC after a place noun in the genitive right after a head ("суд [города
        Нью-Йорка]", "властям [штата] Массачусетс", "суд [г.] Москвы"): it identifies the
        body as "суд Москвы" would (decisions 52, 101, 211); the complements extend the name
        over both later. The place's own case does not matter: it stands in apposition to
        the noun ("города Павия")."""
        if end + 1 >= len(doc):
            return None
        word = doc[end]
        if word.lower_ != "г" and (
            token_lemma(word) not in self.place_nouns or "Gen" not in word.morph.get("Case")
        ):
            return None
        place = names.get(end + 1 + (doc[end + 1].text == "."))
        return place if place is not None and place.label_ == "LOC" else None

    def _identified(
        self,
        doc: Doc,
        i: int,
        lemma: str,
        start: int,
        end: int,
        strong: bool,
        named_by: Span | None,
    ) -> bool:
        """Whether the words around the head `doc[i]` (`start`..`end`; `strong`: an
        identifying adjective; `named_by`: a name in the genitive after it) name one body."""
        head = doc[i]
        capital = head.is_title and not head.is_sent_start
        if lemma in self.place_bodies or lemma in self.place_heads:
            places = any(self._place_adjective(doc[j]) for j in range(start, i))
            return places or (named_by is not None and named_by.label_ == "LOC")
        if lemma in self.name_only_heads:
            # "факультет МГУ" names one body; "больница Лондона", "холдинг Татарстана" do not.
            by_name = named_by is not None and named_by.label_ != "LOC"
            return capital or by_name or any(_mid_capital(doc[j]) for j in range(start, i))
        return lemma in self.bodies or capital or strong or end > i + 1 or named_by is not None

    def _left(self, doc: Doc, i: int, unit: bool = False) -> tuple[int, bool]:
        """Adjectives agreeing with the head; True when one of them identifies the body (a
        capital in mid-sentence, or any adjective not on the weak list). A unit with its
        named parent takes weak adjectives too: the parent identifies the body, the
        adjective tells the unit ("главного управления МВД", decision 108)."""
        case = set(doc[i].morph.get("Case"))
        either = set(case)
        if case & {"Nom", "Acc"} and "Anim" not in doc[i].morph.get("Animacy"):
            either |= {"Nom", "Acc"}  # one form in both: the tagger picks either
        start, strong, ranked = i, False, False
        stop = self.unit_stop_adjectives if unit else self.weak_adjectives
        forces = token_lemma(doc[i]) in self.place_bodies | self.place_heads
        while start > 0 and i - start < MAX_ADJECTIVES:
            prev = doc[start - 1]
            if prev.pos_ != "ADJ" and not (forces and _participle(prev)):
                break  # "вооружённых сил Украины": the tagger's participle (decision 124)
            if str(prev._.tag).startswith("NOUN"):
                break  # "женщиной-руководителем разведки": a noun the tagger took for one
            own = set(prev.morph.get("Case")) or (_dictionary_cases(prev) if unit else set())
            # Nominative for accusative only for a word the dictionary reads as an adjective
            # ("высший административный суд"), not a verb the tagger took for one.
            if case and not case & own:
                if not (either & own and str(prev._.tag).startswith("ADJF")):
                    break
            lemma = token_lemma(prev)
            if lemma in stop and not _mid_capital(prev):
                if unit or lemma not in self.rank_adjectives:
                    break
                start -= 1  # "федеральный суд": part of the name, yet no name by itself
                ranked = True
                continue
            if unit and lemma in self.all_heads:
                break  # "Пресс-служба городского управления": the tagger's adjective is a head
            if ranked:
                break  # the level opens the name: "40-летней [военной службы]" is no body
            start -= 1
            strong = True
        return start, strong

    def _right(self, doc: Doc, i: int, lemma: str) -> int:
        end = i + 1
        if lemma in self.complement_heads:
            end = _noun_phrase(doc, end, "Gen", common_only=True)
        # Bodies named alone take no "по" field: "заседание правительства по борьбе с ...".
        return end if lemma in self.bodies else self._po(doc, end)

    def field_end(self, doc: Doc, end: int) -> int:
        """End of a "по" field at `end` ("по международным отношениям"), `end` if none."""
        return self._po(doc, end)

    def _po(self, doc: Doc, end: int) -> int:
        """End of a "по" field after a name; `end` when the phrase is an adverbial, read by
        its first noun past any adjectives ("по данным", "по собственному желанию",
        "по официальным данным"; decision 141)."""
        after = _po_complement(doc, end, self, self.all_heads)
        noun = next((t for t in doc[end + 1 : after] if t.pos_ in ("NOUN", "PROPN")), None)
        if after > end and self._adverbial(noun or doc[end + 1]):
            return end
        return after

    def _adverbial(self, noun) -> bool:
        """The noun after "по" starts an adverbial, not a field: a `po_stop` lemma, or a
        `po_stop_singular` one the tagger does not read plural ("по делам беженцев")."""
        lemma = token_lemma(noun)
        if lemma in self.po_stop_singular:
            return "Plur" not in noun.morph.get("Number")
        return lemma in self.po_stop

    def _place_adjective(self, token) -> bool:
        return token.pos_ == "ADJ" and token_lemma(token).endswith(self.place_endings)


def _dictionary_cases(token) -> set[str]:
    """The cases the dictionary reads an adjective in when the tagger gave it none: a rare
    compound in a unit's name ("главного организационно-инспекторского управления",
    decision 154); for other heads the missing case still ends the name."""
    if token.pos_ != "ADJ":
        return set()
    return {
        ud
        for parse in models.parses(token.lower_)
        if parse.tag.POS == "ADJF"
        for ud, oc in UD_TO_OC_CASE.items()
        if oc in parse.tag
    }


def _participle(token) -> bool:
    return token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm")


def _po_complement(
    doc: Doc, end: int, grammar: OrgGrammar, heads: frozenset[str] = frozenset()
) -> int:
    """End of a "по + dative" complement at `end` ("по правам человека", "по науке и
    образованию"), or `end` when there is none; `grammar` gives the words that join its
    parts and the preposition of an instrumental object."""
    joins = grammar.list_joins
    if end >= len(doc) or doc[end].lower_ != "по":
        return end
    start = end
    after = _noun_phrase(doc, end + 1, "Dat")
    while after > end + 1 and after - start <= MAX_COMPLEMENT + 1:
        # "по правам человека": a genitive after the dative noun belongs to it, a list of
        # them too ("по вопросам труда, занятости и миграции").
        end = _listed(doc, _noun_phrase(doc, after, "Gen", common_only=True), "Gen", joins)
        end = _with_instrumental(doc, end, grammar.instrumental_prepositions)
        if end + 1 < len(doc) and doc[end].lower_ in joins:
            # "по транспорту, связи и дорожному хозяйству"; not a body
            # listed after it ("комитету по обороне, министерству финансов")
            after = _noun_phrase(doc, end + 1, "Dat", common_only=True)
            if after > end + 1 and token_lemma(doc[after - 1]) in heads:
                break
        else:
            break
    return end


def _field_more(doc: Doc, end: int, joins: frozenset[str]) -> int:
    """End of what continues a unit's genitive field at `end`: an instrumental object and
    more genitive phrases after "и" or a comma ("департамент [управления] проектами и
    закупок «Вектора»", decision 108); `end` when nothing does."""
    after = _noun_phrase(doc, end, "Ins", common_only=True)
    if after + 1 < len(doc) and doc[after].lower_ in joins:
        more = _noun_phrase(doc, after + 1, "Gen", common_only=True)
        if more > after + 1 and "Anim" not in doc[more - 1].morph.get("Animacy"):
            return _listed(doc, more, "Gen", joins)
    return after


def _listed(doc: Doc, end: int, case: str, joins: frozenset[str]) -> int:
    """End of more common-noun phrases in `case` joined to the one ending at `end` by a comma
    or "и" ("труда, занятости и миграции"); `end` when none follows."""
    if end == 0 or case not in doc[end - 1].morph.get("Case"):
        return end
    while end + 1 < len(doc) and doc[end].lower_ in joins:
        after = _noun_phrase(doc, end + 1, case, common_only=True)
        if after == end + 1:
            break
        end = after
    return end


def _with_instrumental(doc: Doc, end: int, prepositions: frozenset[str]) -> int:
    """End of "с" + an instrumental phrase of common nouns after a "по" field ("по борьбе с
    коррупцией", "по связям с общественностью"), or `end` when there is none."""
    if end + 1 >= len(doc) or doc[end].lower_ not in prepositions:
        return end
    after = _noun_phrase(doc, end + 1, "Ins", common_only=True)
    return after if after > end + 1 else end


def _person_list(doc: Doc, first: Span, names: dict[int, Span], joins: frozenset[str]) -> int:
    """End of "Любови Соболь и Ивана Жданова": persons joined by "и" or a comma."""
    end = first.end
    while end + 1 < len(doc) and doc[end].lower_ in joins:
        following = names.get(end + 1)
        if following is None or following.label_ != "PER":
            break
        end = following.end
    return end


def _genitive(token) -> bool:
    return "Gen" in token.morph.get("Case") or (token.is_upper and len(token) > 1)


def _mid_capital(token) -> bool:
    return token.is_title and not token.is_sent_start


def _noun_phrase(
    doc: Doc, i: int, case: str, common_only: bool = False, proper: bool = False
) -> int:
    """End of "adjectives noun" in `case` starting at i (i itself when there is none).
    With common_only, capitalised words stop it: names after a head are joined as names;
    with proper, a capitalised noun the tagger reads as a name ends it too ("Президенте")."""
    j = i
    while j < len(doc) and j - i < MAX_ADJECTIVES:
        token = doc[j]
        if common_only and not token.is_lower:
            return i
        if case not in token.morph.get("Case"):
            return i
        if token.pos_ == "NOUN" or (proper and token.pos_ == "PROPN"):
            return j + 1
        if token.pos_ != "ADJ":
            return i
        j += 1
    return i


@dataclass(frozen=True)
class Complements:
    """What may follow a complete name and belongs to it (guideline 56): "имени" + a person
    ("театр имени Станиславского"), "при" + the body or the official it is attached to
    ("Совет при Президенте РФ", "Следственный комитет при прокуратуре"), "по" + a place in the
    dative ("ГУ МВД России по Москве")."""

    grammar: OrgGrammar  # the "по" field after an official's name ("при главе X по Y")
    pri_heads: frozenset[str]  # body heads that take "при": совет, комитет, школа, ...
    pri_objects: frozenset[str]  # what a body is attached to: президент, правительство, ...
    place_nouns: frozenset[str] = frozenset()  # "суд [штата] Нью-Йорк" (guideline 101)
    named_after: frozenset[str] = frozenset()  # "имени", "им." (as written, lowercased)

    @classmethod
    def from_lexicon(cls, data: dict, grammar: OrgGrammar, path: str = "orgs.toml") -> Complements:
        c = data["complements"]
        return cls(
            grammar=grammar,
            pri_heads=grammar.all_heads | lemma_set(c["pri_heads"]),
            pri_objects=grammar.all_heads | lemma_set(c["pri_objects"]),
            place_nouns=frozenset(c.get("place_nouns", [])),
            named_after=frozenset(word_list(data, "complements", "named_after", path)),
        )

    def extend(self, span: Span, names: dict[int, Span], outermost: bool) -> int:
        """The end of the name with what completes it (span.end when nothing does). `names`
        maps a token index to the ORG/PER/LOC name starting there. A place after "по"
        completes only the outermost name ending before it: the territorial branch of
        "[Главное управление [МВД России]] по Москве" is the whole."""
        doc, end = span.doc, span.end
        if span[-1].lower_ in self.named_after and len(span) > 1:  # the model stopped at "им"
            end -= 1
        if end + 1 >= len(doc) or span[-1].text in ANY_QUOTE:
            return span.end
        word = doc[end].lower_
        if word in self.named_after:
            return max(_named_after(doc, end + 1 + (doc[end + 1].text == "."), names), span.end)
        if word == "при" and token_lemma(span[-1]) in self.pri_heads:
            return self._pri(doc, end + 1, names)
        if word == "по" and outermost:
            return _places_after(doc, end + 1, names, self.place_nouns)
        found = self._place_noun(doc, end, names)
        if found is None and len(span) > 1 and span[-1].is_lower:
            # "Прокуратура [города] Павия": the grammar took the place noun for the head's
            # complement; the place after it completes the name all the same (decision 125).
            found = self._place_noun(doc, end - 1, names)
        return found or span.end

    def _place_noun(self, doc: Doc, end: int, names: dict[int, Span]) -> int | None:
        """ "Верховный суд [штата Нью-Йорк]", "суд [г. Москвы]": a place noun in the genitive
        and the LOC it names after a body's name complete it, as a genitive place does
        ("мэрия Москвы"); NEREL spans them so (decision 101)."""
        word = doc[end]
        if token_lemma(word) not in self.place_nouns and word.lower_ not in self.place_nouns:
            return None
        j = end + 1 + (end + 1 < len(doc) and doc[end + 1].text == ".")
        if word.lower_ != "г" and "Gen" not in word.morph.get("Case"):
            return None
        place = names.get(j)
        return place.end if place is not None and place.label_ == "LOC" else None

    def _pri(self, doc: Doc, i: int, names: dict[int, Span]) -> int:
        name = names.get(i)
        if name is not None and name.label_ == "ORG":
            return name.end
        after = _noun_phrase(doc, i, "Loc", proper=True)
        if after == i or token_lemma(doc[after - 1]) not in self.pri_objects:
            return i - 1
        for _ in range(3):  # "при главе администрации Брянской области"
            name = names.get(after)
            if name is not None and name.label_ != "PER" and _genitive(name[0]):
                after = name.end
            elif (more := _noun_phrase(doc, after, "Gen", common_only=True)) > after:
                after = more
            else:
                break
        return _po_complement(doc, after, self.grammar)


def _named_after(doc: Doc, i: int, names: dict[int, Span]) -> int:
    """End of the name after "имени": a person or body the model found, else capitalised
    words and initials ("им. А. М. Горького")."""
    name = names.get(i)
    if name is not None and name.label_ in ("PER", "ORG"):
        return name.end
    j = i
    while j < len(doc) and j - i < 6 and (doc[j].is_title or doc[j].text == "."):
        j += 1
    while j > i and doc[j - 1].text == ".":
        j -= 1
    return j if j > i else i - 2 + (doc[i - 1].text != ".")


def _places_after(
    doc: Doc, i: int, names: dict[int, Span], place_nouns: frozenset[str] = frozenset()
) -> int:
    """End of "по Москве", "по Санкт-Петербургу и Ленинградской области", "по Невскому
    району Москвы", "по г. Москве", "по городу Москве": places in the dative after a body's
    name (the tagger reads "по Башкирии" as locative too), maybe after a place noun
    (guideline 120), a place in the genitive after them; i - 1 (the "по") when there is
    none."""
    end = i - 1
    while True:
        if i not in names:
            i = _after_place_noun(doc, i, place_nouns)
        place = names.get(i)
        if place is None or place.label_ != "LOC":
            return end
        if not {"Dat", "Loc"} & set(place[-1].morph.get("Case")):
            return end
        end = place.end
        owner = names.get(end)
        if owner is not None and owner.label_ == "LOC" and "Gen" in owner[0].morph.get("Case"):
            end = owner.end
        if end + 1 < len(doc) and doc[end].lower_ == "и":
            i = end + 1
        else:
            return end


def _after_place_noun(doc: Doc, i: int, place_nouns: frozenset[str]) -> int:
    """Where the place's own name starts after a place noun in the dative ("городу",
    "г."), which NEREL and the guideline keep in the name ("ГУ МВД по г. Москве")."""
    if i + 1 >= len(doc):
        return i
    word = doc[i]
    if word.lower_ == "г" or (
        token_lemma(word) in place_nouns and {"Dat", "Loc"} & set(word.morph.get("Case"))
    ):
        j = i + 1 + (doc[i + 1].text == ".")
        return j if j < len(doc) else i
    return i


class Gazetteer:
    """Well-known bodies: every form in the lexicon's [[body]] tables maps to its canonical
    name. Forms in capitals match only capitals; others match any case of their first letter
    that the form allows (a capitalised form matches a sentence-initial or mid-sentence
    capital)."""

    def __init__(self, nlp: Language, bodies: list[dict]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.canonical: dict[tuple[str, ...], str] = {}
        self.shapes: dict[tuple[str, ...], set[str]] = {}
        for body in bodies:
            for form in body["forms"]:
                key = lemma_key(form)
                self.canonical.setdefault(key, body["name"])
                self.shapes.setdefault(key, set()).add(_shape(form))
                self.matcher.add("ORG", [norm_doc(nlp.vocab, key)])

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        found = []
        for _, start, end in self.matcher(doc):
            key = tuple(token_lemma(t) for t in doc[start:end])
            if _token_shape(doc[start]) in self.shapes.get(key, ()):
                found.append((start, end))
        return found

    def name_of(self, span: Span) -> str | None:
        """The canonical name when the span is exactly one of the forms."""
        key = tuple(token_lemma(t) for t in span)
        if key in self.canonical and _token_shape(span[0]) in self.shapes[key]:
            return self.canonical[key]
        return None


def _shape(form: str) -> str:
    first = form.split()[0]
    if first.isupper() and len(first) > 1:
        return "upper"
    return "title" if first[0].isupper() else "lower"


def _token_shape(token) -> str:
    text = token.text
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[0].isupper():
        return "title"
    return "lower"


def title_heads(data: dict) -> frozenset[str]:
    return lemma_set(data["titles"]["heads"])


def products(nlp: Language, data: dict) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    keys = {lemma_key(p) for p in data["titles"]["products"]}
    matcher.add("PRODUCT", [norm_doc(nlp.vocab, k) for k in keys])
    return matcher
