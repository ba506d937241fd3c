# shellcheck shell=bash
# Sourced by every entry point in script/: puts the npm-pinned Foundry binaries on PATH and, unless the user
# chose a compiler, points forge at the solc-js shim (script/solc).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unknown ;; esac
case "$(uname -m)" in x86_64 | amd64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=unknown ;; esac
# The platform packages hold the real binaries. The node_modules/.bin wrappers are node processes that spawn the
# binary as a child, and killing such a wrapper can orphan anvil, so we never use them.
for tool in forge cast anvil; do
  dir="$ROOT/node_modules/@foundry-rs/$tool-$os-$arch/bin"
  [ -d "$dir" ] && PATH="$dir:$PATH"
done
export PATH
unset os arch tool dir

# forge cannot download solc here; the shim compiles through solc-js. A user with native Foundry and solc can set
# FOUNDRY_SOLC themselves (or unset it after sourcing) and plain `forge` works with foundry.toml as it is.
export FOUNDRY_SOLC="${FOUNDRY_SOLC:-$ROOT/script/solc}"
