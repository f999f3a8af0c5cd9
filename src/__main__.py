"""Command line: `python -m src validate`, `python -m src export --out DIR` and
`python -m src handout --out DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from src.constants import geodata_dir


def _validate(args: argparse.Namespace) -> int:
    from src.library import load_library, report

    directory = Path(args.geodata)
    library = load_library(directory)
    by_file = report(library, directory)
    failed = 0
    for file, problems in by_file.items():
        status = "ok" if not problems else f"{len(problems)} problem(s)"
        print(f"{file}: {status}")
        for problem in problems:
            print(f"    {problem}")
        failed += bool(problems)
    print(f"{len(by_file) - failed} of {len(by_file)} files valid")
    conflicts = []
    if not failed:
        from src.consistency import side_conflicts

        conflicts = side_conflicts(library.battle)
        for fid, day, side, metres in conflicts:
            print(f"    '{fid}' ({side}) is {metres} m on the wrong side of the {day} line")
        print(f"cross-layer: units and hills on their side of every dated line: {len(conflicts) or 'ok'}")
    return 1 if failed or conflicts else 0


def _write(
    args: argparse.Namespace, write, refused: tuple[type[Exception], ...], name: str, part: str, verb: str
) -> int:
    """Read the data and write one product of it; every failure is one line on stderr and an
    exit code, never a traceback. `refused`: the writer's own errors (exit 1), beside a folder
    that cannot be written (exit 2); `name`, `part`, `verb`: the words of its messages ('the
    export', 'left out of the file', 'no battle to export')."""
    from src.library import load_library

    library = load_library(Path(args.geodata))
    for problem in library.problems:
        print(f"warning: {problem} (left out of the {part})", file=sys.stderr)
    if not library.battle.has_front:
        print(f"error: no front line could be read, so there is no battle to {verb}", file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        path = write(library.battle, library.chapters, out)
    except refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # an existing file, /dev/null, no permission, a full disk
        print(f"error: cannot write the {name} to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


def _export(args: argparse.Namespace) -> int:
    from src.export import write_export

    return _write(args, write_export, (ValueError,), "export", "file", "export")  # ValueError: over the budget


def _handout(args: argparse.Namespace) -> int:
    from src.handout import ChromiumMissingError, PrintError, write_handout

    return _write(args, write_handout, (ChromiumMissingError, PrintError), "handout", "handout", "print")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m src", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every file under geodata/ (exits 1 on any problem)")
    check.add_argument("--geodata", default=str(geodata_dir()), help="folder to check")
    check.set_defaults(run=_validate)
    export = sub.add_parser("export", help="write the battle as one self-contained HTML file")
    export.add_argument("--out", default="dist", help="folder to write kumsong-1953.html into")
    export.add_argument("--geodata", default=str(geodata_dir()), help="folder to read the data from")
    export.set_defaults(run=_export)
    handout = sub.add_parser("handout", help="print the lecture's chapters as a PDF (needs Debian's chromium)")
    handout.add_argument("--out", default="dist", help="folder to write kumsong-1953-handout.pdf into")
    handout.add_argument("--geodata", default=str(geodata_dir()), help="folder to read the data from")
    handout.set_defaults(run=_handout)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
