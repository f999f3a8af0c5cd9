"""Fingerprints of source texts: the hashes of their 8-word runs, never the text itself.

    python scripts/fingerprint.py SOURCE.txt ... [--out tests/fingerprints] [--key KEY]

writes one file per source, `tests/fingerprints/<key>.txt` (the key defaults to the file's
stem): a header line, then one 16-hex-digit sha256 prefix per distinct run. The store lets
`tests/test_originality.py` check on any clone that no sentence of ours repeats eight
consecutive words of a source, without a single sentence of the source entering the repo.

Words are folded before hashing so that case, punctuation and typography cannot hide a
copy: NFKC, lower case, apostrophes dropped ("Hwach'on" = "hwachon"), every other
non-letter a separator, and each Chinese or Japanese character a word of its own (those
scripts write no spaces). Runs that are mostly numbers (coordinates, lists of figures) are
data, not prose, and are not reported. A marked quotation, text inside “…” or "…" with an attribution
before it (a colon, or a verb such as "said" or "wrote") or a parenthesis after it, is
not our prose, so `segments` leaves it out.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

RUN = 8  # words: a shared run this long is a copied phrase, not a shared name or number
HEX = 16  # hex digits kept of each sha256: 64 bits, no accidental collision at our sizes
STORE = Path(__file__).resolve().parent.parent / "tests" / "fingerprints"

_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
# one CJK ideograph or kana is a word; otherwise a run of letters and digits (Hangul included)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
_ATTRIBUTION_BEFORE = re.compile(
    r"(:|\b(said|says|wrote|writes|commented|recalled|reported|declared|called it|in the words of|"
    r"as quoted|quoted|reads|headlined|titled)\b)[\s,]*$",
    re.IGNORECASE,
)
_ATTRIBUTION_AFTER = re.compile(r"^[\s,.;]*(\(|—|–\s|-\s|\b(said|says|wrote|writes|according to)\b)", re.IGNORECASE)


def words(text: str) -> list[str]:
    """The folded words of a text."""
    folded = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return _WORD.findall(folded)


def run_hash(run: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:HEX]


def runs(tokens: list[str], n: int = RUN) -> list[tuple[int, str]]:
    """(start index, hash) of every run of n consecutive words."""
    return [(i, run_hash(tokens[i : i + n])) for i in range(len(tokens) - n + 1)]


def segments(text: str) -> list[str]:
    """The text outside its marked, attributed quotations, as separate pieces (a run never
    bridges a quotation)."""
    pieces, start = [], 0
    for match in _QUOTE.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        if _ATTRIBUTION_BEFORE.search(before[-80:]) or _ATTRIBUTION_AFTER.match(after[:40]):
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def fingerprint(text: str) -> set[str]:
    """Every run hash of a source text (quotations included: the source's words are all its own)."""
    return {h for _, h in runs(words(text))}


def is_prose(run: list[str]) -> bool:
    """A run is prose when at least half its words are words (two letters or more, or a
    Chinese character); a run of numbers with a letter or two ("38 25 14 n 127 35 40 e",
    "2 689 killed 7 548 wounded 4 136") is a datum that any citation must repeat."""
    return sum((len(w) > 1 and not w.isdigit()) or bool(_CJK_CHAR.fullmatch(w)) for w in run) * 2 >= len(run)


def shared_phrases(text: str, prints: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(source key, our words) for each stretch of the text that repeats prose runs of a
    source; overlapping runs are merged so that one copied sentence is reported once."""
    found: list[tuple[str, str]] = []
    for piece in segments(text):
        tokens = words(piece)
        hashes = [(i, h) for i, h in runs(tokens) if is_prose(tokens[i : i + RUN])]
        for key, known in sorted(prints.items()):
            spans: list[list[int]] = []
            for i, h in hashes:
                if h not in known:
                    continue
                if spans and i <= spans[-1][1]:
                    spans[-1][1] = i + RUN
                else:
                    spans.append([i, i + RUN])
            found += [(key, " ".join(tokens[a:b])) for a, b in spans]
    return found


def read_store(directory: Path = STORE) -> dict[str, set[str]]:
    """The stored fingerprints, by source key."""
    store = {}
    for path in sorted(directory.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        store[path.stem] = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return store


def write_print(key: str, text: str, directory: Path = STORE, origin: str = "") -> Path:
    """Store one source's fingerprint as `<key>.txt`, sorted, with a one-line header."""
    hashes = sorted(fingerprint(text))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{key}.txt"
    header = (
        f"# {key}: sha256[:{HEX}] of each {RUN}-word run (folded as scripts/fingerprint.py says), "
        f"{len(hashes)} runs; from {origin or 'a source text'}; the text itself is not kept\n"
    )
    path.write_text(header + "".join(h + "\n" for h in hashes), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", nargs="+", type=Path, help="source text files")
    parser.add_argument("--out", type=Path, default=STORE, help="fingerprint folder (default tests/fingerprints)")
    parser.add_argument("--key", help="store under this key (one text only; default: the file's stem)")
    parser.add_argument("--origin", default="", help="where the text came from, for the header")
    args = parser.parse_args(argv)
    if args.key and len(args.texts) != 1:
        parser.error("--key takes exactly one text")
    for path in args.texts:
        key = args.key or path.stem
        written = write_print(key, path.read_text(encoding="utf-8"), args.out, args.origin or path.name)
        print(f"{written}: {len(read_store(args.out)[key])} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
