// The offline player: the time controls, the chapters and the day panel around the atlas's
// one drawer (src/drawer_assets, the same code the app's map runs). Days are indexes into a list of
// ISO dates with ready-made labels; no Date object is ever made, so 1953 stays 1953.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("atlas-data").textContent);
  const map = L.map("map", { zoomSnap: 0.5 }).setView(D.centre, D.zoom);
  L.control.scale().addTo(map);
  const drawer = Atlas.drawer(map, D.scene, { legend: D.legend });
  const days = D.scene.days;
  const escapeText = Atlas.esc;

  const slider = document.getElementById("day");
  const dayLabel = document.getElementById("day-label");
  const panel = document.getElementById("panel");
  const playButton = document.getElementById("play");
  slider.max = String(days.length - 1);
  let current = 0;
  let timer = null;

  function show(i) {
    current = Math.max(0, Math.min(days.length - 1, i));
    const d = days[current];
    drawer.show(d.iso, D.layers, "en");
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
      if (current >= days.length - 1) show(0);
      timer = setInterval(() => { if (current >= days.length - 1) play(false); else show(current + 1); }, 1200);
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
        c.points.map((p) => `<li>${escapeText(p)}</li>`).join("") + "</ul>" +
        c.accounts.map(([whose, said, source]) =>
          `<p><b>${escapeText(whose)}:</b> ${escapeText(said)} <span class="muted">(${escapeText(source)})</span></p>`).join("");
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
    if (e.target && e.target.tagName === "BUTTON" && (e.key === " " || e.key === "Enter")) return;
    const step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[e.key];
    if (step) { e.preventDefault(); play(false); show(current + step); }
    if (e.key === "Home") { e.preventDefault(); show(0); }
    if (e.key === "End") { e.preventDefault(); show(days.length - 1); }
    if (e.key === " ") { e.preventDefault(); play(!timer); }
  });
  window.addEventListener("hashchange", () => {
    const i = days.findIndex((d) => d.iso === location.hash.slice(1));
    if (i >= 0 && i !== current) show(i);
  });

  const start = days.findIndex((d) => d.iso === location.hash.slice(1));
  show(start >= 0 ? start : 0);
})();
