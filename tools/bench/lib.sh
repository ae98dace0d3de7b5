# Shared by the benchmarks in tools/bench/: processes, ports, wrk and nginx.
# Every load goes to 127.0.0.1 only, with bounded duration.
# shellcheck shell=bash

BENCH_PIDS=()
BENCH_TMP=$(mktemp -d /tmp/laso-bench-XXXXXX)
chmod 755 "$BENCH_TMP"  # nginx workers run as www-data and must read the files

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 0.3
  for pid in "${BENCH_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
[ -n "${BENCH_KEEP_LOGS:-}" ] && trap 'cp "$BENCH_TMP"/*.log "$BENCH_KEEP_LOGS"/ 2>/dev/null; bench_cleanup' EXIT

bench_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

bench_free_port() {
  local p
  while true; do
    p=$(( 20000 + RANDOM % 20000 ))
    bench_port_free "$p" && { echo "$p"; return; }
  done
}

bench_wait_port() {  # PORT
  for _ in $(seq 1 200); do
    bench_port_free "$1" || return 0
    sleep 0.05
  done
  echo "bench: nothing listens on $1" >&2
  return 1
}

bench_wait_endpoint() {  # host:port or unix:/path (a gRPC endpoint)
  case "$1" in
    unix:*)
      for _ in $(seq 1 200); do
        [ -S "${1#unix:}" ] && return 0
        sleep 0.05
      done
      echo "bench: no socket at ${1#unix:}" >&2
      return 1 ;;
    *) bench_wait_port "${1##*:}" ;;
  esac
}

bench_start() {  # NAME COMMAND... (logs to $BENCH_TMP/NAME.log)
  local name=$1
  shift
  "$@" >"$BENCH_TMP/$name.log" 2>&1 &
  BENCH_PIDS+=($!)
  eval "PID_${name//-/_}=$!"
}

bench_nginx() {  # PORT ROOT: nginx serving files from ROOT as application/json
  local port=$1 root=$2 conf="$BENCH_TMP/nginx.conf"
  cat >"$conf" <<EOT
daemon off;
worker_processes $(nproc);
pid $BENCH_TMP/nginx.pid;
error_log $BENCH_TMP/nginx.error.log;
events { worker_connections 4096; }
http {
  access_log $BENCH_TMP/nginx.access.log;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    location / { root $root; default_type application/json; }
  }
}
EOT
  bench_start nginx nginx -c "$conf" -p "$BENCH_TMP"
  bench_wait_port "$port"
}

# Milliseconds from a wrk latency like 812.00us, 1.23ms or 1.02s.
bench_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else printf "%s", v }'
}

# bench_wrk URL [wrk args...] -> sets WRK_RPS, WRK_P50, WRK_P99 (ms), WRK_ERRORS
bench_wrk() {
  local url=$1
  shift
  local out="$BENCH_TMP/wrk.out"
  wrk --latency "$@" "$url" >"$out" 2>&1
  WRK_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  WRK_P50=$(bench_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  WRK_P99=$(bench_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  WRK_ERRORS=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
}

bench_rss_mb() {  # PID: peak resident set (VmHWM) in MB
  awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}
