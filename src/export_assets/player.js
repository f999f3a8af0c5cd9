// The offline player: draws a day from the embedded data. Days are indexes into a list of
// ISO dates with ready-made labels; no Date object is ever made, so 1953 stays 1953.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("atlas-data").textContent);
  const map = L.map("map", { zoomSnap: 0.5 }).setView(D.centre, D.zoom);
  map.getContainer().dataset.zoom = map.getZoom();
  map.on("zoomend", () => { map.getContainer().dataset.zoom = map.getZoom(); });
  L.control.scale().addTo(map);

  const label = (at, text, css) => L.marker(at, {
    interactive: false, keyboard: false,
    icon: L.divIcon({ className: "atlas-divicon", html: `<div class="atlas-label ${css}">${text}</div>`, iconAnchor: [-10, 8] }),
  });
  const escapeText = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const icon = (html, w, h) => L.divIcon({ className: "atlas-divicon", html, iconSize: [w, h], iconAnchor: [w / 2, h / 2] });

  const base = L.layerGroup().addTo(map);
  D.water.forEach((w) => {
    const layer = w.polygon ? L.polygon(w.coords, D.styles.reservoir) : L.polyline(w.coords, D.styles.river);
    layer.bindPopup(w.popup).bindTooltip(escapeText(w.name)).addTo(base);
    label(w.labelAt, escapeText(w.name), "water").addTo(base);
  });
  D.references.forEach((r) => L.polyline(r.coords, r.style).bindPopup(r.popup).bindTooltip(escapeText(r.name)).addTo(base));
  D.places.forEach((p) => {
    L.circleMarker(p.at, { radius: 4, color: "#1A1A1A", weight: 2, fillColor: "#FFF", fillOpacity: 1 })
      .bindPopup(p.popup).bindTooltip(escapeText(p.name)).addTo(base);
    label(p.at, escapeText(p.name), "town").addTo(base);
  });

  const dayLayer = L.layerGroup().addTo(map);
  const slider = document.getElementById("day");
  const dayLabel = document.getElementById("day-label");
  const panel = document.getElementById("panel");
  const playButton = document.getElementById("play");
  slider.max = String(D.days.length - 1);
  let current = 0;
  let timer = null;

  function show(i) {
    current = Math.max(0, Math.min(D.days.length - 1, i));
    const d = D.days[current];
    dayLayer.clearLayers();
    if (d.lost) L.geoJSON(d.lost, { style: () => D.styles.lost }).bindTooltip(escapeText(d.lostText)).addTo(dayLayer);
    L.polyline(d.front, d.interpolated ? D.styles.frontInterpolated : D.styles.front)
      .bindPopup(d.frontPopup).bindTooltip(escapeText(d.frontTitle)).addTo(dayLayer);
    d.moves.forEach((id) => {
      const m = D.moves[id];
      const style = D.styles.moves[m.kind];
      L.polyline(m.coords, style).bindPopup(m.popup).bindTooltip(escapeText(m.name)).addTo(dayLayer);
      L.polygon(m.head, { color: style.color, weight: 1, fillColor: style.color, fillOpacity: 1 }).bindPopup(m.popup).addTo(dayLayer);
    });
    Object.entries(d.hills).forEach(([id, holder]) => {
      const h = D.hills[id];
      const held = holder === "contested" ? `${d.label}: contested` : `${d.label}: held by ${D.sides[holder]}`;
      L.marker(h.at, { icon: icon(D.hillIcons[holder], 18, 18) })
        .bindPopup(h.popup.replace("%HELD%", escapeText(held))).bindTooltip(escapeText(`${h.name}: ${holder}`)).addTo(dayLayer);
      label(h.at, escapeText(h.name), "minor").addTo(dayLayer);
    });
    d.units.forEach((id) => {
      const u = D.units[id];
      L.marker(u.at, { icon: icon(u.icon + `<div class="atlas-label unit minor">${escapeText(u.label)}</div>`, 32, 48) })
        .bindPopup(u.popup).bindTooltip(escapeText(u.name)).addTo(dayLayer);
    });
    d.events.forEach((id, n) => {
      const e = D.events[id];
      L.marker(e.at, { icon: icon(`<div class="atlas-event">${n + 1}</div>`, 26, 26) })
        .bindPopup(e.popup).bindTooltip(escapeText(`${n + 1}. ${e.name}`)).addTo(dayLayer);
    });
    slider.value = String(current);
    slider.setAttribute("aria-valuetext", d.label);
    dayLabel.textContent = d.label;
    panel.innerHTML = d.panel;
    document.querySelectorAll("#chapter-list button").forEach((b, c) => {
      b.classList.toggle("current", D.chapters[c].steps.includes(current));
    });
    if (location.hash.slice(1) !== d.iso) history.replaceState(null, "", "#" + d.iso);
  }

  function play(on) {
    if (timer) { clearInterval(timer); timer = null; }
    if (on) {
      if (current >= D.days.length - 1) show(0);
      timer = setInterval(() => { if (current >= D.days.length - 1) play(false); else show(current + 1); }, 1200);
    }
    playButton.textContent = timer ? "❚❚ Pause" : "▶ Play";
    playButton.setAttribute("aria-pressed", timer ? "true" : "false");
  }

  const list = document.getElementById("chapter-list");
  D.chapters.forEach((c, n) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `${n + 1}. ${c.title}`;
    b.title = c.span;
    b.addEventListener("click", () => {
      play(false);
      show(c.steps[0]);
      map.fitBounds(c.bounds);
      document.getElementById("chapter-points").innerHTML =
        `<h3>${escapeText(c.title)} <span class="muted">${escapeText(c.span)}</span></h3><ul>` +
        c.points.map((p) => `<li>${escapeText(p)}</li>`).join("") + "</ul>";
      document.getElementById("chapter-details").open = true;
    });
    list.appendChild(b);
  });
  document.getElementById("sources").innerHTML = D.sources.map((s) => `<li>${escapeText(s)}</li>`).join("");

  slider.addEventListener("input", () => { play(false); show(Number(slider.value)); });
  document.getElementById("prev").addEventListener("click", () => { play(false); show(current - 1); });
  document.getElementById("next").addEventListener("click", () => { play(false); show(current + 1); });
  playButton.addEventListener("click", () => play(!timer));
  document.addEventListener("keydown", (e) => {
    if (e.target === slider || e.altKey || e.ctrlKey || e.metaKey) return;
    const step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[e.key];
    if (step) { e.preventDefault(); play(false); show(current + step); }
    if (e.key === "Home") { e.preventDefault(); show(0); }
    if (e.key === "End") { e.preventDefault(); show(D.days.length - 1); }
  });

  const start = D.days.findIndex((d) => d.iso === location.hash.slice(1));
  show(start >= 0 ? start : 0);
})();
