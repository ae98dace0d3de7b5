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
