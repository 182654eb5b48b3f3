/* policykg explorer: what the page's scripts share: its configuration, elements and links built with textContent,
 * the loaded documents' names, and JSON requests whose errors read as sentences. Loaded before every other script. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("config").textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  function link(href, text) {
    const a = el("a", text);
    a.href = href;
    return a;
  }
  const docs = Object.fromEntries(config.documents.map((d) => [d.id, d])); // kept up to date by explore.js
  // title (year, place or level): the place or level where the title does not say it, as two reports of 2025 titled
  // 政府工作报告, the national one and 湖南's, were listed alike (a walkthrough, session 67)
  const docName = (id) => {
    const d = docs[id];
    if (!d) return id;
    const title = d.title || d.id;
    const where = d.place || d.level;
    const said = [d.year, where && !title.includes(where) ? where : null].filter((x) => x);
    return title + (said.length ? ` (${said.join(", ")})` : "");
  };

  // FastAPI's 422 detail is a list of {loc, msg, …}: say which field and why, not the JSON
  function errorText(detail, status) {
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail.map((d) => `${(d.loc || []).filter((x) => x !== "query" && x !== "body").join(".") || "input"}: ${d.msg}`)
        .join("; ");
    }
    return `the server answered ${status}`;
  }
  // the answer and the address that gave it, after redirects (a name or an old id redirects to the entity's id).
  // An error is thrown with its status; a 300 (a name several entities have or write) with the entities it names,
  // `candidates` [{id, label, name, documents, address}], for the panel to offer (panel.js); a 404 with the entities
  // like the name or id asked, `suggestions` [{id, label, name, documents}]
  async function getJSONAt(url, options) {
    const r = await fetch(url, options);
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      const err = new Error(errorText(body.detail, r.status));
      err.status = r.status;
      if (r.status === 300 && Array.isArray(body.candidates)) err.candidates = body.candidates;
      if (r.status === 404 && Array.isArray(body.suggestions)) err.suggestions = body.suggestions;  // names like it
      throw err;
    }
    return { body, url: r.url };
  }
  async function getJSON(url, options) {
    return (await getJSONAt(url, options)).body;
  }

  window.policykgCommon = { config, $, el, link, docs, docName, errorText, getJSON, getJSONAt };
})();
