"""Parsing number surfaces: digits ("1,100", "3bn", "½"), words ("twenty-five"), scales.

The parser works on plain lists of token strings so it can be tested without spaCy.
All word lists come from ``quantity_numbers.json`` (see `claimx.quantities.lexicon`).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Optional

# Shapes only; the words live in the data files. Every pattern is anchored, has no nested
# quantifiers and is applied to one token of bounded length, so matching is linear.
_DIGITS = re.compile(
    r"^(?P<sign>[-\u2212\u2013+])?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?"
    r"(?P<frac>\.\d+)?"
    r"(?P<uni>[\u00bc-\u00be\u2150-\u215e])?"
    r"(?P<suffix>[A-Za-z]{1,8})?$"
)
_SLASH = re.compile(r"^(?P<num>\d{1,2})/(?P<den>\d{1,2})$")
_TOKEN_RANGE = re.compile(
    r"^(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)[-\u2013\u2014](\d[\d,.]*)$"
)
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
#: a race or record time with seconds: "2:09:35", "1:02:03.5" (clock readings have no seconds)
_DURATION = re.compile(r"^(\d{1,2}):([0-5]\d):([0-5]\d(?:\.\d{1,3})?)$")

#: the lower-cased word at a token index ("" outside the parsed window)
_Word = Callable[[int], str]


class NumberParse(NamedTuple):
    """A number found at some token index."""

    start: int  # first token index (inclusive)
    end: int  # last token index + 1
    value: float
    raw: float  # value before any scale word (for "two to three thousand")
    scale: float  # product of scale words/abbreviations (1.0 when none)
    core: int  # index of the main numeric token
    is_digit: bool  # written with digits (vs words)


def finite(value: Optional[float]) -> bool:
    """True for a finite float."""
    return value is not None and math.isfinite(value)


def _slash_value(m: re.Match[str]) -> Optional[tuple[float, float]]:
    """(value, 1.0) of a simple fraction "3/4" (denominator up to 10), or None."""
    num, den = int(m.group("num")), int(m.group("den"))
    if 0 < num < den <= 10:
        return num / den, 1.0
    return None


class NumberParser:
    """Parse numbers written with digits and/or words, starting at a token index."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.units: dict[str, float] = {k: float(v) for k, v in data.get("units", {}).items()}
        self.group_separators = frozenset(data.get("group_separators", ()))
        self.tens: dict[str, float] = {k: float(v) for k, v in data.get("tens", {}).items()}
        self.scales: dict[str, float] = {k: float(v) for k, v in data.get("scales", {}).items()}
        self.abbrev: dict[str, float] = {
            k: float(v) for k, v in data.get("scale_abbreviations", {}).items()
        }
        self.fractions: dict[str, float] = {
            k: float(v) for k, v in data.get("fractions", {}).items()
        }
        self.unicode_fractions: dict[str, float] = {
            k: float(v) for k, v in data.get("unicode_fractions", {}).items()
        }
        self.multipliers: dict[str, float] = {
            k: float(v) for k, v in data.get("multiplier_nouns", {}).items()
        }
        self.articles = frozenset(data.get("articles", []))
        self.minus = frozenset(data.get("minus_words", []))
        self.joiners = frozenset(data.get("joiners", []))
        self.max_digits = int(data.get("max_digits", 40))
        self.fraction_followers = frozenset(data.get("fraction_followers", []))
        self.fraction_links = frozenset(data.get("fraction_links", []))
        self.ratio_words = frozenset(data.get("ratio_words", []))
        self.max_ratio = float(data.get("max_ratio", 1000))

    # -- single tokens -------------------------------------------------------------------
    def digit_value(self, text: str) -> Optional[tuple[float, float]]:
        """(value, scale) of a token written with digits, or None."""
        if not text or len(text) > self.max_digits + 8:
            return None
        if text in self.unicode_fractions:
            return self.unicode_fractions[text], 1.0
        m = _SLASH.match(text)
        if m:
            return _slash_value(m)
        m = _DIGITS.match(text)
        if not m or not (m.group("int") or m.group("frac")) or (m.group("uni") and m.group("frac")):
            return None
        value = self._unsigned_value(m)
        scale = self._suffix_scale(m.group("suffix"))
        if value is None or scale is None:
            return None
        if m.group("sign") and m.group("sign") != "+":
            value = -value
        value *= scale
        if not math.isfinite(value):
            return None
        return value, scale

    def _unsigned_value(self, m: re.Match[str]) -> Optional[float]:
        """The digits (and Unicode fraction) of a `_DIGITS` match as a float, no sign."""
        digits = (m.group("int") or "0").replace(",", "")
        if len(digits) > self.max_digits:
            return None
        try:
            value = float(digits + (m.group("frac") or ""))
        except ValueError:
            return None
        if m.group("uni"):
            value += self.unicode_fractions.get(m.group("uni"), math.nan)
        return value

    def _suffix_scale(self, suffix: Optional[str]) -> Optional[float]:
        """The scale of letters glued to digits ("2bn", "1.2m", "40million", "5crore"):
        1.0 without a suffix, None for letters that are no scale."""
        if not suffix:
            return 1.0
        scale = self.abbrev.get(suffix) or self.scales.get(suffix.lower(), 0.0)
        return scale or None

    @staticmethod
    def duration_seconds(text: str) -> Optional[float]:
        """Seconds in a race time "h:mm:ss" ("2:09:35" -> 7775.0), or None."""
        m = _DURATION.match(text)
        if not m:
            return None
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))

    def token_range(self, text: str) -> Optional[tuple[float, float]]:
        """(a, b) for a single-token range such as "15\u201325" or "2,000-3,000"."""
        if len(text) > 2 * self.max_digits:
            return None
        m = _TOKEN_RANGE.match(text)
        if not m:
            return None
        a, b = self.digit_value(m.group(1)), self.digit_value(m.group(2))
        if a is None or b is None or a[1] != 1.0 or b[1] != 1.0:
            return None
        return a[0], b[0]

    def scales_after(self, words: Sequence[str], k: int, limit: int = 6) -> tuple[float, int]:
        """Product of the scale words starting at ``words[k]`` and the index after them."""
        low = [w.lower() for w in words[k:k + limit]]
        scale, end = self._scales_after(lambda j: low[j - k] if j - k < len(low) else "", k,
                                        k + len(low))
        return scale, end

    def start_words(self) -> frozenset[str]:
        """Every lower-cased word, not written with digits, that `parse` can start
        at: signs, articles ("a dozen"), number and fraction words, Unicode fractions."""
        return frozenset(self.minus | self.articles | set(self.units) | set(self.tens)
                         | set(self.fractions) | {k.lower() for k in self.unicode_fractions})

    def is_word_number(self, low: str) -> bool:
        """True for a cardinal number word ("seven", "twenty", "million")."""
        return low in self.units or low in self.tens or low in self.scales

    def is_number_token(self, text: str) -> bool:
        """True when the token alone is a number (digits or a number word)."""
        return self.digit_value(text) is not None or self.is_word_number(text.lower())

    # -- sequences -----------------------------------------------------------------------
    def parse(
        self, words: Sequence[str], i: int, attached: Sequence[bool] = (), limit: int = 12
    ) -> Optional[NumberParse]:
        """Parse the longest number starting at ``words[i]``.

        ``attached[k]`` tells whether ``words[k]`` follows ``words[k-1]`` with no space
        (used for "1.2m": a scale abbreviation only counts when attached).
        """
        n = min(len(words), i + limit)
        if i >= n:
            return None
        low = [w.lower() for w in words[i:n]]

        def w(k: int) -> str:
            return low[k - i] if i <= k < n else ""

        sign = 1.0
        start = i
        if w(i) in self.minus and i + 1 < n:
            sign = -1.0
            i += 1
        res = self._parse_fraction_phrase(w, i, n) or self._parse_core(words, w, i, n, attached)
        if res is None:
            return None
        res = self._ratio(words, w, res, n) or self._and_fraction(words, w, res, n) or res
        if sign < 0:
            res = res._replace(start=start, value=-res.value, raw=-res.raw)
        if not math.isfinite(res.value):
            return None
        return res

    def _scales_after(self, w: _Word, k: int, n: int) -> tuple[float, int]:
        scale = 1.0
        while k < n and (w(k) in self.scales or w(k) in self.multipliers):
            scale *= self.scales[w(k)] if w(k) in self.scales else self.multipliers[w(k)]
            k += 1
        return scale, k

    def _parse_fraction_phrase(self, w: _Word, i: int, n: int) -> Optional[NumberParse]:
        """ "half a million", "a quarter of a million", "two-thirds", "one third"."""
        k = i
        count = 1.0
        counted = False
        if w(k) in self.articles:
            k += 1
        elif w(k) in self.units or w(k) in self.tens:
            count = self.units[w(k)] if w(k) in self.units else self.tens[w(k)]
            counted = True
            k += 1
            if w(k) in _HYPHENS:
                k += 1
        frac = self.fractions.get(w(k))
        if frac is None:
            return None
        hyphenated = k > i and w(k - 1) in _HYPHENS
        frac_i = k
        k += 1
        j = k
        if w(j) in self.fraction_links:
            j += 1
        if w(j) in self.articles:
            j += 1
        if w(j) in self.scales:
            scale, end = self._scales_after(w, j, n)
            value = count * frac * scale
            return NumberParse(i, end, value, count * frac, scale, frac_i, False)
        if (counted and hyphenated) or w(k) in self.fraction_followers:
            # "two-thirds", "two thirds of the members", "a quarter of", "half the voters"
            value = count * frac
            return NumberParse(i, k, value, value, 1.0, frac_i, False)
        return None

    def _and_fraction(self, words: Sequence[str], w: _Word, a: NumberParse,
                      n: int) -> Optional[NumberParse]:
        """ "two and a half", "2 1/2": a whole number and a fraction."""
        if a.scale != 1.0 or a.value != int(a.value) or a.value < 0:
            return None
        k = a.end
        if k < n and a.is_digit and _SLASH.match(words[k]):
            frac = self.digit_value(words[k])
            if frac is not None and frac[0] < 1:
                return a._replace(end=k + 1, value=a.value + frac[0], raw=a.value + frac[0])
        # "three and a half million", "three-and-a-half million": hyphens may glue the words
        parts = []
        for _ in range(3):
            k += w(k) in _HYPHENS
            parts.append(k)
            k += 1
        joiner, article, fraction = (w(j) for j in parts)
        if joiner in self.joiners and article in self.articles and fraction in self.fractions:
            raw = a.value + self.fractions[fraction]
            scale, end = self._scales_after(w, parts[-1] + 1, n)
            return a._replace(end=end, value=raw * scale, raw=raw, scale=scale)
        return None

    def _ratio(self, words: Sequence[str], w: _Word, a: NumberParse,
               n: int) -> Optional[NumberParse]:
        """ "one in five adults", "1 in 10": a proportion, a / b."""
        k = a.end
        if k + 1 >= n or w(k) not in self.ratio_words or a.scale != 1.0 or a.value <= 0:
            return None
        b = self._parse_core(words, w, k + 1, n, ())
        if b is None or b.scale != 1.0 or not a.value < b.value <= self.max_ratio:
            return None
        value = a.value / b.value
        return NumberParse(a.start, b.end, value, value, 1.0, a.core, a.is_digit)

    def _parse_core(self, words: Sequence[str], w: _Word, i: int, n: int,
                    attached: Sequence[bool]) -> Optional[NumberParse]:
        first = w(i)
        # "a dozen", "a million", "a hundred thousand"
        if first in self.articles:
            if w(i + 1) in self.scales or w(i + 1) in self.multipliers:
                scale, end = self._scales_after(w, i + 1, n)
                return NumberParse(i, end, scale, 1.0, scale, i + 1, False)
            return None
        dv = self.digit_value(words[i])
        if dv is not None:
            value, scale = dv
            raw = value / scale if scale else value
            k = i + 1
            # attached abbreviation as its own token: "1.2" "m", "3" "bn"
            if (
                scale == 1.0
                and k < n
                and words[k] in self.abbrev
                and (k < len(attached) and attached[k])
            ):
                scale = self.abbrev[words[k]]
                value *= scale
                k += 1
            more, k = self._scales_after(w, k, n)
            value *= more
            scale *= more
            return NumberParse(i, k, value, raw, scale, i, True)
        if not (first in self.units or first in self.tens):
            return None  # a bare "million" is no number; "a million" is handled above
        return self._parse_words(w, i, n)

    def _parse_words(self, w: _Word, i: int, n: int) -> Optional[NumberParse]:
        total = 0.0
        current = 0.0
        k = i
        last_ok = i
        core = i
        seen_scale = 1.0
        raw: Optional[float] = None
        prev_kind = ""
        while k < n:
            t = w(k)
            if t in self.units or t in self.tens:
                if prev_kind in ("unit", "ten") and not (
                    prev_kind == "ten" and t in self.units and self.units[t] < 10
                ):
                    break
                current += self.units[t] if t in self.units else self.tens[t]
                prev_kind = "ten" if t in self.tens else "unit"
                core = k
                k += 1
                last_ok = k
            elif t in self.scales:
                s = self.scales[t]
                if raw is None:
                    raw = total + (current or 1.0)
                if s < 1000:
                    current = (current or 1.0) * s
                else:
                    total += (current or 1.0) * s
                    current = 0.0
                seen_scale *= s
                prev_kind = "scale"
                core = k
                k += 1
                last_ok = k
            elif t in self.multipliers and prev_kind in ("unit", "ten"):
                current *= self.multipliers[t]
                seen_scale *= self.multipliers[t]
                prev_kind = "scale"
                k += 1
                last_ok = k
            elif (t in _HYPHENS and prev_kind == "ten" and w(k + 1) in self.units) or (
                t in self.joiners
                and prev_kind == "scale"
                and (w(k + 1) in self.units or w(k + 1) in self.tens)
            ):
                k += 1
            else:
                break
        if last_ok == i:
            return None
        value = total + current
        if raw is None:
            raw = value
        return NumberParse(i, last_ok, value, raw, seen_scale, core, False)
