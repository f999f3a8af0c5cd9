// The layout of a view: reads where everything stands on the map, asks generalise() and
// placement which symbols to show and where each name goes, and writes the answer. One
// read pass and one write pass, not one layout per name.
(function (A) {
  "use strict";
  const G = A.geometry;
  const P = A.placement;
  const FIELD_GAP = 2; // px between a unit's frame and its text fields

  let canvas = null;
  // Text width by the canvas (no layout): the fields use the same font, set in px.
  function textWidth(text, px) {
    canvas = canvas || document.createElement("canvas");
    const c = canvas.getContext("2d");
    c.font = `600 ${px}px sans-serif`;
    return c.measureText(text).width;
  }

  // The box a unit symbol takes with its fields, its frame's centre at p: the unique
  // designation (T) to the left of the frame and the higher formation (M) to its right.
  function unitBox(sym, p) {
    const tw = sym.t ? Math.ceil(textWidth(sym.t, sym.fs)) + FIELD_GAP : 0;
    const mw = sym.m ? Math.ceil(textWidth(sym.m, sym.fs)) + FIELD_GAP : 0;
    return { x: p[0] - sym.ax - tw, y: p[1] - sym.ay, w: tw + sym.w + mw, h: sym.h };
  }

  // The parts of a unit's box: its frame, and each field (lines of text beside it, which
  // give way to a place's name).
  function unitParts(sym, p) {
    const frame = { x: p[0] - sym.ax, y: p[1] - sym.ay, w: sym.w, h: sym.h };
    const y = p[1] - sym.fs / 2;
    const parts = { frame };
    if (sym.t) { const w = Math.ceil(textWidth(sym.t, sym.fs)); parts.t = { x: frame.x - FIELD_GAP - w, y, w, h: sym.fs }; }
    if (sym.m) { const w = Math.ceil(textWidth(sym.m, sym.fs)); parts.m = { x: frame.x + sym.w + FIELD_GAP, y, w, h: sym.fs }; }
    return parts;
  }

  // The frame's size (how far a nudge may go) and the symbol's box without its fields (the
  // frame and its echelon mark: what no other symbol may cover).
  const frameOf = (sym, p) => ({ frame: { w: sym.fw, h: sym.fh }, core: { x: p[0] - sym.ax, y: p[1] - sym.ay, w: sym.w, h: sym.h } });

  const show = (el, on) => { el.style.display = on ? "" : "none"; };
  // A name's size to the whole pixel above (offsetWidth rounds, and may round down).
  const sizeOf = (el) => { const r = el.getBoundingClientRect(); return { w: Math.ceil(r.width), h: Math.ceil(r.height) }; };

  // d: the drawer's view of itself (see draw.js): map, scene, the entries drawn, the story.
  function layout(d) {
    const { map, container } = d;
    const size = map.getSize();
    const pt = (lonlat) => { const q = map.latLngToContainerPoint([lonlat[1], lonlat[0]]); return [q.x, q.y]; };
    const at = (latLng) => { const q = map.latLngToContainerPoint(latLng); return [q.x, q.y]; };
    const origin = container.getBoundingClientRect();
    const rect = (el) => { const r = el.getBoundingClientRect(); return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height }; };
    const E = d.entries();

    // 1. Reset (writes only).
    d.aggregates.clearLayers();
    E.units.forEach((u) => {
      const el = u.marker.getElement();
      if (!el) return;
      show(el, true);
      el.classList.remove("atlas-agg");
      // Leaflet sets an icon's margins from its anchor once; a nudge shifts them.
      if (el.dataset.ml === undefined) { el.dataset.ml = el.style.marginLeft; el.dataset.mt = el.style.marginTop; }
      el.style.marginLeft = el.dataset.ml;
      el.style.marginTop = el.dataset.mt;
      el.querySelectorAll(".atlas-leader, .atlas-dot, .atlas-badge").forEach((n) => n.remove());
      delete el.dataset.members;
      delete el.dataset.nudge;
    });
    E.hills.forEach((h) => {
      const el = h.marker.getElement();
      if (!el) return;
      show(el, true);
      if (el.dataset.ml !== undefined) { el.style.marginLeft = el.dataset.ml; el.style.marginTop = el.dataset.mt; }
      el.querySelectorAll(".atlas-leader, .atlas-dot").forEach((n) => n.remove());
      delete el.dataset.nudge;
    });
    E.labels.forEach((l) => {
      const el = l.marker.getElement();
      if (!el) return;
      el.querySelectorAll(".atlas-leader").forEach((n) => n.remove());
      el.firstElementChild.style.visibility = "hidden";
      el.firstElementChild.style.transform = "";
      el.firstElementChild.classList.remove("wrap");
    });

    // 2. Read (one layout): lines, controls, symbols, names' sizes.
    const day = d.day();
    const pathsOf = (rec) => {
      const g = rec.g || (d.scene.features[rec.f] && d.scene.features[rec.f].g);
      const paths = !g ? [] : g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
      return paths.flatMap((line) => G.segmentsOf(line.map(pt)));
    };
    const recs = (key) => (d.on(key) ? day.records[key] || [] : []);
    const front = (day.records.front || []).filter((r) => r.s !== "front.stretch").flatMap(pathsOf);
    const rivers = (day.records.water || []).filter((r) => r.s === "river").flatMap(pathsOf);
    const lines = [...(d.on("front") ? front : []), ...recs("reference").flatMap(pathsOf), ...recs("movements").flatMap(pathsOf)];
    // Controls: the legend counts as its closed summary, so opening it moves nothing.
    const controls = [...container.querySelectorAll(".leaflet-control")].map((c) => rect(c.tagName === "DETAILS" ? c.querySelector("summary") : c));
    const fixed = [
      ...E.circles.filter((c) => map.hasLayer(c.circle)).map((c) => { const [x, y] = at(c.circle.getLatLng()); return { x: x - c.r, y: y - c.r, w: 2 * c.r, h: 2 * c.r }; }),
      ...E.events.filter((e) => e.marker.getElement()).map((e) => rect(e.marker.getElement())),
    ];
    const story = d.story();
    const hills = E.hills.filter((h) => h.marker.getElement()).map((h) => {
      const p = at(h.marker.getLatLng());
      const r = h.r;
      return { h, key: h.fid, p, box: { x: p[0] - r, y: p[1] - r, w: 2 * r, h: 2 * r }, story: story.has(h.fid), imp: h.imp };
    });
    const names = E.labels.filter((l) => l.marker.getElement()).map((l) => {
      const inner = l.marker.getElement().firstElementChild;
      return { l, inner, ...sizeOf(inner), p: at(l.marker.getLatLng()).map(Math.round) }; // where Leaflet draws it
    });
    // The two-line shape of the names of two words, read in one more layout.
    const breakable = names.filter((n) => n.inner.querySelector(".brk"));
    breakable.forEach((n) => n.inner.classList.add("wrap"));
    breakable.forEach((n) => { n.wrapped = sizeOf(n.inner); });
    breakable.forEach((n) => n.inner.classList.remove("wrap"));

    // 3. Units: generalised to what the view has room for.
    const symOf = (u) => u.sym();
    const units = [];
    E.units.forEach((u) => {
      const el = u.marker.getElement();
      if (!el) return;
      const p = at(u.marker.getLatLng());
      // a unit whose position lies outside the view is not drawn in it
      if (!G.inView(p, size)) { show(el, false); return; }
      const sym = symOf(u);
      units.push({ id: u.fid, p, box: unitBox(sym, p), ...frameOf(sym, p), rank: u.rank, parent: u.parent, formation: u.formation, u });
    });
    const byId = {};
    E.units.forEach((u) => { byId[u.fid] = u; });
    const own = {};
    E.units.forEach((u) => { if (u.formation) own[u.formation] = u.fid; });
    const obstacles = [...fixed, ...hills.filter((h) => h.story).map((h) => h.box)];
    // Nudges take at most half the view's leader lines (a quarter on a narrow map, where a
    // formation standing for its units reads better than symbols pushed apart): the rest
    // are kept for names.
    const budget = P.MAX_LEADERS / (Math.min(size.x, size.y) < 600 ? 4 : 2);
    const settle = (some) => P.nudges({ items: some, fixed: obstacles, lines: [...front, ...rivers], size, budget });
    const items = A.generalise({
      units, formations: d.scene.formations || {}, own, front, obstacles, settle, size,
      boxOf: (f, p, unitId) => {
        const sym = unitId ? symOf(byId[unitId]) : d.formationSym(f);
        return { box: unitBox(sym, p), ...frameOf(sym, p) };
      },
    });
    const shownUnits = new Set(items.filter((i) => i.unit).map((i) => i.unit));
    units.forEach((u) => { if (!shownUnits.has(u.id)) show(u.u.marker.getElement(), false); });
    const moved = settle(items);
    let leaders = 0;
    const nudged = []; // the nudges' leaders, from the true point to the symbol: names keep off them
    const symbolBoxes = [];
    const fields = []; // {key, box, kind, el}: a unit's fields, which give way to place names
    items.forEach((item, n) => {
      const [dx, dy] = moved[item.key] || [0, 0];
      const sym = item.unit ? symOf(byId[item.unit]) : d.formationSym(item.formation);
      const parts = unitParts(sym, item.p);
      symbolBoxes.push(Object.assign(G.shifted(parts.frame, dx, dy), { owner: n }));
      let el;
      if (item.unit) {
        el = byId[item.unit].marker.getElement();
      } else {
        const marker = d.aggregateMarker(item.formation, map.containerPointToLatLng(item.p), item.members);
        marker.addTo(d.aggregates);
        el = marker.getElement();
      }
      if (item.members.length > 1) d.markAggregate(el, item);
      ["t", "m"].forEach((part) => {
        const span = el.querySelector(`.atlas-field.${part}`);
        if (!parts[part] || !span) return;
        const box = G.shifted(parts[part], dx, dy);
        if (G.within(box, size)) fields.push({ key: `${item.key}|${part}`, box, kind: "field", el: span, owner: n, rank: item.rank });
        else show(span, false); // a field cut by the map's edge is left out, not half drawn
      });
      if (dx || dy) {
        if (el.dataset.ml === undefined) { el.dataset.ml = el.style.marginLeft; el.dataset.mt = el.style.marginTop; }
        el.style.marginLeft = `${parseFloat(el.dataset.ml) + dx}px`;
        el.style.marginTop = `${parseFloat(el.dataset.mt) + dy}px`;
        el.dataset.nudge = `${dx},${dy}`;
        d.leaderTo(el, -dx, -dy);
        nudged.push([item.p, [item.p[0] + dx, item.p[1] + dy]]);
        leaders += 1;
      }
    });

    // 4. Hills: those that would lie on a more important one are left out at this scale.
    const order = hills.slice().sort((a, b) => (b.story - a.story) || (b.imp - a.imp));
    const thinned = new Set(P.thin(order));
    order.forEach((h) => { if (thinned.has(h.key)) show(h.h.marker.getElement(), false); });
    const hillsShown = order.filter((h) => !thinned.has(h.key));
    // A hill under an event's pin, or two the story names on one another: the less important
    // is nudged (at most its own size, with a leader to a dot at its true point), so each can
    // be seen and clicked.
    const storyInView = names.filter((n) => story.has(n.l.fid) && G.inView(n.p, size)).length; // leaders kept for their names
    const told = hillsShown.filter((h) => h.story || fixed.some((f) => G.overlaps(f, h.box)))
      .map((h, n) => ({ key: h.key, p: h.p, box: h.box, frame: { w: h.box.w, h: h.box.h }, rank: -n, h }));
    const hillMoves = P.nudges({
      items: told, fixed, lines: [...front, ...rivers], size, budget: Math.max(0, P.MAX_LEADERS - leaders - storyInView), // hills lie above units
    });
    told.forEach((t) => {
      const move = hillMoves[t.key];
      if (!move) return;
      const el = t.h.h.marker.getElement();
      if (el.dataset.ml === undefined) { el.dataset.ml = el.style.marginLeft; el.dataset.mt = el.style.marginTop; }
      el.style.marginLeft = `${parseFloat(el.dataset.ml) + move[0]}px`;
      el.style.marginTop = `${parseFloat(el.dataset.mt) + move[1]}px`;
      el.dataset.nudge = `${move[0]},${move[1]}`;
      d.leaderTo(el, -move[0], -move[1]);
      t.h.box = G.shifted(t.h.box, move[0], move[1]);
      nudged.push([t.h.p, [t.h.p[0] + move[0], t.h.p[1] + move[1]]]);
      t.h.p = [t.h.p[0] + move[0], t.h.p[1] + move[1]];
      leaders += 1;
    });

    // A field that would lie on another unit's symbol or field, or on a hill, gives way (a
    // division's before its corps'): a name, the lowest of names.
    const keptFields = [];
    const hillBoxes = hillsShown.map((h) => h.box);
    fields.sort((a, b) => b.rank - a.rank).forEach((f) => {
      const clash = symbolBoxes.some((s) => s.owner !== f.owner && G.overlaps(s, f.box)) || keptFields.some((k) => G.overlaps(k.box, f.box))
        || hillBoxes.some((b) => G.overlaps(b, f.box));
      show(f.el, !clash);
      if (!clash) keptFields.push(f);
    });
    fields.length = 0;
    fields.push(...keptFields);

    // 5. Names, in order of what the reader is told.
    const rankOf = (n) => (story.has(n.l.fid) ? 0 : n.l.town ? 1 : n.l.kind === "hills" ? 2 : 3);
    const impOf = (n) => (n.l.owner && n.l.owner.imp) || 0;
    const candidates = names
      .filter((n) => getComputedStyle(n.inner).display !== "none")
      .filter((n) => !(n.l.kind === "hills" && thinned.has(n.l.fid)))
      .sort((a, b) => (rankOf(a) - rankOf(b)) || (impOf(b) - impOf(a)))
      .map((n) => {
        const [dx, dy] = hillMoves[n.l.fid] || [0, 0]; // a nudged hill is named where it is drawn
        return { key: n.l.fid, p: [n.p[0] + dx, n.p[1] + dy], r: n.l.r, w: n.w, h: n.h, wrapped: n.wrapped, story: story.has(n.l.fid), town: n.l.town, n };
      });
    const soft = [...hillsShown.filter((h) => !h.story).map((h) => ({ key: h.key, box: h.box, kind: "marker" })), ...fields];
    const hard = [...controls, ...fixed, ...symbolBoxes, ...hillsShown.filter((h) => h.story).map((h) => h.box)];
    const placed = P.placeAll({ names: candidates, taken: hard, soft, lines: [...lines, ...nudged], size, leaders, scale: d.scale });
    const hiddenHills = new Set(placed.hidden);
    hillsShown.forEach((h) => { if (hiddenHills.has(h.key)) show(h.h.marker.getElement(), false); });
    fields.forEach((f) => show(f.el, !hiddenHills.has(f.key)));
    E.units.forEach((u) => { const el = u.marker.getElement(); if (el && el.style.display === "none") el.querySelectorAll(".atlas-field").forEach((f) => show(f, true)); });

    // 6. Write the names.
    candidates.forEach((c) => {
      const place = placed.places[c.key];
      if (!place) return;
      const { inner, p } = c.n;
      inner.classList.toggle("wrap", place.wrap);
      inner.style.transform = `translate(${place.x - p[0]}px, ${place.y - p[1]}px)`;
      inner.style.visibility = "visible";
      // from the symbol as drawn (a nudged hill's, not its dot) to the name
      if (place.leader) d.nameLeader(c.n.l.marker.getElement(), [c.p[0] - p[0], c.p[1] - p[1]], [place.leader[0] - c.p[0], place.leader[1] - c.p[1]], c.r);
    });
    hillsShown.forEach((h) => {
      if (hiddenHills.has(h.key)) return;
      const label = E.labels.find((l) => l.fid === h.key);
      if (label && !placed.places[h.key] && label.marker.getElement()) label.marker.getElement().firstElementChild.style.visibility = "hidden";
    });
  }

  A.layout = layout;
  A.unitBox = unitBox;
  A.textWidth = textWidth;
})(window.Atlas = window.Atlas || {});
