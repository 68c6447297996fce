// The style sheet and the drawing script of report.html, inlined into every
// page (system fonts only, nothing fetched). The script reads the chart data
// block (the same JSON as report.json's charts) and draws each chart with
// Chart.js; after drawing it records the points each chart drew in
// window.__loadlawCharts, which the browser test reads.

#include "report/render_internal.h"

namespace loadlaw::report::internal {

const char kReportCss[] = R"css(
:root {
  --bg: #f5f6f8; --card: #ffffff; --ink: #111827; --muted: #5b6472;
  --line: #e3e6eb; --accent: #2563eb; --ok: #15803d; --warn: #b45309;
  --bad: #b91c1c; --head: #0f172a;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
        "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.top { background: var(--head); color: #f8fafc; padding: 28px 0 30px; }
header.top .brand {
  font-size: 12px; letter-spacing: .12em; text-transform: uppercase;
  color: #93a4bd; font-weight: 600;
}
header.top h1 { margin: 6px 0 4px; font-size: 28px; font-weight: 700; }
header.top .sub { margin: 0; color: #cbd5e1; font-size: 14px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 18px 0 0; }
nav.toc a { color: #cbd5e1; text-decoration: none; font-size: 13px; }
nav.toc a:hover { color: #fff; text-decoration: underline; }
main { padding: 24px 0 40px; }
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 22px 24px; margin: 0 0 22px;
  box-shadow: 0 1px 2px rgba(15, 23, 42, .04);
}
.eyebrow {
  margin: 0; font-size: 12px; letter-spacing: .1em; text-transform: uppercase;
  color: var(--muted); font-weight: 600;
}
.question { margin: 4px 0 10px; font-size: 17px; color: var(--muted); }
.lead { margin: 0 0 18px; font-size: 19px; font-weight: 600; line-height: 1.45; }
.figures {
  display: grid; gap: 12px; grid-template-columns: repeat(4, minmax(0, 1fr));
}
.figure {
  border: 1px solid var(--line); border-left: 4px solid var(--accent);
  border-radius: 10px; padding: 12px 14px; background: #fbfcfe;
}
.figure.alert { border-left-color: var(--bad); background: #fef6f6; }
.figure .label {
  font-size: 12px; color: var(--muted); font-weight: 600;
  text-transform: uppercase; letter-spacing: .06em;
}
.figure .value {
  font-size: 24px; font-weight: 700; margin-top: 2px;
  font-variant-numeric: tabular-nums; line-height: 1.2;
}
.figure .interval { font-size: 13px; color: var(--ink); margin-top: 2px; }
.figure .note { font-size: 12.5px; color: var(--muted); margin-top: 6px; }
.verdict {
  margin-top: 16px; padding: 10px 14px; border-radius: 8px; font-size: 14px;
  background: #f0fdf4; border: 1px solid #bbf7d0;
}
.verdict.warn { background: #fffbeb; border-color: #fde68a; }
.verdict details { display: inline; }
.verdict summary { display: inline; cursor: pointer; color: var(--warn); font-weight: 600; }
.verdict details[open] summary { display: block; }
.verdict ul { margin: 6px 0 0; padding-left: 20px; }
h2 { margin: 0 0 4px; font-size: 20px; }
.intro { margin: 0 0 16px; color: var(--muted); max-width: 820px; }
.charts {
  display: grid; gap: 18px;
  grid-template-columns: repeat(auto-fit, minmax(440px, 1fr));
}
figure.chart { margin: 0; min-width: 0; }
figure.chart .chart-title { font-weight: 600; font-size: 14.5px; margin-bottom: 6px; }
.canvas-box { position: relative; height: 330px; width: 100%; }
.caption { margin: 6px 0 0; font-size: 12.5px; color: var(--muted); }
.table-wrap { overflow-x: auto; margin-top: 18px; }
table {
  border-collapse: collapse; width: 100%; font-size: 13.5px;
  font-variant-numeric: tabular-nums;
}
table caption {
  text-align: left; font-weight: 600; font-size: 14.5px; padding-bottom: 8px;
}
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); }
th {
  text-align: left; font-size: 12.5px; color: var(--muted); font-weight: 600;
  vertical-align: bottom;
  background: #f8f9fb;
}
td { text-align: left; }
th.num, td.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
ul.notes { margin: 14px 0 0; padding-left: 20px; color: var(--muted); font-size: 13.5px; }
dl.prov {
  display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px;
  margin: 8px 0 0; font-size: 14px;
}
dl.prov dt { color: var(--muted); }
dl.prov dd { margin: 0; overflow-wrap: anywhere; }
footer { color: var(--muted); font-size: 12.5px; padding: 0 0 32px; }
@media (max-width: 980px) {
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@media (max-width: 720px) {
  .wrap { padding: 0 14px; }
  .charts { grid-template-columns: 1fr; }
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .lead { font-size: 17px; }
  .canvas-box { height: 280px; }
}
@media print {
  body { background: #fff; font-size: 12px; }
  header.top { background: #fff; color: var(--ink); padding: 0 0 8px;
               border-bottom: 2px solid var(--ink); }
  header.top .sub, header.top .brand { color: var(--muted); }
  nav.toc { display: none; }
  .card { box-shadow: none; break-inside: avoid; page-break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  .verdict details > ul { display: block; }
  .canvas-box { height: 240px; }
  .table-wrap { overflow: visible; }
  td { white-space: normal; }
}
)css";

const char kReportScript[] = R"js(
(function () {
  'use strict';
  var palette = {
    blue: '#2563eb', orange: '#ea580c', green: '#16a34a', red: '#dc2626',
    purple: '#7c3aed', teal: '#0d9488', gray: '#6b7280'
  };
  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) +
        ',' + alpha + ')';
  }
  function fmt(v) {
    if (v === null || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (a >= 1000) return Math.round(v).toLocaleString('en-US');
    if (a === 0) return '0';
    return Number(v.toPrecision(3)).toString();
  }
  function xy(points, k) {
    return points.map(function (p) { return {x: p[0], y: p[k]}; });
  }
  function niceMax(v) {
    if (!(v > 0)) return 1;
    var e = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * e >= v) return steps[i] * e;
    }
    return 10 * e;
  }
  function datasetsOf(c) {
    var out = [];
    c.series.forEach(function (s) {
      var color = palette[s.color] || palette.gray;
      var axis = s.right_axis ? 'y2' : 'y';
      var common = {label: s.name, yAxisID: axis, stepped: s.stepped ? 'after' : false,
                    loadlawLegendless: !s.legend};
      if (s.kind === 'band') {
        var fill = rgba(color, 0.15);
        out.push(Object.assign({}, common, {
          data: xy(s.points, 1), showLine: true, pointRadius: 0, borderWidth: 0,
          borderColor: 'transparent', backgroundColor: fill, fill: false,
          loadlawLegendless: true, pointStyle: 'rect'}));
        out.push(Object.assign({}, common, {
          data: xy(s.points, 2), showLine: true, pointRadius: 0, borderWidth: 0,
          borderColor: fill, backgroundColor: fill, fill: '-1', pointStyle: 'rect',
          loadlawLegendless: !s.legend}));
      } else if (s.kind === 'points') {
        out.push(Object.assign({}, common, {
          data: xy(s.points, 1), showLine: false, pointRadius: 5,
          pointHoverRadius: 7, backgroundColor: color, borderColor: '#ffffff',
          borderWidth: 1.5, pointStyle: 'circle', order: -1}));
      } else {
        var rule = s.kind === 'rule';
        out.push(Object.assign({}, common, {
          data: xy(s.points, 1), showLine: true, pointRadius: 0,
          pointHitRadius: 4, borderWidth: rule ? 1.6 : 2.4,
          borderDash: rule ? [6, 4] : [], borderColor: color,
          backgroundColor: color, fill: false, pointStyle: 'line'}));
      }
    });
    return out;
  }
  function dataMax(datasets, axis) {
    var top = 0;
    datasets.forEach(function (d) {
      if (d.yAxisID !== axis) return;
      d.data.forEach(function (p) { if (isFinite(p.y) && p.y > top) top = p.y; });
    });
    return top;
  }
  function axisOf(a, position) {
    return {
      type: a.log ? 'logarithmic' : 'linear', position: position,
      beginAtZero: !a.log,
      title: {display: true, text: a.label, color: '#374151', font: {size: 12.5, weight: '600'}},
      grid: {color: '#eceff3'}, border: {color: '#cfd5dd'},
      ticks: {color: '#4b5563', callback: function (v) {
        if (!a.log) return fmt(v);
        var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
        return Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 ||
            Math.abs(m - 5) < 1e-6 ? fmt(v) : '';
      }}
    };
  }
  function optionsOf(c, datasets) {
    var scales = {x: axisOf(c.x, 'bottom'), y: axisOf(c.y, 'left')};
    scales.x.beginAtZero = !c.x.log;
    if (c.y2) {
      var top = niceMax(1.08 * dataMax(datasets, 'y'));
      scales.y.min = 0;
      scales.y.max = top;
      scales.y2 = axisOf(c.y2, 'right');
      scales.y2.display = true;
      scales.y2.grid = {drawOnChartArea: false};
      scales.y2.ticks.includeBounds = false;
      if (c.y2.scale) { scales.y2.min = 0; scales.y2.max = top * c.y2.scale; }
    }
    return {
      animation: false, responsive: true, maintainAspectRatio: false,
      devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
      interaction: {mode: 'nearest', intersect: false},
      scales: scales,
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            usePointStyle: true, boxWidth: 10, boxHeight: 10, padding: 12,
            color: '#374151',
            filter: function (item) { return !datasets[item.datasetIndex].loadlawLegendless; }
          }
        },
        tooltip: {
          callbacks: {
            label: function (ctx) {
              return ctx.dataset.label + ': ' + fmt(ctx.parsed.y) + ' at ' + fmt(ctx.parsed.x);
            }
          }
        }
      }
    };
  }
  function drawnPoints(chart) {
    var n = 0, area = chart.chartArea;
    chart.data.datasets.forEach(function (d, i) {
      if (!chart.isDatasetVisible(i)) return;
      chart.getDatasetMeta(i).data.forEach(function (el) {
        if (el.skip || !isFinite(el.x) || !isFinite(el.y)) return;
        if (el.x < area.left - 1 || el.x > area.right + 1) return;
        if (el.y < area.top - 1 || el.y > area.bottom + 1) return;
        n++;
      });
    });
    return n;
  }
  var data = JSON.parse(document.getElementById('loadlaw-data').textContent);
  var drawn = {};
  var charts = [];
  window.__loadlawCharts = drawn;
  data.charts.forEach(function (c) {
    var canvas = document.getElementById('chart-' + c.id);
    var datasets = datasetsOf(c);
    var chart = new Chart(canvas, {type: 'scatter', data: {datasets: datasets},
                                   options: optionsOf(c, datasets)});
    charts.push(chart);
    drawn[c.id] = drawnPoints(chart);
    canvas.setAttribute('data-drawn', String(drawn[c.id]));
  });
  window.addEventListener('beforeprint', function () {
    charts.forEach(function (c) { c.resize(); });
  });
  document.documentElement.setAttribute('data-charts-ready', 'true');
})();
)js";

}  // namespace loadlaw::report::internal
