"""Sanitising the HTML of pages that contain authored text, so that entries can never inject code."""

from __future__ import annotations

import nh3

#: What the Markdown of generated pages produces; nothing else survives.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "blockquote": {"lang"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align", "data-sort", "data-empty"},
    "div": {"hidden", "data-due", "data-field", "data-type", "data-required"},
    "span": {"data-field"},
    "tr": {"data-code", "data-court", "data-year", "data-status", "data-outcome", "data-point"},
    "li": {"data-where", "data-stage", "data-citizenship", "data-value", "data-text"},
    "th": {"colspan", "rowspan", "align", "data-outcome"},
}
#: A phone number of the directory of organisations is a tel: link, so that a phone can dial it.
URL_SCHEMES = {"http", "https", "mailto", "tel"}
#: Class names that make the theme's script act: `mermaid` would make it fetch a diagram library
#: from a CDN, `md-*` are the theme's own components.
_ACTIVE_CLASSES = ("mermaid", "md-")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name != "class":
        return value
    kept = [c for c in value.split() if not c.startswith(_ACTIVE_CLASSES)]
    return " ".join(kept) or None


def sanitize_html(html: str) -> str:
    """Keep only plain document markup; links only to http, https, mailto or relative addresses."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )
