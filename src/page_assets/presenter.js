// Presenter notes in a second window, kept in step with the lecture: the projected screen
// never shows them. This frame is drawn anew on every step with the position in NOTES_DATA;
// it tells the notes window, over a BroadcastChannel, where the lecture is.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("notes-data").textContent);
  const NAME = "atlas-presenter-notes";
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(NAME) : null;
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

  function page() {
    const chapters = JSON.stringify(D.chapters).replace(/</g, "\\u003c");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Presenter notes · Kumsong 1953</title>
<style>body{font:22px/1.45 system-ui,sans-serif;margin:1.2rem 1.6rem;color:#1A1A1A}h1{font-size:1.5rem;margin:0}
.where{color:#555;margin:.2rem 0 1rem}.notes{font-size:1.35rem;background:#F4F1E8;padding:.8rem 1rem;border-radius:8px}
.next{color:#555;margin-top:1.2rem;font-size:1rem}</style></head><body>
<h1 id="title"></h1><div class="where" id="where"></div><div class="notes" id="notes"></div><div class="next" id="next"></div>
<script>
const C = ${chapters};
const esc = ${esc.toString()};
function show(p) {
  const c = C[p.chapter];
  document.getElementById("title").textContent = c.title;
  document.getElementById("where").textContent = "Chapter " + (p.chapter + 1) + " of " + C.length + " · " + p.day + " · step " + (p.step + 1) + " of " + c.steps;
  document.getElementById("notes").innerHTML = c.notes ? esc(c.notes) : "<i>No notes for this chapter.</i>";
  const n = C[p.chapter + 1];
  document.getElementById("next").textContent = n ? "Next chapter: " + n.title : "Last chapter.";
  document.body.dataset.position = (p.chapter + 1) + "." + (p.step + 1);
}
window.atlasShow = show;
if ("BroadcastChannel" in window) new BroadcastChannel("${NAME}").onmessage = (e) => show(e.data);
</script></body></html>`;
  }

  function tell(win) {
    if (win && !win.closed && win.atlasShow) win.atlasShow(D.position);
    if (channel) channel.postMessage(D.position);
  }

  const button = document.getElementById("open-notes");
  if (button) button.addEventListener("click", () => {
    const win = window.open("", NAME, "width=760,height=720");
    if (!win) return;
    if (!win.atlasShow) { win.document.open(); win.document.write(page()); win.document.close(); }
    tell(win);
  });
  tell(null);  // an open notes window follows every step
})();
