"""Command line: `python -m src validate`, `python -m src export --out DIR`, `python -m src bench`."""

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
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m src", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every file under geodata/")
    check.add_argument("--geodata", default=str(GEODATA_DIR), help="folder to check")
    check.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
