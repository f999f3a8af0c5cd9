// Placement: where each name goes, and which symbol may be nudged. Pure (boxes in, places
// out), so it is tested on a bare page; the drawer reads the boxes and writes the places.
//
// A symbol stays where its unit or hill stood. A unit symbol that still lies on another
// after generalisation may be nudged by at most its own size, never across the day's front
// or a river, never out of the view, with a leader back to a dot at its true point: at most
// MAX_LEADERS of them in a view. Names go in order of what the reader is told: the story's
// places first, then towns, hills by their part in the battle, rivers; a lower name gives
// way to a higher one, and a name the story needs is never dropped while its place is in view.
(function (A) {
  "use strict";
  const G = A.geometry;
  const MAX_LEADERS = 8;
  const GAP = 3; // px between a symbol and its name, and between two names

  // in: {items, fixed, lines, size}: items are generalise()'s (their box and point), fixed the
  // boxes they must not cover, lines the segments a nudge must not cross (front, rivers).
  // out: {key: [dx, dy]} for the items nudged.
  function nudges(input) {
    const { items, fixed, lines, size, budget = MAX_LEADERS } = input;
    const out = {};
    let left = budget;
    const boxes = items.map((item) => item.box);
    // the smaller formations give way first: a division is nudged before a corps
    const order = items.map((item, n) => n).sort((a, b) => items[a].rank - items[b].rank);
    for (const n of order) {
      if (!left) break;
      const item = items[n];
      const others = boxes.filter((b, m) => m !== n);
      const clash = (box) => others.some((o) => G.overlaps(box, o)) || fixed.some((o) => G.overlaps(box, o));
      if (!clash(boxes[n])) continue;
      const { w, h } = item.frame || item.box; // at most the symbol's own size
      const steps = [];
      for (const fx of [-1, -0.5, 0, 0.5, 1]) for (const fy of [-1, -0.5, 0, 0.5, 1]) if (fx || fy) steps.push([fx * w, fy * h]);
      const most = Math.max(w, h);
      steps.sort((p, q) => Math.hypot(...p) - Math.hypot(...q));
      const spot = steps.filter(([dx, dy]) => Math.hypot(dx, dy) <= most).find(([dx, dy]) => {
        const box = G.shifted(item.box, dx, dy);
        return G.within(box, size) && !clash(box) && !G.cutsAny(item.p, [item.p[0] + dx, item.p[1] + dy], lines);
      });
      if (!spot) continue;
      out[item.key] = spot;
      boxes[n] = G.shifted(item.box, spot[0], spot[1]);
      left -= 1;
    }
    return out;
  }

  // The places a name of w x h may take around a symbol of radius r at p, `ring` px further
  // out: right, left, above, below, then the diagonals and the angles between, each box
  // touching the circle around the symbol with its nearest edge or corner.
  const ANGLES = [0, 180, 270, 90, 315, 225, 45, 135, 340, 200, 20, 160, 295, 245, 65, 115];
  function spotsAround(p, r, w, h, ring) {
    const [x, y] = p;
    if (!r) return [[x - w / 2, y - h / 2], [x + 4, y - h - 2], [x + 4, y + 2], [x - w - 4, y - h - 2], [x - w - 4, y + 2]];
    const d = r + GAP + ring;
    return ANGLES.map((deg) => {
      const c = Math.cos((deg * Math.PI) / 180), s = Math.sin((deg * Math.PI) / 180);
      return [x + d * c - (w * (1 - c)) / 2, y + d * s - (h * (1 - s)) / 2];
    });
  }

  // in: {names, taken, soft, lines, size, leaders, scale}
  //   names: [{key, p, r, w, h, wrapped, story, town}] in order of importance (the story's
  //     first); wrapped: {w, h} of the name on two lines, tried where one line finds no room
  //   taken: boxes no name may cover
  //   soft: [{key, box, kind}] what gives way to a higher name: a unit's fields ("field",
  //     the lowest of names) to any place's name; a hill marker ("marker") to the name of a
  //     place the story needs, and then only where no other place is free
  //   lines: segments no name may lie on (the front, the reference lines, the arrows)
  //   leaders: how many leader lines the view has already (nudged symbols)
  //   scale: the type's (a projector's): how far out a name is tried grows with it
  // out: {places: {key: {x, y, leader, wrap}}, hidden: [soft keys]}
  function placeNames(input) {
    const { names, size, lines, scale = 1 } = input;
    const taken = input.taken.slice();
    let soft = input.soft.slice();
    const hidden = [];
    const drawn = []; // leader segments: nothing placed later lies on one
    let leaders = input.leaders || 0;
    const places = {};
    // A leader runs from the symbol to the name's nearest point, and through nothing else.
    const leaderEnd = (q, box) => [Math.min(Math.max(q[0], box.x), box.x + box.w), Math.min(Math.max(q[1], box.y), box.y + box.h)];
    const named = []; // the names placed so far
    const crossesTaken = (q, end, boxes) => boxes.some((t) => !(q[0] >= t.x && q[0] <= t.x + t.w && q[1] >= t.y && q[1] <= t.y + t.h)
      && G.crossesBox(q[0], q[1], end[0], end[1], t));
    const blocks = (s, opts) => !(opts.fields && s.kind === "field") && !(opts.markers && s.kind === "marker");
    const free = (box, opts) => G.within(box, size)
      && !taken.some((t) => G.overlaps(box, t))
      && !soft.some((s) => blocks(s, opts) && G.overlaps(box, s.box))
      && (opts.lines || !G.boxOnLine(box, lines))
      && !G.boxOnLine(box, drawn);
    for (const name of names) {
      if (hidden.includes(name.key)) continue; // its hill gave way to a name the story needs
      const { p, r } = name;
      const shapes = [{ w: name.w, h: name.h }, ...(name.wrapped ? [name.wrapped] : [])];
      // Near the symbol first; a unit's fields give way before a name moves further out.
      const tries = [{ ring: 0 }, { ring: 5 }, { ring: 0, fields: true }, { ring: 5, fields: true }, { ring: 10 },
        { ring: 10, fields: true }, { ring: 16, fields: true }];
      // Then further out with a leader line, while the view has leaders to spare: the most
      // important names come first, so they take them.
      [16, 30, 44, 60].forEach((ring) => tries.push({ ring, leader: true, fields: true }));
      if (name.story) {
        const all = { fields: true, markers: true };
        tries.push({ ring: 0, ...all }, { ring: 6, ...all }, { ring: 16, leader: true, ...all }, { ring: 0, ...all, lines: true });
        [16, 30, 44, 60, 80].forEach((ring) => tries.push({ ring, leader: true, ...all, lines: true }));
        // last, a callout: its leader may pass over symbols (never over a name)
        [30, 44, 60, 80].forEach((ring) => tries.push({ ring, leader: true, ...all, lines: true, through: true }));
      }
      let chosen = null;
      for (const opts of tries) {
        if (opts.leader && leaders >= MAX_LEADERS) continue;
        for (const shape of shapes) {
          const { w, h } = shape;
          const at = spotsAround(p, r, w, h, opts.ring * scale).find(([x, y]) => free({ x, y, w, h }, opts)
            && (!opts.leader || !crossesTaken(p, leaderEnd(p, { x, y, w, h }), opts.through ? named : taken)));
          if (at) { chosen = { at, opts, shape }; break; }
        }
        if (chosen) break;
      }
      if (!chosen) continue;
      const box = { x: chosen.at[0], y: chosen.at[1], w: chosen.shape.w, h: chosen.shape.h };
      const under = soft.filter((s) => !blocks(s, chosen.opts) && G.overlaps(box, s.box));
      hidden.push(...under.map((s) => s.key));
      soft = soft.filter((s) => !under.includes(s));
      // names keep apart, side by side by more than a word's space, so two never read as
      // one ("Kumsong Capitol Hill"): half a line
      const gx = shapes[0].h / 2, gy = GAP * scale;
      taken.push({ x: box.x - gx, y: box.y - gy, w: box.w + 2 * gx, h: box.h + 2 * gy });
      named.push(box);
      let leader = null;
      if (chosen.opts.leader) {
        leader = leaderEnd(p, box);
        drawn.push([p, leader]);
        leaders += 1;
      }
      places[name.key] = { x: box.x, y: box.y, leader, wrap: chosen.shape !== shapes[0] };
    }
    return { places, hidden };
  }

  // placeNames, and then again with each name it left out tried first among the names the
  // story does not need: kept where every name placed before still is, so a name is added
  // and none given up (a greedy pass leaves out names that had room: seen in the lecture).
  function placeAll(input) {
    const count = (r) => Object.keys(r.places).length;
    let best = placeNames(input);
    const story = input.names.filter((n) => n.story);
    const rest = input.names.filter((n) => !n.story);
    for (const name of rest) {
      if (best.places[name.key]) continue;
      const tried = placeNames({ ...input, names: [...story, name, ...rest.filter((n) => n !== name)] });
      if (count(tried) > count(best) && Object.keys(best.places).every((key) => tried.places[key])) best = tried;
    }
    return best;
  }

  // Hill markers that would lie on a more important one are left out at this scale (the
  // story's never): choosing what to show, not moving it. Two that only touch are both kept,
  // as a map draws a cluster of hills: each centre clear of the other, so each can be seen
  // and clicked. in: [{key, box, story}] most important first; out: the keys left out.
  const onTop = (a, b) => Math.abs(a.x + a.w / 2 - b.x - b.w / 2) < (a.w + b.w) / 4
    && Math.abs(a.y + a.h / 2 - b.y - b.h / 2) < (a.h + b.h) / 4;
  function thin(markers) {
    const kept = [];
    const out = [];
    markers.forEach((m) => {
      if (!m.story && kept.some((k) => onTop(k.box, m.box))) out.push(m.key);
      else kept.push(m);
    });
    return out;
  }

  A.placement = { nudges, placeNames, placeAll, spotsAround, thin, MAX_LEADERS, GAP };
})(window.Atlas = window.Atlas || {});
