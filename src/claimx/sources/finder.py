"""Attributions: a source, a cue and the reported content, from the parse and the quotations."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np
from spacy.attrs import POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from ..docinfo import children, info, sent_of
from ..lexicon import load_rows, load_table
from ..matching import RuleMatcher
from ..preamble import claims_start
from ..spanindex import strip_symbols, trim_span, word_edges, word_text
from .mentions import CanonicalNames, Mention, MentionBuilder
from .quotes import find_quotations

_CLAUSAL = ("ccomp", "xcomp")
_INHERIT_SUBJECT = ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: how many tokens around "according to" its content may reach in a very long sentence
_WINDOW = 150
#: children of a reporting verb that are not part of what it reports
_NOT_CONTENT = {"punct", "cc", "conj", "advcl", "parataxis", "mark", "relcl", "nsubj",
                "nsubjpass", "aux", "auxpass", "neg", "advmod", "prt"}


@dataclass
class Attribution:
    """One attributed statement."""

    cue_start: int  # char offsets
    cue_end: int
    kind: str  # said | according_to | quote
    content: tuple[int, int]  # char span of what is reported
    span: tuple[int, int]  # char span of the claim: cue, content and an adjacent speaker
    head: int  # token index of the content's head (or the cue)
    mention: Optional[Mention] = None
    speaker: Optional[dict[str, Any]] = None
    extra: dict[str, Any] = field(default_factory=dict)


class AttributionFinder:
    """Finds attributions in a parsed Doc. Rules come from data files."""

    def __init__(self, vocab, verbs_path: Union[str, Path, None] = None,
                 phrases_path: Union[str, Path, None] = None) -> None:
        self.verbs = {row["lemma"].lower(): row for row in load_rows("reporting_verbs.jsonl",
                                                                     verbs_path)}
        self.lexicon = load_table("sources.json")
        self.mentions = MentionBuilder(self.lexicon)
        self.honorifics = self.mentions.honorifics
        self.group_nouns = {w.lower() for w in self.lexicon["group_nouns"]}
        self.non_speakers = {w.lower() for w in self.lexicon["non_speakers"]}
        self.absolute_preps = set(self.lexicon["absolute_preps"])
        self.contrast_words = set(self.lexicon["contrast_conjunctions"])
        self.citing_lemmas = set(self.lexicon["citing_lemmas"])
        self.matcher = RuleMatcher(vocab)
        self.phrase_rules: dict[str, dict] = {}
        for i, row in enumerate(load_rows("attribution_phrases.jsonl", phrases_path)):
            key = f"claimx_attr_{i}"
            self.phrase_rules[key] = row
            self.matcher.add(key, row["pattern"])

    # ------------------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Attribution]:
        """Every attribution in ``doc``, in text order, speakers resolved."""
        canon = CanonicalNames(doc, self.honorifics, start_char=claims_start(doc))
        found: list[Attribution] = []
        quotes = find_quotations(info(doc).text)
        quote_starts = [q0 for q0, _ in quotes]
        for i in _verb_indices(doc):
            token = doc[i]
            if token.lemma_.lower() in self.verbs and not _inside(
                    quotes, quote_starts, token.idx):
                att = self._verb(doc, token)
                if att is not None:
                    found.append(att)
        found.extend(self._colons(doc))
        for key, start, end in self.matcher(doc):
            rule = self.phrase_rules[key]
            att = self._phrase(doc, start, end, rule)
            if att is not None:
                found.append(att)
        found.sort(key=lambda a: (a.span[0], a.cue_start))
        found.extend(self._quotations(doc, found, quotes))
        found.sort(key=lambda a: (a.span[0], a.cue_start))
        self._resolve_speakers(doc, found, canon)
        return found

    def _colons(self, doc: Doc) -> list[Attribution]:
        """"Zelensky: 'We will not give up'": a name, a colon, then what the name says."""
        out = []
        table = info(doc)
        for sent in table.sents:
            stop = min(sent.end, sent.start + 8)
            colon = next((t for t in doc[sent.start:stop] if t.text == ":"), None)
            if colon is None or colon.i == sent.start or colon.i + 1 >= sent.end:
                continue
            name = doc[sent.start:colon.i]
            ents = [e for e in table.ents_within(sent.start, colon.i)
                    if e.label_ in ("PERSON", "ORG")]
            if len(ents) != 1 or ents[0].end != colon.i or any(
                    t.pos_ not in ("PROPN", "NOUN", "ADJ", "PUNCT", "DET") for t in name):
                continue
            content_start, content_end = trim_span(info(doc).text, doc[colon.i + 1].idx,
                                               doc[sent.end - 1].idx + len(doc[sent.end - 1]))
            if content_end <= content_start:
                continue
            quoted = doc[colon.i + 1].is_quote or table.text[content_start] in "\"\u201c\u00ab"
            head = doc[colon.i + 1:sent.end].root.i
            att = Attribution(colon.idx, colon.idx + 1, "quote" if quoted else "said",
                              (content_start, content_end), (0, 0), head)
            att.extra["subject"] = ents[0].root.i
            out.append(att)
        return out

    # -- reporting verbs -------------------------------------------------------------------
    def _verb(self, doc: Doc, verb: Token) -> Optional[Attribution]:
        rule = self.verbs[verb.lemma_.lower()]
        if any(c.dep_ in rule.get("not_with_deps", ()) for c in children(verb)):
            return None
        clausal = [c for c in children(verb) if c.dep_ in _CLAUSAL]
        inner = [c for c in clausal if c.lemma_.lower() in self.verbs and c.pos_ == "VERB"
                 and not any(g.dep_ in _CLAUSAL + ("dobj",) for g in children(c))]
        nested_subject = None
        if inner and len(clausal) > len(inner):
            # "X, CNN reported the governor said": the innermost source speaks
            nested_subject = self._subject(inner[0])
            clausal = [c for c in clausal if c not in inner]
        objects = [c for c in children(verb)
                   if c.dep_ in ("dobj", "attr", "oprd", "acomp") and c.i > verb.i]
        needs = rule.get("needs", "any")
        content_tokens: list[Token] = []
        if clausal:
            content_tokens = [t for c in clausal for t in _subtree(c)]
            content_tokens += _reported_conjuncts(verb, clausal)
        elif verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i and (
                verb.dep_ == "parataxis" or verb.head.i > verb.i):
            # "..., he said" hung off the content, or "X reported in May, 62 outlets closed"
            own = (verb.left_edge.i, verb.right_edge.i)
            content_tokens = [t for t in _subtree(verb.head) if not own[0] <= t.i <= own[1]]
        elif needs in ("any", "quote") and objects:
            # the object and what follows it in the verb's own clause
            # ("reported Monday's attack the deadliest since ...")
            start = min(c.i for c in objects)
            content_tokens = [t for c in children(verb)
                              if c.i >= start and c.dep_ not in _NOT_CONTENT
                              for t in _subtree(c)]
        elif needs == "any" and _right_numbers(verb):
            # "analysts estimating between 20,000 and 30,000 troops"
            content_tokens = _right_numbers(verb)
        elif needs == "any" and verb.dep_ == "ROOT" and verb.i > sent_of(verb).start + 3:
            # "..., X said." closing a sentence whose content came first
            own = (verb.left_edge.i, verb.right_edge.i)
            content_tokens = [t for t in doc[sent_of(verb).start:verb.i]
                              if not own[0] <= t.i <= own[1]]
        if needs == "quote":
            content_tokens = [t for t in content_tokens] if _has_quote(doc, content_tokens) else []
        if not content_tokens:
            return None
        subject = nested_subject or self._subject(verb)
        if subject is None:
            return None
        cited = _cited_source(verb, clausal, self.citing_lemmas)
        if cited is not None:
            subject = cited  # "Reuters reported, citing two officials, that ...": the officials
        if rule.get("subject") == "source" and not self._looks_like_source(doc, subject):
            return None
        c_start = min(t.idx for t in content_tokens)
        c_end = max(t.idx + len(t) for t in content_tokens)
        c_start, c_end = trim_span(info(doc).text, c_start, c_end)
        if c_end <= c_start:
            return None
        cue_start, cue_end = self._cue_bounds(verb)
        depths = info(doc).depths
        head = min(content_tokens, key=lambda t: depths[t.i]).i
        att = Attribution(cue_start, cue_end, "said", (c_start, c_end), (0, 0), head)
        att.extra["subject"] = subject.i
        return att

    def _cue_bounds(self, verb: Token) -> tuple[int, int]:
        """The verb with its auxiliaries, negation and particles ("have warned")."""
        tokens = [verb] + [c for c in children(verb)
                           if c.dep_ in ("aux", "auxpass", "neg", "prt", "advmod")
                           and abs(c.i - verb.i) <= 3 and c.pos_ != "VERB"
                           and (c.i < verb.i or c.dep_ == "prt")]
        lo = min(t.i for t in tokens)
        hi = max(t.i for t in tokens)
        # keep only the contiguous run around the verb
        doc = verb.doc
        lo = max(lo, _run_start(doc, verb.i, {t.i for t in tokens}))
        hi = min(hi, _run_end(doc, verb.i, {t.i for t in tokens}))
        return doc[lo].idx, doc[hi].idx + len(doc[hi])

    def _subject(self, verb: Token) -> Optional[Token]:
        seen = 0
        current = verb
        while current is not None and seen < 4:
            for child in children(current):
                if child.dep_ in ("nsubj", "csubj") and child.lower_ not in self.non_speakers:
                    return _contrasted_subject(child, current, self.contrast_words)
                if child.dep_ == "agent":
                    for pobj in children(child):
                        if pobj.dep_ == "pobj":
                            return pobj
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN") and \
                    current.head.i < current.i and (
                        current.head.head.lower_ in self.absolute_preps
                        or self._looks_like_source(current.doc, current.head)):
                return current.head  # "with analysts estimating ..."
            if current.dep_ in _INHERIT_SUBJECT and current.head.i != current.i:
                current = current.head
                seen += 1
                continue
            return None
        return None

    def _looks_like_source(self, doc: Doc, token: Token) -> bool:
        if token.lower_ in self.non_speakers:
            return False
        if token.ent_type_ in self.mentions.source_labels or token.pos_ == "PROPN":
            return True
        if token.lower_ in self.mentions.pronouns and token.lower_ != "it":
            return True
        return token.lower_ in self.group_nouns or token.lemma_.lower() in self.group_nouns

    # -- "according to X" and friends ----------------------------------------------------
    def _phrase(self, doc: Doc, start: int, end: int, rule: dict) -> Optional[Attribution]:
        last = doc[end - 1]
        source = None
        for child in children(last):
            if child.dep_ == "pobj":
                source = child
        if source is None and end < len(doc):
            nxt = doc[end]
            if nxt.pos_ in ("NOUN", "PROPN", "PRON"):
                source = nxt
                while source.head.i > source.i and source.head.i < end + 6 and \
                        source.head.pos_ in ("NOUN", "PROPN"):
                    source = source.head
        if source is None:
            return None
        source = self._report_author(source)
        first = doc[start]
        sent = sent_of(first)
        # a window of the sentence: one endless "sentence" must not make this quadratic
        sent_tokens = doc[max(sent.start, start - _WINDOW):min(sent.end, end + _WINDOW)]
        anchor = first.head
        for _ in range(8):
            if anchor.dep_ not in ("prep", "pobj", "pcomp") or anchor.pos_ in ("VERB", "AUX") \
                    or anchor.head.i == anchor.i:
                break
            anchor = anchor.head
        for _ in range(8):
            if anchor.dep_ != "conj" or anchor.head.i == anchor.i or \
                    sent_of(anchor.head) != sent:
                break
            anchor = anchor.head  # "17 died and 35 were rescued, according to officials"
        lo = max(first.left_edge.i, last.left_edge.i, start - _WINDOW)
        hi = min(max(first.right_edge.i, last.right_edge.i) + 1, end + _WINDOW)
        phrase_tokens = set(doc[min(lo, start):max(hi, end)])
        if anchor in phrase_tokens or sent_of(anchor) != sent:
            content = [t for t in sent_tokens if t not in phrase_tokens]
        else:
            lo = max(anchor.left_edge.i, start - _WINDOW)
            hi = min(anchor.right_edge.i + 1, end + _WINDOW)
            content = [t for t in doc[lo:hi] if t not in phrase_tokens]
            # the clause around a nominal head ("... , according to X") is the sentence clause
            if anchor.pos_ not in ("VERB", "AUX"):
                content = [t for t in sent_tokens if t not in phrase_tokens]
        content = [t for t in content if not t.is_space]
        if not content:
            return None
        c_start = min(t.idx for t in content)
        c_end = max(t.idx + len(t) for t in content)
        c_start, c_end = trim_span(info(doc).text, c_start, c_end)
        cue_start, cue_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        head = anchor.i if anchor not in phrase_tokens else sent_tokens.root.i
        att = Attribution(cue_start, cue_end, rule.get("kind", "according_to"),
                          (c_start, c_end), (0, 0), head)
        att.extra["subject"] = source.i
        att.extra["phrase_end"] = max(t.i for t in phrase_tokens)
        return att

    def _report_author(self, token: Token) -> Token:
        """"a report by UpGuard" -> UpGuard; "the ministry's statement" -> ministry."""
        if token.lower_ not in self.mentions.report_nouns or token.ent_type_:
            return token
        for child in children(token):
            if child.dep_ == "poss":
                return child
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
                for pobj in children(child):
                    if pobj.dep_ == "pobj":
                        return pobj
        for child in children(token):
            if child.dep_ == "prep":
                for grand in children(child):
                    if grand.dep_ == "prep" and grand.lower_ in ("by", "from"):
                        for pobj in children(grand):
                            if pobj.dep_ == "pobj":
                                return pobj
        return token

    # -- quotations ----------------------------------------------------------------------
    def _quotations(self, doc: Doc, found: list[Attribution],
                    quotes: list[tuple[int, int]]) -> list[Attribution]:
        """A quotation is one claim: its attribution's content grows to hold all of it, and
        a quotation with no cue of its own continues the previous quotation's speaker."""
        extra: list[Attribution] = []
        text = info(doc).text
        last_speaker: Optional[Attribution] = None
        last_end = -1
        for q_start, q_end in quotes:
            owner = None
            for att in found:
                if att.content[0] < q_end and q_start < att.content[1]:
                    owner = att
                    break
                if att.cue_start >= q_end and _gap_is_short(text, q_end, att.cue_start):
                    owner = att
                    break
            if owner is not None:
                if owner.kind != "according_to":
                    owner.content = (min(owner.content[0], q_start), max(owner.content[1], q_end))
                last_speaker, last_end = owner, q_end
                continue
            dashed = self._dash_attribution(doc, q_start, q_end)
            if dashed is not None:
                extra.append(dashed)
                last_speaker, last_end = dashed, q_end
                continue
            if last_speaker is not None and _paragraphs_between(text, last_end, q_start) <= 1:
                span = doc.char_span(q_start, q_end, alignment_mode="expand")
                if span is None:
                    continue
                att = Attribution(q_start, q_start + 1, "quote", (q_start, q_end),
                                  (q_start, q_end), span.root.i)
                att.extra["inherit"] = last_speaker
                extra.append(att)
                last_end = q_end
        return extra

    def _dash_attribution(self, doc: Doc, q_start: int, q_end: int) -> Optional[Attribution]:
        """"'We will win,' \u2014 Zelensky": a dash and a name right after the quotation."""
        m = _DASH.match(info(doc).text, q_end)
        if m is None:
            return None
        after = doc.char_span(m.end(), min(m.end() + 1, len(info(doc).text)),
                              alignment_mode="expand")
        if after is None or after[0].ent_type_ not in ("PERSON", "ORG"):
            return None
        ent = info(doc).entity_at(after[0].i)
        span = doc.char_span(q_start, q_end, alignment_mode="expand")
        if ent is None or span is None:
            return None
        att = Attribution(m.start() + m.group().index(m.group().strip()[0]),
                          m.start() + m.group().index(m.group().strip()[0]) + 1, "quote",
                          (q_start, q_end), (0, 0), span.root.i)
        att.extra["subject"] = ent.root.i
        return att

    # -- speakers -------------------------------------------------------------------------
    def _resolve_speakers(self, doc: Doc, found: list[Attribution], canon: CanonicalNames) -> None:
        recent: list[Mention] = []
        for att in found:
            owner = att.extra.get("inherit")
            if owner is not None and owner.mention is not None:
                att.mention = owner.mention
                att.speaker = dict(owner.speaker) if owner.speaker else None
            else:
                subj = att.extra.get("subject")
                if subj is None:
                    continue
                mention = self.mentions.build(doc, doc[subj], canon)
                mention = self._resolve_reference(doc, mention, recent, canon)
                att.mention = mention
                att.speaker = _speaker_dict(doc, mention)
                if mention.label != "PRONOUN":
                    recent.append(mention)
            att.span = _claim_span(doc, att)

    def _nearest_named_subject(self, doc: Doc, mention: Mention,
                               canon: CanonicalNames) -> Optional[Mention]:
        """The last proper-noun subject in this or the previous sentence (NER missed it)."""
        sent = sent_of(doc[mention.start])
        floor = info(doc).previous(sent).start
        for i in range(mention.start - 1, floor - 1, -1):
            t = doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.ent_type_ in (
                    "", "PERSON"):
                found = self.mentions.build(doc, t, canon)
                return Mention(found.start, found.end, found.head, "PERSON", found.name,
                               found.title)
        return None

    def _resolve_reference(self, doc: Doc, mention: Mention, recent: list[Mention],
                           canon: CanonicalNames) -> Mention:
        head = doc[mention.head]
        if mention.label == "PRONOUN":
            want = self.mentions.pronouns.get(head.lower_, "ANY")
            target = _nearest(doc, mention, recent, want)
            if target is None:
                target = _nearest_entity(doc, mention.start, want)
            if target is None and want == "PERSON":
                target = self._nearest_named_subject(doc, mention, canon)
            if target is not None:
                return Mention(mention.start, mention.end, mention.head, target.label,
                               target.name, target.title)
            return Mention(mention.start, mention.end, mention.head, "GROUP", head.text, None)
        if mention.label == "GROUP":
            role = self.mentions.role_of(head)
            if role is not None:
                earlier = [m for m in recent if m.start < mention.start]
                earlier += self._titled_people(doc, mention.start, canon)
                for other in sorted(earlier, key=lambda m: m.start, reverse=True):
                    if other.label == "PERSON" and other.title and _has_role(
                            other.title, role, self.mentions.roles):
                        return Mention(mention.start, mention.end, mention.head, "PERSON",
                                       other.name, other.title)
        return mention

    def _titled_people(self, doc: Doc, before: int, canon: CanonicalNames) -> list[Mention]:
        """Mentions of the people named before token ``before``, with their titles."""
        if canon.people is None:  # built once per document
            canon.people = [self.mentions.build(doc, ent.root, canon) for ent in info(doc).ents
                            if ent.label_ == "PERSON"]
        return [m for m in canon.people if m.end <= before]


# -- helpers ----------------------------------------------------------------------------------
def _speaker_dict(doc: Doc, mention: Mention) -> Optional[dict[str, Any]]:
    """The speaker record; its text, name and title start and end on a letter or digit
    (None when the mention has none: a lone emoji or joiner is nobody)."""
    span = doc[mention.start:mention.end]
    start, end = word_edges(info(doc).text, span.start_char, span.end_char)
    name = word_text(mention.name)
    if end <= start or name is None:
        return None
    return {"name": name, "text": info(doc).text[start:end], "span": [start, end],
            "label": mention.label, "title": strip_symbols(mention.title)}


def _claim_span(doc: Doc, att: Attribution) -> tuple[int, int]:
    if att.kind == "quote":
        return att.content
    start = min(att.cue_start, att.content[0])
    end = max(att.cue_end, att.content[1])
    if att.kind == "according_to":
        start = min(start, att.cue_start)
        phrase_end = att.extra.get("phrase_end")
        if phrase_end is not None:
            end = max(end, doc[phrase_end].idx + len(doc[phrase_end]))
    elif att.speaker is not None:
        s, e = att.speaker["span"]
        # a speaker next to the cue or between cue and content belongs to the claim
        between = (att.cue_end <= s and e <= att.content[0]) or (
            att.content[1] <= s and e <= att.cue_start)
        adjacent = 0 <= att.cue_start - e <= 2 or 0 <= s - att.cue_end <= 2
        if between or adjacent:
            start, end = min(start, s), max(end, e)
    return start, end


_DASH = re.compile(r"[ \t]*[-\u2013\u2014]{1,2}[ \t]*")


def _inside(quotes: list[tuple[int, int]], starts: list[int], char: int) -> bool:
    """Is ``char`` strictly inside one of the (sorted, disjoint) quotations?"""
    k = bisect_right(starts, char) - 1
    return k >= 0 and quotes[k][0] < char < quotes[k][1]


def _cited_source(verb: Token, clausal: list[Token], lemmas: set[str]) -> Optional[Token]:
    """The object of a "citing" that hangs on the reporting verb or its content."""
    for head in [verb, *clausal]:
        for child in children(head):
            if child.lemma_.lower() in lemmas and child.tag_ == "VBG":
                for obj in children(child):
                    if obj.dep_ == "dobj":
                        return obj
    return None


def _reported_conjuncts(verb: Token, clausal: list[Token]) -> list[Token]:
    """"Salling said it seeks X and intends Y": with the sequence of tenses, a present-tense
    conjunct of a past reporting verb continues the (present-tense) reported clause."""
    if verb.tag_ != "VBD":
        return []
    tags = {c.tag_ for c in clausal}
    out: list[Token] = []
    for conj in children(verb):
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.tag_ in ("VBZ", "VBP") \
                and conj.tag_ in tags and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in children(conj)):
            out.extend(_subtree(conj))
    return out


def _contrasted_subject(subject: Token, verb: Token, contrast: set[str]) -> Token:
    """"the company invested ..., but Gazeta Prawna reports": the parse may hang the real
    subject as a conjunct of an earlier noun; take the conjunct right before the verb."""
    for conj in children(subject):
        if conj.dep_ == "conj" and conj.i < verb.i and conj.right_edge.i + 1 \
                == verb.i and any(c.dep_ == "cc" and c.lower_ in contrast
                                  for c in children(subject)):
            return conj
    return subject


def _right_numbers(verb: Token) -> list[Token]:
    """Words right of the verb, outside its clauses, when they hold a number."""
    tokens = [t for c in children(verb)
              if c.i > verb.i and c.dep_ in ("prep", "npadvmod", "advmod", "dative")
              for t in _subtree(c)]
    return tokens if any(t.like_num for t in tokens) else []


#: tokens on either side of a clause's head that its content may reach: on a run-on text
#: every reporting verb's clause runs to the end, and reading it all per verb is quadratic
_CONTENT_WINDOW = 200


def _subtree(token: Token) -> list[Token]:
    """``token.subtree`` read as its token range (spaCy's recursive generator costs the
    depth of the tree per token), cut to ``_CONTENT_WINDOW`` tokens on either side."""
    lo = max(token.left_edge.i, token.i - _CONTENT_WINDOW)
    hi = min(token.right_edge.i, token.i + _CONTENT_WINDOW)
    return list(token.doc[lo:hi + 1])


def _run_start(doc: Doc, i: int, allowed: set[int]) -> int:
    while i - 1 in allowed:
        i -= 1
    return i


def _run_end(doc: Doc, i: int, allowed: set[int]) -> int:
    while i + 1 in allowed:
        i += 1
    return i


def _has_quote(doc: Doc, tokens: list[Token]) -> bool:
    return any(t.text in {'"', "\u201c", "\u201d", "\u00ab", "\u00bb"} or t.is_quote
               for t in tokens) or any(
        t.i > 0 and doc[t.i - 1].is_quote for t in tokens[:1])


def _gap_is_short(text: str, end: int, cue_start: int) -> bool:
    gap = text[end:cue_start]
    return len(gap) <= 60 and "\n" not in gap and "." not in gap.strip(" ,")[:-1]


def _paragraphs_between(text: str, end: int, start: int) -> int:
    if start < end:
        return 0
    return text.count("\n\n", end, start) + (1 if text.count("\n", end, start) and
                                               "\n\n" not in text[end:start] else 0)


def _nearest(doc: Doc, mention: Mention, recent: list[Mention], want: str) -> Optional[Mention]:
    for other in reversed(recent):
        if other.start >= mention.start:
            continue
        if want == "PERSON" and other.label != "PERSON":
            continue
        return other
    return None


def _verb_indices(doc: Doc) -> list[int]:
    """The indices of the tokens tagged VERB, read from the POS column in one pass."""
    if not len(doc):
        return []
    return np.flatnonzero(doc.to_array(POS) == VERB).tolist()


def _nearest_entity(doc: Doc, before: int, want: str) -> Optional[Mention]:
    """The latest fitting entity before token ``before``, subjects first (they are salient)."""
    labels = ("PERSON",) if want == "PERSON" else ("PERSON", "ORG", "GPE", "NORP")
    candidates = [ent for ent in info(doc).ents if ent.end <= before and ent.label_ in labels]
    if not candidates:
        return None
    subjects = [ent for ent in candidates if ent.root.dep_ in ("nsubj", "nsubjpass")]
    best = (subjects or candidates)[-1]
    return Mention(best.start, best.end, best.end - 1, best.label_, best.text, None)


def _has_role(title: str, role: str, roles: dict[str, str]) -> bool:
    words = title.lower().replace(",", " ").split()
    return any(roles.get(w) == role for w in words)
