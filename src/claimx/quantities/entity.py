"""The counted or measured entity of a number, read from the dependency parse."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional

from ..docinfo import children

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NOUNS = ("NOUN", "PROPN")
_MOD_DEPS = ("nummod", "compound", "nmod", "amod", "quantmod", "npadvmod")


class Entity(NamedTuple):
    """Entity text, its token range, and whether it directly follows the number."""

    text: str
    start: int
    end: int
    adjacent: bool


class EntityFinder:
    """Rules from ``quantity_entities.json``; see that file's ``_doc``."""

    def __init__(self, data: dict[str, Any], time_units: frozenset[str]) -> None:
        self.subject_verbs = frozenset(data.get("subject_verbs", []))
        self.containers = frozenset(data.get("container_nouns", []))
        self.predicate_verbs = frozenset(data.get("predicate_verbs", []))
        self.keep_deps = frozenset(data.get("entity_deps", ["compound", "amod", "nmod"]))
        self.skip_left = frozenset(data.get("skip_left", []))
        self.max_gap = int(data.get("max_gap", 6))
        self.time_units = time_units

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
        return left, head.i + 1

    def _entity(self, doc: Doc, head: Token, floor: int, q_end: int, is_num) -> Entity:
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
        roots = [doc[k] for k in span if not (start <= doc[k].head.i < q_end)]
        if not roots:
            return None
        # 1. the noun the number (or its unit) modifies, to its right
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
        # 2. a participle/adjective or an "of" phrase hanging on the number
        for k in span:
            for c in children(doc[k]):
                if c.i < q_end:
                    continue
                if c.dep_ in ("acl", "amod") and c.i - q_end <= 2 and c.tag_ in ("VBN", "JJ"):
                    return Entity(c.text, c.i, c.i + 1, c.i - q_end <= 1 or _advs(doc, q_end, c.i))
                if c.dep_ == "prep" and c.lower_ == "of" and c.i == q_end:
                    obj = _pobj(c)
                    if obj is not None and obj.pos_ in _NOUNS:
                        ent = self._entity(doc, obj, c.i + 1, q_end, is_num)
                        return ent._replace(adjacent=ent.adjacent and ent.start >= c.i + 1)
        root = roots[-1]
        # 3. "a fine of US$86,000": the measure noun before "of"
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            noun = root.head.head
            if noun.pos_ in _NOUNS and noun.i < start:
                return self._entity(doc, noun, 0, q_end, is_num)._replace(adjacent=False)
        # 4. "the magnitude was 5.5", "death tolls exceeded 100", "rose to 50"
        verb = None
        if root.dep_ in ("attr", "dobj", "npadvmod", "oprd", "acomp"):
            verb = root.head
        elif root.dep_ == "pobj" and root.head.lower_ in ("to", "at"):
            verb = root.head.head
        if verb is not None and verb.lemma_ in self.subject_verbs:
            subj = self._subject(doc, verb)
            if subj is not None:
                return self._entity(doc, subj, 0, q_end, is_num)._replace(adjacent=False)
        # 5. "killed twelve", "a fire injured sixteen"
        if root.dep_ in ("dobj", "conj"):
            verb = root.head
            if root.dep_ == "conj" and verb.pos_ != "VERB":
                verb = verb.head
            if verb.pos_ == "VERB" and verb.lemma_ in self.predicate_verbs:
                return Entity(verb.text, verb.i, verb.i + 1, False)
        # 6. the parse did not link them: a plural noun right after the number
        if q_end < len(doc) and doc[q_end].tag_ in ("NNS", "NNPS") and \
                doc[q_end].lower_ not in self.time_units:
            return self._entity(doc, doc[q_end], q_end, q_end, is_num)
        return None

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
                if subj.lemma_ in self.containers:
                    for c in children(subj):
                        if c.dep_ == "prep" and c.lower_ == "of":
                            obj = _pobj(c)
                            if obj is not None and obj.pos_ in _NOUNS:
                                return obj
                return subj
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head
                continue
            return None
        return None


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
