/*
 * cityeval dashboard: the Statistics view (GET /api/stats), kept apart from app.js so that the two can change
 * independently. Chooses the model (the page's model picker), the data pack, the missing-data treatment and an
 * inner node; draws the children's correlation heatmap (Pearson or Spearman, flagged pairs outlined), shows
 * Cronbach's alpha and the PCA's variance explained, and the same numbers as a table behind the chart.
 * Labels in zh and en, following the page's language (the <html lang> app.js sets).
 * Licence: Apache-2.0 (cityeval).
 */
(function () {
  'use strict';

  var I18N = {
    zh: {
      tabStatistics: '指标统计', statsNode: '节点', statsKind: '相关系数', statsSource: '数据', statsMissing: '缺失处理',
      statsRun: '计算', statsHint: '节点下各子指标之间的相关（热力图，带框的格子是 COINr get_corr_flags 标记的强共线（r > 0.9）或负相关（r < −0.4）的指标对）、Cronbach α 和主成分分析。数值取自评估流程本身（未四舍五入）。',
      statsTable: '相关矩阵（文字表）', statsFlags: '标记', statsNone: '无', statsNoPack: '此服务器没有数据包：统计需要数据。',
      statsSummary: '{node}：{k} 个子指标，{cities} 个城市；Cronbach α = {alpha}', statsPca: '主成分：PC1 解释 {pc1}% 的方差（{rows} 个数据完整的城市）；特征值 {eigen}',
      statsNoPca: '主成分：无（需要至少 3 个所有子指标都有数据的城市）', collinear: '强共线', negative: '负相关',
      withNode: '与节点', withIndex: '与总指数', child: '子指标', loading: '加载中…', unavailable: '此服务器尚未提供指标统计（{path} 返回 404）。'
    },
    en: {
      tabStatistics: 'Statistics', statsNode: 'Node', statsKind: 'Correlation', statsSource: 'Data', statsMissing: 'Missing data',
      statsRun: 'Compute', statsHint: "Correlations between a node's children (heatmap; outlined cells are the pairs COINr's get_corr_flags flags: collinear, r > 0.9, or negative, r < −0.4), Cronbach's alpha and a principal component analysis. Values from the evaluation's own pipeline (unrounded).",
      statsTable: 'Correlation matrix (text)', statsFlags: 'Flags', statsNone: 'none', statsNoPack: 'This server has no data pack: statistics need data.',
      statsSummary: "{node}: {k} children, {cities} cities; Cronbach's alpha = {alpha}", statsPca: 'PCA: PC1 explains {pc1}% of the variance ({rows} cities with every value); eigenvalues {eigen}',
      statsNoPca: 'PCA: none (needs at least 3 cities with every child\'s value)', collinear: 'collinear', negative: 'negative',
      withNode: 'with node', withIndex: 'with index', child: 'Child', loading: 'Loading…', unavailable: 'This server does not offer statistics yet ({path} answered 404).'
    }
  };

  var st = { model: null, tree: null, result: null, loadedFor: null, kind: 'pearson' };

  var D = window.CityevalDom; // shared helpers (dom.js)
  var $ = D.byId;
  var lang = D.lang;
  var t = D.translator(I18N);
  var el = D.el;
  var clear = D.clear;
  function fixed(v, d) { return v === null || v === undefined ? '—' : Number(v).toFixed(d); }
  function nameOf(n) { return n ? D.localized(n.name) : ''; }
  function statusOf(stateName, message) {
    var s = $('stats-status');
    s.setAttribute('data-state', stateName);
    s.textContent = message || (stateName === 'loading' ? t('loading') : '');
  }
  function get(path) {
    return fetch(path, { headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.text().then(function (body) {
        var data = null;
        try { data = body ? JSON.parse(body) : null; } catch (e) { data = null; }
        return { ok: r.ok, status: r.status, data: data, path: path,
          error: r.ok ? null : (data && data.error ? data.error : r.status + ' ' + r.statusText) };
      });
    }, function (e) { return { ok: false, status: 0, data: null, path: path, error: String(e && e.message ? e.message : e) }; });
  }

  // ---------- labels ----------
  function applyLabels() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-stats-i18n]'), function (n) { n.textContent = t(n.getAttribute('data-stats-i18n')); });
    fillNodes();
    render();
  }

  // ---------- choices ----------
  function fillPacks() {
    return get('api/packs').then(function (res) {
      var select = clear($('stats-source'));
      var packs = res.ok && res.data && res.data.packs ? res.data.packs : [];
      packs.forEach(function (p) { select.appendChild(el('option', { value: p.name, title: p.description || '' }, p.name)); });
      if (!packs.length) { statusOf('unavailable', t('statsNoPack')); }
      return packs.length > 0;
    });
  }

  function innerNodes(root) {
    var out = [];
    (function walk(n, depth) {
      if (!n.children || !n.children.length) { return; }
      out.push({ node: n, depth: depth });
      n.children.forEach(function (c) { walk(c, depth + 1); });
    }(root, 0));
    return out;
  }

  function fillNodes() {
    var select = $('stats-node');
    if (!select || !st.tree) { return; }
    var current = select.value;
    clear(select);
    innerNodes(st.tree.root).forEach(function (x) {
      select.appendChild(el('option', { value: x.node.id }, '\u00a0'.repeat(x.depth * 2) + (nameOf(x.node) || x.node.id))); // the name alone: the id is a code (issue 15)
    });
    if (current && Array.prototype.some.call(select.options, function (o) { return o.value === current; })) { select.value = current; }
  }

  function loadTree() {
    var id = $('model').value;
    if (!id) { return Promise.resolve(false); }
    if (st.tree && st.model === id) { return Promise.resolve(true); }
    return get('api/models/' + encodeURIComponent(id)).then(function (res) {
      if (!res.ok) { statusOf('error', res.error); return false; }
      st.model = id;
      st.tree = res.data;
      st.result = null;
      clear($('stats-node'));
      fillNodes();
      return true;
    });
  }

  // ---------- the statistics ----------
  function run() {
    return loadTree().then(function (ok) {
      var pack = $('stats-source').value;
      if (!ok || !pack) { return; }
      var q = 'api/stats?model=' + encodeURIComponent(st.model) + '&pack=' + encodeURIComponent(pack)
        + '&node=' + encodeURIComponent($('stats-node').value) + ($('stats-missing').value ? '&missing=' + encodeURIComponent($('stats-missing').value) : '');
      statusOf('loading');
      st.loadedFor = q;
      return get(q).then(function (res) {
        if (st.loadedFor !== q) { return; } // a later choice replaced this request
        if (!res.ok) {
          st.result = null;
          render();
          statusOf(res.status === 404 ? 'unavailable' : 'error', res.status === 404 && !res.data ? t('unavailable', { path: res.path }) : res.error);
          return;
        }
        st.result = res.data;
        statusOf('ready', '');
        render();
      });
    });
  }

  /** The node's correlation of the chosen kind between children a and b (1 on the diagonal), or null. */
  function matrix(n, kind) {
    var k = n.children.length;
    var m = [];
    for (var i = 0; i < k; i++) {
      // a child without a value in any city (no data) has no correlation, not even with itself
      var some = n.withParent[i] && n.withParent[i].n > 0;
      m.push([]);
      for (var j = 0; j < k; j++) { m[i].push(i === j && some ? 1 : null); }
    }
    n.pairs.forEach(function (p) {
      var a = n.children.indexOf(p.a);
      var b = n.children.indexOf(p.b);
      var v = p[kind];
      if (a >= 0 && b >= 0 && v !== null && v !== undefined) { m[a][b] = v; m[b][a] = v; }
    });
    return m;
  }

  function flagged(n, a, b) {
    return (n.flags || []).filter(function (f) { return (f.a === a && f.b === b) || (f.a === b && f.b === a); })[0] || null;
  }

  function render() {
    var n = st.result && st.result.nodes && st.result.nodes[0];
    var chartEl = $('chart-stats-heatmap');
    var summary = $('stats-summary');
    var table = $('stats-table');
    clear(table.tHead);
    clear(table.tBodies[0]);
    clear($('stats-flags'));
    if (!n) {
      summary.textContent = '';
      $('stats-pca').textContent = '';
      if (window.echarts && window.echarts.getInstanceByDom(chartEl)) { window.echarts.getInstanceByDom(chartEl).dispose(); }
      chartEl.removeAttribute('data-rendered');
      return;
    }
    summary.textContent = t('statsSummary', { node: n.node, k: n.children.length, cities: st.result.cities, alpha: fixed(n.cronbach, 3) });
    $('stats-pca').textContent = n.pca
      ? t('statsPca', { pc1: fixed(100 * n.pca.explained[0], 1), rows: n.pca.rows, eigen: n.pca.eigenvalues.map(function (v) { return fixed(v, 3); }).join(', ') })
      : t('statsNoPca');
    var m = matrix(n, st.kind);
    // the text table: the matrix, then each child with the node and the index
    var head = el('tr');
    head.appendChild(el('th', {}, st.kind === 'pearson' ? 'r' : 'ρ'));
    n.children.forEach(function (c) { head.appendChild(el('th', { class: 'num' }, c)); });
    head.appendChild(el('th', { class: 'num' }, t('withNode')));
    if (n.withIndex && n.withIndex.length) { head.appendChild(el('th', { class: 'num' }, t('withIndex'))); }
    table.tHead.appendChild(head);
    n.children.forEach(function (c, i) {
      var tr = el('tr', { 'data-child': c });
      tr.appendChild(el('th', { scope: 'row' }, c));
      m[i].forEach(function (v, j) {
        var f = i === j ? null : flagged(n, c, n.children[j]);
        tr.appendChild(el('td', { class: 'num' + (f ? ' flag-' + f.kind : ''), title: f ? t(f.kind) : '' }, fixed(v, 2) + (f ? ' !' : '')));
      });
      tr.appendChild(el('td', { class: 'num' }, fixed(n.withParent[i] && n.withParent[i][st.kind], 2)));
      if (n.withIndex && n.withIndex.length) { tr.appendChild(el('td', { class: 'num' }, fixed(n.withIndex[i] && n.withIndex[i][st.kind], 2))); }
      table.tBodies[0].appendChild(tr);
    });
    var flags = $('stats-flags');
    if (!n.flags || !n.flags.length) { flags.appendChild(el('li', {}, t('statsNone'))); }
    (n.flags || []).forEach(function (f) {
      flags.appendChild(el('li', { class: 'bad', 'data-flag': f.kind }, f.a + ' / ' + f.b + ': ' + t(f.kind) + ', r = ' + fixed(f.pearson, 3)));
    });
    heatmap(chartEl, n, m);
  }

  function heatmap(chartEl, n, m) {
    if (!window.echarts) { return; }
    var existing = window.echarts.getInstanceByDom(chartEl);
    if (existing) { existing.dispose(); }
    var chart = window.echarts.init(chartEl, null, { renderer: 'canvas' });
    var names = {};
    (function walk(x) { names[x.id] = nameOf(x); (x.children || []).forEach(walk); }(st.tree.root));
    var data = [];
    for (var i = 0; i < m.length; i++) {
      for (var j = 0; j < m.length; j++) {
        if (m[i][j] === null) { continue; }
        var f = i === j ? null : flagged(n, n.children[i], n.children[j]);
        var item = { value: [j, i, Math.round(m[i][j] * 100) / 100] };
        if (f) { item.itemStyle = { borderColor: f.kind === 'negative' ? '#7a0019' : '#111', borderWidth: 3 }; }
        data.push(item);
      }
    }
    var ids = n.children;
    var narrow = chartEl.clientWidth < 480;
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) {
        var a = ids[p.value[1]];
        var b = ids[p.value[0]];
        var f = flagged(n, a, b);
        return esc(a + ' ' + (names[a] || '')) + ' ×<br>' + esc(b + ' ' + (names[b] || '')) + '<br>'
          + (st.kind === 'pearson' ? 'r' : 'ρ') + ' = ' + p.value[2] + (f && a !== b ? ' (' + t(f.kind) + ')' : '');
      } },
      grid: { left: narrow ? 70 : 110, right: 10, top: 10, bottom: narrow ? 80 : 90 },
      xAxis: { type: 'category', data: ids, axisLabel: { rotate: 40, interval: 0, fontSize: narrow ? 9 : 11, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'category', data: ids, inverse: true, axisLabel: { interval: 0, fontSize: narrow ? 9 : 11, width: narrow ? 64 : 100, overflow: 'truncate' } },
      visualMap: { min: -1, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
        inRange: { color: ['#b2182b', '#f7f7f7', '#2166ac'] }, text: ['1', '-1'] },
      series: [{ type: 'heatmap', data: data, label: { show: ids.length <= 8 && !narrow, fontSize: 11 } }]
    });
    chartEl.setAttribute('data-rendered', 'true');
    chartEl.setAttribute('data-kind', st.kind);
  }

  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }

  // ---------- wiring ----------
  function visible() { var v = $('view-statistics'); return v && !v.hidden; }

  function show() {
    if (!visible()) { return; }
    var ready = $('stats-source').options.length ? Promise.resolve(true) : fillPacks();
    ready.then(function (ok) {
      if (!ok) { return; }
      if (!st.result || st.model !== $('model').value) { run(); } else if (window.echarts && window.echarts.getInstanceByDom($('chart-stats-heatmap'))) {
        window.echarts.getInstanceByDom($('chart-stats-heatmap')).resize();
      }
    });
  }

  function start() {
    if (!$('view-statistics')) { return; }
    applyLabels();
    new MutationObserver(applyLabels).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    new MutationObserver(show).observe($('view-statistics'), { attributes: true, attributeFilter: ['hidden'] });
    $('model').addEventListener('change', function () { st.tree = null; st.result = null; render(); if (visible()) { run(); } });
    ['stats-source', 'stats-node', 'stats-missing'].forEach(function (id) { $(id).addEventListener('change', run); });
    $('stats-run').addEventListener('click', run);
    $('stats-kind').addEventListener('change', function () { st.kind = $('stats-kind').value; render(); });
    show();
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
