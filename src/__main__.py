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


def _export(args: argparse.Namespace) -> int:
    from src.export import write_export
    from src.library import load_library

    library = load_library(Path(args.geodata))
    for problem in library.problems:
        print(f"warning: {problem} (left out of the file)", file=sys.stderr)
    if not library.battle.has_front:
        print("error: no front line could be read, so there is no battle to export", file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        path = write_export(library.battle, library.chapters, out)
    except OSError as exc:  # an existing file, /dev/null, no permission, a full disk
        print(f"error: cannot write the export to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # over the size budget
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


def _handout(args: argparse.Namespace) -> int:
    from src.handout import ChromiumMissingError, PrintError, write_handout
    from src.library import load_library

    library = load_library(Path(args.geodata))
    for problem in library.problems:
        print(f"warning: {problem} (left out of the handout)", file=sys.stderr)
    if not library.battle.has_front:
        print("error: no front line could be read, so there is no battle to print", file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        path = write_handout(library.battle, library.chapters, out)
    except (ChromiumMissingError, PrintError) as exc:  # no Chromium here, or it failed
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # an existing file, /dev/null, no permission, a full disk
        print(f"error: cannot write the handout to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


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
