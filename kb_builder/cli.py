"""The `kb` command line: validate, build, export, keygen, release, verify, index, search, new, stale, reported, schema,
stats."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from typing import TYPE_CHECKING

# Only what every command needs is imported here; each command imports the rest itself, so that a quick one such
# as `kb search` does not wait for the schema, the page builder or the site.
from kb_builder.content.names import FILE_KIND_NAMES, LANGUAGES, TOPICS
from kb_builder.content.problems import EntryErrors

if TYPE_CHECKING:
    from collections.abc import Callable

    from kb_builder.content.loader import LoadResult, ParsedFile

DEFAULT_ENTRIES = Path("entries")
DEFAULT_INDEX = Path("site") / "cli-index"


class UsageError(Exception):
    """A mistake in how kb was called; printed as one line, exit status 2."""


def _report(result: LoadResult) -> int:
    for problem in sorted(result.problems + result.warnings):
        print(problem, file=sys.stderr)
    files_with_problems = len({p.path for p in result.problems})
    if result.problems:
        print(
            f"{len(result.problems)} problem(s) in {files_with_problems} file(s); "
            f"{len(result.files)} file(s) checked",
            file=sys.stderr,
        )
        return 1
    return 0


def count_of(result: LoadResult) -> str:
    """What was loaded: '39 entries, 12 guides, 8 templates, 30 decisions and 24 organisations' (kinds with none left out, entries
    always)."""
    parts = [f"{len(result.entries)} entries"]
    parts += [f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in ((len(result.guides), "guide"),
                                                                  (len(result.templates), "template"),
                                                                  (len(result.cases), "decision"),
                                                                  (len(result.organisations), "organisation")) if n]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def cmd_validate(args: argparse.Namespace) -> int:
    from kb_builder.content.glossary import load_glossary
    from kb_builder.content.loader import load_entries

    result = load_entries(args.entries)
    try:
        load_glossary()
    except EntryErrors as err:
        result.problems.extend(err.problems)
    status = _report(result)
    if status == 0:
        warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
        print(f"OK: {count_of(result)} in {len(result.files)} files, no problems{warned}")
    return status


def cmd_build(args: argparse.Namespace) -> int:
    from kb_builder.build import BuildError, build_site

    try:
        build_site(
            config_file=args.config,
            site_dir=args.site_dir,
            entries_dir=args.entries,
            dist_dir=None if args.no_bundle else args.dist,
            strict=not args.draft,
            pdfs=not args.no_pdf,
        )
    except BuildError as err:
        print(f"kb: {err}", file=sys.stderr)
        print("kb: nothing was replaced; the previous site and bundle are as they were", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kb_builder.content.loader import load_entries
    from kb_builder.site.export import ExportError, export_tree
    from kb_builder.site.language import SiteError

    result = load_entries(args.entries)
    if _report(result):
        return 1
    started = time.monotonic()
    try:
        counts = export_tree(config_file=args.config, entries_dir=args.entries, out_dir=args.dir,
                             progress=lambda message: print(message, file=sys.stderr, flush=True))
    except (ExportError, SiteError) as err:
        print(f"kb: {err}", file=sys.stderr)
        return 1
    pages = ", ".join(f"{n} {lang}" for lang, n in counts.items())
    print(f"kb: exported {pages} pages to {args.dir} in {time.monotonic() - started:.1f} s; "
          f"build a language with `mkdocs build -f {args.dir / LANGUAGES[0] / 'mkdocs.yml'}`", file=sys.stderr)
    return 0


def _inside_repository(path: Path) -> bool:
    here = Path(__file__).resolve().parent.parent
    return path.resolve() == here or here in path.resolve().parents


def cmd_keygen(args: argparse.Namespace) -> int:
    from kb_builder import signing

    secret_file, public_file = args.dir / "release-key.sec", args.dir / "release-key.pub"
    if _inside_repository(args.dir):
        raise UsageError(f"{args.dir} is inside the repository (expected a folder outside it: a secret key is never "
                         "committed)")
    if secret_file.exists():
        raise UsageError(f"{secret_file} already exists (expected a new folder; an existing key is never overwritten)")
    args.dir.mkdir(parents=True, exist_ok=True)
    secret = signing.generate()
    secret_file.touch(mode=0o600)
    secret_file.write_text(secret.file_text(), encoding="ascii")
    public_file.write_text(secret.public.file_text(), encoding="ascii")
    print(f"kb: wrote {secret_file} (keep it secret and safe) and {public_file}; key id {secret.public.id_hex}. "
          f"Publish the public key: copy it to kb_builder/data/release-key.pub", file=sys.stderr)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from importlib.metadata import version

    from kb_builder import signing
    from kb_builder.build_info import build_date
    from kb_builder.exports.release import sign_release

    source = args.secret_key_file or (Path(os.environ["KB_SECRET_KEY_FILE"]) if os.environ.get("KB_SECRET_KEY_FILE") else None)
    if source is None:
        raise UsageError("no secret key (expected --secret-key-file FILE or KB_SECRET_KEY_FILE, a minisign secret key "
                         "kept outside the repository)")
    if _inside_repository(source):
        raise UsageError(f"{source} is inside the repository (expected the secret key kept outside it)")
    try:
        secret = signing.read_secret(source.read_text(encoding="ascii"))
        published = signing.release_key()
        if secret.public != published:
            print(f"kb: warning: this key ({secret.public.id_hex}) is not the one the pages show "
                  f"({published.id_hex}); readers will check against the pages' key", file=sys.stderr)
        web_seeds = tuple(s for s in os.environ.get("KB_WEB_SEEDS", "").split() if s)
        _, magnet = sign_release(args.dist, secret, version("rights-atlas"), build_date(Path(".")), web_seeds=web_seeds,
                                 progress=lambda message: print(message, file=sys.stderr, flush=True))
    except (OSError, signing.SigningError) as err:
        print(f"kb: {err}", file=sys.stderr)
        return 1
    print(magnet)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from kb_builder import signing
    from kb_builder.exports.release import verify_copy

    try:
        key = signing.release_key(args.public_key)
    except signing.SigningError as err:
        print(f"kb: {err}", file=sys.stderr)
        return 1
    try:
        problems = verify_copy(args.path, key) if args.path.is_dir() else []
        if not args.path.is_dir():
            signing.verify(args.path, key)
    except signing.SigningError as err:
        problems = [str(err)]
    for problem in problems:
        print(f"kb: {problem}", file=sys.stderr)
    if problems:
        print(f"kb: {args.path} did NOT pass the check against the atlas's key {key.id_hex}", file=sys.stderr)
        return 1
    print(f"OK: {args.path} is complete, unchanged and signed with the atlas's key {key.id_hex}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kb_builder.mkdocs_plugin.render import RenderError, serve_language

    if not args.config.is_file():
        raise UsageError(f"no site configuration at {args.config} (expected mkdocs.yml; run kb from the atlas's folder)")
    print(f"kb: previewing the {args.lang} site at http://{args.dev_addr}/ (Ctrl+C stops); it is rebuilt when an "
          "entry, guide, template, decision or page is saved", file=sys.stderr, flush=True)
    try:
        serve_language(args.config, args.lang, args.entries, args.dev_addr)
    except RenderError as err:
        print(f"kb: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from kb_builder.content.loader import display, load_entries
    from kb_builder.search.terminal import build_index

    result = load_entries(args.entries)
    if _report(result):
        return 1
    started = time.monotonic()
    build_index(result, args.index)
    print(f"kb: indexed {count_of(result)} into {display(args.index)} in {time.monotonic() - started:.1f} s",
          file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from kb_builder.search.terminal import SearchError, Searcher, describe, hit_dict

    try:
        searcher = Searcher(args.index)
        try:
            hits = searcher.search(
                " ".join(args.query), lang=args.lang, jurisdiction=args.jurisdiction, topic=args.topic, limit=args.limit
            )
        finally:
            searcher.close()
    except SearchError as err:
        raise UsageError(str(err)) from None
    if args.json:
        print(json.dumps([hit_dict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("no results", file=sys.stderr)
        return 0
    print("\n\n".join(describe(hit, rank) for rank, hit in enumerate(hits, start=1)))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from kb_builder.content import skeleton
    from kb_builder.content.jurisdictions import JURISDICTION_CODES, jurisdiction_slug
    from kb_builder.content.loader import display

    code = args.jurisdiction.upper()
    if code not in JURISDICTION_CODES:
        raise UsageError(f"unknown jurisdiction {args.jurisdiction!r} (expected an ISO 3166-1 alpha-2 code, EU or INT)")
    if args.topic not in TOPICS:
        raise UsageError(f"unknown topic {args.topic!r} (expected one of: {', '.join(TOPICS)})")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.slug):
        raise UsageError(f"{args.slug!r} is not a valid name (expected lower-case letters, digits and hyphens)")
    path = args.entries / jurisdiction_slug(code) / f"{args.slug}.yaml"
    if path.exists():
        raise UsageError(f"{display(path)} already exists (expected a new name; nothing was written)")
    text = skeleton.render(jurisdiction=code, topic=args.topic, slug=args.slug, today=dt.date.today())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {display(path)}")
    return 0


def _of_jurisdiction(items: list[ParsedFile], code: str | None) -> list[ParsedFile]:
    """The entry files of one jurisdiction (all of them without a code); a code the atlas has no entry of is a
    usage error."""
    if not code:
        return items
    kept = [item for item in items if item.entry.jurisdiction == code.upper()]
    if not kept:
        raise UsageError(f"no entries of {code!r} (expected a jurisdiction the atlas has, such as RU)")
    return kept


def cmd_stale(args: argparse.Namespace) -> int:
    from kb_builder.content.loader import load_entries

    result = load_entries(args.entries)
    if _report(result):
        return 1
    today = args.today or dt.date.today()
    overdue = sorted((item.entry.review_due, item.entry.id, item.display_path) for item in result.entries
                     if item.entry.is_overdue(today))
    for due, entry_id, path in overdue:
        print(f"{path}: {entry_id} was due for review on {due.isoformat()}")
    print(f"{len(overdue)} of {len(result.entries)} entries overdue for review on {today.isoformat()}", file=sys.stderr)
    return 0


def cmd_reported(args: argparse.Namespace) -> int:
    from kb_builder.content import provenance
    from kb_builder.content.loader import load_entries

    result = load_entries(args.entries)
    if _report(result):
        return 1
    items = _of_jurisdiction(result.entries, args.jurisdiction)
    entries = 0
    facts = 0
    for item in sorted(items, key=lambda item: item.display_path):
        warned = provenance.warned(item.entry)
        entries += bool(warned)
        facts += len(warned)
        for fact in warned:
            line, col = item.doc.position(fact.loc)
            name = fact.label.en if fact.label else fact.column
            publishers = "; ".join(dict.fromkeys(ground.publisher for ground in fact.provenance.grounds))
            print(f"{item.display_path}:{line}:{col}: {name!r} rests on reports only: {publishers} "
                  "(expected a law text, a court decision or an official source)")
    print(f"{facts} fact(s) a reader acts on rest on reports only, in {entries} of {len(items)} entries; "
          "their pages show them in a warning box", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from kb_builder.content.schema import json_schema

    print(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kb_builder.build_info import build_date
    from kb_builder.content import provenance
    from kb_builder.content.loader import display, load_entries
    from kb_builder.content.source_policy import CLASSES as SOURCE_CLASSES
    from kb_builder.content.source_policy import POLICY_FILE, UNLISTED, load_policy

    result = load_entries(args.entries)
    if _report(result):
        return 1
    entries = [item.entry for item in _of_jurisdiction(result.entries, args.jurisdiction)]
    today = build_date()
    by_jurisdiction = Counter(e.jurisdiction for e in entries)
    by_topic = Counter(e.topic for e in entries)
    coverage = {
        lang: sum(1 for e in entries if lang not in e.missing_languages()) for lang in LANGUAGES
    }
    overdue = sorted((e.review_due, e.id) for e in entries if e.is_overdue(today))
    facts = Counter(fact.provenance.cls for e in entries for fact in provenance.facts(e))
    warned = {e.id: n for e in entries if (n := len(provenance.warned(e)))}
    policy = load_policy()
    sources = Counter(policy.ruling(s.url).cls for e in entries for s in e.sources)
    total_sources = sum(sources.values())
    # Every address an entry cites, once: its sources and the texts of its legal bases as they were read.
    addresses = Counter(policy.ruling(url).cls for e in entries
                        for url in dict.fromkeys([*(b.url for b in e.legal_basis if b.url), *(s.url for s in e.sources)]))
    total_addresses = sum(addresses.values())

    def percent(n: int, of: int) -> float:
        return round(100 * n / of, 1) if of else 0.0
    if args.json:
        print(
            json.dumps(
                {
                    "entries": len(entries),
                    "by_jurisdiction": dict(sorted(by_jurisdiction.items())),
                    "by_topic": {t: by_topic[t] for t in TOPICS if by_topic[t]},
                    "languages": {
                        lang: {"entries": n, "percent": round(100 * n / len(entries), 1) if entries else 0.0}
                        for lang, n in coverage.items()
                    },
                    "overdue": [{"id": i, "review_due": d.isoformat()} for d, i in overdue],
                    "facts": {cls: facts[cls] for cls in provenance.CLASSES},
                    "warned": dict(sorted(warned.items())),
                    "sources": {
                        cls: {"sources": sources[cls], "percent": percent(sources[cls], total_sources)}
                        for cls in (*SOURCE_CLASSES, UNLISTED)
                    },
                    "addresses": {
                        cls: {"addresses": addresses[cls], "percent": percent(addresses[cls], total_addresses)}
                        for cls in (*SOURCE_CLASSES, UNLISTED)
                    },
                },
                indent=2,
            )
        )
        return 0
    print(f"Entries: {len(entries)}")
    print("\nBy jurisdiction:")
    for code, n in sorted(by_jurisdiction.items()):
        print(f"  {code:<4} {n}")
    print("\nBy topic:")
    for topic in TOPICS:
        if by_topic[topic]:
            print(f"  {topic:<22} {by_topic[topic]}")
    print("\nLanguages (entries with every text in that language):")
    for lang, n in coverage.items():
        share = 100 * n / len(entries) if entries else 0.0
        print(f"  {lang}  {n}/{len(entries)} ({share:.0f}%)")
    total_facts = sum(facts.values())
    print(f"\nWhat the {total_facts} facts rest on:")
    for cls in provenance.CLASSES:
        print(f"  {cls:<17} {facts[cls]:>4} ({percent(facts[cls], total_facts):.1f}%)")
    print(f"\nEntries with facts to check (a fact a reader acts on, on reports only): {len(warned)}")
    for entry_id, n in sorted(warned.items()):
        print(f"  {entry_id} ({n})")
    print(f"\nSources by the source policy's classes ({display(POLICY_FILE)}):")
    for cls in (*SOURCE_CLASSES, UNLISTED):
        print(f"  {cls:<17} {sources[cls]:>4} ({percent(sources[cls], total_sources):.1f}%)")
    print("\nEvery address cited (sources and the law texts read, each once per entry), by class:")
    for cls in (*SOURCE_CLASSES, UNLISTED):
        print(f"  {cls:<17} {addresses[cls]:>4} ({percent(addresses[cls], total_addresses):.1f}%)")
    print(f"\nOverdue for review on {today.isoformat()}: {len(overdue)}")
    for due, entry_id in overdue:
        print(f"  {entry_id} (due {due.isoformat()})")
    return 0


def _entries_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--entries", type=Path, default=DEFAULT_ENTRIES, metavar="DIR", help="entries folder (default: entries)"
    )


def _config_option(p: argparse.ArgumentParser, help_text: str = "mkdocs config (default: mkdocs.yml)") -> None:
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help=help_text)


def _build_options(p: argparse.ArgumentParser) -> None:
    _entries_option(p)
    _config_option(p)
    p.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: site)")
    p.add_argument("--dist", type=Path, default=Path("dist"), help="bundle folder (default: dist)")
    p.add_argument("--no-bundle", action="store_true", help="build the site only, not the download bundle")
    p.add_argument("--no-pdf", action="store_true", help="write the zip and SHA256SUMS but not the PDF dossiers")
    p.add_argument("--draft", action="store_true", help="let warnings (such as missing translations) pass")


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="output folder (new, empty, or an earlier export, which is replaced)")
    _entries_option(p)
    _config_option(p)


def _keygen_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="new folder for release-key.sec and release-key.pub")


def _release_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dist", type=Path, default=Path("dist"), help="bundle folder (default: dist)")
    p.add_argument("--secret-key-file", type=Path, help="minisign secret key (default: $KB_SECRET_KEY_FILE)")


def _verify_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, help="the release folder, or one file with its .minisig beside it")
    p.add_argument("--public-key", type=Path, help="public key file (default: the atlas's release key)")


def _serve_options(p: argparse.ArgumentParser) -> None:
    _entries_option(p)
    _config_option(p, "site configuration (default: mkdocs.yml)")
    p.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0], help="language to preview (default: en)")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                   help="where to serve it (default: 127.0.0.1:8000, this machine only)")


def _index_options(p: argparse.ArgumentParser) -> None:
    _entries_option(p)
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX, metavar="DIR", help=f"index folder (default: {DEFAULT_INDEX})")


def _search_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+", help='words; "quoted words" are a phrase')
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX, metavar="DIR",
                   help=f"index folder, also inside a downloaded copy (default: {DEFAULT_INDEX})")
    p.add_argument("--lang", choices=LANGUAGES, help="language to search (default: from the query's script)")
    p.add_argument("--jurisdiction", metavar="CODE", help="only this jurisdiction, such as RU or EU")
    p.add_argument("--topic", choices=TOPICS, help="only this topic")
    p.add_argument("--limit", type=int, default=10, help="at most this many results (default: 10)")
    p.add_argument("--json", action="store_true", help="print a JSON array and nothing else on stdout")


def _new_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("jurisdiction", help="ISO 3166-1 alpha-2 code, EU or INT")
    p.add_argument("topic", help=f"one of: {', '.join(TOPICS)}")
    p.add_argument("slug", help="file name without .yaml, lower-case with hyphens")
    _entries_option(p)


def _stale_options(p: argparse.ArgumentParser) -> None:
    _entries_option(p)
    p.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="the date to check against (default: today)")


def _jurisdiction_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jurisdiction", metavar="CODE", help="only the entries of this jurisdiction (such as RU)")


def _reported_options(p: argparse.ArgumentParser) -> None:
    _entries_option(p)
    _jurisdiction_option(p)


def _schema_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", nargs="?", choices=FILE_KIND_NAMES, default="entry",
                   help="which kind of file: entry (default), guide, template, contacts or releases")


def _stats_options(p: argparse.ArgumentParser) -> None:
    _entries_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    _jurisdiction_option(p)


#: Each command: its name, its line in `kb --help`, what runs it and what adds its options.
COMMANDS: tuple[tuple[str, str, Callable[[argparse.Namespace], int], Callable[[argparse.ArgumentParser], None]], ...] = (
    ("validate", "check every entry file and report every problem", cmd_validate, _entries_option),
    ("build", "validate, then build the site (both languages) and the download bundle", cmd_build, _build_options),
    ("export", "write the atlas as plain docs trees that a stock `mkdocs build` turns into the site", cmd_export,
     _export_options),
    ("keygen", "write a new release key pair into a folder outside the repository", cmd_keygen, _keygen_options),
    ("release", "sign every file of the bundle and write its torrent (prints the magnet link)", cmd_release,
     _release_options),
    ("verify", "check a downloaded copy (a release folder or one file) against its signatures", cmd_verify,
     _verify_options),
    ("serve", "a live preview of one language for authors, rebuilt when a file is saved", cmd_serve, _serve_options),
    ("index", "build the command-line search index from the entries", cmd_index, _index_options),
    ("search", "search the entries from the command line", cmd_search, _search_options),
    ("new", "write a valid skeleton entry to fill in", cmd_new, _new_options),
    ("stale", "list entries whose review is overdue", cmd_stale, _stale_options),
    ("reported", "list, at its place in its file, each fact a reader acts on that rests on reports only", cmd_reported,
     _reported_options),
    ("schema", "print the JSON Schema of entries, guides, templates, decisions or the directory's files (for editors)",
     cmd_schema, _schema_options),
    ("stats", "entries by jurisdiction, topic and language; what facts rest on; sources by class", cmd_stats,
     _stats_options),
)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """kb's argument parser; given a command, with that command's options only (all that parsing its arguments
    needs: adding every command's options is a few per cent of a quick command such as `kb search`)."""
    parser = argparse.ArgumentParser(prog="kb", description="Build and check the Conscription & Asylum Rights Atlas.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text, run, add_options in COMMANDS:
        if command in (None, name):
            p = sub.add_parser(name, help=help_text)
            add_options(p)
            p.set_defaults(func=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(next((name for name, *_ in COMMANDS if argv[:1] == [name]), None)).parse_args(argv)
    try:
        return args.func(args)
    except EntryErrors as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was built", file=sys.stderr)
        return 1
    except UsageError as err:
        print(f"kb: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("kb: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("KB_DEBUG"):
            raise
        print(f"kb: error: {type(err).__name__}: {err} (set KB_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
