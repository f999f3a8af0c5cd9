// The one drawer of the atlas: draws a day's records on a Leaflet map. The app (inside
// streamlit-folium) and the offline file both call it with the same scene, which src/scene.py
// computes: styles, static features, and per day the records of each layer. Days are ISO
// strings; no Date object is ever made, so 1953 stays 1953 in every time zone.
(function () {
  "use strict";
  if (window.AtlasDrawer) return;

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const latlng = ([lon, lat]) => [lat, lon];

  function AtlasDrawer(map, scene, options) {
    const opts = Object.assign({ scale: 1, legend: null, fullscreen: true }, options || {});
    const k = opts.scale;
    const S = scene.styles;
    const F = scene.features;
    const byIso = {};
    scene.days.forEach((d, i) => { byIso[d.iso] = i; });
    const container = map.getContainer();
    container.style.setProperty("--atlas-scale", String(k));
    const markZoom = () => { container.dataset.zoom = String(Math.round(map.getZoom())); };
    map.on("zoomend", markZoom);
    markZoom();

    const group = L.layerGroup().addTo(map);
    let shownKey = null;
    let current = { iso: scene.days[0].iso, layers: scene.order.slice(), lang: "en" };

    const scaled = (style) => Object.assign({}, style, { weight: (style.weight === undefined ? 1 : style.weight) * k });
    const name = (f, lang) => (f && (f.name[lang] || f.name.en)) || "";

    function icon(html, w, h, anchor) {
      return L.divIcon({ className: "atlas-divicon", html, iconSize: [w, h], iconAnchor: anchor || [w / 2, h / 2] });
    }

    function label(at, text, css) {
      return L.marker(at, {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: "atlas-divicon", html: `<div class="atlas-label ${css}">${esc(text)}</div>`, iconSize: [0, 0], iconAnchor: scene.labelOffset }),
      });
    }

    function headOf(f) {
      // The arrowhead is stored at scale 1 around its tip; a projector scales it about the tip.
      const ring = f.head.coordinates[0];
      const [tx, ty] = ring[0];
      return ring.map(([x, y]) => [ty + (y - ty) * k, tx + (x - tx) * k]);
    }

    function build(rec, lang) {
      const f = rec.f ? F[rec.f] : null;
      const st = S[rec.s];
      if (!st || (rec.f && !f)) return [];
      const g = rec.g || f.g;
      const title = (rec.n ? rec.n + ". " : "") + name(f, lang);
      const popup = rec.p || `<h4>${esc(title)}</h4>` + (rec.line ? `<div>${esc(rec.line)}</div>` : "") + f.popup;
      const tip = rec.tip || title + (rec.tipx || "");
      const out = [];
      let layer;
      if (st.path && g.type === "LineString") {
        layer = L.polyline(g.coordinates.map(latlng), scaled(st.path));
      } else if (st.path) {
        layer = L.geoJSON(g, { style: () => scaled(st.path) });
      } else if (st.circle) {
        layer = L.circleMarker(latlng(g.coordinates), Object.assign(scaled(st.circle), { radius: st.circle.radius * k }));
      } else if (st.event) {
        const px = Math.round(st.event * k);
        layer = L.marker(latlng(g.coordinates), { icon: icon(`<div class="atlas-event">${rec.n}</div>`, px, px), title: tip, alt: tip });
      } else if (st.icon) {
        const [w, h] = st.box.map((n) => Math.round(n * k));
        let html = `<div class="atlas-sym" style="width:${w}px;height:${h}px">${st.icon}</div>`;
        let boxH = h;
        if (st.unit) {
          const lh = Math.round(scene.unitLabelPx * k);
          html += `<div class="atlas-label unit minor" style="width:${w}px;line-height:${lh}px">${esc(f.short)}</div>`;
          boxH += lh;
        }
        layer = L.marker(latlng(g.coordinates), { icon: icon(html, w, boxH, [w / 2, h / 2]), title: tip, alt: tip });
      }
      if (!layer) return [];
      layer.bindPopup(popup, { maxWidth: 360 }).bindTooltip(esc(tip));
      out.push(layer);
      if (st.head && f && f.head) {
        out.push(L.polygon(headOf(f), scaled(st.head)).bindPopup(popup, { maxWidth: 360 }).bindTooltip(esc(tip)));
      }
      if (f && f.label) {
        out.push(label(f.labelAt ? latlng(f.labelAt) : latlng(g.coordinates), name(f, lang), f.label));
      }
      return out;
    }

    function show(iso, layers, lang) {
      const i = byIso[iso];
      if (i === undefined) return false;
      current = { iso, layers: layers || current.layers, lang: lang || current.lang };
      const key = [current.iso, current.layers.join(","), current.lang].join("|");
      if (key === shownKey) return true;
      shownKey = key;
      group.clearLayers();
      const day = scene.days[i];
      scene.order.forEach((layerKey) => {
        if (!current.layers.includes(layerKey)) return;
        (day.records[layerKey] || []).forEach((rec) => build(rec, current.lang).forEach((l) => l.addTo(group)));
      });
      container.dataset.day = iso;
      return true;
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
      const Button = L.Control.extend({
        options: { position: "topleft" },
        onAdd() {
          const a = L.DomUtil.create("a", "leaflet-bar atlas-fullscreen");
          a.href = "#";
          a.title = "Full screen (Esc to leave)";
          a.setAttribute("role", "button");
          a.setAttribute("aria-label", "Full screen");
          a.innerHTML = '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" style="vertical-align:middle">' +
            '<path d="M1 6V1h5M12 1h5v5M17 12v5h-5M6 17H1v-5" fill="none" stroke="#1A1A1A" stroke-width="2"/></svg>';
          L.DomEvent.on(a, "click", (e) => {
            L.DomEvent.stop(e);
            if (doc.fullscreenElement) doc.exitFullscreen(); else target.requestFullscreen();
          });
          return a;
        },
      });
      window.addEventListener("resize", () => {
        if (doc.fullscreenElement) {
          container.dataset.height = container.dataset.height || container.style.height;
          container.style.height = window.innerHeight + "px";
        } else if (container.dataset.height) {
          container.style.height = container.dataset.height;
        }
        map.invalidateSize();
      });
      new Button().addTo(map);
    }

    return { show, days: scene.days, get current() { return current; } };
  }

  // Inside the app the map follows the day slider of the page while it is dragged, so the
  // front moves day by day as the reader scrubs; the server's own step then confirms it.
  function followSlider(drawer) {
    let doc;
    try { doc = window.parent.document; } catch (e) { return; }
    if (!doc || doc === document) return;
    const byLabel = {};
    drawer.days.forEach((d) => { byLabel[d.label] = d.iso; });
    const read = () => {
      const thumb = doc.querySelector('[data-testid="stSlider"] input[type=range], [data-testid="stSlider"] [role="slider"]');
      const iso = thumb && byLabel[thumb.getAttribute("aria-valuetext")];
      if (iso && iso !== drawer.current.iso) drawer.show(iso);
    };
    new MutationObserver(read).observe(doc.body, { subtree: true, attributes: true, attributeFilter: ["aria-valuetext", "aria-valuenow"] });
  }

  window.AtlasDrawer = AtlasDrawer;
  window.AtlasDrawer.followSlider = followSlider;
})();
