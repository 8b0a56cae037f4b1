"""The counted or measured entity of a number, read from the dependency parse."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional

from ..docinfo import children

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NOUNS = ("NOUN", "PROPN")
_MOD_DEPS = ("nummod", "compound", "nmod", "amod", "quantmod", "npadvmod")
_CLIMB_DEPS = ("acomp", "advmod", "oprd", "ccomp", "xcomp", "conj")


#: tells whether a token's text alone is a number
_IsNum = Callable[[str], bool]


class Entity(NamedTuple):
    """Entity text, its token range, and whether it directly follows the number."""

    text: str
    start: int
    end: int
    adjacent: bool


class EntityFinder:
    """Rules from ``quantity_entities.json``; see that file's ``_doc``."""

    def __init__(self, data: dict[str, Any], time_units: frozenset[str],
                 is_unit: Optional[Callable[[str], bool]] = None) -> None:
        self.subject_verbs = frozenset(data.get("subject_verbs", []))
        self.containers = frozenset(data.get("container_nouns", []))
        self.predicate_verbs = frozenset(data.get("predicate_verbs", []))
        self.keep_deps = frozenset(data.get("entity_deps", ["compound", "amod", "nmod"]))
        self.skip_left = frozenset(data.get("skip_left", []))
        self.max_gap = int(data.get("max_gap", 6))
        self.time_units = time_units
        self.is_unit = is_unit or (lambda w: False)
        self.measure_words = frozenset(data.get("measure_words", []))
        self.transitive_change = frozenset(data.get("transitive_change_verbs", []))
        self.change_adverbs = frozenset(data.get("change_adverbs", []))
        self.np_pos = frozenset(data.get("np_pos", ["DET", "ADJ", "NUM", "NOUN", "PROPN", "PART"]))
        self.of = frozenset(data.get("of_words", []))
        self.compounds = frozenset(_compound_pairs(data.get("of_compounds", []), self.of))
        self.range_nouns = frozenset(data.get("range_nouns", []))
        self.state_words = frozenset(data.get("state_words", []))
        self.group_preps = frozenset(data.get("group_preps", []))
        self.money_in = frozenset(data.get("money_in", []))
        self.share_words = frozenset(data.get("share_words", []))
        self.change_preps = frozenset(data.get("change_preps", []))
        self.restating_preps = frozenset(data.get("restating_preps", []))
        self.range_preps = frozenset(data.get("range_preps", []))
        self.level_preps = frozenset(data.get("level_preps", []))
        self.level_range_preps = frozenset(data.get("level_range_preps", []))
        self.noun_level_preps = frozenset(data.get("noun_level_preps", []))
        self.superlatives = frozenset(data.get("superlative_words", []))

    # -- phrases -------------------------------------------------------------------------
    def _phrase(self, doc: Doc, head: Token, floor: int) -> tuple[int, int]:
        """Token range of ``head`` with its contiguous left modifiers (not before ``floor``)."""
        left = head.i
        k = head.i - 1
        while k >= floor:
            tok = doc[k]
            if tok.dep_ in self.keep_deps or (tok.dep_ == "punct" and tok.text in "-\u2010"):
                if not _governed_by(tok, head):
                    break
                left = k
                k -= 1
                continue
            break
        while left < head.i and (doc[left].dep_ in self.skip_left or doc[left].is_punct):
            left += 1
        return self._compound(doc, left, head.i + 1)

    def _compound(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """Widen a phrase to a fixed "X of Y" compound it is part of ("margin of error")."""
        if not self.compounds:
            return start, end
        last = doc[end - 1].lower_
        if end + 1 < len(doc) and doc[end].lower_ in self.of and \
                (last, doc[end + 1].lower_) in self.compounds:
            return start, end + 2
        if start >= 2 and doc[start - 1].lower_ in self.of and \
                (doc[start - 2].lower_, doc[start].lower_) in self.compounds:
            return start - 2, end
        return start, end

    def _entity(self, doc: Doc, head: Token, floor: int, q_end: int, is_num: _IsNum) -> Entity:
        start, end = self._phrase(doc, head, floor)
        gap = range(q_end, start)
        adjacent = start >= q_end and all(
            doc[k].dep_ in ("advmod", "punct", "det", "prep") for k in gap
        )
        if adjacent and any(is_num(doc[k].text) for k in range(q_end, end)):
            adjacent = False
        return Entity(doc[start:end].text, start, end, adjacent)

    # -- the rules -----------------------------------------------------------------------
    def find(
        self, doc: Doc, start: int, end: int, q_end: int, is_num: Callable[[str], bool]
    ) -> Optional[Entity]:
        """Entity of the quantity whose number/unit tokens are ``[start, q_end)``."""
        span = range(start, q_end)
        # a quantity heading its own sentence ("Wow! Thousands of people forming ...") is
        # its own head: a root too
        roots = [doc[k] for k in span
                 if not (start <= doc[k].head.i < q_end) or doc[k].head.i == k]
        if not roots:
            return None
        root = roots[-1]
        return (self._surface_rules(doc, q_end, is_num)
                or self._by_change(doc, root, q_end, is_num)
                or self._in_range(doc, root, q_end, is_num)
                or self._attached(doc, span, q_end, is_num)
                or self._listed(doc, root, start, q_end, is_num)
                or self._of_measure(doc, root, start, q_end, is_num)
                or self._measured(doc, root, q_end, is_num)
                or self._casualties(doc, root, q_end)
                or self._group(doc, root, q_end, is_num)
                or self._next_plural(doc, q_end, is_num))

    def _attached(self, doc: Doc, span: range, q_end: int, is_num: _IsNum) -> Optional[Entity]:
        """The noun the number (or its unit) modifies, to its right; else a participle,
        adjective or "of" phrase hanging on the number."""
        for k in span:
            h = doc[k].head
            if (
                h.i >= q_end
                and h.i - q_end <= self.max_gap
                and h.pos_ in _NOUNS + ("ADJ",)
                and doc[k].dep_ in _MOD_DEPS
            ):
                noun = self._noun_after_demonym(doc, h, q_end)
                if noun is not None:
                    return self._entity(doc, noun, q_end, q_end, is_num)
        for k in span:
            for c in children(doc[k]):
                if c.i < q_end:
                    continue
                if c.dep_ in ("acl", "amod") and c.i - q_end <= 2 and c.tag_ in ("VBN", "JJ"):
                    return Entity(c.text, c.i, c.i + 1, c.i - q_end <= 1 or _advs(doc, q_end, c.i))
                if c.dep_ == "prep" and c.lower_ in self.of and c.i == q_end:
                    obj = _pobj(c)
                    if obj is not None and obj.pos_ in _NOUNS:
                        ent = self._entity(doc, obj, c.i + 1, q_end, is_num)
                        return ent._replace(adjacent=ent.adjacent and ent.start >= c.i + 1)
        return None

    def _of_measure(self, doc: Doc, root: Token, start: int, q_end: int,
                    is_num: _IsNum) -> Optional[Entity]:
        """ "a fine of US$86,000": the measure noun before "of"; "a total of 52 are dead"."""
        if root.dep_ != "pobj" or root.head.lower_ not in self.of:
            return None
        noun = root.head.head
        if noun.pos_ not in _NOUNS or noun.i >= start:
            return None
        state = self._state_of(noun) if noun.lemma_ in self.containers else None
        if state is not None:
            return Entity(state.text, state.i, state.i + 1, False)
        return self._entity(doc, noun, 0, q_end, is_num)._replace(adjacent=False)

    def _casualties(self, doc: Doc, root: Token, q_end: int) -> Optional[Entity]:
        """ "killed twelve", "900 injured", "3.2% were injured": a casualty verb or state."""
        if root.dep_ in ("dobj", "conj"):
            verb = root.head
            if root.dep_ == "conj" and verb.pos_ != "VERB":
                verb = verb.head
            if verb.pos_ == "VERB" and verb.lemma_ in self.predicate_verbs:
                return Entity(verb.text, verb.i, verb.i + 1, False)
        if q_end < len(doc) and doc[q_end].lower_ in self.state_words:
            return Entity(doc[q_end].text, q_end, q_end + 1, True)
        state = self._state_of(root)
        if state is not None:
            return Entity(state.text, state.i, state.i + 1, False)
        return None

    def _next_plural(self, doc: Doc, q_end: int, is_num: _IsNum) -> Optional[Entity]:
        """The parse did not link them: a plural noun right after the number, perhaps behind
        a participle or adjective ("1,200 pledged delegates")."""
        k = q_end
        while k < len(doc) and k - q_end < 2 and doc[k].tag_ in ("VBN", "VBD", "JJ"):
            k += 1
        if k < len(doc) and doc[k].tag_ in ("NNS", "NNPS") and doc[k].lower_ not in self.time_units:
            return self._entity(doc, doc[k], q_end, q_end, is_num)._replace(
                adjacent=k == q_end or doc[q_end].tag_ != "VBD")
        return None

    # -- surface and clause rules --------------------------------------------------------
    def _surface_rules(self, doc: Doc, q_end: int, is_num: _IsNum) -> Optional[Entity]:
        """Token-order rules the parse often gets wrong: a hyphenated measure modifier
        ("six-year terms" -> terms, but "a one-page letter" -> page) and "17 out of 18
        districts"."""
        n = len(doc)
        if q_end + 1 < n and doc[q_end].text in ("-", "\u2010") and not doc[q_end - 1].whitespace_ \
                and not doc[q_end].whitespace_ and self._is_measure(doc[q_end + 1]):
            j = q_end
            while j + 1 < n and doc[j].text in ("-", "\u2010") and not doc[j].whitespace_:
                j += 2
            head = self.noun_run(doc, j, allow_time=True)
            if head is not None:
                return self._entity(doc, head, j, q_end, is_num)._replace(adjacent=True)
            return None
        if q_end + 2 < n and doc[q_end].lower_ in self.share_words \
                and doc[q_end + 1].lower_ in self.of and is_num(doc[q_end + 2].text):
            j = q_end + 3
            if j < n and doc[j].lower_ in self.of:
                j += 1
            head = self.noun_run(doc, j)
            if head is not None:
                return self._entity(doc, head, j, q_end, is_num)._replace(adjacent=False)
        return None

    def _is_measure(self, tok: Token) -> bool:
        """A unit of measure ("year", "km", "magnitude"), not a counted noun ("page")."""
        low = tok.lower_
        return low in self.time_units or low in self.measure_words or self.is_unit(tok.text)

    def noun_run(self, doc: Doc, j: int, allow_time: bool = False) -> Optional[Token]:
        """The head noun of the noun phrase starting at ``j`` ("the area's districts")."""
        head = None
        for k in range(j, min(len(doc), j + 6)):
            tok = doc[k]
            if tok.pos_ not in self.np_pos:
                break
            if tok.pos_ in _NOUNS:
                head = tok
                if tok.dep_ not in ("compound", "amod", "nmod", "poss"):
                    break
        if head is None or head.ent_type_ == "DATE" or (
                not allow_time and head.lower_ in self.time_units):
            return None
        return head

    def phrase_entity(self, doc: Doc, head: Token, floor: int) -> Entity:
        """The entity phrase of ``head`` (with its left modifiers from ``floor``)."""
        start, end = self._phrase(doc, head, floor)
        return Entity(doc[start:end].text, start, end, False)

    def _by_change(self, doc: Doc, root: Token, q_end: int, is_num: _IsNum) -> Optional[Entity]:
        """ "turnout was down by 1.5%", "sales rose by 4%": the subject changes."""
        if root.dep_ != "pobj" or root.head.lower_ not in self.change_preps:
            return None
        word = root.head.head
        if not (word.lemma_ in self.subject_verbs or word.lower_ in self.change_adverbs):
            return None
        verb = word.head if word.pos_ in ("ADV", "ADJ") else word
        subj = self._subject(doc, verb)
        if subj is None:
            return None
        return self._entity(doc, subj, 0, q_end, is_num)._replace(adjacent=False)

    def _listed(self, doc: Doc, root: Token, start: int, q_end: int,
                is_num: _IsNum) -> Optional[Entity]:
        """ "the number of women, 102," and "won the most seats, at 14": the number restates
        a noun just before it."""
        head = root.head
        if root.dep_ == "conj" and head.i < start and head.dep_ == "nummod" and is_num(head.text):
            ent = self.find(doc, head.i, head.i + 1, head.i + 1, is_num)  # "two and one package"
            if ent is not None:
                return ent._replace(adjacent=ent.start == q_end)
        if root.dep_ in ("appos", "conj") and head.pos_ == "NOUN" and head.i < start \
                and self._counted_group(head) \
                and all(doc[k].is_punct for k in range(head.i + 1, start)):
            return self._entity(doc, head, 0, q_end, is_num)._replace(adjacent=False)
        if root.dep_ == "pobj" and head.lower_ in self.restating_preps and head.i > 1 \
                and doc[head.i - 1].text == ",":
            obj = doc[head.i - 2]
            if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.head.i == head.head.i:
                return self._entity(doc, obj, 0, q_end, is_num)._replace(adjacent=False)
        return None

    def _in_range(self, doc: Doc, root: Token, q_end: int, is_num: _IsNum) -> Optional[Entity]:
        """ "placed the value in the range of 5 to 6 million" -> value; "an R0 estimated in
        the range 2-4" -> R0: what is put in the range."""
        prep = None
        if root.dep_ == "pobj" and root.head.lower_ in self.of and \
                root.head.head.lower_ in self.range_nouns and \
                root.head.head.head.lower_ in self.range_preps:
            prep = root.head.head.head
        elif root.dep_ == "pobj" and root.head.lower_ in self.range_preps and root.i >= 1 and (
                doc[root.i - 1].lower_ in self.range_nouns or root.lower_ in self.range_nouns):
            prep = root.head
        if prep is None:
            return None
        verb = prep.head
        for _ in range(3):  # "the price of the vase in the range of": "in" hangs on a noun
            if verb.pos_ not in ("NOUN", "ADP") or verb.dep_ == "acl" or verb.head.i == verb.i:
                break
            verb = verb.head
        target = None
        if verb.dep_ == "acl" and verb.head.pos_ in _NOUNS:
            target = verb.head
        elif verb.pos_ in ("VERB", "AUX"):
            obj = next((c for c in children(verb) if c.dep_ == "dobj" and c.pos_ in _NOUNS), None)
            target = self._contained(obj) if obj is not None else self._subject(doc, verb)
        if target is None:
            return None
        return self._entity(doc, target, 0, q_end, is_num)._replace(adjacent=False)

    def _counted_group(self, noun: Token) -> bool:
        """ "the number of women", "the most seats": a noun a following number can restate
        (not "the princess, 67," where the number is an age)."""
        if any(c.tag_ == "JJS" or c.lower_ in self.superlatives for c in children(noun)):
            return True
        prep = noun.head
        return noun.dep_ == "pobj" and prep.lower_ in self.of \
            and prep.head.lemma_ in self.containers

    def _measured(self, doc: Doc, root: Token, q_end: int, is_num: _IsNum) -> Optional[Entity]:
        """What a clause measures: the subject of "the magnitude was 5.5", "rose to 50",
        "was 25% higher", "2.9 million strong"; the object of "cut the number of X from 180"."""
        verb = None
        any_verb = False
        if root.dep_ in ("attr", "dobj", "npadvmod", "oprd", "acomp"):
            verb = root.head
        elif root.dep_ == "pobj" and root.head.lower_ in self.level_preps:
            verb = root.head.head
        elif root.dep_ == "quantmod" and root.head.dep_ == "pobj" \
                and root.head.head.lower_ in self.level_range_preps:
            verb = root.head.head.head
        if verb is None:
            return None
        if root.dep_ == "pobj" and root.head.lower_ in self.noun_level_preps \
                and verb.pos_ == "NOUN" and verb.i < root.i:  # "with the jobless rate at 5 percent"
            return self._entity(doc, verb, 0, q_end, is_num)._replace(adjacent=False)
        while verb.pos_ in ("ADJ", "ADV") and verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
            verb, any_verb = verb.head, True
        if verb.lemma_ in self.transitive_change:
            obj = next((c for c in children(verb) if c.dep_ == "dobj" and c.pos_ in _NOUNS), None)
            if obj is not None:
                obj = self._contained(obj)
                return self._entity(doc, obj, 0, q_end, is_num)._replace(adjacent=False)
        if any_verb or verb.lemma_ in self.subject_verbs:
            subj = self._subject(doc, verb)
            if subj is not None:
                return self._entity(doc, subj, 0, q_end, is_num)._replace(adjacent=False)
        return None

    def _state_of(self, subj: Token) -> Optional[Token]:
        """The state word predicated of a subject: "... are dead", "... were injured"."""
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = subj.head
        if verb.lower_ in self.state_words:
            return verb
        return next((c for c in children(verb)
                     if c.dep_ in ("acomp", "oprd") and c.lower_ in self.state_words), None)

    def _group(self, doc: Doc, root: Token, q_end: int, is_num: _IsNum) -> Optional[Entity]:
        """ "Among men, 58 percent approved", "leads with 35 percent among women": the group
        a share belongs to."""
        verb = root.head
        if root.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        for c in (*children(verb), *children(root)):
            if c.dep_ == "prep" and c.lower_ in self.group_preps:
                obj = _pobj(c)
                if obj is not None and obj.pos_ in _NOUNS:
                    return self._entity(doc, obj, 0, q_end, is_num)._replace(adjacent=False)
        return None

    def _contained(self, noun: Token) -> Token:
        """ "the number of cases" -> cases."""
        if noun.lemma_ in self.containers:
            for c in children(noun):
                if c.dep_ == "prep" and c.lower_ in self.of:
                    obj = _pobj(c)
                    if obj is not None and obj.pos_ in _NOUNS:
                        return obj
        return noun

    def _noun_after_demonym(self, doc: Doc, head: Token, q_end: int) -> Optional[Token]:
        """The head noun; for "2000 Thai and 74 Malaysian stores" the noun after the conj."""
        if head.pos_ in _NOUNS and head.ent_type_ != "NORP":
            return head
        for k in range(head.i + 1, min(len(doc), head.i + self.max_gap)):
            tok = doc[k]
            if tok.pos_ in _NOUNS and tok.ent_type_ != "NORP":
                return tok
            if tok.pos_ not in ("CCONJ", "ADJ", "NUM", "PROPN", "PUNCT"):
                break
        return head if head.pos_ in _NOUNS else None

    def _subject(self, doc: Doc, verb: Token) -> Optional[Token]:
        for _ in range(2):
            subj = next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in _NOUNS:
                subj = verb.head
            if subj is not None:
                if subj.pos_ == "PRON" and verb.dep_ == "relcl" and verb.head.pos_ in _NOUNS:
                    subj = verb.head
                if subj.pos_ not in _NOUNS:
                    return None
                return self._contained(subj)
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head
                continue
            return None
        return None


def _compound_pairs(phrases: list[str], links: frozenset[str]) -> list[tuple[str, str]]:
    """("margin", "error") for a fixed compound "margin of error": the words on either side
    of its first link word (phrases without one are skipped)."""
    pairs = []
    for phrase in phrases:
        words = phrase.lower().split(" ")
        k = next((j for j in range(1, len(words) - 1) if words[j] in links), None)
        if k is not None:
            pairs.append((" ".join(words[:k]), " ".join(words[k + 1:])))
    return pairs


def _governed_by(tok: Token, head: Token) -> bool:
    """True when ``head`` is an ancestor of ``tok`` within a few steps."""
    cur = tok
    for _ in range(4):
        if cur.head.i == head.i:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _pobj(prep: Token) -> Optional[Token]:
    return next((c for c in children(prep) if c.dep_ == "pobj"), None)


def _advs(doc: Doc, a: int, b: int) -> bool:
    return all(doc[k].pos_ == "ADV" for k in range(a, b))
