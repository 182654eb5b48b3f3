"""Short unpunctuated lines that are no heading of their own: a bracketed note.

:func:`policykg.loaders.outline.outline` reads a short line without sentence punctuation as a heading.  Chinese
official texts set a note in brackets from end to end on a line of its own (题注 under a title, 附注 under a date:
:func:`note_line`); it heads nothing.  The pattern is ``lexicon.toml [text] note_line``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon

__all__ = ["note_line"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str]]:
    raw = lexicon().raw["text"]
    return (re.compile(raw["note_line"]),)


def note_line(line: str) -> bool:
    """Whether ``line`` (stripped) is one note in brackets from end to end, no bracket inside it
    (``[text] note_line``): （2013年12月10日在中央经济工作会议上的讲话）, （2019年2月印发）,
    (譯自中共駐共產國際代表團檔案俄文稿).  Such a line is a note under a title or a date, never a heading; the caller
    reads a line opening with an item's number (（一）…) as an item before asking."""
    return _patterns()[0].fullmatch(line) is not None

