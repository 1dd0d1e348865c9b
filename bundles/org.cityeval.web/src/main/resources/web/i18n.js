/*
 * The server's words in the user's language, and city search by the server's own city resolution (issue 15).
 * Messages (warnings of a result, errors of the API) come with a catalogue key and arguments; the catalogue
 * (GET /api/messages) has an English and a Chinese template per key. A message the catalogue does not know is
 * shown as the server wrote it. Search asks GET /api/cities?q= (the CLI's resolution: pinyin, traditional and
 * short names, adcodes) rather than copying its rules here.
 */
(function () {
  'use strict';

  var catalogue = null;   // key → {en, zh}; null until loaded (or when the server has no catalogue)
  var searches = {};      // query → Promise of the adcodes it names

  function load() {
    return fetch('api/messages', { headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (d) { catalogue = d && d.messages ? d.messages : null; compiled = null; }, function () { catalogue = null; });
  }

  /**
   * The few English words the server puts inside an argument (its lists: "a, b and 3 more", "儋州市 (row 12)",
   * "ccid-digital-city-2020 as published"),
   * in Chinese; everything else in an argument is a data value and stays as it is.
   */
  function localiseArg(a, lang) {
    if (lang !== 'zh') { return a; }
    return a.replace(/ and (\d+) more$/, ' 等（另有 $1 项）').replace(/ \(row (\d+)\)/g, '（第 $1 行）')
      .replace(/ as published\b/g, ' 按公布结果');
  }

  function place(template, args, lang) {
    return template.replace(/\{(\d+)\}/g, function (all, i) {
      var a = args && args[Number(i)];
      return a === undefined || a === null ? '' : localiseArg(String(a), lang);
    });
  }

  /** A message {key, args, text} (or a plain string) in the language; the server's text when the key is unknown. */
  function say(m, lang) {
    if (m === null || m === undefined) { return ''; }
    if (typeof m === 'string') { return m; }
    var t = catalogue && m.key && catalogue[m.key];
    if (!t) { return m.text || (m.args && m.args.length ? String(m.args[0]) : ''); }
    return place(t[lang] || t.en, m.args || [], lang);
  }

  var compiled = null;    // [{key, re, order}] from the catalogue's English templates, in catalogue order

  function compile() {
    compiled = [];
    Object.keys(catalogue || {}).forEach(function (key) {
      var en = catalogue[key].en || '';
      var order = [];
      var re = '^' + en.split(/(\{\d+\})/).map(function (part) {
        var m = /^\{(\d+)\}$/.exec(part);
        if (m) { order.push(Number(m[1])); return '([\\s\\S]*?)'; }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }).join('') + '$';
      compiled.push({ key: key, re: new RegExp(re), order: order });
    });
  }

  /**
   * A note the server sends as English text only (comparison and uncertainty notes), in the language: the
   * catalogue's first English template that matches it whole gives its key and arguments, as the server's
   * MessageCatalogue.recognise does for warnings and errors; an unknown text is shown as written.
   */
  function sayText(text, lang) {
    if (lang === 'en' || !catalogue || typeof text !== 'string') { return text; }
    if (!compiled) { compile(); }
    for (var i = 0; i < compiled.length; i++) {
      var m = compiled[i].re.exec(text);
      if (m) {
        var args = [];
        compiled[i].order.forEach(function (n, g) { args[n] = m[g + 1]; });
        return say({ key: compiled[i].key, args: args, text: text }, lang);
      }
    }
    return text;
  }

  /** The error of an API answer ({error, key, args}) in the language. */
  function error(data, lang) {
    if (!data || !data.error) { return null; }
    return data.key ? say({ key: data.key, args: data.args, text: data.error }, lang) : data.error;
  }

  /** A result's warnings as messages: its {@code messages} when the server sent them, else its warning texts. */
  function messages(result) {
    if (!result) { return []; }
    if (result.messages) { return result.messages; }
    return (result.warnings || []).map(function (w) { return { key: 'text', args: [w], text: w }; });
  }

  /** Promise of the adcodes the query names (any form the CLI accepts); [] when none or when the server cannot say. */
  function findCities(query) {
    var q = (query || '').trim();
    if (!q || q.length > 80) { return Promise.resolve([]); }
    if (!searches[q]) {
      searches[q] = fetch('api/cities?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' } }).then(function (r) {
        return r.ok ? r.json() : { cities: [] };
      }).then(function (d) {
        return (d.cities || []).map(function (c) { return c.adcode; });
      }, function () { return []; });
    }
    return searches[q];
  }

  window.CityevalI18n = { load: load, say: say, sayText: sayText, error: error, messages: messages, findCities: findCities };
}());
