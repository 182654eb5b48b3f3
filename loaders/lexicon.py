"""Lexicons and the jieba tokenizer built from them.

The word lists live in ``loaders/data/lexicon.toml``; this module loads
them once, compiles what needs compiling and builds a jieba user dictionary
from every lexicon word, so that type words, organ words and standard
formulae are never cut apart by the segmenter.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Lexicon", "lexicon", "reference_tokenizer", "tokenize", "tokenizer", "word_tag"]

logger = logging.getLogger(__name__)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _trie_pattern(node: dict) -> str:
    """The pattern of one node of a trie of words' characters (``""`` marks a word ending there), a longer
    continuation tried before stopping (:meth:`Lexicon.trie_alternation`)."""
    alts = [re.escape(ch) + _trie_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    body = "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" not in node or not body:
        return body
    return f"(?:{body})?" if len(alts) > 1 or len(body) > 1 else body + "?"


@dataclass(frozen=True)
class Lexicon:
    """Every word list and pattern of the extractor, loaded from ``lexicon.toml``."""

    raw: dict

    def words(self, section: str, key: str) -> list[str]:
        """Return the list ``[section] key`` of the TOML file."""
        return list(self.raw[section][key])

    def wordset(self, section: str, key: str) -> frozenset[str]:
        """Return ``[section] key`` as a frozenset."""
        return frozenset(self.raw[section][key])

    def alternation(self, section: str, *keys: str) -> re.Pattern[str]:
        """Return a regex matching any word of the lists ``[section] key`` of ``keys``, longest first."""
        return re.compile(_alternation([w for key in keys for w in self.words(section, key)]))

    def trie_alternation(self, section: str, *keys: str) -> re.Pattern[str]:
        """What :meth:`alternation` matches, written as a trie of the words' characters: the words matching at one
        place are prefixes of one another, so a longer continuation tried before stopping tries them in the same order
        as the alternation sorted by length (same matches, same backtracking), while the regex engine reads each
        character once per place, not once per word.  For long lists: the 345 organs and enterprises of the centre
        take 0.14 -> 0.06 s over the gwr corpus's sentences; lists of a few dozen words gain nothing."""
        trie: dict = {}
        for w in {w for key in keys for w in self.words(section, key)}:
            node = trie
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}
        return re.compile(_trie_pattern(trie))

    def holds_any(self, section: str, key: str, text: str) -> bool:
        """True when ``text`` contains a word of ``[section] key`` (a section heading naming its kind:
        发展目标, 基本原则, 名词解释)."""
        return any(w in text for w in self.raw[section][key])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ``loaders/data/lexicon.toml`` (cached for the process)."""
    data = resources.files("policykg.loaders").joinpath("data/lexicon.toml").read_bytes()
    return Lexicon(tomllib.loads(data.decode("utf-8")))


def _user_dictionary(lex: Lexicon) -> list[str]:
    words: set[str] = set()
    for section, key in [
        ("program", "type_words"), ("program", "quote_tail_words"), ("goal", "suffixes"),
        ("goal", "gazetteer"), ("goal", "quote_tail_words"), ("document", "suffixes"),
        ("document", "gazetteer"), ("body", "organs"), ("body", "standalone"), ("body", "modifiers"),
        ("text", "domain_terms"),
    ]:
        words.update(w for w in lex.words(section, key) if len(w) >= 3)
    for level in lex.words("body", "levels"):
        words.update({f"{level}委", f"{level}党委"} if len(level) == 1 else {f"{level}党委"})
    return sorted(words)


def _user_frequency(freq: dict[str, int], word: str) -> int:
    """Frequency of a user-dictionary word: above any segmentation of it (50,000, or its own count + 1).

    This is what ``suggest_freq(word)`` followed by ``max(…, 50_000)`` gives: a
    word cut into two or more dictionary words gets a product of probabilities
    far below 50,000, a dictionary word its own count + 1 (``freq``: jieba's word counts).
    """
    return max(freq.get(word, 0) + 1, 50_000)


def _with_user_dictionary(tok):
    tok.initialize()
    lines = "".join(f"{w} {_user_frequency(tok.FREQ, w)}\n" for w in _user_dictionary(lexicon()))
    tok.load_userdict(io.StringIO(lines))
    return tok


@lru_cache(maxsize=1)
def reference_tokenizer():
    """jieba itself (a ``jieba.Tokenizer``) with the project's user dictionary: the floor of ``make bench``
    and the reference :func:`tokenize` and :func:`tokenizer` must agree with token for token (a test
    checks it on real text).  jieba is imported here only: a load does not need it."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    cache = Path(jieba.__file__).parent / "__policykg_cache__"
    try:
        cache.mkdir(exist_ok=True)
        tok.tmp_dir = str(cache)
    except OSError:  # read-only site-packages: jieba falls back to the system temp dir
        pass
    return _with_user_dictionary(tok)


@lru_cache(maxsize=1)
def tokenizer():
    """jieba-next's tokenizer with the user dictionary (cached): jieba's dictionary and algorithm with
    its prefix dictionary in Rust.  Its tokens are jieba's (:func:`reference_tokenizer`) exactly; a
    load cuts with :func:`tokenize`, over the same prefix dictionary built by :func:`_segmenter`."""
    import jieba_next

    return _with_user_dictionary(jieba_next.Tokenizer())


def _jieba_file(name: str) -> Path:
    """A file of the jieba package (``jieba.get_dict_file()`` opens ``dict.txt`` so), found without
    importing jieba, whose import costs a fifth of a second."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).parent / name


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's dictionary file read once: word -> count (jieba's ``FREQ`` without the prefixes of
    words, which count 0), the total of the counts, and word -> part-of-speech tag.

    The counts and total are those jieba (and jieba-next) derive from the same file: a word
    listed twice keeps its last count and adds both to the total.
    """
    data = _jieba_file("dict.txt").read_text(encoding="utf-8")
    fields = data.split()
    if len(fields) == 3 * len(data.splitlines()):  # "word count tag" on every line: read column-wise
        try:
            words, counts = fields[0::3], [int(n) for n in fields[1::3]]
            return dict(zip(words, counts, strict=True)), sum(counts), dict(zip(words, fields[2::3], strict=True))
        except ValueError:
            pass
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for line in data.splitlines():
        parts = line.split()
        if parts:
            freq[parts[0]] = int(parts[1])
            total += int(parts[1])
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return freq, total, tags


@lru_cache(maxsize=1)
def _segmenter():
    """jieba-next's prefix dictionary (a trie in Rust) of jieba's words and the user dictionary, as
    :func:`tokenizer` builds it (same counts and total), without loading jieba-next's cache of every
    prefix of every word (about a second)."""
    from jieba_next.jieba_next_rust import PrefixDict

    freq, total, _ = _dictionary()
    user = {w: _user_frequency(freq, w) for w in _user_dictionary(lexicon())}
    words = dict(freq)  # a count of 0 (a prefix in jieba's FREQ) marks no word in the trie either
    words.update(user)
    return PrefixDict(words, float(total + sum(user.values())))


# jieba's default cut (jieba.tokenizer: re_han_default, re_skip_default, re_eng): runs of Han
# characters, letters, digits and +#&._% are segmented by the prefix dictionary; single letters and
# digits the segmentation leaves alone are joined; every other character is a token of its own,
# a line break or white space character included.
_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_HAS_ALNUM = re.compile("[a-zA-Z0-9]")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Segment ``text`` with the project tokenizer (no HMM, so results are stable).

    jieba's ``Tokenizer.tokenize(text, HMM=False)`` step for step over jieba-next's route
    through the prefix dictionary (:func:`_segmenter`), without its layers of generators (a
    test checks the tokens equal jieba's on real text).

    Returns:
        ``(word, start, end)`` triples with character offsets into ``text``.
    """
    route_of = _segmenter().get_dag_and_calc
    out: list[tuple[str, int, int]] = []
    append = out.append
    at = 0
    # split() on a capturing group alternates the text between matches and the matches: odd places hold the blocks
    # the prefix dictionary segments, even places the characters between (empty where two blocks meet)
    for k, block in enumerate(_HAN.split(text)):
        if not block:
            continue
        if k & 1:
            route = route_of(block)
            n = len(block)
            if not _HAS_ALNUM.search(block):  # Han characters only: every step of the route is a token
                x = 0
                while x < n:
                    y = route[x] + 1
                    append((block[x:y], at + x, at + y))
                    x = y
                at += n
                continue
            x, run = 0, -1  # run: start of pending single letters and digits
            while x < n:
                y = route[x] + 1
                if y - x == 1 and block[x] in _ALNUM:
                    if run < 0:
                        run = x
                else:
                    if run >= 0:
                        append((block[run:x], at + run, at + x))
                        run = -1
                    append((block[x:y], at + x, at + y))
                x = y
            if run >= 0:
                append((block[run:n], at + run, at + n))
            at += n
        elif len(block) == 1:  # one mark (，): a token whether or not it is white space
            append((block, at, at + 1))
            at += 1
        else:
            for j, part in enumerate(_SKIP.split(block)):
                if j & 1:
                    append((part, at, at + len(part)))
                    at += len(part)
                else:
                    for ch in part:
                        append((ch, at, at + 1))
                        at += 1
    return out


def _tags() -> dict[str, str]:
    """jieba's part-of-speech tag of every dictionary word (the table ``jieba.posseg`` builds, word_tag_tab)."""
    return _dictionary()[2]


def word_tag(word: str) -> str:
    """Return jieba's part-of-speech tag of a dictionary word, or ``"x"`` when unknown."""
    return _tags().get(word, "x")
