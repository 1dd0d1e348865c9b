/*
 * cityeval charts: the ECharts options the dashboard (app.js) and the offline HTML report (report.js) share.
 * Plain browser JavaScript, one global (CityevalCharts); every function takes a DOM element and the API's
 * JSON records (EvaluationResult, EvaluationModel, Concordance, UncertaintyResult) and returns the chart.
 * Licence: Apache-2.0 (cityeval). ECharts itself is loaded beside it (web/vendor/echarts.min.js).
 */
(function (root) {
  'use strict';

  var LABELS = {
    zh: {
      score: '得分', rank: '排名', tier: '梯队', mean: '均值', count: '城市数', weight: '权重', provenance: '权重来源',
      note: '说明', rate: '得分率', median: '中位排名', nominal: '名义排名', band: '5%–95% 区间', province: '省份',
      noScores: '该结果没有得分（只有公布的排名）', noLevel1: '该结果没有一级指标得分', noGroups: '没有省份数据',
      noData: '没有数据', noTiers: '两个模型没有可对照的梯队', tileGrid: '省份方块图（无地图数据）',
      published: '公布', derived: '推导', inferred: '推断', assumed: '假定', rho: 'Spearman ρ', cities: '城市',
      unit: '单位', scoring: '计分规则', ranked: '排名城市'
    },
    en: {
      score: 'Score', rank: 'Rank', tier: 'Tier', mean: 'Mean', count: 'Cities', weight: 'Weight', provenance: 'Provenance',
      note: 'Note', rate: 'Score rate', median: 'Median rank', nominal: 'Nominal rank', band: '5–95% band', province: 'Province',
      noScores: 'This result has no scores (published ranks only)', noLevel1: 'This result has no level-1 scores',
      noGroups: 'No province data', noData: 'No data', noTiers: 'The two models have no tiers to cross',
      tileGrid: 'Province tile grid (no map data)', published: 'published', derived: 'derived', inferred: 'inferred',
      assumed: 'assumed', rho: 'Spearman ρ', cities: 'Cities', unit: 'Unit', scoring: 'Scoring', ranked: 'ranked cities'
    }
  };

  /** Best tier first: green to red. */
  var TIER_COLOURS = ['#1a9850', '#66bd63', '#a6d96a', '#d9ef8b', '#fee08b', '#fdae61', '#f46d43', '#d73027', '#a50026'];
  var SERIES_COLOURS = ['#3b6fb6', '#e0803c', '#4c9f70', '#c0504d', '#8064a2', '#4bacc6', '#9b8a2f', '#d16ba5', '#5c6b73'];

  function label(lang, key) {
    var l = LABELS[lang] || LABELS.zh;
    return l[key] !== undefined ? l[key] : key;
  }

  function text(t, lang) {
    if (t === null || t === undefined) { return ''; }
    if (typeof t === 'string') { return t; }
    if (lang === 'en') { return t.en || t.zh || ''; }
    return t.zh || t.en || '';
  }

  // names in the reader's language (names.js, issue 15): pinyin cities and provinces, English tiers in 'en'
  function cname(c, lang) { return root.CityevalNames ? root.CityevalNames.city(c, lang) : c.name; }
  function pname(p, lang) { return root.CityevalNames ? root.CityevalNames.province(p, lang) : p; }
  function tname(id, lang, name) { return root.CityevalNames ? root.CityevalNames.tier(id, lang, name) : (name || id); }

  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** A number with at most `digits` decimals, trailing zeros dropped (85.70 → 85.7); '–' when missing. */
  function fmt(v, digits) {
    if (v === null || v === undefined || v === '' || isNaN(v)) { return '–'; }
    var s = Number(v).toFixed(digits === undefined ? 2 : digits);
    return s.indexOf('.') >= 0 ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  }

  /** A number with exactly `digits` decimals (a total at the model's display precision: 74.0). */
  function fixed(v, digits) {
    if (v === null || v === undefined || v === '' || isNaN(v)) { return '–'; }
    return Number(v).toFixed(digits === undefined ? 1 : digits);
  }

  /** 广西壮族自治区 → 广西, 北京市 → 北京: the names the map uses. */
  function shortProvince(name) {
    if (!name) { return name; }
    var special = { '内蒙古自治区': '内蒙古', '广西壮族自治区': '广西', '西藏自治区': '西藏', '宁夏回族自治区': '宁夏',
      '新疆维吾尔自治区': '新疆', '香港特别行政区': '香港', '澳门特别行政区': '澳门' };
    if (special[name]) { return special[name]; }
    return name.replace(/(省|市|自治区|特别行政区)$/, '');
  }

  function tierColours(n) {
    if (n <= 1) { return [TIER_COLOURS[0]]; }
    var out = [];
    for (var i = 0; i < n; i++) {
      out.push(TIER_COLOURS[Math.round(i * (TIER_COLOURS.length - 1) / (n - 1))]);
    }
    return out;
  }

  function init(el) {
    var existing = root.echarts.getInstanceByDom(el);
    if (existing) { existing.dispose(); }
    return root.echarts.init(el, null, { renderer: 'canvas' });
  }

  /** An empty chart that says why. */
  function message(el, msg) {
    var table = el.nextElementSibling;
    if (table && table.getAttribute('data-chart-table') === el.id) { table.remove(); }
    if (el.getAttribute('role') === 'img') { el.setAttribute('aria-label', msg); }
    var chart = init(el);
    chart.setOption({ title: { text: msg, left: 'center', top: 'middle', textStyle: { color: '#777', fontSize: 14, fontWeight: 'normal' } } });
    el.setAttribute('data-empty', 'true');
    return chart;
  }

  function ready(el) {
    el.removeAttribute('data-empty');
    el.setAttribute('data-rendered', 'true');
    if (options.textTables) { textTable(el); }
  }

  // ---------- text tables: every chart's data as a table (screen readers, keyboard, copying) ----------
  /** Set by the dashboard; the offline report draws its charts without them. */
  var options = { textTables: false };
  var TABLE_LABELS = {
    zh: { dataTable: '数据表', chartOf: '图表：{title}。数据见下方“数据表”。', item: '项目', series: '系列', value: '数值', axis: '指标', from: '从', to: '到', name: '名称' },
    en: { dataTable: 'Data table', chartOf: 'Chart: {title}. Its data are in the "Data table" below.', item: 'Item', series: 'Series', value: 'Value', axis: 'Indicator', from: 'From', to: 'To', name: 'Name' }
  };

  function pageLang() {
    return /^en/.test(document.documentElement.lang || '') ? 'en' : 'zh';
  }

  function tl(key) { return TABLE_LABELS[pageLang()][key]; }

  function cell(v) {
    if (v === null || v === undefined || v === '-') { return ''; }
    if (typeof v === 'object' && !Array.isArray(v)) { return cell(v.value); }
    if (Array.isArray(v)) { return v.map(cell).join(' – '); }
    if (typeof v === 'number') { return fmt(v, 2); }
    return String(v);
  }

  function itemName(d) { return d && typeof d === 'object' && !Array.isArray(d) ? d.name : undefined; }

  /** {head: [...], rows: [[...]]} from the chart's (normalised) option; null when it holds no data. */
  function tableOf(opt) {
    var series = (opt.series || []).filter(function (x) { return x && x.data; });
    if (!series.length) { return null; }
    var rows = [];
    var type = series[0].type;
    if (type === 'sunburst' || type === 'tree' || type === 'treemap') {
      var walk = function (nodes, path) {
        (nodes || []).forEach(function (n) {
          var name = path.concat([n.name]);
          rows.push([name.join(' › '), cell(n.value)]);
          walk(n.children, name);
        });
      };
      walk(series[0].data, []);
      return { head: [tl('name'), tl('value')], rows: rows };
    }
    if (type === 'sankey') {
      (series[0].links || []).forEach(function (l) { rows.push([l.source, l.target, cell(l.value)]); });
      return { head: [tl('from'), tl('to'), tl('value')], rows: rows };
    }
    if (type === 'radar') {
      series.forEach(function (x) {
        var radar = (opt.radar || [])[x.radarIndex || 0] || {};
        x.data.forEach(function (d) {
          (radar.indicator || []).forEach(function (ind, i) { rows.push([d.name || x.name || '', ind.name, cell((d.value || [])[i])]); });
        });
      });
      return { head: [tl('series'), tl('axis'), tl('value')], rows: rows };
    }
    if (type === 'heatmap') {
      var hx = ((opt.xAxis || [])[0] || {}).data || [];
      var hy = ((opt.yAxis || [])[0] || {}).data || [];
      series[0].data.forEach(function (d) {
        var v = Array.isArray(d) ? d : d.value;
        rows.push([cell(hx[v[0]]), cell(hy[v[1]]), cell(v[2])]);
      });
      return { head: [tl('item'), tl('item'), tl('value')], rows: rows };
    }
    var xa = (opt.xAxis || [])[0] || {};
    var ya = (opt.yAxis || [])[0] || {};
    if (type === 'scatter' && xa.type === 'value' && ya.type === 'value') {
      series.forEach(function (x) {
        x.data.forEach(function (d) { var v = d && d.value ? d.value : d; if (Array.isArray(v)) { rows.push([cell(itemName(d)), cell(v[0]), cell(v[1])]); } });
      });
      rows.sort(function (p, q) { return Number(p[1]) - Number(q[1]); });
      return { head: [tl('name'), xa.name || 'x', ya.name || 'y'], rows: rows };
    }
    var onY = ((opt.yAxis || [])[0] || {}).type === 'category';
    var axis = (onY ? opt.yAxis : opt.xAxis || [])[0];
    var cats = axis && axis.type === 'category' ? axis.data || [] : null;
    if (!cats || type === 'map') {
      series.forEach(function (x) {
        x.data.forEach(function (d, i) { rows.push([x.name || '', cell(itemName(d) !== undefined ? itemName(d) : i + 1), cell(d)]); });
      });
      return { head: [tl('series'), tl('item'), tl('value')], rows: rows };
    }
    // category axis: one row per category, one column per series (or the transpose when series outnumber them)
    var grid = cats.map(function () { return series.map(function () { return ''; }); });
    series.forEach(function (x, j) {
      x.data.forEach(function (d, i) {
        var v = d && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
        var at = i;
        if (Array.isArray(v)) {
          if (v.length === 2) { at = onY ? v[1] : v[0]; v = onY ? v[0] : v[1]; } else { at = v[0]; v = v.slice(1); }
        }
        if (grid[at]) { grid[at][j] = cell(v); }
      });
    });
    var names = series.map(function (x, j) { return x.name || tl('series') + ' ' + (j + 1); });
    var catNames = cats.map(function (c) { return cell(typeof c === 'object' && c !== null ? c.value : c); });
    if (series.length > cats.length) {
      return { head: [tl('series')].concat(catNames), rows: names.map(function (n, j) { return [n].concat(grid.map(function (r) { return r[j]; })); }) };
    }
    return { head: [tl('item')].concat(names), rows: catNames.map(function (c, i) { return [c].concat(grid[i]); }) };
  }

  /** The chart's heading (the panel's h3), for its accessible name. */
  function chartTitle(el) {
    for (var n = el.parentElement; n && n !== document.body; n = n.parentElement) {
      var h = n.querySelector('h2, h3, h4');
      if (h && h.textContent.trim()) { return h.textContent.trim(); }
    }
    return el.id || '';
  }

  /** A collapsed "data table" right after the chart, and the chart named as an image that points to it. */
  function textTable(el) {
    var box = el.nextElementSibling && el.nextElementSibling.getAttribute('data-chart-table') === el.id ? el.nextElementSibling : null;
    var chart = root.echarts && root.echarts.getInstanceByDom(el);
    var data = chart ? tableOf(chart.getOption()) : null;
    if (!data || !data.rows.length) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement('details');
      box.className = 'chart-data';
      box.setAttribute('data-chart-table', el.id);
      el.parentNode.insertBefore(box, el.nextSibling);
    }
    var title = chartTitle(el);
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', tl('chartOf').replace('{title}', title));
    var open = box.open;
    box.innerHTML = '';
    var summary = document.createElement('summary');
    summary.textContent = tl('dataTable') + (title ? ' · ' + title : '');
    var scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    scroll.setAttribute('tabindex', '0');
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-label', summary.textContent);
    var table = document.createElement('table');
    table.className = 'data compact';
    var head = table.createTHead().insertRow();
    data.head.forEach(function (h) { var th = document.createElement('th'); th.scope = 'col'; th.textContent = h; head.appendChild(th); });
    var body = table.createTBody();
    data.rows.forEach(function (r) {
      var tr = body.insertRow();
      r.forEach(function (v, i) {
        var c = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) { c.scope = 'row'; }
        c.textContent = v === undefined || v === null ? '' : String(v);
        tr.appendChild(c);
      });
    });
    scroll.appendChild(table);
    box.appendChild(summary);
    box.appendChild(scroll);
    box.open = open;
  }

  /** Level-1 nodes of a model (nested EvaluationModel JSON): [{id, name, weight}]. */
  function level1(model) {
    if (!model || !model.root || !model.root.children) { return []; }
    return model.root.children.map(function (n) {
      return { id: n.id, name: n.name, weight: n.weight ? n.weight.value : null };
    });
  }

  function tierOrder(result) {
    var order = [];
    (result.tiers || []).forEach(function (t) { order.push(t.id); });
    (result.cities || []).forEach(function (c) { if (c.tier && order.indexOf(c.tier) < 0) { order.push(c.tier); } });
    return order;
  }

  function tierName(result, id) {
    var t = (result.tiers || []).filter(function (x) { return x.id === id; })[0];
    return t && t.name ? t.name : id;
  }

  /** Horizontal bars of totals, best at the top, coloured by tier. */
  function rankingBars(el, result, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    var cities = (opts.cities || result.cities || []).filter(function (c) { return c.score !== null && c.score !== undefined; });
    if (!cities.length) { return message(el, label(lang, 'noScores')); }
    cities = cities.slice(0, opts.top || 30);
    var precision = result.model && result.model.precision !== undefined ? result.model.precision : 1;
    var order = tierOrder(result);
    var colours = tierColours(order.length);
    var chart = init(el);
    chart.setOption({
      animation: false,
      grid: { left: 90, right: 40, top: 10, bottom: 30 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var c = cities[p.dataIndex];
          return esc(cname(c, lang)) + '<br>' + label(lang, 'rank') + ': ' + esc(c.rank) + '<br>' + label(lang, 'score') + ': ' +
            fixed(c.score, precision) + (c.tier ? '<br>' + label(lang, 'tier') + ': ' + esc(tname(c.tier, lang, tierName(result, c.tier))) : '');
        }
      },
      xAxis: { type: 'value', name: label(lang, 'score'), max: result.model && result.model.scaleMax ? result.model.scaleMax : null },
      yAxis: { type: 'category', inverse: true, data: cities.map(function (c) { return c.rank + '. ' + cname(c, lang); }), axisLabel: { fontSize: 11 } },
      series: [{
        type: 'bar', barMaxWidth: 14,
        data: cities.map(function (c) {
          var i = order.indexOf(c.tier);
          return { value: c.score, itemStyle: { color: i >= 0 ? colours[i] : '#3b6fb6' } };
        }),
        label: { show: true, position: 'right', fontSize: 10, formatter: function (p) { return fixed(p.value, precision); } }
      }]
    });
    ready(el);
    return chart;
  }

  /** Stacked bars: each city's level-1 points, in the given order (best first). */
  function level1Bars(el, result, nodes, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    var cities = (opts.cities || result.cities || []).filter(function (c) {
      return c.scores && nodes.some(function (n) { return c.scores[n.id] !== undefined && c.scores[n.id] !== null; });
    }).slice(0, opts.top || 30);
    if (!nodes.length || !cities.length) { return message(el, label(lang, 'noLevel1')); }
    var chart = init(el);
    chart.setOption({
      animation: false,
      color: SERIES_COLOURS,
      legend: { top: 0, type: 'scroll' },
      grid: { left: 90, right: 30, top: 40, bottom: 30 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: label(lang, 'score') },
      yAxis: { type: 'category', inverse: true, data: cities.map(function (c) { return cname(c, lang); }), axisLabel: { fontSize: 11 } },
      series: nodes.map(function (n) {
        return {
          name: text(n.name, lang) || n.id, type: 'bar', stack: 'level1', barMaxWidth: 14,
          data: cities.map(function (c) { var v = c.scores[n.id]; return v === undefined ? null : v; })
        };
      })
    });
    ready(el);
    return chart;
  }

  /** Per province: value, tier, mean, count, rank — from groups.province, else from the cities. */
  function provinceData(result) {
    var groups = result.groups && result.groups.province;
    var rows = [];
    if (groups && groups.length) {
      groups.forEach(function (g) {
        rows.push({ name: shortProvince(g.name), full: g.name, mean: g.mean, count: g.count, rank: g.rank, tier: g.tier });
      });
    } else {
      var by = {};
      (result.cities || []).forEach(function (c) {
        if (!c.province) { return; }
        var p = by[c.province] || (by[c.province] = { name: shortProvince(c.province), full: c.province, sum: 0, scored: 0, count: 0 });
        p.count++;
        if (c.score !== null && c.score !== undefined) { p.sum += c.score; p.scored++; }
      });
      Object.keys(by).forEach(function (k) {
        var p = by[k];
        rows.push({ name: p.name, full: p.full, mean: p.scored ? p.sum / p.scored : null, count: p.count, rank: null, tier: null });
      });
    }
    return rows;
  }

  /** How provinces are coloured: by group tier, else by mean, else by city count. */
  function provinceColouring(rows, lang) {
    var tiers = [];
    rows.forEach(function (r) { if (r.tier && tiers.indexOf(r.tier) < 0) { tiers.push(r.tier); } });
    if (tiers.length) {
      var colours = tierColours(tiers.length);
      return {
        by: 'tier', value: function (r) { return r.tier ? tiers.indexOf(r.tier) : null; },
        visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0, itemGap: 8, textStyle: { fontSize: 11 },
          pieces: tiers.map(function (t, i) { return { value: i, label: tname(t, lang), color: colours[i] }; }) }
      };
    }
    var key = rows.some(function (r) { return r.mean !== null && r.mean !== undefined; }) ? 'mean' : 'count';
    var values = rows.map(function (r) { return r[key]; }).filter(function (v) { return v !== null && v !== undefined; });
    return {
      by: key, value: function (r) { return r[key] === undefined ? null : r[key]; },
      visualMap: {
        type: 'continuous', orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, calculable: false, text: ['', label(lang, key)],
        min: values.length ? Math.floor(Math.min.apply(null, values)) : 0,
        max: values.length ? Math.ceil(Math.max.apply(null, values)) : 1,
        inRange: { color: ['#f7fbff', '#9ecae1', '#2171b5', '#08306b'] }
      }
    };
  }

  function provinceTooltip(rows, lang) {
    return function (p) {
      var r = rows.filter(function (x) { return x.name === p.name; })[0];
      if (!r) { return esc(p.name); }
      return esc(pname(r.full, lang)) + '<br>' + label(lang, 'count') + ': ' + esc(r.count) +
        (r.mean !== null && r.mean !== undefined ? '<br>' + label(lang, 'mean') + ': ' + fmt(r.mean) : '') +
        (r.rank ? '<br>' + label(lang, 'rank') + ': ' + esc(r.rank) : '') +
        (r.tier ? '<br>' + label(lang, 'tier') + ': ' + esc(tname(r.tier, lang)) : '');
    };
  }

  /** Provinces of China coloured by the province group's tier (else mean); a tile grid without map data. */
  function provinceMap(el, result, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    var rows = provinceData(result);
    if (!rows.length) { return message(el, label(lang, 'noGroups')); }
    var colouring = provinceColouring(rows, lang);
    if (!root.echarts.getMap || !root.echarts.getMap('china')) { return provinceTiles(el, rows, colouring, lang); }
    var nameMap;
    if (lang === 'en') { // the regions and the data by their English names (the geo data names them in Chinese)
      nameMap = {};
      Object.keys(TILES).forEach(function (k) { nameMap[k] = pname(k, lang); });
      var geo = root.echarts.getMap('china');
      ((geo && geo.geoJson && geo.geoJson.features) || []).forEach(function (f) {
        if (f.properties && f.properties.name) { nameMap[f.properties.name] = pname(f.properties.name, lang); }
      });
      nameMap['南海诸岛'] = pname('南海诸岛', lang); // ECharts adds this region to the china map itself
      rows.forEach(function (r) { var en = pname(r.full, lang); nameMap[r.name] = en; r.name = en; });
    }
    var chart = init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: provinceTooltip(rows, lang) },
      visualMap: colouring.visualMap,
      series: [{
        type: 'map', map: 'china', roam: false, top: 10, bottom: 50, left: 10, right: 10, nameMap: nameMap,
        label: { show: false }, emphasis: { label: { show: true } },
        itemStyle: { areaColor: '#eeeeee', borderColor: '#999' },
        data: rows.map(function (r) { return { name: r.name, value: colouring.value(r) }; })
      }]
    });
    el.setAttribute('data-map', 'geo');
    el.setAttribute('data-coloured-by', colouring.by);
    ready(el);
    return chart;
  }

  // Tile positions [column, row], roughly where each province lies.
  var TILES = {
    '黑龙江': [8, 0], '吉林': [8, 1], '辽宁': [7, 1], '内蒙古': [5, 1], '新疆': [0, 2], '宁夏': [3, 2], '山西': [4, 2],
    '北京': [5, 2], '天津': [6, 2], '青海': [1, 3], '甘肃': [2, 3], '陕西': [3, 3], '河南': [4, 3], '河北': [5, 3],
    '山东': [6, 3], '西藏': [1, 4], '四川': [2, 4], '重庆': [3, 4], '湖北': [4, 4], '安徽': [5, 4], '江苏': [6, 4],
    '上海': [7, 4], '云南': [2, 5], '贵州': [3, 5], '湖南': [4, 5], '江西': [5, 5], '浙江': [6, 5], '广西': [3, 6],
    '广东': [4, 6], '福建': [5, 6], '台湾': [6, 6], '海南': [3, 7], '香港': [4, 7], '澳门': [5, 7]
  };

  function provinceTiles(el, rows, colouring, lang) {
    var chart = init(el);
    var cols = ['0', '1', '2', '3', '4', '5', '6', '7', '8'];
    var lines = ['0', '1', '2', '3', '4', '5', '6', '7'];
    var data = Object.keys(TILES).map(function (name) {
      var r = rows.filter(function (x) { return x.name === name; })[0];
      var v = r ? colouring.value(r) : null;
      return { value: [TILES[name][0], TILES[name][1], v === null ? '-' : v], name: name };
    });
    chart.setOption({
      animation: false,
      title: { text: label(lang, 'tileGrid'), left: 'center', top: 0, textStyle: { fontSize: 12, color: '#777', fontWeight: 'normal' } },
      tooltip: { formatter: function (p) { return provinceTooltip(rows, lang)({ name: p.data.name }); } },
      grid: { left: 10, right: 10, top: 30, bottom: 50 },
      xAxis: { type: 'category', data: cols, show: false },
      yAxis: { type: 'category', data: lines, inverse: true, show: false },
      visualMap: colouring.visualMap,
      series: [{
        type: 'heatmap', data: data,
        label: { show: true, formatter: function (p) { return pname(p.data.name, lang); }, fontSize: 11 },
        itemStyle: { borderColor: '#fff', borderWidth: 2 }
      }]
    });
    el.setAttribute('data-map', 'tiles');
    el.setAttribute('data-coloured-by', colouring.by);
    ready(el);
    return chart;
  }

  function provenanceOpacity(p) {
    return { published: 1, derived: 0.9, inferred: 0.7, assumed: 0.45 }[p] || 1;
  }

  function weightTooltip(n, lang) {
    var w = n.weight || {};
    var s = '<b>' + esc(text(n.name, lang) || n.id) + '</b> <span style="color:#888">' + esc(n.id) + '</span>' +
      '<br>' + label(lang, 'weight') + ': ' + fmt(w.value, 3) +
      '<br>' + label(lang, 'provenance') + ': ' + esc(label(lang, w.provenance || '')) ;
    if (w.note) { s += '<br>' + label(lang, 'note') + ': ' + esc(w.note); }
    if (n.unit) { s += '<br>' + label(lang, 'unit') + ': ' + esc(n.unit); }
    if (n.scoring && n.scoring.rule) { s += '<br>' + label(lang, 'scoring') + ': ' + esc(n.scoring.rule); }
    if (n.description) { s += '<br><span style="display:inline-block;max-width:360px;white-space:normal">' + esc(n.description) + '</span>'; }
    return s;
  }

  /** The indicator tree as a sunburst: angle by weight, opacity by provenance, tooltip with both. */
  function treeSunburst(el, model, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    if (!model || !model.root) { return message(el, label(lang, 'noData')); }
    var byId = {};
    function node(n) {
      byId[n.id] = n;
      var w = n.weight ? n.weight.value : 0;
      var out = {
        name: text(n.name, lang) || n.id, id: n.id,
        itemStyle: { opacity: provenanceOpacity(n.weight && n.weight.provenance) }
      };
      if (n.children && n.children.length) {
        out.children = n.children.map(node);
      } else {
        out.value = w > 0 ? w : 0.0001;
      }
      return out;
    }
    var data = (model.root.children || []).map(node);
    var chart = init(el);
    chart.setOption({
      animation: false,
      color: SERIES_COLOURS,
      tooltip: { formatter: function (p) { var n = byId[p.data.id]; return n ? weightTooltip(n, lang) : esc(p.name); } },
      series: [{
        type: 'sunburst', data: data, radius: ['12%', '95%'], sort: null, nodeClick: 'rootToNode',
        label: { rotate: 'radial', fontSize: 10, minAngle: 6, overflow: 'truncate', width: 80 },
        levels: [{}, { label: { fontSize: 12, rotate: 'tangential' } }, { label: { fontSize: 10 } }, { label: { fontSize: 9 } }]
      }]
    });
    ready(el);
    return chart;
  }

  /**
   * Radars of a city's level-1 score rates (percent), one per model (the models' domains differ).
   * entries: [{label, axes: [{name, max}], values: [...]}]
   */
  function profileRadar(el, entries, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    if (!entries.length) { return message(el, label(lang, 'noLevel1')); }
    var k = entries.length;
    var width = el.clientWidth || 600;
    var chart = init(el);
    chart.setOption({
      animation: false,
      color: SERIES_COLOURS,
      tooltip: { trigger: 'item' },
      title: entries.map(function (e, i) {
        return { text: e.label, left: ((i + 0.5) / k * 100) + '%', top: 0, textAlign: 'center', textStyle: { fontSize: 12 } };
      }),
      radar: entries.map(function (e, i) {
        return {
          indicator: e.axes.map(function (a) { return { name: a.name, max: 100 }; }),
          // room beside each radar for its axis names (about six characters): on a 390 px phone a radius of 120
          // cut them off at the screen's edges
          center: [((i + 0.5) / k * 100) + '%', '55%'], radius: Math.max(40, Math.min(120, 380 / k, (width / k) / 2 - 80)),
          axisName: { fontSize: 10, color: '#333' }
        };
      }),
      series: entries.map(function (e, i) {
        return {
          type: 'radar', radarIndex: i, name: e.label, areaStyle: { opacity: 0.2 },
          data: [{ name: e.label, value: e.values.map(function (v) { return v === null ? 0 : Math.round(v * 10) / 10; }) }]
        };
      })
    });
    ready(el);
    return chart;
  }

  /** Level-1 score rates as bars, for the models with too few level-1 nodes for a radar ([{model, node, value}]). */
  function profileBars(el, items, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    if (!items.length) { return message(el, label(lang, 'noData')); }
    var chart = init(el);
    chart.setOption({
      animation: false,
      grid: { left: 10, right: 40, top: 10, bottom: 20, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', max: 100, name: label(lang, 'rate') },
      yAxis: { type: 'category', inverse: true, data: items.map(function (b) { return b.model + ' · ' + b.node; }), axisLabel: { fontSize: 11 } },
      series: [{ type: 'bar', name: label(lang, 'rate'), data: items.map(function (b) { return Math.round(b.value * 10) / 10; }),
        label: { show: true, position: 'right', fontSize: 10 } }]
    });
    ready(el);
    return chart;
  }

  function modelLabel(id, opts) {
    return opts && opts.modelLabel ? opts.modelLabel(id) : id;
  }

  /** Each common city's rank under each model, joined by lines (a bump chart). */
  function rankBump(el, c, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    var ids = c && c.ranks ? (c.common && c.common.length ? c.common : Object.keys(c.ranks)) : [];
    if (!ids.length) { return message(el, label(lang, 'noData')); }
    var models = c.models.map(function (m) { return modelLabel(m, opts); });
    var top = opts.labelTop || 10;
    var last = c.models.length - 1;
    // labelled on both sides: left the first model's top N, right the last model's top N
    var leftTop = {};
    var rightTop = {};
    ids.forEach(function (a) {
      var r = c.ranks[a] || [];
      if (r[0] !== null && r[0] !== undefined && r[0] <= top) { leftTop[a] = true; }
      if (r[last] !== null && r[last] !== undefined && r[last] <= top) { rightTop[a] = true; }
    });
    var labelled = {};
    ids.forEach(function (a) { if (leftTop[a] || rightTop[a]) { labelled[a] = true; } });
    var chart = init(el);
    chart.setOption({
      animation: false,
      grid: { left: 110, right: 110, top: 30, bottom: 20 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) { return esc(p.seriesName) + '<br>' + esc(models[p.dataIndex]) + ': ' + label(lang, 'rank') + ' ' + esc(p.value); }
      },
      xAxis: { type: 'category', data: models, position: 'top', boundaryGap: false, axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', inverse: true, min: 1, max: ids.length, name: label(lang, 'rank') },
      series: ids.map(function (a, i) {
        var name = root.CityevalNames ? root.CityevalNames.cityByAdcode(a, c.names && c.names[a], lang) : (c.names && c.names[a]) || a;
        var show = !!labelled[a];
        return {
          type: 'line', name: name, symbolSize: 4, smooth: false,
          data: c.ranks[a].map(function (r, j) {
            var side = j === 0 && leftTop[a] ? 'left' : (j === last && rightTop[a] ? 'right' : null);
            return side ? { value: r, label: { show: true, position: side, formatter: name, fontSize: 10 } } : r;
          }),
          lineStyle: { width: show ? 2 : 1, opacity: show ? 0.9 : 0.35 },
          color: SERIES_COLOURS[i % SERIES_COLOURS.length],
          emphasis: { focus: 'series', lineStyle: { width: 3, opacity: 1 } },
          endLabel: { show: false },
          labelLayout: { moveOverlap: 'shiftY' },
          label: { show: false }
        };
      })
    });
    ready(el);
    return chart;
  }

  /**
   * Rank under model A (x) against rank under model B (y) for every common city of a Concordance, the diagonal
   * (same rank in both) drawn, and opts.highlight (an adcode: the searched or selected city) drawn large.
   * opts.pair = [i, j] picks the two models (default the first two).
   */
  function rankScatter(el, c, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    var pair = opts.pair || [0, 1];
    var ids = c && c.ranks ? (c.common && c.common.length ? c.common : Object.keys(c.ranks)) : [];
    ids = ids.filter(function (a) {
      var r = c.ranks[a] || [];
      return r[pair[0]] !== null && r[pair[0]] !== undefined && r[pair[1]] !== null && r[pair[1]] !== undefined;
    });
    if (!ids.length || !c.models || c.models.length < 2) { return message(el, label(lang, 'noData')); }
    var a = modelLabel(c.models[pair[0]], opts);
    var b = modelLabel(c.models[pair[1]], opts);
    var max = 1;
    ids.forEach(function (x) { max = Math.max(max, c.ranks[x][pair[0]], c.ranks[x][pair[1]]); });
    // the city's name in the reader's language (pinyin in English), as the bump chart names it
    var cityName = function (x) {
      return root.CityevalNames ? root.CityevalNames.cityByAdcode(x, c.names && c.names[x], lang) : (c.names && c.names[x]) || x;
    };
    var point = function (x) { return { name: cityName(x), adcode: x, value: [c.ranks[x][pair[0]], c.ranks[x][pair[1]]] }; };
    var others = ids.filter(function (x) { return x !== opts.highlight; }).map(point);
    var chosen = ids.filter(function (x) { return x === opts.highlight; }).map(point);
    var chart = init(el);
    chart.setOption({
      animation: false,
      grid: { left: 50, right: 20, top: 30, bottom: 45 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          return esc(p.name) + '<br>' + esc(a) + ': ' + esc(p.value[0]) + '<br>' + esc(b) + ': ' + esc(p.value[1]);
        }
      },
      xAxis: { type: 'value', name: a, nameLocation: 'middle', nameGap: 25, min: 1, max: max, inverse: false },
      yAxis: { type: 'value', name: b, nameLocation: 'end', min: 1, max: max, inverse: true },
      series: [
        { type: 'scatter', name: label(lang, 'cities'), symbolSize: 6, color: '#3b6fb6', data: others,
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#999', type: 'dashed' }, label: { show: false },
            data: [[{ coord: [1, 1] }, { coord: [max, max] }]] } },
        { type: 'scatter', name: chosen.length ? chosen[0].name : '', symbolSize: 14, color: '#d73027', data: chosen,
          label: { show: true, position: 'right', formatter: '{b}', fontSize: 12 } }
      ]
    });
    el.setAttribute('data-highlight', chosen.length ? opts.highlight : '');
    el.setAttribute('data-points', String(ids.length));
    ready(el);
    return chart;
  }

  /**
   * A panel's rank trajectories (bump chart): the top cities of the last year, their rank in each year of the
   * panel (a PanelResult: years, cities[{name, ranks}]); narrow screens get short labels.
   */
  function yearBump(el, panel, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    var years = panel && panel.years ? panel.years.map(String) : [];
    var cities = (panel && panel.cities ? panel.cities : []).filter(function (c) {
      return c.ranks && c.ranks[c.ranks.length - 1] !== null && c.ranks[c.ranks.length - 1] !== undefined;
    }).slice(0, opts.top || 10);
    if (years.length < 2 || !cities.length) { return message(el, label(lang, 'noData')); }
    var max = 1;
    cities.forEach(function (c) { c.ranks.forEach(function (r) { if (r !== null && r > max) { max = r; } }); });
    var narrow = el.clientWidth && el.clientWidth < 480;
    var chart = init(el);
    chart.setOption({
      animation: false,
      grid: { left: narrow ? 30 : 50, right: narrow ? 64 : 100, top: 30, bottom: 20 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) { return esc(p.seriesName) + '<br>' + esc(years[p.dataIndex]) + ': ' + label(lang, 'rank') + ' ' + esc(p.value); }
      },
      xAxis: { type: 'category', data: years, position: 'top', boundaryGap: false, axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', inverse: true, min: 1, max: max, minInterval: 1, name: narrow ? '' : label(lang, 'rank') },
      series: cities.map(function (c, i) {
        return {
          type: 'line', name: cname(c, lang), data: c.ranks, symbolSize: 5, connectNulls: false,
          color: SERIES_COLOURS[i % SERIES_COLOURS.length],
          emphasis: { focus: 'series', lineStyle: { width: 3 } },
          endLabel: { show: true, formatter: narrow ? function (p) { return p.seriesName.slice(0, 3); } : '{a}', fontSize: 10 },
          labelLayout: { moveOverlap: 'shiftY' }
        };
      })
    });
    ready(el);
    return chart;
  }

  /** Spearman's rho between every two models, as a matrix. */
  function spearmanHeatmap(el, c, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    if (!c || !c.models || !c.pairs || !c.pairs.length) { return message(el, label(lang, 'noData')); }
    var m = c.models;
    var data = [];
    for (var i = 0; i < m.length; i++) { data.push([i, i, 1]); }
    c.pairs.forEach(function (p) {
      var a = m.indexOf(p.a);
      var b = m.indexOf(p.b);
      var v = p.spearman ? p.spearman.value : null;
      if (a >= 0 && b >= 0 && v !== null && v !== undefined) {
        data.push([a, b, Math.round(v * 1000) / 1000]);
        data.push([b, a, Math.round(v * 1000) / 1000]);
      }
    });
    var names = m.map(function (x) { return modelLabel(x, opts); });
    var chart = init(el);
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) { return esc(names[p.value[0]]) + ' × ' + esc(names[p.value[1]]) + '<br>' + label(lang, 'rho') + ' = ' + p.value[2]; } },
      grid: { left: 130, right: 20, top: 10, bottom: 90 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 20, interval: 0, fontSize: 11, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { interval: 0, fontSize: 11, width: 120, overflow: 'truncate' } },
      visualMap: { min: -1, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
        inRange: { color: ['#b2182b', '#f7f7f7', '#2166ac'] }, text: ['1', '-1'] },
      series: [{ type: 'heatmap', data: data, label: { show: true, fontSize: 13 } }]
    });
    ready(el);
    return chart;
  }

  /** A tier cross-table as flows from one model's tiers to the other's. */
  function tierSankey(el, t, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    if (!t || !t.counts) { return message(el, label(lang, 'noTiers')); }
    var a = modelLabel(t.a, opts);
    var b = modelLabel(t.b, opts);
    var nodes = [];
    var links = [];
    var colours = tierColours(Math.max(t.rowsTiers.length, 1));
    var colourB = tierColours(Math.max(t.columnTiers.length, 1));
    t.rowsTiers.forEach(function (x, i) { nodes.push({ name: a + ' · ' + tname(x, lang), itemStyle: { color: colours[i] } }); });
    t.columnTiers.forEach(function (x, j) { nodes.push({ name: b + ' · ' + tname(x, lang), itemStyle: { color: colourB[j] } }); });
    t.rowsTiers.forEach(function (x, i) {
      t.columnTiers.forEach(function (y, j) {
        var v = t.counts[i] ? t.counts[i][j] : 0;
        if (v > 0) { links.push({ source: a + ' · ' + tname(x, lang), target: b + ' · ' + tname(y, lang), value: v }); }
      });
    });
    if (!links.length) { return message(el, label(lang, 'noTiers')); }
    var used = {};
    links.forEach(function (l) { used[l.source] = true; used[l.target] = true; });
    var chart = init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item' },
      title: [{ text: a, left: 10, top: 0, textStyle: { fontSize: 12 } }, { text: b, right: 10, top: 0, textStyle: { fontSize: 12 } }],
      series: [{
        type: 'sankey', left: 10, right: 110, top: 30, bottom: 10, nodeAlign: 'justify', layoutIterations: 0,
        data: nodes.filter(function (n) { return used[n.name]; }), links: links,
        lineStyle: { color: 'gradient', opacity: 0.45 },
        // the node names carry the model (they must be unique); the labels show the tier alone
        label: { fontSize: 11, formatter: function (p) { return p.name.split(' · ').slice(1).join(' · '); } }
      }]
    });
    ready(el);
    return chart;
  }

  /** Per city the 5–95% rank band (bar), the median (dot) and the nominal rank (diamond). */
  function rankBands(el, u, opts) {
    opts = opts || {};
    var lang = opts.lang || 'zh';
    var bands = (u && u.cities) || [];
    if (!bands.length) { return message(el, label(lang, 'noData')); }
    var names = bands.map(function (b) { return cname(b, lang) || b.adcode; });
    var chart = init(el);
    var visible = Math.min(bands.length, opts.visible || 30);
    chart.setOption({
      animation: false,
      legend: { top: 0, data: [label(lang, 'band'), label(lang, 'median'), label(lang, 'nominal')] },
      grid: { left: 100, right: 50, top: 40, bottom: 30 },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          var b = bands[ps[0].dataIndex];
          return esc(cname(b, lang)) + '<br>' + label(lang, 'nominal') + ': ' + b.nominal + '<br>' + label(lang, 'median') + ': ' +
            fmt(b.median, 1) + '<br>' + label(lang, 'band') + ': ' + fmt(b.p5, 1) + '–' + fmt(b.p95, 1);
        }
      },
      xAxis: { type: 'value', min: 1, max: function (v) { return Math.ceil(v.max) + 1; }, name: label(lang, 'rank') },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize: 11 } },
      dataZoom: bands.length > visible ? [
        { type: 'slider', yAxisIndex: 0, right: 5, startValue: 0, endValue: visible - 1, width: 14 },
        { type: 'inside', yAxisIndex: 0 }] : [],
      series: [
        {
          name: label(lang, 'band'), type: 'custom', color: '#7aa6d6',
          renderItem: function (params, api) {
            var y = api.value(0);
            var lo = api.coord([api.value(1), y]);
            var hi = api.coord([api.value(2), y]);
            var h = api.size([0, 1])[1] * 0.35;
            return {
              type: 'group', children: [
                { type: 'rect', shape: { x: lo[0], y: lo[1] - h / 2, width: Math.max(2, hi[0] - lo[0]), height: h }, style: { fill: '#7aa6d6', opacity: 0.6 } },
                { type: 'line', shape: { x1: lo[0], y1: lo[1] - h, x2: lo[0], y2: lo[1] + h }, style: { stroke: '#3b6fb6', lineWidth: 1 } },
                { type: 'line', shape: { x1: hi[0], y1: hi[1] - h, x2: hi[0], y2: hi[1] + h }, style: { stroke: '#3b6fb6', lineWidth: 1 } }
              ]
            };
          },
          encode: { x: [1, 2], y: 0 },
          data: bands.map(function (b, i) { return [i, b.p5, b.p95]; })
        },
        { name: label(lang, 'median'), type: 'scatter', symbolSize: 7, color: '#1f3f73', data: bands.map(function (b, i) { return [b.median, i]; }) },
        { name: label(lang, 'nominal'), type: 'scatter', symbol: 'diamond', symbolSize: 9, color: '#e0803c', data: bands.map(function (b, i) { return [b.nominal, i]; }) }
      ]
    });
    ready(el);
    return chart;
  }

  root.CityevalCharts = {
    labels: LABELS, label: label, text: text, esc: esc, fmt: fmt, fixed: fixed, shortProvince: shortProvince, tierColours: tierColours,
    level1: level1, message: message, rankingBars: rankingBars, level1Bars: level1Bars, provinceMap: provinceMap,
    provinceData: provinceData, treeSunburst: treeSunburst, profileRadar: profileRadar, rankBump: rankBump, rankScatter: rankScatter, profileBars: profileBars, yearBump: yearBump,
    spearmanHeatmap: spearmanHeatmap, tierSankey: tierSankey, rankBands: rankBands, options: options, tableOf: tableOf, textTable: textTable
  };
}(typeof window !== 'undefined' ? window : this));
