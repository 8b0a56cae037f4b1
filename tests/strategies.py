"""Test support: hypothesis strategies for news-like text, offset checks and time limits.

Each strategy draws a :class:`NewsCase`: a text built from a template with random speakers,
numbers, bounds, dates and hedges, and what claimx must find in it (the speaker's name, the
quantity's value and bound, the counted entity, the weekday, the hedge kind). The templates
are built so that the expected result is unambiguous to a careful reader.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Optional

from hypothesis import strategies as st

from claimx import Claim

PEOPLE = ("John Smith", "Maria Garcia", "David Miller", "Elena Petrova", "Sarah Johnson",
          "Michael Chen", "James Brown", "Anna Kowalski", "Robert Taylor", "Laura Fischer")
ROLES = ("mayor", "police chief", "health minister", "spokesman", "governor",
         "fire chief", "defence minister")
ORGS = (("Reuters", "Reuters"), ("the United Nations", "United Nations"),
        ("the World Health Organization", "World Health Organization"))
#: counted nouns and verbs that go with them
COUNTED = (("people", ("killed", "injured", "evacuated", "arrested")),
           ("soldiers", ("killed", "injured", "captured")),
           ("students", ("injured", "evacuated")),
           ("homes", ("damaged", "destroyed")),
           ("buildings", ("damaged", "destroyed")),
           ("vehicles", ("damaged", "destroyed")))
#: bound phrase -> (bound, low is value, high is value)
BOUNDS = (("", "exact"), ("more than ", "more_than"), ("at least ", "at_least"),
          ("about ", "about"), ("fewer than ", "less_than"), ("up to ", "at_most"))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: hedge clause appended to a sentence -> its kind
HEDGES = ((", a figure that could not be independently verified", "unverified"), ("", None))


@dataclass(frozen=True)
class NewsCase:
    """A generated text and the claim claimx must find in it."""

    text: str
    speaker: Optional[str]
    speaker_label: Optional[str]
    cue_kind: Optional[str]
    value: float
    bound: str
    entity: str
    weekday: str
    hedge_kind: Optional[str] = None
    title: Optional[str] = None
    extra: dict = field(default_factory=dict)


def _number(n: int) -> str:
    return f"{n:,}"


@st.composite
def said_sentence(draw, hedges: bool = True) -> NewsCase:
    """"{Name}, the {role}, said {bound}{n} {noun} were {verb} on {weekday}{hedge}." """
    name = draw(st.sampled_from(PEOPLE))
    role = draw(st.sampled_from(ROLES))
    noun, verbs = draw(st.sampled_from(COUNTED))
    verb = draw(st.sampled_from(verbs))
    phrase, bound = draw(st.sampled_from(BOUNDS))
    n = draw(st.integers(min_value=2, max_value=250_000))
    day = draw(st.sampled_from(WEEKDAYS))
    hedge, kind = draw(st.sampled_from(HEDGES if hedges else HEDGES[-1:]))
    text = f"{name}, the {role}, said {phrase}{_number(n)} {noun} were {verb} on {day}{hedge}."
    return NewsCase(text, name, "PERSON", "said", float(n), bound, noun, day, kind, role)


@st.composite
def according_to_sentence(draw) -> NewsCase:
    """"According to {org}, {bound}{n} {noun} were {verb} on {weekday}." """
    org, name = draw(st.sampled_from(ORGS))
    noun, verbs = draw(st.sampled_from(COUNTED))
    verb = draw(st.sampled_from(verbs))
    phrase, bound = draw(st.sampled_from(BOUNDS))
    n = draw(st.integers(min_value=2, max_value=250_000))
    day = draw(st.sampled_from(WEEKDAYS))
    text = f"According to {org}, {phrase}{_number(n)} {noun} were {verb} on {day}."
    return NewsCase(text, name, "ORG", "according_to", float(n), bound, noun, day)


@st.composite
def news_paragraph(draw) -> tuple[str, list[NewsCase]]:
    """Two to four generated sentences joined into one paragraph.

    Without hedge clauses: a hedge in one sentence leaks to the claims of the sentences
    before it (test_robustness.test_hedge_stays_in_its_sentence).
    """
    cases = draw(st.lists(st.one_of(said_sentence(hedges=False), according_to_sentence()),
                          min_size=2, max_size=4))
    return " ".join(c.text for c in cases), cases


_PIECES = (list(" \n\t0123456789,.'\"\u201c\u201d\u2018\u2019-\u2013\u2014()$%:;?!")
           + ["said", "according to", "more than", "Monday", " percent", "John Smith",
              "the mayor", "people", "killed", "told", "about", "last week"])
#: hedge cues: a hedge in a sentence without a verb once hung hedging._scope
HEDGE_PIECES = ["reportedly", "allegedly", "could not be verified", "unconfirmed", "may",
                "estimated", "denied"]
#: any text, and text made of the pieces that trip tokenizers and the claimx stages
awkward_text = st.one_of(st.text(), st.lists(st.sampled_from(_PIECES)).map("".join))
#: the same with hedge cues among the pieces
hedged_text = st.lists(st.sampled_from(_PIECES + HEDGE_PIECES), min_size=1).map("".join)


class TimeLimitExceeded(AssertionError):
    """The code under test ran past its time limit (a hang turned into a failure)."""


@contextmanager
def time_limit(seconds: float, what: str = "claimx") -> Iterator[None]:
    """Fail (instead of hanging the test run) when the block runs longer than ``seconds``.

    Uses SIGALRM, so it interrupts Python code in the main thread on POSIX systems;
    elsewhere it only checks the elapsed time afterwards.
    """
    start = time.monotonic()
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if usable:
        def on_alarm(signum, frame):
            raise TimeLimitExceeded(f"{what} did not finish within {seconds} s")

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    elapsed = time.monotonic() - start
    if elapsed > seconds:
        raise TimeLimitExceeded(f"{what} took {elapsed:.1f} s, over the {seconds} s limit")


def spans_of(claim: Claim) -> list[tuple[str, dict]]:
    """Every (where, object) with a ``span`` and ``text`` in a claim's JSON form."""
    d = claim.to_dict()
    found = [("claim", d)]
    for key in ("speaker", "cue", "time"):
        if d[key] is not None:
            found.append((key, d[key]))
    for key in ("quantities", "hedges"):
        found.extend((key, item) for item in d[key])
    return found


def assert_offsets(text: str, claims: list[Claim]) -> None:
    """Every span of every claim lies in ``text`` and ``text[s:e]`` is the object's text."""
    for claim in claims:
        s, e = claim.sentence
        assert 0 <= s <= claim.start <= claim.end <= e <= len(text), claim
        for where, obj in spans_of(claim):
            s, e = obj["span"]
            assert 0 <= s <= e <= len(text), (where, obj, len(text))
            assert text[s:e] == obj["text"], (where, obj, text[s:e])


def assert_doc_offsets(text: str, doc) -> None:
    """The same for a parsed Doc's span groups: each ``span._.claimx`` matches its surface."""
    assert doc.text == text
    for group in ("claimx_quantities", "claimx_times", "claimx_sources", "claimx_hedges"):
        for span in doc.spans[group]:
            obj = span._.claimx
            assert obj is not None, (group, span)
            s, e = obj.span
            assert 0 <= s <= e <= len(text) and text[s:e] == obj.text, (group, obj)
