// What follows the Streamlit page around the map (the app only; the offline file has its
// own player). The map sits in its own frame inside the app.
(function (A) {
  "use strict";

  // Keys the page listens for (P/N, a clicker's keys) reach it even after the reader has
  // clicked the map.
  function forwardKeys(keys) {
    let doc = null;
    try { doc = window.parent !== window ? window.parent.document : null; } catch (e) { doc = null; }
    if (!doc || !keys.length) return;
    document.addEventListener("keydown", (e) => {
      if (!keys.includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      e.stopPropagation();
      const init = { key: e.key, code: e.code, keyCode: e.keyCode, which: e.which, bubbles: true, cancelable: true };
      doc.dispatchEvent(new KeyboardEvent("keydown", init));
      doc.dispatchEvent(new KeyboardEvent("keyup", init));
    }, true);
  }

  // The map runs ahead of the server: it follows the page's day slider while the reader
  // drags it, and its step buttons and their keys as they are pressed, so the front moves at
  // once; the server's own step then confirms the day (or the map returns to the server's
  // day, see the drawer's preview). `steps`: {buttons: {key: days}, keys: {key: days}}.
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

  // The names in the page's text around the map (the day's panel, a slide's points) fly
  // the map to what they name.
  function followLinks(drawer) {
    let doc = null;
    try { doc = window.parent !== window ? window.parent.document : null; } catch (e) { doc = null; }
    if (doc) drawer.followLinks(doc);
  }

  // A step (a new day, a chapter's next step) replaces the page's entry in the browser's
  // history instead of adding one, so Back leaves the page rather than walking back through
  // addresses the page no longer follows; a move to another page is still an entry of its own.
  function replaceSteps() {
    let win = null;
    try { win = window.parent !== window && window.parent.history ? window.parent : null; } catch (e) { win = null; }
    if (!win || win.history.atlasSteps) return;
    const push = win.history.pushState.bind(win.history);
    win.history.pushState = (state, title, url) => {
      const to = new URL(url, win.location.href);
      return to.pathname === win.location.pathname ? win.history.replaceState(state, title, url) : push(state, title, url);
    };
    win.history.atlasSteps = true;
  }

  A.forwardKeys = forwardKeys;
  A.replaceSteps = replaceSteps;
  A.followLinks = followLinks;
  A.followPage = followPage;
})(window.Atlas = window.Atlas || {});
