// What a person sees on the map, read from the page, against where each thing stands in the
// scene's data: the tests' own reading, not the drawer's (it uses neither its boxes nor its
// layout). Run in the map's frame as `(mapcheck)(keep)`; `keep`: the chapter's places.
(keep) => {
  const { map, scene } = Atlas.live;
  const container = map.getContainer();
  const origin = container.getBoundingClientRect();
  const size = map.getSize();
  const day = scene.days.find((d) => d.iso === container.dataset.day);
  const pt = ([lon, lat]) => { const p = map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; };
  const inView = ([x, y]) => x >= 0 && y >= 0 && x <= size.x && y <= size.y;
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height }; };
  const visible = (el) => { for (let e = el; e && e !== container; e = e.parentElement) { if (getComputedStyle(e).display === "none") return false; } return true; };
  const seen = (b) => b.w > 0 && b.x < size.x && b.x + b.w > 0 && b.y < size.y && b.y + b.h > 0;
  const overlaps = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
  // the day's front as drawn from the data, in pixels
  const front = [];
  (day.records.front || []).filter((r) => r.s !== "front.stretch" && r.g).forEach((r) => {
    const paths = r.g.type === "LineString" ? [r.g.coordinates] : r.g.coordinates;
    paths.forEach((line) => { const px = line.map(pt); px.slice(1).forEach((p, n) => front.push([px[n], p])); });
  });
  const side = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const cuts = (a, b) => front.some(([c, d]) => side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0);

  // Units: where each symbol's frame is drawn, and where the unit (or the units a formation
  // stands for) stood.
  const units = [...container.querySelectorAll(".atlas-unit")].filter(visible).map((el) => {
    const frame = box(el.querySelector(".atlas-sym svg path")); // the frame is milsymbol's first path
    const drawn = [frame.x + frame.w / 2, frame.y + frame.h / 2];
    const members = (el.dataset.members || el.dataset.f || "").split(" ").filter(Boolean);
    const points = members.map((id) => pt(scene.features[id].g.coordinates));
    const stand = el.dataset.f ? pt(scene.features[el.dataset.f].g.coordinates)
      : [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
    const fields = [...el.querySelectorAll(".atlas-field")].filter(visible);
    const text = fields.map((f) => f.textContent).join(" ") || el.getAttribute("aria-label");
    const whole = [el.querySelector(".atlas-sym"), ...fields].map(box)
      .reduce((a, b) => { const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y); return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y }; });
    const parts = [el.querySelector(".atlas-sym"), ...fields].map(box);
    return { id: el.dataset.f || el.dataset.formation, drawn, stand, members, text, box: whole, parts, frame, off: Math.hypot(drawn[0] - stand[0], drawn[1] - stand[1]) };
  }).filter((u) => seen(u.box));
  // a symbol across the front from where it stood, or from any unit it stands for
  const across = units.filter((u) => cuts(u.stand, u.drawn)
    || u.members.some((id) => cuts(pt(scene.features[id].g.coordinates), u.drawn))).map((u) => u.id);
  const outside = units.filter((u) => !inView(u.stand)).map((u) => u.id);
  const leaders = [...container.querySelectorAll(".atlas-leader")].filter(visible).length;

  // Names: every place in view, and whether its name is shown.
  const names = [...container.querySelectorAll(".atlas-name .atlas-label")]
    .filter((e) => e.style.visibility === "visible" && visible(e))
    .map((e) => Object.assign(box(e), { text: e.textContent, f: e.closest(".atlas-name").dataset.f }));
  const named = new Set(names.map((n) => n.f));
  const places = Object.entries(scene.features).filter(([id, f]) => (f.layer === "hills" || f.layer === "places") && inView(pt(f.g.coordinates)));
  const story = new Set([...(keep || []), ...(day.story || [])]);
  const storyMissing = places.filter(([id]) => story.has(id) && !named.has(id)).map(([id]) => id);

  // What no name may cover: symbols as drawn (hills, towns, events, units with their fields).
  const symbols = [
    ...[...container.querySelectorAll(".leaflet-marker-icon:not(.atlas-name):not(.atlas-unit)")].filter(visible)
      .map((e) => Object.assign(box(e.querySelector(".atlas-sym") || e), { text: e.getAttribute("aria-label") })),
    ...[...container.querySelectorAll('.leaflet-overlay-pane path[fill="#FFFFFF"]')].map((e) => Object.assign(box(e), { text: "town" })),
    ...units.flatMap((u) => u.parts.map((b) => Object.assign(b, { text: u.text }))),
  ].filter(seen);
  const covered = [];
  names.forEach((a, i) => {
    names.slice(i + 1).forEach((b) => { if (overlaps(a, b)) covered.push([a.text, b.text]); });
    symbols.forEach((s) => { if (overlaps(a, s)) covered.push([a.text, s.text]); });
  });
  const unitsOnUnits = [];
  units.forEach((a, i) => units.slice(i + 1).forEach((b) => {
    if (a.parts.some((p) => b.parts.some((q) => overlaps(p, q)))) unitsOnUnits.push([a.text, b.text]);
  }));
  const markers = [...container.querySelectorAll(".leaflet-marker-icon")].filter(visible)
    .map((e) => { const b = box(e); return `${e.dataset.f || e.dataset.formation || e.textContent}@${Math.round(b.x)},${Math.round(b.y)}`; }).sort();
  return {
    units, across, outside, leaders, storyMissing, covered, unitsOnUnits, markers,
    places: places.length, named: places.filter(([id]) => named.has(id)).length,
    unnamed: places.filter(([id]) => !named.has(id)).map(([id]) => id),
  };
}
