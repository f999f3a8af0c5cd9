"""Projector styling and the clicker bridge of the lecture page."""

from __future__ import annotations

# Map height in pixels for each projector resolution (the rest holds the title and buttons).
SCREENS = {"1280×720": 430, "1920×1080": 720}

PROJECTOR_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer,
[data-testid="stSidebarCollapsedControl"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.2rem 0 1.2rem; max-width: 100%; }
h1 { font-size: 2.3rem !important; padding: 0 0 0.2rem 0 !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.2rem; line-height: 1.4; }
[data-testid="stCaptionContainer"] { font-size: 1rem; }
button p { font-size: 1.15rem !important; font-weight: 600; }
</style>
"""

# Presentation clickers send PageDown / PageUp. Streamlit buttons take one shortcut each
# (the arrows), so this listener on the page turns the clicker keys into clicks on the
# same buttons. It acts only on the lecture page and never while typing.
CLICKER_JS = """
<script>
(function () {
  const doc = window.parent.document;
  if (doc.__atlasClicker) return;
  doc.__atlasClicker = true;
  doc.addEventListener("keydown", function (event) {
    if (!window.parent.location.pathname.toLowerCase().includes("lecture")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
    const wanted = {PageDown: "Next", PageUp: "Back"}[event.key];
    if (!wanted) return;
    const button = Array.from(doc.querySelectorAll("button")).find(b => b.innerText.includes(wanted));
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
})();
</script>
"""
