#!/usr/bin/env bash
# Slow clients against the web API (issue 16): starts 'cityeval serve' from the assembled full distribution,
# opens N slow uploads (POST /api/upload declaring Content-Length 1 MB, then one byte every 5 s, as the issue
# describes them), waits until the server has answered the ones over its upload limit, and then sends
# GET /api/models back to back for S seconds (one at a time, each with a 30 s client timeout), timing each.
# Repeated R times; prints one row per run (slow uploads refused 503 / still open, requests, p50, p99, max,
# timeouts) and the medians. With SLOW_COMPARE=1 (default) the same is run against a second server whose
# upload limit is out of reach (-Dcityeval.http.maxUploads=100000), i.e. the server as it was before the limit.
# Stops the servers at the end, also on failure. Results go to docs/benchmarks.md by hand.
#   scripts/bench-slow-clients.sh [runs] [seconds] [slow-uploads]      (default 5 runs x 20 s, 200 uploads)
# Environment: CITYEVAL_DIST (default: the full distribution under distribution/archives), SLOW_COMPARE (1/0).
# Builds nothing; needs python3 (the clients) and the distribution (the command to build it is printed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
seconds=${2:-20}
slow=${3:-200}
compare=${SLOW_COMPARE:-1}
dist=${CITYEVAL_DIST:-$root/distribution/archives/target/cityeval-full/cityeval}
if [ ! -x "$dist/bin/cityeval" ]; then
  echo "bench-slow-clients: needs the full distribution ($dist); build it with" >&2
  echo "  (cd $root && mvn -B -ntp -DskipTests package -pl distribution/archives -am)" >&2
  exit 1
fi
command -v python3 >/dev/null || { echo "bench-slow-clients: needs python3" >&2; exit 1; }
# each slow upload is a socket in this shell and one in the server
[ "$(ulimit -n)" -ge $((slow * 2 + 256)) ] || ulimit -n $((slow * 2 + 256)) 2>/dev/null || true

work=$(mktemp -d)
pid=
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"   # SIGTERM: the shutdown hook stops the framework
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  pid=
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

cat >"$work/clients.py" <<'PY'
import socket, sys, threading, time, statistics
port, seconds, slow = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
refused, opened, stop = [0], [], threading.Event()
lock = threading.Lock()

def slow_upload():
    s = socket.create_connection(("127.0.0.1", port), timeout=600)
    s.sendall((f"POST /api/upload?name=slow.csv HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/csv\r\n"
               f"Content-Length: {1 << 20}\r\n\r\nadcode,x\n").encode())
    opened.append(s)
    def read():
        try:
            data = s.recv(4096)
            if data.startswith(b"HTTP/1.1 503"):
                with lock:
                    refused[0] += 1
        except OSError:
            pass
    threading.Thread(target=read, daemon=True).start()

def trickle():
    while not stop.wait(5):
        for s in list(opened):
            try:
                s.send(b"1")
            except OSError:
                pass

for _ in range(slow):
    slow_upload()
threading.Thread(target=trickle, daemon=True).start()
time.sleep(3)  # the uploads over the limit are answered at once; this lets the answers arrive
times, timeouts = [], 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    t0 = time.monotonic()
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=30)
        c.settimeout(30)
        c.sendall(f"GET /api/models HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = c.recv(65536)
            if not chunk:
                break
            data += chunk
        c.close()
        if not data.startswith(b"HTTP/1.1 200"):
            raise OSError("status " + data[:12].decode())
        times.append(time.monotonic() - t0)
    except OSError:
        timeouts += 1
stop.set()
for s in opened:
    s.close()
times.sort()
p = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000 if times else float("nan")
print(f"{refused[0]} {slow - refused[0]} {len(times)} {p(0.5):.1f} {p(0.99):.1f} {(times[-1] * 1000 if times else float('nan')):.1f} {timeouts}")
PY

bench() {   # $1: label, $2: extra CITYEVAL_JAVA_OPTS
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  CITYEVAL_JAVA_OPTS="$2 ${CITYEVAL_JAVA_OPTS:-}" "$dist/bin/cityeval" serve --port "$port" >"$work/server.log" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "cityeval serving on" "$work/server.log" && break
    kill -0 "$pid" 2>/dev/null || { echo "bench-slow-clients: the server stopped:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo
  echo "$1: cityeval serve $2 (port $port); $slow slow uploads, GET /api/models for $seconds s"
  printf '%-4s %8s %6s %9s %8s %8s %8s %9s %8s\n' run refused open requests p50_ms p99_ms max_ms timeouts load1
  : >"$work/rows"
  for r in $(seq 1 "$runs"); do
    row=$(python3 "$work/clients.py" "$port" "$seconds" "$slow")
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "$row $load" >>"$work/rows"
    # shellcheck disable=SC2086
    printf '%-4s %8s %6s %9s %8s %8s %8s %9s %8s\n' "$r" $row "$load"
    sleep 2   # the server notices the closed uploads
  done
  awk '{for (i = 1; i <= NF; i++) v[i, NR] = $i} END {
         printf "%-4s", "med"
         w[1] = 8; w[2] = 6; w[3] = 9; w[4] = 8; w[5] = 8; w[6] = 8; w[7] = 9; w[8] = 8
         for (i = 1; i <= 8; i++) {
           n = 0; for (j = 1; j <= NR; j++) a[++n] = v[i, j]
           for (x = 1; x <= n; x++) for (y = x + 1; y <= n; y++) if (a[y] + 0 < a[x] + 0) {t = a[x]; a[x] = a[y]; a[y] = t}
           m = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
           printf " %*s", w[i], m
         }
         printf "\n"
       }' "$work/rows"
  stop_server
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
bench "with the upload limit (default 16)" ""
if [ "$compare" = 1 ]; then
  bench "without it (limit out of reach)" "-Dcityeval.http.maxUploads=100000"
fi
