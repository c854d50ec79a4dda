"""Batches: finding files, parsing them in workers in order, and every way a file can fail.

The worker tests start real process pools (spawn), about half a second each; the
subprocess tests run the installed ``gkreport`` script, as a user would.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import gkreport
from gkreport.batch import (
    SUFFIXES,
    Failure,
    FileTooLargeError,
    Outcome,
    Part,
    expand,
    parse_file,
    parse_file_all,
    parse_files,
)
from gkreport.cli import main
from gkreport.dataset import cells
from gkreport.errors import ParseError
from snippets import OLD_2018, report_2019, report_2021
from tasks import parsers_built

DATA = Path(__file__).parent / "data"
CORPUS = sorted(str(p) for p in DATA.glob("*.txt"))
GKREPORT = Path(sys.executable).with_name("gkreport")


def _diagnosed(paths: list[str]) -> int:
    """How many of ``paths`` parse with a diagnostic: the summary line's middle figure."""
    return sum(bool(gkreport.parse(Path(p)).diagnostics) for p in paths)


SUMMARY = f"gkreport: 5 files: 5 parsed ({_diagnosed(CORPUS)} with diagnostics), 0 failed"
# Beside its reports, tests/data holds their truth (truth/*.json) and a README.


# -- finding the files -------------------------------------------------------------------


def test_a_folder_gives_its_report_files_recursively_in_order(tmp_path: Path) -> None:
    for name in ("b/2.html", "a/1.TXT", "a/z/3.pdf", "4.docx", "5.htm", "6.shtml", "7.xhtml", "8.doc",
                 "notes.md", "a/data.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [os.path.relpath(p, tmp_path) for p in expand([tmp_path])]
    assert found == ["4.docx", "5.htm", "6.shtml", "7.xhtml", "8.doc", "a/1.TXT", "a/z/3.pdf", "b/2.html"]
    assert {Path(p).suffix.lower() for p in found} == set(SUFFIXES)


def test_files_and_globs_are_taken_as_given_and_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    found = expand([tmp_path / "notes.md", f"{tmp_path}/*.md", f"{tmp_path}/*", tmp_path / "r.txt"])
    # An explicit name or a glob is the user's choice of file; only folders are filtered.
    assert found == [str(tmp_path / "notes.md"), str(tmp_path / "r.txt")]


def test_what_matches_nothing_is_kept_to_fail_in_the_batch(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    given = [str(tmp_path / "missing.txt"), str(tmp_path / "empty"), f"{tmp_path}/*.pdf"]
    assert expand(given) == given
    failures = [o.failure for o in parse_files(given)]
    assert [f.type for f in failures if f] == ["FileNotFoundError", "NotAFileError", "FileNotFoundError"]
    assert "No such file" in str(failures[0]) and "it is a folder" in str(failures[1])


# -- one file ----------------------------------------------------------------------------


def test_parse_file_never_raises_and_records_where_it_failed(tmp_path: Path) -> None:
    page = tmp_path / "notice.txt"
    page.write_text("\n\n欢迎访问本站。\n", encoding="utf-8")
    outcome = parse_file(page)
    assert outcome.report is None and outcome.failure is not None
    assert (outcome.failure.type, outcome.failure.line, outcome.failure.column) == ("NotAReportError", 3, 1)
    assert outcome.record() == {"source": str(page), "error": {
        "type": "NotAReportError", "message": outcome.failure.message, "line": 3, "column": 1}}
    good = parse_file(CORPUS[0])
    assert good.ok and good.record()["meta"]["year"] == 2020 and good.record()["source"] == CORPUS[0]


def test_failure_of_an_exception_that_is_not_a_parse_error() -> None:
    assert Failure.from_exception(KeyError("rules")) == Failure("KeyError", "'rules'")
    assert str(Failure("NotAReportError", "not a report", 3, 1)) == "line 3, column 1: not a report"


def test_max_bytes_refuses_larger_files_unread() -> None:
    sizes = {path: os.path.getsize(path) for path in CORPUS}
    limit = sorted(sizes.values())[2]
    outcomes = list(parse_files(CORPUS, max_bytes=limit))
    refused = {o.source for o in outcomes if o.failure and o.failure.type == "FileTooLargeError"}
    assert refused == {path for path, size in sizes.items() if size > limit}
    assert len(refused) == 2 and all(o.ok for o in outcomes if o.source not in refused)
    assert issubclass(FileTooLargeError, Exception)
    assert all(o.ok for o in parse_files(CORPUS, max_bytes=None))


# -- workers -----------------------------------------------------------------------------


def test_workers_give_the_same_outcomes_in_input_order() -> None:
    sources = CORPUS * 3 + ["missing.txt"] + CORPUS[:2]
    alone = [o.record() for o in parse_files(sources, jobs=1)]
    pooled = [o.record() for o in parse_files(sources, jobs=2)]
    assert [r["source"] for r in pooled] == sources
    assert pooled == alone
    assert pooled[15]["error"]["type"] == "FileNotFoundError"


def crash_on_some(source: str) -> Outcome:
    """A task for the workers: dies on *crash*, runs out of memory on *oom*."""
    if "crash" in source:
        os._exit(70)  # as the out-of-memory killer would end it: no exception, no clean-up
    if "oom" in source:
        raise MemoryError
    return parse_file(source)


def test_a_worker_that_dies_costs_only_its_own_file() -> None:
    sources = [*CORPUS[:3], "crash.txt", "oom.txt", *CORPUS[3:], *CORPUS]
    outcomes = list(parse_files(sources, jobs=2, task=crash_on_some))
    assert [o.source for o in outcomes] == sources
    failed = {o.source: o.failure for o in outcomes if o.failure}
    assert set(failed) == {"crash.txt", "oom.txt"}
    assert failed["crash.txt"].type == "WorkerCrashed" and "died" in failed["crash.txt"].message
    assert (failed["oom.txt"].type, failed["oom.txt"].message) == ("MemoryError", "Out of memory.")
    assert all(o.ok for o in outcomes if o.source not in failed)


def test_workers_that_cannot_start_are_said_to_be_the_problem() -> None:
    # Run from standard input, the parent has no main module a spawned worker can import.
    script = ("from gkreport.batch import parse_files, WorkersDiedError\n"
              f"try:\n    list(parse_files({CORPUS!r}, jobs=2))\n"
              "except WorkersDiedError as exc:\n    print('died:', exc)\n")
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("died: worker processes die before they can parse anything")


# -- bad inputs in a batch ----------------------------------------------------------------


def test_each_bad_input_is_one_clear_failure_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.docx").write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 40)
    (bad / "huge.txt").write_bytes(b"junk " * 10_000_000)  # 50 MB
    (bad / "no-report.html").write_text(
        "<!DOCTYPE html>\n<html><head><title>首页</title></head>\n<body><p>通知公告</p></body></html>\n",
        encoding="utf-8")
    (bad / "truncated.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat\x00\x17\x9f")
    os.mkfifo(bad / "pipe.txt")  # reading it would block for ever
    out = tmp_path / "results.jsonl"
    start = time.perf_counter()
    status = main(["parse", CORPUS[0], str(bad), CORPUS[1], "--out", str(out)])
    elapsed = time.perf_counter() - start
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = {Path(r["source"]).name: r["error"] for r in records if "error" in r}
    assert status == 1 and elapsed < 5
    assert [Path(r["source"]).name for r in records] == [
        Path(CORPUS[0]).name, "binary.docx", "empty.txt", "huge.txt", "no-report.html", "pipe.txt",
        "truncated.pdf", Path(CORPUS[1]).name]
    assert set(errors) == {"binary.docx", "empty.txt", "huge.txt", "no-report.html", "pipe.txt",
                           "truncated.pdf"}
    assert errors["huge.txt"]["type"] == "FileTooLargeError"
    assert "50,000,000 bytes" in errors["huge.txt"]["message"]
    assert errors["pipe.txt"]["type"] == "NotAFileError"
    assert errors["empty.txt"]["type"] == "EmptyInputError"
    # Whatever reader a format gets, a bad file of it fails with one of gkreport's own errors.
    for name in ("binary.docx", "no-report.html", "truncated.pdf"):
        assert errors[name]["type"] in _parse_error_names(), errors[name]
        assert errors[name]["message"] and set(errors[name]) == {"type", "message", "line", "column"}
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"gkreport: 8 files: 2 parsed ({_diagnosed(CORPUS[:2])} with diagnostics), 6 failed"
    assert len(err) == 7 and all(line.startswith("gkreport: ") for line in err)


# -- files that hold several reports --------------------------------------------------------


def _two_years(tmp_path: Path) -> Path:
    """One body's 2020 and 2023 reports pasted into one file."""
    path = tmp_path / "两年年报.txt"
    path.write_text(report_2019() + "\n\n" + report_2021(), encoding="utf-8")
    return path


def test_parse_file_all_gives_one_outcome_per_report_and_parse_file_refuses_to_mix_them(
        tmp_path: Path) -> None:
    path = _two_years(tmp_path)
    second = len(report_2019().split("\n")) + 2
    outcomes = parse_file_all(path)
    assert [(o.part, o.report and o.report.meta.year) for o in outcomes] == [
        (Part(1, 2, 1), 2020), (Part(2, 2, second), 2023)]
    assert outcomes[1].record()["part"] == {"index": 2, "of": 2, "line": second}
    failure = parse_file(path).failure
    assert failure is not None and (failure.type, failure.line) == ("SeveralReportsError", second)
    # A file of one report gives what parse_file gives, with no part.
    assert parse_file_all(CORPUS[0]) == [parse_file(CORPUS[0])]


def test_the_command_writes_one_record_per_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _two_years(tmp_path)
    assert main(["parse", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()  # JSON lines, one per report, even for one file
    records = [json.loads(line) for line in lines]
    assert [(r["source"], r["part"]["index"], r["meta"]["year"]) for r in records] == [
        (str(path), 1, 2020), (str(path), 2, 2023)]
    # With a report that fails among them: its error record, the others' reports, exit 1.
    old = tmp_path / "汇编.txt"
    old.write_text(OLD_2018 + "\n\n" + report_2019(), encoding="utf-8")
    out = tmp_path / "x.jsonl"
    assert main(["parse", str(old), CORPUS[0], "--out", str(out)]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r.get("part"), "error" in r) for r in records] == [
        ({"index": 1, "of": 2, "line": 1}, True), ({"index": 2, "of": 2, "line": 32}, False), (None, False)]
    assert records[0]["error"]["type"] == "PreTemplateReportError"
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"gkreport: {old} (report 1 of 2, from line 1): line 1, column 11: a report on")
    assert err[-1].startswith("gkreport: 2 files (3 reports): 2 parsed (")
    assert main(["parse", str(path), "--format", "text"]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if line.startswith("== ")]
    assert heads == [f"== {path} (report 1 of 2, from line 1)", f"== {path} (report 2 of 2, from line 75)"]


def _parse_error_names() -> set[str]:
    found, todo = set(), [ParseError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


def test_a_folder_or_unwritable_out_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", CORPUS[0], "--out", str(tmp_path)]) == 2
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["parse", CORPUS[0], "--out", str(tmp_path / "x.jsonl"), "--format", "text"])
    assert info.value.code == 2


def test_strict_fails_a_file_that_needed_a_repair(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    assert main(["parse", *CORPUS, "--strict", "--out", str(out)]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["error"]["type"] for r in records if "error" in r} == {"RepairError"}
    assert any("error" not in r for r in records)


# -- the command, as a user runs it ----------------------------------------------------------


def test_parse_a_folder_in_two_jobs_then_export_csv(tmp_path: Path) -> None:
    jsonl = tmp_path / "x.jsonl"
    done = subprocess.run([GKREPORT, "parse", DATA, "--jobs", "2", "--out", jsonl],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == SUMMARY + "\n"  # its truth/*.json and README are no documents: not said
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == CORPUS
    assert records[1]["meta"]["organ"] == "泉州市丰泽区人民政府办公室"
    done = subprocess.run([GKREPORT, "export", jsonl, "--format", "csv"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "source,organ,year,template,table,row,column,kind,value,amount,unit,status"
    granted = [line for line in lines if line.startswith(CORPUS[1]) and ",requests,granted,total," in line]
    assert granted == [f"{CORPUS[1]},泉州市丰泽区人民政府办公室,2023,2021,requests,granted,total,count,11,,,"
                       "read"]
    recovered = [line for line in lines if line.startswith(CORPUS[0]) and ",requests,total,research," in line]
    assert recovered == [f"{CORPUS[0]},泉州市洛江区人民政府办公室,2020,2019,requests,total,research,count,0,,,"
                         "recovered"]


def test_the_same_through_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonl, csv_path = tmp_path / "x.jsonl", tmp_path / "x.csv"
    assert main(["parse", str(DATA), "--jobs", "2", "--out", str(jsonl)]) == 0
    assert main(["export", str(jsonl), "--format", "csv", "--out", str(csv_path)]) == 0
    rows = csv_path.read_text(encoding="utf-8").splitlines()
    templates = [json.loads(line)["meta"]["template"]
                 for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert sorted(templates) == ["2019"] * 4 + ["2021"]
    # A header, then every cell of each report's template.
    assert len(rows) == 1 + sum(len(cells(t)) for t in templates)
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"gkreport: {len(rows) - 1} rows (long) to {csv_path}; skipped 0 records of failed files")


def _run_with_stderr_on_a_terminal(args: list[str | Path], cwd: Path, columns: int) -> tuple[int, str]:
    """Run with stdout a pipe and stderr the slave side of a pseudo-terminal ``columns`` wide."""
    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        proc = subprocess.Popen([GKREPORT, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=slave)
    finally:
        os.close(slave)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError as exc:  # EIO: every writer of the slave side has closed it
                if exc.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    return proc.wait(timeout=60), seen.decode("utf-8", "replace")


@pytest.mark.parametrize("columns", [100, 0], ids=["100-columns", "no-width"])
def test_progress_bar_on_a_terminal_and_none_in_a_pipe(tmp_path: Path, columns: int) -> None:
    status, on_terminal = _run_with_stderr_on_a_terminal(
        ["parse", DATA, "--out", tmp_path / "a.jsonl"], tmp_path, columns)
    assert status == 0
    bars = [line for line in on_terminal.split("\r") if "5/5" in line]
    assert bars and "100%|" in bars[-1] and "file/s]" in bars[-1]
    width = columns or 80  # a terminal that says it has no width gets 80 columns
    assert width - 1 <= len(bars[-1].rstrip("\n")) <= width
    assert on_terminal.endswith(SUMMARY + "\r\n")

    piped = subprocess.run([GKREPORT, "parse", DATA, "--out", tmp_path / "b.jsonl"],
                           capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0
    assert piped.stderr == SUMMARY + "\n"


def test_a_worker_starts_with_the_parser_built() -> None:
    # The fork server builds it once (gkreport._warm); a worker forked from it does not.
    assert list(parse_files(CORPUS[:4], jobs=2, task=parsers_built)) == [1, 1, 1, 1]


def test_the_parser_keeps_its_tables_for_the_next_process() -> None:
    from gkreport import _grammar
    from gkreport._build import DocumentBuilder

    assert _grammar.parser(DocumentBuilder).options.cache is True
