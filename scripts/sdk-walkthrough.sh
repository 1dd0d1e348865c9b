#!/bin/bash
# The model-authoring walkthrough (docs/model-authoring.md), timed, from an empty folder: unpack the full
# distribution, install the SDK, generate a project, edit its weights, mvn verify, serve and hot-deploy the jar,
# evaluate over HTTP, build the institution's zip. Prints the seconds each step took.
#
#   scripts/sdk-walkthrough.sh [WORK] [MIRROR]
#
# WORK (default /tmp/walk) must not exist. MIRROR, a local Maven repository holding the standard build plugins
# (default: ~/.m2/repository), stands in for Maven Central as a file:// mirror, so the run is offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/walk}
mirror=${2:-$HOME/.m2/repository}
zip=$root/distribution/archives/target/cityeval-full.zip
[ -f "$zip" ] || { echo "no $zip: build first (mvn install)" >&2; exit 2; }
[ ! -e "$work" ] || { echo "$work exists: give an empty place" >&2; exit 2; }
mkdir -p "$work" && cd "$work"
times=$work/times.txt
t() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); printf '%6.1f s  %s\n' "$(( (e - s) / 100000000 ))e-1" "$*" >> "$times"; }
cat > settings.xml <<X
<settings><mirrors><mirror><id>central-stand-in</id><url>file://$mirror</url><mirrorOf>*</mirrorOf></mirror></mirrors></settings>
X
M="-o -B -ntp -s $work/settings.xml -Dmaven.repo.local=$work/m2 -Daether.offline.protocols=file"
export MAVEN_SKIP_RC=true
t unzip -q "$zip"
t cityeval/bin/cityeval sdk install --repo "$work/m2" > /dev/null
t cityeval/bin/cityeval new-model acme --id acme-2025 --institution 某研究院 --title 某市智慧城市评估 > /dev/null
# the edit: the groups weighted 60/40 instead of 50/50 (leaves 35+25, 20+20)
python3 - <<'P'
import json
f = 'acme/src/main/resources/OSGI-INF/cityeval/models/acme-2025.json'
d = json.load(open(f, encoding='utf-8'))
for g, (w, kids) in zip(d['tree'], [(60, [35, 25]), (40, [20, 20])]):
    g['weight']['value'] = w
    for c, k in zip(g['children'], kids):
        c['weight']['value'] = k
json.dump(d, open(f, 'w', encoding='utf-8'), ensure_ascii=False, indent=2)
P
(cd acme && t mvn $M verify > "$work/verify.log")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
s=$(date +%s%N)
cityeval/bin/cityeval serve --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until grep -q "serving on" "$work/serve.log"; do kill -0 $server; sleep 0.2; done
cp acme/target/acme-1.0-SNAPSHOT.jar cityeval/models/.acme.part && mv cityeval/models/.acme.part cityeval/models/acme.jar
until curl -sf "http://127.0.0.1:$port/api/models" | grep -q '"acme-2025"'; do sleep 0.2; done
python3 -c "import json; print(json.dumps({'model': 'acme-2025', 'csv': open('acme/src/test/resources/sample-data.csv', encoding='utf-8').read()}))" > request.json
curl -sf -H 'Content-Type: application/json' --data @request.json "http://127.0.0.1:$port/api/evaluate" > result.json
e=$(date +%s%N)
printf '%6.1f s  %s\n' "$(( (e - s) / 100000000 ))e-1" "serve, drop the jar into models/, POST /api/evaluate" >> "$times"
kill $server
(cd acme && t mvn $M cityeval:distribution > "$work/distribution.log")
cat "$times"
python3 -c "import json; r = json.load(open('result.json', encoding='utf-8')); print('evaluated:', len(r['cities']), 'cities, top', r['cities'][0]['name'], r['cities'][0]['score'])"
