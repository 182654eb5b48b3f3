/* policykg explorer: the label, type, year, document, depth and cap filters (explore.js draws what they keep). */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("config").textContent);
  const $ = (id) => document.getElementById(id);
  const { el, focus, refresh, labelOn, typeOn } = window.policykg;
  const focusId = () => window.policykg.focusId();

  function checkbox(container, value, on, color, onChange) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = on;
    box.value = value;
    box.addEventListener("change", () => onChange(box.checked));
    const swatch = el("i");
    swatch.style.background = color;
    label.append(box, swatch, document.createTextNode(value));
    container.append(label);
  }
  // Narrowing hides what is drawn; widening asks the server again, which sent only the labels and types ticked then
  // (ticking MENTIONS and Section on a node of no relation drew nothing until the depth was changed).
  function widened(on) {
    if (on && focusId()) focus(focusId(), false);
    else { refresh(); if (focusId()) window.policykg.remember(focusId(), false); }
  }
  Object.entries(config.labels).forEach(([label, style]) =>
    checkbox($("label-filters"), label, labelOn.has(label), style.color, (on) => { on ? labelOn.add(label) : labelOn.delete(label); widened(on); }));
  config.types.forEach((t) =>
    checkbox($("type-filters"), t, typeOn.has(t), config.edgeColors[t] || "#999", (on) => { on ? typeOn.add(t) : typeOn.delete(t); widened(on); }));
  // the year and document filters only hide what is drawn: the address (a bookmark) keeps them all the same
  const kept = () => { refresh(); if (focusId()) window.policykg.remember(focusId(), false); };
  $("year-filter").addEventListener("change", kept);
  $("doc-filter").addEventListener("change", kept);
  // Back and Forward set the label and type filters as the address says (explore.js): the boxes follow
  window.addEventListener("popstate", () => {
    document.querySelectorAll("#label-filters input").forEach((b) => { b.checked = labelOn.has(b.value); });
    document.querySelectorAll("#type-filters input").forEach((b) => { b.checked = typeOn.has(b.value); });
  });
  $("depth").addEventListener("change", () => focusId() && focus(focusId()));
  // a raised cap asks the server again (the cap message's advice did nothing until the depth changed)
  // a cap outside 10-2000 is shown and kept as the one drawn (5 read "cap=5" while 10 were drawn: session 57)
  $("cap").addEventListener("change", () => {
    $("cap").value = String(window.policykg.capValue());
    if (focusId()) focus(focusId(), false);
  });

})();
