/*
 * cityeval dashboard: names in the reader's language (issue 15). English mode shows cities and provinces in
 * pinyin (GET /api/names: the city registry's pinyin by adcode, provinces by full and short name), tiers by the
 * descriptor's English label or "Tier N", editions ("第十四届") as "14th edition". Chinese mode shows the rule
 * ids of a tier scheme by a label table. A name without a translation is shown as the data gives it.
 * Licence: Apache-2.0 (cityeval).
 */
(function () {
  'use strict';

  var cities = {};      // adcode → pinyin
  var provinces = {};   // 浙江省 / 浙江 → Zhejiang
  var tierLabels = {};  // tier id or Chinese name → English label, from the loaded descriptors

  var DIGITS = { '〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

  /** 一 … 九十九 as a number, else null. */
  function numeral(s) {
    if (/^\d+$/.test(s)) { return parseInt(s, 10); }
    var m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
    if (!m || (!m[1] && !m[2] && !m[3])) { return null; }
    if (!m[2]) { return m[3] ? null : DIGITS[m[1]]; }
    return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[3] ? DIGITS[m[3]] : 0);
  }

  function ordinal(n) {
    var s = ['th', 'st', 'nd', 'rd'], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }

  var CJK = /[\u3400-\u9fff]/;
  // regions of the map the city registry has no city of
  var REGIONS = { '南海诸岛': 'South China Sea Islands', '台湾': 'Taiwan', '香港': 'Hong Kong', '澳门': 'Macao',
    '台湾省': 'Taiwan', '香港特别行政区': 'Hong Kong', '澳门特别行政区': 'Macao' };

  function load() {
    return fetch('api/names', { headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (d) {
      if (d) { cities = d.cities || {}; provinces = d.provinces || {}; }
    }, function () { /* names stay as the data gives them */ });
  }

  /** Remembers the English labels of every tier a descriptor (model tree JSON) declares. */
  function learnModel(model) {
    (function walk(v, depth) {
      if (!v || typeof v !== 'object' || depth > 12) { return; }
      if (Array.isArray(v)) { v.forEach(function (x) { walk(x, depth + 1); }); return; }
      if (typeof v.id === 'string' && v.name && typeof v.name === 'object' && v.name.en
          && ('min' in v || 'max' in v || 'share' in v || 'count' in v)) {
        tierLabels[v.id] = v.name.en;
        if (v.name.zh) { tierLabels[v.name.zh] = v.name.en; }
      }
      Object.keys(v).forEach(function (k) { if (typeof v[k] === 'object') { walk(v[k], depth + 1); } });
    }(model, 0));
  }

  /** A city's name: pinyin in English mode where the registry has it. */
  function city(c, lang) {
    if (!c) { return ''; }
    if (lang === 'en' && c.adcode && cities[c.adcode]) { return cities[c.adcode]; }
    return c.name || c.adcode || '';
  }

  function cityByAdcode(adcode, name, lang) {
    return lang === 'en' && cities[adcode] ? cities[adcode] : (name || adcode || '');
  }

  /** A province's (or a province group's) name: romanised in English mode. */
  function province(name, lang) {
    if (!name) { return ''; }
    if (lang === 'en') {
      if (provinces[name]) { return provinces[name]; }
      if (REGIONS[name]) { return REGIONS[name]; }
      var short = String(name).replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');
      if (provinces[short]) { return provinces[short]; }
    }
    return name;
  }

  /** A tier: the descriptor's English label, else "Tier N" for 第N梯队, else as given. */
  function tier(id, lang, name) {
    if (!id) { return ''; }
    var shown = name || id;
    if (lang !== 'en') { return shown; }
    if (tierLabels[id]) { return tierLabels[id]; }
    if (name && tierLabels[name]) { return tierLabels[name]; }
    var m = /^第(.+)梯队$/.exec(shown);
    var n = m ? numeral(m[1]) : null;
    if (n !== null) { return 'Tier ' + n; }
    if (shown === '榜外') { return 'Unlisted'; }
    return shown;
  }

  /** An edition: "第十四届" as "14th edition" in English mode. */
  function edition(text, lang) {
    if (text === null || text === undefined) { return ''; }
    var s = String(text);
    if (lang !== 'en' || !CJK.test(s)) { return s; }
    return s.replace(/第([一二两三四五六七八九十\d]+)(届|版|期|轮)/, function (all, k) {
      var n = numeral(k);
      return n !== null ? ordinal(n) + ' edition' : all;
    });
  }

  /** Any text that may be a city, province or tier name (a chart label): the best English form. */
  function any(text, lang) {
    if (lang !== 'en' || !text || !CJK.test(String(text))) { return text; }
    var p = province(text, lang);
    if (p !== text) { return p; }
    var tr = tier(text, lang);
    if (tr !== text) { return tr; }
    return byName[text] && cities[byName[text]] ? cities[byName[text]] : text;
  }

  var byName = {}; // city name → adcode, from the results seen (learnCities)
  function learnCities(list) {
    (list || []).forEach(function (c) { if (c && c.name && c.adcode) { byName[c.name] = c.adcode; } });
  }

  window.CityevalNames = { load: load, learnModel: learnModel, learnCities: learnCities, city: city,
    cityByAdcode: cityByAdcode, province: province, tier: tier, edition: edition, any: any };
}());
