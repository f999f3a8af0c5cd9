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

  const show = (el, on) => { el.style.display = on ? "" : "none"; };

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
    E.hills.forEach((h) => { const el = h.marker.getElement(); if (el) show(el, true); });
    E.labels.forEach((l) => {
      const el = l.marker.getElement();
      if (!el) return;
      el.querySelectorAll(".atlas-leader").forEach((n) => n.remove());
      el.firstElementChild.style.visibility = "hidden";
      el.firstElementChild.style.transform = "";
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
      return { l, inner, w: inner.offsetWidth, h: inner.offsetHeight, p: at(l.marker.getLatLng()) };
    });

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
      units.push({ id: u.fid, p, box: unitBox(sym, p), frame: { w: sym.w, h: sym.h }, rank: u.rank, parent: u.parent, formation: u.formation, u });
    });
    const byId = {};
    E.units.forEach((u) => { byId[u.fid] = u; });
    const own = {};
    E.units.forEach((u) => { if (u.formation) own[u.formation] = u.fid; });
    const obstacles = [...fixed, ...hills.filter((h) => h.story).map((h) => h.box)];
    // Nudges take at most half the view's leader lines: the rest are kept for names.
    const budget = P.MAX_LEADERS / 2;
    const settle = (some) => P.nudges({ items: some, fixed: obstacles, lines: [...front, ...rivers], size, budget });
    const items = A.generalise({
      units, formations: d.scene.formations || {}, own, front, obstacles, settle,
      boxOf: (f, p, unitId) => {
        const sym = unitId ? symOf(byId[unitId]) : d.formationSym(f);
        return { box: unitBox(sym, p), frame: { w: sym.w, h: sym.h } };
      },
    });
    const shownUnits = new Set(items.filter((i) => i.unit).map((i) => i.unit));
    units.forEach((u) => { if (!shownUnits.has(u.id)) show(u.u.marker.getElement(), false); });
    const moved = settle(items);
    let leaders = 0;
    const symbolBoxes = [];
    const fields = []; // {key, box, kind, el}: a unit's fields, which give way to place names
    items.forEach((item) => {
      const [dx, dy] = moved[item.key] || [0, 0];
      const sym = item.unit ? symOf(byId[item.unit]) : d.formationSym(item.formation);
      const parts = unitParts(sym, item.p);
      symbolBoxes.push(G.shifted(parts.frame, dx, dy));
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
        if (G.within(box, size)) fields.push({ key: `${item.key}|${part}`, box, kind: "field", el: span });
        else show(span, false); // a field cut by the map's edge is left out, not half drawn
      });
      if (dx || dy) {
        if (el.dataset.ml === undefined) { el.dataset.ml = el.style.marginLeft; el.dataset.mt = el.style.marginTop; }
        el.style.marginLeft = `${parseFloat(el.dataset.ml) + dx}px`;
        el.style.marginTop = `${parseFloat(el.dataset.mt) + dy}px`;
        el.dataset.nudge = `${dx},${dy}`;
        d.leaderTo(el, -dx, -dy);
        leaders += 1;
      }
    });

    // 4. Hills: those that would lie on a more important one are left out at this scale.
    const order = hills.slice().sort((a, b) => (b.story - a.story) || (b.imp - a.imp));
    const thinned = new Set(P.thin(order));
    order.forEach((h) => { if (thinned.has(h.key)) show(h.h.marker.getElement(), false); });
    const hillsShown = order.filter((h) => !thinned.has(h.key));

    // 5. Names, in order of what the reader is told.
    const rankOf = (n) => (story.has(n.l.fid) ? 0 : n.l.town ? 1 : n.l.kind === "hills" ? 2 : 3);
    const impOf = (n) => (n.l.owner && n.l.owner.imp) || 0;
    const candidates = names
      .filter((n) => getComputedStyle(n.inner).display !== "none")
      .filter((n) => !(n.l.kind === "hills" && thinned.has(n.l.fid)))
      .sort((a, b) => (rankOf(a) - rankOf(b)) || (impOf(b) - impOf(a)))
      .map((n) => ({ key: n.l.fid, p: n.p, r: n.l.r, w: n.w, h: n.h, story: story.has(n.l.fid), town: n.l.town, n }));
    const soft = [...hillsShown.filter((h) => !h.story).map((h) => ({ key: h.key, box: h.box, kind: "marker" })), ...fields];
    const hard = [...controls, ...fixed, ...symbolBoxes, ...hillsShown.filter((h) => h.story).map((h) => h.box)];
    const placed = P.placeNames({ names: candidates, taken: hard, soft, lines, size, leaders });
    const hiddenHills = new Set(placed.hidden);
    hillsShown.forEach((h) => { if (hiddenHills.has(h.key)) show(h.h.marker.getElement(), false); });
    fields.forEach((f) => show(f.el, !hiddenHills.has(f.key)));
    E.units.forEach((u) => { const el = u.marker.getElement(); if (el && el.style.display === "none") el.querySelectorAll(".atlas-field").forEach((f) => show(f, true)); });

    // 6. Write the names.
    candidates.forEach((c) => {
      const place = placed.places[c.key];
      if (!place) return;
      const { inner, p } = c.n;
      inner.style.transform = `translate(${Math.round(place.x - p[0])}px, ${Math.round(place.y - p[1])}px)`;
      inner.style.visibility = "visible";
      if (place.leader) d.nameLeader(c.n.l.marker.getElement(), [place.leader[0] - p[0], place.leader[1] - p[1]], c.r);
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
