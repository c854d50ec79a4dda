"""The HTML audit of a corpus, loaded in headless Chromium: what a reader sees after scripts run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from lxml import html

from gkreport.audit import audit_paths
from gkreport.audit_report import render_html
from gkreport.cli import main
from snippets import replace_line, report_2019

_GRANTED = "三、本年度办理结果\t(一)予以公开\t3\t1\t0\t0\t0\t0\t4"
_FORWARD = "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1"
_NEW = "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6"


def _browser_dom(page: Path, profile: Path) -> html.HtmlElement:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed (.ci/run installs it)"
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
    return html.fromstring(proc.stdout)


def test_html_audit_renders_in_headless_chromium(tmp_path: Path, data_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    broken = replace_line(report_2019(), _GRANTED, _GRANTED[:-1] + "5")
    (corpus / "broken_2020.txt").write_text(broken, encoding="utf-8")
    # The same body's 2019 report carried 2 forward where 2020 took 1 over.
    last = report_2019().replace("2020年政府", "2019年政府")
    last = replace_line(last, _FORWARD, "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2")
    last = replace_line(last, _NEW, "一、本年新收政府信息公开申请数量\t6\t1\t0\t0\t0\t0\t7")
    last = last.replace("共受理政府信息公开申请6件", "共受理政府信息公开申请7件")
    (corpus / "earlier_2019.txt").write_text(last, encoding="utf-8")
    (corpus / "fine_2020.txt").write_text(report_2019().replace("示例县", "另一县"), encoding="utf-8")
    for name in ("001_e94c29de80bcac7c.txt", "004_48696eb35ee8e3c7.txt"):
        shutil.copy(data_dir / name, corpus / name)
    files = sorted(str(p) for p in corpus.iterdir())
    page = tmp_path / "audit.html"
    assert main(["check", *files, "--html", str(page), "--fail-on", "error"]) == 1

    dom = _browser_dom(page, tmp_path / "profile")
    audits = audit_paths(files)

    summary = dom.get_element_by_id("summary").text_content()
    assert " ".join(summary.split()).startswith("5 reports: 2 pass, 1 fail, 2 cannot be checked in full.")
    assert f"{sum(len(a.checks) for a in audits)} checks" in summary
    # Written by the page's script: the browser ran it.
    verdict = dom.get_element_by_id("verdict").text_content()
    assert verdict == "Verdict: 1 of 5 reports fail; findings of 4 kinds."

    (failing,) = dom.find_class("failing")
    assert "broken_2020.txt" in failing.findtext("h3")
    kinds = [tr.get("data-kind") for tr in failing.find_class("finding")]
    assert kinds == ["sum-row", "sum-outcomes", "carry-over", "carry-over"]
    assert "5" in failing.find_class("finding")[0].text_content()

    partial = {p.findtext("h3").split()[0]: len(p.find_class("blank")) for p in dom.find_class("partial")}
    assert {Path(name).name: n for name, n in partial.items()} == {
        "001_e94c29de80bcac7c.txt": 3, "004_48696eb35ee8e3c7.txt": 12}
    assert {li.get("data-statuses") for p in dom.find_class("partial") for li in p.find_class("blank")} == {
        "blank"}

    rows = {tr.findall("td")[0].text_content(): tr.get("data-status") for tr in dom.find_class("report")}
    assert {Path(name).name: status for name, status in rows.items()} == {
        "001_e94c29de80bcac7c.txt": "cannot-check", "004_48696eb35ee8e3c7.txt": "cannot-check",
        "broken_2020.txt": "fail", "fine_2020.txt": "pass", "earlier_2019.txt": "pass"}

    # One bar segment per kind and status, as long as its count.
    bars = dom.xpath("//*[local-name()='svg'][@id='chart']/*[local-name()='rect']")
    seen = {(b.get("data-kind"), b.get("data-status")): int(b.get("data-count")) for b in bars}
    expected: dict[tuple[str, str], int] = {}
    for a in audits:
        for c in a.findings:
            expected[c.kind, c.status] = expected.get((c.kind, c.status), 0) + 1
    assert seen == expected
    assert seen[("sum-outcomes", "cannot-check")] == 7 and seen[("sum-row", "fail")] == 1
    assert seen[("carry-over", "fail")] == 2
    widths = {(b.get("data-kind"), b.get("data-status")): int(b.get("width")) for b in bars}
    assert widths["sum-outcomes", "cannot-check"] > widths["sum-appeals", "cannot-check"] > widths[
        "sum-row", "fail"]

    # Each section of the 2020 report against the 2019 one: the problems section is the same.
    repeated = {tr.findall("td")[1].text_content(): tr.findall("td")[3].text_content()
                for tr in dom.get_element_by_id("repetition").xpath(".//tr[td]")}
    assert repeated["problems"] == "100%" and repeated["overview"] != "100%"


def test_html_audit_shows_the_status_of_each_cell(tmp_path: Path) -> None:
    """Without a browser: the cells a finding shows carry their status, lost apart from blank."""
    lost = tmp_path / "lost.txt"
    garbled = replace_line(report_2019(), _GRANTED, _GRANTED.replace("予以公开", "某某某某"))
    lost.write_text(garbled, encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text(replace_line(report_2019(), _NEW, _NEW.replace("\t6", "\t-")), encoding="utf-8")
    dom = html.fromstring(render_html(audit_paths([str(lost), str(broken)])))
    items = {(li.get("data-kind"), " ".join(li.text_content().split()).split(": ", 1)[1]):
             li.get("data-statuses") for li in dom.find_class("blank")}
    assert items[("sum-row", "lost: granted (all)")] == "lost"
    assert items[("sum-row", "blank: new_received total")] == "blank"
    assert "cell without a number" in dom.text_content()


def test_html_audit_with_blanks_as_zero(tmp_path: Path) -> None:
    """A blank hiding a number: with --blank-as-zero the finding fails, says what it assumed,
    and shows the cell as blank; the page counts the checks that rest on the assumption."""
    hidden = tmp_path / "hidden.txt"
    hidden.write_text(replace_line(report_2019(), _GRANTED, _GRANTED.replace("\t3\t", "\t-\t", 1)),
                      encoding="utf-8")
    page = tmp_path / "audit.html"
    assert main(["check", str(hidden), "--blank-as-zero", "--html", str(page), "--fail-on", "error"]) == 1
    dom = html.fromstring(page.read_text(encoding="utf-8"))
    findings = {tr.get("data-kind"): tr for tr in dom.find_class("finding")}
    row = findings["sum-row"]
    assert "blank cells taken as 0: granted natural_person" in row.text_content()
    (blank,) = [cell for cell in row.find_class("cell") if cell.get("data-status") == "blank"]
    assert " ".join(blank.text_content().split()) == "requests granted natural_person = — blank"
    assert " ".join(dom.get_element_by_id("assumed").text_content().split()).startswith(
        "Blank cells taken as 0 (--blank-as-zero): 2 checks rest on that assumption")
    assert not dom.find_class("partial")
    without = html.fromstring(render_html(audit_paths([str(hidden)])))
    assert not without.xpath("//*[@id='assumed']") and len(without.find_class("partial")) == 1
