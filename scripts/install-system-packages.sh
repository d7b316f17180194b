#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need: headless Chromium (PDF dossiers, browser
# tests), DejaVu fonts (Cyrillic in print), poppler-utils (pdftotext, for the print tests), and Kiwix's
# zim-tools and kiwix-tools (zimcheck, kiwix-search, kiwix-serve and kiwix-manage, for the ZIM files and their
# library), minisign (to check signed releases as a reader would) and transmission-cli (transmission-show, to read
# the release torrent).
# Run as root; does nothing when everything is already installed.
set -euo pipefail
packages=(chromium fonts-dejavu-core poppler-utils zim-tools kiwix-tools minisign transmission-cli)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-packages: need root to install: ${missing[*]} (run: sudo $0)" >&2
  exit 1
fi
echo "install-system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
