"""Speaker identity across documents: one id per real source in a story.

Within a document claimx already gives each speaker a canonical name (the longest proper
mention: "Marta Lisowska" for "Ms. Lisowska"). Across documents this module joins them:

- two person names with given names join when the given names agree (equal, or one is the
  other's initial) and the shorter name's surname is among the longer one's names
  ("Ana Ruiz" and "Ana Ruiz Soto"); "John Smith" and "Jane Smith" stay apart;
- a one-word name ("Lisowska", also when tagged ORG) joins the unique full name of the
  story that contains that word; when several full names do, the title words, then the
  outlet, decide; failing that it stays apart (keyed by document);
- organisations, places and nationalities join on their normalised name, and an acronym
  joins the unique name with those initials ("NHC", "National Hurricane Center");
- unnamed groups ("analysts", "officials") are never joined across documents.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Optional

import attrs

from .keys import terms, unaccented

Node = tuple[Any, ...]
Info = dict[Node, dict[str, Any]]

PERSONLIKE = ("PERSON",)
GROUP = "GROUP"


@attrs.frozen
class Mention:
    """A speaker as one document names it."""

    doc_id: str
    name: str
    label: str
    title: Optional[str] = None
    outlet: Optional[str] = None


@lru_cache(maxsize=1)
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    t = terms()
    return (frozenset(t["honorifics"]), frozenset(t["name_particles"]),
            frozenset(t["org_stop"]))


def fold(text: str) -> str:
    """Lower case without accents: "Rosselló" -> "rossello"."""
    return unaccented(text).lower()


def name_tokens(name: str) -> list[str]:
    """The proper-name tokens of a person name: titles, lower-case words and "of X" dropped."""
    honor, _particles, _ = _sets()
    name = re.split(r"\s+(?:of|from|at|on)\s+", clean_name(name), maxsplit=1)[0]
    words = [w.strip(".,'\"()") for w in name.split() if w.strip(".,'\"()")]
    words = [w for i, w in enumerate(words) if not _is_title(words, i, honor)]
    while words and not words[0][:1].isupper():
        words.pop(0)
    return [fold(w) for w in words if w[:1].isupper() or fold(w) in _particles]


def _is_title(words: list[str], i: int, honor: frozenset[str]) -> bool:
    """Whether ``words[i]`` is a title. Titles come before the name, so a title word that
    ends the name right after a proper-name word or a courtesy title is a surname ("Anna
    King", "Ms. King", "Tom General")."""
    if words[i].rstrip(".").lower() not in honor:
        return False
    if i != len(words) - 1 or i == 0 or not words[i][:1].isupper():
        return True
    before = words[i - 1].rstrip(".").lower()
    return not (before in _courtesy() or (words[i - 1][:1].isupper() and before not in honor))


@lru_cache(maxsize=1)
def _courtesy() -> frozenset[str]:
    return frozenset(terms()["courtesy_titles"])


def _given_agree(a: list[str], b: list[str]) -> bool:
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    if x == y:
        return True
    return (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def same_person(a: list[str], b: list[str]) -> bool:
    """Two full names (two tokens or more) of one person."""
    if len(a) < 2 or len(b) < 2:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return _given_agree(short, long) and short[-1] in long[1:]


def _initials(name: str) -> str:
    _, _, stop = _sets()
    return "".join(w[0] for w in name.split() if w.lower() not in stop and w[:1].isupper())


@lru_cache(maxsize=1)
def _trailers() -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    t = terms()
    alts = sorted((re.escape(w) for w in t["name_trailers"]), key=len, reverse=True)
    trail = re.compile(r"\s+(?:" + "|".join(alts) + r")\s*$", re.IGNORECASE)
    return trail, [(a, b) for a, b in t["spelling_variants"]]


def clean_name(name: str) -> str:
    """A speaker name without a trailing time or medium ("officials on Saturday",
    "X on Twitter" -> "officials", "X")."""
    trail, _ = _trailers()
    cleaned = trail.sub("", name.strip())
    return cleaned or name.strip()


def _spelling(word: str) -> str:
    """One spelling of a word that British and American English spell differently."""
    for british, american in _trailers()[1]:
        if word.endswith(british):
            return word[: len(word) - len(british)] + american
    return word


def org_key(name: str) -> str:
    """Normalised organisation/place name: folded, no leading "the", no lower-case words
    describing it after its last capitalised word ("the Westmark Press news agency" ->
    "westmark press"), single spaces, one spelling ("Organisation" and "Organization")."""
    written = clean_name(name).replace("’", "'").split()
    capital = [i for i, w in enumerate(written) if w[:1].isupper()]
    if capital and capital[-1] > 0:
        written = written[:capital[-1] + 1]
    key = " ".join(_spelling(w) for w in fold(" ".join(written)).split())
    return key[4:] if key.startswith("the ") else key


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _node(m: Mention, ambiguous: frozenset[str] = frozenset()) -> Node:
    if m.label == GROUP or fold(m.name).strip() in _generic_sources():
        inst = _institution(m.name)
        if inst and not (inst[0] in ambiguous and not inst[1]):
            return ("institution", *inst)
        if _named_body(m.name):
            return ("org", org_key(m.name))     # "the Trump campaign" in every article
        return ("group", m.doc_id, org_key(m.name))
    toks = name_tokens(m.name) if m.label in PERSONLIKE else []
    if len(toks) >= 2:
        return ("person", " ".join(toks))
    if m.label in PERSONLIKE:
        return ("single", m.doc_id, toks[0] if toks else fold(m.name))
    return ("org", org_key(m.name))


def _institution(name: str) -> Optional[tuple[str, str]]:
    """(head, nationality) of a named-by-role institution: "the Samoan government"."""
    from .keys import _tables

    t = terms()
    words = [w.strip(".,'") for w in name.split()]
    if not words or fold(words[-1]) not in set(t["institutions"]):
        return None
    sides = _tables()["side_of"]
    side = next((sides[w] for w in words[:-1] if w in sides), "")
    if any(w[:1].isupper() and w not in sides for w in words[:-1]):
        return None                      # a named body ("Disease Surveillance Team")
    return fold(words[-1]), side


def _named_body(name: str) -> bool:
    """A body named by its owner ("the Trump campaign", "Kowalski administration"): a
    capitalised word that is no nationality before a body noun. Not people named by whom
    they follow ("Trump supporters"), who are counted afresh in each article."""
    from .keys import _tables

    words = [w.strip(".,'") for w in name.split()]
    sides = _tables()["side_of"]
    return len(words) > 1 and fold(words[-1]) in _body_heads() and any(
        w[:1].isupper() and w not in sides for w in words[:-1] if fold(w) != "the")


@lru_cache(maxsize=1)
def _body_heads() -> frozenset[str]:
    return frozenset(terms()["named_body_heads"])


@lru_cache(maxsize=1)
def _countries_longest_first() -> tuple[str, ...]:
    """Every country name and demonym, folded, longest first."""
    from .keys import _tables

    return tuple(sorted((fold(w) for w in _tables()["side_of"]), key=len, reverse=True))


def _ambiguous_heads(mentions: list[Mention]) -> frozenset[str]:
    """Institution words that two or more named organisations of the story end in ("Court of
    Session", "High Court"): "the court" alone cannot say which, so it is not joined."""
    heads = set(terms()["institutions"])
    named: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label != GROUP:
            for w in org_key(m.name).split():
                if w in heads:
                    named[w].add(org_key(m.name))
    return frozenset(w for w, names in named.items() if len(names) > 1)


def _title_words(titles: Iterable[Optional[str]]) -> set[str]:
    honor, _, stop = _sets()
    return {fold(w.strip(".,")) for t in titles if t for w in t.split()} - stop


def _pick(cands: list[Node], word_titles: set[str], outlet: Optional[str],
          info: dict[Node, dict[str, Any]]) -> Optional[Node]:
    """The one candidate full name a single word names, or None when it is not clear."""
    if len(cands) == 1:
        return cands[0]
    for test in (lambda c: word_titles & info[c]["titles"],
                 lambda c: outlet is not None and outlet in info[c]["outlets"]):
        kept = [c for c in cands if test(c)]
        if len(kept) == 1:
            return kept[0]
    return None


@lru_cache(maxsize=1)
def _generic_sources() -> frozenset[str]:
    """Bare common nouns that name an unnamed group ("Police"), from ``ledger_terms.json``."""
    return frozenset(terms()["generic_sources"])


def resolve(mentions: Iterable[Mention]) -> dict[Mention, str]:
    """Each mention's speaker id (the display name of its identity, made unique)."""
    mentions = list(dict.fromkeys(mentions))
    ambiguous = _ambiguous_heads(mentions)
    node_of = {m: _node(m, ambiguous) for m in mentions}
    uf = _Union()
    info: Info = defaultdict(lambda: {"titles": set(), "outlets": set(), "names": set()})
    for m in mentions:
        node = node_of[m]
        uf.find(node)
        info[node]["titles"] |= _title_words([m.title])
        info[node]["outlets"].add(m.outlet)
        info[node]["names"].add(m.name)
    persons = [n for n in info if n[0] == "person"]
    _join_persons(uf, persons)
    _join_singles(uf, info, persons)
    _join_acronyms(uf, info)
    _join_located(uf, info)
    _join_national(uf, info)
    _join_institutions(uf, info)
    _join_titles(uf, info, persons)
    return _ids(node_of, uf, info)


def _join_institutions(uf: _Union, info: Info) -> None:
    """An institution without a nationality joins the one with a nationality, when unique."""
    insts = [n for n in info if n[0] == "institution"]
    for n in insts:
        if n[2]:
            continue
        cands = [m for m in insts if m[1] == n[1] and m[2]]
        if len(cands) == 1:
            uf.union(n, cands[0])


def _join_titles(uf: _Union, info: Info, persons: list[Node]) -> None:
    """A speaker named only by a title ("the prime minister") joins the unique person of the
    story whose titles hold every word of it."""
    honor, _, _ = _sets()
    for node in [n for n in info if n[0] == "group"]:
        words = {fold(w) for w in node[2].split()} - {"the"}
        if not words or not words <= honor:
            continue
        cands = {uf.find(p) for p in persons if words <= info[p]["titles"]}
        if len(cands) == 1:
            uf.union(node, cands.pop())


def _join_persons(uf: _Union, persons: list[Node]) -> None:
    by_surname: dict[str, list[Node]] = defaultdict(list)
    for p in persons:
        for tok in p[1].split()[1:]:
            by_surname[tok].append(p)
    for group in by_surname.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if same_person(a[1].split(), b[1].split()):
                    uf.union(a, b)


def _join_singles(uf: _Union, info: Info, persons: list[Node]) -> None:
    roots: dict[Any, list[Node]] = defaultdict(list)
    for p in persons:
        roots[uf.find(p)].append(p)
    for node in [n for n in info if n[0] == "single" or _one_word_org(n)]:
        word = node[-1]
        cands = sorted({uf.find(p) for p in persons if word in p[1].split()})
        if node[0] == "org" and len(cands) != 1:
            continue
        merged = {c: {"titles": set().union(*(info[p]["titles"] for p in roots[c])),
                      "outlets": set().union(*(info[p]["outlets"] for p in roots[c]))}
                  for c in cands}
        outlet = next(iter(info[node]["outlets"] - {None}), None)
        chosen = _pick(cands, info[node]["titles"], outlet, merged)
        if chosen is not None:
            uf.union(node, chosen)


def _one_word_org(node: Node) -> bool:
    return node[0] == "org" and len(node[1].split()) == 1


_LOCATED = re.compile(r"^(.+?) in [a-z]")


def _join_located(uf: _Union, info: Info) -> None:
    """An organisation named with its place ("Court of Appeal in Westmark") joins the same
    name without it ("Court of Appeal") when the story places that name in one place only."""
    orgs = {n[1] for n in info if n[0] == "org"}
    located: dict[str, list[Node]] = defaultdict(list)
    for n in info:
        match = _LOCATED.match(n[1]) if n[0] == "org" else None
        if match and match.group(1) in orgs:
            located[match.group(1)].append(n)
    for name, nodes in located.items():
        if len(nodes) == 1:
            uf.union(("org", name), nodes[0])


def _join_national(uf: _Union, info: Info) -> None:
    """An organisation named with its country first ("United States National Storm
    Office") joins the same name without it ("National Storm Office")."""
    orgs = {n[1]: n for n in info if n[0] == "org"}
    for name, node in orgs.items():
        for country in _countries_longest_first():
            rest = name[len(country) + 1:] if name.startswith(country + " ") else ""
            if len(rest.split()) >= 2 and rest in orgs:
                uf.union(orgs[rest], node)
                break


def _join_acronyms(uf: _Union, info: Info) -> None:
    orgs = [n for n in info if n[0] == "org"]
    by_initials: dict[str, list[Node]] = defaultdict(list)
    for n in orgs:
        for name in info[n]["names"]:
            if len(name.split()) > 1:
                by_initials[_initials(name)].append(n)
    for n in orgs:
        for name in info[n]["names"]:
            cands = sorted(set(by_initials.get(name.replace(".", ""), [])))
            if name.replace(".", "").isupper() and len(cands) == 1:
                uf.union(n, cands[0])


def _ids(node_of: dict[Mention, Node], uf: _Union, info: Info) -> dict[Mention, str]:
    members: dict[Any, list[Node]] = defaultdict(list)
    for node in info:
        members[uf.find(node)].append(node)
    display: dict[Any, str] = {}
    used: dict[str, int] = defaultdict(int)
    for root in sorted(members, key=str):
        names = {n for node in members[root] for n in info[node]["names"]}
        best = max(sorted(names), key=lambda s: (len(s.split()), len(s)))
        if root[0] == "group" and not any(n[0] != "group" for n in members[root]):
            doc = str(root[1])
            best = f"{best} [{doc if len(doc) <= 24 else doc[:23] + '…'}]"
        used[best] += 1
        display[root] = best if used[best] == 1 else f"{best} ({used[best]})"
    return {m: display[uf.find(node)] for m, node in node_of.items()}
