"""Shared fixtures: the real atlas, loaded strictly, and a scratch copy of geodata/ to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from src.chapters import Chapter, load_chapters
from src.constants import GEODATA_DIR
from src.data import Atlas, load_atlas
from src.day import Battle


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return load_atlas(strict=True)


@pytest.fixture(scope="session")
def front_lines(atlas):
    return atlas["front_lines"]


@pytest.fixture
def geodata_copy(tmp_path: Path) -> Path:
    """A writable copy of geodata/ (schema included) for tests that corrupt a file."""
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def battle(atlas) -> Battle:
    return Battle(atlas)


@pytest.fixture(scope="session")
def chapters(atlas) -> list[Chapter]:
    chapters, problems = load_chapters(sources=atlas.sources)
    assert problems == []
    return chapters
