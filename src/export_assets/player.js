// The offline player: the time controls, the chapters and the day panel around the atlas's
// one drawer (src/drawer_assets, the same code the app's map runs). Days are indexes into a list of
// ISO dates with ready-made labels; no Date object is ever made, so 1953 stays 1953.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("atlas-data").textContent);
  const map = L.map("map", { zoomSnap: 0.5 }).setView(D.centre, D.zoom);
  L.control.scale().addTo(map);
  const drawer = Atlas.drawer(map, D.scene, { legend: D.legend });
  drawer.followLinks(document); // the names in the day's panel fly the map to what they name
  const days = D.scene.days;
  const escapeText = Atlas.esc;

  const slider = document.getElementById("day");
  const dayLabel = document.getElementById("day-label");
  const panel = document.getElementById("panel");
  const playButton = document.getElementById("play");
  slider.max = String(days.length - 1);
  let current = 0;
  let timer = null;

  // Where a lecture is: a chapter and the step inside it (its steps are days), or null when
  // the reader walks the days. The address says it, so a hall's link opens the same slide:
  // #chapter=4&step=2 (1-based, as the Lecture's links), or #1953-07-14.
  let lecture = null;

  function address() {
    const d = days[current].iso;
    return lecture ? `chapter=${lecture.chapter + 1}&step=${lecture.step + 1}` : d;
  }

  function show(i) {
    current = Math.max(0, Math.min(days.length - 1, i));
    const d = days[current];
    if (lecture && D.chapters[lecture.chapter].steps[lecture.step] !== current) lecture = null;
    drawer.show(d.iso, D.layers, "en");
    const c = lecture && D.chapters[lecture.chapter]; // kept over the map in full screen
    drawer.context(c ? `${c.title} · chapter ${lecture.chapter + 1} of ${D.chapters.length} · ${d.label}`
      + ` · step ${lecture.step + 1} of ${c.steps.length}` : `${document.querySelector("h1").textContent} · ${d.label}`);
    slider.value = String(current);
    slider.setAttribute("aria-valuetext", d.label);
    dayLabel.textContent = d.label;
    panel.innerHTML = d.panel;
    document.querySelectorAll("#chapter-list button").forEach((b, c) => {
      b.classList.toggle("current", lecture ? lecture.chapter === c : D.chapters[c].steps.includes(current));
    });
    if (location.hash.slice(1) !== address()) history.replaceState(null, "", "#" + address());
  }

  // A chapter's step, as the Lecture shows it: the chapter's ground, its points, that day.
  function openStep(chapter, step) {
    const c = D.chapters[chapter];
    const turned = !lecture || lecture.chapter !== chapter;
    lecture = { chapter, step };
    if (turned) {
      map.fitBounds(c.bounds);
      document.getElementById("chapter-points").innerHTML =
        `<h3>${escapeText(c.title)} <span class="muted">${escapeText(c.span)}</span></h3><ul>` +
        c.points.map((p) => `<li>${escapeText(p)}</li>`).join("") + "</ul>" +
        c.accounts.map(([whose, said, source]) =>
          `<p><b>${escapeText(whose)}:</b> ${escapeText(said)} <span class="muted">(${escapeText(source)})</span></p>`).join("");
      document.getElementById("chapter-details").open = true;
    }
    show(c.steps[step]);
  }

  // PageDown / PageUp (a clicker's keys) step through the chapters as the Lecture does,
  // from the chapter of the day in view when no chapter is open.
  function stepLecture(by) {
    let at = lecture;
    if (!at) {
      const c = Math.max(0, D.chapters.findIndex((ch) => ch.steps.includes(current) || ch.steps[0] > current));
      const s = D.chapters[c].steps.indexOf(current);
      if (s >= 0) at = { chapter: c, step: s };
      else { openStep(c, 0); return; }
    }
    let { chapter, step } = at;
    step += by;
    if (step < 0) { if (chapter === 0) step = 0; else { chapter -= 1; step = D.chapters[chapter].steps.length - 1; } }
    if (step >= D.chapters[chapter].steps.length) {
      if (chapter === D.chapters.length - 1) step -= 1; else { chapter += 1; step = 0; }
    }
    openStep(chapter, step);
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
    b.addEventListener("click", () => { play(false); lecture = null; openStep(n, 0); });
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
    const day = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    const step = { PageDown: 1, PageUp: -1 }[e.key];
    if (day || step || e.key === "Home" || e.key === "End") { e.preventDefault(); play(false); }
    if (day) show(current + day);
    if (step) stepLecture(step);
    if (e.key === "Home") show(0);
    if (e.key === "End") show(days.length - 1);
    if (e.key === " ") { e.preventDefault(); play(!timer); }
  });

  // The address opens a chapter's step or a day; anything else opens the first day.
  function follow() {
    const hash = location.hash.slice(1);
    const m = /^chapter=(\d{1,2})&step=(\d{1,3})$/.exec(hash);
    const c = m ? Number(m[1]) - 1 : -1;
    if (c >= 0 && c < D.chapters.length) {
      const s = Math.min(Math.max(Number(m[2]) - 1, 0), D.chapters[c].steps.length - 1);
      if (!lecture || lecture.chapter !== c || lecture.step !== s) openStep(c, s);
      return;
    }
    const i = Math.max(0, days.findIndex((d) => d.iso === hash));
    if (i !== current || lecture) { lecture = null; show(i); }
  }
  window.addEventListener("hashchange", follow);
  current = -1;
  follow();
})();
