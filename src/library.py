"""Everything the app reads from the data folder, loaded once, with every problem found.

The one place that gathers the problems of the atlas (schema, bibliography, layers), the
chapters and the claims, so that every page shows the same notice and `python -m src
validate` reports the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from src.chapters import Chapter, load_chapters
from src.constants import geodata_dir
from src.data import Problem, atlas_files, load_atlas, rel
from src.day import Battle
from src.evidence import Claims, load_claims


@dataclass(frozen=True)
class Library:
    battle: Battle
    chapters: list[Chapter]
    claims: Claims
    problems: tuple[Problem, ...]


def load_library(directory: Path | None = None) -> Library:
    """Read the whole folder (geodata/ unless KUMSONG_GEODATA names another); never raises
    on bad data: what fails is reported in `problems` and left out."""
    directory = Path(directory or geodata_dir())
    atlas = load_atlas(directory)
    chapters, chapter_problems = load_chapters(directory / "chapters.json", atlas.sources, atlas.schema)
    claims, claim_problems = load_claims(atlas, directory / "claims.json", atlas.schema)
    return Library(Battle(atlas), chapters, claims, (*atlas.problems, *chapter_problems, *claim_problems))


def files(directory: Path) -> list[str]:
    """Every file the app reads, as problems name them."""
    return [*atlas_files(directory), rel(directory / "chapters.json"), rel(directory / "claims.json")]


def report(library: Library, directory: Path) -> dict[str, list[Problem]]:
    """The problems by file, every file listed (an empty list: the file is valid)."""
    by_file: dict[str, list[Problem]] = {name: [] for name in files(directory)}
    for problem in library.problems:
        by_file.setdefault(problem.file, []).append(problem)
    return by_file
