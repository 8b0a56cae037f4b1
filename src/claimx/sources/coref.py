"""Pronouns that name a speaker: the nearest earlier antecedent whose gender and number agree."""
from __future__ import annotations

from typing import Any, Callable, Optional

from spacy.tokens import Doc, Token

from ..docinfo import info, sent_of
from .mentions import CanonicalNames, Mention, MentionBuilder

#: subject dependencies whose nouns are salient antecedents
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_PLURAL_TAGS = ("NNS", "NNPS")
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC")


class PronounResolver:
    """Resolves "he", "she", "they", "it" to the nearest compatible earlier mention.

    A title or an earlier pronoun gives a person's gender; organisations are "it"/"they";
    "they" never points at one named person."""

    def __init__(self, lexicon: dict[str, Any], mentions: MentionBuilder) -> None:
        self.mentions = mentions
        self.features: dict[str, dict[str, str]] = {
            k.lower(): v for k, v in lexicon["pronoun_features"].items()}
        self.gendered: dict[str, str] = {
            k.lower(): v for k, v in lexicon["gendered_words"].items()}
        self.group_nouns = {w.lower() for w in lexicon["group_nouns"]}
        self.person_nouns = set(mentions.title_words) | {r for r in mentions.roles}

    def resolve(self, doc: Doc, pronoun: Mention, recent: list[Mention],
                canon: CanonicalNames, genders: dict[str, str],
                quoted: Optional[Callable[[int], bool]] = None) -> Optional[Mention]:
        """The antecedent of ``pronoun`` among earlier speakers and subjects, or None.

        ``quoted(char)`` tells whether a character offset lies inside a quotation: subjects
        inside quotations are not antecedents of a pronoun outside them."""
        want = self.features.get(doc[pronoun.head].lower_)
        if want is None:
            return None
        for cand in self._candidates(doc, pronoun, recent, canon, quoted):
            if self._agrees(doc, cand, want, genders):
                if want.get("gender"):
                    genders.setdefault(cand.name, want["gender"])
                return cand
        return None

    def _candidates(self, doc: Doc, pronoun: Mention, recent: list[Mention],
                    canon: CanonicalNames,
                    quoted: Optional[Callable[[int], bool]]) -> list[Mention]:
        """Earlier speakers and the subjects of this and the previous sentence, nearest first."""
        out = [m for m in recent if m.end <= pronoun.start]
        others: list[Mention] = []
        table = info(doc)
        sent = sent_of(doc[pronoun.start])
        floor = table.previous(table.previous(sent)).start
        taken = {m.head for m in out}
        for i in range(floor, pronoun.start):
            t = doc[i]
            if t.i in taken or t.pos_ not in ("NOUN", "PROPN") or (quoted and quoted(t.idx)):
                continue
            if t.dep_ in _SUBJECT_DEPS:
                out.append(self.mentions.build(doc, t, canon))
            elif t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and \
                    _entity_end(doc, t) <= pronoun.start:
                # people named in another role ("met Anna Berg"): only when no subject fits
                others.append(self.mentions.build(doc, t, canon))
        by_position = lambda m: m.start  # noqa: E731
        return sorted(out, key=by_position, reverse=True) + sorted(others, key=by_position,
                                                                    reverse=True)

    def learn(self, doc: Doc, mention: Mention, content_head: Token,
              genders: dict[str, str]) -> None:
        """"Anna Berg said she would stay": the content's pronoun subject gives the gender."""
        if mention.label != "PERSON":
            return
        for child in content_head.children:
            if child.dep_ in _SUBJECT_DEPS:
                gender = self.features.get(child.lower_, {}).get("gender")
                if gender:
                    genders.setdefault(mention.name, gender)
                return

    def _agrees(self, doc: Doc, cand: Mention, want: dict[str, str],
                genders: dict[str, str]) -> bool:
        kind = self._kind(doc, cand)
        if kind is None or (want.get("kind") and kind != want["kind"]):
            return False
        if want.get("number") and self._number(doc, cand, kind) not in (want["number"], "any"):
            return False
        gender = want.get("gender")
        if gender and kind == "person":
            known = genders.get(cand.name) or self._gender(doc, cand)
            if known:
                genders.setdefault(cand.name, known)
                return known == gender
        return True

    def _kind(self, doc: Doc, cand: Mention) -> Optional[str]:
        """person | org | None (a thing that does not speak)."""
        head = doc[cand.head]
        if cand.label == "PERSON":
            return "person"
        if cand.label in _NAMED:
            words = {w.lower() for w in cand.name.split()}
            if head.pos_ == "PROPN" and len(words) <= 2 and not words & self.group_nouns \
                    and head.ent_type_ not in ("NORP",) and not self._known_entity(doc, cand):
                return "person"  # a surname the NER took for a place or a company
            return "org"
        lemma = head.lemma_.lower()
        if lemma in self.person_nouns or head.lower_ in self.person_nouns or \
                lemma in self.gendered:
            return "person"
        if lemma in self.group_nouns or head.lower_ in self.group_nouns:
            return "org"
        return None

    @staticmethod
    def _number(doc: Doc, cand: Mention, kind: str) -> str:
        head = doc[cand.head]
        if head.tag_ in _PLURAL_TAGS or any(c.dep_ == "conj" for c in head.children):
            return "pl"
        if kind == "org":
            return "any"  # organisations and collectives are "it" or "they" ("the team")
        return "sg" if kind == "person" or head.pos_ != "PROPN" else "any"

    def _gender(self, doc: Doc, cand: Mention) -> Optional[str]:
        """The gender a title or a gendered noun gives ("Mrs", "spokeswoman")."""
        words = [t.lower_.rstrip(".") for t in doc[max(cand.start - 2, 0):cand.end]]
        words += (cand.title or "").lower().split()
        for w in words:
            if w in self.gendered:
                return self.gendered[w]
        return None

    def _known_entity(self, doc: Doc, cand: Mention) -> bool:
        """Is the mention's name also written elsewhere in a form only an organisation or
        place takes ("the X", "X's government")?  Cheap test: the name right after an article
        ("the")."""
        return cand.start > 0 and doc[cand.start - 1].lower_ in self.mentions.articles


def _entity_end(doc: Doc, token: Token) -> int:
    """The token index where the entity starting at ``token`` ends."""
    ent = info(doc).entity_at(token.i)
    return ent.end if ent is not None else token.i + 1

