// Generalisation by scale, as military maps do it: where the symbols of a formation's units
// would lie on one another (or on a place the story names), the formation's own symbol
// stands for them, at its own position if the sources give one that day, else at the centre
// of the units it stands for. Nothing is moved: a symbol is drawn where its unit stood, or
// not at all. Pure (boxes in, choices out); tested on a bare page.
(function (A) {
  "use strict";
  const G = A.geometry;
  // How far a formation's symbol may stand from the units it stands for: three of their own
  // sizes, or a third of the view's shorter side, whichever is more. On a small scale (a
  // phone's whole battle) an army group stands for armies kilometres apart; on a large one
  // the divisions stay at the front where they fought.
  const REACH = 3;
  const VIEW_REACH = 1 / 3;

  // in: {units, formations, boxOf, own, obstacles, front, settle}
  //   units: [{id, p: [x, y], box, frame, core, rank, parent, formation}] drawn today with their point in view
  //   formations: {id: {parent, rank}}; boxOf(formation, p): {box, frame, core} its symbol takes at p
  //   (box: with its fields; core: the frame alone; frame: the frame's size)
  //   own: {formation: unit id}: formations with a position record today (in view or not)
  //   obstacles: boxes units must not cover (towns, events, the story's places)
  //   size: the view's size, px
  //   front: the day's front as segments: a centre on the far side of it is no place to stand
  //   settle(items): the small nudges that would part them ({key: [dx, dy]}): symbols a nudge
  //   parts need no formation to stand for them
  // out: [{key, p, box, rank, parent, unit, formation, members}]: what to draw; `unit` is the
  //   record drawn (a formation's own record, or a unit), `members` the unit ids it stands for.
  function generalise(input) {
    const { formations, boxOf, own = {}, obstacles = [], front = [], settle = () => ({}), size = { x: 0, y: 0 } } = input;
    const viewReach = VIEW_REACH * Math.min(size.x, size.y);
    // The formations above one, nearest first (a broken chain simply ends).
    const ancestors = (id) => {
      const out = [];
      for (let at = id; at && formations[at] && !out.includes(at); at = formations[at].parent) out.push(at);
      return out;
    };
    const stood = {}; // where each unit stood, for the centre of those a formation stands for
    input.units.forEach((u) => { stood[u.id] = u.p; });
    let items = input.units.map((u) => ({
      key: u.id, p: u.p, box: u.box, frame: u.frame, core: u.core, rank: u.rank, parent: u.parent, unit: u.id, formation: u.formation || null, members: [u.id],
    }));
    for (let round = 0; round < 64; round += 1) {
      const moved = settle(items);
      const at = (item, key) => (moved[item.key] ? G.shifted(item[key], ...moved[item.key]) : item[key]);
      const colliding = (key) => {
        const hit = new Set();
        items.forEach((a, i) => {
          items.forEach((b, j) => { if (j > i && G.overlaps(at(a, key), at(b, key))) { hit.add(a); hit.add(b); } });
          if (key === "box" && a.members.length === 1 && obstacles.some((o) => G.overlaps(at(a, key), o))) hit.add(a);
        });
        return hit;
      };
      // First the symbols that touch (with their fields), by formations near them; then, only
      // if frames would still lie on frames, by a formation however far its symbol stands.
      const merged = merge(colliding("box"), REACH) || merge(colliding("core"), Infinity)
        || merge(colliding("core"), Infinity, true); // last, a formation stands for all below it
      if (!merged) break;
      items = merged;
    }
    return items;

    // The candidates: the formations just above the symbols that collide, lowest first.
    function merge(hit, reach, deep = false) {
      const above = (item) => (deep ? ancestors(item.parent) : [item.parent]);
      const candidates = [...new Set([...hit].flatMap(above).filter((f) => formations[f]))]
        .sort((f, g) => formations[f].rank - formations[g].rank);
      for (const f of candidates) {
        const merged = collapse(f, reach, deep);
        if (merged) return merged;
      }
      return null;
    }

    // The items with the formation standing for those below it, or null where it cannot:
    // its own position is out of view, or the centre of its units lies across the front.
    function collapse(f, reach, deep) {
      // Its own symbol and those directly under it: an army group stands for its armies,
      // and the divisions of an army that still has room stay at the front where they fought
      // (`deep`: and all those below them).
      let under = items.filter((item) => item.formation === f || (deep ? ancestors(item.parent).includes(f) : item.parent === f));
      // its own record's symbol (a formation already standing at the centre of some of its
      // units is not one: with more of them, its centre moves)
      const self = under.find((item) => item.formation === f && item.unit);
      // Its own symbol out of view: where only frames on frames are left, it stands at the
      // centre of its units in the view; otherwise they stand for themselves.
      if (own[f] && !self && reach !== Infinity) return null;
      // A formation stands only for the units near where it is drawn: those far from it would
      // vanish from the ground they held (the sources put some headquarters well behind).
      const near = (p) => (item) => Math.hypot(item.p[0] - p[0], item.p[1] - p[1])
        <= Math.max(reach * Math.max(item.frame.w, item.frame.h), viewReach);
      let p = self ? self.p : G.centroid(under.map((item) => item.p));
      under = under.filter(near(p));
      if (under.length < 2) return null;
      const members = [...new Set(under.flatMap((item) => item.members))];
      if (!self) p = G.centroid(members.map((id) => stood[id])); // the centre of the units it stands for
      if (members.some((id) => G.cutsAny(p, stood[id], front))) return null; // never across the front
      const rest = items.filter((item) => !under.includes(item));
      const { box, frame, core } = boxOf(f, p, self ? self.unit : null);
      return rest.concat([{
        key: `f:${f}`, p, box, frame, core, rank: formations[f].rank, parent: formations[f].parent,
        unit: self ? self.unit : null, formation: f, members,
      }]);
    }
  }

  A.generalise = generalise;
})(window.Atlas = window.Atlas || {});
