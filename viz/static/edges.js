/* policykg explorer: the panel of a clicked edge, every document that states the fact, with its sentences. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("config").textContent);
  const P = window.policykg;
  const panel = document.getElementById("panel");

  const outlines = {}; // document id -> {section id: section name}, fetched once per document
  async function sectionNames(docId) {
    if (!outlines[docId]) {
      try {
        const doc = await P.getJSON(`/documents/${encodeURIComponent(docId)}`);
        outlines[docId] = Object.fromEntries(doc.outline.map((s) => [s.id, s.name || s.heading || s.id]));
      } catch (err) {
        outlines[docId] = {};
      }
    }
    return outlines[docId];
  }

  // A fact stated by several documents is one edge per document, drawn on one line: a click shows them all (it showed
  // one of seven: an explorer walkthrough, session 51), those the document and year filters keep.
  async function showEdge(id) {
    const e = P.edges.get(id);
    if (!e) return;
    const same = P.edgesView.get({ filter: (x) => x.from === e.from && x.to === e.to && x.relType === e.relType });
    const names = Object.assign({}, ...(await Promise.all(same.map((x) => sectionNames(x.data.doc_id)))));
    P.clearPanel();
    const from = P.nodes.get(e.from);
    const to = P.nodes.get(e.to);
    panel.append(P.el("span", e.relType, "tag"), P.el("h2", `${from ? from.data.name : e.from} → ${to ? to.data.name : e.to}`));
    panel.lastChild.previousSibling.style.background = config.edgeColors[e.relType] || "#777";
    panel.append(P.el("p", same.length > 1 ? `stated by ${same.length} documents` : P.docName(e.data.doc_id), "muted"));
    for (const x of same) {
      const d = x.data;
      const sentences = d.sentences || [];
      panel.append(P.el("h3", (same.length > 1 ? `${P.docName(d.doc_id)}: ` : "") +
                              (sentences.length ? `stated in (${sentences.length})` : "no sentence recorded")));
      sentences.forEach((s, i) => {
        // a MENTIONS edge starts at its section (its section field was empty: an explorer walkthrough, session 57)
        const sec = (d.section_ids || [])[i] || (x.relType === "MENTIONS" ? x.from : "");
        const div = P.sentence(s, null, `${P.docName(d.doc_id)} · ${names[sec] || sec}`);
        const at = (d.starts || [])[i];
        if (at !== undefined) div.lastChild.append(" · ", P.reading(d.doc_id, at));
        panel.append(div);
      });
    }
  }
  P.showEdge = showEdge;
})();
