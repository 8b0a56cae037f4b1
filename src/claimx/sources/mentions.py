"""Speaker mentions: the words that name a source, its title, and its canonical name."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from spacy.tokens import Doc, Span, Token

from ..docinfo import children, info
from ..spanindex import without_possessive

#: dependency labels whose subtrees are not part of a mention's own words
_CUT_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "det", "predet", "prep",
             "case"}


@dataclass
class Mention:
    """One mention of a source in the text."""

    start: int  # token index
    end: int
    head: int
    label: str
    name: str
    title: Optional[str]

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


class MentionBuilder:
    """Turns the head token of a source into a Mention, with canonical names across the doc."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.determiners = {w.lower() for w in lexicon["determiners"]}
        self.honorifics = {w.lower() for w in lexicon["honorifics"]}
        self.source_labels = set(lexicon["source_labels"])
        self.report_nouns = {w.lower() for w in lexicon["report_nouns"]}
        self.document_nouns = {w.lower() for w in lexicon["document_nouns"]}
        # prepositions that belong to a mention ("source within the ministry")
        self.keep_preps = set(lexicon["keep_preps"])
        self.name_glue = frozenset(lexicon["name_glue"])
        # the article a name drops ("the Survey") and the words that join a name to its
        # affiliation ("Roe of the Survey")
        self.articles = frozenset(w.lower() for w in lexicon["definite_articles"])
        self.affiliation_preps = tuple(lexicon["affiliation_preps"])
        self.title_place_labels = frozenset(lexicon["title_place_labels"])
        #: words a name's first word may be that are not the name ("Dr", "the")
        self.dropped_words = self.honorifics | self.articles
        self.pronouns = {k.lower(): v for k, v in lexicon["pronouns"].items()}
        self.title_words = {w.lower().rstrip(".") for w in lexicon.get("title_words", ())}
        self.title_words |= {w.rstrip(".") for w in self.honorifics}
        self.title_words |= {w.lower() for w in lexicon.get("occupations", ())}
        self.title_suffixes = tuple(lexicon.get("occupation_suffixes", ()))
        self.roles = {alias.lower(): role for role, aliases in lexicon["roles"].items()
                      for alias in aliases}

    # -- the words of a mention ------------------------------------------------------------
    def build(self, doc: Doc, head: Token, canon: CanonicalNames) -> Mention:
        """The mention headed by ``head``."""
        if head.lower_ in self.pronouns and head.pos_ == "PRON":
            return Mention(head.i, head.i + 1, head.i, "PRONOUN", head.text, None)
        ent = _entity_of(doc, head)
        if ent is not None and ent.label_ in self.source_labels:
            return self._named(doc, head, ent, canon)
        start, end = self._np_bounds(head)
        titled = self._titled_person(doc, head, canon)
        if titled is not None:
            return titled
        if head.pos_ == "PROPN":
            return self._unlabelled_name(doc, head, start, end, canon)
        person = canon.person_for(head.text) if head.is_title and start == head.i else None
        if person is not None:
            # a person's surname the tagger took for a common noun ("Lind characterized")
            return Mention(head.i, head.i + 1, head.i, "PERSON", person, None)
        # a common noun: keep its modifiers, drop determiners and clauses
        inner = self._inner_entity(doc, start, end)
        if inner is not None and (head.lower_ in self.report_nouns):
            name = canon.canonical(inner.text, inner.label_)
            return Mention(start, end, head.i, inner.label_, name, None)
        owner = self._document_owner(doc, head)
        if owner is not None:
            # "the agency's notice alleged ...": a document speaks for whoever issued it
            words = without_possessive(owner.text).split()
            while len(words) > 1 and words[0].lower() in self.articles:
                words = words[1:]
            name = canon.canonical(" ".join(words), owner.label_)
            return Mention(start, end, head.i, owner.label_, name, None)
        label = "GROUP"
        text = doc[start:end].text
        return Mention(start, end, head.i, label, text, None)

    def _named(self, doc: Doc, head: Token, ent: Span, canon: CanonicalNames) -> Mention:
        start, end = self._np_bounds(head)
        # an entity the NER ran on into a possessive ending ("Jane Roe's"): without it
        ent_end = ent.end - 1 if ent.end - 1 > ent.start and doc[ent.end - 1].tag_ == "POS" \
            else ent.end
        # nor into an opening bracket it never closes ("the Survey (SOL")
        ent_end = _balance(doc, ent.start, ent_end, head.i)[1]
        ent_start, ent_end = _cut_at(doc, ent.start, ent_end, head.i, _line_break)
        ent_text = doc[ent_start:ent_end].text
        start = min(start, ent_start)
        end = max(end, ent_end)
        # words before the entity in its noun phrase are a title ("Nigerian President"),
        # unless they are part of the name ("CNN Philippines")
        lead = doc[start:ent_start]
        if len(lead) and all(t.pos_ == "PROPN" and not self.is_title_word(t.lower_)
                             for t in lead):
            name = " ".join((lead.text + " " + ent_text).split())
            label = doc[start].ent_type_ or ent.label_
            if canon.has_particle(name):
                label = "PERSON"  # "Marit van der Linde": a surname particle makes a person
            name = canon.canonical(name, label)
            canon.learn(name, label)
            return Mention(start, end, head.i, label, name, None)
        title_tokens = [t for t in lead if t.lower_ not in self.honorifics]
        # the title as the text spells it: no spaces that are not in the text ("Kenya's")
        title = "".join(t.text_with_ws for t in title_tokens).strip(" ,\n") or None
        if title is None:
            title = self._apposition(head)
        name_text = ent_text
        words = name_text.split()
        while words and words[0].lower() in self.dropped_words:
            words = words[1:]
        short = " ".join(words) or name_text
        if ent.label_ == "PERSON":
            words = self._strip_titles(words)
            short = " ".join(words) or name_text
        # "Jane Roe of the Survey": a person's name does not run on into the affiliation
        longer = "" if ent.label_ == "PERSON" else _title_case_extension(doc, ent, end,
                                                                    self.name_glue)
        if longer:
            short = f"{short} {longer}"
        label = ent.label_
        # an entity the NER took for an organisation may be a known person's surname with
        # an affiliation ("Roe of the Survey")
        person = canon.person_for(self._before_affiliation(short)) if label != "PERSON" \
            else None
        if person is not None:
            return Mention(start, end, head.i, "PERSON", person, title)
        name = canon.canonical(short, label)
        return Mention(start, end, head.i, label, name, title)

    def _titled_person(self, doc: Doc, head: Token, canon: CanonicalNames) -> Optional[Mention]:
        """"Mayor of Westmark Ana Kowalski": a title with its place, then the person holding
        it (the parse makes the title the head and hangs the person on "of")."""
        if not (head.is_title and self.is_title_word(head.lower_)):
            return None
        prep = next((c for c in children(head) if c.dep_ == "prep"
                     and c.lower_ in self.affiliation_preps), None)
        place = _entity_of(doc, doc[prep.i + 1]) if prep is not None and \
            prep.i + 1 < len(doc) else None
        if place is None or place.label_ not in self.title_place_labels:
            return None
        # the person right after the place, with given names the NER left out
        first = k = place.end
        while k < min(len(doc), place.end + 3) and doc[k].pos_ == "PROPN" and \
                not doc[k].ent_type_:
            k += 1
        person = _entity_of(doc, doc[k]) if k < len(doc) else None
        if person is not None and person.label_ == "PERSON" and person.start == k:
            end = person.end
        elif k - first >= 2 and (k >= len(doc) or doc[k].pos_ != "PROPN"):
            end = k                 # a name the NER left untagged ("Mayor of Ohio Ana Ruiz")
        else:
            return None
        name = canon.canonical(doc[first:end].text, "PERSON")
        title = doc[head.i:first].text.strip(" ,") or None
        return Mention(head.i, end, end - 1, "PERSON", name, title)

    def _before_affiliation(self, name: str) -> str:
        """The name up to the first word that joins it to an affiliation ("Roe of the Survey"
        -> "Roe")."""
        cuts = [name.find(f" {word} ") for word in self.affiliation_preps]
        return name[:min((c for c in cuts if c >= 0), default=len(name))]

    def is_title_word(self, word: str) -> bool:
        """A title or an occupation ("Dr.", "senator", "immunologist", "co-author")."""
        word = word.rstrip(".")
        return word in self.title_words or word.endswith(self.title_suffixes) or (
            "-" in word and word.rsplit("-", 1)[-1] in self.title_words)

    def _strip_titles(self, words: list[str]) -> list[str]:
        """A person's name without the title words the NER took into it."""
        while len(words) > 2 and self.is_title_word(words[0].lower()):
            words = words[1:]
        return words

    def _unlabelled_name(self, doc: Doc, head: Token, start: int, end: int,
                         canon: CanonicalNames) -> Mention:
        """A proper name the NER missed: leading title words are the title."""
        i = start
        while i < head.i and (self.is_title_word(doc[i].lower_) or doc[i].pos_ != "PROPN"):
            i += 1
        title = doc[start:i].text or None
        # "Roe of the Survey": a known person's surname, without the affiliation
        person = canon.person_for(doc[i:head.i + 1].text) or canon.person_for(doc[i:end].text)
        if person is not None:
            return Mention(start, end, head.i, "PERSON", person, title)
        label = "PERSON" if title else "ORG"
        name = canon.canonical(doc[i:end].text, label)
        return Mention(start, end, head.i, label, name, title)

    def _np_bounds(self, head: Token) -> tuple[int, int]:
        """Token range of the head's own noun phrase, without determiners or clauses."""
        idx = sorted(t.i for t in self._np_tokens(head))
        doc = head.doc
        start, end = self._trim_edges(doc, idx[0], idx[-1] + 1, head.i)
        start, end = _cut_at(doc, start, end, head.i, _comma)
        start, end = _cut_at(doc, start, end, head.i, _line_break)
        start, end = _balance(doc, start, end, head.i)
        return start, _without_acronym(doc, start, end, head.i)

    def _np_tokens(self, head: Token) -> list[Token]:
        """The head and the words of its subtree that belong to its noun phrase."""
        tokens = [head]
        stack = list(children(head))
        while stack:
            child = stack.pop()
            if child.dep_ in ("det", "predet") and child.lower_ not in self.determiners:
                tokens.append(child)  # "both sides", "each side"
            elif self._keeps_prep(child, head):
                tokens.extend(_prep_phrase(child))
            elif child.dep_ not in _CUT_DEPS:
                tokens.append(child)
                stack.extend(children(child))
        return tokens

    def _keeps_prep(self, child: Token, head: Token) -> bool:
        """A preposition after the head and on it that a mention keeps ("source within")."""
        return child.dep_ == "prep" and child.i > head.i and child.lower_ in self.keep_preps \
            and child.head.i == head.i

    def _trim_edges(self, doc: Doc, start: int, end: int, head: int) -> tuple[int, int]:
        """The range without leading determiners and punctuation, nor trailing punctuation
        or possessive ending ("Jane Roe's claim": Jane Roe)."""
        while start < head and (doc[start].lower_ in self.determiners or doc[start].is_punct):
            start += 1
        while end - 1 > head and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
            end -= 1
        return start, end

    def _document_owner(self, doc: Doc, head: Token) -> Optional[Span]:
        """The named owner of a document noun ("RIAA's notice", "the court's ruling")."""
        if head.lemma_.lower() not in self.document_nouns and head.lower_ not in \
                self.document_nouns:
            return None
        for child in children(head):
            if child.dep_ == "poss":
                ent = _entity_of(doc, child)
                if ent is not None and ent.label_ in self.source_labels:
                    return ent
        return None

    def _apposition(self, head: Token) -> Optional[str]:
        for child in children(head):
            if child.dep_ == "appos" and (child.pos_ == "NOUN" or (
                    child.pos_ == "PROPN" and not child.is_upper)):
                start, end = self._np_bounds(child)
                text = head.doc[start:end].text.strip(" ,")
                return text or None
        return None

    def _inner_entity(self, doc: Doc, start: int, end: int) -> Optional[Span]:
        for ent in info(doc).ents:
            if ent.start >= start and ent.end <= end and ent.label_ in self.source_labels:
                return ent
            if ent.start >= end:
                break
        return None

    def role_of(self, head: Token) -> Optional[str]:
        """The role a common-noun source names ("the governor" -> "governor")."""
        return self.roles.get(head.lower_)


def _in_brackets(token: Token) -> bool:
    doc = token.doc
    return token.i > 0 and token.i + 1 < len(doc) and doc[token.i - 1].text == "(" \
        and doc[token.i + 1].text == ")"


def _prep_phrase(prep: Token) -> list[Token]:
    """The words of a kept prepositional phrase; none when it holds a clause, a verb or an
    apposition outside brackets."""
    sub = list(prep.doc[prep.left_edge.i:prep.right_edge.i + 1])
    if any(t.dep_ in ("relcl", "acl") or t.pos_ == "VERB" or (
            t.dep_ == "appos" and not _in_brackets(t)) for t in sub):
        return []
    return sub


def _cut_at(doc: Doc, start: int, end: int, head: int,
            stop: Callable[[str], bool]) -> tuple[int, int]:
    """The range cut at the nearest token on each side of the head that ``stop`` accepts."""
    for i in range(head - 1, start - 1, -1):
        if stop(doc[i].text):
            start = i + 1
            break
    for i in range(head + 1, end):
        if stop(doc[i].text):
            return start, i
    return start, end


def _comma(text: str) -> bool:
    """A comma or semicolon: a mention stays contiguous and free of commas introduced by a
    stray attachment."""
    return text in (",", ";")


def _line_break(text: str) -> bool:
    """A line break: a name or a title never runs across lines, and a paragraph break the
    parser missed would join two sentences' words."""
    return "\n" in text


def _without_acronym(doc: Doc, start: int, end: int, head: int) -> int:
    """The end of the range without a trailing "(ACR)": it names the same thing again."""
    if end - start > 3 and doc[end - 1].text == ")" and doc[end - 3].text == "(" \
            and end - 3 > head:
        return end - 3
    return end


def _title_case_extension(doc: Doc, ent: Span, end: int, glue: frozenset[str]) -> str:
    """Capitalised words right after a name that the NER cut short ("Voices" + "from Lagos")."""
    i = ent.end
    last = ent.end
    while i < end:
        t = doc[i]
        if t.text[:1].isupper() and t.is_alpha:
            last = i + 1
        elif t.lower_ not in glue:
            break
        i += 1
    if last < len(doc) and doc[last].tag_ == "POS":
        return ""  # "Roe of the UK's agency": the words after the name own something else
    return doc[ent.end:last].text if last > ent.end else ""


def _balance(doc: Doc, start: int, end: int, head: int) -> tuple[int, int]:
    """Drop an unclosed bracket at either edge ("Survey of Lakes (SOL" -> "Survey of Lakes")."""
    depth = 0
    for i in range(start, end):
        if doc[i].text == "(":
            depth += 1
        elif doc[i].text == ")":
            if depth == 0 and i < head:
                start = i + 1
            elif depth == 0:
                return start, i
            else:
                depth -= 1
    if depth > 0:
        for i in range(end - 1, start - 1, -1):
            if doc[i].text == "(" and i > head:
                return start, i
    return start, end


def _entity_of(doc: Doc, token: Token) -> Optional[Span]:
    return info(doc).entity_at(token.i) if token.ent_type_ else None


class CanonicalNames:
    """The longest proper name used for each entity in a document."""

    def __init__(self, doc: Doc, honorifics: set[str], start_char: int = 0,
                 particles: frozenset[str] = frozenset(),
                 articles: frozenset[str] = frozenset()) -> None:
        self.particles = particles
        self._names: list[tuple[str, str]] = []  # (name, label)
        self._acronyms: dict[str, str] = {}
        table = info(doc)
        for ent in table.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC") or \
                    ent.start_char < start_char:
                continue
            words = [w for w in table.text[ent.start_char:ent.end_char].split()
                     if w.lower() not in honorifics]
            if words and words[0].lower() in articles:
                words = words[1:]
            name = " ".join(words).strip(" ,.'’")
            if "(" in name and ")" not in name:
                name = name[:name.index("(")].strip()
            name = without_possessive(name)
            if name:
                self._names.append((name, ent.label_))
            # "Long Name (ACR)" defines an acronym
            nxt = table.words[ent.end:ent.end + 3]
            if len(nxt) == 3 and nxt[0] == "(" and nxt[2] == ")":
                self._acronyms[nxt[1]] = name
        self._cache: dict[tuple[str, str], str] = {}
        #: every PERSON mention with its title, built on first need (role-noun resolution)
        self.people: Optional[list[Mention]] = None

    def has_particle(self, name: str) -> bool:
        """Does a surname particle stand inside the name, in lower case ("van der")?"""
        words = name.split()
        return len(words) > 2 and any(w in self.particles for w in words[1:-1])

    def learn(self, name: str, label: str) -> None:
        """Remember a name built from more than one entity, for the short forms after it."""
        if (name, label) not in self._names:
            self._names.append((name, label))
            self._cache.clear()

    def person_for(self, name: str) -> Optional[str]:
        """A longer PERSON name whose surname is ``name`` (NER often mislabels lone surnames)."""
        words = name.split()
        # "Van der Linde", "bin Salman": particles are part of a surname, not more names
        if not words or len([w for w in words if w.lower() not in self.particles]) > 2:
            return None
        for other, label in self._names:
            o_words = other.split()
            if label == "PERSON" and len(o_words) > len(words) and \
                    o_words[-1].lower() == words[-1].lower() and _is_subsequence(words, o_words):
                return other
        return None

    def canonical(self, name: str, label: str) -> str:
        """The longest name in the document that ``name`` is a short form of."""
        key = (name, label)
        if key in self._cache:
            return self._cache[key]
        if "(" in name and ")" not in name:
            name = name[:name.index("(")].strip()
        best = self._acronyms.get(name, name)
        words = best.split()
        low = best.lower()
        for other, other_label in self._names:
            if len(other) <= len(best):
                continue
            o_words = other.split()
            o_low = other.lower()
            if label == "PERSON" or other_label == "PERSON":
                if label != other_label:
                    continue
                # a surname or a shorter form: same last word, words in order
                if o_words[-1].lower() == words[-1].lower() and _is_subsequence(words, o_words):
                    best, words, low = other, o_words, o_low
            elif label == other_label == "ORG" and o_low.startswith(low + " "):
                best, words, low = other, o_words, o_low
        self._cache[key] = best
        return best


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(w.lower() for w in long)
    return all(w.lower() in it for w in short)
