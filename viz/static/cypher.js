/* policykg explorer: the read-only Cypher panel (POST /cypher); says when the row cap cut the answer. */
(function () {
  "use strict";
  const P = () => window.policykg;
  const $ = (id) => document.getElementById(id);
  $("cypher-run").addEventListener("click", async () => {
    const out = $("cypher-result");
    out.replaceChildren(P().el("p", "running…", "muted"));
    try {
      const r = await P().getJSON("/cypher", { method: "POST", headers: { "Content-Type": "application/json" },
                                           body: JSON.stringify({ query: $("cypher-query").value, params: {} }) });
      const table = P().el("table");
      const head = P().el("tr");
      r.columns.forEach((c) => head.append(P().el("th", c)));
      table.append(head);
      r.rows.forEach((row) => {
        const tr = P().el("tr");
        row.forEach((v) => tr.append(P().el("td", typeof v === "string" ? v : JSON.stringify(v))));
        table.append(tr);
      });
      const note = r.truncated ? `${r.rows.length} rows shown, more were cut by the row cap (POLICYKG_CYPHER_ROW_CAP): `
        + "add LIMIT or narrow the query" : `${r.rows.length} rows`;
      out.replaceChildren(P().el("p", note, r.truncated ? "error" : "muted"), table);
    } catch (err) {
      out.replaceChildren(P().el("p", err.message, "error"));
    }
  });
})();
