/*
 * cityeval dashboard: the small DOM and language helpers the tab scripts share (stats.js, whatif.js), so that each
 * keeps only its own strings and views. Loaded before them; no dependencies.
 */
(function (global) {
  'use strict';

  function byId(id) { return document.getElementById(id); }

  /** The page's language as app.js sets it on <html lang>: 'en' or 'zh'. */
  function lang() { return document.documentElement.lang === 'en' ? 'en' : 'zh'; }

  /** t(key, vars) over a script's own {zh: {...}, en: {...}} table: the page's language, then Chinese, then the key. */
  function translator(table) {
    return function t(key, vars) {
      var s = table[lang()][key] || table.zh[key] || key;
      if (vars) { Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(vars[k]); }); }
      return s;
    };
  }

  /** An element with attributes (null or undefined ones left out; 'class' as className) and text. */
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined) { return; }
      if (k === 'class') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  /** A descriptor's LocalizedText ({zh, en}) in the page's language, the other one failing that; '' for none. */
  function localized(text) {
    if (!text) { return ''; }
    return (lang() === 'en' ? (text.en || text.zh) : (text.zh || text.en)) || '';
  }

  global.CityevalDom = { byId: byId, lang: lang, translator: translator, el: el, clear: clear, localized: localized };
}(typeof window !== 'undefined' ? window : this));
