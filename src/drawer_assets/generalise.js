// Generalisation by scale, as military maps do it: where the symbols of a formation's units
// would lie on one another (or on a place the story names), the formation's own symbol
// stands for them, at its own position if the sources give one that day, else at the centre
// of the units it stands for. Nothing is moved: a symbol is drawn where its unit stood, or
// not at all. Pure (boxes in, choices out); tested on a bare page.
(function (A) {
  "use strict";
  const G = A.geometry;

  // The formations above one (its parent, its parent's parent, ...), nearest first.
  function ancestors(formations, id) {
    const out = [];
    for (let at = id; at && formations[at] && !out.includes(at); at = formations[at].parent) out.push(at);
    return out;
  }

  // in: {units, formations, boxOf, own, obstacles, front, settle}
  //   units: [{id, p: [x, y], box, rank, parent, formation}] drawn today with their point in view
  //   formations: {id: {parent, rank}}; boxOf(formation, p): {box, frame} its symbol takes at p
  //   own: {formation: unit id}: formations with a position record today (in view or not)
  //   obstacles: boxes units must not cover (towns, events, the story's places)
  //   front: the day's front as segments: a centre on the far side of it is no place to stand
  //   settle(items): the small nudges that would part them ({key: [dx, dy]}): symbols a nudge
  //   parts need no formation to stand for them
  // out: [{key, p, box, rank, parent, unit, formation, members}]: what to draw; `unit` is the
  //   record drawn (a formation's own record, or a unit), `members` the unit ids it stands for.
  function generalise(input) {
    const { formations, boxOf, own = {}, obstacles = [], front = [], settle = () => ({}) } = input;
    let items = input.units.map((u) => ({
      key: u.id, p: u.p, box: u.box, frame: u.frame, rank: u.rank, parent: u.parent, unit: u.id, formation: u.formation || null, members: [u.id],
    }));
    const chain = (item) => ancestors(formations, item.parent);
    for (let round = 0; round < 64; round += 1) {
      const hit = new Set();
      const moved = settle(items);
      const boxes = items.map((item) => (moved[item.key] ? G.shifted(item.box, ...moved[item.key]) : item.box));
      items.forEach((a, i) => {
        items.forEach((b, j) => { if (j > i && G.overlaps(boxes[i], boxes[j])) { hit.add(a); hit.add(b); } });
        if (a.members.length === 1 && obstacles.some((o) => G.overlaps(boxes[i], o))) hit.add(a);
      });
      if (!hit.size) break;
      // The candidates: the formations just above the symbols that collide, lowest first.
      const candidates = [...new Set([...hit].map((item) => item.parent).filter((f) => formations[f]))]
        .sort((f, g) => formations[f].rank - formations[g].rank);
      let merged = null;
      for (const f of candidates) {
        merged = collapse(f);
        if (merged) break;
      }
      if (!merged) break;
      items = merged;
    }
    return items;

    // The items with the formation standing for those below it, or null where it cannot:
    // its own position is out of view, or the centre of its units lies across the front.
    function collapse(f) {
      const under = items.filter((item) => item.formation === f || chain(item).includes(f));
      const rest = items.filter((item) => !under.includes(item));
      const self = under.find((item) => item.formation === f);
      let p;
      if (own[f] && !self) return null; // its own symbol is out of view: it cannot stand in it
      if (self) {
        if (under.length < 2) return null;
        p = self.p;
      } else {
        if (under.length < 2) return null;
        p = G.centroid(under.map((item) => item.p));
        if (under.some((item) => G.cutsAny(p, item.p, front))) return null;
      }
      const members = [...new Set(under.flatMap((item) => item.members))];
      const { box, frame } = boxOf(f, p, self ? self.unit : null);
      return rest.concat([{
        key: `f:${f}`, p, box, frame, rank: formations[f].rank, parent: formations[f].parent,
        unit: self ? self.unit : null, formation: f, members,
      }]);
    }
  }

  A.generalise = generalise;
  A.ancestors = ancestors;
})(window.Atlas = window.Atlas || {});
