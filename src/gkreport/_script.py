"""Stage 1c, script: a copy in traditional characters, read in the simplified the template uses.

Mirror sites convert whole reports to traditional characters (規範性檔案, 處理決定數量), and
some leave a conversion tool's pinyin glosses inside words (鎮(zhèn)) or its ``????`` for
characters it could not map. The template's labels are simplified; the whole text is
converted with OpenCC before anything else reads it, and each change is said.

Telling the script is cheap: a few dozen characters that every report uses and that differ
between the two scripts are counted in each; only a copy with more traditional than simplified
ones is converted (a simplified report quoting a Hong Kong name stays as it is).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final, Protocol

from .diagnostics import Diagnostic

__all__ = ["to_simplified"]

# Pairs (traditional, simplified) of characters every report uses many times.
_PAIRS: Final = (
    "報报開开關关數数據据資资務务處处請请機机條条總总況况門门會会與与為为國国發发這这個个時时"
    "應应號号動动複复訟讼議议規规範范檔档認认證证義义類类區区縣县鎮镇辦办決决結结維维業业單单"
    "項项題题進进無无從从種种對对內内"
)
_TELLING: Final = ("開", "報", "數", "條", "規", "內")
_TRADITIONAL: Final = re.compile("[" + _PAIRS[0::2] + "]")
_SIMPLIFIED: Final = re.compile("[" + _PAIRS[1::2] + "]")

# Words a Taiwan-style conversion rewrote (文件 → 檔案, 信息 → 資訊, 项目 → 專案, 发布 → 釋出)
# and that the template or a page's metadata fields (发布机构, 发布日期) spell otherwise;
# OpenCC's character conversion brings back the characters, these bring back the words.
# 档案 only in the template's own phrases: alone it may mean an archive.
_TEMPLATE_WORDS: Final = (
    ("规范性档案", "规范性文件"), ("主动公开档案", "主动公开文件"), ("资讯", "信息"), ("专案", "项目"),
    ("释出", "发布"),
)

# A pinyin gloss after a character (鎮(zhèn), 數(shù)): letters with tone marks in brackets.
# The bracket comes first so that the scan looks for it alone; the lookbehind then checks
# the character before it.
_GLOSS: Final = re.compile(r"\((?<=[\u3400-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
# A run of question marks where a converter lost characters, at a line's start (????一、).
_LOST_MARKS: Final = re.compile(r"^\?{2,}", re.MULTILINE)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _opencc() -> _Converter:
    import opencc  # imported on first use: most copies are simplified

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def to_simplified(text: str) -> tuple[str, list[Diagnostic]]:
    """The text in simplified characters, and what was changed to make it so.

    >>> text, said = to_simplified("規範性檔案 | 2 | 2 | 19\\n處理決定數量(指2020年辦件量)\\n拖市鎮(zhèn)")
    >>> text
    '规范性文件 | 2 | 2 | 19\\n处理决定数量(指2020年办件量)\\n拖市镇'
    >>> [d.code for d in said]
    ['script-converted', 'text-garbled']
    >>> to_simplified("规范性文件 | 2 | 2 | 19")
    ('规范性文件 | 2 | 2 | 19', [])
    """
    said: list[Diagnostic] = []
    # Every report, and every table of one, holds some of these (公開, 報告, 數量, 第二十條,
    # 規章, 信息內容): a copy with none is not in traditional characters, and a few scans in C
    # tell it (most copies); only the others are counted.
    looks_traditional = any(ch in text for ch in _TELLING)
    traditional = len(_TRADITIONAL.findall(text)) if looks_traditional else 0
    if traditional and traditional > len(_SIMPLIFIED.findall(text)):
        text = _opencc().convert(text)
        for converted, template in _TEMPLATE_WORDS:
            text = text.replace(converted, template)
        said.append(Diagnostic(
            "script-converted",
            f"the copy is in traditional characters ({traditional} of its common characters); "
            "it was converted to simplified (OpenCC t2s) and read on"))
    said.extend(_garbled(text))
    if said and said[-1].code == "text-garbled":
        text = _LOST_MARKS.sub("", _GLOSS.sub("", text))
    return text, said


def _garbled(text: str) -> list[Diagnostic]:
    glosses = _GLOSS.findall(text) if "(" in text else []
    marks = _LOST_MARKS.findall(text) if "??" in text else []
    if not glosses and not marks:
        return []
    first = _GLOSS.search(text) or _LOST_MARKS.search(text)
    assert first is not None
    line = text.count("\n", 0, first.start()) + 1
    start = text.rfind("\n", 0, first.start()) + 1
    end = text.find("\n", first.start())
    shown = text[start:end if end >= 0 else len(text)]
    parts = []
    if glosses:
        parts.append(f"{len(glosses)} pinyin glosses inside words ({', '.join(sorted(set(glosses))[:3])}…)")
    if marks:
        parts.append(f"{len(marks)} runs of '?' where characters were lost")
    return [Diagnostic("text-garbled", "the copy is garbled: " + "; ".join(parts) +
                       "; they were removed and the text read as far as its labels allow",
                       line=line, column=first.start() - start + 1, source=shown[:120])]
