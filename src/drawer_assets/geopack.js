// Lines and areas arrive packed (src/geopack.py): each line or ring a flat list of whole
// numbers, its first point in 10^-4 degree and each next one as the step from the last.
// The drawer unpacks the scene once, as it starts; everything after reads plain GeoJSON.
(function (A) {
  "use strict";
  const SCALE = 10000;
  const DEPTH = { LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2 };

  function points(flat) {
    const out = [];
    let x = 0, y = 0;
    for (let i = 0; i < flat.length; i += 2) {
      x += flat[i];
      y += flat[i + 1];
      out.push([x / SCALE, y / SCALE]);
    }
    return out;
  }
  const walk = (v, depth) => (depth === 0 ? points(v) : v.map((w) => walk(w, depth - 1)));
  const unpack = (g) => (g && g.z ? { type: g.type, coordinates: walk(g.z, DEPTH[g.type]) } : g);

  function unpackScene(scene) {
    if (scene.unpacked) return; // a second drawer on the same scene
    Object.values(scene.features).forEach((f) => { if (f.g) f.g = unpack(f.g); });
    scene.days.forEach((d) => Object.values(d.records).forEach((recs) => recs.forEach((r) => { if (r.g) r.g = unpack(r.g); })));
    scene.unpacked = true;
  }

  A.unpack = unpack;
  A.unpackScene = unpackScene;
})(window.Atlas = window.Atlas || {});
