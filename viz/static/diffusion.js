/* policykg: draws an entity's diffusion (documents by year, one row per level and place) with Chart.js. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const canvas = document.getElementById("chart");
  if (!canvas || !data.points.length) return;
  const years = data.years;
  const point = (p) => ({ x: p.x, y: p.y, year: p.year, doc: p.doc, title: p.title, forms: p.forms, at: p.at });
  const chart = new Chart(canvas, {
    type: "scatter",
    data: {
      datasets: [
        { label: "document", data: data.points.filter((p) => !p.first).map(point),
          pointRadius: 8, pointHoverRadius: 10, backgroundColor: "rgba(30,136,229,0.75)", borderColor: "#0d47a1" },
        { label: "first adopter", data: data.points.filter((p) => p.first).map(point),
          pointStyle: "star", pointRadius: 16, pointHoverRadius: 18, borderWidth: 3, borderColor: "#c62828",
          backgroundColor: "#e53935" },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { type: "linear", min: years[0] - 1, max: years[1] + 1, title: { display: true, text: "year" },
             ticks: { stepSize: 1, callback: (v) => String(v) } },
        y: { type: "category", labels: data.groups, offset: true, title: { display: true, text: "level · place" } },
      },
      plugins: {
        tooltip: { callbacks: { label: (c) => `${c.raw.title} (${c.raw.year}): ${c.raw.forms.join(" ｜ ")}` } },
        legend: { position: "bottom" },
      },
      onClick: (ev, elements) => {
        if (elements.length) {
          const p = chart.data.datasets[elements[0].datasetIndex].data[elements[0].index];
          // at the sentence of its first mention (the document's top: a walkthrough, session 65)
          window.location.href = "/read/" + encodeURIComponent(p.doc) + (p.at != null ? `#at-${p.at}` : "");
        }
      },
    },
  });
  window.policykgChart = chart;
})();
