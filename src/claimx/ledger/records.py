"""Claim records: one flat, JSON-safe row per figure (a quantity of a claim).

A record carries everything the figure key (`claimx.ledger.keys`) and the ledger's
views need: the document's metadata, the speaker, the quantity, the time, the hedges, and
the text of the claim's sentence (the context that says what a number counts). The same
records are written to SQLite by `claimx.ledger.Ledger` and to Parquet by the Dask
job of `claimx.ledger.dask`, so both group exactly the same rows.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from ..types import Claim
from .keys import closes_its_clause, lemma, most_before, terms

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..quantities.holder import Owner

#: the columns of a claim record, in order (the Parquet schema and the SQLite table)
COLUMNS = (
    "doc_id", "outlet", "doc_date", "url", "doc_place", "claim_index", "quantity_index",
    "claim_text", "claim_start", "sentence_text", "sentence_start",
    "speaker_name", "speaker_text", "speaker_label", "speaker_title", "cue_kind",
    "q_text", "q_start", "q_value", "q_low", "q_high", "q_bound", "q_unit", "q_entity",
    "q_restates", "q_holder", "q_place", "claim_quantities",
    "time_text", "time_start", "time_end", "hedge_kinds", "hedge_texts", "hedge_sources",
)


def _sentence(claim: Claim, text: Optional[str]) -> tuple[str, int]:
    if text is None:
        return claim.text, claim.span[0]
    start, end = claim.sentence
    return text[start:end], start


def _speaker_fields(claim: Claim) -> dict[str, Any]:
    s = claim.speaker
    return {"speaker_name": s.name if s else None, "speaker_text": s.text if s else None,
            "speaker_label": s.label if s else None, "speaker_title": s.title if s else None,
            "cue_kind": claim.cue.kind if claim.cue else None}


def _time_fields(claim: Claim) -> dict[str, Any]:
    t = claim.time
    return {"time_text": t.text if t else None,
            "time_start": t.start.isoformat() if t and t.start else None,
            "time_end": t.end.isoformat() if t and t.end else None}


def _hedge_fields(claim: Claim) -> dict[str, Any]:
    return {"hedge_kinds": "|".join(h.kind for h in claim.hedges),
            "hedge_texts": "|".join(h.text for h in claim.hedges),
            "hedge_sources": "|".join(h.source or "" for h in claim.hedges)}


def _restated_entity(claim: Claim, qi: int, text: Optional[str]) -> Optional[str]:
    """The entity of the quantity that quantity ``qi`` restates in parentheses, if any.

    "winds of 75 miles per hour (120 kilometers per hour)": the second is the first in
    another unit, so it measures the same entity.
    """
    q = claim.quantities[qi]
    if q.entity is not None or qi == 0 or text is None:
        return None
    prev = claim.quantities[qi - 1]
    between = text[prev.span[1]:q.span[0]].strip()
    return prev.entity if between in ("(", "[", ", or", "or") else None


def _referred_entities(claims: list[Claim],
                       text: Optional[str]) -> dict[tuple[int, int], str]:
    """(claim, quantity) -> the entity named earlier in the document that a number refers
    back to. A bare measure noun ("the rate had reached 95%") takes the latest entity of
    the same unit that ends in that noun ("a 95% immunization rate"), a target noun ("the
    goal was 90%") the entity of the latest figure of its unit; a percentage with no
    entity takes the entity of an earlier percentage of its sentence ("called for a 100%
    immunization rate, and stated 92% had been reached")."""
    bare = {lemma(w) for w in terms()["anaphoric_measures"]}
    targets = {lemma(w) for w in terms()["target_nouns"]}
    latest: dict[str, str] = {}               # unit -> the entity of its latest figure
    shares = set(terms()["dimensionless_units"]) - {terms()["fraction_unit"]}
    named: dict[str, list[str]] = {}          # unit -> the entities named so far
    in_sentence: dict[tuple[int, str], str] = {}  # (sentence, unit) -> its latest entity
    out: dict[tuple[int, int], str] = {}
    ends = {q.span[1]: q.entity for c in claims for q in c.quantities if q.entity}
    for ci, claim in enumerate(claims):
        sentence = _sentence(claim, text)[1]
        for qi, q in enumerate(claim.quantities):
            unit, entity = q.unit or "", (q.entity or "").strip()
            noun = lemma(entity.lower()) if entity and " " not in entity else ""
            partner = _scoreline_first(ends, text, q.span[0]) if not entity else None
            if partner:
                out[(ci, qi)] = partner     # "a count of 362 to 176", the parse split apart
            elif noun in targets:
                if unit in latest:          # "the goal was to exceed 90 percent": a target
                    out[(ci, qi)] = latest[unit]   # for the measure given last in its unit
                continue
            elif noun in bare:
                earlier = [e for e in named.get(unit, []) if lemma(e.lower().split()[-1]) == noun]
                if earlier:
                    out[(ci, qi)] = earlier[-1]
            elif not entity and unit in shares and (sentence, unit) in in_sentence:
                out[(ci, qi)] = in_sentence[(sentence, unit)]
            elif entity:
                named.setdefault(unit, []).append(entity)
                in_sentence[(sentence, unit)] = entity
            if entity:
                latest[unit] = out.get((ci, qi), entity)
    return out


#: the words between the two numbers of a scoreline ("362 to 176"), read back from the second
_TO_BEFORE = re.compile(r"\s+to\s+$")


def _scoreline_first(ends: Mapping[int, str], text: Optional[str],
                     start: int) -> Optional[str]:
    """The entity of the number that a scoreline's second number at ``start`` follows
    ("an electoral count of 362 to 176"), whichever claim holds it; ``ends``: the end of
    every quantity of the document that has an entity -> its entity."""
    if text is None:
        return None
    gap = _TO_BEFORE.search(text[max(0, start - 12):start])
    return ends.get(start - len(gap.group())) if gap else None


#: how much of the text after a bare number shows whether it closes its clause
_AFTER_WORDS = 40
#: how far back (in characters) the ranking a sentence goes on with may begin
_RANKING_REACH = 400


def _ranked_entities(claims: list[Claim], text: Optional[str]) -> dict[tuple[int, int], str]:
    """(claim, quantity) -> what a bare number counts in a sentence that goes on with the
    ranking of the sentence before ("X had the most pledged delegates, with 60. In second
    place, Y had 54."): the entity of the last figure before it, in its paragraph."""
    if text is None:
        return {}
    openings = tuple(terms()["place_in_ranking"])
    out: dict[tuple[int, int], str] = {}
    for ci, claim in enumerate(claims):
        for qi, q in enumerate(claim.quantities):
            if q.entity or q.unit or \
                    not closes_its_clause(q.text, text[q.span[1]:q.span[1] + _AFTER_WORDS]):
                continue
            start = claim.sentence[0]
            if not text[start:q.span[0]].lower().lstrip().startswith(openings):
                continue
            window = text[max(0, start - _RANKING_REACH):start]
            window = window[window.rfind("\n\n") + 1:]          # its own paragraph
            counted = most_before(window, anywhere=True)
            if counted:
                out[(ci, qi)] = " ".join(counted)
    return out


def claim_records(claims: list[Claim], doc: dict[str, Any], text: Optional[str] = None,
                  holders: Optional[Mapping[tuple[int, int], Owner]] = None,
                  doc_place: Optional[str] = None) -> list[dict[str, Any]]:
    """One record per quantity of ``claims``; ``doc`` gives doc_id, outlet, date and url;
    ``holders`` the holder of each quantity span that has one (`Extracted.holders`),
    ``doc_place`` the country of the document's lead (`Extracted.doc_place`).

    A number that two claims of the document share is recorded once, with the first.
    """
    holders = holders or {}
    base = {"doc_id": doc["doc_id"], "outlet": doc.get("outlet"),
            "doc_date": doc.get("date"), "url": doc.get("url"), "doc_place": doc_place}
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    referred = {**_ranked_entities(claims, text), **_referred_entities(claims, text)}
    for ci, claim in enumerate(claims):
        sentence, sentence_start = _sentence(claim, text)
        siblings = json.dumps([[q.span[0], q.text, q.entity, q.unit] for q in claim.quantities],
                              ensure_ascii=False)
        shared = {**base, "claim_index": ci, "claim_text": claim.text,
                  "claim_start": claim.span[0], "sentence_text": sentence,
                  "sentence_start": sentence_start, **_speaker_fields(claim),
                  **_time_fields(claim), **_hedge_fields(claim)}
        for qi, q in enumerate(claim.quantities):
            if (q.span[0], q.text) in seen:      # one number read into two claims
                continue
            seen.add((q.span[0], q.text))
            out.append({**shared, "quantity_index": qi, "q_text": q.text, "q_start": q.span[0],
                        "q_value": q.value, "q_low": q.low, "q_high": q.high,
                        "q_bound": q.bound, "q_unit": q.unit, "q_entity": q.entity,
                        "q_restates": _restated_entity(claim, qi, text)
                        or referred.get((ci, qi)),
                        "q_holder": holders[q.span].holder if q.span in holders else None,
                        "q_place": holders[q.span].place if q.span in holders else None,
                        "claim_quantities": siblings})
    return [{c: r.get(c) for c in COLUMNS} for r in out]


def figure_id(record: dict[str, Any]) -> str:
    """A figure's id within a ledger: ``doc_id#claim_index.quantity_index``."""
    return f"{record['doc_id']}#{int(record['claim_index'])}.{int(record['quantity_index'])}"


class Extracted(NamedTuple):
    """What the ledger keeps of one parsed document."""

    claims: list[Claim]
    #: the date given, else the one found in the document's header or dateline (ISO)
    date: Optional[str]
    #: quantity span -> whose that figure is and where (`claimx.quantities.holder`)
    holders: dict[tuple[int, int], Owner]
    #: the one country the document's lead names, if it names exactly one (`lead_place`)
    doc_place: Optional[str] = None


def from_doc(doc: Doc, date: Optional[str]) -> Extracted:
    """The claims, date and figure holders of a parsed Doc (``date``: the one given)."""
    from ..quantities.holder import owners_of

    claims = list(doc._.claims)
    spans = sorted({q.span for c in claims for q in c.quantities})
    holders = {s: o for s, o in zip(spans, owners_of(doc, spans)) if o.holder or o.place}
    if date is None:
        found = doc._.reference_date
        date = None if found is None else found.isoformat()
    return Extracted(claims, date, holders, lead_place(doc))


def lead_place(doc: Doc) -> Optional[str]:
    """The country a document is about, when the first sentence of its body names exactly
    one ("On Thursday, the government of Samoa began ..." -> samoa); else None. The key gives
    it to a figure that says no place of its own ("coverage had risen to 55 percent")."""
    from ..pipeline.annotations import get_context
    from .keys import country_counts

    context = get_context(doc)
    start = context.body_start if context is not None else 0
    for sent in doc.sents:
        if sent.end_char <= start or len(sent) < _LEAD_WORDS:
            continue
        counts = sorted(country_counts(sent.text).items(), key=lambda kv: -kv[1])
        if len(counts) == 1 or (len(counts) > 1 and counts[0][1] > counts[1][1]):
            return counts[0][0]       # the one country, or the one named most
        return None
    return None


#: how many tokens a sentence needs to be a document's lead (not a date line)
_LEAD_WORDS = 6


def extract_document(extractor: Any, text: str, date: Optional[str]) -> Extracted:
    """The claims of ``text``, its date (``date`` when given, else the one in its header)
    and the holders of its figures.

    ``extractor`` is a `claimx.Extractor`; only its public ``parse`` is used.
    """
    return from_doc(extractor.parse(text, date), date)
