"""Unicode that real feeds carry: lone surrogates, byte-order marks, emoji and joiners in
names, and thousands separators written as no-break or thin spaces."""
from __future__ import annotations

import json

import pytest

from claimx.spanindex import word_edges, word_text
from claimx.surrogates import replace_surrogates, restore_texts

#: a made-up sentence, split where a lone surrogate goes
SENTENCE = ("The harbour master said on Monday that 40 ships {} were stuck, and port officials "
            "said 12 crews had left.")


def _spans(claim):
    """Every (text, start, end) of a claim and its parts."""
    out = [(claim.text, claim.start, claim.end)]
    for part in [claim.speaker, claim.cue, claim.time, *claim.quantities, *claim.hedges]:
        if part is not None:
            out.append((part.text, part.span[0], part.span[1]))
    return out


@pytest.mark.parametrize("escape", ["\\ud83d", "\\udc00", "\\ud800\\ud800"])
def test_lone_surrogates_are_read_as_replacement_characters(extractor, escape):
    text = json.loads(json.dumps(SENTENCE).replace("{}", escape))  # as json.loads gives it
    assert any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    claims = extractor.extract(text)
    clean = extractor.extract(SENTENCE.replace("{}", "\ufffd" * (len(escape) // 6)))
    assert [c.start for c in claims] == [c.start for c in clean]
    assert len(claims) >= 2
    for claim in claims:
        for part_text, start, end in _spans(claim):
            assert text[start:end] == part_text  # exact offsets into the text as given
    assert [q.value for c in claims for q in c.quantities] == [40.0, 12.0]


def test_lone_surrogates_in_extract_many_and_parse(extractor):
    bad = "Officials said 30 homes \udcff were hit."
    results = list(extractor.pipe([bad, "Police said 3 cars burned."]))
    assert [q.value for q in results[0][0].quantities] == [30.0]
    assert results[0][0].text == bad[results[0][0].start:results[0][0].end]
    assert results[1][0].quantities[0].value == 3.0
    doc = extractor.parse(bad)
    assert doc.text == bad.replace("\udcff", "\ufffd")


def test_replace_surrogates_keeps_length_and_identity():
    assert replace_surrogates("plain") == "plain"
    ok = "caf\u00e9 \U0001f6a8"
    assert replace_surrogates(ok) is ok
    assert replace_surrogates("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    record = {"text": "x", "span": [1, 2], "parts": [{"text": "y", "span": [0, 1]}]}
    assert restore_texts(record, "a\ud800") == {"text": "\ud800", "span": [1, 2],
                                                "parts": [{"text": "a", "span": [0, 1]}]}


@pytest.mark.parametrize("text", [
    "\ufeffThe harbour master said 40 ships were stuck.",
    "\U0001f6a8 BREAKING \U0001f6a8 Port officials said 40 ships were stuck.",
    "\U0001f1fa\U0001f1e6 Harbour officials said 40 ships were stuck.",
    "Harbour officials \U0001f1fa\U0001f1e6 said 40 ships were stuck.",
    "\u200d said 40 ships were stuck.",
    "The \U0001f468\u200d\U0001f469\u200d\U0001f467 family said 40 ships \U0001f6a2 were stuck.",
    "Port officials said 40 \U0001f6a2\u200d ships were stuck.",
])
def test_names_and_entities_start_and_end_on_a_letter_or_digit(extractor, text):
    claims = extractor.extract(text)
    assert claims
    names = []
    for claim in claims:
        if claim.speaker is not None:
            names += [claim.speaker.name, claim.speaker.text]
            title = claim.speaker.title or "x"
            assert title == title.strip(" \u200d\ufeff\U0001f6a8\U0001f1fa\U0001f1e6")
            s, e = claim.speaker.span
            assert text[s:e] == claim.speaker.text
        names += [q.entity for q in claim.quantities]
        names += [h.source for h in claim.hedges]
    for name in filter(None, names):
        assert name[0].isalnum() and name[-1].isalnum(), (text, name)
        assert "\u200d" not in name and "\ufeff" not in name and "\U0001f6a8" not in name
    assert [q.value for c in claims for q in c.quantities] == [40.0]


def test_a_lone_joiner_is_nobody(extractor):
    claims = extractor.extract("\u200d said 40 ships were stuck.")
    assert all(c.speaker is None for c in claims)


def test_word_edges():
    text = "\ufeff\U0001f6a8 BREAKING \U0001f6a8 Officials\u200d"
    s, e = word_edges(text, 0, len(text))
    assert text[s:e] == "Officials"
    assert word_text("\u200d") is None and word_text("") is None
    assert word_text("(the port)") == "the port"


@pytest.mark.parametrize("sep", ["\u00a0", "\u2009", "\u202f"])
def test_space_thousands_separators_make_one_number(extractor, sep):
    text = f"The harbour master said 1{sep}200 ships and 12{sep}345{sep}678 tonnes were stuck."
    claims = extractor.extract(text)
    quantities = [q for c in claims for q in c.quantities]
    assert [q.value for q in quantities] == [1200.0, 12345678.0]
    assert quantities[0].text == f"1{sep}200 ships" and quantities[0].entity == "ships"
    assert quantities[1].unit == "tonne"


def test_a_plain_space_still_separates_numbers(extractor):
    claims = extractor.extract("The scores were 3 1 and 2 0, the league said.")
    values = [q.value for c in claims for q in c.quantities]
    assert 1200.0 not in values and 31.0 not in values
