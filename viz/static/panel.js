/* policykg explorer: the side panel of a node: its label and name, links (JSON, view, diffusion or its text), the
 * download of its neighbourhood in every export format, aliases, the documents using each form (a page at a time) and
 * the sentences behind it.  Every name and sentence reaches the page through textContent (never innerHTML). */
(function () {
  "use strict";
  const { config, $, el, link, docName, getJSON } = window.policykgCommon;
  const panel = $("panel");

  function clearPanel() { panel.replaceChildren(); }
  // The name in what was asked, as the server reads it (民族团结进步 of Program:民族团结进步 too), and whether an id
  // (a label before it) was asked.
  const bare = (asked) => String(asked).slice(String(asked).lastIndexOf(":") + 1);
  const isId = (asked) => String(asked).includes(":");
  // An error as its sentence, or, for a name several entities have or write (300, common.js), the entities it names,
  // or for a name or id no entity has (404), what it is and the entities like it (the server's suggestions).
  // `asked`: the id or name asked for, if known (its name is said).
  function showError(err, asked) {
    clearPanel();
    if (Array.isArray(err.candidates) && err.candidates.length) showChoices(err.candidates, asked);
    else if (err.status === 404 && asked) showMissing(err, asked);
    else panel.append(el("p", err.message || String(err), "error"));
  }
  // One line of the status (explore.js) for a focus the server refused: what happened, never a count of nothing
  // drawn ("0 nodes, 0 edges shown" read as an empty graph or an unknown name: session 71).
  function outcome(err, asked) {
    const n = Array.isArray(err.candidates) ? err.candidates.length : 0;
    if (n) return `${bare(asked)} is the name or an alias of ${n} entities: none is drawn; choose one in the side panel`;
    if (err.status === 404) {
      return (isId(asked) ? `no entity has the id ${asked}` : `no entity is named ${asked}`) + ": nothing is drawn" +
        ((err.suggestions || []).length ? "; the side panel lists names like it" : "");
    }
    if (err.status === 410) return `${asked} was rejected by a curation decision: nothing is drawn; the side panel names it`;
    return `nothing is drawn: ${String(err.message || err).split(";")[0]}`;
  }
  // What opens an entity as the search does (explore.js sets it: a focus, a new entry of the history).
  let choose = null;
  // The entities of `rows` ({id, label, name, documents}), each its label, name (a link opening it as if chosen from
  // the search) and document count.
  function entityList(rows, cls) {
    const ul = el("ul", null, cls);
    rows.forEach((c) => {
      const li = el("li");
      li.dataset.id = c.id;
      const tag = el("span", c.label, "tag");
      tag.style.background = (config.labels[c.label] || {}).color || "#777";
      const a = link(`?node=${encodeURIComponent(c.id)}`, c.name || c.id);
      a.title = c.id;
      a.addEventListener("click", (ev) => {  // a click with a modifier opens the address as a link does
        if (!choose || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        choose(c.id);
      });
      const docs = Number(c.documents) || 0;
      li.append(tag, a, el("span", `${docs.toLocaleString()} doc.`, "muted"));
      ul.append(li);
    });
    return ul;
  }
  // The entities a name names, most documented first, each opening as if chosen from the search: the panel had shown
  // the server's sentence listing them, whose ids a researcher copied by hand (300 Multiple Choices, api/README.md).
  function showChoices(candidates, asked) {
    const name = asked ? bare(asked) : "";  // as the server reads it
    const head = el("p", null, "choices-head");
    head.append(el("strong", name || "The name asked"), document.createTextNode(
      ` is the name or an alias of ${candidates.length} entities; none was taken. Choose one:`));
    panel.append(head, entityList(candidates, "choices"));
  }
  // A name or id no entity has (404): the server's sentence (what the curation did to it, if anything), the entities
  // like it as links, as a 300's are (they were ids inside the sentence, "0 nodes, 0 edges shown" above: session 71),
  // and a button finding the sentences that write the name, as policykg sentences NAME does on the command line.
  function showMissing(err, asked) {
    const said = String(err.message || err);
    const searchable = said.endsWith(API_SEARCH_HINT);
    panel.append(el("p", searchable ? said.slice(0, -API_SEARCH_HINT.length) : said, "error"));
    if (Array.isArray(err.suggestions) && err.suggestions.length) {
      panel.append(el("p", "Perhaps one of these:", "muted"), entityList(err.suggestions, "suggestions"));
    }
    if (searchable && $("search")) panel.append(searchOffer(asked));
    const form = $("sent-form");
    if (!form) return;
    const find = el("button", `find the sentences writing ${bare(asked)}`, "find-sentences");
    find.type = "button";
    find.addEventListener("click", () => {  // the concordance below the graph
      $("sent-q").value = bare(asked);
      $("sentence-search").open = true;
      form.requestSubmit();
      form.scrollIntoView({ block: "nearest" });
    });
    const p = el("p", null, "muted");
    p.append(find, config.curation ? " (one the extraction missed can be added as an entity from there)" : "");
    panel.append(p);
  }
  // The API's word to its callers when nothing is like the name or id asked (SEARCH_HINT, api/naming.py), which the
  // panel gave as is: in the explorer, its own search box is offered instead (session 71), as /explore?q= fills it.
  const API_SEARCH_HINT = "; /search?q=… finds entities by name";
  // A button putting the name of `asked` in the search box above and listing what it finds there (search.js): names
  // of every label and the documents whose title, place or year hold it, where the server looked in the label asked.
  function searchOffer(asked) {
    const name = bare(asked);
    const run = el("button", `search the names for ${name}`, "run-search");
    run.type = "button";
    run.addEventListener("click", () => {
      const box = $("search");
      box.value = name;
      box.focus();
      box.dispatchEvent(new Event("input", { bubbles: true }));  // the suggestions, as if typed
    });
    const p = el("p", null, "muted");
    const label = isId(asked) ? String(asked).split(":")[0] : "";
    p.append(label ? `No ${label} is named like it; ` : "No name is like it; ", run, " (of every label, and the documents)");
    return p;
  }
  function sentence(text, surface, where) {
    const div = el("div", null, "sentence");
    const i = surface ? text.indexOf(surface) : -1;
    if (i >= 0) {
      div.append(document.createTextNode(text.slice(0, i)), el("mark", surface),
                 document.createTextNode(text.slice(i + surface.length)));
    } else {
      div.append(document.createTextNode(text));
    }
    if (where) div.append(el("div", where, "muted"));
    return div;
  }
  // the source text at a mention (the reader finds the sentence holding character `start`)
  function reading(docId, start) {
    const a = link(`/read/${encodeURIComponent(docId)}#at-${start}`, "read in the document");
    a.target = "_blank";
    return a;
  }

  // What the explorer asks a neighbourhood with: {depth, labels: [...], types: [...]} (explore.js sets it).
  let scope = () => ({ depth: 1, labels: [], types: [] });
  // GET /export of a node's neighbourhood as the explorer shows it: its depth and the labels and types ticked (all
  // of a kind unticked: none sent, as for the neighbourhood itself)
  function exportURL(id, format) {
    const s = scope();
    const q = new URLSearchParams({ format, node: id, depth: String(s.depth) });
    if (s.labels.length) q.set("labels", s.labels.join(","));
    if (s.types.length) q.set("types", s.types.join(","));
    return `/export?${q}`;
  }
  // one link per export format; each reads the depth and filters when followed, not when the panel was drawn
  function exportLinks(id) {
    const p = el("p", null, "exports");
    const depth = el("span", String(scope().depth));
    p.append(el("span", "download its neighbourhood (depth "), depth, el("span", ", the labels and types ticked): "));
    config.exportFormats.forEach(({ format, name }, i) => {
      const a = link(exportURL(id, format), name);
      a.download = "";
      a.dataset.format = format;
      const current = () => { a.href = exportURL(id, format); depth.textContent = String(scope().depth); };
      for (const ev of ["click", "auxclick", "focus", "pointerenter"]) a.addEventListener(ev, current);
      if (i) p.append(document.createTextNode(" · "));
      p.append(a);
    });
    return p;
  }

  // The button under a list of a node's panel that asks GET /nodes/{id} for the next page (`query`: its offset and
  // limit), saying how many `noun`s are not shown yet; `take` adds the page, when the panel still shows that node.
  function showMore(more, id, seq, noun, left, step, query, take) {
    const b = el("button", `show ${step} more ${noun}${step === 1 ? "" : "s"} (${left.toLocaleString()} not shown)`);
    b.type = "button";
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        const next = await getJSON(`/nodes/${encodeURIComponent(id)}?${new URLSearchParams(query)}`);
        if (seq === shownSeq) take(next);
      } catch (err) {
        b.disabled = false;
        more.append(el("span", ` ${err.message || err}`, "error"));
      }
    });
    more.append(b);
  }

  // The sentences behind a node, a page of its mentions at a time (GET /nodes/{id} lists `mention_limit` of them, of
  // `mention_total`: Body:企业's 1,946 came whole, 744 KB): those of the page shown, and a button asking for the next
  // page, which says how many mentions are not shown yet.  A sentence naming it several times is listed once (it was
  // listed per mention: an explorer walkthrough, session 57).
  function sentences(id, detail, seq) {
    const seen = new Set();
    const head = el("h3");
    const more = el("p", null, "more-mentions");
    let count = 0, read = 0;
    const total = Number.isInteger(detail.mention_total) ? detail.mention_total : (detail.mentions || []).length;
    const add = (page) => {
      page.forEach((m) => {
        const key = [m.doc_id, m.section_id, m.sentence].join("\u0001");
        if (seen.has(key)) return;
        seen.add(key);
        count += 1;
        const div = sentence(m.sentence, m.surface, `${docName(m.doc_id)} · ${m.section || m.section_id} · `);
        div.lastChild.append(reading(m.doc_id, m.start));
        panel.insertBefore(div, more);
      });
      read += page.length;
      const left = total - read;
      // all read: the sentences counted; else how many mentions the ones shown come from
      head.textContent = left > 0 ? `Sentences (${count} in the first ${read.toLocaleString()} of ` +
        `${total.toLocaleString()} mentions)` : `Sentences (${count})`;
      more.replaceChildren();
      if (left > 0) {
        const step = Math.min(left, detail.mention_limit || 50);
        showMore(more, id, seq, "mention", left, step, { mention_offset: String(read), mention_limit: String(step) },
                 (next) => add(next.mentions || []));
      }
    };
    if (!total) return;
    panel.append(head, more);
    add(detail.mentions || []);
  }

  // The documents a node is in, each with the forms it writes and a link opening it at the node's first mention there,
  // a page of them at a time (GET /nodes/{id} lists those of `document_limit` documents, of `document_total`: every
  // document's came whole), and a button asking for the next page, as for the sentences.
  function documents(id, detail, seq) {
    const byDoc = detail.forms_by_document || {};
    const total = Number.isInteger(detail.document_total) ? detail.document_total : Object.keys(byDoc).length;
    if (!total) return;
    const ul = el("ul");
    const more = el("p", null, "more-documents");
    panel.append(el("h3", `Documents (${total.toLocaleString()})`), ul, more);
    let read = 0;
    const add = (page) => {
      // each document opens at the sentence of its first mention (it opened at the top: a walkthrough, session 65),
      // which the server gives for every document of the page: the mentions come a page at a time
      const first = { ...(page.first_mention_by_document || {}) };
      (page.mentions || []).forEach((m) => {
        if (Number.isInteger(m.start) && !(m.start >= first[m.doc_id])) first[m.doc_id] = m.start;
      });
      const forms = page.forms_by_document || {};
      for (const [doc, written] of Object.entries(forms)) {
        const li = el("li");
        li.append(link(`/read/${encodeURIComponent(doc)}` + (doc in first ? `#at-${first[doc]}` : ""), docName(doc)));
        li.append(el("span", " — " + written.join(" ｜ "), "muted"));  // names hold 、 (千村示范、万村整治)
        ul.append(li);
      }
      read += Object.keys(forms).length;
      const left = total - read;
      more.replaceChildren();
      if (left > 0 && Object.keys(forms).length) {
        const step = Math.min(left, detail.document_limit || 50);
        showMore(more, id, seq, "document", left, step,
                 { document_offset: String(read), document_limit: String(step), mention_limit: "1" },
                 (next) => add({ ...next, mentions: [] }));
      }
    };
    add(detail);
  }

  let shownSeq = 0; // the panel shows the answer to the latest request only
  async function showNode(id) {
    const seq = ++shownSeq;
    let detail;
    try {
      detail = await getJSON(`/nodes/${encodeURIComponent(id)}`);
    } catch (err) {
      if (seq === shownSeq) showError(err, id);
      return;
    }
    if (seq !== shownSeq) return;
    const n = detail.node;
    clearPanel();
    const style = config.labels[n.label] || { color: "#777" };
    const tag = el("span", n.label, "tag");
    tag.style.background = style.color;
    const h = el("h2", n.name || n.id);
    panel.append(tag, h);
    const links = el("p");
    links.append(link(`/nodes/${encodeURIComponent(id)}`, "JSON"), document.createTextNode(" · "),
                 link(`/nodes/${encodeURIComponent(id)}/view`, "view"));
    if (n.label !== "Section" && n.kind !== "source") {
      links.append(document.createTextNode(" · "), link(`/entities/${encodeURIComponent(id)}/diffusion`, "diffusion"));
    } else {  // a document or a section: its text (they had JSON and view only: a walkthrough, session 51)
      const doc = n.kind === "source" ? id : n.doc_id;
      links.append(document.createTextNode(" · "),
                   link(`/read/${encodeURIComponent(doc)}` + (n.label === "Section" ? `#at-${n.start}` : ""), "read"));
    }
    panel.append(links, exportLinks(n.id));
    if (n.kind === "source") {  // a loaded document: what it is (its title alone was shown: a walkthrough, session 59)
      const facts = [n.year, n.place || (n.level === "国" ? "national" : n.level), n.file_name,
                     n.char_count ? `${Number(n.char_count).toLocaleString()} characters` : null, n.genre];
      panel.append(el("p", facts.filter((f) => f !== null && f !== undefined && f !== "").join(" · "), "muted doc-facts"));
    }
    if ((n.aliases || []).length) {
      panel.append(el("h3", "Aliases"));
      const ul = el("ul");
      n.aliases.forEach((a) => ul.append(el("li", a)));
      panel.append(ul);
    }
    documents(id, detail, seq);
    sentences(id, detail, seq);
    if (window.policykgCurate) window.policykgCurate.nodePanel(panel, detail); // curate.js: decisions, with the key
  }

  const exportScope = (fn) => { scope = fn; };
  const chooseWith = (fn) => { choose = fn; };
  window.policykgPanel = { clearPanel, showError, outcome, sentence, reading, showNode, exportScope, chooseWith };
})();
