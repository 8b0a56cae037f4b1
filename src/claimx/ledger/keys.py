"""The figure key: a pure function of one claim record saying what its number measures.

Two figures share a key when they count or measure the same thing: the same normalised
entity (the head lemma, or for people the outcome that befell them: killed, injured,
infected...), the same "where" (a nationality in the entity, a named place right after the number:
"across the X region", "in X", else a nationality just before it in its clause), the same
qualifiers ("suspected", "severe") and the same unit. The key reads only the record, so the
Dask job can group by it with a plain ``groupby`` (see `claimx.ledger.dask`).

    >>> figure_key({"q_entity": "Ukrainian service members", "q_unit": None,
    ...             "q_text": "220 Ukrainian service members",
    ...             "sentence_text": "They claim to have killed 220 Ukrainian service members.",
    ...             "sentence_start": 0, "q_start": 26})
    'deaths|ukraine||'
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Any, Optional

from ..quantities.units import CurrencyTable
from ..rules import load_table

_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]|[A-Za-z]")


@lru_cache(maxsize=1)
def terms() -> dict[str, Any]:
    """The word lists of ``claimx/data/ledger_terms.json``, loaded once."""
    return load_table("ledger_terms.json")


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    t = terms()
    outcome_of: dict[str, str] = {}
    for outcome, words in t["outcomes"].items():
        for w in words:
            outcome_of.setdefault(w.lower(), outcome)
    side_of = {w: country for country, words in t["demonyms"].items() for w in words}
    return {
        "outcome_of": outcome_of,
        "phrases": sorted((w for w in outcome_of if " " in w), key=len, reverse=True),
        "side_of": side_of,
        "alias": dict(t["place_aliases"]),
        # the names a quantity's unit has when it is money ("United States dollar")
        "currencies": CurrencyTable(load_table("quantity_currencies.json")).names,
        "target_nouns": {lemma(w) for w in t["target_nouns"]},
        "topic_nouns": set(t["topic_nouns"]), "topic_preps": set(t["topic_prepositions"]),
        # an option voted for after a share ("52% voted to leave"), and the earlier "voted
        # to" that a bare "48% to stay" goes on with
        "voted_to": re.compile(r"\s*(?:of\s+(?:participating\s+|the\s+)?voters\s+)?(?:("
                               + _alternation(t["vote_option_verbs"]) + r")\s+)?to\s+([a-z]+)\b"),
        "voted_to_before": re.compile(r"\b(?:" + _alternation(t["vote_option_verbs"])
                                      + r")\s+to\b"),
        # not inside another place's name ("New Mexico", "the Gulf of Mexico", "Kuwait City")
        "sides": re.compile("".join(f"(?<!{re.escape(w)} )" for w in t["name_before_country"])
                            + r"\b(" + "|".join(re.escape(w) for w in sorted(
                                side_of, key=len, reverse=True)) + r")(?![\w])"
                            + "".join(f"(?! {re.escape(w)}\\b)"
                                      for w in t["name_after_country"])),
        "person": set(t["person_nouns"]), "time": set(t["time_units"]),
        "qualifiers": set(t["qualifiers"]), "generic": set(t["generic_modifiers"]),
        "place_stop": set(t["place_stop"]), "place_prep": set(t["place_prepositions"]),
        "place_suffix": set(t["place_suffixes"]), "world": set(t["world_words"]),
        "dimensionless": set(t["dimensionless_units"]), "linking": set(t["linking_words"]),
        "link_verbs": set(t["link_verbs"]), "not_subjects": set(t["not_subjects"]),
        "synonyms": sorted(((p, m) for m, ps in t["measure_synonyms"].items()
                            if not m.startswith("_") for p in ps),
                           key=lambda x: len(x[0]), reverse=True),
        "rank": re.compile(r"\b(" + "|".join(t["rank_words"]) + r")\s+(\d+|[ivx]+)\b"),
        "rates": _phrase_table(t["rate_phrases"]), "stances": _phrase_table(t["stance_words"]),
        "elsewhere": _phrase_regex(t["elsewhere_phrases"]),
        "place_hedges": set(t["place_hedges"]), "increment": set(t["increment_words"]),
        "target": _phrase_regex(t["target_words"]), "function": set(t["function_words"]),
        "cause": re.compile(r"\b(?:" + "|".join(t["cause_verbs"]) + r")\s+(?:"
                            + "|".join(t["cause_prepositions"]) + r")\s+([a-z][a-z\s-]*)"),
        "people_suffixes": tuple(t["people_suffixes"]),
        "count_link": re.compile(r"([A-Za-z]+)\s*,?\s*(?:[a-z]+\s+){0,2}(?:"
                                 + "|".join(map(re.escape, t["count_links"]))
                                 + r")\s+(?:[a-z]+\s+){0,2}$"),
        "ellipsis": _phrase_regex(t["ellipsis_links"]),
        "change": set(t["change_words"]), "roles": set(t["role_nouns"]),
        "gain_loss": re.compile(r"\b" + _alternation(t["gain_loss_words"]) + r"\s+(?:"
                                + _alternation(t["gain_loss_fillers"]) + r"\s+)?$",
                                re.IGNORECASE),
        "change_by": re.compile(r"\b" + _alternation(t["change_by_words"]) + r"\s+by\s*$",
                                re.IGNORECASE),
        "irregular": dict(t["irregular_plurals"]),
        "bodies": set(t["holder_body_words"]),
        "containers": set(t["container_measures"]),
        "total_modifiers": set(t["total_modifiers"]),
        "score_units": set(t["score_units"]),
        "vote_words": set(t["vote_words"]),
        "source_nouns": set(t["source_nouns"]),
        "settlements": set(t["settlement_nouns"]),
        "bodies_not_places": set(t["bodies_not_places"]),
        "party_of": {w: side for side, words in t["party_sides"].items()
                     if not side.startswith("_") for w in words},
        "parties": re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(
            (w for ws in t["party_sides"].values() for w in ws), key=len, reverse=True))
            + r")\b"),
        "target_after": _phrase_regex(t["target_after_phrases"]),
        # "hundreds of thousands, maybe more than a million": a second estimate
        "alternative": re.compile(r"\s*,\s*" + _alternation(t["alternative_openers"])
                                  + r"\s+(?:" + _alternation(t["alternative_bounds"])
                                  + r"\s+)?(?:a|one|\d[\d,.]*|[a-z]+)\s+"
                                  + _alternation(t["scale_words"]) + r"s?(?:\s+of)?,?"),
        # "had the most pledged delegates, with" before a number
        "most_with": re.compile(r"\bthe " + _alternation(t["superlatives"])
                                + r" ((?:[a-z]+ ){0,2}[a-z]+),? with\b"),
        # "<noun> total to" ending the text before a number
        "total_before": re.compile(r"\b([a-z]+)\s+([A-Za-z]+)\s+"
                                   + _alternation(t["total_links"]) + r"\s*$"),
    }


def _alternation(words: list[str]) -> str:
    """A non-capturing regex group matching any of ``words`` (longest first)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` as whole words (longest first)."""
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


def _phrase_table(classes: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    """(class name, regex of its phrases) for each class of ``classes``."""
    return [(name, _phrase_regex(words)) for name, words in classes.items()]


def lemma(word: str) -> str:
    """A crude English singular of a lower-case noun ("casualties" -> "casualty")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses") or word.endswith("ches") or word.endswith("shes"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def _outcome_in(text: str) -> Optional[str]:
    """The first outcome phrase or word in ``text`` (phrases before single words)."""
    low = " " + " ".join(w.lower() for w in _words(text)) + " "
    tab = _tables()
    outcome_of: dict[str, str] = tab["outcome_of"]
    for phrase in tab["phrases"]:
        if f" {phrase} " in low:
            return outcome_of[phrase]
    for w in low.split():
        if w in outcome_of:
            return outcome_of[w]
    return None


def _subject_before(before: str) -> list[str]:
    """The noun phrase a measurement is linked to: "maximum sustained winds were near"
    (up to three lower-case words before a linking verb, with only linking words after)."""
    tab = _tables()
    words = _words(_clause_before(before, 9))
    i = len(words)
    while i and words[i - 1].lower() in tab["linking"]:
        i -= 1
    tail = [w.lower() for w in words[i:]]
    if not tail or not tab["link_verbs"] & set(tail):
        return []
    phrase: list[str] = []
    for k in range(i - 1, max(-1, i - 4), -1):       # back from the linking words
        w = words[k]
        low = w.lower()
        if low in tab["not_subjects"] or not (w.islower() or (k == 0 and w[1:].islower())):
            break
        if low not in tab["generic"]:
            phrase.insert(0, low)
    return phrase


def _head_outcome(lower: list[str]) -> Optional[str]:
    """The outcome an entity names by its head: "deaths", "measles cases", "immunization
    rate" (a phrase ending the entity); not "vaccination teams"."""
    tab = _tables()
    joined = " " + " ".join(lower)
    outcome_of: dict[str, str] = tab["outcome_of"]
    for phrase in tab["phrases"]:
        if joined.endswith(" " + phrase):
            return outcome_of[phrase]
    return outcome_of.get(lower[-1])


def _siblings(record: dict[str, Any]) -> tuple[tuple[Any, ...], ...]:
    """The quantities of the record's claim, ``(start, text, entity, unit)`` each, read once
    per claim (every figure of a claim carries the same JSON)."""
    return _parse_siblings(record.get("claim_quantities") or "[]")


@lru_cache(maxsize=256)
def _parse_siblings(text: str) -> tuple[tuple[Any, ...], ...]:
    try:
        return tuple(tuple(q) for q in json.loads(text))
    except (TypeError, ValueError):
        return ()


def _sibling_where(record: dict[str, Any]) -> str:
    """The "where" of the nearest other number of the same claim, in the same unit, that has
    one: numbers listed together share it ("1,100 deaths ..., with an additional 1,500
    injured"); a percentage says nothing about the count beside it."""
    siblings = _siblings(record)
    me, unit = int(record.get("q_start") or 0), record.get("q_unit")
    for start, text, entity, *rest in sorted(siblings,
                                             key=lambda q: (abs(q[0] - me), q[0] > me)):
        if start == me or (rest and rest[0] != unit):
            continue
        before, after = _context({**record, "q_start": start, "q_text": text})
        where = _where(entity or "", before, after)
        if where:
            return where
    return ""


def _context(record: dict[str, Any]) -> tuple[str, str]:
    """The sentence text before and after the quantity of ``record``."""
    sentence = record.get("sentence_text") or record.get("claim_text") or ""
    q_text = record.get("q_text") or ""
    offset = int(record.get("q_start") or 0) - int(record.get("sentence_start") or 0)
    if not (0 <= offset <= len(sentence)) or sentence[offset:offset + len(q_text)] != q_text:
        found = sentence.find(q_text)
        offset = found if found >= 0 else len(sentence)
    return sentence[:offset], sentence[offset + len(q_text):]


_BOUNDARY = re.compile(r"[,;:()]|\b(?:and|but|while|whereas)\b|\d")


def _clause_before(before: str, n: int = 6) -> str:
    """The last ``n`` words before the number, not crossing a comma, "and" or a number."""
    parts = _BOUNDARY.split(before)
    return _window(parts[-1] if parts else "", n, last=True)


def _clause_after(after: str) -> str:
    """The words after a number up to the end of its clause (a full stop ends it, the stop
    of an abbreviation inside a word, "D.C." or "U.S.", does not)."""
    return _CLAUSE_STOP.split(after, maxsplit=1)[0]


_CLAUSE_STOP = re.compile(r"[;:,(]|\.(?![A-Za-z])|\b(?:and|but|while)\b")


def _where(entity: str, before: str, after: str, whose: str = "") -> str:
    """Whose or where: a nationality or a party in the entity, a place right after, or a
    nationality just before the number in its clause, unless it stands before the figure's
    holder ``whose`` and so describes the holder ("the UK's Harbour Party netted 66 seats")."""
    tab = _tables()
    found = tab["sides"].findall(entity)
    if found:
        return str(tab["side_of"][found[0]])
    party = tab["parties"].findall(entity)
    if party:                               # "235 Democrats and 199 Republicans"
        return str(tab["party_of"][party[0]])
    if tab["elsewhere"].search(_window(_clause_after(after), 6, last=False).lower()):
        return "elsewhere"
    place = "" if _about_a_topic(entity, after) else _place(_clause_after(after))
    aside = _ASIDE.match(after[:_FRONTED_REACH])
    if not place and aside:       # "turned out, with flags and hats, in D.C. to protest"
        place = _place(_clause_after(after[aside.end():]))
    if place:
        return place
    tail = before[-_FRONTED_REACH:]       # bounded: a long sentence stays linear
    fronted = _FRONTED_PLACE.search(tail if len(before) <= _FRONTED_REACH else "\0" + tail)
    place = _place(fronted.group(1)) if fronted else ""
    if place:
        return place              # "Here in London, thousands of people ..."
    near = _window(_clause_after(after), 6, last=False).split() + \
        _window(_clause_before(before), 3, last=True).split()
    if tab["world"] & {w.lower() for w in near}:
        return "world"
    clause = _clause_before(before)
    found = list(tab["sides"].finditer(clause))[-1:]
    if not found or _describes(whose, clause, found[0].end()) or \
            _NAME_GOES_ON.match(clause[found[0].end():]):
        return ""                 # "the United States Senator ...": part of a title
    return str(tab["side_of"][found[0].group(1)])


#: a place set before the clause of a number ("Here in London, thousands ..."; "In Ohio, 40")
_FRONTED_REACH = 200
#: the rest of a clause and an aside set off by commas after it (", with ... ,")
_ASIDE = re.compile(r"[^,;:.]*,\s*with\b[^,;:.]*,")
_FRONTED_PLACE = re.compile(r"(?:^|[,;:\"\u201c(]\s*)(?:(?:[Hh]ere|[Tt]here)\s+)?"
                            r"([Ii]n\s+[A-Z][^,;]*),\s*$")


def _about_a_topic(entity: str, after: str) -> bool:
    """True for things said about a topic, followed by it ("13 questions on the war in
    Afghanistan"): the topic's place is not theirs."""
    words, first = _entity_words(entity), _words(after)[:1]
    return bool(words and first) and words[-1].lower() in _tables()["topic_nouns"] and \
        first[0].lower() in _tables()["topic_preps"]


def _place(clause: str) -> str:
    """A capitalised place name right after "in", "across"...: a country is normalised."""
    tab = _tables()
    words = _words(clause)
    for i, w in enumerate(words[:-1]):
        if w.lower() not in tab["place_prep"]:
            continue
        if i and words[i - 1].lower() in tab["place_hedges"]:
            return ""                      # "mostly in X": the figure is not X's alone
        name, rest = _name_at(words[i + 1:i + 8], tab["place_stop"])
        after_name = rest[0].lower() if rest else ""
        if name and after_name in tab["source_nouns"]:
            return ""                      # "in the Monmouth poll": a source, not a place
        if name and after_name in tab["settlements"]:
            # "in the Freedonian capital city of Westmark": the place named after "of"
            while rest and rest[0].lower() in tab["settlements"]:
                rest = rest[1:]
            if rest and rest[0].lower() == "of":
                name = _name_at(rest[1:], tab["place_stop"])[0] or name
        if name and " ".join(name).lower() in tab["bodies_not_places"]:
            continue                       # "a majority in the Assembly": a body, not a place
        if name:
            return _place_name(name, by_first=True)
    return ""


def _place_name(words: list[str], by_first: bool = False) -> str:
    """A place's words as a key says them: a country's name for a country ("the United
    States" -> "america"; with ``by_first``, also when it only opens the name), one form of
    a city ("D.C." -> "washington"), else lower case."""
    tab = _tables()
    joined = " ".join(words)
    found = tab["side_of"].get(joined) or (by_first and tab["side_of"].get(words[0])) or \
        joined.lower()
    return str(tab["alias"].get(found, found))


def _name_at(words: list[str], stop: set[str]) -> tuple[list[str], list[str]]:
    """The capitalised name the words open (leading "the", "whole" skipped), and the words
    after it; a possessive ends the name ("Hong Kong's")."""
    words = [x for x in words if x.lower() not in ("the", "whole", "entire")]
    name: list[str] = []
    for k, x in enumerate(words):
        bare = re.sub(r"['’]s$", "", x)
        if not x[0].isupper() or bare in stop:
            return name, words[k:]
        name.append(bare)
        if bare != x:
            return name, words[k + 1:]
    return name, []


def _window(text: str, n: int, last: bool) -> str:
    words = _words(text)
    return " ".join(words[-n:] if last else words[:n])


def _context_outcome(before: str, after: str) -> Optional[str]:
    """An outcome governing the number: a verb just before it, else words just after it."""
    alternative = _tables()["alternative"].match(after)
    if alternative:                         # "N people, maybe more than a million, are in ..."
        after = after[alternative.end():]
    elif after.lstrip().startswith(","):    # "1.7 million X, about a quarter of ..., marched"
        after = after.split(",", 2)[-1]
    # "thousands of people from across our city and country have come together": where the
    # people come from stands between them and what they did
    reach = _ORIGIN_REACH if _ORIGIN.match(after) else _OUTCOME_REACH
    return _outcome_in(_window(_clause_before(before), 2, last=True)) \
        or _outcome_in(_window(after, reach, last=False)) or _linked_outcome(before)


#: how many words after a count its outcome may stand, and after "from" and an origin
_OUTCOME_REACH, _ORIGIN_REACH = 6, 10
_ORIGIN = re.compile(r"\s*from\b")




def _linked_outcome(before: str) -> Optional[str]:
    """The outcome of the noun a bare number is linked to: "the protesters, sometimes
    numbering in the millions"; or, after "with"/"including" ("N cases ..., with M recorded
    in ..."), the outcome the clause before it names."""
    tab = _tables()
    linked = tab["count_link"].search(before)
    if linked:
        return _outcome_in(linked.group(1))
    words = _words(before)[-3:]
    last = " ".join(w.lower() for w in words)
    if words and tab["ellipsis"].search(last) and tab["ellipsis"].search(last).end() == len(last):
        return _outcome_in(_window(re.split(r"[;:.]", before)[-1], 12, last=True))
    return None


def _measure(entity_words: list[str], before: str, after: str) -> tuple[str, list[str]]:
    """The measure (head lemma or outcome) and its kept modifiers."""
    tab = _tables()
    lower = [w.lower() for w in entity_words]
    head = lemma(lower[-1])
    mods = [lemma(w) for w, orig in zip(lower[:-1], entity_words[:-1])
            if w not in tab["generic"] and orig not in tab["side_of"]]
    quals = [m for m in mods if m in tab["qualifiers"]]
    if lower[0] in tab["increment"] and len(lower) > 1:    # "32,000 more deaths"
        quals.append("additional")
    outcome = _head_outcome(lower)
    if outcome:                   # "civilian deaths" like "civilians killed"
        return outcome, quals + [m for m in mods if m in tab["roles"]]
    synonym = _synonym(lower)
    if synonym:
        return synonym, [m for m in quals if m != "additional"]
    if head in tab["person"] or lower[-1] in tab["person"] or _people_name(entity_words[-1]):
        role = tab["irregular"].get(lower[-1], head)
        outcome = _context_outcome(before, after) or ""
        if outcome == "voters" and not tab["vote_words"] & {
                w.lower() for w in _words(before + " " + after)}:
            outcome = "crowd"                 # "supporters turned out ... to protest"
        return outcome, quals + [role] * (role in tab["roles"])
    near = _outcome_in(_window(after, 3, last=False))
    if near:                      # "53 measles related deaths": the entity stopped short
        return near, quals
    return head, mods


def _synonym(lower: list[str]) -> Optional[str]:
    """The measure class a phrase ending the entity names ("wind speeds" -> "wind")."""
    joined = " " + " ".join(lower)
    synonyms: list[tuple[str, str]] = _tables()["synonyms"]
    for phrase, measure in synonyms:
        if joined.endswith(" " + phrase):
            return measure
    return None


def _people_name(word: str) -> bool:
    """A capitalised word naming people of a place: "Samoans", "Hongkongers"."""
    tab = _tables()
    return word in tab["side_of"] and word.endswith("s") or (
        word[:1].isupper() and word.lower().endswith(tab["people_suffixes"]))


def _entity_words(entity: str) -> list[str]:
    """The words of an entity; none when it is only function words or a lone participle
    that names no outcome ("to" in "230-to-197", "recorded")."""
    tab = _tables()
    words = _words(entity)
    lower = [w.lower() for w in words]
    if all(w in tab["function"] for w in lower):
        return []
    if len(lower) == 1 and lower[0].endswith("ed") and lower[0] not in tab["outcome_of"]:
        return []
    return words


def _converted_subject(record: dict[str, Any]) -> list[str]:
    """For a measurement in parentheses right after another ("180 mph (285 kph)"), the noun
    phrase linked to that other one."""
    siblings = _siblings(record)
    me = int(record.get("q_start") or 0)
    for start, text, entity, *_ in siblings:
        end = start + len(text)
        if end < me and me - end <= 4:
            before, _after = _context({**record, "q_start": start, "q_text": text})
            sentence_gap = _context(record)[0][len(before) + len(text):]
            if sentence_gap.strip() in ("(", "(~", "[", "(about", "(some"):
                return _words(entity or "") or _subject_before(before)
    return []


def _sibling_entity(record: dict[str, Any]) -> list[str]:
    """For a bare measurement, the entity of an earlier number of its claim in the same
    unit: "called for a 100% immunization rate, and stated 92% had been reached"."""
    siblings = _siblings(record)
    me, unit = int(record.get("q_start") or 0), record.get("q_unit")
    earlier = [q for q in siblings if q[0] < me and len(q) > 3 and q[3] == unit and q[2]]
    return _entity_words(earlier[-1][2]) if earlier else []


def _extra_mods(before: str, after: str) -> list[str]:
    """Modifiers said around the number: a rank ("category 2 hurricane ... is 119 mph"), a
    rate ("deaths per day"), a stance ("231 members supporting"), a target ("called for a
    100% rate") and a cause ("died from a faulty vaccine")."""
    tab = _tables()
    mods: list[str] = []
    near_after = " ".join(_clause_after(after).lower().split()[:6])
    clause = re.split(r"[;:]", before)[-1].lower()
    rank = tab["rank"].findall(clause)
    if rank:
        mods.append(" ".join(rank[-1]))
    mods += [name for name, rx in tab["rates"] if rx.search(near_after)]
    if tab["change"] & set(near_after.split()[:1]) or \
            tab["change_by"].search(before):     # "25% higher"; "was down by about 1.5%"
        mods.append("change")
    first = " ".join(w.lower() for w in _words(_clause_after(after))[:4])
    stance = [name for name, rx in tab["stances"] if rx.search(first)][:1]
    option = tab["voted_to"].match(after)
    if not stance and option and (option.group(1) or tab["voted_to_before"].search(before)):
        stance = [option.group(2)]    # "52% voted to leave and 48% to stay": the options
    mods += stance
    if tab["target"].search(_window(_clause_before(before), 4, last=True).lower()) or \
            tab["target_after"].match(" ".join(w.lower() for w in _words(after)[:4])):
        mods.append("target")
    return mods + _cause(after)


def _cause(after: str) -> list[str]:
    """The head of a lower-case cause after an outcome verb: "died from a faulty vaccine"
    -> ["vaccine"] (not a time: "killed by Tuesday", "died within a week")."""
    tab = _tables()
    found = tab["cause"].search(_clause_after(after))
    if not found:
        return []
    words = [w for w in found.group(1).split() if w not in tab["function"]]
    if not words or lemma(words[-1]) in tab["time"]:
        return []
    return [lemma(words[-1])]


def _sentence_side(before: str, whose: str = "") -> str:
    """The nation named nearest before the number in its sentence, where it leads a clause
    (a subject: "The X had ...", or set off: "the next highest country, X, totaling ..."),
    when nothing nearer says where, and it does not describe the holder ``whose``."""
    tab = _tables()
    clause = re.split(r"[;:]", before)[-1]
    found = [m for m in tab["sides"].finditer(clause)
             if _LEADS_CLAUSE.search(clause[:m.start()])
             and not _NAME_GOES_ON.match(clause[m.end():])]
    if not found or _describes(whose, clause, found[-1].end()):
        return ""
    return str(tab["side_of"][found[-1].group(1)])


def _describes(whose: str, clause: str, end: int) -> bool:
    """True when the holder ``whose`` is named after ``end`` in ``clause``: the nation
    before it is the holder's ("the UK's Harbour Party netted 66 seats")."""
    return bool(whose) and whose in unaccented(clause[end:].lower())


_LEADS_CLAUSE = re.compile(r"(?:^|,)\s*(?:the\s+)?$", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"\s+[A-Z]")      # "X House of ...": part of a longer name


def figure_key(record: dict[str, Any]) -> Optional[str]:
    """``measure|where|modifiers|unit`` for a claim record; None when nothing is counted.

    With no entity, a quantity restating another in parentheses takes that one's entity, a
    measurement takes the noun phrase linked to it ("winds were near 180 mph") or else is
    keyed by its unit alone (not a percentage: "92%" alone says nothing), and a count takes
    an outcome around it ("81 had lost their lives"); a bare number or a span of time ("six
    months") has no key.
    """
    before, after = _context(record)
    partner = _scoreline_partner(record, before)
    entity = record.get("q_restates") or (partner[0] if partner else record.get("q_entity")) \
        or ""
    unit = record.get("q_unit") or (partner[1] if partner else "") or _share(record)
    words = _entity_words(entity)
    if words and lemma(words[-1].lower()) in _tables()["time"]:
        return None
    words = _counted_words(record, words, unit, before, after)
    extra: Optional[list[str]] = None           # the modifiers said around it, read once
    if words:
        measure, mods = _measure(words, before, _own_clause(record, after))
        if not measure:           # people counted, with nothing said to befall them
            return None
    elif unit and unit in _tables()["score_units"] and not record.get("q_holder"):
        return None               # "12 points to 10": a score of no one in particular
    elif unit in _tables()["currencies"] and not record.get("q_holder") and \
            not (extra := _extra_mods(before, after)):
        return None               # "$601 million": of no one, for nothing said, no rate
    elif unit and (unit not in _tables()["dimensionless"] or record.get("q_holder")):
        measure, mods = "", []   # a measure keyed by its unit, or a share keyed by its holder
    else:
        outcome = _context_outcome(before, _own_clause(record, after))
        if outcome is None:
            return None
        measure, mods = outcome, []
    mods = mods + (extra if extra is not None else _extra_mods(before, after))
    own = _entity_words(record.get("q_entity") or "")
    if own and lemma(own[-1].lower()) in _tables()["target_nouns"]:
        mods.append("target")     # "the goal ... was to exceed 90 percent"
    if measure not in terms()["outcomes"] and _tables()["gain_loss"].search(before):
        mods.append("change")     # "gained 13 seats", "lost all 5 of its seats"
    where = _whose_and_where(record, entity, before, after)
    return "|".join((measure, where, ",".join(sorted(set(mods))), unit))


def _own_clause(record: dict[str, Any], after: str) -> str:
    """The text after the number up to the next number of its claim when a clause of its
    own lies between ("85,000 Americans were unemployed and millions had died": what befell
    the millions is not the 85,000's); "two Americans and three Britons were killed" keeps
    it all."""
    end = int(record.get("q_start") or 0) + len(record.get("q_text") or "")
    later = [start - end for start, *_ in _siblings(record) if start >= end]
    if not later:
        return after
    cut = min(later)
    return after[:cut] if len(_words(after[:cut])) >= _OWN_CLAUSE_WORDS else after


#: how many words between two numbers make a clause of the first's own
_OWN_CLAUSE_WORDS = 3


def countries_in(text: str) -> set[str]:
    """The countries a text names, by name or demonym ("Samoan", "the United States")."""
    return set(country_counts(text))


def country_counts(text: str) -> dict[str, int]:
    """How many times a text names each country, by name or demonym."""
    tab = _tables()
    counts: dict[str, int] = {}
    for m in tab["sides"].finditer(text):
        country = str(tab["side_of"][m.group(1)])
        counts[country] = counts.get(country, 0) + 1
    return counts


def _sentence_party(record: dict[str, Any]) -> str:
    """The one political party the figure's sentence names, as its side, else ""."""
    sentence = record.get("sentence_text") or ""
    if any(p in sentence.lower() for p in terms()["all_party_phrases"]):
        return ""                 # "both parties are to hold ...": no one party's
    found = {_tables()["party_of"][m.group(1)] for m in _tables()["parties"].finditer(sentence)}
    return found.pop() if len(found) == 1 else ""


def _counted_words(record: dict[str, Any], words: list[str], unit: str, before: str,
                   after: str) -> list[str]:
    """The words of what the figure counts, when its entity does not say it: the noun
    phrase linked to a measurement, the entity of a sibling percentage, what a total counts,
    what a superlative before "with N" names."""
    if not words and unit:
        words = _subject_before(before) or _converted_subject(record)
    if not words and unit in _tables()["dimensionless"]:
        words = _sibling_entity(record)
    if words and lemma(words[-1].lower()) in _tables()["containers"]:
        words = _contained(words, before, after)
        if lemma(words[-1].lower()) in _tables()["containers"]:
            # "X had 1,124 delegates; Y trailed with a total of 815"
            words = _sibling_counted(record) or _counted_before(before) or words
    if not words and not unit:
        words = most_before(before) or _elliptical(record, after)
    return words


#: a number written in digits alone ("42", "1,217")
_BARE_NUMBER = re.compile(r"^\d[\d,.]*$")

#: what may follow a bare number that closes its clause ("the party lost 42.", "with 6, and")
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:)]|\b(?:and|while|but|whereas)\b)")


def closes_its_clause(q_text: str, after: str) -> bool:
    """True for a number written in digits alone that closes its clause ("the party lost
    42.", "with 6, and"); ``after``: the text right after it."""
    return bool(_BARE_NUMBER.match(q_text) and _CLAUSE_END.match(after))


def _elliptical(record: dict[str, Any], after: str) -> list[str]:
    """What a bare number closing its clause counts: what the number before it in its
    sentence counts ("gained 66 seats, while the Harbour Party lost 42"; "Kowalski has
    amassed 1,217 pledged delegates, while Nowak has earned 914"); "had the most delegates, with 60"
    is `most_before`."""
    if not closes_its_clause(record.get("q_text") or "", after):
        return []                 # a bare number in digits, not "millions"
    # else "had the most delegates, with 60, followed by Y, with 54": the superlative's noun
    return _sibling_counted(record) or most_before(_context(record)[0], anywhere=True)


def _whose_and_where(record: dict[str, Any], entity: str, before: str, after: str) -> str:
    """The key's second part: whose the figure is, and where ("biden", "trump/iowa")."""
    whose = holder_key(record.get("q_holder"))
    where = _where(entity, before, after, whose) or place_key(record.get("q_place")) or \
        _sibling_where(record) or _sentence_side(before, whose)
    if whose and whose != where:
        where = f"{whose}/{where}" if where else whose
    if not where:
        where = _sentence_party(record) or str(record.get("doc_place") or "")
    return where


def holder_key(holder: Optional[str]) -> str:
    """Whose a figure is, as the key says it: a country for a nation or its people
    ("Russia's", "Russian"), a body by its whole name ("the Democratic Party" ->
    "democratic party"), a person by surname ("Ana Kowalski" -> "kowalski")."""
    words = _name_words(holder)
    if not words:
        return ""
    tab = _tables()
    joined = " ".join(words)
    if joined in tab["side_of"]:
        return str(tab["side_of"][joined])
    lower = [w.lower() for w in words if w.lower() not in ("the", "of")]
    if len(words) > 3 or tab["bodies"] & set(lower) or not words[-1][:1].isupper():
        return " ".join(lower)
    return words[-1].lower()


def place_key(place: Optional[str]) -> str:
    """A place as the key says it (`_place_name`)."""
    words = _name_words(place)
    if not words:
        return ""
    return _place_name(words)


def _name_words(name: Optional[str]) -> list[str]:
    """The words of a name without accents or a leading "the" ("the United States")."""
    words = _words(unaccented(name or ""))
    return words[1:] if len(words) > 1 and words[0].lower() == "the" else words


def unaccented(text: str) -> str:
    """The text without accents ("Vázquez" -> "Vazquez")."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c))


def _scoreline_partner(record: dict[str, Any], before: str) -> Optional[tuple[str, str]]:
    """(entity, unit) of the number a scoreline pairs this one with: "45 points to 24" (the
    24 is points too), "a 22 points to 10 win", "an electoral count of 319 to 219" (the 219
    is an electoral count); ``before``: the sentence before the number."""
    siblings = _siblings(record)
    me = int(record.get("q_start") or 0)
    for start, text, entity, *rest in siblings:
        unit = rest[0] if rest else None
        if start < me and (unit or entity) and _SCORELINE_GAP.fullmatch(
                before[-(me - start - len(text)):] if me - start - len(text) else ""):
            return entity or "", unit or ""
    return None


#: what stands between the two numbers of a scoreline
_SCORELINE_GAP = re.compile(r"\s+to\s+")


def _sibling_counted(record: dict[str, Any]) -> list[str]:
    """The entity of the nearest earlier number of the claim that counts something other
    than a total, in the same unit."""
    siblings = _siblings(record)
    me, unit = int(record.get("q_start") or 0), record.get("q_unit")
    for start, _text, entity, *rest in sorted(siblings, key=lambda q: -q[0]):
        if start < me and entity and (rest[0] if rest else None) == unit:
            words = _entity_words(entity)
            if words and lemma(words[-1].lower()) not in _tables()["containers"]:
                return words
    return []


#: a number and the lower-case words after it
_COUNTED = re.compile(r"\d[\d,.]*\s+((?:[a-z]+\s+){0,2}[a-z]+)")


def _counted_before(before: str) -> list[str]:
    """The thing the last number before this one in its sentence counts ("1,124 pledged
    delegates"), up to a function word."""
    found = list(_COUNTED.finditer(before))
    if not found:
        return []
    words: list[str] = []
    for w in found[-1].group(1).split():
        if w in _tables()["function"]:
            break
        words.append(w)
    return words


def most_before(before: str, anywhere: bool = False) -> list[str]:
    """What a bare number right after "had the most X, with" counts (X); with ``anywhere``,
    also when the superlative stands earlier in the sentence ("..., with 60, followed by Y,
    with 54")."""
    found = list(_tables()["most_with"].finditer(before))
    if not found or (not anywhere and before[found[-1].end():].strip()):
        return []
    return str(found[-1].group(1)).split()


def _contained(words: list[str], before: str, after: str) -> list[str]:
    """What a total counts: the words before it in the entity ("delegate total", "protester
    death count"), the words right after the number ("a total of 1,124 pledged delegates"),
    or the noun before the total in the clause ("brings his delegate total to 86"); else
    the total itself."""
    tab = _tables()
    skip = tab["generic"] | tab["function"] | tab["total_modifiers"]
    if len(words) > 1 and words[-2].islower() and words[-2] not in skip:
        # the noun before the total and one word before it ("protester death count")
        return [w for w in words[:-1] if w.islower() and w not in skip][-2:]
    following = []
    for w in _words(_clause_after(after))[:3]:
        if not w.islower() or w in skip:
            break
        following.append(w)
    if following:
        return following
    found = tab["total_before"].search(_clause_before(before, 8))
    if found and found.group(2).lower() in tab["containers"] and \
            found.group(1).lower() not in skip:
        return [found.group(1)]
    return words



def _share(record: dict[str, Any]) -> str:
    """The unit of a unitless number between 0 and 1 ("a quarter of the city", "one in
    five"): a share, not a count, so never grouped with counts of the same entity."""
    value = record.get("q_value")
    if isinstance(value, (int, float)) and 0 < value < 1:
        return str(terms()["fraction_unit"])
    return ""


def describe_key(key: str) -> str:
    """A readable label of a key: "deaths (russia)", "maximum sustained wind [mile per hour]"."""
    measure, where, mods, unit = (key.split("|") + [""] * 4)[:4]
    words = [m for m in mods.split(",") if m] + [measure]
    label = " ".join(w for w in words if w) or "measure"
    label += f" ({where})" if where else ""
    return label + (f" [{unit}]" if unit else "")
