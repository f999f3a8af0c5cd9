// The one drawer of the atlas: draws a day's records on a Leaflet map. The app (inside
// streamlit-folium) and the offline file both call it with the same scene, which src/scene.py
// computes: styles, static features, and per day the records of each layer. Days are ISO
// strings; no Date object is ever made, so 1953 stays 1953 in every time zone.
(function () {
  "use strict";
  if (window.AtlasDrawer) return;

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const latlng = ([lon, lat]) => [lat, lon];
  const HIT_WEIGHT = 16; // px: the invisible line under a thin or dashed one that takes the click
  const GAP = 3; // px between a symbol and its name
  // On a narrow map (a phone's, or the Explorer's beside its text at 1280x720) the whole
  // battle is some twenty unit symbols in a hand's width: they are drawn smaller there, so
  // they move aside less far from where they stood.
  const NARROW_PX = 600;
  const NARROW_UNIT_SCALE = 0.7;
  // Who wins a place when names compete: the most important first.
  const LABEL_RANK = { events: 0, hills: 1, places: 2, reference: 3, water: 4 };

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // Whether the segment from (x1, y1) to (x2, y2) passes through box b (Liang-Barsky).
  function crosses(x1, y1, x2, y2, b) {
    let t0 = 0, t1 = 1;
    const dx = x2 - x1, dy = y2 - y1;
    const sides = [[-dx, x1 - b.x], [dx, b.x + b.w - x1], [-dy, y1 - b.y], [dy, b.y + b.h - y1]];
    for (const [p, q] of sides) {
      if (p === 0) { if (q < 0) return false; continue; }
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
    return true;
  }

  // Whether segment ab crosses segment cd (points as [x, y]): a and b strictly either side of
  // cd, and c and d either side of ab or on it. Leaflet's points are whole pixels, so a move
  // often runs through a vertex of the line exactly, and must not slip between its segments.
  function cut(a, b, c, d) {
    const side = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
    return side(a, b, c) * side(a, b, d) <= 0 && side(c, d, a) * side(c, d, b) < 0;
  }

  function AtlasDrawer(map, scene, options) {
    const opts = Object.assign({ scale: 1, legend: null, fullscreen: true, fit: false, fill: false, keys: [] }, options || {});
    const k = opts.scale;
    const unitScale = () => (map.getSize().x < NARROW_PX ? NARROW_UNIT_SCALE : 1);
    const S = scene.styles;
    const F = scene.features;
    const byIso = {};
    scene.days.forEach((d, i) => { byIso[d.iso] = i; });
    const container = map.getContainer();
    container.style.setProperty("--atlas-scale", String(k));
    container.setAttribute("role", "region"); // a landmark, so assistive technology can find the map
    container.setAttribute("aria-label", "Map of the battle");
    // folium's page head forbids zooming (user-scalable=no); a reader may always zoom.
    document.querySelectorAll('meta[name="viewport"]').forEach((m) => { m.content = "width=device-width, initial-scale=1"; });

    // The map keeps to the battle: its zoom range and the theatre, enforced on the map itself.
    map.setMinZoom(scene.view.zoom[0]);
    map.setMaxZoom(scene.view.zoom[1]);
    map.setMaxBounds(L.latLngBounds(scene.view.bounds).pad(0.1));
    map.options.maxBoundsViscosity = 1.0;
    // Fitting needs the map's size; a frame can start with none (a phone's first layout), so
    // a fit waits for the first real size instead of failing.
    function fitTo(bounds) {
      const size = map.getSize();
      if (!size.x || !size.y) { map.once("resize", () => fitTo(bounds)); return; }
      // A quarter-step zoom fits the battle as large as the frame allows (on a phone a whole
      // step is often the difference between filling the frame and a third of it); a map with
      // coarser steps (the offline file's) keeps them for later zooms.
      const snap = map.options.zoomSnap;
      map.options.zoomSnap = scene.view.zoomStep;
      map.fitBounds(bounds, { animate: false });
      map.options.zoomSnap = snap;
    }
    if (opts.fit) fitTo(scene.view.battle);
    const markZoom = () => { container.dataset.zoom = String(Math.floor(map.getZoom() + 1e-9)); }; // 9.5 reads as 9
    map.on("zoomend", markZoom);
    markZoom();

    // The page scrolls over the map; the wheel zooms once the map is clicked, or with Ctrl.
    map.scrollWheelZoom.disable();
    const hint = L.DomUtil.create("div", "atlas-wheel-hint", container);
    hint.textContent = "Click the map, or hold Ctrl, to zoom with the wheel";
    let hintTimer = null;
    container.addEventListener("wheel", (e) => {
      if (map.scrollWheelZoom.enabled()) return;
      if (e.ctrlKey) {
        e.preventDefault();
        const at = map.mouseEventToContainerPoint(e);
        map.setZoomAround(at, map.getZoom() + (e.deltaY < 0 ? 1 : -1));
        return;
      }
      hint.classList.add("shown");
      clearTimeout(hintTimer);
      hintTimer = setTimeout(() => hint.classList.remove("shown"), 1500);
    }, { passive: false });
    map.on("click focus", () => map.scrollWheelZoom.enable());
    container.addEventListener("mouseleave", () => map.scrollWheelZoom.disable());

    // Escape closes a popup wherever the focus is.
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") map.closePopup(); });

    // Keys the page around the map listens for (P/N, a clicker's keys) reach it even after
    // the reader has clicked the map, which sits in its own frame inside the app.
    if (opts.keys.length) {
      let parentDoc = null;
      try { parentDoc = window.parent !== window ? window.parent.document : null; } catch (e) { parentDoc = null; }
      if (parentDoc) {
        document.addEventListener("keydown", (e) => {
          if (!opts.keys.includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          e.stopPropagation();
          const init = { key: e.key, code: e.code, keyCode: e.keyCode, which: e.which, bubbles: true, cancelable: true };
          parentDoc.dispatchEvent(new KeyboardEvent("keydown", init));
          parentDoc.dispatchEvent(new KeyboardEvent("keyup", init));
        }, true);
      }
    }

    // One group and one pane per layer, stacked in the scene's order: a step redraws only the
    // layers whose records differ from those shown (the towns, rivers and most hills do not
    // change from one day to the next), and a redrawn layer keeps its place in the stack.
    const drawn = {}; // layer key -> {sig, group, labels, symbols}
    scene.order.forEach((layerKey, index) => {
      map.createPane(`atlas-${layerKey}`, map.getPane("overlayPane")).style.zIndex = String(1 + index);
    });
    let shownKey = null;
    let scaleDrawn = null; // the unit scale of the units drawn
    let current = { iso: scene.days[0].iso, layers: scene.order.slice(), lang: "en" };
    let kept = new Set(); // features whose names stay at every zoom (a lecture chapter's places)
    let framed = null; // the bounds last fitted on request, so stepping within them keeps the view
    let labels = []; // {marker, rank, r}: names to place once the day is drawn
    let symbols = []; // markers whose boxes names must not cover
    let pane = "overlayPane"; // the pane of the layer being built

    const scaled = (style) => Object.assign({}, style, { weight: (style.weight === undefined ? 1 : style.weight) * k });
    const name = (f, lang) => (f && (f.name[lang] || f.name.en)) || "";

    function icon(html, w, h, anchor) {
      return L.divIcon({ className: "atlas-divicon", html, iconSize: [w, h], iconAnchor: anchor || [w / 2, h / 2] });
    }

    function label(at, text, css) {
      return L.marker(at, {
        interactive: false, keyboard: false, zIndexOffset: 2000,
        icon: L.divIcon({ className: "atlas-divicon atlas-name", html: `<div class="atlas-label ${css}">${esc(text)}</div>`, iconSize: [0, 0], iconAnchor: [0, 0] }),
      });
    }

    function headOf(f) {
      // The arrowhead is stored at scale 1 around its tip; a projector scales it about the tip.
      const ring = f.head.coordinates[0];
      const [tx, ty] = ring[0];
      return ring.map(([x, y]) => [ty + (y - ty) * k, tx + (x - tx) * k]);
    }

    function bind(layer, popup, tip) {
      return layer.bindPopup(popup, { maxWidth: 360 }).bindTooltip(esc(tip));
    }

    function named(marker, tip) {
      marker.on("add", () => {
        const el = marker.getElement();
        if (el) { el.setAttribute("aria-label", tip); el.setAttribute("role", "button"); }
      });
      return marker;
    }

    function build(layerKey, rec, lang) {
      const f = rec.f ? F[rec.f] : null;
      const st = S[rec.s];
      if (!st || (rec.f && !f)) return [];
      const g = rec.g || f.g;
      const title = (rec.n ? rec.n + ". " : "") + name(f, lang);
      // A dated line ("16 Jun 1953: held by ...") takes the day shown when the popup opens: a
      // layer whose records did not change is not redrawn, so its popups outlive a step.
      const line = () => (rec.dated ? `${scene.days[byIso[current.iso]].label}: ${rec.line}` : rec.line);
      const popup = rec.p || (() => `<h4>${esc(title)}</h4>` + (rec.line ? `<div>${esc(line())}</div>` : "") + f.popup);
      const tip = rec.tip || title + (rec.tipx || "");
      const out = [];
      let layer;
      let radius = 0;
      if (st.path) {
        const style = scaled(st.path);
        const make = (s) => (g.type === "LineString" ? L.polyline(g.coordinates.map(latlng), Object.assign({ pane }, s)) : L.geoJSON(g, { pane, style: () => s }));
        if (g.type === "LineString" && (style.dashArray || style.weight < 4)) {
          out.push(bind(make({ color: "#000", opacity: 0, weight: HIT_WEIGHT * k, className: "atlas-hit" }), popup, tip));
        }
        layer = make(style);
      } else if (st.circle) {
        layer = L.circleMarker(latlng(g.coordinates), Object.assign(scaled(st.circle), { radius: st.circle.radius * k, pane }));
        radius = (st.circle.radius + st.circle.weight) * k; // the ring's outer edge
        symbols.push({ circle: layer, r: radius });
      } else if (st.event) {
        const px = Math.round(st.event * k);
        radius = px / 2;
        // An event sits up and to the right of its point, like a pin, so the hill it names
        // stays visible and clickable under it.
        const pin = [-Math.round(4 * k), px + Math.round(4 * k)];
        layer = named(L.marker(latlng(g.coordinates), { icon: icon(`<div class="atlas-event">${rec.n}</div>`, px, px, pin), zIndexOffset: 1000 }), tip);
        symbols.push({ marker: layer });
      } else if (st.icon) {
        const [w, h] = st.box.map((n) => Math.round(n * k * (st.unit ? scaleDrawn : 1)));
        radius = Math.max(w, h) / 2;
        let html = `<div class="atlas-sym" style="width:${w}px;height:${h}px">${st.icon}</div>`;
        let boxH = h;
        if (st.unit) {
          const lh = Math.round(scene.unitLabelPx * k);
          html += `<div class="atlas-label unit minor" style="width:${w}px;line-height:${lh}px">${esc(f.short)}</div>`;
          boxH += lh;
        }
        // Hills sit above units, so a small hill marker is never buried under a unit symbol.
        const hill = layerKey === "hills";
        layer = named(L.marker(latlng(g.coordinates), { icon: icon(html, w, boxH, [w / 2, h / 2]), zIndexOffset: hill ? 500 : 0 }), tip);
        // Hills and units move aside rather than bury one another (see placeLabels).
        symbols.push({ marker: layer, movable: hill || !!st.unit });
      }
      if (!layer) return out;
      out.push(bind(layer, popup, tip));
      if (st.head && f && f.head) out.push(bind(L.polygon(headOf(f), Object.assign({ pane }, scaled(st.head))), popup, tip));
      if (f && f.label) {
        const keep = kept.has(rec.f);
        const marker = label(f.labelAt ? latlng(f.labelAt) : latlng(g.coordinates), name(f, lang), keep ? f.label + " kept" : f.label);
        const rank = keep ? -1 : LABEL_RANK[layerKey] === undefined ? 9 : LABEL_RANK[layerKey];
        labels.push({ marker, rank, r: f.labelAt ? 0 : radius, owner: layer, town: f.label === "town" });
        out.push(marker);
      }
      return out;
    }

    // Names are placed after the day is drawn, from the boxes the browser gives. Everything
    // is reset first, then every box is read at once, then the places are chosen in plain
    // arithmetic and written: one layout for the whole map, not one per name.
    function placeLabels() {
      const origin = container.getBoundingClientRect();
      const rect = (el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
      };
      // A unit's name, on one line under its symbol, is often wider than the icon's box: the
      // box that must stay clear is the symbol with its name as drawn.
      const withName = (el) => {
        const b = rect(el);
        const unit = el.querySelector(".atlas-label.unit");
        if (!unit) return b;
        const range = document.createRange();
        range.selectNodeContents(unit);
        const t = range.getBoundingClientRect();
        if (!t.width) return b; // a name hidden at this zoom
        const x = Math.min(b.x, t.left - origin.left), y = Math.min(b.y, t.top - origin.top);
        return { x, y, w: Math.max(b.x + b.w, t.right - origin.left) - x, h: Math.max(b.y + b.h, t.bottom - origin.top) - y };
      };
      const size = map.getSize();
      const lines = []; // leader lines drawn so far, [[x, y], [x, y]]: nothing placed later lies on one
      // A leader line in a marker's element: from (x, y) in it along (vx, vy), less its first
      // `skip` px (under the symbol); `from` is where it starts on the map.
      const leader = (el, x, y, vx, vy, skip, from) => {
        const line = L.DomUtil.create("div", "atlas-leader", el);
        line.style.left = `${x}px`;
        line.style.top = `${y}px`;
        line.style.width = `${Math.max(0, Math.hypot(vx, vy) - skip)}px`;
        line.style.transform = `rotate(${Math.atan2(vy, vx)}rad) translateX(${skip}px)`;
        lines.push([from, [from[0] + vx, from[1] + vy]]);
      };
      const free = (b, taken) => b.x >= 0 && b.y >= 0 && b.x + b.w <= size.x && b.y + b.h <= size.y
        && !taken.some((t) => overlaps(b, t)) && !lines.some(([p, q]) => crosses(p[0], p[1], q[0], q[1], b));
      const movable = symbols.filter((s) => s.movable && s.marker.getElement());
      const names = labels.filter((item) => item.marker.getElement());
      // 1. Reset (writes only). Leaflet sets an icon's margins from its anchor once; a move
      // shifts the margins, so the whole marker (and what takes its click) moves.
      movable.forEach((s) => {
        const el = s.marker.getElement();
        if (el.dataset.ml === undefined) { el.dataset.ml = el.style.marginLeft; el.dataset.mt = el.style.marginTop; }
        el.style.marginLeft = el.dataset.ml;
        el.style.marginTop = el.dataset.mt;
        el.querySelectorAll(".atlas-leader").forEach((l) => l.remove());
        s.marker.shift = [0, 0];
      });
      names.forEach((item) => {
        const el = item.marker.getElement();
        el.querySelectorAll(".atlas-leader").forEach((l) => l.remove());
        el.firstElementChild.style.visibility = "hidden";
        el.firstElementChild.style.transform = "";
      });
      // 2. Read every box (one layout).
      const taken = [];
      container.querySelectorAll(".leaflet-control").forEach((c) => taken.push(rect(c))); // buttons, legend, scale
      symbols.filter((s) => !s.movable).forEach((s) => {
        if (s.marker && s.marker.getElement()) taken.push(withName(s.marker.getElement()));
        if (s.circle && map.hasLayer(s.circle)) {
          const p = map.latLngToContainerPoint(s.circle.getLatLng());
          taken.push({ x: p.x - s.r, y: p.y - s.r, w: 2 * s.r, h: 2 * s.r });
        }
      });
      const homes = movable.map((s) => withName(s.marker.getElement()));
      const sized = names.map((item) => {
        const inner = item.marker.getElement().firstElementChild;
        const shown = getComputedStyle(inner).display !== "none";
        return { item, inner, shown, w: inner.offsetWidth, h: inner.offsetHeight, point: map.latLngToContainerPoint(item.marker.getLatLng()) };
      });
      // Names: each tries sixteen places around its symbol and takes the first that covers
      // no symbol and no name already placed; a name with no free place is left out until a
      // zoom makes room.
      const placeName = ({ item, inner, w, h, point }) => {
        const el = item.marker.getElement();
        const shift = (item.owner && item.owner.shift) || [0, 0];
        const p = { x: point.x + shift[0], y: point.y + shift[1] };
        const ring = (r) => [[r, -h / 2], [-r - w, -h / 2], [-w / 2, -r - h], [-w / 2, r], [r, -r - h], [-r - w, -r - h], [r, r], [-r - w, r]];
        // A chapter's own places (rank -1) may stand further out, so the lecture can always name them.
        // A name that stands further out than the first ring gets a leader line to its symbol.
        const rings = item.rank < 0 ? [0, 14, 28, 42] : [0, 14];
        const spots = item.r
          ? rings.flatMap((extra) => ring(item.r + GAP + extra * k).map(([dx, dy]) => [dx, dy, extra > 14]))
          : [[-w / 2, -h / 2], [4, -h - 2], [4, 2], [-w - 4, -h - 2], [-w - 4, 2]];
        for (const [dx, dy, far] of spots) {
          const spot = { x: p.x + dx, y: p.y + dy, w, h };
          if (free(spot, taken)) {
            inner.style.transform = `translate(${Math.round(p.x - point.x + dx)}px, ${Math.round(p.y - point.y + dy)}px)`;
            inner.style.visibility = "visible";
            taken.push(spot);
            if (far) {
              const to = [Math.min(Math.max(p.x, spot.x), spot.x + w) - p.x, Math.min(Math.max(p.y, spot.y), spot.y + h) - p.y];
              leader(el, p.x - point.x, p.y - point.y, to[0], to[1], item.r, [p.x, p.y]);
            }
            return;
          }
        }
      };
      // Towns are named before symbols move aside, so the places the battle is named after
      // keep their names and units make room for them.
      sized.filter((one) => one.shown && one.item.town).sort((a, b) => a.item.rank - b.item.rank).forEach(placeName);
      // A symbol moved aside stays on its side of the day's front, drawn or not, unless no
      // place on its side is free: a division shown behind the other side's line would be a
      // false claim.
      const day = scene.days[byIso[current.iso]];
      const front = (day.records.front || []).filter((rec) => rec.s !== "front.stretch").flatMap((rec) => {
        const g = rec.g || (F[rec.f] && F[rec.f].g);
        const paths = !g ? [] : g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
        return paths.flatMap((line) => {
          const px = line.map((c) => { const p = map.latLngToContainerPoint(latlng(c)); return [p.x, p.y]; });
          return px.slice(1).map((p, n) => [px[n], p]);
        });
      });
      // 3. Choose, then write. Symbols (after the towns' names): a hill or unit marker that
      // would sit on another symbol moves to the nearest free place, with a leader line to its
      // true position, so every hill can be seen and clicked and no unit hides another; every
      // other symbol stays where the data puts it.
      movable.forEach((s, n) => {
        const el = s.marker.getElement();
        const home = homes[n];
        // A step is the symbol's own width across and its height up or down. Whole steps
        // first, the nearest first; half steps only when none is free (a crowded corner), since
        // a symbol moved by less than its size takes the places its neighbours' names need.
        const [sx, sy] = [home.w + 2, home.h + 2];
        const grid = (ms) => ms.flatMap((a) => ms.map((b) => [a * sx, b * sy]))
          .filter(([dx, dy]) => dx || dy).sort((p, q) => Math.hypot(...p) - Math.hypot(...q));
        const far = grid([-4, -3, -2, -1, 0, 1, 2, 3, 4]).filter(([dx, dy]) => Math.abs(dx) > 2 * sx || Math.abs(dy) > 2 * sy);
        const tries = [[0, 0], ...grid([-2, -1, 0, 1, 2]), ...grid([-2.5, -1.5, -0.5, 0, 0.5, 1.5, 2.5]), ...far];
        // Of the free places up to half again as far as the nearest, the one whose leader line
        // crosses the fewest other symbols and names (the nearest of equals), so a line is
        // seldom read as belonging to the wrong symbol.
        const [ax, ay] = s.marker.options.icon.options.iconAnchor;
        const at = map.latLngToContainerPoint(s.marker.getLatLng());
        const fits = ([dx, dy]) => free({ x: home.x + dx, y: home.y + dy, w: home.w, h: home.h }, taken);
        const under = (t) => at.x >= t.x && at.x <= t.x + t.w && at.y >= t.y && at.y <= t.y + t.h; // what it moves off
        const crossed = ([dx, dy]) => taken.filter((t) => !under(t) && crosses(at.x, at.y, at.x + dx, at.y + dy, t)).length;
        const sided = (t) => fits(t) && !front.some(([a, b]) => cut([at.x, at.y], [at.x + t[0], at.y + t[1]], a, b));
        const near = tries.find(sided) || tries.find(fits);
        const reach = near ? 1.5 * Math.hypot(...near) : 0;
        let spot = near;
        let fewest = near ? crossed(near) : 0;
        if (fewest) {
          for (const t of tries) {
            if (!fewest) break;
            if (Math.hypot(...t) > reach || !sided(t)) continue;
            const count = crossed(t);
            if (count < fewest) { fewest = count; spot = t; }
          }
        }
        const [dx, dy] = spot || [0, 0];
        if (dx || dy) {
          el.style.marginLeft = `${parseFloat(el.dataset.ml) + dx}px`;
          el.style.marginTop = `${parseFloat(el.dataset.mt) + dy}px`;
          leader(el, ax, ay, -dx, -dy, Math.min(ax, ay), [at.x + dx, at.y + dy]); // back to the true position
          s.marker.shift = [dx, dy];
        }
        taken.push({ x: home.x + dx, y: home.y + dy, w: home.w, h: home.h });
      });
      // Then the other names, the most important first.
      sized.filter((one) => one.shown && !one.item.town).sort((a, b) => a.item.rank - b.item.rank).forEach(placeName);
    }
    // data-settled is "1" once the names are placed for the view as it is (tests wait on it).
    let placing = null;
    const schedule = () => {
      container.dataset.settled = "0";
      cancelAnimationFrame(placing);
      placing = requestAnimationFrame(() => { placeLabels(); container.dataset.settled = "1"; });
    };
    map.on("zoomend moveend resize", schedule);
    // streamlit-folium adds the stylesheets after running the scripts, so the first names can
    // be measured unstyled (a slow network made the lecture's names overlap): place them
    // again when a stylesheet has loaded (load does not bubble, but it is seen in capture).
    document.addEventListener("load", (e) => { if (e.target.tagName === "LINK") schedule(); }, true);
    map.on("movestart zoomstart", () => { container.dataset.settled = "0"; });

    // What the page last asked for: a preview (the map running ahead of the server while the
    // reader scrubs or steps) returns to it if the page does not confirm it in REVERT_MS. A
    // request for the day the preview left is a rerun begun before the reader's step: the
    // preview stays (with that request's layers and language) until confirmed or timed out.
    const REVERT_MS = 5000;
    let asked = null;
    let ahead = null; // {from, iso}: the server's day when the reader stepped, and the day shown
    let revert = null;
    function show(iso, layers, lang, extra) {
      asked = iso;
      if (ahead && iso === ahead.from && iso !== ahead.iso) return draw(ahead.iso, layers, lang, extra);
      clearTimeout(revert);
      ahead = null;
      return draw(iso, layers, lang, extra);
    }
    function preview(iso) {
      clearTimeout(revert);
      if (!ahead) ahead = { from: asked };
      ahead.iso = iso;
      if (asked) revert = setTimeout(() => { ahead = null; draw(asked); }, REVERT_MS);
      return draw(iso);
    }
    const watchers = []; // called with each day drawn and the request's extra (followPage's panel)
    const signatures = new Map(); // "day|layer" -> its records as a text, made once
    const signature = (i, layerKey) => {
      const at = `${i}|${layerKey}`;
      if (!signatures.has(at)) signatures.set(at, JSON.stringify(scene.days[i].records[layerKey] || []));
      return signatures.get(at);
    };
    // extra.bounds: fit the map to them (once: a new request with the same bounds keeps the
    // reader's view); extra.keep: feature ids whose names are shown at every zoom.
    function draw(iso, layers, lang, extra) {
      const i = byIso[iso];
      if (i === undefined) return false;
      current = { iso, layers: layers || current.layers, lang: lang || current.lang };
      const more = extra || {};
      watchers.forEach((fn) => fn(iso, more));
      if (more.bounds && JSON.stringify(more.bounds) !== framed) {
        framed = JSON.stringify(more.bounds);
        fitTo(more.bounds);
      }
      if (more.keep) kept = new Set(more.keep);
      scaleDrawn = unitScale();
      const key = [current.iso, current.layers.join(","), current.lang, [...kept].join(","), scaleDrawn].join("|");
      if (key === shownKey) return true;
      shownKey = key;
      const day = scene.days[i];
      const prefix = `${current.lang}|${[...kept].join(",")}|`;
      scene.order.forEach((layerKey) => {
        const on = current.layers.includes(layerKey);
        const sig = on ? prefix + (layerKey === "units" ? `${scaleDrawn}|` : "") + signature(i, layerKey) : null;
        const was = drawn[layerKey];
        if (was && was.sig === sig) return;
        if (was) map.removeLayer(was.group);
        const now = { sig, group: L.layerGroup(), labels: [], symbols: [] };
        drawn[layerKey] = now;
        if (!on) return;
        labels = now.labels;
        symbols = now.symbols;
        pane = `atlas-${layerKey}`;
        (day.records[layerKey] || []).forEach((rec) => build(layerKey, rec, current.lang).forEach((l) => l.addTo(now.group)));
        now.group.addTo(map);
      });
      labels = scene.order.flatMap((key) => (drawn[key] ? drawn[key].labels : []));
      symbols = scene.order.flatMap((key) => (drawn[key] ? drawn[key].symbols : []));
      container.dataset.day = iso;
      schedule();
      return true;
    }

    // In a lecture the map fills its frame, whose height the page sets from the window.
    if (opts.fill) {
      const fill = () => { container.style.height = window.innerHeight + "px"; map.invalidateSize(); };
      window.addEventListener("resize", fill);
      fill();
    }

    // A button on the map: a named link with an icon, as Leaflet's own zoom buttons are.
    function mapButton(label, css, svg, onClick) {
      const Button = L.Control.extend({
        options: { position: "topleft" },
        onAdd() {
          const a = L.DomUtil.create("a", `leaflet-bar atlas-button ${css}`);
          a.href = "#";
          a.title = label;
          a.setAttribute("role", "button");
          a.setAttribute("aria-label", label);
          a.innerHTML = `<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" style="vertical-align:middle">${svg}</svg>`;
          L.DomEvent.on(a, "click", (e) => { L.DomEvent.stop(e); onClick(); });
          return a;
        },
      });
      new Button().addTo(map);
    }

    // A control that brings the whole battle back into view.
    mapButton("Fit the battle in view", "atlas-fit",
      '<rect x="3" y="5" width="12" height="8" fill="none" stroke="#1A1A1A" stroke-width="2"/>' +
      '<path d="M1 1l3 3M17 1l-3 3M1 17l3-3M17 17l-3-3" stroke="#1A1A1A" stroke-width="2"/>',
      () => fitTo(scene.view.battle));

    // Where the battle lies in Korea (an SVG the scene carries; left out on narrow maps by CSS).
    if (scene.locator) {
      const Locator = L.Control.extend({
        options: { position: "topright" },
        onAdd() {
          const box = L.DomUtil.create("div", "atlas-locator");
          box.innerHTML = scene.locator;
          const svg = box.firstElementChild; // as large as the map's type: a projector scales it
          svg.style.width = `${Number(svg.getAttribute("width")) * k}px`;
          svg.style.height = "auto";
          return box;
        },
      });
      new Locator().addTo(map);
    }

    // The legend, on the map and collapsible, the same in the app and the offline file.
    if (opts.legend) {
      const Legend = L.Control.extend({
        options: { position: "bottomright" },
        onAdd() {
          const box = L.DomUtil.create("details", "atlas-legend-control");
          box.innerHTML = `<summary>Legend</summary>${opts.legend}`;
          L.DomEvent.disableClickPropagation(box);
          L.DomEvent.disableScrollPropagation(box);
          box.addEventListener("toggle", schedule);
          return box;
        },
      });
      new Legend().addTo(map);
    }

    // A full-screen button of our own (no plugin to fetch): inside the app it enlarges the
    // map's frame, in the offline file the map itself.
    if (opts.fullscreen) {
      let framed = false;
      try { framed = !!(window.frameElement && window.parent.document); } catch (e) { framed = false; }
      const doc = framed ? window.parent.document : document;
      const target = framed ? window.frameElement : container;
      mapButton("Full screen (Esc to leave)", "atlas-fullscreen",
        '<path d="M1 6V1h5M12 1h5v5M17 12v5h-5M6 17H1v-5" fill="none" stroke="#1A1A1A" stroke-width="2"/>',
        () => { if (doc.fullscreenElement) doc.exitFullscreen(); else target.requestFullscreen(); });
      window.addEventListener("resize", () => {
        if (opts.fill) return;
        if (doc.fullscreenElement) {
          container.dataset.height = container.dataset.height || container.style.height;
          container.style.height = window.innerHeight + "px";
        } else if (container.dataset.height) {
          container.style.height = container.dataset.height;
        }
        map.invalidateSize();
      });
    }

    const onDraw = (fn) => watchers.push(fn);
    // A frame that grows past NARROW_PX or shrinks below it redraws its units at that size.
    map.on("resize", () => { if (unitScale() !== scaleDrawn) draw(current.iso); });
    return { show, preview, onDraw, placeLabels, days: scene.days, get current() { return current; } };
  }

  // Inside the app the map runs ahead of the server: it follows the page's day slider while
  // the reader drags it, and its step buttons and their keys as they are pressed, so the
  // front moves at once; the server's own step then confirms the day (or the map returns
  // to the server's day, see preview). `steps`: {buttons: {key: days}, keys: {key: days}}.
  function followPage(drawer, steps) {
    let doc;
    try { doc = window.parent.document; } catch (e) { return; }
    if (!doc || doc === document) return;
    const isos = drawer.days.map((d) => d.iso);
    const byLabel = {};
    drawer.days.forEach((d) => { byLabel[d.label] = d.iso; });
    const go = (days) => {
      const at = isos.indexOf(drawer.current.iso) + days;
      drawer.preview(isos[Math.max(0, Math.min(isos.length - 1, at))]);
    };
    // The slider is followed when its value changes, not whenever it differs from the map: a
    // rerun begun before a step re-renders it at the day the reader has just left.
    let thumb = null;
    let was = null;
    const read = () => {
      if (!thumb || !thumb.isConnected) {
        thumb = doc.querySelector('[data-testid="stSlider"] input[type=range], [data-testid="stSlider"] [role="slider"]');
      }
      const iso = thumb && byLabel[thumb.getAttribute("aria-valuetext")];
      if (iso === was) return;
      was = iso;
      if (iso && iso !== drawer.current.iso) drawer.preview(iso);
    };
    new MutationObserver(read).observe(doc.body, { subtree: true, attributes: true, attributeFilter: ["aria-valuetext", "aria-valuenow"] });
    // The day's panel in the page follows too, from every day's panel fetched once per language
    // (extra.panels, see panels_link): the server's rerun then sets the same HTML.
    let panels = {};
    let panelsAt = null;
    drawer.onDraw((iso, more) => {
      if (more.panels && more.panels !== panelsAt) {
        panelsAt = more.panels;
        panels = {};
        fetch(more.panels).then((r) => r.json()).then((p) => {
          if (panelsAt !== more.panels) return;
          panels = p;
          document.querySelector(".leaflet-container").dataset.panels = "ready";
        }).catch(() => {}); // without them the panel changes with the server's rerun alone
      }
      const shown = doc.querySelector(".atlas-day");
      if (shown && panels[iso] && shown.dataset.day !== iso) shown.outerHTML = panels[iso];
    });
    const buttons = (steps && steps.buttons) || {};
    const keys = (steps && steps.keys) || {};
    doc.addEventListener("click", (e) => {
      const key = Object.keys(buttons).find((k) => e.target.closest && e.target.closest(`.st-key-${k} button:not([disabled])`));
      if (key) go(buttons[key]);
    }, true);
    doc.addEventListener("keydown", (e) => {
      const typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
      const key = e.key.toLowerCase(); // as the page's shortcuts: no modifier, not while typing
      if (!(key in keys) || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || typing) return;
      go(keys[key]);
    }, true);
  }

  window.AtlasDrawer = AtlasDrawer;
  window.AtlasDrawer.followPage = followPage;
})();
