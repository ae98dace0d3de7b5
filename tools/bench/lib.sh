# Shared by the benchmarks in tools/bench/: processes, ports, wrk and nginx.
# Every load goes to 127.0.0.1 only, with bounded duration.
# shellcheck shell=bash

BENCH_PIDS=()
# A bench is one machine with a fresh data directory: its processes make their keys.
export LASO_KEYS_CREATE_MISSING=true
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

# A free port below the kernel's ephemeral range (which outgoing connections
# draw from), never one this script has handed out already.
BENCH_PORTS_GIVEN="$BENCH_TMP/ports-given"
bench_free_port() {
  local p low
  read -r low _ < /proc/sys/net/ipv4/ip_local_port_range || low=32768
  touch "$BENCH_PORTS_GIVEN"
  while true; do
    p=$(( 10000 + RANDOM % (low - 10000) ))
    grep -qx "$p" "$BENCH_PORTS_GIVEN" && continue
    bench_port_free "$p" && { echo "$p" >> "$BENCH_PORTS_GIVEN"; echo "$p"; return; }
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

# laso-staff, which makes the machine tokens `laso token` prints, and laso-privacy, which keeps residents'
# consent (without it they cannot file); before the gateway starts.
bench_accounts() {
  local endpoint="127.0.0.1:$(bench_free_port)" privacy="127.0.0.1:$(bench_free_port)"
  export LASO_STAFF_LISTEN="$endpoint" LASO_PRIVACY_LISTEN="$privacy"
  export LASO_GATEWAY_BACKENDS="${LASO_GATEWAY_BACKENDS:+$LASO_GATEWAY_BACKENDS,}staff=$endpoint,privacy=$privacy"
  bench_start staff build/services/staff/laso-staff
  bench_start privacy build/services/privacy/laso-privacy
  bench_wait_port "${endpoint##*:}"
  bench_wait_port "${privacy##*:}"
}

# bench_accept_notice API SESSION: the resident's session after accepting the privacy notice (every purpose).
bench_accept_notice() {
  local api=$1 session=$2 notice version choices
  notice=$(curl -sf "$api/v1/privacy-notice") || return 1
  version=$(sed -n 's/^{"version":\([0-9]*\).*/\1/p' <<<"$notice")
  choices=$(grep -o '"code":"[a-z0-9_]*"' <<<"$notice" | sed 's/"code":\(.*\)/{"purpose":\1,"granted":true}/' | paste -sd,)
  curl -sf -X PUT "$api/v1/me/consents" -H "Authorization: Bearer $session" -H 'Content-Type: application/json' \
    -d "{\"noticeVersion\":$version,\"choices\":[$choices]}" | sed -n 's/.*"sessionToken":"\([^"]*\)".*/\1/p'
}

# bench_staff_accounts FIRST LAST FILE: operator accounts bench-op-FIRST..LAST (each hashes a one-time
# password), one "username<TAB>one-time password<TAB>TOTP secret" line each in FILE, then their first
# sign-in through the gateway on $LASO_HTTP_PORT (staff-sign-in-bench setup sets their own passwords).
bench_staff_accounts() {
  local first=$1 last=$2 file=$3 i out
  echo "creating $(( last - first + 1 )) operator accounts (each hashes a one-time password)..." >&2
  : >"$file"
  for i in $(seq "$first" "$last"); do
    out=$(build/tools/laso/laso staff create "bench-op-$i" --role operator --name "Tổng đài viên $i")
    printf '%s\t%s\t%s\n' "bench-op-$i" "$(sed -n 's/^one-time password: //p' <<<"$out")" \
      "$(sed -n 's/^totp secret: //p' <<<"$out")" >>"$file"
  done
  build/tools/bench/staff-sign-in-bench "$LASO_HTTP_PORT" "$file" setup >&2
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

# bench_wrk URL [wrk args...] [-- script args...] -> sets WRK_RPS, WRK_P50, WRK_P99 (ms), WRK_ERRORS
bench_wrk() {
  local url=$1
  shift
  local out="$BENCH_TMP/wrk.out" options=() script_args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do options+=("$1"); shift; done
  script_args=("$@")  # "--" and what follows, if any: they go after the URL
  wrk --latency "${options[@]}" "$url" "${script_args[@]}" >"$out" 2>&1
  WRK_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  WRK_P50=$(bench_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  WRK_P99=$(bench_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  WRK_ERRORS=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
}

bench_rss_mb() {  # PID: peak resident set (VmHWM) in MB
  awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}

# bench_dossier_batch B N "STATUS..." MIN_AGE_DAYS: a /v1/dossiers:sync body of
# N dossiers H15.50.05.13-261102-<B><i> (B < 1000, i < 10000), each received
# MIN_AGE_DAYS to MIN_AGE_DAYS+19 days ago and then moved through STATUS...
# an hour apart. The applicant of dossier number k = B*N+i has phone 09<k:8>
# (the verifier) and ID number 0800<k:8>.
bench_dossier_batch() {
  awk -v b="$1" -v n="$2" -v statuses="$3" -v min_age="$4" -v now="$(date +%s)" '
  function rfc3339(t) { return strftime("%Y-%m-%dT%H:%M:%SZ", t, 1) }
  BEGIN {
    events = split(statuses, st, " ")
    printf "{\"dossiers\":["
    for (i = 0; i < n; i++) {
      k = b * n + i
      code = sprintf("H15.50.05.13-261102-%03d%04d", b, i)
      t0 = now - 86400 * (min_age + k % 20)
      printf "%s{\"code\":\"%s\",\"procedure\":{\"code\":\"1.004227\",\"name\":\"Đăng ký biến động quyền sử dụng đất\",\"field\":\"Đất đai\",\"processingDays\":10},", (i ? "," : ""), code
      printf "\"receivingAgency\":{\"code\":\"H15.50.05.13\",\"name\":\"Bộ phận Một cửa UBND phường Tân An\"},\"channel\":\"ONLINE\","
      printf "\"applicant\":{\"name\":\"Người nộp %d\",\"phone\":\"09%08d\",\"idNumber\":\"0800%08d\"},", i, k, k
      printf "\"fees\":[{\"name\":\"Lệ phí\",\"amountVnd\":\"20000\",\"paid\":true}],\"events\":["
      for (e = 1; e <= events; e++) {
        printf "%s{\"eventId\":\"%s-%d\",\"status\":\"%s\",\"time\":\"%s\",\"note\":\"Bước %d\"}", (e > 1 ? "," : ""), code, e, st[e], rfc3339(t0 + 3600 * e), e
      }
      printf "]}"
    }
    printf "]}"
  }'
}

bench_rss_now_mb() {  # PID: resident set now (VmRSS) in MB
  awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}

# BENCH_ENGINE=postgresql: a PostgreSQL of the bench's own (fsync and
# synchronous_commit on, its defaults: acknowledged means durable, as SQLite's
# synchronous=FULL) on a free loopback port, a database per service named, and
# LASO_<SERVICE>_DATABASE pointing at it. SQLite (the default) needs nothing.
BENCH_ENGINE=${BENCH_ENGINE:-sqlite}
bench_engine() {  # SERVICE...
  case "$BENCH_ENGINE" in
    sqlite) return 0 ;;
    postgresql) ;;
    *) echo "bench: BENCH_ENGINE is sqlite or postgresql" >&2; exit 2 ;;
  esac
  local bin data port svc as_pg=()
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  data="$BENCH_TMP/pg"
  port=$(bench_free_port)
  mkdir -p "$data" && chmod 700 "$data"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$data"
    as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups)
  fi
  "${as_pg[@]}" "$bin/initdb" -D "$data" -U laso --auth=trust -E UTF8 --no-locale >"$BENCH_TMP/initdb.log" 2>&1
  bench_start postgresql "${as_pg[@]}" "$bin/postgres" -D "$data" -p "$port" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories="$data" -c max_connections=200 -c shared_buffers=256MB
  for _ in $(seq 1 200); do  # the port opens before the server accepts sessions
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.05
  done
  for svc in "$@"; do
    "$bin/psql" "postgresql://laso@127.0.0.1:$port/postgres" -qc "CREATE DATABASE laso_$svc" >/dev/null
    export "LASO_${svc^^}_DATABASE=postgresql://laso@127.0.0.1:$port/laso_$svc"
  done
  echo "engine: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') (fsync on, synchronous_commit on)" >&2
}
