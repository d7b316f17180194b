"""Release signatures in minisign's format (Ed25519, https://jedisct1.github.io/minisign/), so that a reader can
check a copy with the standard `minisign` tool, and `kb verify` can check it too.

- A public key is `untrusted comment: ...` and a line of base64: "Ed", the 8-byte key id, the 32-byte key.
- A secret key is read from minisign's unencrypted format (`minisign -G -W`) or written by `generate()`.
- A signature (`<file>.minisig`) signs the BLAKE2b-512 hash of the file ("ED"), and a trusted comment (which names
  the release and the file) is signed together with that signature, as minisign does.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

_ED = b"Ed"
_PREHASHED = b"ED"
_NO_KDF = b"\x00\x00"
_BLAKE2B = b"B2"
SIGNATURE_SUFFIX = ".minisig"
#: The public key of the atlas's releases, as README, every page and every PDF show it. A build or `kb verify` for
#: another key (a test's throwaway key, a fork's own) names its file in KB_PUBLIC_KEY_FILE.
PUBLIC_KEY_FILE = Path(__file__).resolve().parent / "data" / "release-key.pub"


class SigningError(Exception):
    """A key or signature cannot be read or does not match; the message says what is wrong, in plain words."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes, as in the key and the signatures
    key: bytes  # 32 bytes

    @property
    def id_hex(self) -> str:
        """The key id as minisign prints it: 16 hexadecimal digits."""
        return self.key_id[::-1].hex().upper()

    @property
    def line(self) -> str:
        """The public key as the one line a reader compares and passes to `minisign -P`."""
        return base64.b64encode(_ED + self.key_id + self.key).decode("ascii")

    def file_text(self) -> str:
        return f"untrusted comment: minisign public key {self.id_hex}\n{self.line}\n"


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # 32 bytes

    @property
    def public(self) -> PublicKey:
        return PublicKey(self.key_id, bytes(SigningKey(self.seed).verify_key))

    def file_text(self) -> str:
        """minisign's secret key format, unencrypted (as `minisign -G -W` writes it)."""
        secret = self.seed + self.public.key
        checksum = hashlib.blake2b(_ED + self.key_id + secret, digest_size=32).digest()
        raw = _ED + _NO_KDF + _BLAKE2B + bytes(32) + bytes(8) + bytes(8) + self.key_id + secret + checksum
        return "untrusted comment: minisign secret key (not encrypted)\n" + base64.b64encode(raw).decode("ascii") + "\n"


def release_key(path: Path | None = None) -> PublicKey:
    """The key releases are signed with: `path`, KB_PUBLIC_KEY_FILE, or the atlas's own."""
    chosen = path or Path(os.environ.get("KB_PUBLIC_KEY_FILE") or PUBLIC_KEY_FILE)
    try:
        return read_public(chosen.read_text(encoding="utf-8"))
    except OSError as err:
        raise SigningError(f"{chosen}: cannot read the public key ({err.strerror})") from None


def generate() -> SecretKey:
    return SecretKey(os.urandom(8), os.urandom(32))


def _payload(text: str, what: str) -> bytes:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    data = lines[1] if lines and lines[0].startswith("untrusted comment:") and len(lines) > 1 else (lines[0] if lines else "")
    try:
        return base64.b64decode(data, validate=True)
    except ValueError:
        raise SigningError(f"this is not a minisign {what} (expected a line of base64 after 'untrusted comment:')") from None


def read_public(text: str) -> PublicKey:
    """A public key from a .pub file's text or from its one base64 line."""
    raw = _payload(text, "public key")
    if len(raw) != 42 or raw[:2] != _ED:
        raise SigningError("this is not a minisign public key (expected 'Ed', a key id and a 32-byte key)")
    return PublicKey(raw[2:10], raw[10:42])


def read_secret(text: str) -> SecretKey:
    """A secret key in minisign's unencrypted format; an encrypted one must first be decrypted (`minisign -C`)."""
    raw = _payload(text, "secret key")
    if len(raw) != 158 or raw[:2] != _ED or raw[4:6] != _BLAKE2B:
        raise SigningError("this is not a minisign secret key (expected the format `minisign -G -W` writes)")
    if raw[2:4] != _NO_KDF:
        raise SigningError("the secret key is encrypted with a password (expected one written by `minisign -G -W`, "
                           "or decrypted with `minisign -C` and kept outside the repository)")
    key_id, secret, checksum = raw[54:62], raw[62:126], raw[126:158]
    # `minisign -G -W` leaves the checksum of an unencrypted key empty (zeros); a set one must match.
    if checksum != bytes(32) and hashlib.blake2b(_ED + key_id + secret, digest_size=32).digest() != checksum:
        raise SigningError("the secret key's checksum does not match (the file is damaged)")
    found = SecretKey(key_id, secret[:32])
    if found.public.key != secret[32:]:
        raise SigningError("the secret key does not hold its own public key (the file is damaged)")
    return found


def _file_hash(path: Path) -> bytes:
    digest = hashlib.blake2b(digest_size=64)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def sign(path: Path, secret: SecretKey, trusted_comment: str) -> Path:
    """Write `<path>.minisig`: a prehashed signature of the file and the trusted comment signed with it."""
    if "\n" in trusted_comment:
        raise SigningError("a trusted comment is one line")
    key = SigningKey(secret.seed)
    signature = key.sign(_file_hash(path)).signature
    global_signature = key.sign(signature + trusted_comment.encode("utf-8")).signature
    target = path.with_name(path.name + SIGNATURE_SUFFIX)
    target.write_text(
        f"untrusted comment: signature from the Rights Atlas release key {secret.public.id_hex}\n"
        + base64.b64encode(_PREHASHED + secret.key_id + signature).decode("ascii") + "\n"
        + f"trusted comment: {trusted_comment}\n"
        + base64.b64encode(global_signature).decode("ascii") + "\n",
        encoding="utf-8",
    )
    return target


def verify(path: Path, public: PublicKey) -> str:
    """Check `<path>.minisig` against the file and the key; the trusted comment, or SigningError saying why not."""
    signature_path = path.with_name(path.name + SIGNATURE_SUFFIX)
    if not path.is_file():
        raise SigningError(f"{path.name} is missing")
    if not signature_path.is_file():
        raise SigningError(f"{path.name} has no signature ({signature_path.name} is missing)")
    lines = [line.rstrip("\r") for line in signature_path.read_text(encoding="utf-8").splitlines()]
    if len(lines) < 4 or not lines[2].startswith("trusted comment: "):
        raise SigningError(f"{signature_path.name} is not a minisign signature")
    raw = _payload(lines[0] + "\n" + lines[1], "signature")
    if len(raw) != 74 or raw[:2] not in (_ED, _PREHASHED):
        raise SigningError(f"{signature_path.name} is not a minisign signature")
    key_id, signature = raw[2:10], raw[10:74]
    if key_id != public.key_id:
        raise SigningError(f"{path.name} was signed with another key ({key_id[::-1].hex().upper()}), not the atlas's "
                           f"key {public.id_hex}: this copy did not come from the atlas's publishers")
    message = _file_hash(path) if raw[:2] == _PREHASHED else path.read_bytes()
    comment = lines[2][len("trusted comment: "):]
    verifier = VerifyKey(public.key)
    try:
        verifier.verify(message, signature)
    except BadSignatureError:
        raise SigningError(f"{path.name} has been changed since it was signed: do not use this copy") from None
    try:
        verifier.verify(signature + comment.encode("utf-8"), _payload(lines[3], "signature"))
    except BadSignatureError:
        raise SigningError(f"the trusted comment of {signature_path.name} has been changed") from None
    return comment
