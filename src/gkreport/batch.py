"""Many reports at once: find them under folders and globs, parse them in worker processes.

:func:`parse` is a pure function of one document, so a batch is a map over files. What this
module adds is what a map over thousands of real files needs:

* :func:`expand` turns the paths a user typed (files, folders, globs) into files, in a stable
  order; a folder contributes the files under it whose suffix is one of :data:`SUFFIXES`.
  :func:`find` does the same and says what the folders held that is not parsed
  (:class:`Found`): subfolders it could not read, files of other suffixes.
* :func:`parse_file` never raises for a bad file: an unreadable, oversized, binary or
  non-report file gives an :class:`Outcome` holding a :class:`Failure` instead of a report.
  :func:`parse_file_all` gives one outcome per report of a file that holds several (two
  years pasted together, a page of several bodies' reports), each with its :class:`Part`.
* :func:`parse_files` runs :func:`parse_file` over many files, in-process or in ``jobs``
  worker processes, and yields the outcomes in input order. A worker that dies (killed by
  the out-of-memory killer, a crash in native code) costs only the file it was parsing.

>>> from gkreport.batch import expand, parse_files
>>> [o.report.meta.year for o in parse_files(expand(["tests/data"]), jobs=1)]
[2020, 2023, 2020, 2020, 2020]
"""

from __future__ import annotations

import collections
import functools
import glob
import multiprocessing
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Final, TypeVar, overload

import attrs

from ._api import ReportText, parse, report_texts
from .convert import from_dict, to_dict
from .dataset import numbered_records
from .diagnostics import Detail
from .errors import FileTooLargeError, NotAFileError, ParseError, RecordError, WorkersDiedError
from .model import Report

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "UNREAD_DOCUMENTS",
    "Failure",
    "FileTooLargeError",
    "Found",
    "NotAFileError",
    "Outcome",
    "Part",
    "WorkersDiedError",
    "expand",
    "find",
    "parse_file",
    "parse_file_all",
    "parse_files",
    "read_outcomes",
]

#: The files a folder contributes: the formats :func:`gkreport.parse` reads.
SUFFIXES: Final = (".txt", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".doc", ".pdf")
#: Files a folder of reports holds that may be a report gkreport does not read (WPS Office,
#: spreadsheets, OFD and CEB, saved web archives, pictures of tables, archives): said when
#: skipped. Anything else (a crawler's .json, a README) is passed over without a word.
UNREAD_DOCUMENTS: Final = (".wps", ".rtf", ".odt", ".xls", ".xlsx", ".et", ".ofd", ".ceb", ".caj",
                           ".mht", ".mhtml", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff",
                           ".webp", ".zip", ".rar", ".7z")

#: Files larger than this are refused unread. Real reports are kilobytes of text (a PDF or a
#: .docx with pictures a few megabytes); tens of megabytes are a wrong file, and the
#: tokenizer's cost on some junk of that size runs to a minute and gigabytes of memory.
DEFAULT_MAX_BYTES: Final = 20_000_000

#: The number of files a worker is sent at a time, at most: a report parses in about 2 ms,
#: so one file per round trip would spend a good part of the time on the round trip.
_CHUNK: Final = 16


@attrs.frozen
class Failure:
    """Why a file gave no report: the exception's class name, its message and its place.

    ``line`` and ``column`` are 1-based, or 0 when the failure concerns the whole file.
    """

    type: str
    message: str
    line: int = 0
    column: int = 0

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        """The failure that ``exc`` stands for.

        >>> Failure.from_exception(MemoryError())
        Failure(type='MemoryError', message='Out of memory.', line=0, column=0)
        """
        if isinstance(exc, ParseError):
            return cls(type(exc).__name__, exc.message, exc.line, exc.column)
        # MemoryError() and friends have no message of their own; their class says it.
        doc = (type(exc).__doc__ or "").strip().splitlines()
        return cls(type(exc).__name__, str(exc) or (doc[0] if doc else type(exc).__name__))

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line else ""
        return f"{where}{self.message}"


@attrs.frozen
class Part:
    """Which report of a file that holds several an outcome is: the ``index``-th (from 1) of
    ``of``, beginning at ``line`` of the file."""

    index: int
    of: int
    line: int


@attrs.frozen
class Outcome:
    """What became of one file, or of one report of a file that holds several (``part``):
    its ``report``, or the ``failure`` that stopped it."""

    source: str
    report: Report | None = None
    failure: Failure | None = None
    part: Part | None = None

    @property
    def ok(self) -> bool:
        return self.report is not None

    def record(self, diagnostics: Detail = "full") -> dict[str, Any]:
        """The line ``gkreport parse --out`` writes for this file.

        ``to_dict(report, diagnostics=diagnostics)`` (which begins with ``source``), or
        ``{"source": ..., "error": {type, message, line, column}}`` for a file that failed.
        One report of a file that holds
        several says which after its source: ``"part": {"index": 2, "of": 3, "line": 141}``.

        >>> Outcome("a.txt", failure=Failure("DecodeError", "binary data")).record()
        {'source': 'a.txt', 'error': {'type': 'DecodeError', 'message': 'binary data', 'line': 0, 'column': 0}}
        """
        head: dict[str, Any] = {"source": self.source}
        if self.part is not None:
            head["part"] = attrs.asdict(self.part)
        if self.report is not None:
            return {**head, **to_dict(self.report, diagnostics=diagnostics)}
        assert self.failure is not None
        return {**head, "error": attrs.asdict(self.failure)}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Outcome:
        """The outcome a line of ``gkreport parse --out`` (read as JSON) records: the converse
        of :meth:`record`. Data that is no outcome's raises :class:`~gkreport.errors.RecordError`.

        >>> Outcome.from_record({"source": "a.txt", "error": {"type": "DecodeError", "message": "binary"}})
        Outcome(source='a.txt', report=None, failure=Failure(type='DecodeError', message='binary', \
line=0, column=0), part=None)
        """
        source = record.get("source")
        if not isinstance(source, str):
            raise RecordError("no source: not a line of gkreport parse --out")
        try:
            part = Part(**record["part"]) if "part" in record else None
            if "error" in record:
                return cls(source, failure=Failure(**record["error"]), part=part)
        except TypeError as exc:  # a missing or unknown field
            raise RecordError(f"not a line of gkreport parse --out: {exc}") from None
        return cls(source, report=from_dict(record), part=part)

    @property
    def name(self) -> str:
        """The source, and which of its reports this is if it holds several.

        >>> Outcome("page.html", part=Part(2, 3, 141)).name
        'page.html (report 2 of 3, from line 141)'
        """
        part = self.part
        if part is None:
            return self.source
        return f"{self.source} (report {part.index} of {part.of}, from line {part.line})"


#: What a task returns for a file: an Outcome, or whatever a custom task makes of one.
Result = TypeVar("Result")
#: What a batch runs on each file; a module-level function or a functools.partial of one,
#: so that it pickles to a worker process.
Task = Callable[[str], Any]


def read_outcomes(path: str | os.PathLike[str]) -> Iterator[Outcome]:
    """The outcomes a ``gkreport parse --out`` file records, in its order, each report typed
    again (:func:`~gkreport.from_dict`): a batch is parsed once and read back as often as
    needed. A line that is no outcome's raises :class:`~gkreport.errors.RecordError` naming
    the file and the line.

    >>> import json, tempfile
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp()) / "results.jsonl"
    >>> _ = out.write_text("\\n".join(json.dumps(o.record()) for o in parse_files(expand(["tests/data"]))))
    >>> [(o.source, o.report.requests["granted"].total) for o in read_outcomes(out)][:2]
    [('tests/data/000_cf9562a21e5519b3.txt', 4), ('tests/data/001_e94c29de80bcac7c.txt', 11)]
    """
    name = os.fspath(path)
    for number, record in numbered_records(path):
        try:
            yield Outcome.from_record(record)
        except RecordError as exc:
            raise RecordError(exc.message, path=name, line=number, column=1) from None


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files to parse for ``paths`` as a user gives them, in order, each once.

    A folder gives the files under it (recursively, sorted) whose suffix is in
    :data:`SUFFIXES`. A glob (``reports/**/*.html``) that is not itself an existing path
    gives what it matches, as the shell would, with folders searched as above. Any other
    path is kept as it is, even when it does not exist or is a folder with no report in
    it, so that the batch reports it as a failure rather than passing over it.
    :func:`find` says what the folders held besides.

    >>> expand(["tests/data/000_cf9562a21e5519b3.txt", "tests/data"])[:2]
    ['tests/data/000_cf9562a21e5519b3.txt', 'tests/data/001_e94c29de80bcac7c.txt']
    >>> expand(["tests/data/00[34]*"])
    ['tests/data/003_bca12cc4fb8d9f2c.txt', 'tests/data/004_48696eb35ee8e3c7.txt']
    """
    return list(find(paths).files)


#: How many unreadable folders, and how many suffixes, the skipped line names.
_NAMED: Final = 4


@attrs.frozen
class Found:
    """What :func:`find` makes of the paths a user gave: the ``files`` to parse, and what the
    folders among them held that will not be: the subfolders that could not be read
    (``unreadable``) and the files whose suffix is not one of :data:`SUFFIXES`
    (``passed_over``: a ``.wps``, a spreadsheet, a picture: :data:`UNREAD_DOCUMENTS`)."""

    files: tuple[str, ...]
    unreadable: tuple[str, ...] = ()
    passed_over: tuple[str, ...] = ()

    @property
    def skipped(self) -> str:
        """One line on what was skipped, for a batch's summary; "" when nothing was.

        >>> Found(("a/r.txt",), unreadable=("a/b",), passed_over=("a/x.wps",)).skipped
        'skipped 2: 1 unreadable folder (a/b), 1 .wps file'
        """
        parts = []
        if self.unreadable:
            shown = ", ".join(self.unreadable[:_NAMED - 1])
            more = len(self.unreadable) - (_NAMED - 1)
            named = shown if more <= 0 else f"{shown} and {more} more"
            parts.append(f"{_counted(len(self.unreadable), 'unreadable folder')} ({named})")
        suffixes = collections.Counter(os.path.splitext(p)[1].lower() for p in self.passed_over)
        ranked = sorted(suffixes.items(), key=lambda item: (-item[1], not item[0], item[0]))
        for suffix, count in ranked[:_NAMED]:
            parts.append(_counted(count, f"{suffix} file") if suffix else
                         _counted(count, "file without a suffix", "files without a suffix"))
        if rest := sum(count for _, count in ranked[_NAMED:]):
            parts.append(_counted(rest, "other file"))
        if not parts:
            return ""
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if rest else ", ".join(parts)
        return f"skipped {len(self.unreadable) + len(self.passed_over)}: {listed}"


def _counted(count: int, one: str, many: str = "") -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def find(paths: Iterable[str | os.PathLike[str]]) -> Found:
    """The files :func:`expand` gives for ``paths``, and what their folders held besides.

    >>> found = find(["tests/data"])  # its .json and .md files are no documents: not said
    >>> len(found.files), found.skipped
    (5, '')
    """
    found: dict[str, None] = {}  # ordered sets, keyed by the normalised path
    unreadable: dict[str, None] = {}
    passed_over: dict[str, None] = {}
    under = functools.partial(_reports_under, unreadable=unreadable, passed_over=passed_over)
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            files = under(path)
        elif not os.path.lexists(path) and glob.has_magic(path):
            files = []
            for match in sorted(glob.glob(path, recursive=True)):
                files.extend(under(match) if os.path.isdir(match) else [match])
        else:
            files = []
        for file in files or [path]:
            found.setdefault(os.path.normpath(file), None)
    return Found(tuple(found), tuple(unreadable), tuple(passed_over))


def _reports_under(folder: str, unreadable: dict[str, None], passed_over: dict[str, None]) -> list[str]:
    """The report files under ``folder``; the subfolders that cannot be read, and the files of
    other suffixes, are added to ``unreadable`` and ``passed_over``."""
    def refused(error: OSError) -> None:
        # The folder given is kept to fail in the batch (see expand); one inside it is skipped.
        if error.filename is not None and os.path.normpath(error.filename) != os.path.normpath(folder):
            unreadable.setdefault(os.path.normpath(error.filename), None)

    files: list[str] = []
    for root, dirs, names in os.walk(folder, onerror=refused):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            if _is_report_name(name):
                files.append(path)
            elif name.lower().endswith(UNREAD_DOCUMENTS):
                passed_over.setdefault(os.path.normpath(path), None)
    return files


def _is_report_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def parse_file(source: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES,
               strict: bool = False) -> Outcome:
    """Parse the file at ``source``; whatever goes wrong is the outcome's ``failure``.

    ``max_bytes`` refuses larger files unread (``None`` or 0: no limit); ``strict`` is
    :func:`gkreport.parse`'s.

    >>> parse_file("tests/data/002_1cb59e66f00bcffe.txt").report.meta.organ
    '江源区'
    >>> print(parse_file("tests/data").failure)
    cannot read tests/data: it is a folder
    """
    name = os.fspath(source)
    try:
        _check_file(name, max_bytes)
        return Outcome(name, report=_from(name, parse(Path(name), strict=strict)))
    except Exception as exc:  # a parser bug or MemoryError is this file's failure
        return Outcome(name, failure=Failure.from_exception(exc))


def _check_file(name: str, max_bytes: int | None) -> None:
    """Refuse what would block (a pipe), never end (a device) or cost too much to read."""
    try:
        info = os.stat(name)
    except OSError:
        return  # parse says why it cannot be read, in the words it always uses
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(f"cannot read {name}: it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(f"cannot read {name}: it is not a regular file")
    if max_bytes and info.st_size > max_bytes:
        raise FileTooLargeError(f"{name} is {info.st_size:,} bytes, more than the limit of "
                                f"{max_bytes:,} (max_bytes, --max-bytes)")


def parse_file_all(source: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES,
                   strict: bool = False) -> list[Outcome]:
    """Parse every report of the file at ``source``: one :class:`Outcome` for a file of one
    report (as :func:`parse_file` gives), one per report, each with its :class:`Part`, for a
    file that holds several. A report among them that fails is that outcome's failure.

    >>> [o.report.meta.year for o in parse_file_all("tests/data/002_1cb59e66f00bcffe.txt")]
    [2020]
    """
    name = os.fspath(source)
    try:
        _check_file(name, max_bytes)
        texts = report_texts(Path(name))
    except Exception as exc:  # as parse_file: a parser bug or MemoryError is this file's failure
        return [Outcome(name, failure=Failure.from_exception(exc))]
    if len(texts) == 1:
        return [_outcome(name, texts[0], strict, None)]
    return [_outcome(name, text, strict, Part(i, len(texts), text.line)) for i, text in enumerate(texts, 1)]


def _outcome(name: str, text: ReportText, strict: bool, part: Part | None) -> Outcome:
    try:
        return Outcome(name, report=_from(name, text.parse(strict=strict)), part=part)
    except Exception as exc:
        return Outcome(name, failure=Failure.from_exception(exc), part=part)


def _from(name: str, report: Report) -> Report:
    """``report`` with its source named as the batch names it (``./a.txt``, not ``a.txt``)."""
    return report if report.source == name else attrs.evolve(report, source=name)


@overload
def parse_files(sources: Sequence[str], *, jobs: int = 1, max_bytes: int | None = DEFAULT_MAX_BYTES,
                strict: bool = False, task: None = None) -> Iterator[Outcome]: ...
@overload
def parse_files(sources: Sequence[str], *, jobs: int = 1, max_bytes: int | None = DEFAULT_MAX_BYTES,
                strict: bool = False, task: Callable[[str], Result]) -> Iterator[Result | Outcome]: ...
def parse_files(sources: Sequence[str], *, jobs: int = 1, max_bytes: int | None = DEFAULT_MAX_BYTES,
                strict: bool = False, task: Task | None = None) -> Iterator[Any]:
    """Parse every file of ``sources``, yielding one :class:`Outcome` each, in input order.

    ``jobs=1`` parses in this process; more parse in that many worker processes. ``task``
    replaces :func:`parse_file` (with ``max_bytes`` and ``strict``) as the work done on each
    file, and may return anything that pickles; a file whose task raised, or whose worker
    died, still gives an :class:`Outcome` with the failure. With ``jobs > 1`` the task must
    pickle too: a module-level function or a partial of one.

    >>> outcomes = parse_files(["tests/data/004_48696eb35ee8e3c7.txt", "missing.txt"])
    >>> [(o.ok, o.failure and o.failure.type) for o in outcomes]
    [(True, None), (False, 'FileNotFoundError')]
    """
    if task is None:
        task = functools.partial(parse_file, max_bytes=max_bytes, strict=strict)
    if jobs <= 1 or len(sources) <= 1:
        return (_apply(task, source) for source in sources)
    chunk = max(1, min(_CHUNK, len(sources) // (jobs * 4)))
    chunks = [list(sources[i:i + chunk]) for i in range(0, len(sources), chunk)]
    return _in_workers(task, chunks, min(jobs, len(chunks)))


def _apply(task: Task, source: str) -> Any:
    try:
        return task(source)
    except Exception as exc:  # a task's own bug is still only this file's failure
        return Outcome(source, failure=Failure.from_exception(exc))


def _apply_all(task: Task, sources: list[str]) -> list[Any]:
    return [_apply(task, source) for source in sources]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; the parent stops the pool, and a worker that
    # printed its own KeyboardInterrupt traceback would only bury the parent's message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_start_method(), initializer=_ignore_interrupts)


@functools.cache
def _start_method() -> multiprocessing.context.BaseContext:
    """forkserver where there is one, else spawn; never a plain fork.

    A plain fork copies a parent that may be running threads (the progress bar's monitor,
    the pool's own), and a child can inherit a lock one of them held. The fork server is
    single-threaded and imports the parser once, and builds it (:mod:`gkreport._warm`); a
    worker forked from it starts in milliseconds where a spawned one takes a fifth of a
    second to import it again, which counts in a batch of a thousand reports and again for
    each pool after a worker dies.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "gkreport._warm"])
    return context


_Pending = list[tuple[list[str], "Future[list[Any]]"]]


def _in_workers(task: Task, chunks: list[list[str]], workers: int) -> Iterator[Any]:
    """Run the chunks on a pool, a few per worker ahead, and yield their outcomes in order."""
    ahead = workers * 4
    todo = collections.deque(chunks)
    pending: collections.deque[tuple[list[str], Future[list[Any]]]] = collections.deque()
    pool = _pool(workers)

    def submit() -> None:
        while len(pending) < ahead and todo:
            try:
                future = pool.submit(_apply_all, task, todo[0])
            except BrokenProcessPool:
                return  # a worker died since the last call; the futures in flight say so
            pending.append((todo.popleft(), future))

    try:
        submit()
        while pending or todo:
            try:
                if not pending:  # the pool broke before it took a single chunk
                    raise BrokenProcessPool
                chunk, future = pending[0]
                outcomes = future.result()
            except BrokenProcessPool:
                # A worker died, and with it the pool: every chunk in flight is under
                # suspicion. Those that finished keep their outcomes; the rest are run
                # again one file at a time, so that only the file that kills a worker
                # again is counted as lost.
                pool.shutdown(wait=True, cancel_futures=True)
                yield from _after_crash(task, list(pending))
                pending.clear()
                pool = _pool(workers)
                submit()
                continue
            except Exception as exc:  # e.g. an outcome that would not pickle
                outcomes = [Outcome(s, failure=Failure.from_exception(exc)) for s in chunk]
            pending.popleft()
            yield from outcomes
            submit()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _after_crash(task: Task, pending: _Pending) -> Iterator[Any]:
    alone: ProcessPoolExecutor | None = _working_pool()
    try:
        for chunk, future in pending:
            if future.done() and not future.cancelled() and future.exception() is None:
                yield from future.result()
                continue
            for source in chunk:
                alone = alone or _pool(1)
                try:
                    yield alone.submit(_apply, task, source).result()
                except BrokenProcessPool:
                    alone.shutdown(wait=True)
                    alone = None
                    yield Outcome(source, failure=Failure(
                        "WorkerCrashed", "the worker process parsing this file died (killed, out "
                        "of memory, or a crash in native code); the rest of the batch went on"))
    finally:
        if alone is not None:
            alone.shutdown(wait=True)


def _working_pool() -> ProcessPoolExecutor:
    """A one-worker pool, once its worker has run a no-op: one that cannot says nothing
    about the files in flight, and retrying them one by one would only repeat it."""
    alone = _pool(1)
    try:
        alone.submit(os.getpid).result()
    except BrokenProcessPool:
        alone.shutdown(wait=True)
        raise WorkersDiedError("worker processes die before they can parse anything; "
                               "parse in-process (jobs=1, --jobs 1)") from None
    return alone
