/* policykg explorer: curation decisions in the side panel (with the API key).
 * Each action, and the undo of one, first asks the server how many mentions it changes (/curation/preview/…),
 * shows that number, and applies only when confirmed (/curation/…). Text only, never HTML. */
(function () {
  "use strict";
  const P = () => window.policykg;
  const keyInput = document.getElementById("api-key");
  keyInput.value = sessionStorage.getItem("policykg-key") || "";
  keyInput.addEventListener("change", () => {
    sessionStorage.setItem("policykg-key", keyInput.value);
    const h = document.querySelector("#panel h2");
    if (h && h.dataset.id) P().showNode(h.dataset.id);
  });
  // no key, and so no decision controls, on a server that takes no decisions (POLICYKG_API_KEY unset)
  const curation = JSON.parse(document.getElementById("config").textContent).curation;
  const key = () => (curation ? keyInput.value.trim() : "");
  const post = (path, body) => P().getJSON(path, {
    method: "POST", headers: { "Content-Type": "application/json", "X-API-Key": key() }, body: JSON.stringify(body) });

  const plural = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

  /* Ask `previewPath` what a change would do and show `say(counted)` in `out` with `yesLabel` and Cancel buttons:
   * `apply()` runs on confirmation, `cancel()` on Cancel. What a decision and the undo of one both do first. */
  async function preview(out, previewPath, body, say, yesLabel, apply, cancel) {
    let counted;
    try {
      counted = await post(previewPath, body);
    } catch (err) {
      out.replaceChildren(P().el("p", err.message, "error"));
      return;
    }
    const msg = P().el("p", say(counted), "confirm");
    const yes = P().el("button", yesLabel);
    const no = P().el("button", "Cancel");
    yes.type = no.type = "button";
    yes.className = "apply";
    no.className = "cancel";
    no.addEventListener("click", cancel);
    yes.addEventListener("click", apply);
    out.replaceChildren(msg, yes, no);
  }

  /* Preview `action` with `body` inside `box`, then apply on confirmation; `after(result)` runs once applied. */
  async function propose(box, action, body, after) {
    const out = box.querySelector(".outcome");
    out.replaceChildren(P().el("p", "counting…", "muted"));
    const say = (counted) => `${action}: this changes ${plural(counted.mentions, "mention")} in ${plural(counted.documents, "document")}.` +
      (counted.ends_on ? ` The entities end on ${counted.ends_on}.` : "") +
      (counted.merges_into ? ` ${counted.merges_into} exists already: the two become one entity.` : "") +
      (Object.keys(counted.relations_dropped || {}).length
        ? ` It drops ${Object.entries(counted.relations_dropped).map(([t, n]) => `${n} ${t}`).join(", ")}` +
          " relationship(s) the new label does not allow." : "") +
      (counted.mentions ? "" : " Nothing in the store matches now; the decision would apply to documents loaded later.");
    await preview(out, `/curation/preview/${action}`, body, say, "Apply", async () => {
      out.replaceChildren(P().el("p", "applying (re-reading the documents)…", "muted"));
      try {
        const r = await post(`/curation/${action}`, body);
        // said again in the panel the focus redraws (it was gone before it could be read: a walkthrough, session 51)
        // the documents whose graph changed, not those written again ("17 documents rewritten" for a merge of 2: session 68)
        lastDone = { id: r.decision.id, text: `recorded ${r.decision.id}: ${r.decision.text}; the graph of ${r.changed} document${r.changed === 1 ? "" : "s"} changed, ${r.rechecked} re-checked and unchanged` };
        out.replaceChildren(done());
        after(r);
      } catch (err) {
        out.replaceChildren(P().el("p", err.message, "error"));
      }
    }, () => out.replaceChildren());
  }

  /* What undoing decision `id` changes, as a decision's preview says it (the Undo button had undone at once:
   * session 69): the mentions and documents, the nodes they are on now, the later decisions that stay in force. */
  function undoSaid(id, counted) {
    const nodes = counted.nodes || [];
    const later = counted.later || [];
    return `undo ${id}: this changes ${plural(counted.mentions, "mention")} in ${plural(counted.documents, "document")}.` +
      (nodes.length ? ` They are on ${nodes.slice(0, 5).join(", ")}${nodes.length > 5 ? ` and ${nodes.length - 5} more` : ""} now.` : "") +
      (later.length ? ` Later decisions about its names stay in force: ${later.join("; ")}.` : "") +
      (counted.mentions ? "" : " Nothing in the store would change.");
  }

  /* Undo decision `id` inside `box`: what undoing it changes first (undoSaid), then Undo or Cancel; `back()` makes
   * what Cancel puts in `box`'s place. The one undo flow, for the decision just recorded and for those listed. */
  async function offerUndo(box, id, back) {
    // counting takes as long as the undo: every document is resolved again under the other decisions
    box.replaceChildren(P().el("p", `counting what undoing ${id} changes (re-reading the documents)…`, "muted"));
    await preview(box, `/curation/preview/undo/${encodeURIComponent(id)}`, {}, (counted) => undoSaid(id, counted),
      `Undo ${id}`, async () => {
        box.replaceChildren(P().el("p", `undoing ${id} (re-reading the documents)…`, "muted"));
        try {
          const r = await P().getJSON(`/curation/${encodeURIComponent(id)}`, { method: "DELETE", headers: { "X-API-Key": key() } });
          if (lastDone && lastDone.id === id) lastDone = null;
          box.replaceChildren(P().el("p", `${id} undone`, "done"));
          const f = P().focusId();
          if (f) setTimeout(() => focusAfterUndo(f, r.removed), 200);
        } catch (err) {
          box.replaceChildren(P().el("p", err.message, "error"));
        }
      }, () => box.replaceWith(back()));
  }

  /* Draw the focus `f` again after the undo of `removed` (the decision as the API gave it back); when `f` is gone, a
   * node the undone rename, retype or detach made, the node it was made from (the panel had said "no node with id
   * Goal:…" after the retype that made the node shown was undone from its list: session 69). */
  async function focusAfterUndo(f, removed) {
    const from = removed && removed.label && removed.name && removed.action !== "merge" ? `${removed.label}:${removed.name}` : f;
    if (from !== f) {
      try {
        await P().getJSON(`/nodes/${encodeURIComponent(f)}?mention_limit=1&document_limit=1`);
      } catch (err) {
        P().focus(from, false);
        return;
      }
    }
    P().focus(f, false);
  }

  /* A button `Undo <id>` that runs offerUndo in `box`, `back()` giving what Cancel brings back. */
  function undoButton(box, id, back) {
    const b = P().el("button", `Undo ${id}`);
    b.type = "button";
    b.className = "undo";
    b.addEventListener("click", () => offerUndo(box, id, back));
    return b;
  }

  let lastDone = null; // the decision last recorded here, shown with an Undo button until another is shown
  function done() {
    const box = P().el("div", null, "undo");
    const p = P().el("p", lastDone.text + " ", "done");
    p.append(undoButton(box, lastDone.id, done));
    box.append(p);
    return box;
  }

  /* The recorded decisions that concern node `id` (GET /curation?node=…), each with its id, kind, what it did and an
   * Undo button, in `list`: a decision made earlier, or before a reload, could be undone only from the command line
   * (session 69). */
  async function recorded(list, id) {
    let answer;
    try {
      answer = await P().getJSON(`/curation?node=${encodeURIComponent(id)}`);
    } catch (err) {
      list.replaceChildren(P().el("p", err.message, "error"));
      return;
    }
    const ds = answer.decisions || [];
    list.replaceChildren(P().el("h3", `Decisions about this node (${ds.length})`));
    if (!ds.length) {
      list.append(P().el("p", "none recorded", "muted"));
      return;
    }
    const ul = P().el("ul");
    const row = (d) => {
      const li = P().el("li", null, "decision");
      li.dataset.id = d.id;
      li.append(P().el("span", `${d.id} ${d.action}: ${d.said} `), undoButton(li, d.id, () => row(d)));
      return li;
    };
    ds.forEach((d) => ul.append(row(d)));
    list.append(ul);
  }

  function control(box, label, build) {
    const row = P().el("div");
    row.append(P().el("span", label + " "));
    build(row);
    box.append(row);
  }

  function nodePanel(panel, detail) {
    const n = detail.node;
    const h = panel.querySelector("h2");
    if (h) h.dataset.id = n.id;
    if (!key() || n.label === "Section" || n.kind === "source") return;
    const box = P().el("div", null, "curate");
    box.append(P().el("h3", "Curate"));
    const name = n.name;
    const refocus = (id) => () => setTimeout(() => P().focus(id), 200);
    control(box, "rename to", (row) => {
      const input = P().el("input");
      input.value = name;
      input.className = "rename-to";
      const b = P().el("button", "Rename");
      b.className = "rename";
      b.addEventListener("click", () => propose(box, "rename", { node: n.id, canonical: input.value.trim() },
                                                refocus(`${n.label}:${input.value.trim()}`)));
      row.append(input, b);
    });
    control(box, "label", (row) => {
      const sel = P().el("select");
      ["Body", "Program", "Goal", "Document"].filter((l) => l !== n.label).forEach((l) => {
        const o = P().el("option", l);
        o.value = l;
        sel.append(o);
      });
      const b = P().el("button", "Retype");
      b.className = "retype";
      b.addEventListener("click", () => propose(box, "retype", { node: n.id, to: sel.value }, refocus(`${sel.value}:${name}`)));
      row.append(sel, b);
    });
    control(box, "merge with", (row) => {
      const input = P().el("input");
      input.placeholder = `${n.label}:…`;
      input.className = "merge-with";
      const b = P().el("button", "Merge");
      b.className = "merge";
      b.addEventListener("click", () => propose(box, "merge", { nodes: [n.id, input.value.trim()] }, refocus(n.id)));
      row.append(input, b);
    });
    if ((n.aliases || []).length) {
      control(box, "alias", (row) => {
        const sel = P().el("select");
        n.aliases.forEach((a) => { const o = P().el("option", a); o.value = a; sel.append(o); });
        const b = P().el("button", "Detach");
        b.className = "detach";
        b.addEventListener("click", () => propose(box, "detach", { node: n.id, alias: sel.value }, refocus(n.id)));
        row.append(sel, b);
      });
    }
    control(box, "", (row) => {
      const b = P().el("button", `Reject “${name}” everywhere`);
      b.className = "reject";
      b.addEventListener("click", () => propose(box, "reject", { node: n.id }, () => {
        // the entity is gone: redraw the focus, or clear the graph when it was the focus
        const f = P().focusId();
        if (f && f !== n.id) setTimeout(() => P().focus(f, false), 200);
        else {
          const done = box.querySelector(".outcome").cloneNode(true);
          P().reset();  // the panel's buttons would act on an entity that is gone
          document.getElementById("panel").append(P().el("h2", `${n.label}：${name} (rejected)`), done);
        }
      }));
      row.append(b);
    });
    const outcome = P().el("div", null, "outcome");
    if (lastDone) outcome.append(done());
    const list = P().el("div", null, "decisions");
    box.append(outcome, list);
    panel.append(box);
    recorded(list, n.id);
  }

  window.policykgCurate = { nodePanel, propose, key };
})();
