#!/usr/bin/env bash
# Load test of the web API as whole processes: starts 'cityeval serve' from the assembled full distribution
# with a fixed heap, runs the load client (org.cityeval.benchmarks.LoadClient: N concurrent clients sending
# POST /api/evaluate back to back, a warm-up excluded, every answer checked) R times, and after each run
# records the server's memory: heap used after a forced full GC (jcmd GC.run, then jstat), resident set size
# and thread count (/proc/PID/status). Prints a table and the medians; stops the server at the end, also on
# failure. Results go to docs/benchmarks.md by hand.
#   scripts/bench-load.sh [runs] [seconds] [clients]          (default 3 runs x 60 s, 200 clients)
# Environment: LOAD_WARMUP (s, default 10, before every run), LOAD_HEAP (default 512m, -Xms = -Xmx),
#   LOAD_PORT (default: a free port), CITYEVAL_DIST (default: the full distribution under distribution/archives).
# Builds nothing: it needs the distribution and benchmarks/target/benchmarks.jar (the command to build them is
# printed when they are missing). Exits 1 when any request failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-3}
seconds=${2:-60}
clients=${3:-200}
warmup=${LOAD_WARMUP:-10}
heap=${LOAD_HEAP:-512m}
dist=${CITYEVAL_DIST:-$root/distribution/archives/target/cityeval-full/cityeval}
jar="$root/benchmarks/target/benchmarks.jar"
pack_csv="$root/bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"
table_csv="$root/bundles/org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/reference/guomai-psdf-2024-table1.csv"

if [ ! -x "$dist/bin/cityeval" ] || [ ! -f "$jar" ]; then
  echo "bench-load: needs the full distribution ($dist) and $jar; build them with" >&2
  echo "  (cd $root && mvn -B -ntp -DskipTests package -pl distribution/archives,benchmarks -am)" >&2
  exit 1
fi
for tool in jcmd jstat; do
  command -v "$tool" >/dev/null || { echo "bench-load: needs $tool (a JDK 17 on the PATH)" >&2; exit 1; }
done
port=${LOAD_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

work=$(mktemp -d)
pid=
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"   # SIGTERM: the shutdown hook stops the framework
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

# bin/cityeval execs java, so $! is the server JVM. bin/cityeval runs serve with the serial collector, whose
# full GC leaves up to MarkSweepDeadRatio (5%) of the old generation as dead, uncompacted filler: 17 MiB of a
# 512 MiB heap, which made "heap after GC" jump between 18 and 36 MiB from run to run. With 0 it is the live set.
CITYEVAL_JAVA_OPTS="-Xms$heap -Xmx$heap -XX:MarkSweepDeadRatio=0 ${CITYEVAL_JAVA_OPTS:-}" "$dist/bin/cityeval" serve --port "$port" \
  >"$work/server.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 1 600); do
  grep -q "cityeval serving on" "$work/server.log" && break
  kill -0 "$pid" 2>/dev/null || { echo "bench-load: the server stopped:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
grep -q "cityeval serving on" "$work/server.log" || { echo "bench-load: no server after 60 s" >&2; cat "$work/server.log" >&2; exit 1; }

heap_after_gc() {   # KiB in use in all heap spaces after a full GC
  jcmd "$pid" GC.run >/dev/null
  jstat -gc "$pid" | awk 'NR == 2 {printf "%d", $3 + $4 + $6 + $8}'
}
status() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }        # all CPUs, jiffies
server_cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }                         # jiffies
# connections the kernel dropped because a listen queue was full (machine-wide: a full accept queue shows
# as connections that take a second or more, SYNs being resent, rather than as refusals)
overflows() { awk '/^TcpExt:/ {if (!h) {split($0, k); h = 1} else for (i = 2; i <= NF; i++) if (k[i] == "ListenOverflows") print $i}' /proc/net/netstat; }
hz=$(getconf CLK_TCK)
cores=$(nproc)

echo "server: $dist/bin/cityeval serve --port $port, -Xms$heap -Xmx$heap -XX:MarkSweepDeadRatio=0, $(java -version 2>&1 | head -n 1)"
echo "machine: $cores cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load: $runs runs x ($warmup s warm-up + $seconds s measured), $clients clients; mix: every model on pack china-cities,"
echo "      on an upload of the same CSV (by token), and guomai-psdf-2024 on its table 1 sent inline"
kib=$(heap_after_gc)
printf 'after start: heap after GC %d MiB, RSS %d MiB, %d threads\n' $((kib / 1024)) $(($(status VmRSS) / 1024)) "$(status Threads)"
# one upload for all runs: the server keeps uploads (20 at most, an hour each), so an upload per run would
# show as heap growing run over run
token=$(java -cp "$jar" org.cityeval.benchmarks.LoadClient --url "http://127.0.0.1:$port" --upload-only "$pack_csv")
kib2=$(heap_after_gc)
printf 'after uploading %s: heap after GC %d MiB (the upload keeps %d KiB)\n' "$(basename "$pack_csv")" $((kib2 / 1024)) $((kib2 - kib))

rows=(); tput=(); p50=(); p99=(); heapm=(); rssm=(); failed=0
for r in $(seq 1 "$runs"); do
  b0=$(busy); s0=$(server_cpu); t0=$(date +%s.%N); o0=$(overflows)
  set +e
  java -cp "$jar" org.cityeval.benchmarks.LoadClient --url "http://127.0.0.1:$port" --clients "$clients" \
    --warmup "$warmup" --duration "$seconds" --dataset "$token" --inline "$table_csv" >"$work/run$r.txt" 2>&1
  code=$?
  set -e
  b1=$(busy); s1=$(server_cpu); t1=$(date +%s.%N); o1=$(overflows)
  load1=$(cut -d' ' -f1 /proc/loadavg)
  echo "== run $r"; cat "$work/run$r.txt"
  [ $code -eq 0 ] || failed=1
  result=$(grep '^RESULT' "$work/run$r.txt" || echo "RESULT requests=0 errors=? throughput=0 p50=0 p90=0 p99=0 max=0")
  val() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
  client=$(sed -n 's/^CLIENT cpu=//p' "$work/run$r.txt"); client=${client:-0}
  # CPU used by everything else on the machine during the run (other users' builds disturb the numbers)
  other=$(awk -v b="$((b1 - b0))" -v s="$((s1 - s0))" -v c="$client" -v hz="$hz" -v t="$t0" -v u="$t1" -v n="$cores" \
    'BEGIN {o = (b - s) / hz - c; if (o < 0) o = 0; printf "%.0f", 100 * o / ((u - t) * n)}')
  all=$(sed -n 's/^requests: .*(\([0-9]*\) in all.*/\1/p' "$work/run$r.txt"); all=${all:-0}
  # the server's CPU time per request (warm-up included): what a request costs, whatever else runs
  cpureq=$(awk -v s="$((s1 - s0))" -v hz="$hz" -v n="$all" 'BEGIN {if (n > 0) printf "%.1f", 1000 * s / hz / n; else print "-"}')
  servercpu=$(awk -v s="$((s1 - s0))" -v hz="$hz" -v t="$t0" -v u="$t1" -v n="$cores" 'BEGIN {printf "%.0f", 100 * s / hz / ((u - t) * n)}')
  kib=$(heap_after_gc)
  rss=$(($(status VmRSS) / 1024)); threads=$(status Threads)
  rows+=("$(printf '%3d  %8s  %6s  %7s  %7s  %7s  %7s  %8s  %9d  %7d  %7s  %6s%%  %6s%%  %6s%%' "$r" "$(val requests)" "$(val errors)" \
    "$(val throughput)" "$(val p50)" "$(val p90)" "$(val p99)" "$(val max)" $((kib / 1024)) "$rss" "$threads" "$servercpu" \
    "$(awk -v c="$client" -v t="$t0" -v u="$t1" -v n="$cores" 'BEGIN {printf "%.0f", 100 * c / ((u - t) * n)}')" "$other")  $(printf '%7s' "$cpureq")  $load1  $((o1 - o0))")
  tput+=("$(val throughput)"); p50+=("$(val p50)"); p99+=("$(val p99)"); heapm+=("$kib"); rssm+=("$rss")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
printf '%3s  %8s  %6s  %7s  %7s  %7s  %7s  %8s  %9s  %7s  %7s  %7s  %7s  %7s  %s  %s  %s\n' run requests errors 'req/s' 'p50 ms' \
  'p90 ms' 'p99 ms' 'max ms' 'heap MiB' 'RSS MiB' threads server client other 'CPU ms/req' load \
  'listen overflows'
echo "(heap: used after a full GC at the end of the run; CPU: share of all $cores cores during the run, by the server,"
echo " the load client and every other process; CPU ms/req: the server's CPU time per request, warm-up included;"
echo " load: 1-minute load average at the end, which counts our own threads)"
printf '%s\n' "${rows[@]}"
printf 'median: %s req/s, p50 %s ms, p99 %s ms, heap after GC %d MiB, RSS %d MiB\n' "$(median "${tput[@]}")" \
  "$(median "${p50[@]}")" "$(median "${p99[@]}")" $(( $(median "${heapm[@]}" | cut -d. -f1) / 1024 )) "$(median "${rssm[@]}" | cut -d. -f1)"
printf 'heap after GC by run (KiB): %s; run %d minus run 1: %+d KiB\n' "${heapm[*]}" "$runs" $(( ${heapm[-1]} - ${heapm[0]} ))
if [ -s "$work/server.log" ] && [ "$(wc -l <"$work/server.log")" -gt 1 ]; then
  echo "server log (beyond the start line; first 40 lines):"; sed -n "2,41p" "$work/server.log"
fi
[ $failed -eq 0 ] || { echo "bench-load: some requests failed (see above)" >&2; exit 1; }
