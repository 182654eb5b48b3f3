/* policykg explorer: the graph: focus, expand, filter, the address and the documents (the side panel: panel.js;
 * shared helpers: common.js; edges, filters, search, curation, sentences and Cypher: their own scripts).
 * Every name and sentence reaches the page through textContent (never innerHTML);
 * vis-network draws labels on a canvas; a cut label's hover title is an element built with textContent. */
(function () {
  "use strict";
  const { config, $, el, link, docs, docName, getJSON, getJSONAt } = window.policykgCommon; // common.js
  const Panel = window.policykgPanel; // panel.js: the side panel of a node
  const { showNode, showError, outcome, clearPanel, sentence, reading } = Panel;
  const short = (s) => (s.length > 22 ? s.slice(0, 21) + "…" : s);

  // ------------------------------------------------------------ graph state
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const asked = window.policykgView.read(window.location.search); // the view a bookmark asks for (viewstate.js)
  const labelOn = new Set(asked.labels || config.defaults.labels);
  const typeOn = new Set(asked.types || config.defaults.types);
  let kept = null; // node ids incident to an edge that passes the document/year filter (null: no such filter)
  // the documents= of the address (patterns as the API reads them, matched by the server: config.scope), kept from
  // the page that linked here (a 404's or a 300's "explore" link had dropped the documents its route was asked for)
  const scope = config.scope ? new Set(config.scope.ids) : null;
  const docOk = (docId) => {
    const doc = $("doc-filter").value;
    const year = $("year-filter").value;
    if (scope && !scope.has(docId)) return false;
    if (doc && docId !== doc) return false;
    if (year && String((docs[docId] || {}).year) !== year) return false;
    return true;
  };
  // the focused node is drawn whatever its label's box says (a focus on an unticked label showed vis-network's
  // "Node with id … not found": an explorer walkthrough, session 51)
  const shownLabel = (id) => id === focusId || labelOn.has(nodeLabel(id));
  const edgesView = new vis.DataView(edges, {
    filter: (e) => typeOn.has(e.relType) && docOk(e.docId) && shownLabel(e.from) && shownLabel(e.to),
  });
  const nodesView = new vis.DataView(nodes, {
    filter: (n) => (labelOn.has(n.group) || n.id === focusId) && (kept === null || kept.has(n.id) || n.id === focusId),
  });
  function nodeLabel(id) {
    const n = nodes.get(id);
    return n ? n.group : "";
  }
  let focusId = null;
  let startView = null; // the panel as the page opens: its hint and starters, shown again by reset()

  const network = new vis.Network($("graph"), { nodes: nodesView, edges: edgesView }, {
    interaction: { hover: true },
    physics: { stabilization: { iterations: 120 }, barnesHut: { springLength: 130 } },
    edges: { font: { size: 10, align: "middle" }, smooth: false, arrows: "to" },
    nodes: { font: { size: 14, face: "Noto Sans CJK SC, Microsoft YaHei, sans-serif" } },
  });

  // The layout runs until it settles, which a graph of hundreds of nodes never did (an explorer walkthrough, session 57:
  // still moving after four minutes at a cap of 2,000, the suggestions 8-15 s late all the while): it stops when it
  // settles or after a time that grows with the graph, at most 15 s, and starts again when nodes are added.
  // A new focus is fitted to the screen once it stops; an expansion keeps the user's zoom (it jumped out: session 57).
  let settleTimer = null;
  let fitWhenStill = false;
  const still = () => {
    clearTimeout(settleTimer);
    network.setOptions({ physics: { enabled: false } });
    if (fitWhenStill) { fitWhenStill = false; network.fit(); }
  };
  network.on("stabilized", still);
  function settle() {
    network.setOptions({ physics: { enabled: true } });
    clearTimeout(settleTimer);
    settleTimer = setTimeout(still, Math.min(15000, 3000 + 10 * nodes.length));
  }

  function refresh() {
    const filtered = scope || $("doc-filter").value || $("year-filter").value;
    if (filtered) {
      kept = new Set();
      edges.forEach((e) => { if (docOk(e.docId) && typeOn.has(e.relType)) { kept.add(e.from); kept.add(e.to); } });
    } else {
      kept = null;
    }
    nodesView.refresh();
    edgesView.refresh();
    status();
  }

  let capMessage = "";
  // what the latest focus came to when nothing was drawn: the focus asked for, or the server's refusal of it (a name
  // of several entities, none), said in place of the counts ("0 nodes, 0 edges shown": session 71)
  let focusNote = null; // {text, warn}
  // what the filters leave unsaid (an explorer walkthrough, session 57): nodes no shown edge joins, and a year or
  // document filter kept from an earlier focus
  function status() {
    const s = $("status");
    s.title = "";
    if (focusId === null && !nodes.length) {  // before any focus (and after Back to it): what to do first
      [s.textContent, s.title] = startLine();
      s.className = "";
      return;
    }
    if (focusNote) {
      s.textContent = focusNote.text;
      s.className = focusNote.warn ? "warn refused" : "";
      return;
    }
    const linked = new Set(edgesView.get().flatMap((e) => [e.from, e.to]));
    const alone = nodesView.getIds().filter((id) => id !== focusId && !linked.has(id)).length;
    const by = [scope && scopeText(), $("year-filter").value && `year ${$("year-filter").value}`,
                $("doc-filter").value && docName($("doc-filter").value)];
    s.textContent = `${nodesView.length} nodes, ${edgesView.length} edges shown` +
      (alone ? ` · ${alone} joined by no edge shown (the labels or types between them are unticked)` : "") +
      (by.some((x) => x) ? ` · only ${by.filter((x) => x).join(", ")}` : "") + (capMessage ? ` · ${capMessage}` : "");
    s.className = capMessage ? "warn" : "";
  }

  // The status of a page drawing nothing yet: what the store holds and where to start, in place of "0 nodes, 0 edges
  // shown" (session 71), and its count by label as the hover title.  [text, title]
  function startLine() {
    const held = Object.entries(config.entities || {}).filter(([, n]) => n);
    const total = held.reduce((sum, [, n]) => sum + n, 0);
    const loaded = config.documents.length;
    if (!loaded) return ["no document is loaded: policykg load FOLDER loads some, and this page then offers their entities", ""];
    return [`${total.toLocaleString()} entities in ${loaded.toLocaleString()} document${loaded === 1 ? "" : "s"}: ` +
            "type a name in the search box, or pick one of the most documented in the side panel",
            held.map(([label, n]) => `${label} ${n.toLocaleString()}`).join(" · ")];
  }

  const capValue = () => Math.max(10, Math.min(2000, parseInt($("cap").value, 10) || 150));
  // nodes and edges added in one call each: one add per item redrew the views each time (2,000 nodes took 30 s to
  // draw, the answer 68 ms to come: an explorer walkthrough, session 51)
  function addSubgraph(sg, centre) {
    const cap = capValue();
    const newNodes = [];
    const have = new Set(nodes.getIds());
    let skipped = 0;
    for (const n of sg.nodes) {
      if (have.has(n.id)) continue;
      if (have.size >= cap) { skipped++; continue; }
      const style = config.labels[n.label] || { color: "#9e9e9e", shape: "dot" };
      const name = String(n.name || n.id);
      // a cut label's whole name on hover, as an element built with textContent (no HTML from the data)
      newNodes.push({ id: n.id, label: short(name), title: name.length > 22 ? el("div", name) : undefined, group: n.label,
                      color: style.color, shape: style.shape, size: n.id === centre ? 26 : 14, data: n });
      have.add(n.id);
    }
    nodes.add(newNodes);
    if (newNodes.length) settle();
    const newEdges = [];
    const seen = new Set(edges.getIds());
    for (const e of sg.edges) {
      const id = [e.source, e.type, e.doc_id || "", e.target].join("|");
      if (seen.has(id) || !have.has(e.source) || !have.has(e.target)) continue;
      seen.add(id);
      newEdges.push({ id, from: e.source, to: e.target, label: e.type, relType: e.type, docId: e.doc_id || "",
                      color: { color: config.edgeColors[e.type] || "#9e9e9e" }, data: e });
    }
    edges.add(newEdges);
    capMessage = skipped || sg.truncated
      ? `node cap of ${cap} reached: ${skipped || "some"} more not shown (raise “max nodes” or narrow the filters)` : "";
    refresh();
    return newNodes.length;
  }

  // the node id of a /nodes/{id}/neighbourhood address
  function neighbourhoodId(url) {
    const m = new URL(url, window.location.href).pathname.match(/^\/nodes\/(.+)\/neighbourhood$/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function neighbourhoodURL(id, depth) {
    const q = new URLSearchParams({ depth: String(depth), limit: String(capValue()) });
    // every box of a kind unticked: the server refuses labels= (a reload answered 422: session 57), so ask for all and
    // let the filters hide them
    if (labelOn.size) q.set("labels", [...labelOn].join(","));
    if (typeOn.size) q.set("types", [...typeOn].join(","));
    return `/nodes/${encodeURIComponent(id)}/neighbourhood?${q}`;
  }

  // Each focus is a history entry (?node=…&depth=…: viewstate.js), so Back, Reload and a bookmark give the same view.
  const remember = (id, push) => window.policykgView.remember(id, push, labelOn, typeOn);
  const applyView = (v) => window.policykgView.apply(v, labelOn, typeOn);
  window.addEventListener("popstate", () => {
    const v = window.policykgView.read(window.location.search);
    applyView(v);
    if (v.node) focus(v.node, false);
    else reset();
  });
  // no focus: an empty graph and panel (Back to the page's start; the focus rejected by curation)
  function reset() {
    focusId = null;
    focusNote = null;
    nodes.clear();
    edges.clear();
    if (startView) $("panel").replaceChildren(...startView); // the search hint and the starters (Back had left a blank page)
    else clearPanel();
    capMessage = "";
    status();
  }

  // an answer to a focus or an expansion asked before the latest focus is dropped (it had been drawn into the new
  // focus's graph: an explorer walkthrough, session 57)
  let focusSeq = 0;
  async function focus(id, push = true) {
    remember(id, push);
    focusId = id;
    nodes.clear();
    edges.clear();
    const seq = ++focusSeq;
    focusNote = { text: `opening ${id}…`, warn: false };
    status();
    try {
      const answer = await getJSONAt(neighbourhoodURL(id, parseInt($("depth").value, 10)));
      if (seq !== focusSeq) return;
      const sg = answer.body;
      focusNote = null;
      // asked by a name, a variant spelling or an old id (乡村振兴战略 of Goal:乡村振兴), the server answered for the
      // entity's id: focus that one, and say so in the address (a walkthrough, session 45: the panel showed
      // "Node with id … not found")
      const moved = neighbourhoodId(answer.url);
      if (moved && moved !== id) {
        id = moved;
        focusId = id;
        remember(id, false);
      }
      addSubgraph(sg, id);
      if (sg.nodes.length === 1) {
        // the labels unticked may be what hides them (Goal:乡村振兴 with Goal alone: session 57)
        capMessage = "no relations with the labels and types ticked: tick more labels, or tick MENTIONS and Section to see " +
          "where it is mentioned";
        status();
      }
      fitWhenStill = true;
      network.selectNodes([id]);
      showNode(id);
    } catch (err) {
      if (seq !== focusSeq) return;
      focusNote = { text: outcome(err, id), warn: true };
      status();
      showError(err, id);
    }
  }

  async function expand(id) {
    const seq = focusSeq;
    try {
      const sg = await getJSON(neighbourhoodURL(id, 1));
      if (seq === focusSeq) addSubgraph(sg, focusId);
    } catch (err) {
      if (seq === focusSeq) showError(err, id);
    }
  }

  // ------------------------------------------------------------ side panel (panel.js)
  // a node's export link asks for its neighbourhood as this page asks for one: the depth, labels and types chosen
  Panel.exportScope(() => ({ depth: parseInt($("depth").value, 10), labels: [...labelOn], types: [...typeOn] }));
  Panel.chooseWith((id) => focus(id)); // an entity chosen among those a name names (300) opens as from the search

  let clickTimer = null;
  network.on("click", (p) => {
    if (p.nodes.length) {
      const id = p.nodes[0];
      showNode(id);
      clearTimeout(clickTimer);
      clickTimer = setTimeout(() => expand(id), 300);
    } else if (p.edges.length) {
      window.policykg.showEdge(p.edges[0]); // edges.js
    }
  });
  network.on("doubleClick", (p) => {
    clearTimeout(clickTimer);
    if (p.nodes.length) focus(p.nodes[0]);
  });

  // the documents= in force, said in the status line and under the document filter, with the way to all documents
  function scopeText() {
    const n = config.scope.ids.length;
    return `documents=${config.scope.patterns.join(" ")} (${n} document${n === 1 ? "" : "s"})`;
  }
  if (scope) {
    const p = el("p", config.scope.error ? `${config.scope.error} · ` : `only ${scopeText()} · `, config.scope.error ? "hint warn scope" : "hint scope");
    const all = link("#", "all documents");
    all.addEventListener("click", (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams(window.location.search);
      q.delete("documents");
      window.location.search = q.toString();
    });
    p.append(all);
    $("doc-filter").closest("fieldset").append(p);
  }

  // ------------------------------------------------------------ documents (the filters: filters.js)
  // The document and year filters follow loads made while the page is open (checked when it is shown again);
  // a page opened on an empty store reloads itself once documents exist, for its starters.
  function setDocuments(list) {
    Object.keys(docs).forEach((k) => delete docs[k]);
    list.forEach((d) => { docs[d.id] = d; });
    const years = [...new Set(list.map((d) => d.year).filter((y) => y))].sort().map((y) => [String(y), y]);
    for (const [id, values] of [["year-filter", years], ["doc-filter", list.map((d) => [d.id, docName(d.id)])]]) {
      const sel = $(id);
      const keep = sel.value;
      sel.replaceChildren(sel.options[0]); // "all …"
      values.forEach(([v, text]) => { const o = el("option", text); o.value = v; sel.append(o); });
      sel.value = values.some(([v]) => v === keep) ? keep : "";
    }
  }
  setDocuments(config.documents);
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) return;
    getJSON("/documents").then((list) => {
      if (!config.documents.length && list.length) window.location.reload();
      else if (list.length !== Object.keys(docs).length || list.some((d) => !docs[d.id])) { setDocuments(list); refresh(); }
    }).catch(() => {});
  });
  // ------------------------------------------------------------ start
  const starters = $("starters");
  config.starters.forEach((s) => {
    const li = el("li");
    const a = link(`?node=${encodeURIComponent(s.id)}`, s.name);
    a.addEventListener("click", (ev) => { ev.preventDefault(); focus(s.id); });
    li.append(el("span", s.label + " ", "muted"), a, el("span", ` · ${s.doc_count} doc.`, "muted"));
    starters.append(li);
  });
  startView = [...$("panel").childNodes];
  applyView(asked);
  if (asked.node) focus(asked.node, false);
  status();
  window.policykg = { network, nodes, edges, nodesView, edgesView, focus, expand, showNode, el, getJSON, docName, sentence, reading,
                      focusId: () => focusId, clearPanel, status, reset, labelOn, typeOn, refresh, remember,
                      documents: () => Object.values(docs), capValue };
})();
