/* policykg explorer: sentence search (concordance). A hit opens the document at its sentence;
 * a phrase that is not yet an entity can be added as one (curation, with the API key). */
(function () {
  "use strict";
  const P = () => window.policykg;
  const $ = (id) => document.getElementById(id);
  const config = JSON.parse($("config").textContent);
  Object.keys(config.labels).filter((l) => l !== "Section").forEach((l) => {
    const o = document.createElement("option");
    o.value = o.textContent = l;
    $("sent-label").append(o);
  });
  [...new Set(config.documents.map((d) => d.year).filter((y) => y))].sort().forEach((y) => {
    const o = document.createElement("option");
    o.value = o.textContent = String(y);
    $("sent-year").append(o);
  });

  function addAsEntity(row, phrase) {
    const box = P().el("div", null, "curate");
    const sel = P().el("select");
    ["Program", "Goal", "Body", "Document"].forEach((l) => { const o = P().el("option", l); o.value = l; sel.append(o); });
    const b = P().el("button", "Preview");
    b.type = "button";
    b.className = "add";
    b.addEventListener("click", (ev) => {
      ev.stopPropagation();
      window.policykgCurate.propose(box, "add", { name: phrase, label: sel.value },
                                    () => setTimeout(() => P().focus(`${sel.value}:${phrase}`), 200));
    });
    box.addEventListener("click", (ev) => ev.stopPropagation());
    box.append(P().el("span", `add “${phrase}” as `), sel, b, P().el("div", null, "outcome"));
    row.append(box);
  }

  async function run(offset) {
    const q = $("sent-q").value.trim();
    const out = $("sent-result");
    if (!q) { out.replaceChildren(); $("sent-csv").hidden = true; return; }
    const params = new URLSearchParams({ q, limit: "50", offset: String(offset || 0) });
    if ($("sent-label").value) params.set("label", $("sent-label").value);
    if ($("sent-year").value) params.set("year", $("sent-year").value);
    // patterns of ids or titles, as the diffusion's documents= (the panel could not keep to some documents)
    $("sent-docs").value.split(/[\s,，]+/).filter((p) => p).forEach((p) => params.append("documents", p));
    out.replaceChildren(P().el("p", "searching…", "muted"));
    let r;
    try {
      r = await P().getJSON(`/sentences?${params}`);
    } catch (err) {
      out.replaceChildren(P().el("p", err.message, "error"));
      $("sent-csv").hidden = true;  // it downloaded the previous query's sentences beside this one's refusal
      return;
    }
    const csv = $("sent-csv");
    params.set("format", "csv");
    params.set("limit", "10000");
    params.delete("offset");
    csv.href = `/sentences?${params}`;
    csv.hidden = false;
    const said = /^[“"「《]/.test(r.q) ? r.q : `“${r.q}”`;  // “五星” typed with its marks read ““五星”” (session 55)
    const head = P().el("p", `${r.total} ${r.total === 1 ? "sentence holds" : "sentences hold"} ${said}` +
      (r.total > r.hits.length ? `; ${r.offset + 1}–${r.offset + r.hits.length} shown` : ""), "muted");
    out.replaceChildren(head);
    const page = (label, to) => {
      const b = P().el("button", label);
      b.type = "button";
      b.addEventListener("click", () => run(to));
      head.append(" ", b);
    };
    if (r.offset > 0) page("previous 50", Math.max(0, r.offset - 50));
    if (r.offset + r.hits.length < r.total) page("next 50", r.offset + 50);
    if (!r.total && /\s/.test(q)) head.append(" (the query holds a space; sentences are matched as written, without one)");
    const canCurate = window.policykgCurate && window.policykgCurate.key();
    r.hits.forEach((h) => {
      const row = P().el("div", null, "hit");
      row.dataset.doc = h.doc_id;
      row.dataset.start = String(h.sentence_start);
      const left = P().el("span", null, "left");
      left.append(P().el("bdi", h.left));
      // a phrase inside a longer mention is that entity's (办好20件民生实事: Program:20件民生实事), not "no entity"
      const around = h.mention ? null : (h.entities || []).find((m) => m.start <= h.start && h.end <= m.end);
      row.append(left, P().el("mark", h.match), P().el("span", h.right, "right"),
                 P().el("span", `${P().docName(h.doc_id)} · ${h.section}` +
                   (h.mention ? ` · ${h.mention}` : around ? ` · inside ${around.id}` : " · not an entity here"), "where"));
      const open = () => window.open(`/read/${encodeURIComponent(h.doc_id)}#s-${h.sentence_start}`, "_blank");
      // reachable by keyboard too (a hit was click-only: an explorer walkthrough, session 57)
      row.tabIndex = 0;
      row.setAttribute("role", "link");
      row.addEventListener("click", open);
      row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
      if (!h.mention && !around && canCurate) addAsEntity(row, h.match);
      out.append(row);
    });
  }
  $("sent-form").addEventListener("submit", (ev) => { ev.preventDefault(); run(0); });
})();
