"""The app's map and the offline file draw the same battle: the same features with the
same styles, because both run the same drawer on the same scene."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_frame

pytestmark = pytest.mark.browser

# What a person sees of each drawn thing: its stroke, dashes, width and fill, or its icon.
SIGNATURE = """() => {
  // What the view's size decides is left out: a formation standing for its units, the
  // count on its corner, a nudge's leader and dot, a name on two lines, and which symbols
  // are shown at this scale.
  const drawnAsRecorded = (m) => {
    const c = m.cloneNode(true);
    c.querySelectorAll('.atlas-leader, .atlas-dot, .atlas-badge').forEach((l) => l.remove());
    c.querySelectorAll('.wrap').forEach((l) => l.classList.remove('wrap'));
    return [c.textContent.trim(), c.innerHTML.replace(/ style="[^"]*"/g, '').length].join('|');
  };
  const paths = [...document.querySelectorAll('.leaflet-overlay-pane path')].map((p) =>
    ['path', p.getAttribute('stroke'), p.getAttribute('stroke-dasharray'), p.getAttribute('stroke-width'),
     p.getAttribute('fill')].join('|'));
  const markers = [...document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')]
    .filter((m) => !m.dataset.formation || m.dataset.f)
    .map((m) => ['marker', m.style.width, m.style.height, drawnAsRecorded(m)].join('|'));
  return [...paths, ...markers].sort();
}"""


@pytest.mark.parametrize("day", ["1953-06-10", "1953-07-14", "1953-07-20"])
def test_the_app_and_the_offline_file_draw_the_same_features(page, app_url, exported, day):
    page.goto(f"{app_url}/?date={day}")
    frame = map_frame(page)
    frame.wait_for_function("(d) => document.querySelector('.leaflet-container').dataset.day === d", arg=day)
    in_app = frame.evaluate(SIGNATURE)
    page.goto(f"{exported.as_uri()}#{day}")
    page.wait_for_function("(d) => document.querySelector('.leaflet-container').dataset.day === d", arg=day)
    offline = page.evaluate(SIGNATURE)
    assert len(in_app) > 40
    assert in_app == offline
