"""A matrix whose labels and numbers were printed apart (text extracted from a PDF)."""

from __future__ import annotations

import gkreport
from snippets import REQUEST_LABELS_2019, report_2019

#: Rows printed whole (label and numbers on one line); the others lose their numbers to a
#: line of their own, printed after the next row (in a PDF's text, a wrapped label floats).
APART = {"(二)部分公开", "4.保护第三方合法权益", "2.没有现成信息需要另行制作"}


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def interleaved(rows: list[tuple[str, list[int]]]) -> str:
    """The matrix with each row of APART printed as its label alone, its numbers a pipe row
    after the next row."""
    lines: list[str] = []
    waiting: list[int] | None = None
    for label, values in rows:
        label = label.replace("\t", " ").strip()
        if any(label.endswith(a) or label.startswith(a) for a in APART):
            lines.append(label)
            waiting = values
            continue
        lines.append(_pipe([label, *map(str, values)]))
        if waiting is not None:
            lines.append(_pipe([str(v) for v in waiting]))
            waiting = None
    return "\n".join(lines)


def rows(**changed: list[int]) -> list[tuple[str, list[int]]]:
    """The matrix of the snippet report, rows changed by their index."""
    out = [(label, list(values)) for label, values in REQUEST_LABELS_2019]
    for index, values in changed.items():
        i = int(index[1:])
        out[i] = (out[i][0], values)
    return out


# partially_granted 1, third_party_rights 2, needs_creation 3: distinct, and the table's
# identities kept (新收 and (七) 总计 grow by 5).
ROWS = rows(r0=[10, 1, 0, 0, 0, 0, 11], r3=[1, 0, 0, 0, 0, 0, 1], r7=[2, 0, 0, 0, 0, 0, 2],
            r13=[3, 0, 0, 0, 0, 0, 3], r21=[10, 1, 0, 0, 0, 0, 11])


def test_rows_printed_apart_from_their_labels_are_placed_by_reading_order() -> None:
    report = gkreport.parse(report_2019(requests=interleaved(ROWS).split("\n")))
    assert report.requests["partially_granted"].cells == (1, 0, 0, 0, 0, 0, 1)
    assert report.requests["denied.third_party_rights"].cells == (2, 0, 0, 0, 0, 0, 2)
    assert report.requests["unable.needs_creation"].cells == (3, 0, 0, 0, 0, 0, 3)
    # Printed whole, the others stay where their labels put them.
    assert report.requests["denied.internal_affairs"].cells == (0,) * 7
    placed = [d for d in report.diagnostics if d.code == "row-by-order"]
    assert len(placed) == 3 and placed[0].severity == "warning"
    assert "部分公开" in placed[0].message and "1 0 0 0 0 0 1" in placed[0].message


def test_a_placing_that_breaks_the_arithmetic_is_named_not_made() -> None:
    # The same rows printed apart, but 新收 and (七) 总计 as printed before: the numbers
    # placed by reading order would not add up, so none is placed.
    text = interleaved(rows(r3=[1, 0, 0, 0, 0, 0, 1], r7=[2, 0, 0, 0, 0, 0, 2], r13=[3, 0, 0, 0, 0, 0, 3]))
    report = gkreport.parse(report_2019(requests=text.split("\n")))
    for key in ("partially_granted", "denied.third_party_rights", "unable.needs_creation"):
        assert report.requests[key].cells == (None,) * 7, key
    named = [d.message for d in report.diagnostics if d.code == "value-unassigned"]
    assert any("2 0 0 0 0 0 2" in m and "would break" in m for m in named)
    assert not any(d.code == "row-by-order" for d in report.diagnostics)


def test_numbers_apart_that_do_not_fill_the_rows_left_are_named_not_placed() -> None:
    lines = interleaved(ROWS).split("\n")
    lost = next(i for i, line in enumerate(lines) if line.startswith("| 3 |"))
    del lines[lost]  # needs_creation's numbers lost: two rows of numbers for three rows
    report = gkreport.parse(report_2019(requests=lines))
    for key in ("partially_granted", "denied.third_party_rights", "unable.needs_creation"):
        assert report.requests[key].cells == (None,) * 7, key
    named = [d.message for d in report.diagnostics if d.code == "value-unassigned"]
    assert any("1 0 0 0 0 0 1" in m and "do not settle" in m for m in named)
    assert any("2 0 0 0 0 0 2" in m for m in named)
    assert not any(d.code == "row-by-order" for d in report.diagnostics)


def test_a_row_of_numbers_alone_with_every_label_printed_whole_is_named() -> None:
    lines = [_pipe([label.replace("\t", " ").strip(), *map(str, values)]) for label, values in ROWS]
    lines.insert(5, _pipe(["9"] * 7))  # a stray row of numbers; no label waits for one
    report = gkreport.parse(report_2019(requests=lines))
    assert report.requests == gkreport.parse(report_2019(requests=lines[:5] + lines[6:])).requests
    assert not any(d.code == "row-by-order" for d in report.diagnostics)


def test_two_placings_that_both_hold_leave_the_rows_they_differ_on_none() -> None:
    # 4.保护第三方合法权益's label printed before (二)部分公开's: the template's order and the
    # labels' printed order place the first two rows of numbers differently, and the matrix
    # adds up either way (its identities cannot tell outcome rows apart). Neither is picked.
    lines = interleaved(ROWS).split("\n")
    third_party = next(i for i, line in enumerate(lines) if line.endswith("4.保护第三方合法权益"))
    moved = lines.pop(third_party)
    lines.insert(next(i for i, line in enumerate(lines) if line.startswith("(二)部分公开")), moved)
    report = gkreport.parse(report_2019(requests=lines))
    assert report.requests["partially_granted"].cells == (None,) * 7
    assert report.requests["denied.third_party_rights"].cells == (None,) * 7
    # The third row of numbers goes to needs_creation in both placings: it is placed.
    assert report.requests["unable.needs_creation"].cells == (3, 0, 0, 0, 0, 0, 3)
    [ambiguous] = [d for d in report.diagnostics if d.code == "placing-ambiguous"]
    assert ambiguous.severity == "warning"
    assert "the template's order: partially_granted = 1 0 0 0 0 0 1, denied.third_party_rights = " \
        "2 0 0 0 0 0 2" in ambiguous.message
    assert "the order the labels were printed in: denied.third_party_rights = 1 0 0 0 0 0 1, " \
        "partially_granted = 2 0 0 0 0 0 2" in ambiguous.message
    assert [d.message for d in report.diagnostics if d.code == "row-by-order"] == [
        d.message for d in report.diagnostics if d.code == "row-by-order" and "没有现成信息" in d.message]
