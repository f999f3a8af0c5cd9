// The map's controls, each an L.Control: fit the battle, the locator inset, the legend and
// full screen; and the wheel that scrolls the page until the map is clicked.
(function (A) {
  "use strict";

  // A button on the map: a named link with an icon, as Leaflet's own zoom buttons are.
  const Button = L.Control.extend({
    options: { position: "topleft", label: "", css: "", svg: "", onClick: null },
    onAdd() {
      const o = this.options;
      const a = L.DomUtil.create("a", `leaflet-bar atlas-button ${o.css}`);
      a.href = "#";
      a.title = o.label;
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", o.label);
      a.innerHTML = `<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" style="vertical-align:middle">${o.svg}</svg>`;
      L.DomEvent.on(a, "click", (e) => { L.DomEvent.stop(e); o.onClick(); });
      return a;
    },
  });

  const fitButton = (ink, onClick) => new Button({
    label: "Fit the battle in view", css: "atlas-fit", onClick,
    svg: `<rect x="3" y="5" width="12" height="8" fill="none" stroke="${ink}" stroke-width="2"/>`
      + `<path d="M1 1l3 3M17 1l-3 3M1 17l3-3M17 17l-3-3" stroke="${ink}" stroke-width="2"/>`,
  });

  // Where the battle lies in Korea (an SVG the scene carries; left out on narrow maps by CSS).
  const Locator = L.Control.extend({
    options: { position: "topright", svg: "", scale: 1 },
    onAdd() {
      const box = L.DomUtil.create("div", "atlas-locator");
      box.innerHTML = this.options.svg;
      const svg = box.firstElementChild; // as large as the map's type: a projector scales it
      svg.style.width = `${Number(svg.getAttribute("width")) * this.options.scale}px`;
      svg.style.height = "auto";
      return box;
    },
  });

  // The legend lies over the map: opening, closing or scrolling it moves nothing under it
  // (names keep clear of its closed summary only). Open, it stays inside the map, so its
  // summary (the only way to close it) is never cut off above a short map.
  const Legend = L.Control.extend({
    options: { position: "bottomright", html: "" },
    onAdd(map) {
      const box = L.DomUtil.create("details", "atlas-legend-control");
      box.innerHTML = `<summary>Legend</summary>${this.options.html}`;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      const fit = () => {
        const room = box.getBoundingClientRect().bottom - map.getContainer().getBoundingClientRect().top;
        box.style.maxHeight = `${Math.max(48, room - 10)}px`;
      };
      box.addEventListener("toggle", fit);
      map.on("resize", fit);
      return box;
    },
  });

  // Full screen of our own (no plugin to fetch): inside the app it enlarges the map's frame,
  // in the offline file the map itself.
  // `changed(full)`: called as the map enters or leaves full screen.
  function fullscreen(map, ink, fill, changed) {
    const container = map.getContainer();
    let framed = false;
    try { framed = !!(window.frameElement && window.parent.document); } catch (e) { framed = false; }
    const doc = framed ? window.parent.document : document;
    const target = framed ? window.frameElement : container;
    doc.addEventListener("fullscreenchange", () => {
      const full = doc.fullscreenElement === target;
      container.classList.toggle("atlas-full", full);
      if (changed) setTimeout(() => { map.invalidateSize(); changed(full); }, 50); // at the new size
    });
    new Button({
      label: "Full screen (Esc to leave)", css: "atlas-fullscreen",
      svg: `<path d="M1 6V1h5M12 1h5v5M17 12v5h-5M6 17H1v-5" fill="none" stroke="${ink}" stroke-width="2"/>`,
      onClick: () => { if (doc.fullscreenElement) doc.exitFullscreen(); else target.requestFullscreen(); },
    }).addTo(map);
    window.addEventListener("resize", () => {
      if (fill) return;
      if (doc.fullscreenElement) {
        container.dataset.height = container.dataset.height || container.style.height;
        container.style.height = window.innerHeight + "px";
      } else if (container.dataset.height) {
        container.style.height = container.dataset.height;
      }
      map.invalidateSize();
    });
  }

  // The page scrolls over the map; the wheel zooms once the map is clicked, or with Ctrl.
  function wheel(map) {
    const container = map.getContainer();
    map.scrollWheelZoom.disable();
    const hint = L.DomUtil.create("div", "atlas-wheel-hint", container);
    hint.textContent = "Click the map, or hold Ctrl, to zoom with the wheel";
    let timer = null;
    container.addEventListener("wheel", (e) => {
      if (map.scrollWheelZoom.enabled()) return;
      if (e.ctrlKey) {
        e.preventDefault();
        map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + (e.deltaY < 0 ? 1 : -1));
        return;
      }
      hint.classList.add("shown");
      clearTimeout(timer);
      timer = setTimeout(() => hint.classList.remove("shown"), 1500);
    }, { passive: false });
    map.on("click focus", () => map.scrollWheelZoom.enable());
    container.addEventListener("mouseleave", () => map.scrollWheelZoom.disable());
  }

  // On a touch screen one finger scrolls the page past the map and two move and pinch it
  // (as ArcGIS does), so a phone's reader is never trapped in the map; a one-finger swipe
  // says so.
  function touch(map) {
    if (!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches)) return;
    const container = map.getContainer();
    map.dragging.disable();
    container.classList.add("atlas-touch");
    const hint = L.DomUtil.create("div", "atlas-wheel-hint", container);
    hint.textContent = "Use two fingers to move the map";
    let timer = null;
    container.addEventListener("touchmove", (e) => {
      if (e.touches.length !== 1) { hint.classList.remove("shown"); return; }
      hint.classList.add("shown");
      clearTimeout(timer);
      timer = setTimeout(() => hint.classList.remove("shown"), 1500);
    }, { passive: true });
  }

  // What a full-screen map keeps of its page: the title, the chapter, the day and the step,
  // drawn over the map's top (shown in full screen only, drawer.css).
  function context(map) {
    const box = L.DomUtil.create("div", "atlas-context leaflet-control", map.getContainer()); // names keep clear of it
    box.setAttribute("aria-live", "polite");
    return (text) => { box.textContent = text || ""; box.hidden = !text; };
  }

  A.controls = { Button, fitButton, Locator, Legend, fullscreen, wheel, touch, context };
})(window.Atlas = window.Atlas || {});
