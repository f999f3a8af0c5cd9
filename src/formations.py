"""The order of battle: which formation each unit and formation belonged to.

Pure functions over plain dicts (the formations of geodata/formations.json by id, and the
units' properties), so the loader, the popups and the map's generalisation by scale read
one chain. The checks return findings, not problems: src/data.py names the file each one
belongs to, and nothing is left out for them (a unit whose parent is unknown is still drawn).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from src.echelons import ECHELON_RANK

Formations = Mapping[str, Mapping[str, Any]]


class Finding(NamedTuple):
    entry: str  # the formation or unit id
    field: str
    message: str


def chain(formations: Formations, formation_id: str) -> list[str]:
    """The ids from a formation up to the top of its chain, nearest first: ['ix-corps',
    'eighth-army']. Stops before an id that is unknown or already in the chain (a cycle),
    so it always ends; [] for an unknown id."""
    ids: list[str] = []
    current = formation_id
    while isinstance(current, str) and current in formations and current not in ids:
        ids.append(current)
        current = formations[current].get("parent")
    return ids


def _rank(entry: Mapping[str, Any]) -> int | None:
    return ECHELON_RANK.get(entry.get("echelon"))


def _unresolved(what: str, fid: str, left_out: set[str]) -> str:
    if fid in left_out:
        return f"its {what} '{fid}' was left out (see formations.json)"
    return f"unknown formation '{fid}'"


def _parent_findings(
    entry_id: str, entry: Mapping[str, Any], formations: Formations, left_out: set[str]
) -> list[Finding]:
    """The parent resolves, and stands higher than the entry."""
    parent = entry.get("parent")
    if parent is None:
        return []
    if parent not in formations:
        return [Finding(entry_id, "parent", _unresolved("parent", parent, left_out))]
    above = formations[parent]
    rank, parent_rank = _rank(entry), _rank(above)
    if rank is not None and parent_rank is not None and parent_rank <= rank:
        message = f"its parent '{parent}' ({above.get('echelon')}) does not stand above its {entry.get('echelon')}"
        return [Finding(entry_id, "parent", message + ": echelons must go up")]
    return []


def formation_findings(formations: Formations, left_out: Iterable[str] = ()) -> list[Finding]:
    """Every formation's parent resolves and stands higher, and no chain runs in a circle."""
    left = set(left_out)
    found = []
    for fid, entry in formations.items():
        found += _parent_findings(fid, entry, formations, left)
        ids = chain(formations, fid)
        above = formations[ids[-1]].get("parent")
        if above in ids:
            found.append(Finding(fid, "parent", f"the chain runs in a circle: {' -> '.join([*ids, above])}"))
    return found


def unit_findings(
    units: Iterable[Mapping[str, Any]], formations: Formations, left_out: Iterable[str] = ()
) -> list[Finding]:
    """Every unit's parent resolves and stands higher than the unit; a unit that is itself
    the position of a formation (`formation`) has that formation's side, echelon and parent."""
    left = set(left_out)
    found = []
    for props in units:
        uid = str(props.get("id"))
        found += _parent_findings(uid, props, formations, left)
        fid = props.get("formation")
        if fid is None:
            continue
        if fid not in formations:
            found.append(Finding(uid, "formation", _unresolved("formation", fid, left)))
            continue
        own = formations[fid]
        found += [
            Finding(uid, "formation", f"its {key} '{props.get(key)}' differs from '{fid}': '{own.get(key)}'")
            for key in ("side", "echelon", "parent")
            if own.get(key) != props.get(key)
        ]
    return found


def chain_names(formations: Formations, formation_id: str) -> list[str]:
    """The names along a chain, nearest first: ['IX Corps', 'US Eighth Army']."""
    return [str(formations[fid].get("name")) for fid in chain(formations, formation_id)]
