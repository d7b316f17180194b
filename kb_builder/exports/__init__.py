"""Artefacts made from a built site: the reproducible zip with its checksums, the ZIM files for Kiwix, and the
PDF dossiers printed by headless Chromium."""
