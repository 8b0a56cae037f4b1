"""Whose a figure is, and where: the named holder of a count or a measure, and a place the
parse ties it to.

"Biden won 54 delegates", "Sanders had the most delegates, with 60", "the agency's 4,000
staff", "the victories left him with a total of 1,124": the subject of a verb of holding or
winning, a possessive owner, or the one a total is left with. A pronoun ("he secured five")
stands for the last person named before it. Only names hold figures: "candidates must
receive 15%" has no holder. The place: a named place that owns what the figure is a part of
("all 25 of Nevada's delegates"), or the place a "where" clause hangs on ("in Iowa, where
he secured 39"). Rules: ``quantity_holders.json``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple, Optional

from spacy.tokens import Doc, Span, Token

from ..docinfo import children, info
from ..rules import Overlay, load_table
from ..spanindex import without_possessive

#: dependencies that lead from a number to the noun it counts
_TO_NOUN = ("nummod", "quantmod", "compound", "amod", "appos")
#: dependencies of a clause that takes its subject from the clause it hangs on
_INHERITS = ("conj", "advcl", "xcomp", "relcl")
_SUBJECTS = ("nsubj", "nsubjpass")
#: how the first number of a scoreline hangs on its verb ("led Y 49.7 percent to 40.3")
_SCORE_DEPS = ("npadvmod", "dobj", "attr", "advmod")


class Owner(NamedTuple):
    """Whose a figure is and where, each a name as written, or None."""

    holder: Optional[str]
    place: Optional[str]


class HolderFinder:
    """Finds the holder and the place of each figure of a parsed Doc."""

    def __init__(self, overlay: Overlay = None) -> None:
        t = load_table("quantity_holders.json", overlay)
        self.holding = frozenset(t["holding_verbs"])
        self.leaving = frozenset(t["leaving_verbs"])
        self.raising = frozenset(t["raising_verbs"])
        self.with_preps = frozenset(t["with_preps"])
        self.to_preps = frozenset(t["to_preps"])
        self.scope_preps = frozenset(t["scope_preps"])
        self.level_preps = frozenset(t["level_preps"])
        self.for_preps = frozenset(t["for_preps"])
        self.totals = frozenset(t["total_nouns"])
        self.defeating = frozenset(t["defeating_verbs"])
        self.trailing = frozenset(t["trailing_verbs"])
        self.labels = frozenset(t["name_labels"])
        self.place_labels = frozenset(t["place_labels"])
        self.where_words = frozenset(t["where_words"])
        self.place_nouns = frozenset(t["place_nouns"])
        self.titles = tuple(t["event_titles"])
        self.event_title = re.compile(r"\b(?:" + "|".join(
            re.escape(w) for w in sorted(self.titles, key=len, reverse=True))
            + r")\s+[A-Z][A-Za-z]+\b")
        self.event_nouns = frozenset(t["event_nouns"])
        self.event_stop = frozenset(t["event_name_stop"])
        self.measure_of = frozenset(t["measure_of"])
        self.relatives = frozenset(t["relative_pronouns"])
        self.pronouns = frozenset(t["personal_pronouns"])
        self.reach = int(t["pronoun_reach"])

    def owners(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[Owner]:
        """The holder and place of the figure at each character span."""
        events = self._events_of(doc)
        out: list[Owner] = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            out.append(self.owner(span, events) if span is not None and len(span)
                       else Owner(None, None))
        return out

    def owner(self, figure: Span, events: Sequence[tuple[int, int, str]] = ()) -> Owner:
        """The holder and place of the figure written in ``figure``; ``events``: the named
        events of its document (`_events_of`)."""
        number = next((t for t in figure if t.like_num or any(c.isdigit() for c in t.text)),
                      figure[-1])
        noun = _counted_noun(number)
        # a possessive is the figure's own ("Trump's 214, or 290 ..." gives 290 no owner);
        # a verb is shared by all the objects listed after it
        first = _first_conjunct(noun)
        owner = _child(noun, ("poss",)) or self._owner_token(first, own=first is noun)
        name = None if owner is None else self._name(owner)
        return Owner(name or self._event(noun, events), self._place(noun))

    # -- named events: a storm holds its winds, its rain and its dead ----------------------
    def _event(self, noun: Token, events: Sequence[tuple[int, int, str]]) -> Optional[str]:
        """The named event ("Typhoon Haiyan") a figure belongs to: the event subject of the
        verb that takes it ("which killed over 6,000 people"), or the event a pronoun or
        noun for it stands for ("its winds of 75 mph", "the depression had winds of 30
        mph")."""
        if not events:
            return None
        measured = _measured_noun(noun, self.measure_of)
        for token in (_child(measured, ("poss",)), self._clause_subject(measured)):
            if token is None:
                continue
            poss = _child(token, ("poss",))
            for candidate in (token, poss):
                if candidate is not None:
                    found = self._event_named(candidate, events)
                    if found:
                        return found
        # else the event named last before the figure in its own sentence ("the advisory
        # indicated Dorian's maximum sustained winds were near 180 mph")
        start = info(noun.doc).sent_of(noun.i).start_char
        named = [name for s0, _e, name in events if start <= s0 < noun.idx]
        return named[-1] if named else None

    def _clause_subject(self, noun: Token) -> Optional[Token]:
        """The subject of the clause that takes ``noun`` as object or subject; a relative
        pronoun stands for the noun its clause hangs on."""
        if noun.dep_ not in ("dobj", "attr", "nsubj", "nsubjpass") or noun.head.i == noun.i:
            return None
        verb = noun.head
        subject = noun if noun.dep_ in _SUBJECTS else self._subject_of(verb)
        if subject is not None and subject.lower_ in self.relatives and verb.dep_ == "relcl":
            return verb.head
        return subject

    def _event_named(self, token: Token,
                     events: Sequence[tuple[int, int, str]]) -> Optional[str]:
        """The event ``token`` names or stands for, else None."""
        at = token.idx
        inside = [name for start, end, name in events if start <= at < end]
        if inside:
            return inside[0]
        if token.lower_ in self.event_nouns:
            before = [name for start, _end, name in events if start < at]
            return before[-1] if before else None
        return None

    def _events_of(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, name) of every named event of the text ("Hurricane Dorian", and
        "Dorian" after it)."""
        text = info(doc).text
        if not any(t in text for t in self.titles):
            return []
        found = self.event_title.finditer(text)
        # not "National Hurricane Center": a capitalised word before the title, or a name
        # word that belongs to a body, makes it another name
        titled = [(m.start(), m.end(), m.group(0)) for m in found
                  if not _CAPITAL_BEFORE.search(text, max(0, m.start() - 30), m.start())
                  and m.group(0).split()[-1] not in self.event_stop]
        # after its first titled mention, the bare name is the event too ("Dorian's")
        bare: list[tuple[int, int, str]] = []
        for short, full in {name.split()[-1]: name for _s, _e, name in titled}.items():
            first = min(start for start, _e, name in titled if name == full)
            bare += [(m.start(), m.end(), full) for m in re.finditer(
                r"\b" + re.escape(short) + r"\b", text) if m.start() > first]
        return sorted(titled + [b for b in bare if not any(
            s0 <= b[0] < e0 for s0, e0, _n in titled)])

    def _ents_before(self, token: Token) -> list[Span]:
        """The entities from ``reach`` sentences back up to ``token``."""
        table = info(token.doc)
        floor = table.sent_of(token.i)
        for _ in range(self.reach - 1):
            floor = table.previous(floor)
        return table.ents_within(floor.start, token.i)

    def _place_before(self, token: Token) -> Optional[str]:
        """The last place named before ``token`` within ``reach`` sentences."""
        places = [e for e in self._ents_before(token) if self._is_place(e)]
        return _without_possessive(places[-1]) if places else None

    def _is_place(self, ent: Span) -> bool:
        """A place the NER names, unless it is a person's surname it mislabelled."""
        return ent.label_ in self.place_labels and ent[-1].text not in info(ent.doc).surnames

    def _place(self, noun: Token) -> Optional[str]:
        """"all 25 of Nevada's delegates"; "in Iowa, where he secured 39"; "the
        territory's six delegates" (the place named last)."""
        table = info(noun.doc)
        owners = [_child(noun, ("poss",))]
        for prep in children(noun):
            if prep.dep_ == "prep" and prep.lower_ in self.measure_of:
                whole = _child(prep, ("pobj",))
                owners.append(_child(whole, ("poss",)) if whole is not None else None)
        for poss in owners:
            if poss is None:
                continue
            ent = table.entity_at(poss.i)
            if ent is not None and self._is_place(ent):
                return _without_possessive(ent)
            if poss.lower_ in self.place_nouns and any(
                    c.lower_ == "the" for c in children(poss)):
                return self._place_before(poss)
        clause = noun.head if noun.dep_ in ("dobj", "attr") else None
        if clause is not None and clause.dep_ == "relcl" and any(
                c.lower_ in self.where_words for c in children(clause)):
            ent = table.entity_at(clause.head.i)
            if ent is not None and self._is_place(ent):
                return _without_possessive(ent)
        return None

    # -- the token that holds -----------------------------------------------------------
    def _owner_token(self, noun: Token, own: bool = True) -> Optional[Token]:
        """The token naming the holder of ``noun``; ``own`` is False for the first of listed
        objects standing in for a later one, whose possessive is not the later one's."""
        score = self._score_owner(noun)
        if score is not None:
            return score
        noun = self._out_of_total(noun)
        poss = _child(noun, ("poss",)) if own or noun.lower_ in self.totals else None
        if poss is not None:
            return poss                             # "his total of 86"
        head = noun.head
        if noun.dep_ == "pobj":
            return self._through_preposition(noun, head)
        if noun.dep_ in ("dobj", "attr", "conj", "npadvmod") and self._holds(head):
            # "Trump secured all 25 of ...", and objects the parse listed as conjuncts of
            # the verb ("secured five ..., as well as three in Colorado")
            return self._subject_of(head)
        return None

    def _through_preposition(self, noun: Token, prep: Token) -> Optional[Token]:
        """The holder of a figure that is the object of a preposition."""
        word = prep.lower_
        if word in self.with_preps and prep.head.i != prep.i:
            verb = prep.head                        # "had the most delegates, with 60"
            if verb.lemma_.lower() in self.leaving:
                return _child(verb, ("dobj", "dative"))  # "left him with 1,124"
            return self._subject_of(verb) if self._holds(verb) else None
        if word in self.to_preps and prep.head.lemma_.lower() in self.raising:
            # "brings his delegate total to 86" (the parse may split "delegate total")
            objects = [c for c in children(prep.head) if c.dep_ in ("dobj", "dative")]
            return next((p for o in objects for p in children(o) if p.dep_ == "poss"), None)
        if word in self.level_preps and self._holds(prep.head):
            return self._subject_of(prep.head)      # "Jorgensen polled at three percent"
        if word in self.scope_preps:
            # "secured a plurality in four states": where the holder won
            above = prep.head
            for _ in range(3):                      # "a plurality of the vote in four states"
                if above.dep_ != "pobj" or above.head.head.i == above.head.i:
                    break
                above = above.head.head
            if above.dep_ in ("dobj", "attr") and self._holds(above.head):
                above = above.head
            return self._subject_of(above) if self._holds(above) else None
        return None

    def _score_owner(self, noun: Token) -> Optional[Token]:
        """"Caloundra defeated Wynnum 45 points to 24": the winner's score hangs on the verb,
        the loser's on its "to"."""
        head = noun.head
        if noun.dep_ in _SCORE_DEPS and \
                head.lemma_.lower() in self.defeating and _child(head, ("dobj",)) not in (
                    None, noun):
            return self._subject_of(head)
        if noun.dep_ == "pobj" and head.lower_ in self.to_preps:
            verb = head.head
            if verb.pos_ in ("NOUN", "NUM") and verb.dep_ in _SCORE_DEPS:
                verb = verb.head                # "..., 49.7 percent to 40.3 percent"
            named = next((p for p in children(verb) if p.dep_ == "prep"
                          and p.lower_ in self.for_preps), None)
            if named is not None and _child(named, ("pobj",)) is not None:
                return _child(named, ("pobj",))   # "49.9 percent to 42.1 percent for Trump"
            if verb.lemma_.lower() in self.defeating:
                return _child(verb, ("dobj",))
            if verb.lemma_.lower() in self.trailing:
                return self._subject_of(verb)      # "he trailed 49.6 percent to 43.3"
        return None

    def _out_of_total(self, noun: Token) -> Token:
        """"a total of 815": the total stands where the number would."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in self.measure_of and \
                head.head.lower_ in self.totals:
            return head.head
        return noun

    def _holds(self, verb: Token) -> bool:
        return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in self.holding

    def _subject_of(self, verb: Token) -> Optional[Token]:
        """The verb's subject, or the subject of the clause it hangs on ("lost the caucuses,
        securing 34%"; "where he secured 39")."""
        for _ in range(4):
            # a bad parse may give two subjects: the one nearest before the verb holds
            subjects = [c for c in children(verb) if c.dep_ in _SUBJECTS]
            if subjects:
                before = [c for c in subjects if c.i < verb.i]
                return before[-1] if before else subjects[0]
            if verb.dep_ not in _INHERITS or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    # -- the name -----------------------------------------------------------------------
    def _name(self, token: Token) -> Optional[str]:
        if token.lower_ in self.pronouns:
            return self._person_before(token)
        table = info(token.doc)
        ent = table.entity_at(token.i)
        if ent is not None and ent.label_ in self.labels:
            return _without_possessive(ent)
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        # a title with the name beside it ("former Vice President ... Joe Biden had 54")
        lo, hi = token.left_edge.i, min(token.right_edge.i + 1, token.i + _NAME_REACH)
        inside = [e for e in table.ents_within(lo, hi) if e.label_ in self.labels]
        named = [e for e in inside if self._is_person(e)] or inside
        return _without_possessive(named[-1]) if named else None

    def _is_person(self, ent: Span) -> bool:
        """A PERSON, or a name whose last word is the surname of a person of the document
        (the NER often gives a lone surname another label)."""
        return ent.label_ == "PERSON" or (ent.label_ in self.labels and
                                          ent[-1].text in info(ent.doc).surnames)

    def _person_before(self, pronoun: Token) -> Optional[str]:
        """The last person named before ``pronoun`` within ``reach`` sentences."""
        people = [e for e in self._ents_before(pronoun) if self._is_person(e)]
        return _fullest(pronoun.doc, _without_possessive(people[-1])) if people else None


#: a capitalised word ending right before a match ("National " before "Hurricane Center")
_CAPITAL_BEFORE = re.compile(r"[A-Z][A-Za-z.]*[ \t]+$")

#: how far after a title the name beside it may stand (in tokens)
_NAME_REACH = 12


def _measured_noun(noun: Token, of_words: frozenset[str]) -> Token:
    """The noun a measurement measures: "winds of 75 miles per hour (120 kph)" -> winds."""
    for _ in range(6):
        if noun.dep_ == "appos" and noun.head.i != noun.i:
            noun = noun.head                        # a conversion in brackets
        elif noun.dep_ == "pobj" and noun.head.lower_ == "per":
            noun = noun.head.head                   # "miles per hour"
        else:
            break
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in of_words and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head
    return noun


def _first_conjunct(token: Token) -> Token:
    """"five delegates ..., as well as three in Colorado": the first of listed objects."""
    for _ in range(6):
        if token.dep_ != "conj" or token.head.i == token.i or \
                token.head.pos_ in ("VERB", "AUX"):
            break
        token = token.head
    return token


def _counted_noun(token: Token) -> Token:
    """The noun a number counts ("54 delegates" -> delegates), or the number itself."""
    for _ in range(3):
        if token.dep_ in _TO_NOUN and token.head.i != token.i and token.head.pos_ in (
                "NOUN", "PROPN", "NUM"):
            token = token.head
        else:
            break
    return token


def _child(token: Token, deps: tuple[str, ...]) -> Optional[Token]:
    return next((c for c in children(token) if c.dep_ in deps), None)


def _without_possessive(ent: Span) -> str:
    """An entity's text without the possessive ending the NER may have taken in."""
    words = [t for t in ent if t.tag_ != "POS"]
    return without_possessive(ent.doc[words[0].i:words[-1].i + 1].text if words else ent.text)


def _fullest(doc: Doc, name: str) -> str:
    """The longest PERSON name of the document ending in ``name``'s last word."""
    last = name.split()[-1]
    best = name
    for ent in info(doc).ents:
        if ent.label_ == "PERSON":
            text = _without_possessive(ent)
            if text.split()[-1] == last and len(text) > len(best):
                best = text
    return best


def owners_of(doc: Doc, spans: Sequence[tuple[int, int]],
              finder: Optional[Any] = None) -> list[Owner]:
    """The holder and place of each figure span of ``doc`` (bundled rules by default)."""
    return (finder or bundled_finder()).owners(doc, spans)


@lru_cache(maxsize=1)
def bundled_finder() -> HolderFinder:
    """One HolderFinder with the bundled rules, built on first use."""
    return HolderFinder()
