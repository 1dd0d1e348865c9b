/*
 * cityeval dashboard: the what-if weights panel of the evaluation view, kept apart from app.js. One labelled
 * slider per level-1 node of the current model; moving one re-evaluates on the server (debounced POST
 * /api/evaluate with "weights": the one engine, no aggregation in JavaScript) and the ranking shows each city's
 * rank move against the model's own (published) weights. "Save" stores the sliders as a named weight
 * configuration of the model (PUT /api/models/{id}/weight-configurations/{name}, provenance assumed); a saved one
 * can be evaluated again, and the result says that assumed weights were used. Labels in zh and en, following the
 * page's language (the <html lang> app.js sets).
 * Licence: Apache-2.0 (cityeval).
 */
(function () {
  'use strict';

  var I18N = {
    zh: {
      whatIf: '假设权重分析',
      whatIfHint: '拖动滑块调整一级指标的相对权重，服务器按新权重重新评估（同一评估引擎），排名随之更新；“变化”是相对于模型公布权重的名次变化。',
      whatIfNeedsData: '假设权重需要数据包或已上传的数据：请在上方选择。',
      whatIfReset: '恢复公布权重', whatIfSave: '保存为权重配置', whatIfName: '配置名称',
      whatIfSaved: '已保存的权重配置', whatIfNoneSaved: '尚无已保存的配置', whatIfUse: '用此配置评估',
      whatIfSavedOk: '已保存“{name}”', whatIfAssumed: '本结果使用了假设权重：{nodes}',
      whatIfPublished: '本结果使用模型自身的权重', whatIfRank: '名次', whatIfCity: '城市', whatIfScore: '得分',
      whatIfMove: '变化', whatIfTable: '假设权重下的排名', whatIfTop: '前 {n} 名（共 {total} 个城市）',
      whatIfConfig: '配置“{name}”', loading: '加载中…', whatIfShare: '{v}%'
    },
    en: {
      whatIf: 'What-if weights',
      whatIfHint: 'Move the sliders to change the relative weights of the level-1 indicators; the server re-evaluates with them (the same engine) and the ranking updates. "Move" is the change of rank against the model\'s published weights.',
      whatIfNeedsData: 'What-if weights need a data pack or an uploaded dataset: choose one above.',
      whatIfReset: 'Reset to published', whatIfSave: 'Save as weight configuration', whatIfName: 'Configuration name',
      whatIfSaved: 'Saved weight configurations', whatIfNoneSaved: 'No saved configuration yet', whatIfUse: 'Evaluate with it',
      whatIfSavedOk: 'Saved "{name}"', whatIfAssumed: 'This result used assumed weights: {nodes}',
      whatIfPublished: "This result uses the model's own weights", whatIfRank: 'Rank', whatIfCity: 'City', whatIfScore: 'Score',
      whatIfMove: 'Move', whatIfTable: 'Ranking with the what-if weights', whatIfTop: 'Top {n} (of {total} cities)',
      whatIfConfig: 'Configuration "{name}"', loading: 'Loading…', whatIfShare: '{v}%'
    }
  };
  var TOP = 20;
  var DEBOUNCE_MS = 250;

  var st = { model: null, tree: null, nodes: [], published: {}, baseline: null, baseKey: null, result: null,
    timer: null, seq: 0, label: null };

  var D = window.CityevalDom; // shared helpers (dom.js)
  var $ = D.byId;
  var lang = D.lang;
  var t = D.translator(I18N);
  var el = D.el;
  var clear = D.clear;
  function nameOf(n) { return n ? D.localized(n.name) || n.id : ''; }
  function cityName(c) { return lang() === 'en' ? (c.nameEn || c.pinyin || c.name) : c.name; }
  function api(method, path, body) {
    var init = { method: method, headers: { 'Accept': 'application/json' } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (r) {
      return r.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        var error = null;
        if (!r.ok) {
          error = data && data.error ? (window.CityevalI18n ? window.CityevalI18n.error(data, lang()) : data.error) : r.status + ' ' + r.statusText;
        }
        return { ok: r.ok, status: r.status, data: data, error: error };
      });
    }, function (e) { return { ok: false, status: 0, data: null, error: String(e && e.message ? e.message : e) }; });
  }
  function status(state, message) {
    var s = $('whatif-status');
    s.setAttribute('data-state', state);
    s.textContent = message || (state === 'loading' ? t('loading') : '');
  }

  /** The request fields naming the evaluation view's data, or null when what-if cannot use it. */
  function dataBody() {
    var v = $('source') ? $('source').value : '';
    var body = {};
    if (v.indexOf('pack:') === 0) { body.pack = v.substring(5); } else if (v.indexOf('dataset:') === 0) { body.dataset = v.substring(8); } else { return null; }
    var missing = $('missing') ? $('missing').value : '';
    if (missing) { body.missing = missing; }
    var year = $('year') ? $('year').value : '';
    if (year) { body.year = Number(year); }
    return body;
  }

  /** Each slider's share of the sliders' sum, in %: what the server makes of the relative weights. */
  function showShares() {
    var sum = 0;
    st.nodes.forEach(function (n) { sum += Number($('whatif-w-' + n.id).value); });
    st.nodes.forEach(function (n) {
      var v = Number($('whatif-w-' + n.id).value);
      $('whatif-w-' + n.id + '-value').textContent = t('whatIfShare', { v: sum > 0 ? Math.round(1000 * v / sum) / 10 : 0 });
    });
  }

  function weights() {
    var w = {};
    st.nodes.forEach(function (n) { w[n.id] = Number($('whatif-w-' + n.id).value); });
    return w;
  }

  // ---------- sliders ----------
  function buildSliders() {
    var box = clear($('whatif-sliders'));
    var total = 0;
    st.nodes.forEach(function (n) { total += n.weight && n.weight.value ? n.weight.value : 0; });
    st.published = {};
    st.nodes.forEach(function (n) {
      var share = total > 0 ? Math.round(1000 * (n.weight ? n.weight.value : 0) / total) / 10 : 0;
      st.published[n.id] = share;
      var id = 'whatif-w-' + n.id;
      var row = el('div', { class: 'whatif-row' });
      var label = el('label', { for: id, 'data-whatif-node': n.id }, nameOf(n));
      var input = el('input', { type: 'range', id: id, min: '0', max: '100', step: '0.5', value: String(share),
        'data-testid': 'whatif-slider', 'data-node': n.id });
      var out = el('output', { for: id, id: id + '-value', class: 'num' }, t('whatIfShare', { v: share }));
      input.addEventListener('input', function () {
        showShares();
        schedule();
      });
      row.appendChild(label);
      row.appendChild(input);
      row.appendChild(out);
      box.appendChild(row);
    });
  }

  function labels() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-whatif-i18n]'), function (n) { n.textContent = t(n.getAttribute('data-whatif-i18n')); });
    var name = $('whatif-name');
    if (name) { name.setAttribute('placeholder', t('whatIfName')); }
    Array.prototype.forEach.call(document.querySelectorAll('[data-whatif-node]'), function (n) {
      var node = st.nodes.filter(function (x) { return x.id === n.getAttribute('data-whatif-node'); })[0];
      if (node) { n.textContent = nameOf(node); }
    });
    renderRanking();
    renderSaved(st.saved || []);
  }

  // ---------- evaluation (on the server) ----------
  function schedule() {
    if (st.timer) { clearTimeout(st.timer); }
    st.timer = setTimeout(function () { st.timer = null; run({ weights: weights() }, null); }, DEBOUNCE_MS);
  }

  /** Evaluates with these extra fields ({weights} or {weightConfiguration}); the newest request wins. */
  function run(extra, label) {
    var body = dataBody();
    if (!body || !st.model) { status('unavailable', t('whatIfNeedsData')); return Promise.resolve(); }
    var seq = ++st.seq;
    status('loading');
    var base = ensureBaseline(body);
    return base.then(function () {
      return api('POST', 'api/evaluate', Object.assign({ model: st.model }, body, extra));
    }).then(function (res) {
      if (seq !== st.seq) { return; }
      if (!res.ok) { status('error', res.error); return; }
      st.result = res.data;
      st.label = label;
      status('done', '');
      renderRanking();
    });
  }

  function ensureBaseline(body) {
    var key = st.model + '|' + JSON.stringify(body);
    if (st.baseKey === key && st.baseline) { return Promise.resolve(st.baseline); }
    return api('POST', 'api/evaluate', Object.assign({ model: st.model }, body)).then(function (res) {
      if (res.ok) { st.baseline = res.data; st.baseKey = key; }
      return st.baseline;
    });
  }

  function renderRanking() {
    var table = $('whatif-table');
    var tbody = clear(table.tBodies[0]);
    var r = st.result;
    var note = $('whatif-assumed');
    if (!r) { note.textContent = ''; $('whatif-count').textContent = ''; return; }
    var names = {};
    (function walk(x) { if (!x) { return; } names[x.id] = nameOf(x); (x.children || []).forEach(walk); }(st.tree && st.tree.root));
    // the server says so (catalogue key evaluation.whatIf): the nodes the what-if weights set, as assumed
    var said = (r.messages || []).filter(function (m) { return m.key === 'evaluation.whatIf'; })[0]
      || (r.warnings || []).filter(function (w) { return w.indexOf('what-if weights were used') === 0; }).map(function (w) { return { key: 'text', args: [w] }; })[0];
    var assumed = (r.model && r.model.assumedWeights ? r.model.assumedWeights : []).filter(function (id) {
      return st.nodes.some(function (n) { return n.id === id; });
    });
    note.textContent = (st.label ? st.label + ' — ' : '') + (said
      ? t('whatIfAssumed', { nodes: (assumed.length ? assumed : st.nodes.map(function (n) { return n.id; }))
        .map(function (id) { return names[id] || id; }).join(lang() === 'en' ? ', ' : '、') })
      : t('whatIfPublished'));
    note.setAttribute('data-assumed', said ? 'true' : 'false');
    var before = {};
    ((st.baseline && st.baseline.cities) || []).forEach(function (c) { before[c.adcode] = c.rank; });
    var ranked = (r.cities || []).filter(function (c) { return c.rank !== null && c.rank !== undefined; })
      .sort(function (a, b) { return a.rank - b.rank; });
    $('whatif-count').textContent = t('whatIfTop', { n: Math.min(TOP, ranked.length), total: ranked.length });
    var precision = r.model && r.model.precision !== undefined ? r.model.precision : 1;
    ranked.slice(0, TOP).forEach(function (c) {
      var was = before[c.adcode];
      var move = was === undefined || was === null ? null : was - c.rank;
      var moveText = move === null ? '—' : move > 0 ? '▲' + move : move < 0 ? '▼' + (-move) : '＝';
      tbody.appendChild(el('tr', { 'data-adcode': c.adcode, 'data-testid': 'whatif-row', 'data-move': move === null ? '' : String(move) }, null));
      var row = tbody.lastChild;
      row.appendChild(el('td', { class: 'num' }, String(c.rank)));
      row.appendChild(el('td', null, cityName(c)));
      row.appendChild(el('td', { class: 'num' }, c.score === null || c.score === undefined ? '—' : Number(c.score).toFixed(precision)));
      row.appendChild(el('td', { class: 'num move' + (move > 0 ? ' up' : move < 0 ? ' down' : '') }, moveText));
    });
  }

  // ---------- saved configurations ----------
  function loadSaved() {
    if (!st.model) { return Promise.resolve(); }
    return api('GET', 'api/models/' + encodeURIComponent(st.model) + '/weight-configurations').then(function (res) {
      st.saved = res.ok && res.data ? res.data.configurations || [] : [];
      renderSaved(st.saved);
    });
  }

  function renderSaved(list) {
    var ul = clear($('whatif-saved'));
    if (!list.length) { ul.appendChild(el('li', { class: 'hint' }, t('whatIfNoneSaved'))); return; }
    list.forEach(function (c) {
      var li = el('li', { 'data-testid': 'whatif-saved-item', 'data-name': c.name });
      li.appendChild(el('span', null, c.name + ' '));
      var use = el('button', { type: 'button', 'data-testid': 'whatif-use', 'aria-label': t('whatIfUse') + ': ' + c.name }, t('whatIfUse'));
      use.addEventListener('click', function () {
        Object.keys(c.weights || {}).forEach(function (id) {
          var input = $('whatif-w-' + id);
          if (input) { input.value = String(c.weights[id]); }
        });
        showShares();
        run({ weightConfiguration: c.name }, t('whatIfConfig', { name: c.name }));
      });
      li.appendChild(use);
      ul.appendChild(li);
    });
  }

  function save() {
    var name = ($('whatif-name').value || '').trim();
    if (!name || !st.model) { $('whatif-name').focus(); return; }
    status('loading');
    api('PUT', 'api/models/' + encodeURIComponent(st.model) + '/weight-configurations/' + encodeURIComponent(name),
      { weights: weights() }).then(function (res) {
      if (!res.ok) { status('error', res.error); return; }
      status('done', t('whatIfSavedOk', { name: name }));
      loadSaved();
    });
  }

  function reset() {
    st.nodes.forEach(function (n) {
      $('whatif-w-' + n.id).value = String(st.published[n.id]);
    });
    showShares();
    st.seq++;
    st.result = st.baseline;
    st.label = null;
    status('done', '');
    renderRanking();
  }

  // ---------- model ----------
  function loadModel() {
    var id = $('model') ? $('model').value : '';
    if (!id) { return; }
    if (id === st.model && st.tree) { return; }
    st.model = id;
    st.tree = null; st.nodes = []; st.result = null; st.baseline = null; st.baseKey = null; st.label = null;
    clear($('whatif-sliders'));
    renderRanking();
    api('GET', 'api/models/' + encodeURIComponent(id)).then(function (res) {
      if (!res.ok || st.model !== id) { return; }
      st.tree = res.data;
      st.nodes = (res.data.root && res.data.root.children) || [];
      buildSliders();
      loadSaved();
    });
  }

  function init() {
    if (!$('whatif')) { return; }
    $('whatif-reset').addEventListener('click', reset);
    $('whatif-save').addEventListener('click', save);
    if ($('model')) { $('model').addEventListener('change', loadModel); }
    // app.js may set the picker without a change event (a URL or a kept view): look again when the view opens
    ['tab-evaluation', 'run-evaluation'].forEach(function (id) { if ($(id)) { $(id).addEventListener('click', loadModel); } });
    ['source', 'missing', 'year'].forEach(function (id) {
      if ($(id)) { $(id).addEventListener('change', function () { st.baseline = null; st.baseKey = null; }); }
    });
    new MutationObserver(labels).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    labels();
    // the model picker is filled (and set from the URL) before the page's first render: take it then
    if (document.body.getAttribute('data-ready') === 'true') { loadModel(); } else {
      var ready = new MutationObserver(function () {
        if (document.body.getAttribute('data-ready') === 'true') { ready.disconnect(); loadModel(); }
      });
      ready.observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
    }
  }

  window.CityevalWhatIf = { reload: loadModel };
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
}());
