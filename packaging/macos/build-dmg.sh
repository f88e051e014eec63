#!/usr/bin/env bash
# Builds Ardoise's macOS disk image (.dmg) on a Mac; Apple's tools (hdiutil, codesign) exist only there,
# so the Debian build machine cannot make it (scripts/package makes the Linux and Windows installers).
#
# What it needs, and installs when missing (except Xcode's tools, which Apple's own installer brings):
#   - macOS 11 or later, on Apple silicon or Intel;
#   - the Xcode command-line tools (xcode-select --install): compiler, hdiutil, codesign;
#   - Rust through rustup (https://rustup.rs), then tauri-cli through cargo (a few minutes, once).
# Usage, from a clone of the repository:
#   packaging/macos/build-dmg.sh              # for this Mac's processor
#   packaging/macos/build-dmg.sh --universal  # one image for Apple silicon and Intel
# Output: dist/Ardoise_<version>_<arch>.dmg. The app holds the window and the `ardoise` command line
# (Ardoise.app/Contents/MacOS/ardoise).
#
# Signing: without an Apple Developer ID the app is unsigned; the first opening then needs a right click
# on Ardoise, « Ouvrir ». With one, export APPLE_SIGNING_IDENTITY (and, to notarise, APPLE_ID,
# APPLE_PASSWORD and APPLE_TEAM_ID) before running: Tauri's bundler signs and notarises with them.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

log() { printf '\033[1m[ardoise]\033[0m %s\n' "$*"; }
fail() { log "$*" >&2; exit 1; }

universal=false
case "${1:-}" in
  "") ;;
  --universal) universal=true ;;
  *) fail "Option inconnue « $1 » : --universal ou rien." ;;
esac

[ "$(uname -s)" = "Darwin" ] || fail "Ce script construit l'image disque sur un Mac. Sur Debian : scripts/package."
xcode-select -p >/dev/null 2>&1 ||
  fail "Installez d'abord les outils Xcode : xcode-select --install (puis relancez ce script)."

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    log "Installation de Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi
if ! cargo tauri --version >/dev/null 2>&1; then
  log "Installation de tauri-cli (cargo install, quelques minutes la première fois)"
  cargo install tauri-cli --version '^2' --locked --quiet
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
dist="${ARDOISE_DIST:-$root/dist}"
mkdir -p "$dist"

target_args=()
release="$target_dir/release"
if $universal; then
  rustup target add aarch64-apple-darwin x86_64-apple-darwin
  target_args=(--target universal-apple-darwin)
  release="$target_dir/universal-apple-darwin/release"
  # The command line, built for both processors and joined into one program, where the app expects it.
  cargo build --release -p ardoise --bin ardoise --target aarch64-apple-darwin
  cargo build --release -p ardoise --bin ardoise --target x86_64-apple-darwin
  mkdir -p "$release"
  lipo -create -output "$release/ardoise" \
    "$target_dir/aarch64-apple-darwin/release/ardoise" "$target_dir/x86_64-apple-darwin/release/ardoise"
fi

log "Construction de l'image disque (cargo tauri build --bundles dmg)"
# The command line goes inside the app, next to the window's program. tauri.conf.json's
# beforeBundleCommand builds it for this Mac (for --universal, lipo made it above).
overrides="{\"bundle\": {\"macOS\": {\"files\": {\"MacOS/ardoise\": \"$release/ardoise\"}}}}"
# macOS's own bash is 3.2: an empty array is "unbound" there under set -u, hence the ${a[@]+...} form.
(cd src-tauri && cargo tauri build --ci --bundles app,dmg ${target_args[@]+"${target_args[@]}"} --config "$overrides")

found=false
for image in "$release"/bundle/dmg/*.dmg; do
  [ -f "$image" ] || continue
  cp "$image" "$dist/"
  log "Image disque : $dist/$(basename "$image") ($(du -h "$image" | cut -f1))"
  found=true
done
$found || fail "Aucune image disque produite dans $release/bundle/dmg/."
log "Pour taper « ardoise » dans le Terminal après l'installation :"
log "  sudo ln -s /Applications/Ardoise.app/Contents/MacOS/ardoise /usr/local/bin/ardoise"
