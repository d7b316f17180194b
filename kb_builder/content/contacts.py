"""Loading and validating the directory of organisations (`contacts/<code>.yaml`, beside the entries folder).

Each file lists the organisations of one place. Every organisation names the public channels it publishes itself,
the page where they were read (on a domain the source policy accepts) and when; a note about its legal status
names the source that confirms it. Ids are unique across the directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb_builder.content.entry_checks import check_address
from kb_builder.content.jurisdictions import jurisdiction_slug
from kb_builder.content.linked import problem_at, read_each, yaml_files
from kb_builder.content.problems import Problem
from kb_builder.content.schema import ContactsFile, Organisation
from kb_builder.content.schema_errors import schema_problems
from kb_builder.content.source_policy import SourcePolicy
from kb_builder.content.yaml_source import YamlDocument

#: The directory's folder, beside the entries folder.
CONTACTS_FOLDER = "contacts"


@dataclass(frozen=True)
class Listed:
    """An organisation and the place whose file lists it."""

    country: str
    organisation: Organisation


def _file_problems(contacts: ContactsFile, doc: YamlDocument, shown: str, stem: str, policy: SourcePolicy | None) -> list[Problem]:
    problems = []
    if jurisdiction_slug(contacts.country) != stem:
        problems.append(problem_at(doc, shown, ("country",), f"{contacts.country!r} does not match the file's name "
                                                         f"(expected the file named {jurisdiction_slug(contacts.country)}.yaml)"))
    for i, org in enumerate(contacts.organisations):
        ids = [source.id for source in org.sources]
        if org.note is not None and org.note.source not in ids:
            problems.append(problem_at(doc, shown, ("organisations", i, "note", "source"),
                                     f"no source of this organisation has the id {org.note.source!r} (expected one of: "
                                     f"{', '.join(ids)})"))
        for k, source in enumerate(org.sources):
            if policy is not None:
                _, message = check_address(policy, source.url)
                if message is not None:
                    problems.append(problem_at(doc, shown, ("organisations", i, "sources", k, "url"), message))
    return problems


def load_contacts(root: Path, policy: SourcePolicy | None, display: Any) -> tuple[list[Listed], list[Path], list[Problem]]:
    """Every organisation under `root` (a missing folder holds none), in file order."""
    files = yaml_files(root)
    problems: list[Problem] = []
    listed: list[Listed] = []
    first: dict[str, str] = {}
    for path, shown, doc, found in read_each(files, display):
        if doc is None:
            problems += found
            continue
        try:
            contacts = ContactsFile.model_validate(doc.data)
        except ValidationError as err:
            problems += found + schema_problems(doc, shown, err, ContactsFile)
            continue
        found += _file_problems(contacts, doc, shown, path.stem, policy)
        for i, org in enumerate(contacts.organisations):
            if org.id in first:
                found.append(problem_at(doc, shown, ("organisations", i, "id"),
                                      f"{org.id!r} is already listed in {first[org.id]} (expected a unique id)"))
            first.setdefault(org.id, shown)
        problems += found
        if not found:
            listed += [Listed(contacts.country, org) for org in contacts.organisations]
    return listed, files, problems
