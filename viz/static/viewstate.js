/* policykg explorer: the view in the address (?node=…&depth=2&labels=…), so that a bookmark, a reload and Back give
 * the same view with its depth, cap and filters (the address had kept the node alone: a bookmark reopened it at
 * depth 1 with the default filters). Loaded before explore.js, which reads the view from here and writes it back. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("config").textContent);
  const $ = (id) => document.getElementById(id);
  const same = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

  // what an address asks for, each value checked against what the page offers (an unknown label is left out)
  function read(search) {
    const q = new URLSearchParams(search);
    // every box unticked is an empty list (labels=); a list of nothing the page offers is no list (the defaults)
    const list = (key, allowed) => {
      if (!q.has(key)) return null;
      if (q.get(key) === "") return [];
      const kept = q.get(key).split(",").filter((x) => allowed.includes(x));
      return kept.length ? kept : null;
    };
    const depth = parseInt(q.get("depth"), 10);
    const cap = parseInt(q.get("cap"), 10);
    return {
      node: q.get("node"),
      depth: depth >= 1 && depth <= 3 ? String(depth) : null,
      cap: cap >= 10 && cap <= 2000 ? String(cap) : null,
      labels: list("labels", Object.keys(config.labels)),
      types: list("types", config.types),
      year: q.get("year"),
      doc: q.get("doc"),
    };
  }

  // the address of the view on node ``id``: the node, then each control that differs from the page's defaults
  function address(id, labelOn, typeOn) {
    const q = new URLSearchParams({ node: id });
    if ($("depth").value !== "1") q.set("depth", $("depth").value);
    if ($("cap").value !== $("cap").defaultValue) q.set("cap", $("cap").value);
    if (!same([...labelOn], config.defaults.labels)) q.set("labels", [...labelOn].join(","));
    if (!same([...typeOn], config.defaults.types)) q.set("types", [...typeOn].join(","));
    if ($("year-filter").value) q.set("year", $("year-filter").value);
    if ($("doc-filter").value) q.set("doc", $("doc-filter").value);
    ((config.scope || {}).patterns || []).forEach((p) => q.append("documents", p)); // the documents= the page opened with
    return `${window.location.pathname}?${q}`.replaceAll("%2C", ",");
  }

  // a new history entry for a new focus (``push``), else the current entry rewritten (a filter changed)
  function remember(id, push, labelOn, typeOn) {
    const url = address(id, labelOn, typeOn);
    const again = new URLSearchParams(window.location.search).get("node") === id;
    if (push && !again) history.pushState({ node: id }, "", url);
    else history.replaceState({ node: id }, "", url);
  }

  // the controls as an address sets them (the page's start, Back and Forward)
  function apply(v, labelOn, typeOn) {
    $("depth").value = v.depth || "1";
    $("cap").value = v.cap || $("cap").defaultValue;
    for (const [set, list, fallback] of [[labelOn, v.labels, config.defaults.labels], [typeOn, v.types, config.defaults.types]]) {
      set.clear();
      (list || fallback).forEach((x) => set.add(x));
    }
    for (const [id, value] of [["year-filter", v.year], ["doc-filter", v.doc]]) {
      $(id).value = [...$(id).options].some((o) => o.value === value) ? value : "";
    }
  }

  window.policykgView = { read, address, remember, apply };
})();
