/* policykg reader: /read/{id}#at-<offset> shows the sentence holding character <offset> (the explorer's
 * mentions and relations know where a name stands, not where its sentence starts); #s-<start> is one already. */
(function () {
  "use strict";
  function toSentence() {
    const m = window.location.hash.match(/^#at-(\d+)$/);
    if (!m) return;
    const at = parseInt(m[1], 10);
    let best = null;
    document.querySelectorAll('#text span[id^="s-"]').forEach((span) => {
      if (parseInt(span.id.slice(2), 10) <= at) best = span;
    });
    if (best) window.location.replace(`#${best.id}`);
  }
  toSentence();
  // a new #at- on the open page too (only the page's first address was read: an explorer walkthrough, session 57)
  window.addEventListener("hashchange", toSentence);
})();
