"""The parts of whoosh the command-line search uses, without the modules whoosh imports and a search never uses.

Whatever one imports of whoosh-reloaded 2.7, its `compat` module imports `urllib.request` (for `urlretrieve`, which
nothing in whoosh calls) and its `reading` module imports the `cached_property` package, which imports `asyncio`
(used only when a cached property is a coroutine, and none of whoosh's is). Loading ssl, http, email, sockets and
the event loop for nothing was about a quarter of a `kb search` command's start-up. Its `filetables` module imports
`hashlib`, which loads OpenSSL, for an `md5` that the interpreter's own `_md5` module computes alike. So while
whoosh is first imported here, `urllib.request` and `hashlib` are stand-ins whose functions import the real module
when called (`md5` is `_md5`'s where the interpreter has it), and `cached_property` is the standard library's
`functools.cached_property` (the same behaviour for a plain method). No other module imported meanwhile imports
them (a test checks that none holds a stand-in), and the stand-ins leave `sys.modules` once whoosh is loaded, so any
other code in the process imports the real modules. In a process that has already imported them (a build), whoosh
is imported as it is.

Every other module of kb_builder takes whoosh's names from here.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _on_call(module: str, name: str) -> Callable[..., object]:
    """A function that imports `module` when first called and then calls its `name`."""

    def call(*args: object, **kwargs: object) -> object:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


def _md5() -> Callable[..., object]:
    """MD5 without OpenSSL: the interpreter's own module where it has one (the same digests), else hashlib's."""
    try:
        from _md5 import md5
    except ImportError:
        return _on_call("hashlib", "md5")
    return md5


@contextmanager
def _stand_ins() -> Iterator[None]:
    """The modules whoosh imports and a search does not use, stood in for while whoosh is imported, unless already
    imported."""
    placed = []
    for name, attributes in (
        ("urllib.request", {"urlretrieve": _on_call("urllib.request", "urlretrieve")}),
        ("hashlib", {"md5": _md5(), "sha1": _on_call("hashlib", "sha1")}),
        ("cached_property", {"cached_property": functools.cached_property}),
    ):
        if name not in sys.modules:
            stand_in = types.ModuleType(name, "Stands in while whoosh is imported (kb_builder.search.engine).")
            stand_in.__dict__.update(attributes)
            sys.modules[name] = stand_in
            placed.append((name, stand_in))
    try:
        yield
    finally:
        for name, stand_in in placed:
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


with _stand_ins():
    from whoosh import highlight
    from whoosh import index
    from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.fields import ID, STORED, TEXT, Schema
    from whoosh.reading import IndexReader, SegmentReader, TermNotFound

__all__ = [
    "ID", "STORED", "TEXT", "Filter", "IndexReader", "RegexTokenizer", "Schema", "SegmentReader", "TermNotFound",
    "Token", "Tokenizer", "W3Codec", "highlight", "index",
]
