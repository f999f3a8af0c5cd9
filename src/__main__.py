"""Command line: `python -m src validate` and `python -m src export --out DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from src.constants import GEODATA_DIR


def _validate(args: argparse.Namespace) -> int:
    from src.data import validate

    report = validate(Path(args.geodata))
    failed = 0
    for file, problems in report.items():
        status = "ok" if not problems else f"{len(problems)} problem(s)"
        print(f"{file}: {status}")
        for problem in problems:
            print(f"    {problem}")
        failed += bool(problems)
    print(f"{len(report) - failed} of {len(report)} files valid")
    conflicts = []
    if not failed:
        from src.consistency import side_conflicts
        from src.data import load_atlas
        from src.day import Battle

        conflicts = side_conflicts(Battle(load_atlas(Path(args.geodata))))
        for fid, day, side, metres in conflicts:
            print(f"    '{fid}' ({side}) is {metres} m on the wrong side of the {day} line")
        print(f"cross-layer: units and hills on their side of every dated line: {len(conflicts) or 'ok'}")
    return 1 if failed or conflicts else 0


def _export(args: argparse.Namespace) -> int:
    from src.chapters import load_chapters
    from src.data import load_atlas
    from src.day import Battle
    from src.export import write_export

    atlas = load_atlas()
    for problem in atlas.problems:
        print(f"warning: {problem}", file=sys.stderr)
    out = Path(args.out)
    try:
        path = write_export(Battle(atlas), load_chapters(sources=atlas.sources), out)
    except OSError as exc:  # an existing file, /dev/null, no permission, a full disk
        print(f"error: cannot write the export to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # over the size budget
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m src", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every file under geodata/")
    check.add_argument("--geodata", default=str(GEODATA_DIR), help="folder to check")
    check.set_defaults(run=_validate)
    export = sub.add_parser("export", help="write the battle as one self-contained HTML file")
    export.add_argument("--out", default="dist", help="folder to write kumsong-1953.html into")
    export.set_defaults(run=_export)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
