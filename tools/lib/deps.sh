# Shared by tools/up and tools/test: install the Debian 12 packages laso needs,
# only those missing, so a warm machine skips apt entirely.
# shellcheck shell=bash

LASO_BUILD_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  golang-github-grpc-ecosystem-grpc-gateway-dev golang-grpc-gateway
  libhiredis-dev libsqlite3-dev libssl-dev libicu-dev libboost-dev libcurl4-openssl-dev
  nlohmann-json3-dev libtomlplusplus-dev
  libgoogle-perftools-dev libgtest-dev libgmock-dev libical-dev
  libpq-dev postgresql libsodium-dev
  redis-server curl
  haproxy nginx prometheus systemd openssl python3 dpkg-dev
)

# The web clients (tools/web): Node and npm (Debian's when the machine has none; a machine with
# another Node keeps it: Debian's npm package conflicts with NodeSource's), Chromium for their tests.
LASO_WEB_TEST_PACKAGES=(chromium)

laso_missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

laso_install_packages() {
  local missing
  mapfile -t missing < <(laso_missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "laso: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Configures (once) and builds into $1 with extra CMake arguments after it.
laso_build() {
  local build_dir=$1
  shift
  # ccache keyed on paths relative to the checkout, so every clone shares hits.
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true CCACHE_COMPILERCHECK=content
  export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-8G}"
  if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  fi
  cmake --build "$build_dir" -j "$(nproc)"
}

# Node and npm, from Debian when the machine has neither.
laso_install_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then return 0; fi
  laso_install_packages nodejs npm
}

# Builds the web clients into $1/web/<client>: `npm ci` (only when package-lock.json changed since the
# last install here), then each workspace's build. Nothing generated lands in the source tree.
laso_build_web() {
  local build_dir=$1 lock stamp=tools/web/node_modules/.laso-lock
  lock=$(sha256sum tools/web/package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$lock" ]; then
    (cd tools/web && npm ci --no-audit --no-fund --loglevel=error) || return 1
    echo "$lock" >"$stamp"
  fi
  LASO_WEB_OUT_DIR="$PWD/$build_dir/web/" npm --prefix tools/web run build --silent >/dev/null || return 1
  echo "laso: web clients built into $build_dir/web/"
}
