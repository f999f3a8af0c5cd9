"""How high each echelon stands, defined once: the order of battle's checks and the map's
generalisation by scale read the same ranks.

A PVA army (军) ranks with a corps, not with a field army: it had three divisions and
about the strength of a US corps, and it fought under an army group (兵团), which is the
PVA's counterpart of a field army such as the US Eighth Army.
"""

from __future__ import annotations

ECHELON_RANK: dict[str, int] = {
    "regiment": 1,
    "division": 2,
    "corps": 3,
    "army": 3,
    "army group": 4,
    "field army": 4,
    "command": 5,
}
