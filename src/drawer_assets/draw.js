// The one drawer of the atlas: draws a day's records on a Leaflet map. The app (inside
// streamlit-folium) and the offline file both call it with the same scene, which src/scene.py
// computes: styles, static features, formations, and per day the records of each layer.
// Days are ISO strings; no Date object is ever made, so 1953 stays 1953 in every time zone.
(function (A) {
  "use strict";
  if (A.drawer) return;

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const latlng = ([lon, lat]) => [lat, lon];
  const HIT_WEIGHT = 16; // px: the invisible line under a thin or dashed one that takes the click
  // On a narrow map (a phone's, or the Explorer's beside its text at 1280x720) unit frames
  // are drawn smaller, so more divisions have room to stand for themselves.
  const NARROW_PX = 600;
  const NARROW_UNIT_SCALE = 0.7;
  const NARROW_TEXT_SCALE = 0.9; // and its names a size smaller (as drawer.css's narrow rule)
  const REVERT_MS = 5000; // a preview the page never confirms gives way to the page's day
  const POPUP_MARGIN = 50; // px kept clear at a popup's left, where the map's buttons are
  const POPUP_FRAME = 60; // px a popup's frame adds to its text's width, with a margin at the right
  const FOCUS_MS = 3000; // how long a followed name's ring stays on the map
  const FOCUS_ZOOM = 12; // a followed name is shown at least this close

  function drawer(map, scene, options) {
    const opts = Object.assign({ nameShare: 0, legend: null, fullscreen: true, fit: false, fill: false, keys: [] }, options || {});
    // A projector's type and symbols grow with its screen (opts.nameShare: its names are that
    // share of the screen's height); a phone that opens the lecture's link gets the map's own
    // sizes.
    A.unpackScene(scene);
    const screenHeight = () => { try { return window.top.innerHeight; } catch (e) { return window.innerHeight; } };
    const wanted = Math.max(1, (opts.nameShare * screenHeight()) / scene.namePx);
    const k = window.innerWidth < NARROW_PX ? Math.min(wanted, 1) : wanted;
    // On a projector a unit's fields are names too, read from the back row: as large as a place's.
    const unitTextPx = k > 1 ? scene.namePx : scene.unitTextPx;
    const unitScale = () => (map.getSize().x < NARROW_PX ? NARROW_UNIT_SCALE : 1);
    const S = scene.styles;
    const F = scene.features;
    const byIso = {};
    scene.days.forEach((d, i) => { byIso[d.iso] = i; });
    const container = map.getContainer();
    container.style.setProperty("--atlas-scale", String(k));
    container.style.setProperty("--atlas-name-px", `${scene.namePx}px`);
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
    // a fit waits for the first real size instead of failing. A quarter-step zoom fits the
    // battle as large as the frame allows; a map with coarser steps keeps them for later zooms.
    function fitTo(bounds) {
      const size = map.getSize();
      if (!size.x || !size.y) { map.once("resize", () => fitTo(bounds)); return; }
      const snap = map.options.zoomSnap;
      map.options.zoomSnap = scene.view.zoomStep;
      // in full screen the page's context lies over the map's top: the ground fits below it
      const over = container.classList.contains("atlas-full") ? container.querySelector(".atlas-context") : null;
      const top = over && !over.hidden ? over.offsetTop + over.offsetHeight : 0;
      map.fitBounds(bounds, { animate: false, paddingTopLeft: [0, top] });
      map.options.zoomSnap = snap;
    }
    if (opts.fit) fitTo(scene.view.battle);
    const markZoom = () => { container.dataset.zoom = String(Math.floor(map.getZoom() + 1e-9)); }; // 9.5 reads as 9
    map.on("zoomend", markZoom);
    markZoom();
    // Lines and areas answer a click, but are no stops of the keyboard: Tab goes from the
    // map's markers and buttons to the page's text, not through every stretch of the front.
    map.on("layeradd", (e) => {
      const el = e.layer.getElement && e.layer.getElement();
      if (el && el.tagName === "path") el.setAttribute("tabindex", "-1");
    });
    A.controls.wheel(map);
    A.controls.touch(map);
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") map.closePopup(); });
    // A popup fits inside the map, clear of its buttons on the left (a phone's map is about
    // 360 px wide); a long one scrolls inside itself. Sized for the map as it is now.
    const popupFit = () => {
      const size = map.getSize();
      return {
        maxWidth: Math.max(160, Math.min(360, size.x - POPUP_MARGIN * k - POPUP_FRAME)), minWidth: 0,
        maxHeight: Math.max(160, size.y - 3 * POPUP_MARGIN), autoPanPaddingTopLeft: [POPUP_MARGIN * k, 10], autoPanPaddingBottomRight: [10, 10],
      };
    };
    map.on("resize", () => map.eachLayer((l) => { if (l.getPopup && l.getPopup()) L.setOptions(l.getPopup(), popupFit()); }));
    // A popup's sources that are online, linked as it opens (the scene holds each URL once).
    map.on("popupopen", (e) => {
      e.popup.getElement().querySelectorAll(".links[data-src]:empty").forEach((slot) => {
        slot.dataset.src.split(" ").map((key) => scene.links[key]).filter((url) => /^https?:\/\//.test(url || "")).forEach((url) => {
          if (slot.childElementCount) slot.append(" · ");
          const a = document.createElement("a");
          Object.assign(a, { href: url, target: "_blank", rel: "noopener noreferrer", textContent: new URL(url).host });
          slot.append(a);
        });
      });
    });
    if (A.forwardKeys) A.forwardKeys(opts.keys);
    if (A.replaceSteps) A.replaceSteps();

    // One group and one pane per layer, stacked in the scene's order: a step redraws only the
    // layers whose records differ from those shown (the towns, rivers and most hills do not
    // change from one day to the next), and a redrawn layer keeps its place in the stack.
    const drawn = {}; // layer key -> {sig, group, entries}
    scene.order.forEach((layerKey, index) => {
      map.createPane(`atlas-${layerKey}`, map.getPane("overlayPane")).style.zIndex = String(1 + index);
    });
    const aggregates = L.layerGroup().addTo(map); // formations standing for their units, per view
    let shownKey = null;
    let scaleDrawn = 1; // the unit scale of the units drawn
    let current = { iso: scene.days[0].iso, layers: scene.order.slice(), lang: "en" };
    let kept = new Set(); // a lecture chapter's places: named before all others
    let framed = null; // the bounds last fitted on request, so stepping within them keeps the view
    const setContext = A.controls.context(map); // the page's context, kept over a full-screen map
    let pane = "overlayPane"; // the pane of the layer being built
    let into = null; // the entries of the layer being built

    const scaled = (style) => Object.assign({}, style, { weight: (style.weight === undefined ? 1 : style.weight) * k });
    const name = (f, lang) => (f && (f.name[lang] || f.name.en)) || "";
    const icon = (html, w, h, anchor, css) => L.divIcon({ className: `atlas-divicon ${css || ""}`, html, iconSize: [w, h], iconAnchor: anchor || [w / 2, h / 2] });
    // A name with another in brackets ("Hill 1220 (Paeksok-san)") takes two short lines, not
    // one long one: a narrow name finds room beside its symbol more often. A name of two
    // words may break between them where one line finds no room (class "wrap", drawer.css).
    const wordsHtml = (text) => esc(text).replace(/^(\S+) (\S.*)$/, '$1<span class="brk"> </span>$2');
    const nameHtml = (text) => {
      const two = /^(.+?) \((.+)\)$/.exec(text);
      return two ? `${wordsHtml(two[1])}<span class="alt">(${esc(two[2])})</span>` : wordsHtml(text);
    };
    const label = (at, text, css) => L.marker(at, {
      interactive: false, keyboard: false, zIndexOffset: 2000,
      icon: L.divIcon({ className: "atlas-divicon atlas-name", html: `<div class="atlas-label ${css}">${nameHtml(text)}</div>`, iconSize: [0, 0], iconAnchor: [0, 0] }),
    });
    const bind = (layer, popup, tip) => layer.bindPopup(popup, popupFit()).bindTooltip(esc(tip));

    // A unit's track (src/tracks.py), drawn while its popup is open: the positions it held,
    // in order, each dated.
    let track = null;
    function showTrack(fid) {
      hideTrack();
      const steps = (F[fid] && F[fid].track) || [];
      if (steps.length < 2) return;
      const points = steps.map(([id]) => latlng(F[id].g.coordinates));
      track = L.layerGroup([L.polyline(points, { color: scene.ink, weight: 2 * k, dashArray: "6 5", interactive: false, className: "atlas-track" })]);
      steps.forEach(([id, when], i) => {
        L.circleMarker(points[i], { radius: (id === fid ? 6 : 4) * k, color: scene.ink, weight: 2 * k, fillColor: "#FFF", fillOpacity: 1, interactive: false, className: "atlas-track-point" })
          .bindTooltip(esc(when), { permanent: true, direction: "right", className: "atlas-track-when" }).addTo(track);
      });
      track.addTo(map);
    }
    function hideTrack() { if (track) { map.removeLayer(track); track = null; } }
    function named(marker, tip) {
      marker.on("add", () => {
        const el = marker.getElement();
        if (el) { el.setAttribute("aria-label", tip); el.setAttribute("role", "button"); }
      });
      return marker;
    }
    function headOf(f) {
      // The arrowhead is stored at scale 1 around its tip; a projector scales it about the tip.
      const ring = f.head.coordinates[0];
      const [tx, ty] = ring[0];
      return ring.map(([x, y]) => [ty + (y - ty) * k, tx + (x - tx) * k]);
    }

    // A unit symbol: the frame by milsymbol, scaled, with its fields beside it (see unitBox).
    function unitSym(styleKey, t, m) {
      const st = S[styleKey];
      const s = k * scaleDrawn;
      return {
        svg: st.icon, w: st.box[0] * s, h: st.box[1] * s, ax: st.anchor[0] * s, ay: st.anchor[1] * s, fw: st.frame[0] * s, fh: st.frame[1] * s,
        t, m, fs: unitTextPx * k * (scaleDrawn < 1 ? NARROW_TEXT_SCALE : 1),
      };
    }
    function unitHtml(sym) {
      const field = (css, text, side) => (text ? `<span class="atlas-field ${css}" style="font-size:${sym.fs}px;line-height:${sym.fs}px;`
        + `top:${sym.ay - sym.fs / 2}px;${side}:${sym.w + 2}px">${esc(text)}</span>` : "");
      return `<div class="atlas-sym" style="width:${sym.w}px;height:${sym.h}px">${sym.svg}</div>`
        + field("t", sym.t, "right") + field("m", sym.m, "left");
    }
    const formationSym = (f) => { const fm = scene.formations[f]; return unitSym(fm.s, fm.short, fm.higher); };

    // A formation standing for its units where the view has no room for them, at the centre
    // of those units (it has no position of its own in view that day); a click zooms in.
    function aggregateMarker(f, at, members) {
      const sym = formationSym(f);
      const fm = scene.formations[f];
      const tip = `${name(fm, current.lang)}: stands for ${members.length} units here; click to zoom in`;
      const marker = named(L.marker(at, { icon: icon(unitHtml(sym), sym.w, sym.h, [sym.ax, sym.ay], "atlas-unit atlas-agg") }), tip);
      marker.bindTooltip(esc(tip));
      marker.on("click", () => zoomTo(members));
      marker.on("add", () => Object.assign(marker.getElement().dataset, { formation: f, ax: sym.ax, ay: sym.ay }));
      return marker;
    }
    function zoomTo(members) {
      const points = members.map((id) => latlng(F[id].g.coordinates));
      map.flyToBounds(L.latLngBounds(points).pad(0.3), { maxZoom: map.getZoom() + 2, duration: 0.5 });
    }
    // The cue that a symbol stands for more: a count on its corner, which zooms in to them.
    function markAggregate(el, item) {
      el.classList.add("atlas-agg");
      el.dataset.members = item.members.join(" ");
      const badge = L.DomUtil.create("span", "atlas-badge", el.querySelector(".atlas-sym"));
      badge.textContent = String(item.members.length);
      badge.title = `Stands for ${item.members.length} units here: click to zoom in`;
      L.DomEvent.on(badge, "click", (e) => { L.DomEvent.stop(e); zoomTo(item.members); });
    }
    // A leader from a nudged symbol back to a dot at its true point.
    function leaderTo(el, vx, vy) {
      const [ax, ay] = [parseFloat(el.dataset.ax), parseFloat(el.dataset.ay)];
      leader(el, ax, ay, vx, vy, Math.min(ax, ay));
      const dot = L.DomUtil.create("div", "atlas-dot", el);
      dot.style.left = `${ax + vx}px`;
      dot.style.top = `${ay + vy}px`;
    }
    function leader(el, x, y, vx, vy, skip) {
      const line = L.DomUtil.create("div", "atlas-leader", el);
      line.style.left = `${x}px`;
      line.style.top = `${y}px`;
      line.style.width = `${Math.max(0, Math.hypot(vx, vy) - skip)}px`;
      line.style.transform = `rotate(${Math.atan2(vy, vx)}rad) translateX(${skip}px)`;
    }

    function build(layerKey, rec, lang) {
      const f = rec.f ? F[rec.f] : null;
      const st = S[rec.s];
      if (!st || (rec.f && !f)) return [];
      const g = rec.g || f.g;
      const title = (rec.n ? rec.n + ". " : "") + name(f, lang);
      // A dated line ("16 Jun 1953: held by ...") takes the day shown when the popup opens: a
      // layer whose records did not change is not redrawn, so its popups outlive a step.
      const said = rec.line || st.line;
      const line = () => (st.dated ? `${scene.days[byIso[current.iso]].label}: ${said}` : said);
      const popup = rec.p || (() => `<h4>${esc(title)}</h4>` + (said ? `<div>${esc(line())}</div>` : "") + f.popup);
      const tip = rec.tip || title + (rec.tipx || st.tipx || "");
      const out = [];
      let layer;
      let radius = 0;
      let owner = null;
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
        into.circles.push({ circle: layer, r: radius });
      } else if (st.event) {
        const px = Math.round(st.event * k);
        radius = px / 2;
        // An event sits up and to the right of its point, like a pin, so the hill it names
        // stays visible and clickable under it.
        const pin = [-Math.round(4 * k), px + Math.round(4 * k)];
        layer = named(L.marker(latlng(g.coordinates), { icon: icon(`<div class="atlas-event">${rec.n}</div>`, px, px, pin), zIndexOffset: 1000 }), tip);
        into.events.push({ marker: layer });
      } else if (st.unit) {
        const sym = unitSym(rec.s, f.short, f.higher);
        layer = named(L.marker(latlng(g.coordinates), { icon: icon(unitHtml(sym), sym.w, sym.h, [sym.ax, sym.ay], "atlas-unit") }), tip);
        if (f.track) layer.on("popupopen", () => showTrack(rec.f)).on("popupclose", hideTrack);
        layer.on("add", () => Object.assign(layer.getElement().dataset, { f: rec.f, ax: sym.ax, ay: sym.ay }));
        into.units.push({ marker: layer, fid: rec.f, rank: f.rank, parent: f.parent, formation: f.formation, sym: () => sym });
      } else if (st.icon) {
        const [w, h] = st.box.map((n) => Math.round(n * k));
        radius = Math.max(w, h) / 2;
        // Hills sit above units, so a small hill marker is never buried under a unit symbol.
        layer = named(L.marker(latlng(g.coordinates), { icon: icon(`<div class="atlas-sym" style="width:${w}px;height:${h}px">${st.icon}</div>`, w, h), zIndexOffset: 500 }), tip);
        layer.on("add", () => Object.assign(layer.getElement().dataset, { f: rec.f, ax: w / 2, ay: h / 2 }));
        owner = { marker: layer, fid: rec.f, r: radius, imp: f.imp || 0 };
        into.hills.push(owner);
      }
      if (!layer) return out;
      out.push(bind(layer, popup, tip));
      if (st.head && f && f.head) out.push(bind(L.polygon(headOf(f), Object.assign({ pane }, scaled(st.head))), popup, tip));
      if (f && f.label) {
        const marker = label(f.labelAt ? latlng(f.labelAt) : latlng(g.coordinates), name(f, lang), f.label);
        marker.on("add", () => { marker.getElement().dataset.f = rec.f; });
        into.labels.push({ marker, fid: rec.f, kind: layerKey, r: f.labelAt ? 0 : radius, owner, town: f.label === "town" });
        out.push(marker);
      }
      return out;
    }

    const emptyEntries = () => ({ units: [], hills: [], circles: [], events: [], labels: [] });
    const entries = () => {
      const all = emptyEntries();
      scene.order.forEach((key) => { if (drawn[key]) Object.keys(all).forEach((kind) => all[kind].push(...drawn[key].entries[kind])); });
      return all;
    };
    // The places the story names now: the chapter's and those of the day's events.
    const story = () => new Set([...kept, ...(scene.days[byIso[current.iso]].story || [])]);
    const view = {
      map, container, scene, aggregates, entries, story, scale: k,
      day: () => scene.days[byIso[current.iso]],
      on: (key) => current.layers.includes(key),
      formationSym, aggregateMarker, markAggregate, leaderTo,
      nameLeader: (el, from, to, skip) => leader(el, from[0], from[1], to[0], to[1], skip),
    };
    function markStory() {
      const names = story();
      entries().labels.forEach((l) => {
        const el = l.marker.getElement();
        if (el) el.firstElementChild.classList.toggle("kept", names.has(l.fid));
      });
    }

    // data-settled is "1" once the view is laid out as it is (tests wait on it).
    let placing = null;
    const schedule = () => {
      container.dataset.settled = "0";
      cancelAnimationFrame(placing);
      placing = requestAnimationFrame(() => { markStory(); A.layout(view); container.dataset.settled = "1"; });
    };
    map.on("zoomend moveend resize", schedule);
    // streamlit-folium adds the stylesheets after running the scripts, so the first names can
    // be measured unstyled: lay out again when a stylesheet has loaded (seen in capture).
    document.addEventListener("load", (e) => { if (e.target.tagName === "LINK") schedule(); }, true);
    map.on("movestart zoomstart", () => { container.dataset.settled = "0"; });

    // What the page last asked for: a preview (the map running ahead of the server while the
    // reader scrubs or steps) returns to it if the page does not confirm it in REVERT_MS. A
    // request for the day the preview left is a rerun begun before the reader's step: the
    // preview stays (with that request's layers and language) until confirmed or timed out.
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
    // reader's view); extra.keep: feature ids the story names, named before all others.
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
      if (more.context !== undefined) setContext(more.context);
      scaleDrawn = unitScale();
      container.dataset.narrow = scaleDrawn < 1 ? "1" : "0"; // names in a smaller type too (drawer.css)
      const key = [current.iso, current.layers.join(","), current.lang, [...kept].join(","), scaleDrawn].join("|");
      if (key === shownKey) return true;
      shownKey = key;
      if (container.dataset.day !== iso) map.closePopup(); // a popup tells of the day it opened on
      const day = scene.days[i];
      scene.order.forEach((layerKey) => {
        const on = current.layers.includes(layerKey);
        const sig = on ? `${current.lang}|` + (layerKey === "units" ? `${scaleDrawn}|` : "") + signature(i, layerKey) : null;
        const was = drawn[layerKey];
        if (was && was.sig === sig) return;
        if (was) map.removeLayer(was.group);
        const now = { sig, group: L.layerGroup(), entries: emptyEntries() };
        drawn[layerKey] = now;
        if (!on) return;
        into = now.entries;
        pane = `atlas-${layerKey}`;
        (day.records[layerKey] || []).forEach((rec) => build(layerKey, rec, current.lang).forEach((l) => l.addTo(now.group)));
        now.group.addTo(map);
      });
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
    const C = A.controls;
    C.fitButton(scene.ink, () => fitTo(scene.view.battle)).addTo(map);
    if (scene.locator) new C.Locator({ svg: scene.locator, scale: k }).addTo(map);
    // what the licences of the data drawn ask for, beside Leaflet's own credit
    if (map.attributionControl) (scene.credits || []).forEach((credit) => map.attributionControl.addAttribution(esc(credit)));
    if (opts.legend) new C.Legend({ html: opts.legend }).addTo(map);
    // In full screen a chapter's ground is fitted to the screen's shape (and again to the
    // frame's when it leaves).
    if (opts.fullscreen) C.fullscreen(map, scene.ink, opts.fill, () => { if (framed) fitTo(JSON.parse(framed)); });

    // A name in the text, followed (a place, a unit, an event): the map flies to where it
    // stands on the day shown and rings it there for a moment. False if it has no place today.
    let focus = null;
    function go(fid) {
      const day = scene.days[byIso[current.iso]];
      let g = null;
      Object.values(day.records).some((recs) => recs.some((r) => {
        if (r.f === fid) g = r.g || (F[fid] && F[fid].g);
        return r.f === fid;
      }));
      if (!g && F[fid] && !["units", "events"].includes(F[fid].layer)) g = F[fid].g; // a place, a river: there every day
      if (!g) return false;
      const f = F[fid] || {};
      const at = g.type === "Point" ? latlng(g.coordinates) : f.labelAt ? latlng(f.labelAt) : L.geoJSON(g).getBounds().getCenter();
      if (focus) map.removeLayer(focus);
      focus = L.circleMarker(at, { radius: 22 * k, color: "#E69F00", weight: 4 * k, fill: false, interactive: false, className: "atlas-focus" }).addTo(map);
      const ring = focus;
      setTimeout(() => { if (focus === ring) { map.removeLayer(ring); focus = null; } }, FOCUS_MS);
      container.dataset.focus = fid;
      map.flyTo(at, Math.max(map.getZoom(), FOCUS_ZOOM), { duration: 0.6 });
      return true;
    }
    // Links to it in a document (#go=id, src/daytext.py's go_link): the offline file's panel,
    // or the app's page around the map's frame.
    function followLinks(doc) {
      doc.addEventListener("click", (e) => {
        const a = e.target.closest && e.target.closest('a[href^="#go="]');
        if (!a) return;
        e.preventDefault();
        go(decodeURIComponent(a.getAttribute("href").slice(4)));
      }, true);
    }

    // A frame that grows past NARROW_PX or shrinks below it redraws its units at that size.
    map.on("resize", () => { if (unitScale() !== scaleDrawn) draw(current.iso); });
    const api = {
      show, preview, go, followLinks, context: (text) => setContext(text), layout: () => { markStory(); A.layout(view); },
      onDraw: (fn) => watchers.push(fn), days: scene.days, map, scene, get current() { return current; },
    };
    A.live = api; // the drawer of this page, for the page's step script and the tests
    if (A.followLinks) A.followLinks(api);
    return api;
  }

  A.drawer = drawer;
  A.esc = esc;
})(window.Atlas = window.Atlas || {});
