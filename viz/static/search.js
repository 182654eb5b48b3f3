/* policykg explorer: entity search with suggestions (GET /search); choosing one focuses the graph on it. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("config").textContent);
  const P = () => window.policykg;
  const $ = (id) => document.getElementById(id);
  const input = $("search");
  const list = $("suggestions");
  const SHOWN = 12;  // suggestions listed; one more is asked for to tell that more match
  const DOCS = 3;  // source documents listed after them, by title
  let timer = null;
  let active = -1;
  function choose(id) {
    list.hidden = true;
    input.value = "";
    shownFor = null;
    P().focus(id);
  }
  let shownFor = null; // the text the listed suggestions answer
  async function hitsFor(q) {
    try {
      return await P().getJSON(`/search?${new URLSearchParams({ q, limit: String(SHOWN + 1) })}`);
    } catch (err) {
      return [];
    }
  }
  function show(q, hits) {
    list.replaceChildren();
    active = -1;
    shownFor = q;
    if (hits.length && hits[0].match === "similar") list.append(P().el("li", "no name holds it; names like it:", "muted"));
    const more = hits.length > SHOWN;
    hits.slice(0, SHOWN).forEach((h) => {
      const li = P().el("li");
      li.setAttribute("role", "option");
      li.dataset.id = h.id;
      const tag = P().el("span", h.label, "tag");
      tag.style.background = (config.labels[h.label] || {}).color || "#777";
      // the alias that holds what was typed, when the name does not (发改委 finds 省发展改革委 by its alias)
      const alias = (h.name || "").includes(q) ? null : (h.aliases || []).find((a) => a.includes(q));
      li.append(tag, P().el("span", h.name), P().el("span", alias ? `(${alias})` : "", "muted"),
        P().el("span", `${h.doc_count || 0} doc.`, "muted"));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(h.id); });
      list.append(li);
    });
    // the source documents whose title or id holds the text (the search answers entities only; the page has the
    // documents: a title typed in the box had found nothing)
    // every word of the text, in the title, id, year, place or level (政府工作报告 2010 had found nothing: session 57;
    // 湖南省 found no report of 湖南 whose title reads 政府工作报告 alone: session 67)
    const words = q.toLowerCase().split(/\s+/).filter((w) => w);
    const matching = P().documents().filter((d) => {
      const about = `${d.title || ""} ${d.id} ${d.year || ""} ${d.place || ""} ${d.level || ""}`.toLowerCase();
      return words.every((w) => about.includes(w));
    });
    const docs = matching.slice(0, DOCS);
    docs.forEach((d) => {
      const li = P().el("li");
      li.setAttribute("role", "option");
      li.dataset.id = d.id;
      const tag = P().el("span", "source", "tag");
      tag.style.background = (config.labels.Document || {}).color || "#777";
      li.append(tag, P().el("span", P().docName(d.id)));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(d.id); });
      list.append(li);
    });
    if (!hits.length && !docs.length) list.append(P().el("li", "no match", "muted"));
    if (more) list.append(P().el("li", "more match: type more of the name", "muted"));
    if (matching.length > DOCS) {  // 3 of some 50 reports were listed with no word of the others (session 57)
      list.append(P().el("li", `${matching.length - DOCS} more documents match: type more of the title or a year`, "muted"));
    }
    list.hidden = false;
  }
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { list.hidden = true; return; }
    timer = setTimeout(async () => {
      const hits = await hitsFor(q);
      if (input.value.trim() === q) show(q, hits); // an answer to text typed over since is dropped
    }, 150);
  });
  input.addEventListener("keydown", (ev) => {
    const items = [...list.querySelectorAll("li[data-id]")];
    const q = input.value.trim();
    if (ev.key === "Enter" && q && shownFor !== q) {
      // Enter before the suggestions for this text arrived (it did nothing, or chose from the list of what was
      // typed before): ask now, and focus the first name that holds the text; names merely like it are listed
      clearTimeout(timer);
      hitsFor(q).then((hits) => {
        if (input.value.trim() !== q) return;
        if (hits.length && hits[0].match !== "similar") choose(hits[0].id);
        else show(q, hits);
      });
      return;
    }
    if (!items.length) return;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items.forEach((li, i) => {  // and what a screen reader announces (no aria state: session 57)
        const on = i === active;
        li.classList.toggle("active", on);
        li.setAttribute("aria-selected", String(on));
        li.id = on ? "suggestion-active" : "";
      });
      input.setAttribute("aria-activedescendant", "suggestion-active");
    } else if (ev.key === "Enter") {
      choose(items[Math.max(active, 0)].dataset.id);
    } else if (ev.key === "Escape") {  // and forget the highlighted name, or Enter chose it hidden (session 57)
      list.hidden = true;
      active = -1;
      items.forEach((li) => { li.classList.remove("active"); li.id = ""; li.setAttribute("aria-selected", "false"); });
      input.removeAttribute("aria-activedescendant");
    }
  });
  input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));
  // /explore?q=NAME (the link of the page a browser gets for a name nothing is like: api/errors.py): the name in the
  // box and what it finds listed, as if typed (that page had said the API's "/search?q=… finds entities by name")
  const asked = new URLSearchParams(window.location.search);
  if (asked.get("q") && !asked.get("node")) {
    input.value = asked.get("q");
    input.focus();
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
})();
