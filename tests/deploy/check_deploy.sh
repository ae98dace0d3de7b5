#!/usr/bin/env bash
# Checks a file of deploy/ with the tool that will read it in production.
#   check_deploy.sh SOURCE_DIR BINARY_DIR prometheus|grafana|haproxy|nginx|systemd|debian|kubernetes
set -euo pipefail
src=$1 bin=$2 what=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case "$what" in
  prometheus)
    promtool check rules "$src/deploy/prometheus/laso-alerts.yml"
    (cd "$src/deploy/prometheus" && promtool test rules laso-alerts.test.yml)
    ;;
  grafana)
    # Valid JSON, and every laso_ metric it (or an alert) draws is one laso exposes.
    python3 - "$src" <<'PY'
import json, pathlib, re, sys
src = pathlib.Path(sys.argv[1])
dashboard = json.loads((src / "deploy/grafana/laso.json").read_text())
exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
exprs.append((src / "deploy/prometheus/laso-alerts.yml").read_text())
used = {re.sub(r"_(bucket|sum|count)$", "", m) for e in exprs for m in re.findall(r"\blaso_[a-z_]+", e)}
code = "".join(p.read_text(errors="ignore") for d in ("services", "common") for p in (src / d).rglob("*.cc"))
exposed = set(re.findall(r'"(laso_[a-z_]+)"', code))
missing = sorted(used - exposed)
if missing:
    sys.exit("metrics no laso process exposes: " + ", ".join(missing))
print(f"{len(dashboard['panels'])} panels; {len(used)} laso metrics, all exposed")
PY
    ;;
  haproxy)
    haproxy -c -f "$src/deploy/haproxy/laso.cfg"
    ;;
  nginx)
    # A throwaway certificate where the example expects the real one.
    mkdir -p "$tmp/logs"
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=api.laso.test \
      -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null
    sed -e "s|/etc/ssl/laso/|$tmp/|" "$src/deploy/nginx/laso.conf" > "$tmp/laso.conf"
    printf 'pid %s/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n  include %s/laso.conf;\n}\n' \
      "$tmp" "$tmp" > "$tmp/nginx.conf"
    nginx -t -p "$tmp" -c "$tmp/nginx.conf"
    ;;
  systemd)
    # The template's instances with this build's binaries where the package puts them.
    cp "$src/deploy/systemd/laso.target" "$tmp/"
    for name in gateway $("$bin/tools/laso/laso" config services); do
      binary="$bin/services/$name/laso-$name"
      sed -e "s|/usr/bin/laso-%i|$binary|" "$src/deploy/systemd/laso@.service" > "$tmp/laso@$name.service"
      systemd-analyze verify --man=no "$tmp/laso@$name.service" "$tmp/laso.target"
      # Exposure on systemd's 0-10 scale, times ten: 20 = "OK" at 2.0 or better.
      systemd-analyze security --offline=true --threshold=20 "$tmp/laso@$name.service" | tail -1
    done
    ;;
  debian)
    # The package as a province installs it: built by CPack, read back with dpkg-deb.
    cpack -G DEB -B "$tmp" --config "$bin/CPackConfig.cmake" >/dev/null
    deb=$(ls "$tmp"/laso_*.deb)
    dpkg-deb -I "$deb" > "$tmp/info"
    grep -q "^ Depends:.*adduser" "$tmp/info"
    grep -q "^ Depends:.*libgrpc++" "$tmp/info"   # dpkg-shlibdeps found the libraries
    grep -q "postinst" "$tmp/info" && grep -q "conffiles" "$tmp/info"
    dpkg-deb -c "$deb" | awk '{print $6}' > "$tmp/contents"
    for path in ./usr/bin/laso ./usr/bin/laso-gateway ./lib/systemd/system/laso@.service ./lib/systemd/system/laso.target \
                ./etc/laso/laso.toml ./usr/share/doc/laso/laso.example.toml; do
      grep -qx "$path" "$tmp/contents" || { echo "missing from the package: $path" >&2; exit 1; }
    done
    for service in $("$bin/tools/laso/laso" config services); do
      grep -qx "./usr/bin/laso-$service" "$tmp/contents" || { echo "missing: laso-$service" >&2; exit 1; }
    done
    # Its configuration is valid and every data file it names is in the package.
    dpkg-deb -x "$deb" "$tmp/root"
    "$tmp/root/usr/bin/laso" config check --config "$tmp/root/etc/laso/laso.toml"
    for key in calendar.dir feedback.boundary_file waste.boundary_file waste.guide_file billing.providers_file \
               notify.templates_file; do
      value=$("$tmp/root/usr/bin/laso" config get "$key" --config "$tmp/root/etc/laso/laso.toml")
      [ -e "$tmp/root$value" ] || { echo "$key = $value is not in the package" >&2; exit 1; }
    done
    dpkg-deb -e "$deb" "$tmp/control"
    sh -n "$tmp/control/postinst" && sh -n "$tmp/control/postrm"
    # The keys postinst makes, with the packaged binary.
    "$tmp/root/usr/bin/laso" keys init "$tmp/keys" >/dev/null 2>&1
    [ "$(ls "$tmp/keys" | wc -l)" -ge 14 ]
    echo "$(basename "$deb"): $(wc -l < "$tmp/contents") entries, $(du -k "$deb" | cut -f1) KiB"
    ;;
  kubernetes)
    # Both overlays render; the PostgreSQL one runs two of every process, the SQLite one one on a volume.
    kubectl kustomize "$src/deploy/kubernetes/overlays/postgresql" > "$tmp/pg.yaml"
    kubectl kustomize "$src/deploy/kubernetes/overlays/sqlite" > "$tmp/sqlite.yaml"
    # Every service in the list and the gateway.
    processes=$(( $("$bin/tools/laso/laso" config services | wc -l) + 1 ))
    for file in pg sqlite; do
      [ "$(grep -c '^kind: Deployment' "$tmp/$file.yaml")" -eq $processes ] || { echo "$file: not $processes Deployments" >&2; exit 1; }
      [ "$(grep -c '^kind: PodDisruptionBudget' "$tmp/$file.yaml")" -eq $processes ] || { echo "$file: not $processes PDBs" >&2; exit 1; }
      grep -q 'path: /readyz' "$tmp/$file.yaml" && grep -q 'grpc:' "$tmp/$file.yaml"
    done
    [ "$(grep -c 'replicas: 2' "$tmp/pg.yaml")" -eq $processes ]
    [ "$(grep -c 'replicas: 1' "$tmp/sqlite.yaml")" -eq $processes ]
    [ "$(grep -c 'claimName: laso-state' "$tmp/sqlite.yaml")" -eq $processes ]
    grep -q 'LASO_STAFF_DATABASE' "$tmp/pg.yaml" && grep -q 'staff=dns:///staff:7106' "$tmp/pg.yaml"
    ! grep -q 'emptyDir' "$tmp/sqlite.yaml"
    grep -q 'LASO_FEEDBACK_DATABASE' "$tmp/pg.yaml"
    # The data files as a ConfigMap, every file laso.toml names.
    "$src/deploy/kubernetes/data-configmap.sh" > "$tmp/data.yaml"
    for file in long-an.geojson providers.json templates.json guide.json vn-2026.toml notice-v1.toml; do
      grep -q "^  $file:" "$tmp/data.yaml" || { echo "laso-data lacks $file" >&2; exit 1; }
    done
    echo "overlays render: postgresql $(grep -c '^kind:' "$tmp/pg.yaml") objects, sqlite $(grep -c '^kind:' "$tmp/sqlite.yaml")"
    ;;
  *)
    echo "unknown check: $what" >&2
    exit 2
    ;;
esac
