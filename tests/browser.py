"""The project's headless Chromium (kb_builder.exports.chromium), and the URL schemes that stay on the machine."""

from __future__ import annotations

from kb_builder.exports.chromium import chromium

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")

__all__ = ["LOCAL_SCHEMES", "chromium"]
