/*
 * Draws the charts of a cityeval HTML report from its inline data (script#report-data), with the ECharts,
 * map and chart code inlined above it: the file works offline, from file://. Licence: Apache-2.0 (cityeval).
 */
(function () {
  'use strict';
  var C = window.CityevalCharts;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var lang = 'zh';
  var charts = [];

  /** A model id as the charts label it: institution and edition. */
  function modelLabel(id) {
    var e = data.evaluations.filter(function (x) { return x.model.id === id; })[0];
    return e && e.model.institution ? C.text(e.model.institution, lang) + ' ' + (e.model.edition || e.model.year || '') : id;
  }

  function draw(el) {
    var kind = el.getAttribute('data-chart');
    var i = Number(el.getAttribute('data-index'));
    var e = data.evaluations[i];
    var opts = { lang: lang, modelLabel: modelLabel };
    switch (kind) {
      case 'ranking': return C.rankingBars(el, e.result, opts);
      case 'level1': return C.level1Bars(el, e.result, e.level1, opts);
      case 'map': return C.provinceMap(el, e.result, opts);
      case 'heatmap': return C.spearmanHeatmap(el, data.comparison, opts);
      case 'bump': return C.rankBump(el, data.comparison, opts);
      case 'sankey': return C.tierSankey(el, (data.comparison.tiers || [])[0], opts);
      case 'bands': return C.rankBands(el, data.uncertainty, opts);
      case 'trajectory': return C.yearBump(el, data.panel, opts);
      default: return null;
    }
  }

  function drawAll() {
    var drawn = 0;
    var failed = [];
    Array.prototype.forEach.call(document.querySelectorAll('.chart[data-chart]'), function (el) {
      try {
        var chart = draw(el);
        if (chart) { charts.push(chart); drawn++; }
      } catch (err) {
        failed.push(el.id + ': ' + err);
        el.textContent = String(err);
      }
    });
    document.body.setAttribute('data-charts', String(drawn));
    if (failed.length) { document.body.setAttribute('data-chart-errors', failed.join('; ')); }
  }

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  if (typeof window.echarts === 'undefined') {
    document.body.setAttribute('data-charts', '0');
    document.body.setAttribute('data-chart-errors', 'ECharts did not load');
  } else {
    drawAll();
  }
}());
