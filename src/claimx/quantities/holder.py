"""Whose a figure is, and where: the named holder of a count or a measure, and a place the
parse ties it to.

"Kowalski won 54 delegates", "Nowak had the most delegates, with 60", "the agency's 4,000
staff", "the victories left him with a total of 1,124": the subject of a verb of holding or
winning, a possessive owner, or the one a total is left with. A pronoun ("he secured five")
stands for the last person named before it. Only names hold figures: "candidates must
receive 15%" has no holder. The place: a named place that owns what the figure is a part of
("all 25 of Nevada's delegates"), or the place a "where" clause hangs on ("in Iowa, where
he secured 39"). Rules: ``quantity_holders.json``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, Optional

from spacy.tokens import Doc, Span, Token

from ..docinfo import children, info, subtree
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
        self.giving = frozenset(t["giving_verbs"])
        self.raising = frozenset(t["raising_verbs"])
        self.with_preps = frozenset(t["with_preps"])
        self.to_preps = frozenset(t["to_preps"])
        self.scope_preps = frozenset(t["scope_preps"])
        self.level_preps = frozenset(t["level_preps"])
        self.for_preps = frozenset(t["for_preps"])
        self.totals = frozenset(t["total_nouns"])
        self.defeating = frozenset(t["defeating_verbs"])
        self.trailing = frozenset(t["trailing_verbs"])
        self.lead_nouns = frozenset(t["lead_nouns"])
        self.ranking = frozenset(t["ranking_verbs"])
        self.from_preps = frozenset(t["from_preps"])
        self.change_adverbs = frozenset(t["change_adverbs"])
        self.contest_words = self.defeating | self.trailing | frozenset(t["contest_nouns"])
        dashes = "".join(re.escape(c) for c in t["list_separators"])
        self.list_line = re.compile(r"[^\w\n]*(?P<name>[A-Z][^\n" + dashes
                                    + r"]{0,80}?)[ \t]*[" + dashes + r"][ \t]*$")
        self.over_preps = frozenset(t["over_preps"])
        self.score_links = frozenset(t["score_links"])
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
        listed = self._list_line_name(figure)
        if listed is not None:
            return Owner(listed, None)
        number = next((t for t in figure if t.like_num or any(c.isdigit() for c in t.text)),
                      figure[-1])
        decided, side = self._shared_scoreline(number)
        if decided:
            return Owner(None if side is None else self._name(side), None)
        noun = _counted_noun(number)
        # a possessive is the figure's own ("Nowak's 214, or 290 ..." gives 290 no owner);
        # a verb is shared by all the objects listed after it
        first = _first_conjunct(noun)
        owner = _child(noun, ("poss",)) or self._owner_token(first, own=first is noun)
        if owner is not None and owner.lower_ not in self.pronouns and \
                _paragraph_between(owner, number):
            owner = None                # a parse run across a paragraph break (a list)
        name = None if owner is None else self._name(owner)
        if name is None:
            name = self._named_side(number)
        place = self._place(noun)
        if name is not None and name == place:
            name = None                 # "South Carolina's 54 delegates": a place, not a holder
        return Owner(name or self._event(noun, events), place)

    def _list_line_name(self, figure: Span) -> Optional[str]:
        """"Harbour Party - 212 seats" on a line of its own (a table, an infobox, a list
        of results): the name before the dash or colon holds the figure."""
        doc = figure.doc
        text = info(doc).text
        start = text.rfind("\n", 0, figure.start_char) + 1
        end = text.find("\n", figure.end_char)
        found = self.list_line.match(text, start, figure.start_char)
        if found is None or text[figure.end_char:end if end >= 0 else len(text)].strip(" .;"):
            return None
        name = doc.char_span(found.start("name"), found.end("name"),
                             alignment_mode="contract")
        if name is None or not any(t.pos_ == "PROPN" for t in name):
            return None
        return _without_possessive(name)

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
        return self._antecedent(subject, verb)

    def _verb_subject(self, token: Token) -> Optional[Token]:
        """The subject of the nearest verb above ``token``, of any verb."""
        for _ in range(6):
            if token.head.i == token.i:
                return None
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                return self._antecedent(_nearest_subject(token), token)
        return None

    def _antecedent(self, subject: Optional[Token], verb: Token) -> Optional[Token]:
        """The subject, or the noun a relative clause hangs on when its subject is a relative
        pronoun ("the storm, which killed ...")."""
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
        decided, score = self._score_owner(noun)
        if decided:
            return score
        named_for = self._named_for(noun)
        if named_for is not None:
            return named_for                        # "with 5 percent for Nowak"
        noun = self._out_of_total(noun)
        poss = _child(noun, ("poss",)) if own or noun.lower_ in self.totals else None
        if poss is not None:
            return poss                             # "his total of 86"
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.giving:
            given = _child(head, ("dative",))
            if given is not None:
                return given                        # "giving him a total of 54 delegates"
        if noun.dep_ == "pobj":
            return self._through_preposition(noun, head)
        if noun.dep_ in _SUBJECTS and head.i == noun.i + 1 and head.tag_ in ("VBN", "VBD") \
                and head.dep_ in ("ccomp", "xcomp", "conj") and self._holds(head.head):
            # "has amassed 1,217 pledged delegates": the parse took the participle for a verb
            return self._subject_of(head.head)
        if noun.dep_ in ("dobj", "attr", "conj", "npadvmod") and self._holds(head):
            # "Nowak secured all 25 of ...", and objects the parse listed as conjuncts of
            # the verb ("secured five ..., as well as three in Colorado")
            return self._subject_of(head)
        return None

    def _through_preposition(self, noun: Token, prep: Token) -> Optional[Token]:
        """The holder of a figure that is the object of a preposition."""
        earlier = self._compared_with(noun)
        if earlier is not None:
            return self._owner_token(earlier)       # "X has 2 million, down from 3.5 million"
        word = prep.lower_
        if word in self.with_preps and prep.head.i != prep.i:
            return self._with_holder(prep)
        if word in self.to_preps and prep.head.lemma_.lower() in self.raising:
            # "brings his delegate total to 86" (the parse may split "delegate total")
            objects = [c for c in children(prep.head) if c.dep_ in ("dobj", "dative")]
            return next((p for o in objects for p in children(o) if p.dep_ == "poss"), None)
        if word in self.for_preps and noun.lower_ in self.totals and self._holds(prep.head):
            return self._subject_of(prep.head)      # "earning 15 delegates for a total of 60"
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
            if self._holds(above):
                return self._subject_of(above)
            if noun.lemma_.lower() in self.place_nouns:
                return self._verb_subject(noun)     # "the party is on the ballot in 14 states"
        return None

    def _compared_with(self, noun: Token) -> Optional[Token]:
        """"two million refugees, down from a peak of 3.5 million": the figure an earlier
        level ("from", after "down" or "up", through "a peak of") is compared with."""
        if noun.head.lower_ in self.measure_of and noun.head.head.dep_ == "pobj":
            noun = noun.head.head               # "a peak of 3.5 million"
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in self.from_preps:
            return None
        change = prep.head
        if change.lower_ not in self.change_adverbs or change.head.i == change.i:
            return None
        compared = change.head
        if compared.pos_ in ("VERB", "AUX"):    # the parse hung "down" on the verb
            compared = next((c for c in children(compared) if c.dep_ in ("dobj", "attr")
                             and c.i < change.i and _has_digit(c)), compared)
        return compared if compared.pos_ in ("NOUN", "NUM", "PROPN") else None

    def _with_holder(self, prep: Token) -> Optional[Token]:
        """The holder of the figure after "with"."""
        follower = self._followed_by(prep)
        if follower is not None:
            return follower                         # "followed by Nowak, with 54"
        verb = prep.head                            # "had the most delegates, with 60"
        if verb.lemma_.lower() in self.leaving:
            return _child(verb, ("dobj", "dative"))  # "left him with 1,124"
        subject = _nearest_subject(verb)
        if subject is not None and prep.i < subject.i < verb.i and verb.pos_ in ("VERB", "AUX"):
            return subject                          # "With 71 percent, Lusk was victorious"
        return self._subject_of(verb) if self._holds(verb) else None

    def _followed_by(self, prep: Token) -> Optional[Token]:
        """"..., followed by Nowak, with 54": the one named after a ranking verb just before
        "with" holds its figure."""
        doc = prep.doc
        for k in range(prep.i - 1, max(prep.i - _FOLLOW_REACH, info(doc).sent_of(prep.i).start)
                       - 1, -1):
            if doc[k].lemma_.lower() in self.ranking:
                agent = _child(doc[k], ("agent",))
                return _child(agent, ("pobj",)) if agent is not None else None
        return None

    def _score_owner(self, noun: Token) -> tuple[bool, Optional[Token]]:
        """"Caloundra defeated Wynnum 45 points to 24": the winner's score hangs on the verb,
        the loser's on its "to". (True, holder) when the figure is a side of a scoreline
        (the holder None when that side is not named), else (False, None)."""
        head = noun.head
        if noun.dep_ in _SCORE_DEPS or noun.dep_ in ("appos", "pobj"):
            verb = self._contest_verb(noun)
            if verb is not None and self._opponent(verb, noun) is not None:
                if any(c.lower_ in self.to_preps and c.i < noun.i for c in children(noun)):
                    return True, self._opponent(verb, noun)   # "... of 319 to 219": 219
                return True, self._subject_of(verb)
        if noun.dep_ in _SCORE_DEPS and head.lemma_.lower() in self.trailing:
            other = self._score_partner(noun) or self._score_partner(head)
            if other is not None:               # who trails holds the lower number
                return True, (self._subject_of(head) if _lower(noun, other)
                              else self._lead_owner(head))
        if noun.dep_ == "pobj" and head.lower_ in self.to_preps:
            first = head.head
            verb = first
            if verb.pos_ in ("NOUN", "NUM", "PROPN"):
                verb = self._contest_verb(verb) or verb.head   # "..., 49.7 percent to 40.3"
            else:
                first = next((c for c in children(verb) if c.dep_ in _SCORE_DEPS
                              and c.i < head.i and _has_digit(c)), verb)
            named = next(_prep_objects(verb, self.for_preps, first_only=True), None)
            if named is not None:
                return True, named              # "49.9 percent to 42.1 percent for Nowak"
            contest = self._contest_verb(verb)
            if contest is not None and contest.i == verb.i:
                return True, self._opponent(verb, first)
            if verb.lemma_.lower() in self.trailing:
                # "he trailed 49.6 percent to 43.3": who trails holds the lower number
                return True, (self._subject_of(verb) if first.i == verb.i
                              or _lower(noun, first) else None)
        return False, None

    def _lead_owner(self, verb: Token) -> Optional[Token]:
        """The leader in a trailing clause, named as the owner of a lead in its sentence
        ("he cut into Kowalski's lead, trailing 49.6 percent to 43.3")."""
        table = info(verb.doc)
        sent = table.sent_of(verb.i)
        for token in verb.doc[sent.start:sent.end]:
            if token.lemma_.lower() in self.lead_nouns:
                owner = _child(token, ("poss",))
                if owner is not None:
                    return owner
        return None

    def _contest_verb(self, token: Token) -> Optional[Token]:
        """The verb of a contest a scoreline's first figure hangs on: a verb of defeating,
        or one whose object is a lead ("maintained his lead over Nowak ..., 48.4 percent
        to 42.5 percent"); the figure may be set off beside the loser ("led Nowak, the
        nominee, 49.0 percent to ...")."""
        for _ in range(5):
            if token.dep_ == "appos" and token.head.i != token.i:
                token = token.head
                continue
            if token.dep_ == "pobj" and token.head.lower_ in self.score_links:
                token = token.head.head             # "with an electoral count of 362 to 176"
                continue
            if token.pos_ in ("VERB", "AUX"):
                lead = _child(token, ("dobj",))
                if token.lemma_.lower() in self.defeating or (
                        lead is not None and lead.lemma_.lower() in self.lead_nouns) or \
                        self._named_over(token) is not None:   # "wins re-election over Y"
                    return token
                return None
            if token.dep_ not in _SCORE_DEPS and token.dep_ != "dobj" or \
                    token.head.i == token.i:
                return None
            token = token.head
        return None

    def _named_over(self, token: Token) -> Optional[Token]:
        """The name after "over" on ``token`` ("a lead over Nowak"), not a time or a thing
        ("over the past 24 hours")."""
        return next((o for o in _prep_objects(token, self.over_preps) if o.pos_ == "PROPN"),
                    None)

    def _opponent(self, verb: Token, first: Token) -> Optional[Token]:
        """Who the subject of a contest verb beat or leads: "over Y" on the verb or on its
        lead, else its object that is not a figure."""
        lead = _child(verb, ("dobj",))
        for holder in (verb, lead):
            named = self._named_over(holder) if holder is not None else None
            if named is not None:
                return named
        found = next((c for c in children(verb) if c.dep_ in ("dobj", "dative", "npadvmod")
                      and c.i != first.i and not _has_digit(c)
                      and c.lemma_.lower() not in self.lead_nouns), None)
        # "led Nowak 47 percent to 40": the parse may hang the loser on the first figure
        return found or next((c for c in children(first) if c.dep_ in ("nmod", "compound")
                              and c.pos_ == "PROPN"), None)

    def _shared_scoreline(self, number: Token) -> tuple[bool, Optional[Token]]:
        """"trailed Y in the average, 51.3 to 43.5 percent": two numbers of one noun phrase
        joined by "to". After a contest or trailing verb, (True, the holder of this side, or
        None when that side is not named); else (False, None)."""
        if number.dep_ == "quantmod" and number.head.like_num and any(
                c.lower_ in self.to_preps and c.i > number.i for c in children(number.head)):
            first, second = number, number.head
        elif any(c.lower_ in self.to_preps and c.i < number.i for c in children(number)) and \
                any(c.like_num and c.i < number.i for c in children(number)):
            first = next(c for c in children(number) if c.like_num and c.i < number.i)
            second = number
        else:
            return False, None
        verb = _counted_noun(second)
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return False, None
        mine = number.i == first.i
        if verb.lemma_.lower() in self.trailing:
            lower = _lower(first, second) == mine    # who trails holds the lower number
            return True, (self._subject_of(verb) if lower
                          else self._opponent(verb, second) or self._lead_owner(verb))
        if self._contest_verb(verb) is not None:
            return True, self._subject_of(verb) if mine else self._opponent(verb, second)
        return False, None

    def _named_side(self, number: Token) -> Optional[str]:
        """A scoreline side the parse left loose, read from the words around it: "X leading
        Y in the average, 50.1 to 42.9 percent", "X wins re-election over Y with a count of
        362 to 176". The first number is the one named before the nearest contest word
        before it, the second the one named after that word; after a trailing word ("X
        trailed Y, 51.3 to 43.5") the one named before holds the lower number."""
        pair = _scoreline_numbers(number)
        if pair is None:
            return None
        first, second = pair
        high, low = _value(first), _value(second)
        if high is None or low is None or high < low:
            return None                 # "from 10 to 20": a range, not a result
        table = info(number.doc)
        sent = table.sent_of(number.i)
        floor = max(sent.start, first.i - _CONTEST_REACH)
        word = next((t for t in reversed(number.doc[floor:first.i])
                     if t.lower_ in self.contest_words
                     or t.lemma_.lower() in self.contest_words), None)
        if word is None:
            return None
        named = [e for e in table.ents_within(sent.start, first.i) if e.label_ in self.labels]
        before = [e for e in named if e.end <= word.i]
        after = [e for e in named if e.start > word.i]
        if not before or not after:
            return None
        trailing = word.lower_ in self.trailing or word.lemma_.lower() in self.trailing
        mine_first = number.i == first.i
        leader, led = (after[0], before[-1]) if trailing else (before[-1], after[0])
        return _without_possessive(leader if mine_first else led)

    def _score_partner(self, token: Token) -> Optional[Token]:
        """The second figure of a scoreline whose "to" hangs on ``token`` (the first figure
        or its verb): "49.6 percent to 43.3 percent" -> the second "percent"."""
        found = next(_prep_objects(token, self.to_preps, first_only=True), None)
        return found if found is not None and _has_digit(found) else None   # "lost 10 to Y"

    def _named_for(self, noun: Token) -> Optional[Token]:
        """The name after "for" on the figure's noun ("5 percent for Nowak"), else None."""
        named = next(_prep_objects(noun, self.for_preps, first_only=True), None)
        return named if named is not None and named.pos_ == "PROPN" else None

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
        participle = verb.tag_ == "VBG"
        for _ in range(4):
            subject = _nearest_subject(verb)
            if subject is not None and subject.tag_ == "DT" and participle:
                return self._named_subject_above(verb)   # "some ... head, trailing"
            if subject is not None:                 # "the ticket ..., which received 4,489,235"
                return self._antecedent(subject, verb)
            named = self._name_just_before(verb)
            if named is not None:
                return named
            if participle and verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "attr"):
                verb = verb.head.head               # "netted 66 seats, totaling 365 seats"
                continue
            if verb.dep_ not in _INHERITS or verb.head.i == verb.i:
                return self._named_subject_above(verb) if participle else None
            verb = verb.head
        return None

    def _name_just_before(self, verb: Token) -> Optional[Token]:
        """A finite verb the parse left without a subject, right after a name: the name
        ("... - 1 seat\n\nOn Thursday, the Harbour Party netted 66 seats", where the parse
        hung the name on the list above)."""
        if verb.tag_ not in _FINITE or verb.i == 0:
            return None
        ent = info(verb.doc).entity_at(verb.i - 1)
        return ent.root if ent is not None and ent.label_ in self.labels and \
            ent.end == verb.i else None

    def _named_subject_above(self, verb: Token) -> Optional[Token]:
        """"he erased some of the lead, trailing 49.6 percent to 43.3": a participle speaks
        of the named subject of a clause above it, even where the parse hung it on a clause
        whose subject names no one (the first name or pronoun subject up the tree)."""
        for _ in range(6):
            if verb.head.i == verb.i:
                return None
            verb = verb.head
            subject = _nearest_subject(verb)
            if subject is not None and (subject.pos_ == "PROPN"
                                        or subject.lower_ in self.pronouns):
                return subject
        return None

    # -- the name -----------------------------------------------------------------------
    def _name(self, token: Token) -> Optional[str]:
        if token.lower_ in self.pronouns:
            return self._person_before(token)
        ent = info(token.doc).entity_at(token.i)
        if ent is not None and ent.label_ in self.labels:
            return _without_possessive(ent)
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        return self._named_by_its_head(token) or self._name_beside(token) or \
            self._unlabelled_name(token)

    def _name_beside(self, token: Token) -> Optional[str]:
        """A title with the name beside it ("former Vice President ... Ana Kowalski had 54"),
        not the place a name is "of" ("Ana Ruiz of Ohio", the NER missing "Ana Ruiz")."""
        table = info(token.doc)
        lo, hi = token.left_edge.i, min(token.right_edge.i + 1, token.i + _NAME_REACH)
        of_place = {t.i for c in children(token) if c.dep_ == "prep" for t in subtree(c)}
        inside = [e for e in table.ents_within(lo, hi) if e.label_ in self.labels and not (
            e.label_ in self.place_labels and e.root.i in of_place)]
        people = [e for e in inside if self._is_person(e)]
        if len(people) > 1 and token.i < people[0].start:
            # "the ticket of Ana Kowalski for president and Ben Ode for vice president":
            # the first named heads it
            return _without_possessive(people[0])
        named = people or inside
        return _without_possessive(named[-1]) if named else None

    def _unlabelled_name(self, token: Token) -> Optional[str]:
        """A name the NER missed: a given name and a surname ("Ana Ruiz of Ohio"), or a lone
        surname named as a person elsewhere in the document."""
        if token.pos_ != "PROPN":
            return None
        given = [c for c in children(token) if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.i == token.i - 1 and c.text[:1].isupper()
                 and not {c.lower_.rstrip("."), token.lower_.rstrip(".")} & _titles()]
        if given:
            return f"{given[0].text} {token.text}"
        return token.text if token.text in info(token.doc).surnames else None

    def _named_by_its_head(self, token: Token) -> Optional[str]:
        """"the party" after "the Harbour Party": a definite noun that repeats the last word
        of a name said shortly before stands for that name."""
        before = [c for c in children(token) if c.i < token.i]
        if token.pos_ != "NOUN" or not before or before[0].lower_ != "the" or any(
                c.dep_ not in ("amod", "compound") for c in before[1:]):
            return None
        # "the party" repeats the last word; "the conservative party" the whole name, in
        # lower case ("the Conservative Party" said before)
        words = " ".join(t.lower_ for t in token.doc[before[0].i + 1:token.i + 1])
        # a whole name may have been said anywhere before; a bare head only just before
        pool = info(token.doc).ents_within(max(0, token.i - _NAME_BACK), token.i) \
            if " " in words else self._ents_before(token)
        size = words.count(" ") + 1
        named = [e for e in pool
                 if e.label_ in self.labels and e.end <= token.i and len(e) > 1
                 and " ".join(t.lower_ for t in e[-size:]) == words]
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

#: how far before "with N" a "followed by X" may stand (in tokens)
_FOLLOW_REACH = 10

#: how far back (in tokens) a whole name written again in lower case is looked for
_NAME_BACK = 1500

#: the tags of a verb that takes a subject of its own
_FINITE = ("VBD", "VBZ", "VBP")

#: how far before a scoreline its contest word may stand (in tokens)
_CONTEST_REACH = 25

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


def _paragraph_between(a: Token, b: Token) -> bool:
    """True when a blank line separates the two tokens."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n\n" in info(a.doc).text[lo:hi]


def _has_digit(token: Token) -> bool:
    """True when ``token`` is a number or counted by one ("47 percent")."""
    return token.like_num or any(c.like_num for c in children(token)
                                 if c.dep_ in ("nummod", "quantmod"))


def _number_of(noun: Token) -> Optional[float]:
    """The value of the number written with ``noun`` ("43.3 percent" -> 43.3), if in digits."""
    return next((v for v in map(_value, (noun, *children(noun))) if v is not None), None)


def _value(token: Token) -> Optional[float]:
    """The number written in digits in ``token``, else None."""
    try:
        return float(token.text.replace(",", ""))
    except ValueError:
        return None


def _scoreline_numbers(number: Token) -> Optional[tuple[Token, Token]]:
    """The two numbers of a scoreline written "N [unit] to M" that ``number`` is a side of,
    read from the words alone, or None."""
    doc = number.doc
    for first_i in (number.i, number.i - 2, number.i - 3):
        if first_i < 0:
            continue
        for gap in (1, 2):                       # "362 to 176", "22 points to 10"
            to_i, second_i = first_i + gap, first_i + gap + 1
            if second_i >= len(doc) or doc[to_i].lower_ != "to":
                continue
            if gap == 2 and not doc[first_i + 1].is_alpha:
                continue
            first, second = doc[first_i], doc[second_i]
            if _value(first) is None or _value(second) is None:
                continue
            if number.i in (first_i, second_i):
                return first, second
    return None


def _lower(noun: Token, other: Token) -> bool:
    """True when the number of ``noun`` is below the number of ``other``."""
    a, b = _number_of(noun), _number_of(other)
    return a is not None and b is not None and a < b


def _nearest_subject(verb: Token) -> Optional[Token]:
    """The verb's own subject; a bad parse may give two, and the one nearest before the
    verb holds. A subject across a blank line is a parse run over a list, not one."""
    subjects = [c for c in children(verb) if c.dep_ in _SUBJECTS
                and not _paragraph_between(c, verb)]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else subjects[0]


def _prep_objects(token: Token, words: frozenset[str],
                  first_only: bool = False) -> Iterator[Token]:
    """The objects of the prepositions of ``token`` written as one of ``words``; with
    ``first_only``, of its first such preposition alone (none if that one has no object)."""
    for prep in children(token):
        if prep.dep_ == "prep" and prep.lower_ in words:
            found = _child(prep, ("pobj",))
            if found is not None:
                yield found
            if first_only:
                return


def _child(token: Token, deps: tuple[str, ...]) -> Optional[Token]:
    return next((c for c in children(token) if c.dep_ in deps), None)


def _without_possessive(ent: Span) -> str:
    """An entity's text without the possessive ending the NER may have taken in."""
    words = [t for t in ent if t.tag_ != "POS"]
    return without_possessive(ent.doc[words[0].i:words[-1].i + 1].text if words else ent.text)


def _fullest(doc: Doc, name: str) -> str:
    """The longest PERSON name of the document ending in ``name``'s last word, unless two
    people share that surname ("Ana Kowalski", "Jan Kowalski": "Kowalski" stays as it is)."""
    last = name.split()[-1]
    forms = {name}
    for ent in info(doc).ents:
        if ent.label_ == "PERSON":
            text = _without_possessive(ent)
            if text.split()[-1] == last:
                forms.add(text)
    best = max(forms, key=len)
    return best if all(best.endswith(f) for f in forms) else name


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Words of titles and honorifics ("President", "Mr."), lower case, no full stop."""
    table = load_table("sources.json")
    return frozenset(w.lower().rstrip(".") for w in [*table["title_words"],
                                                     *table["honorifics"]])


def owners_of(doc: Doc, spans: Sequence[tuple[int, int]],
              finder: Optional[Any] = None) -> list[Owner]:
    """The holder and place of each figure span of ``doc`` (bundled rules by default)."""
    return (finder or bundled_finder()).owners(doc, spans)


@lru_cache(maxsize=1)
def bundled_finder() -> HolderFinder:
    """One HolderFinder with the bundled rules, built on first use."""
    return HolderFinder()
