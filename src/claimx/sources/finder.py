"""Attributions: a source, a cue and the reported content, from the parse and the quotations."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Optional, Union

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .. import records
from ..docinfo import children, info, sent_of, subtree
from ..matching import RuleMatcher
from ..rules import Overlay, extend, load_rows, load_table, read_user_file
from ..spanindex import strip_symbols, trim_span, word_edges, word_text
from ..types import Cue
from .coref import PronounResolver
from .mentions import CanonicalNames, Mention, MentionBuilder
from .quotes import find_quotations
from .zones import Zones, dateline_zones

_CLAUSAL = ("ccomp", "xcomp")
#: characters that open a quotation in any style
_OPENERS = "\"\u201c\u00ab\u2018`'"
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

    def __init__(self, vocab: Vocab, verbs_path: Union[str, Path, None] = None,
                 phrases_path: Union[str, Path, None] = None,
                 overlays: Optional[Mapping[str, Overlay]] = None) -> None:
        overlays = overlays or {}
        verbs = load_rows("reporting_verbs.jsonl", overlays.get("reporting_verbs.jsonl"))
        if verbs_path:
            verbs = extend(verbs, read_user_file(verbs_path), str(verbs_path))
        self.verbs = {row["lemma"].lower(): row for row in verbs}
        self.lexicon = load_table("sources.json", overlays.get("sources.json"))
        self.mentions = MentionBuilder(self.lexicon)
        self.honorifics = self.mentions.honorifics
        self.pronoun_resolver = PronounResolver(self.lexicon, self.mentions)
        self.group_nouns = {w.lower() for w in self.lexicon["group_nouns"]}
        # people who may be a report's source: roles and occupations ("aides", "the author")
        self.speaker_nouns = frozenset(self.lexicon["speaker_nouns"]) | frozenset(
            self.lexicon["occupations"])
        self.speaker_suffixes = tuple(self.lexicon["occupation_suffixes"])
        self.quantity_speakers = frozenset(self.lexicon["quantity_speakers"])
        self.non_speakers = {w.lower() for w in self.lexicon["non_speakers"]}
        self.absolute_preps = set(self.lexicon["absolute_preps"])
        self.contrast_words = set(self.lexicon["contrast_conjunctions"])
        self.research_nouns = set(self.lexicon["research_nouns"])
        self.documents = frozenset(self.lexicon["document_nouns"])
        self.statement_nouns = frozenset(self.lexicon["statement_nouns"])
        # the nouns worth a look: statement nouns, and reporting verbs tagged as nouns
        self.noun_lemmas = self.statement_nouns | frozenset(self.verbs)
        # "In a statement, the agency ...": nouns of statements a clause may be set after
        self.frame_nouns = frozenset(self.lexicon["framing_statement_nouns"])
        self.frame_preps = frozenset(self.lexicon["framing_statement_preps"])
        self.particles = frozenset(self.lexicon["name_particles"])
        self.object_pronouns = set(self.lexicon["object_pronouns"])
        self.publishing = set(self.lexicon["publishing_lemmas"])
        self.aspect = frozenset(self.lexicon["aspect_lemmas"])
        self.placing = frozenset(self.lexicon["placing_preps"])
        self.dateline = re.compile(
            load_table("preamble.json", overlays.get("preamble.json"))["place_dateline"])
        self.turn = re.compile(self.lexicon["transcript_turn"])
        self.dash_name = re.compile(self.lexicon["dash_name"])
        self.relatives = set(self.lexicon["relative_pronouns"])
        self.condition_aux = frozenset(self.lexicon["condition_auxiliaries"])
        self.quoting = frozenset(self.lexicon["quoting_lemmas"])
        self.part_of_preps = frozenset(self.lexicon["part_of_preps"])
        self.neuter_pronouns = frozenset(self.lexicon["neuter_pronouns"])
        self.joiners = frozenset(self.lexicon["clause_joiners"])
        self.quote_joiners = frozenset(self.lexicon["quote_joiners"])
        self.author_preps = frozenset(self.lexicon["author_preps"])
        self.matcher = RuleMatcher(vocab)
        self.phrase_rules: dict[str, dict[str, Any]] = {}
        phrases = load_rows("attribution_phrases.jsonl", overlays.get("attribution_phrases.jsonl"))
        if phrases_path:
            phrases = extend(phrases, read_user_file(phrases_path), str(phrases_path))
        for i, row in enumerate(phrases):
            key = f"claimx_attr_{i}"
            self.phrase_rules[key] = row
            self.matcher.add(key, row["pattern"])

    # ------------------------------------------------------------------------------------
    def attributions(self, doc: Doc, body_start: int = 0) -> list[records.Attribution]:
        """Every attribution in ``doc`` as the model's records, in text order."""
        text = info(doc).text
        out = []
        for att in self.find(doc, body_start):
            cue_token = doc.char_span(att.cue_start, att.cue_end, alignment_mode="expand")
            out.append(records.Attribution(
                span=att.span, content=att.content, head=att.head,
                cue=Cue(text[att.cue_start:att.cue_end], (att.cue_start, att.cue_end),
                        att.kind),
                cue_head=cue_token.root.i if cue_token is not None else None,
                speaker=att.speaker))
        return out

    def find(self, doc: Doc, body_start: int = 0) -> list[Attribution]:
        """Every attribution in ``doc``, in text order, speakers resolved; names before
        ``body_start`` (the header and headline) are not used as canonical names."""
        canon = CanonicalNames(doc, self.honorifics, start_char=body_start,
                               articles=self.mentions.articles,
                               particles=self.particles)
        found: list[Attribution] = []
        quotes = find_quotations(info(doc).text)
        quote_starts = [q0 for q0, _ in quotes]
        for i in _indices(doc, VERB, self.verbs):
            token = doc[i]
            if not _inside(quotes, quote_starts, token.idx):
                att = self._verb(doc, token)
                if att is not None:
                    found.append(att)
        found.extend(self._colons(doc))
        cues = {a.cue_start for a in found}
        found.extend(a for a in self._transcript_turns(doc) if a.cue_start not in cues)
        found.extend(self._statement_nouns(doc, quotes, quote_starts))
        found.extend(self._framed_by_statement(doc, quotes, quote_starts,
                                               {a.cue_start for a in found}))
        for key, start, end in self.matcher(doc):
            rule = self.phrase_rules[key]
            att = self._phrase(doc, start, end, rule)
            if att is not None:
                found.append(att)
        zones = dateline_zones(info(doc).text, self.dateline)
        found = [a for a in found if _outside_datelines(doc, a, zones)]
        found.sort(key=lambda a: (a.span[0], a.cue_start))
        found.extend(self._quotations(doc, found, quotes))
        found.sort(key=lambda a: (a.span[0], a.cue_start))
        floor = body_start
        quoted = partial(_inside, quotes, quote_starts)
        self._resolve_speakers(doc, found, canon, partial(_not_antecedent, quoted, zones, floor))
        return found

    def _colons(self, doc: Doc) -> list[Attribution]:
        """"Obi: 'We will not give up'": a name, a colon, then what the name says."""
        out = []
        table = info(doc)
        for sent in table.sents:
            stop = min(sent.end, sent.start + 8)
            at = next((k for k in range(sent.start, stop) if table.words[k] == ":"), None)
            if at is None or at == sent.start or at + 1 >= sent.end:
                continue
            colon = doc[at]
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
            quoted = doc[colon.i + 1].is_quote or table.text[content_start] in _OPENERS
            head = doc[colon.i + 1:sent.end].root.i
            att = Attribution(colon.idx, colon.idx + 1, "quote" if quoted else "said",
                              (content_start, content_end), (0, 0), head)
            att.extra["subject"] = ents[0].root.i
            out.append(att)
        return out

    def _transcript_turns(self, doc: Doc) -> list[Attribution]:
        """"ROE: Well, look, ..." or "((Jane Roe))  Well, ...": a transcript's turn, a
        paragraph opened by the name of a person of the article (in capitals and a colon, or
        in double brackets); the rest of the line is what they say."""
        text = info(doc).text
        matches = list(self.turn.finditer(text)) if ":" in text or "((" in text else []
        if not matches:
            return []
        persons = [ent for ent in info(doc).ents if ent.label_ == "PERSON"]
        people = {ent[-1].lower_ for ent in persons}
        initials = _initials_of(persons)
        out = []
        for m in matches:
            group = next((g for g in range(1, (m.re.groups or 0) + 1) if m.group(g)), 0)
            if not group:
                continue
            name = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
            end = text.find("\n", m.end())
            start, end = trim_span(text, m.end(), len(text) if end < 0 else end)
            content = _statements(doc, start, end)
            if name is None or content is None:
                continue
            person = initials.get(m.group(group)) if len(name) == 1 else None
            if name[-1].lower_ not in people and person is None:
                continue
            start, end = trim_span(text, content.start_char, content.end_char)
            # the cue: the colon after the name, or the brackets that open the turn
            bracketed = text[m.start(group) - 2:m.start(group)] == "(("
            cue = (m.start(group) - 2, m.start(group)) if bracketed else \
                (m.end(group), m.end(group) + 1)
            att = Attribution(cue[0], cue[1], "said", (start, end), (0, 0), content.root.i)
            # "((JRR))": the initials of a person named in the article stand for them
            att.extra["subject"] = person[-1].i if person is not None else name[-1].i
            att.extra["turn"] = True  # a name in capitals, not a dateline
            out.append(att)
        return out

    def _statement_nouns(self, doc: Doc, quotes: list[tuple[int, int]],
                         quote_starts: list[int]) -> list[Attribution]:
        """"the union's claim that 300 jobs were cut", "the announcement by the club that
        ...": a noun of saying whose owner is named and whose "that" clause is what it says."""
        out = []
        for i in _indices(doc, NOUN, self.noun_lemmas):
            noun = doc[i]
            if _inside(quotes, quote_starts, noun.idx):
                continue
            verb = self._tagged_as_noun(doc, noun)
            if verb is not None:
                out.append(verb)
                continue
            if noun.lemma_.lower() not in self.statement_nouns:
                continue
            clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl")
                           and _is_that_clause(c)), None)
            owner = _owner(noun)
            if clause is None or owner is None or not self._looks_like_source(doc, owner):
                continue
            att = self._attribution(doc, noun, owner, list(subtree(clause)))
            if att is not None:
                att.cue_start, att.cue_end = noun.idx, noun.idx + len(noun)
                out.append(att)
        return out

    def _framed_by_statement(self, doc: Doc, quotes: list[tuple[int, int]],
                             quote_starts: list[int], cues: set[int]) -> list[Attribution]:
        """"In an advisory issued late Sunday, the agency upgraded the storm ...": a clause
        set after "in" and a statement noun speaks for its subject; the clause is what the
        statement says. The cue is the statement noun."""
        out = []
        for i in _indices(doc, NOUN, self.frame_nouns):
            noun = doc[i]
            prep = noun.head
            if noun.dep_ != "pobj" or prep.lower_ not in self.frame_preps or \
                    _inside(quotes, quote_starts, noun.idx):
                continue
            verb = prep.head
            subject = next((c for c in children(verb) if c.dep_ == "nsubj"), None)
            if verb.pos_ not in ("VERB", "AUX") or self._cue_bounds(verb)[0] in cues or \
                    subject is None or not prep.i < subject.i < verb.i or \
                    any(c.dep_ == "nummod" for c in children(subject)) or \
                    not self._looks_like_source(doc, subject):
                continue                # a reporting verb's own cue; "12 people"
            # what is said: the clause from its verb on (the frame and the subject precede)
            att = self._attribution(doc, noun, subject, [t for t in subtree(verb)
                                                         if t.i >= verb.i])
            if att is not None:
                att.cue_start, att.cue_end = noun.idx, noun.idx + len(noun)
                out.append(att)
        return out

    def _tagged_as_noun(self, doc: Doc, noun: Token) -> Optional[Attribution]:
        """"Roe claims that ...", "Roe charges that ...": a reporting verb in -s the tagger
        took for a plural noun, between a name or pronoun and a "that" clause."""
        if noun.tag_ != "NNS" or noun.lemma_.lower() not in self.verbs or noun.i == 0 or \
                noun.i + 1 >= len(doc) or doc[noun.i + 1].lower_ != "that":
            return None
        subject = doc[noun.i - 1]
        clause = doc[noun.i + 1].head
        if subject.pos_ not in ("PROPN", "PRON") or clause.i <= noun.i + 1 or \
                not self._looks_like_source(doc, subject):
            return None
        ent = info(doc).entity_at(subject.i)
        return self._attribution(doc, noun, ent.root if ent is not None else subject,
                                 list(subtree(clause)))

    # -- reporting verbs -------------------------------------------------------------------
    def _verb(self, doc: Doc, verb: Token) -> Optional[Attribution]:
        rule = self.verbs[verb.lemma_.lower()]
        if not _frame_fits(rule, verb, self.aspect, self.placing):
            return None
        # "denied him bail": an object-case "subject" of a bare verb marks a misparsed
        # double object ("claiming them to be ..." keeps its "to")
        clausal = [c for c in children(verb) if c.dep_ in _CLAUSAL and not (
            any(g.dep_ == "nsubj" and g.lower_ in self.object_pronouns for g in children(c))
            and not any(g.dep_ in ("aux", "auxpass") for g in children(c)))
            and not _purpose_after_comma(verb, c) and not _across_colon(verb, c)]
        if not clausal:
            clausal = _clause_after_prep(verb)
        inner = [c for c in clausal if c.lemma_.lower() in self.verbs and c.pos_ == "VERB"
                 and not any(g.dep_ in _CLAUSAL + ("dobj",) for g in children(c))]
        nested_subject = None
        if inner and len(clausal) > len(inner):
            # "X, CNN reported the governor said": the innermost source speaks
            nested_subject = self._subject(inner[0])
            clausal = [c for c in clausal if c not in inner]
        inverted = self._inverted_source(verb)
        if inverted is not None:
            # "..., reported officials.": the source follows the verb, the content precedes
            own = _own_words(verb)
            before = [t for c in _clause_before(verb) for t in subtree(c)]
            return self._attribution(doc, verb, inverted, before or [
                t for t in subtree(verb.head) if t not in own])
        # "X reported, citing Y, that ...": X speaks; citing names X's evidence
        subject = nested_subject or self._subject(verb)
        if subject is None:
            subject = _set_off_name(verb) or (_name_after(verb) if verb.i and _closes_quote(
                doc[verb.i - 1]) else None)
            if subject is None:
                return None
            clausal = [c for c in clausal if c.i > verb.i]
        needs = _needs(rule, verb)
        research = bool(rule.get("object_with")) and self._is_research(subject)
        if research or (subject.i > verb.i and (_hangs_off_content(verb) or _clause_before(verb))):
            # "the study found higher rates": a finding names its object; "..., reads the
            # complaint, ...": an inverted parenthetical reports the clause around it
            needs = "any"
        content_tokens = _content_of(doc, verb, needs, clausal, rule.get("preps", ()), self.joiners)
        objects = [c for c in children(verb)
                   if c.dep_ in ("dobj", "attr", "oprd", "acomp") and c.i > verb.i]
        content_tokens += _trailing_participle(doc, content_tokens, clausal, objects)
        content_tokens = content_tokens or _adjacent_quote(verb, subject) or \
            _closing_report(verb, subject)
        if not content_tokens:
            return None
        if rule.get("subject") == "source" and not research and \
                not self._looks_like_source(doc, subject):
            return None  # "court records show ...": a finding's records are its source
        return self._attribution(doc, verb, subject, content_tokens)

    def _attribution(self, doc: Doc, verb: Token, subject: Token,
                     content_tokens: list[Token]) -> Optional[Attribution]:
        """The attribution of a reporting verb, its source and the tokens it reports."""
        if not content_tokens:
            return None
        c_start = min(t.idx for t in content_tokens)
        c_end = max(t.idx + len(t) for t in content_tokens)
        c_start, c_end = _within_paragraph(info(doc).text, verb.idx, c_start, c_end)
        c_start, c_end = _close_quote(info(doc).text, *trim_span(info(doc).text, c_start, c_end))
        if c_end <= c_start:
            return None
        cue_start, cue_end = self._cue_bounds(verb)
        ids = {t.i for t in content_tokens}
        # the highest token: only tokens whose head lies outside the content can be it
        heads = info(doc).heads
        tops = [t for t in content_tokens if heads[t.i] not in ids or heads[t.i] == t.i]
        head = min(tops or content_tokens, key=lambda t: info(doc).depth_of(t.i)).i
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
        passive_ok = False
        quoted = _quoted_as(verb, self.quoting)
        if quoted is not None:
            return quoted
        while current is not None and seen < 4:
            if current.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in self.relatives
                                               for c in children(current)):
                return current.head  # "the police, which indicated ..."
            # the complement of a passive ("X can be heard yelling that ..."): X yells
            deps = ("nsubj", "csubj", "nsubjpass") if passive_ok and not any(
                c.dep_ == "agent" for c in children(current)) else ("nsubj", "csubj")
            subjects = [c for c in children(current) if c.dep_ in deps
                        and (c.lower_ not in self.non_speakers or _organisation_it(c))]
            if subjects:
                # a bad parse may give several subjects: the one nearest the verb speaks,
                # unless an auxiliary before it makes it an inverted condition ("X, the heir
                # should Y remain unconfirmed, has said ...")
                subjects = [c for c in subjects
                            if not _inverted_condition(c, self.condition_aux)] or subjects
                before = [c for c in subjects if c.i < current.i]
                child = before[-1] if before else subjects[0]
                child = _contrasted_subject(child, current, self.contrast_words)
                return _appositive_name(child, current)
            for child in children(current):
                if child.dep_ == "agent":
                    for pobj in children(child):
                        if pobj.dep_ == "pobj":
                            return pobj
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN") and \
                    current.head.i < current.i and (
                        current.head.head.lower_ in self.absolute_preps
                        or self._looks_like_source(current.doc, current.head)):
                # "with analysts estimating ...", "released a statement saying ..."
                return self._report_author(current.head)
            if current.dep_ in _INHERIT_SUBJECT and current.head.i != current.i:
                passive_ok = current.dep_ == "xcomp"
                current = self._through_preposition(current, current.head)
                if current.dep_ == "ccomp" and current.head.lemma_.lower() in self.verbs:
                    # "X said the 36 must face charges, adding ...": X adds, not the 36
                    current = current.head
                seen += 1
                continue
            return None
        return None

    def _through_preposition(self, clause: Token, head: Token) -> Token:
        """Where a subject is inherited from: "after saying ...", "by citing ..." hang on a
        preposition whose clause has the subject ("with X saying" names its own)."""
        if clause.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i and \
                head.lower_ not in self.absolute_preps:
            return head.head
        return head

    def _inverted_source(self, verb: Token) -> Optional[Token]:
        """"The dam will be finished by 2030, reported officials.": a subjectless verb after a
        comma whose object closes the sentence and names a source."""
        doc = verb.doc
        if verb.i == 0 or doc[verb.i - 1].text != "," or (
                verb.head.i > verb.i and not _hangs_off_content(verb)) or any(
                c.dep_ in _SUBJECTS for c in children(verb)):
            return None
        if verb.head.i == verb.i and not _clause_before(verb):
            return None  # a root verb inverts only after the clause it reports
        obj = next((c for c in children(verb) if c.dep_ == "dobj"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return None
        nxt = obj.right_edge.i + 1
        if nxt < len(doc) and not doc[nxt].is_punct and not doc[nxt].is_space:
            return None
        if not self._looks_like_source(doc, obj):
            return None
        # "..., argued the government's lawyer, Jane Roe.": the apposition's name
        return _appositive_name(obj, verb)

    def _is_research(self, token: Token) -> bool:
        """A study, a report, its data or the researchers behind them."""
        return token.lower_ in self.research_nouns or token.lemma_.lower() in self.research_nouns

    def _looks_like_source(self, doc: Doc, token: Token) -> bool:
        if token.lower_ in self.non_speakers:
            return False
        if token.lower_ in self.quantity_speakers:
            # "many of his supporters" speak as the supporters; "some", "most" as people
            group = next((_pobj_of(c) for c in children(token) if c.dep_ == "prep"
                          and c.lower_ in self.part_of_preps), None)
            return group is None or self._looks_like_source(doc, group)
        if token.ent_type_ in self.mentions.source_labels or token.pos_ == "PROPN" or (
                token.is_title and token.pos_ in _MISTAGGED and (
                    not token.is_sent_start or token.text in info(doc).surnames)):
            return True  # a capitalised word inside a sentence is a name the tagger missed
        if token.lower_ in self.mentions.pronouns and token.lower_ not in self.neuter_pronouns:
            return True
        lemma = token.lemma_.lower()
        return token.lower_ in self.group_nouns or lemma in self.group_nouns \
            or lemma in self.documents or lemma in self.speaker_nouns \
            or lemma.endswith(self.speaker_suffixes)

    # -- "according to X" and friends ----------------------------------------------------
    def _phrase(self, doc: Doc, start: int, end: int,
                rule: dict[str, Any]) -> Optional[Attribution]:
        last = doc[end - 1]
        if rule.get("source_in_match") and last.head.i != start:
            return None                 # "in the Acme poll area": the poll is not the object
        source = next((t for t in reversed(doc[start:end]) if t.pos_ == "PROPN"), None) \
            if rule.get("source_in_match") else _phrase_source(doc, last, end)
        if source is None:
            return None
        source = _person_in_run(self._report_author(source))
        if rule.get("source_required") and not self._looks_like_source(doc, source):
            return None  # "per day" is a rate, "per the ministry" a source
        first = doc[start]
        sent = sent_of(first)
        # a window of the sentence: one endless "sentence" must not make this quadratic
        sent_tokens = doc[max(sent.start, start - _WINDOW):min(sent.end, end + _WINDOW)]
        anchor = _phrase_anchor(first, sent)
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
        c_start, c_end = _within_paragraph(info(doc).text, first.idx, c_start, c_end)
        c_start, c_end = trim_span(info(doc).text, c_start, c_end)
        cue_start, cue_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        head = anchor.i if anchor not in phrase_tokens else sent_tokens.root.i
        att = Attribution(cue_start, cue_end, rule.get("kind", "according_to"),
                          (c_start, c_end), (0, 0), head)
        att.extra["subject"] = source.i
        att.extra["phrase_end"] = max(t.i for t in phrase_tokens)
        return att

    def _report_author(self, token: Token) -> Token:
        """"a report by Acme" -> Acme; "the ministry's statement" -> ministry; "the results of
        the poll" -> the poll's owner."""
        if token.ent_type_ or (token.lower_ not in self.mentions.report_nouns
                               and token.lemma_.lower() not in self.documents):
            return token
        inner = self._report_inside(token)
        if inner is not None:
            return self._report_author(inner)
        return self._owner(token) or self._publisher(token) or token

    def _report_inside(self, token: Token) -> Optional[Token]:
        """The report a noun is part of ("the results of the poll": the poll)."""
        for child in children(token):
            if child.dep_ == "prep" and child.lower_ in self.part_of_preps:
                inner = _pobj_of(child)
                if inner is not None and inner.lower_ in self.mentions.report_nouns:
                    return inner
        return None

    def _owner(self, token: Token) -> Optional[Token]:
        """Who a report is by: its possessor, "by X" or "from X", or "by X" one phrase down
        ("a study of 300 patients by X")."""
        for child in children(token):
            if child.dep_ == "poss":
                return child
            if child.dep_ in ("prep", "agent") and child.lower_ in self.author_preps:
                found = _pobj_of(child)
                if found is not None:
                    return found
        for child in children(token):
            if child.dep_ != "prep":
                continue
            for grand in children(child):
                if grand.dep_ == "prep" and grand.lower_ in self.author_preps:
                    found = _pobj_of(grand)
                    if found is not None:
                        return found
        return None

    def _publisher(self, token: Token) -> Optional[Token]:
        """"the agency released a statement saying ...": who released it."""
        if token.dep_ != "dobj" or token.head.lemma_.lower() not in self.publishing:
            return None
        return next((c for c in children(token.head)
                     if c.dep_ == "nsubj" and c.lower_ not in self.non_speakers), None)

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
            owner = _quote_owner(found, text, q_start, q_end)
            if owner is not None:
                if owner.kind != "according_to":
                    owner.content = (min(owner.content[0], q_start), max(owner.content[1], q_end))
                last_speaker, last_end = owner, q_end
                continue
            dashed = self._dash_attribution(doc, q_start, q_end) or \
                self._inverted_around_quote(doc, q_start, q_end) or \
                _name_colon_quote(doc, q_start, q_end)
            runs_into = _runs_into(found, text, q_start, self.quote_joiners) \
                if dashed is None else None
            if runs_into is not None:
                runs_into.content = (runs_into.content[0], q_end)
                last_speaker, last_end = runs_into, q_end
                continue
            if dashed is not None:
                extra.append(dashed)
                last_speaker, last_end = dashed, q_end
                continue
            if last_speaker is not None and last_speaker.kind != "according_to" and \
                    _paragraphs_between(text, last_end, q_start) == 0 and \
                    not _any_cue_between(found, last_end, q_start, last_speaker):
                # the same speaker's quotation goes on in the same paragraph: one claim
                last_speaker.content = (last_speaker.content[0], q_end)
                last_end = q_end
                continue
            if last_speaker is not None and _paragraphs_between(text, last_end, q_start) <= 1:
                span = doc.char_span(q_start, q_end, alignment_mode="expand")
                if span is None:
                    continue
                # the quotation goes on without a cue of its own: the cue that attributed
                # it (and its speaker) carry over
                att = Attribution(last_speaker.cue_start, last_speaker.cue_end, "quote",
                                  (q_start, q_end), (q_start, q_end), span.root.i)
                att.extra["inherit"] = last_speaker
                extra.append(att)
                last_end = q_end
        return extra

    def _inverted_around_quote(self, doc: Doc, q_start: int,
                               q_end: int) -> Optional[Attribution]:
        """'"...," read the statement' and 'Remarked Jane Roe, "..."': a reporting verb
        before its source, right after or right before the quotation."""
        span = doc.char_span(q_start, q_end, alignment_mode="expand")
        if span is None:
            return None
        verb, source = None, None
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lemma_.lower() in self.verbs and after.pos_ == "VERB":
            verb = after
            source = next((c for c in children(after) if c.i > after.i and c.dep_ in (
                "nsubj", "dobj", "attr", "npadvmod")), None) or _name_after(after)
        elif span.start >= 2 and doc[span.start - 1].text in (",", ":"):
            first = doc[sent_of(doc[span.start - 1]).start]
            if self._past_reporting(first) and first.i < span.start - 2:
                verb, source = first, doc[span.start - 2]
        if verb is not None and source is not None and not self._looks_like_source(doc, source):
            verb = None
        if verb is None and after is not None and not after.is_punct:
            verb, source = self._cue_after_quote(doc, span.end)
        if verb is None or source is None:
            return None
        cue_start, cue_end = verb.idx, verb.idx + len(verb)
        att = Attribution(cue_start, cue_end, "said", (q_start, q_end), (0, 0), span.root.i)
        att.extra["subject"] = source.i
        return att

    def _cue_after_quote(self, doc: Doc, start: int) -> tuple[Optional[Token], Optional[Token]]:
        """'"We will never give up!" she said.': a quotation that ends its sentence with "!"
        or "?" leaves its cue a sentence of its own: a subject that starts right after the
        quotation and a reporting verb with nothing to report of its own ("she said on
        Monday."). The verb and its subject, or (None, None)."""
        subject = doc[start]
        for _ in range(4):
            if subject.dep_ == "nsubj" or subject.head.i == subject.i:
                break
            subject = subject.head
        verb = subject.head
        if subject.dep_ == "ROOT":  # "Ann Poe, a planner, tweeted": the verb hung as an acl
            verb = next((c for c in subject.rights if c.dep_ == "acl"), subject)
        if verb is subject or subject.dep_ not in ("nsubj", "ROOT") \
                or subject.left_edge.i != start or verb.pos_ != "VERB" \
                or verb.lemma_.lower() not in self.verbs or verb.i - subject.right_edge.i > 3 \
                or any(c.dep_ in _CLAUSAL + ("dobj",) for c in children(verb)) \
                or not self._can_speak(verb, subject):
            return None, None
        return verb, subject

    def _can_speak(self, verb: Token, subject: Token) -> bool:
        """Can ``subject`` be the source of ``verb`` (a source when its rule asks for one)?"""
        if self.verbs[verb.lemma_.lower()].get("subject") == "source":
            return self._looks_like_source(verb.doc, subject)
        return subject.pos_ in ("NOUN", "PROPN", "PRON") and \
            subject.lower_ not in self.non_speakers

    def _past_reporting(self, token: Token) -> bool:
        """A past-tense reporting verb, also when a sentence-initial one was tagged as an
        adjective ("Remarked ...")."""
        if token.tag_ in ("VBD", "VBN"):
            return token.lemma_.lower() in self.verbs
        low = token.lower_
        return token.tag_ == "JJ" and low.endswith("ed") and (
            low[:-1] in self.verbs or low[:-2] in self.verbs)

    def _dash_attribution(self, doc: Doc, q_start: int, q_end: int) -> Optional[Attribution]:
        """"'We will win,' \u2014 Obi": a dash and a name right after the quotation."""
        m = _DASH.match(info(doc).text, q_end)
        if m is None:
            return None
        after = doc.char_span(m.end(), min(m.end() + 1, len(info(doc).text)),
                              alignment_mode="expand")
        if after is None:
            return None
        ent = info(doc).entity_at(after[0].i) if after[0].ent_type_ in _NAME_LABELS else \
            self._name_line(doc, m.end())
        span = doc.char_span(q_start, q_end, alignment_mode="expand")
        if ent is None or span is None:
            return None
        att = Attribution(m.start() + m.group().index(m.group().strip()[0]),
                          m.start() + m.group().index(m.group().strip()[0]) + 1, "quote",
                          (q_start, q_end), (0, 0), span.root.i)
        att.extra["subject"] = ent.root.i
        return att

    def _name_line(self, doc: Doc, start: int) -> Optional[Any]:
        """A capitalised name that fills the rest of its line from ``start`` (a signature)."""
        m = self.dash_name.match(info(doc).text, start)
        return None if m is None else doc.char_span(
            start, start + len(m.group().rstrip(" .,\t\n\u00a0")), alignment_mode="expand")

    # -- speakers -------------------------------------------------------------------------
    def _resolve_speakers(self, doc: Doc, found: list[Attribution], canon: CanonicalNames,
                          quoted: Callable[[int], bool]) -> None:
        recent: list[Mention] = []
        genders: dict[str, str] = {}
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
                mention = self._resolve_reference(doc, mention, recent, canon, genders, quoted)
                att.mention = mention
                att.speaker = _speaker_dict(doc, mention)
                self.pronoun_resolver.learn(doc, mention, doc[att.head], genders)
                if mention.label != "PRONOUN":
                    recent.append(mention)
            att.span = _claim_span(doc, att)

    def _nearest_named_subject(self, doc: Doc, mention: Mention, canon: CanonicalNames,
                               skip: Callable[[int], bool]) -> Optional[Mention]:
        """The last proper-noun subject in this or the previous sentence (NER missed it)."""
        sent = sent_of(doc[mention.start])
        floor = info(doc).previous(sent).start
        for i in range(mention.start - 1, floor - 1, -1):
            t = doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.ent_type_ in (
                    "", "PERSON") and not skip(t.idx):
                found = self.mentions.build(doc, t, canon)
                return Mention(found.start, found.end, found.head, "PERSON", found.name,
                               found.title)
        return None

    def _resolve_reference(self, doc: Doc, mention: Mention, recent: list[Mention],
                           canon: CanonicalNames, genders: dict[str, str],
                           quoted: Callable[[int], bool]) -> Mention:
        head = doc[mention.head]
        if mention.label == "PRONOUN":
            want = self.mentions.pronouns.get(head.lower_, "ANY")
            target = self.pronoun_resolver.resolve(doc, mention, recent, canon, genders,
                                                   quoted)
            if target is None:
                target = _nearest(doc, mention, recent, want)
            if target is None:
                target = _nearest_entity(doc, mention.start, want, quoted)
            if target is None and want == "PERSON":
                target = self._nearest_named_subject(doc, mention, canon, quoted)
            if target is not None:
                return Mention(mention.start, mention.end, mention.head, target.label,
                               target.name, target.title)
            return Mention(mention.start, mention.end, mention.head, "GROUP", head.text, None)
        if mention.label == "GROUP":
            role = self.mentions.role_of(head)
            if role is not None:
                earlier = [m for m in recent if m.start < mention.start]
                earlier += self._titled_people(doc, mention.start, canon)
                # "the president of Turkey" is only a president whose title names Turkey
                places = [e.text for e in info(doc).ents_within(mention.start, mention.end)
                          if e.label_ in self.mentions.title_place_labels]
                for other in sorted(earlier, key=lambda m: m.start, reverse=True):
                    if other.label == "PERSON" and other.title and _has_role(
                            other.title, role, self.mentions.roles) and all(
                            p in other.title for p in places):
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
def _inverted_condition(subject: Token, auxiliaries: frozenset[str]) -> bool:
    """Does an auxiliary of the subject's verb stand right before it ("should Y remain",
    "had Y known"): a condition with its subject after the auxiliary?"""
    i = subject.i - 1
    verb = subject.head
    return i >= 0 and verb.i > subject.i and subject.doc[i].dep_ == "aux" and \
        subject.doc[i].head.i == verb.i and subject.doc[i].lower_ in auxiliaries


def _set_off_name(verb: Token) -> Optional[Token]:
    """The subject of a verb the parse left without one, when a name set off by commas
    opens its clause ("In a call on Monday, Col. Jane Roe, a spokeswoman, said ..."): the
    last such name before the verb (names inside the apposition do not open it), with no
    other clause between them."""
    doc = verb.doc
    comma = verb.i - 1
    while comma > 0 and doc[comma].head.i == verb.i and doc[comma].dep_ in ("advmod", "aux",
                                                                               "neg"):
        comma -= 1  # "..., a spokeswoman, also said", "..., has said"
    if comma < 2 or doc[comma].text != ",":
        return None
    sent = sent_of(verb)
    for ent in reversed(info(doc).ents_within(sent.start, comma)):
        if ent.label_ not in _NAME_LABELS or doc[ent.end].text != ",":
            continue
        left = max(sent.start, min(ent.start, ent.root.left_edge.i))  # with its title
        opens = left == sent.start or doc[left - 1].text in (",", "--", "\u2014", "\u2013")
        if opens and not any(c.dep_ in _SUBJECTS and c.i != ent.root.i
                             for t in doc[ent.end:comma] for c in children(t)):
            return ent.root
    return None


#: the parts of speech the tagger gives a name it does not know ("Wines believes")
_MISTAGGED = ("NOUN", "ADV", "ADJ", "VERB")


def _name_after(verb: Token) -> Optional[Token]:
    """The name or noun phrase right after a verb that the parse did not make its subject
    ('"...," tweeted Rubio spokesman Jane Roe.'): the head of the entity or noun run there."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and i <= verb.i + 2 and doc[i].pos_ == "DET":
        i += 1
    if i >= len(doc):
        return None
    ent = info(doc).entity_at(i) if doc[i].ent_type_ in _NAME_LABELS else None
    if ent is not None:
        return ent.root
    if doc[i].pos_ not in ("NOUN", "PROPN") and not doc[i].is_title:
        return None
    end = i
    while end + 1 < len(doc) and end - i < 6 and doc[end + 1].pos_ in ("NOUN", "PROPN"):
        end += 1
    return doc[end]


def _person_in_run(token: Token) -> Token:
    """"according to Connecticut Senator Jane Roe": the person a run of proper nouns ends
    with, when the parse made the place in front of it the head."""
    if token.ent_type_ == "PERSON":
        return token
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].pos_ == "PROPN" and i - token.i <= 6:
        if doc[i].ent_type_ == "PERSON" and (i + 1 == len(doc) or
                                             doc[i + 1].ent_type_ != "PERSON"):
            return doc[i]
        i += 1
    return token


def _outside_datelines(doc: Doc, att: Attribution, zones: Zones) -> bool:
    """Keep an attribution whose source is not a dateline; its content starts after one."""
    subject = att.extra.get("subject")
    if subject is not None and doc[subject].idx in zones and not att.extra.get("turn"):
        return False
    start = zones.end_of(att.content[0])
    if start != att.content[0]:
        start, end = trim_span(info(doc).text, start, att.content[1])
        if end <= start:
            return False
        att.content = (start, end)
    return True


def _not_antecedent(quoted: Callable[[int], bool], zones: Zones, floor: int,
                    char: int) -> bool:
    """Words inside a quotation, a dateline or the preamble are not antecedents."""
    return char < floor or char in zones or quoted(char)


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
        text = info(doc).text
        adjacent = _next_to(text, e, att.cue_start) or _next_to(text, att.cue_end, s)
        if between or adjacent:
            start, end = min(start, s), max(end, e)
    return start, end


#: a bracketed aside between a name and its cue ("the Survey (SOL) said")
_ASIDE = re.compile(r"\s*\([^()\n]{1,40}\)\s*")


def _next_to(text: str, end: int, start: int) -> bool:
    """Are two pieces of text side by side: at most two characters apart, or with only a
    bracketed aside between them?"""
    if not 0 <= start - end <= 2 + 44:
        return False
    return start - end <= 2 or _ASIDE.fullmatch(text, end, start) is not None


#: a dash (hyphen, en, em or quotation dash) between a quotation and the name that holds it
_DASH = re.compile(r"[ \t\u00a0]*[-\u2013\u2014\u2015]{1,2}[ \t\u00a0]*")


def _inside(quotes: list[tuple[int, int]], starts: list[int], char: int) -> bool:
    """Is ``char`` strictly inside one of the (sorted, disjoint) quotations?"""
    k = bisect_right(starts, char) - 1
    return k >= 0 and quotes[k][0] < char < quotes[k][1]


def _within_paragraph(text: str, cue: int, start: int, end: int) -> tuple[int, int]:
    """Content cut to the paragraph of its cue: a parse that runs a sentence over a blank
    line does not carry the report into the next paragraph (quotations that go on are
    joined later, by the quotation pass)."""
    before = text.rfind("\n\n", start, cue)
    after = text.find("\n\n", cue, end)
    cut = (before + 2 if before >= 0 else start), (after if after >= 0 else end)
    # 'X stated:' with its whole content in the next paragraph keeps it
    return cut if text[cut[0]:cut[1]].strip() else (start, end)


def _close_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Content that opens a quotation and stops just short of its closing mark takes the
    mark in ('... is “peanuts' -> '... is “peanuts,”')."""
    piece = text[start:end]
    open_curly = piece.count("\u201c") > piece.count("\u201d")
    if not open_curly and piece.count('"') % 2 == 0:
        return start, end
    closer = "\u201d" if open_curly else '"'
    k = text.find(closer, end, end + 3)
    return (start, k + 1) if k >= 0 and not text[end:k].strip(",.;:!?") else (start, end)


def _frame_fits(rule: dict[str, Any], verb: Token, aspect: frozenset[str],
                placing: frozenset[str] = frozenset()) -> bool:
    """Does the verb stand in the frame its rule asks for (its particle, no excluded deps)?
    An infinitive ("to determine if", "plans to announce") reports nothing yet, unless an
    aspect verb carries it ("went on to say", "continued to insist")."""
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)) \
            and not (verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in aspect):
        return False
    if rule.get("as_it") and _as_it(verb):
        return not _placed(verb, placing)  # "as X put it"
    deps = rule.get("not_with_deps", ())
    if deps and any(c.dep_ in deps for c in children(verb)):
        return False
    allowed = rule.get("object_lemmas")
    if allowed and any(c.dep_ == "dobj" and c.lemma_.lower() not in allowed
                       for c in children(verb)):
        return False  # "denied them entry" reports nothing; "denied the claim" does
    if rule.get("needs_object") and not any(c.dep_ == "dobj" for c in children(verb)):
        return False
    particle = rule.get("particle")
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle
                                   for c in children(verb))


def _content_of(doc: Doc, verb: Token, needs: str, clausal: list[Token],
                preps: tuple[str, ...] = (), joiners: frozenset[str] = frozenset(),
                ) -> list[Token]:
    """The tokens a reporting verb reports, by its dependency frame; empty when none fits."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children(verb)) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and _complements(verb) < 2)
    agent = any(c.dep_ == "agent" for c in children(verb))
    if passive and agent and not clausal:
        return _passive_content(verb)  # "was described by X as ...", "a plane, reported by X as"
    if passive and not agent and not clausal:
        return []  # "was reported missing": no source, no report
    if clausal:
        tokens = [t for c in clausal for t in subtree(c)]
        tokens += _reported_conjuncts(verb, clausal)
    elif _hangs_off_content(verb):
        # "..., he said" hung off the content, "X reported in May, 62 outlets closed",
        # or "as X pointed out, ..." (whose misattached complements stay content)
        own = _own_words(verb) if verb.dep_ != "advcl" or _as_it(verb) else {verb} | {
            t for c in children(verb) if c.dep_ in ("mark", "nsubj", "aux", "punct")
            for t in subtree(c)}
        tokens = [t for t in subtree(verb.head) if t not in own]
    else:
        tokens = _object_content(doc, verb, needs, joiners) or _prep_content(verb, preps)
    if needs == "quote" and not _has_quote(doc, tokens):
        return []
    return tokens


def _initials_of(persons: list[Span]) -> dict[str, Span]:
    """The people of an article by their initials ("JRR" for "Jane R. Roe"), for names of
    two words or more whose initials no other person shares."""
    found: dict[str, list[Span]] = {}
    for ent in persons:
        words = [t.text for t in ent if t.text[:1].isalpha()]
        if len(words) >= 2:
            found.setdefault("".join(w[0].upper() for w in words), []).append(ent)
    return {k: v[0] for k, v in found.items()
            if len({e.text for e in v}) == 1}


def _statements(doc: Doc, start: int, end: int) -> Optional[Span]:
    """The part of a turn from its first to its last sentence that is not a question: an
    interviewer's question is not a claim, the statement framing it is. None when every
    sentence asks."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    parts, at = [], span.start
    while at < span.end:
        sent = sent_of(doc[at])
        parts.append(doc[max(sent.start, span.start):min(sent.end, span.end)])
        at = max(sent.end, at + 1)
    told = [p for p in parts if not p.text.strip().rstrip("\"'\u201d)").endswith("?")]
    if not told:
        return None
    return doc[told[0].start:told[-1].end]


def _name_colon_quote(doc: Doc, q_start: int, q_end: int) -> Optional[Attribution]:
    """'... pollster Jane Roe: "Early leads rarely last."': a person named right before a
    colon that opens the quotation holds it; the colon is the cue."""
    span = doc.char_span(q_start, q_end, alignment_mode="expand")
    if span is None or span.start < 2 or doc[span.start - 1].text != ":":
        return None
    name = info(doc).entity_at(span.start - 2)
    if name is None or name.label_ != "PERSON" or name.end != span.start - 1:
        name = _colon_clause_subject(doc, span.start - 1)
    if name is None:
        return None
    colon = doc[span.start - 1]
    att = Attribution(colon.idx, colon.idx + 1, "quote", (q_start, q_end), (0, 0),
                      span.root.i)
    att.extra["subject"] = name.root.i
    return att


def _colon_clause_subject(doc: Doc, colon: int) -> Optional[Span]:
    """'Roe saw compromise as the best way: "..."': the person who is the subject of the
    clause a colon ends, when that clause opens its sentence."""
    first = sent_of(doc[colon]).start
    while first < colon and (doc[first].is_space or doc[first].is_punct):
        first += 1
    token = doc[colon - 1]
    for _ in range(12):
        subject = next((c for c in children(token) if c.dep_ == "nsubj"), None)
        if subject is not None and subject.left_edge.i == first and token.i < colon:
            name = info(doc).entity_at(subject.i)
            return name if name is not None and name.label_ == "PERSON" else None
        if token.head.i == token.i:
            break
        token = token.head
    return None


def _needs(rule: dict[str, Any], verb: Token) -> str:
    """What the verb must report; a frame with all of the rule's ``any_with_deps`` (and one
    of its ``any_with_preps``) reports its object ("called the plan a disaster", "cited the
    remarks as proof": an object and a predicate on it)."""
    deps = rule.get("any_with_deps")
    if deps and all(any(c.dep_ == d and c.i > verb.i for c in children(verb)) for d in deps) \
            and _has_prep(verb, rule.get("any_with_preps")):
        return "any"
    if rule.get("any_with_complements") and _complements(verb) >= 2:
        return "any"
    return str(rule.get("needs", "any"))


#: the dependencies of a verb's object and of what it says of the object
_COMPLEMENTS = ("dobj", "oprd", "xcomp", "attr")


def _complements(verb: Token) -> int:
    """How many complements the verb has, counting those of a complement the parse hung
    them on ("calling Nowak a fascist", "a bill critics called anti-gay")."""
    found = [c for c in children(verb) if c.dep_ in _COMPLEMENTS]
    nested = [g for c in found if c.dep_ == "xcomp" for g in children(c)
              if g.dep_ in _COMPLEMENTS]
    return len(found) + len(nested)


def _has_prep(verb: Token, preps: Optional[list[str]]) -> bool:
    """Has the verb one of ``preps`` after it ("cited the remarks as proof"), or its object
    ("cited remarks he made as proof": the parse hangs it in the relative clause)? True when
    the rule names none."""
    if not preps:
        return True
    tails = [c for c in children(verb) if c.i > verb.i and c.dep_ in ("prep", "dobj")]
    return any(t.dep_ == "prep" and t.lower_ in preps for c in tails
               for t in (subtree(c) if c.dep_ == "dobj" else (c,)))


def _own_words(verb: Token) -> set[Token]:
    """The words of a parenthetical reporting verb, without the adverbial clauses the parse
    hung on it before it ("Because X, reads the motion, Y": "Because X" is reported)."""
    hung = {t for c in verb.lefts if c.dep_ == "advcl" for t in subtree(c)}
    return {t for t in subtree(verb) if t not in hung}


def _clause_before(verb: Token) -> list[Token]:
    """The clausal complements a verb has before it ("The budget is void, reads ...")."""
    return [c for c in verb.lefts if c.dep_ in _CLAUSAL]


def _across_colon(verb: Token, child: Token) -> bool:
    """"X can live there: the researchers found ...": a clause before a colon is not what
    the verb after it reports."""
    if child.i > verb.i:
        return False
    return any(t.text == ":" for t in verb.doc[child.right_edge.i + 1:verb.i])


def _purpose_after_comma(verb: Token, child: Token) -> bool:
    """"..., Roberts said, to determine if ...": an infinitive set off by a comma is a
    purpose clause of the content, not what is said ('said, "Let them in"' is)."""
    if child.dep_ != "xcomp" or child.i < verb.i:
        return False
    between = verb.doc[verb.i + 1:child.left_edge.i]
    return any(t.text == "," for t in between) and not any(_opens_quote(t) for t in between)


#: how many words may stand between a reporting verb and the quotation it introduces
_QUOTE_GAP = 10


def _adjacent_quote(verb: Token, subject: Token) -> list[Token]:
    """The quotation right before a verb and its subject ('"Absolutely," he said') or right
    after the verb and a comma or colon ('Roe said, "Let them in."'), which the parse did
    not make the verb's clause: its words (to the end of the sentence when it runs on)."""
    doc = verb.doc
    sent = sent_of(verb)
    top = subject
    while top.head.i not in (verb.i, top.i) and top.i < verb.i and \
            top.dep_ in ("appos", "compound", "conj"):
        top = top.head  # "Roe's spokesman, Jane Doe, wrote": the subject holds the name
    lo = min(verb.i, top.left_edge.i)
    reports_after = any(c.i > verb.i and c.dep_ in _REPORTED_AFTER for c in children(verb))
    if lo > 1 and _closes_quote(doc[lo - 1]) and not reports_after and (
            top.head.i == verb.i or subject.i > verb.i):
        return list(doc[_quote_opener(doc, lo - 1):lo])
    for t in doc[verb.i + 1:min(sent.end, verb.i + _QUOTE_GAP)]:
        if _opens_quote(t) and doc[t.i - 1].text in (",", ":"):
            closer = next((c.i for c in doc[t.i + 1:sent.end] if _closes_quote(c)), sent.end - 1)
            return list(doc[t.i:closer + 1])
        if t.pos_ in ("VERB", "AUX") or t.is_quote:
            break
    return []


#: what a verb reports after itself: with one, a quotation before its subject is not its own
_REPORTED_AFTER = ("dobj", "ccomp", "xcomp", "conj", "attr", "oprd")

#: how far back (in tokens) the opening mark of a quotation is looked for
_QUOTE_REACH = 150


def _quote_opener(doc: Doc, closer: int) -> int:
    """Where the quotation closed at token ``closer`` opens: the nearest opening mark before
    it in its paragraph (the paragraph's start when there is none)."""
    for t in reversed(doc[max(0, closer - _QUOTE_REACH):closer]):
        if _opens_quote(t):
            return t.i
        if t.is_space and "\n\n" in t.text or "\n\n" in t.whitespace_:
            return t.i + 1
    return max(0, closer - _QUOTE_REACH)


def _closing_report(verb: Token, subject: Token) -> list[Token]:
    """'..., she said.' and '..., said Jane Roe, a planner.': a verb and its subject that
    close the sentence after a comma report what comes before the comma (when the parse
    hung that elsewhere)."""
    doc = verb.doc
    sent = sent_of(verb)
    first = min(verb.i, subject.left_edge.i)
    if first - 2 <= sent.start or doc[first - 1].text != "," or \
            not sent.start <= subject.i < sent.end:
        return []
    own = {t.i for t in subtree(subject)}
    if any(t.pos_ in ("VERB", "AUX") and t.i not in own for t in doc[verb.i + 1:sent.end]) \
            or any(c.dep_ in _OBJECTS and c.i > verb.i for c in children(verb)):
        return []  # "..., he established a pact": the verb has a report of its own
    return list(doc[sent.start:first - 1])


#: the dependencies of what a verb says or names after it
_OBJECTS = ("dobj", "dative", "attr", "oprd", "acomp", "xcomp", "ccomp")


def _opens_quote(token: Token) -> bool:
    """A quotation mark that opens: attached to the word after it, not to the one before."""
    doc = token.doc
    return token.is_quote and token.tag_ != "POS" and not token.whitespace_ and \
        token.i + 1 < len(doc) and (token.i == 0 or bool(doc[token.i - 1].whitespace_))


def _closes_quote(token: Token) -> bool:
    """A quotation mark that closes: attached to the word or comma before it."""
    doc = token.doc
    return token.is_quote and token.tag_ != "POS" and token.i > 0 and \
        not doc[token.i - 1].whitespace_ and (token.i + 1 == len(doc) or bool(token.whitespace_)
                                              or doc[token.i + 1].is_punct)


def _clause_after_object(verb: Token, obj: Token, joiners: frozenset[str],
                         ) -> Optional[Token]:
    """The verb a misparse hung as a conjunct although the object is its subject
    ("stating Lind owned the plane", "saying an attack ... produced no casualties")."""
    if obj.pos_ not in ("NOUN", "PROPN"):
        return None
    sent = sent_of(verb)
    heads = {verb.i} | {a.i for a in verb.ancestors}
    for t in obj.doc[obj.right_edge.i + 1:sent.end]:
        if t.dep_ == "cc" or t.lower_ in joiners or t.text in (";", ":"):
            return None
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("conj", "aux") and \
                (t.head.i in heads or t.head.head.i in heads):
            clause = t if t.dep_ == "conj" else t.head
            if any(c.dep_ in _SUBJECTS for c in children(clause)):
                return None
            return clause
    return None


def _clause_after_prep(verb: Token) -> list[Token]:
    """"said in a statement that ...", "tweeted in the early hours that ...": a "that"
    clause the parse hung on the noun of the verb's prepositional phrase, or on the verb as
    an adverbial clause, is what the verb reports."""
    for child in verb.rights:
        if child.dep_ == "advcl" and (_is_that_clause(child) or _bare_clause(child)):
            return [child]
        noun = _pobj_of(child) if child.dep_ == "prep" else None
        clause = None if noun is None else next((c for c in noun.rights if c.dep_ in (
            "acl", "relcl", "ccomp") and (_is_that_clause(c) or _whole_clause(c))), None)
        if clause is not None:
            return [clause]
    return []


def _bare_clause(clause: Token) -> bool:
    """A finite clause with a subject and no conjunction ("said after the vote he would
    stay"): an adverbial clause needs a "when", "if" or "because" to be one, a relative
    clause a "which" or "who"."""
    deps = {c.dep_ for c in children(clause)}
    return "nsubj" in deps and "mark" not in deps and (
        "aux" in deps or clause.tag_ in ("VBD", "VBZ", "VBP", "MD")) and not any(
        t.tag_ in _WH_TAGS for t in clause.doc[clause.left_edge.i:clause.i])


def _whole_clause(clause: Token) -> bool:
    """A bare clause with nothing missing, so not a relative clause on the noun before it
    ("admitted under questioning he had been wrong"; "the speech he gave" lacks its
    object)."""
    return _bare_clause(clause) and any(c.dep_ in _WHOLE for c in children(clause))


#: dependencies that show a clause has its object or predicate (no gap for a relative)
_WHOLE = ("dobj", "attr", "acomp", "ccomp", "oprd", "auxpass")


#: the tags of "which", "who", "whose", "when": words that open a relative clause
_WH_TAGS = ("WDT", "WP", "WP$", "WRB")


def _is_that_clause(clause: Token) -> bool:
    """A clause opened by the complementizer "that" (which the parse may call an adverb),
    with a subject of its own."""
    lefts = list(clause.lefts)
    return bool(lefts) and lefts[0].lower_ == "that" and lefts[0].dep_ in ("mark", "advmod") \
        and any(c.dep_ in _SUBJECTS or c.dep_ == "expl" for c in lefts)


def _prep_content(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    """"warned of ...", "cautioned against ...", "reported on ...": the prepositional object."""
    for child in children(verb):
        if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
            return list(subtree(child))
    return []


def _passive_content(verb: Token) -> list[Token]:
    """A passive report with its source: the thing reported and what it is reported as."""
    tail = [t for c in children(verb) if c.dep_ in ("prep", "xcomp", "oprd") and c.i > verb.i
            and (c.dep_ != "prep" or c.lower_ == "as") for t in subtree(c)]
    if not tail and verb.dep_ != "acl":
        # "the merger was announced by the firm": what was announced
        return [t for c in children(verb) if c.dep_ == "nsubjpass" for t in subtree(c)]
    if not tail:
        return []
    if verb.dep_ == "acl":
        head = verb.head
        return [t for t in subtree(head) if t.i <= head.i] + tail
    subject = [t for c in children(verb) if c.dep_ == "nsubjpass" for t in subtree(c)]
    return subject + tail


def _quoted_as(verb: Token, quoting: frozenset[str]) -> Optional[Token]:
    """"X was quoted as saying" and "the paper quoted X as saying": X speaks; "it cited the
    ministry as stating": it speaks."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or verb.tag_ != "VBG":
        return None
    frame = prep.head
    # passive: the one quoted speaks; active "X quoted Y as saying": Y, the innermost source;
    # other active frames ("X cited Y as stating"): X, whose evidence Y is
    deps = ("nsubjpass", "dobj", "nsubj") if frame.lemma_.lower() in quoting else (
        "nsubjpass", "nsubj")
    for dep in deps:
        for child in children(frame):
            if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN", "PRON"):
                return child
    return None


def _organisation_it(token: Token) -> bool:
    """"It said ..." of an organisation: an active, non-expletive "it" subject."""
    return token.lower_ == "it" and token.dep_ == "nsubj" and not any(
        c.dep_ in ("auxpass", "acomp", "attr") for c in children(token.head))


def _hangs_off_content(verb: Token) -> bool:
    """Is the verb a parenthetical on the clause it reports?"""
    if verb.head.i == verb.i:
        return False
    if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.head.i > verb.i):
        return True
    # "as X pointed out, ...": an "as" clause with its own subject and no object
    deps = {c.dep_ for c in children(verb)}
    return _as_it(verb) or (verb.dep_ == "advcl" and "nsubj" in deps and not deps & {
        "dobj", "prep"} and any(c.dep_ == "mark" and c.lower_ == "as" for c in children(verb)))


def _as_it(verb: Token) -> bool:
    """"As X put it, ...": an "as" clause whose object "it" is the clause it hangs on."""
    kids = list(children(verb))
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in kids) \
        and any(c.dep_ == "nsubj" for c in kids) and any(
            c.dep_ == "dobj" and c.lower_ == "it" for c in kids)


def _placed(verb: Token, placing: frozenset[str]) -> bool:
    """"as he put it on the shelf", "put it down": a particle or a preposition of place."""
    return any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in placing)
               for c in children(verb))


def _object_content(doc: Doc, verb: Token, needs: str,
                    joiners: frozenset[str]) -> list[Token]:
    """The object frame, a number to the right, or the sentence before a closing "X said"."""
    objects = [c for c in children(verb)
               if c.dep_ in ("dobj", "attr", "oprd", "acomp") and c.i > verb.i]
    if objects and needs in ("any", "quote", "clause"):
        start = min(c.i for c in objects)
        # "claimed Iran is influencing ...", "maintained an inquiry is what ...": the
        # "object" is the subject of a clause the parse hung as a conjunct
        clause = _clause_after_object(verb, doc[start], joiners)
        if clause is not None and _finite(clause):
            return list(doc[start:clause.right_edge.i + 1])
        if needs == "clause":
            return _raised_object(doc, objects)
        # the object and what follows it in the verb's own clause
        # ("reported Monday's attack the deadliest since ...")
        return [t for c in children(verb) if c.i >= start and c.dep_ not in _NOT_CONTENT
                for t in subtree(c)]
    if needs != "any":
        return []
    numbers = _right_numbers(verb)
    if numbers:
        return numbers  # "analysts estimating between 20,000 and 30,000 troops"
    if verb.dep_ == "ROOT" and verb.i > sent_of(verb).start + 3:
        # "..., X said." closing a sentence whose content came first
        own = set(subtree(verb))
        return [t for t in doc[sent_of(verb).start:verb.i] if t not in own]
    return []


def _finite(verb: Token) -> bool:
    """Is the verb finite ("is", "said", "will go"), as the verb of a clause must be?"""
    return verb.tag_ in _FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS + ("MD",) for c in children(verb))


#: the tags of finite verb forms
_FINITE_TAGS = ("VBD", "VBZ", "VBP")


def _raised_object(doc: Doc, objects: list[Token]) -> list[Token]:
    """"declared the outbreak - a new disease - to be a pandemic": an aside after the object
    makes the parse hang "to be" on the object; the object and its infinitive are a clause."""
    obj = min(objects, key=lambda c: c.i)
    # the infinitive hangs on the object or on the aside in apposition to it
    hosts = [obj] + [c for c in children(obj) if c.dep_ == "appos"]
    for child in (c for host in hosts for c in children(host)):
        if child.dep_ == "acl" and child.lemma_ == "be" and child.i > obj.i and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in children(child)):
            return list(doc[obj.left_edge.i:child.right_edge.i + 1])
    return []


def _reported_conjuncts(verb: Token, clausal: list[Token]) -> list[Token]:
    """"Acme said it seeks X and intends Y": with the sequence of tenses, a present-tense
    conjunct of a past reporting verb continues the (present-tense) reported clause."""
    if verb.tag_ != "VBD":
        return []
    tags = {c.tag_ for c in clausal}
    out: list[Token] = []
    for conj in children(verb):
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.tag_ in ("VBZ", "VBP") \
                and conj.tag_ in tags and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in children(conj)):
            out.extend(subtree(conj))
    return out


def _contrasted_subject(subject: Token, verb: Token, contrast: set[str]) -> Token:
    """"the company invested ..., but the Daily Ledger reports": the parse may hang the real
    subject as a conjunct of an earlier noun; take the conjunct right before the verb."""
    for conj in children(subject):
        if conj.dep_ == "conj" and conj.i < verb.i and conj.right_edge.i + 1 \
                == verb.i and any(c.dep_ == "cc" and c.lower_ in contrast
                                  for c in children(subject)):
            return conj
    return subject


#: entity labels an apposition may name a speaker with
_NAME_LABELS = ("PERSON", "ORG")


def _appositive_name(subject: Token, verb: Token) -> Token:
    """"the director of the institute, Dr Jane Roe, said" -> Jane Roe: the apposition's name.

    The name is an appositive child of the subject, or a name set off by commas that ends
    right before the verb (the parse often hangs it elsewhere)."""
    if subject.ent_type_ == "PERSON":
        return subject
    for child in children(subject):
        if child.dep_ == "appos" and child.ent_type_ in _NAME_LABELS and (
                child.ent_type_ == "PERSON" or not subject.ent_type_):
            return child
    doc = subject.doc
    j = verb.i - 1
    if j > subject.i and doc[j].text == ",":
        j -= 1
    ent = info(doc).entity_at(j) if j > subject.i and doc[j].ent_type_ else None
    if ent is None or ent.end != j + 1 or ent.start <= subject.i + 1 or \
            doc[ent.start - 1].text != "," or ent.label_ not in _NAME_LABELS:
        return subject
    if ent.label_ == "PERSON" or not subject.ent_type_:
        return ent.root
    return subject


def _right_numbers(verb: Token) -> list[Token]:
    """Words right of the verb, outside its clauses, when they hold a number."""
    tokens = [t for c in children(verb)
              if c.i > verb.i and c.dep_ in ("prep", "npadvmod", "advmod", "dative")
              for t in subtree(c)]
    return tokens if any(t.like_num for t in tokens) else []


def _trailing_participle(doc: Doc, tokens: list[Token], clausal: list[Token],
                         objects: list[Token]) -> list[Token]:
    """A participle clause right after an object or complement that ends in a noun, which
    the parser hung elsewhere ("estimating 20,000 troops | killed or injured in the city"):
    its words. Not for reported clauses (``clausal`` without ``objects``)."""
    if not tokens or (clausal and not objects):
        return []
    last = max(tokens, key=lambda t: t.i)
    if last.i + 1 >= len(doc) or last.pos_ not in ("NOUN", "PROPN"):
        return []
    nxt = doc[last.i + 1]
    if nxt.tag_ not in ("VBN", "VBD") or nxt.dep_ not in ("advcl", "acl", "conj") \
            or nxt in tokens or sent_of(nxt).start != sent_of(last).start \
            or any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "auxpass") for c in children(nxt)):
        return []
    return [t for t in subtree(nxt) if t.i > last.i]


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token = token.head
        depth += 1
    return depth


def _run_start(doc: Doc, i: int, allowed: set[int]) -> int:
    while i - 1 in allowed:
        i -= 1
    return i


def _run_end(doc: Doc, i: int, allowed: set[int]) -> int:
    while i + 1 in allowed:
        i += 1
    return i


def _has_quote(doc: Doc, tokens: list[Token]) -> bool:
    """Do the tokens hold a quotation mark (not a possessive's apostrophe)?"""
    return any(t.text in {'"', "\u201c", "\u201d", "\u00ab", "\u00bb"} or (
        t.is_quote and t.tag_ != "POS") for t in tokens) or any(
        t.i > 0 and doc[t.i - 1].is_quote and doc[t.i - 1].tag_ != "POS" for t in tokens[:1])


def _any_cue_between(found: list[Attribution], start: int, end: int,
                     own: Optional[Attribution] = None) -> bool:
    """Does another attribution's cue than ``own``'s lie between two character offsets?"""
    return any(start <= att.cue_start < end and not (
        own is not None and att.cue_start == own.cue_start) for att in found)


def _quote_owner(found: list[Attribution], text: str, q_start: int,
                 q_end: int) -> Optional[Attribution]:
    """The attribution a quotation belongs to: one whose content overlaps it or whose cue
    follows it closely."""
    for att in found:
        if att.content[0] < q_end and q_start < att.content[1]:
            return att
        if att.cue_start >= q_end and _gap_is_short(text, q_end, att.cue_start):
            return att
    return None


def _runs_into(found: list[Attribution], text: str, q_start: int,
               joiners: frozenset[str]) -> Optional[Attribution]:
    """An attribution whose content runs on into the quotation ('said he was X and "..."',
    'told the press X: "..."', or later in the same sentence with no cue between): the
    quotation is more of what it reports."""
    for att in found:
        if att.cue_end > q_start or q_start < att.content[1]:
            continue
        gap = text[att.content[1]:q_start]
        if len(gap) <= 6 and gap.strip(" ,:") in joiners | {""}:
            return att
        if len(gap) <= _RUN_ON and not _SENTENCE_END.search(gap) and \
                not _any_cue_between(found, att.content[1], q_start):
            return att  # 'said he would stay because they had "..."': the same sentence
    return None


#: how far (in characters) reported content may run on to a quotation in its sentence
_RUN_ON = 60
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


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


def _indices(doc: Doc, pos: int, lemmas: Container[str]) -> list[int]:
    """The indices of the tokens with part of speech ``pos`` whose lower-cased lemma is in
    ``lemmas``, read from the arrays (no Token is built for the others)."""
    if not len(doc):
        return []
    table = doc.to_array([POS, LEMMA])
    where = np.flatnonzero(table[:, 0] == pos)
    strings = doc.vocab.strings
    return [i for i, lemma in zip(where.tolist(), table[where, 1].tolist())
            if strings[lemma].lower() in lemmas]


def _owner(noun: Token) -> Optional[Token]:
    """Who a statement noun belongs to: its possessor ("the union's claim") or the object of
    its "by" ("the announcement by the club")."""
    for child in children(noun):
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((p for p in children(child) if p.dep_ == "pobj"), None)
    return None


def _nearest_entity(doc: Doc, before: int, want: str,
                    skip: Callable[[int], bool]) -> Optional[Mention]:
    """The latest fitting entity before token ``before``, subjects first (they are salient);
    ``skip(char)`` rules out entities in datelines, the preamble and quotations."""
    labels = ("PERSON",) if want == "PERSON" else ("PERSON", "ORG", "GPE", "NORP")
    candidates = [ent for ent in info(doc).ents if ent.end <= before and ent.label_ in labels
                  and not skip(ent.start_char)]
    if not candidates:
        return None
    subjects = [ent for ent in candidates if ent.root.dep_ in ("nsubj", "nsubjpass")]
    best = (subjects or candidates)[-1]
    return Mention(best.start, best.end, best.end - 1, best.label_, best.text, None)


def _has_role(title: str, role: str, roles: dict[str, str]) -> bool:
    words = title.lower().replace(",", " ").split()
    return any(roles.get(w) == role for w in words)


def _phrase_source(doc: Doc, last: Token, end: int) -> Optional[Token]:
    """The source an attribution phrase names: the object of its last word, else the noun
    phrase right after it ("per the ministry", "according to officials")."""
    source = None
    for child in children(last):
        if child.dep_ == "pobj":
            source = child
    if source is None and end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN", "PRON"):
        source = doc[end]
        while source.head.i > source.i and source.head.i < end + 6 and \
                source.head.pos_ in ("NOUN", "PROPN"):
            source = source.head
    return source


def _phrase_anchor(first: Token, sent: Any) -> Token:
    """The clause an attribution phrase hangs on: up through prepositions, then up through
    coordinated clauses ("17 died and 35 were rescued, according to officials")."""
    anchor = first.head
    for _ in range(8):
        if anchor.dep_ not in ("prep", "pobj", "pcomp") or anchor.pos_ in ("VERB", "AUX") \
                or anchor.head.i == anchor.i:
            break
        anchor = anchor.head
    for _ in range(8):
        if anchor.dep_ != "conj" or anchor.head.i == anchor.i or sent_of(anchor.head) != sent:
            break
        anchor = anchor.head
    return anchor


def _pobj_of(prep: Token) -> Optional[Token]:
    """The object of a preposition, or None."""
    return next((c for c in children(prep) if c.dep_ == "pobj"), None)
