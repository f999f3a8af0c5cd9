// Pure geometry in screen pixels: boxes, segments and the sides of a line. No map, no DOM,
// so a bare page tests it in milliseconds (tests/browser/test_drawer_units.py).
// A box is {x, y, w, h}; a point [x, y]; a segment [[x, y], [x, y]].
(function (A) {
  "use strict";

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // Whether the segment from (x1, y1) to (x2, y2) passes through box b (Liang-Barsky).
  function crossesBox(x1, y1, x2, y2, b) {
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

  // Whether segment ab crosses segment cd: a and b strictly either side of cd, and c and d
  // either side of ab or on it. Leaflet's points are whole pixels, so a segment often runs
  // through a vertex of a line exactly, and must not slip between its two segments.
  function cut(a, b, c, d) {
    const side = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
    return side(a, b, c) * side(a, b, d) <= 0 && side(c, d, a) * side(c, d, b) < 0;
  }

  // Whether the segment ab cuts any of the segments (a line as its pieces).
  const cutsAny = (a, b, segments) => segments.some(([c, d]) => cut(a, b, c, d));

  // Whether any of the segments passes through the box.
  const boxOnLine = (box, segments) => segments.some(([p, q]) => crossesBox(p[0], p[1], q[0], q[1], box));

  // The pieces of a polyline, as segments.
  const segmentsOf = (points) => points.slice(1).map((p, n) => [points[n], p]);

  const within = (box, size) => box.x >= 0 && box.y >= 0 && box.x + box.w <= size.x && box.y + box.h <= size.y;
  const inView = (p, size) => p[0] >= 0 && p[1] >= 0 && p[0] <= size.x && p[1] <= size.y;
  const shifted = (box, dx, dy) => ({ x: box.x + dx, y: box.y + dy, w: box.w, h: box.h });
  const centroid = (points) => [
    points.reduce((s, p) => s + p[0], 0) / points.length,
    points.reduce((s, p) => s + p[1], 0) / points.length,
  ];

  A.geometry = { overlaps, crossesBox, cut, cutsAny, boxOnLine, segmentsOf, within, inView, shifted, centroid };
})(window.Atlas = window.Atlas || {});
