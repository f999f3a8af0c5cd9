// The lecture's clicker bridge. Presentation clickers send PageDown / PageUp; Streamlit
// buttons take one shortcut each (the arrows), so this listener turns the clicker keys into
// clicks on the same buttons, found by their stable keys (never by their labels). It acts
// only on the lecture page and never while the reader is typing.
(function () {
  const doc = window.parent.document;
  if (doc.__atlasClicker) return;
  doc.__atlasClicker = true;
  const BUTTONS = { PageDown: "nav_next", PageUp: "nav_back" };
  doc.addEventListener("keydown", function (event) {
    if (!window.parent.location.pathname.toLowerCase().includes("lecture")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
    const key = BUTTONS[event.key];
    const button = key && doc.querySelector(`.st-key-${key} button`);
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
})();
