"""Bad arguments, hostile texts and threads: claimx fails clearly or not at all, in bounded
time, with exact offsets."""
from __future__ import annotations

import datetime as dt
import string
import threading
import time

import pytest

import claimx
from claimx.chunking import CHUNK_CHARS
from strategies import assert_doc_offsets, assert_offsets, time_limit

LIMIT = 30.0  # seconds: generous, a hang is what these tests catch


# -- boundary errors -----------------------------------------------------------------------
@pytest.mark.parametrize("bad", [None, b"bytes", 42, 3.5, ["a list"], {"text": "x"}])
def test_non_str_text_raises_type_error_naming_the_type(extractor, bad):
    name = type(bad).__name__
    with pytest.raises(TypeError, match=name):
        claimx.extract(bad)
    with pytest.raises(TypeError, match=name):
        extractor.extract(bad)
    with pytest.raises(TypeError, match=name):
        extractor.parse(bad)
    with pytest.raises(TypeError, match=name):
        list(claimx.extract_many(["fine", bad]))


def test_single_string_to_extract_many_raises(extractor):
    with pytest.raises(TypeError, match="single str"):
        list(claimx.extract_many("a text, not a list"))
    with pytest.raises(TypeError, match="single str"):
        list(extractor.pipe("a text"))


@pytest.mark.parametrize("bad", ["yesterday", "13/03/2023", "2023-13-01", "2023-03-1",
                                 "20230313", "", "2023-03-13T10:00 and more"])
def test_bad_reference_date_string_lists_accepted_forms(extractor, bad):
    with pytest.raises(ValueError, match="YYYY-MM-DD") as info:
        claimx.extract("The mayor said 3 people died.", reference_date=bad)
    message = str(info.value)
    assert "datetime.date" in message and "None" in message
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        extractor.extract("x", reference_date=bad)


def test_bad_reference_date_type(extractor):
    with pytest.raises(TypeError, match="int"):
        extractor.extract("The mayor said 3 people died.", reference_date=20230313)


@pytest.mark.parametrize("ref", [dt.date(2023, 3, 13), dt.datetime(2023, 3, 13, 9, 30),
                                 "2023-03-13", " 2023-03-13 "])
def test_good_reference_dates_agree(extractor, ref):
    text = "The mayor, John Smith, said 3 people died on Monday."
    claims = extractor.extract(text, ref)
    assert claims and claims[0].time is not None
    assert claims[0].time.start == dt.date(2023, 3, 13)


@pytest.mark.parametrize("empty", ["", " ", "\n\n\t ", "\u00a0\u2003", "\r\n"])
def test_empty_and_whitespace_give_nothing(extractor, empty):
    assert claimx.extract(empty) == []
    assert extractor.extract(empty) == []
    assert list(extractor.pipe([empty, empty])) == [[], []]


# -- found by the property tests ------------------------------------------------------------
def test_verbless_hedged_sentence(extractor):
    """A hedge cue whose parse head chain ends at a non-verb root once looped forever."""
    for text in ("rePORTEDLY", "Reportedly more than 20 deaths.", "Possibly the largest fire.",
                 "Unconfirmed reports of 20 deaths."):
        claims = _survives(extractor, text, 10)
    assert claims and claims[0].hedges[0].kind == "unverified"


def test_hedge_stays_in_its_sentence(extractor):
    text = ("Maria Garcia, the governor, said 40 soldiers were injured on Friday. John Smith, "
            "the mayor, said 9 people were killed on Tuesday, a figure that could not be "
            "independently verified.")
    first, second = extractor.extract(text, "2023-03-13")
    assert [h.kind for h in second.hedges] == ["unverified"]
    assert first.hedges == ()


def test_counted_entity_after_up_to(extractor):
    text = ("John Smith, the mayor, said up to 1,035 students were injured on Monday, a figure "
            "that could not be independently verified.")
    (claim,) = extractor.extract(text, "2023-03-13")
    (q,) = claim.quantities
    assert (q.text, q.bound, q.high, q.entity) == ("up to 1,035 students", "at_most", 1035.0,
                                                   "students")


# -- hostile inputs ------------------------------------------------------------------------
def _survives(extractor, text: str, limit: float = LIMIT) -> list:
    start = time.monotonic()
    with time_limit(limit, f"extract of a {len(text)}-character text"):
        claims = extractor.extract(text)
    assert time.monotonic() - start < limit
    assert_offsets(text, claims)
    return claims


def test_huge_number(extractor):
    _survives(extractor, "Officials said " + "7" * 20_000 + " people were evacuated.")


def test_many_comma_separated_ones(extractor):
    _survives(extractor, "The mayor said " + "1," * 5_000 + " homes were damaged.")


def test_unbalanced_quotes(extractor):
    _survives(extractor, "He said \"" + "\" \u201c '" * 1_250 + " 3 people died.")


def test_repeated_cue_phrase(extractor):
    text = "according to officials, " * 3_000 + "12 people were killed."
    _survives(extractor, text)


def test_no_punctuation(extractor):
    words = "the mayor said more than 300 people were evacuated on Monday and officials "
    text = (words * (20_000 // len(words) + 1))[:20_000]
    _survives(extractor, text)


def test_html_markup(extractor):
    text = ("<html><head><title>News</title><script>var x = '1,000';</script></head><body>"
            "<p>The mayor, <b>John Smith</b>, said <i>more than 300</i> homes were "
            "damaged on <a href='#'>Monday</a>.</p><br/><div class=\"x\">&amp; &lt;3 "
            "&#8212;</div></body></html>") * 20
    _survives(extractor, text)


def test_control_characters(extractor):
    controls = "".join(chr(i) for i in range(32)) + "\x7f"
    text = ("The mayor said " + controls + " 300 homes were damaged" + controls + ". ") * 20
    _survives(extractor, text)
    _survives(extractor, controls * 50)


def test_combining_characters_and_zero_width_spaces(extractor):
    text = ("The ma\u0301yor\u200b said\u200c 3\u200d00 ho\u0308mes we\u0327re "
            "damaged\ufeff on Monday.\u2060 ") * 30 + "e\u0301" * 500
    _survives(extractor, text)


def test_right_to_left_text(extractor):
    text = ("\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b \u0625\u0646 300 "
            "\u0634\u062e\u0635 \u0642\u062a\u0644\u0648\u0627. "
            "\u05d4\u05d3\u05d5\u05d1\u05e8 \u05d0\u05de\u05e8 \u05e9-40 "
            "\u05d0\u05e0\u05e9\u05d9\u05dd "
            "\u05e0\u05e4\u05e6\u05e2\u05d5. \u202eThe mayor said 300 people died.\u202c ") * 20
    _survives(extractor, text)


def test_emoji(extractor):
    text = ("\U0001f525 The mayor \U0001f468\u200d\U0001f469\u200d\U0001f467 said 300 "
            "\U0001f3e0 homes were damaged \U0001f1fa\U0001f1e6 on Monday "
            "\U0001f44d\U0001f3fd. ") * 30
    _survives(extractor, text)


@pytest.mark.parametrize("text", [
    "Der Bürgermeister sagte am Montag, mehr als 300 Häuser seien beschädigt worden. "
    "Laut Polizei wurden 12 Menschen verletzt, was nicht unabhängig bestätigt werden konnte.",
    "El alcalde dijo el lunes que más de 300 casas resultaron dañadas. Según la policía, "
    "12 personas resultaron heridas, una cifra que no pudo ser verificada.",
    "Мэр заявил в понедельник, что более 300 домов были повреждены. По данным полиции, "
    "12 человек получили ранения, что не удалось независимо проверить.",
], ids=["german", "spanish", "russian"])
def test_non_english_news(extractor, text):
    _survives(extractor, (text + "\n\n") * 5)


def test_mixed_hostile_in_one_stream(extractor):
    texts = ["", "7" * 5_000, "\x00\x01", "<p>said</p>", "\u200b" * 100, "😀" * 100,
             "The mayor said 3 people died."]
    with time_limit(LIMIT):
        results = list(extractor.pipe(texts, batch_size=3))
    assert len(results) == len(texts)
    for text, claims in zip(texts, results):
        assert_offsets(text, claims)


@pytest.mark.slow
def test_two_megabytes_beyond_max_length(extractor, seed_0313):
    paragraphs = [p for p in seed_0313.split("\n\n") if p.strip()]
    parts, size = [], 0
    while size < 2_000_000:
        part = paragraphs[len(parts) % len(paragraphs)]
        parts.append(part)
        size += len(part) + 2
    text = "\n\n".join(parts)
    assert len(text) > 1_000_000 > CHUNK_CHARS  # beyond spaCy's default max_length
    with time_limit(600, "extract of 2 MB"):
        claims = extractor.extract(text)
    assert_offsets(text, claims)
    # the seed's claims repeat all the way through the text, not only in the first chunk
    assert len(claims) > 100 and claims[-1].end > len(text) - 50_000
    # the same article gives the same claims, shifted, wherever it sits in the long text
    single = extractor.extract(seed_0313)
    assert single


def test_chunked_text_equals_parts(extractor, seed_0313, monkeypatch):
    """Chunking is exact: a text cut into chunks gives each chunk's claims, shifted."""
    monkeypatch.setattr("claimx.api.chunk_text",
                        lambda text, max_length: _chunks(text, 4_000))
    text = seed_0313 + "\n\n" + seed_0313
    claims = extractor.extract(text)
    assert_offsets(text, claims)
    expected = []
    for offset, chunk in _chunks(text, 4_000):
        expected.extend((c.start + offset, c.end + offset, c.text)
                        for c in extractor.extract(chunk))
    assert [(c.start, c.end, c.text) for c in claims] == expected
    doc = extractor.parse(text)
    assert_doc_offsets(text, doc)


def _chunks(text, size):
    from claimx.chunking import chunk_text

    return chunk_text(text, size=size)


# -- threads ---------------------------------------------------------------------------------
def test_threads_share_one_extractor(extractor, seed_0313, seed_0306):
    texts = [seed_0313, seed_0306, "The mayor, John Smith, said 300 homes were damaged.",
             "According to Reuters, more than 40 people were killed on Monday."] * 2
    serial = [[c.to_dict() for c in extractor.extract(t)] for t in texts]
    results: dict[int, list] = {}
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(k, len(texts), 4):
                results[i] = [c.to_dict() for c in extractor.extract(texts[i])]
            list(extractor.pipe(texts[:2]))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    assert not errors, errors
    assert [results[i] for i in range(len(texts))] == serial


def test_strings_do_not_pile_up(extractor, monkeypatch):
    """Without the tokenizer warm-up, extract/extract_many keep no new words: they run in
    memory zones."""
    monkeypatch.setattr(extractor, "warm_strings", 0)
    strings = extractor.nlp.vocab.strings
    extractor.extract("warm up said 1 person.")
    before = len(strings)
    texts = [f"Zq{i}x{string.ascii_lowercase[i % 26]}yy said {i} people died." for i in range(40)]
    list(extractor.pipe(texts, batch_size=8))
    for text in texts[:5]:
        extractor.extract(text)
    assert len(strings) == before


def test_warm_up_keeps_first_words_then_zones(extractor):
    """Until the warm-up budget is spent, a block's texts are tokenized outside the zone
    (their words stay, so the tokenizer cache warms); after it nothing more is kept; the
    claims are the same either way."""
    ex = claimx.Extractor(extractor.nlp)
    ex.warm_strings, ex.zone_texts = 1, 4
    strings = ex.nlp.vocab.strings
    texts = [f"Wv{i}k{string.ascii_lowercase[i % 26]}qq said {i} people died." for i in range(24)]
    before = len(strings)
    first = list(ex.pipe(texts[:4], batch_size=4))
    learnt = len(strings)
    assert learnt > before
    rest = list(ex.pipe(texts[4:], batch_size=4))
    assert len(strings) == learnt
    zoned = claimx.Extractor(extractor.nlp)
    zoned.warm_strings = 0
    assert first + rest == list(zoned.pipe(texts, batch_size=4))
    assert all(claims for claims in first + rest)
