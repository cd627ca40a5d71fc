"""DKIM signatures (RFC 6376) for outgoing mail, made with dkimpy.

dkimpy canonicalises and hashes the message and writes the header; its RSA step is pure
Python (about 10 ms a signature, holding the GIL), which would cap a sender near 100
messages a second. The same RSASSA-PKCS1-v1_5 signature (deterministic, so byte for byte
what dkimpy would write) is made here by OpenSSL through `cryptography`: a message costs
about 1.7 ms in all, most of it dkimpy's own work.
`tests/backend/deliverability/test_dkim_and_return_path.py` checks both agree and that
signatures verify.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import dkim
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

# Signed: what a mailbox provider shows or acts on (one-click unsubscribe needs both
# List-Unsubscribe headers under the signature).
SIGNED_HEADERS = (
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"reply-to",
    b"mime-version",
    b"content-type",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
    b"list-id",
)

_keys: dict[tuple[int, int], rsa.RSAPrivateKey] = {}
_lock = threading.Lock()
_pure_python_sign = dkim.RSASSA_PKCS1_v1_5_sign


def _openssl_sign(digest: Any, private_key: dict[str, int]) -> bytes:
    if digest.name != "sha256":  # rsa-sha1 (never made here): dkimpy's own way
        return _pure_python_sign(digest, private_key)
    cache_key = (private_key["modulus"], private_key["privateExponent"])
    key = _keys.get(cache_key)
    if key is None:
        numbers = rsa.RSAPrivateNumbers(
            p=private_key["prime1"],
            q=private_key["prime2"],
            d=private_key["privateExponent"],
            dmp1=private_key["exponent1"],
            dmq1=private_key["exponent2"],
            iqmp=private_key["coefficient"],
            public_numbers=rsa.RSAPublicNumbers(
                private_key["publicExponent"], private_key["modulus"]
            ),
        )
        key = numbers.private_key()
        with _lock:
            _keys[cache_key] = key
    return key.sign(digest.digest(), padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))


dkim.RSASSA_PKCS1_v1_5_sign = _openssl_sign
# dkimpy parses the PEM key (ASN.1, in Python) on every signature: once per key is enough.
dkim.parse_pem_private_key = functools.lru_cache(maxsize=64)(dkim.parse_pem_private_key)


class Signer:
    """Signs messages of one domain with its key (PEM, PKCS#8 or PKCS#1)."""

    def __init__(self, domain: str, selector: str, private_pem: bytes) -> None:
        key = serialization.load_pem_private_key(private_pem, password=None)
        # dkimpy reads the PKCS#1 ("RSA PRIVATE KEY") form.
        self.pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        self.domain = domain.encode()
        self.selector = selector.encode()

    def sign(self, message: bytes) -> bytes:
        """The message with its DKIM-Signature header in front."""
        present = {
            line.split(b":", 1)[0].strip().lower()
            for line in message.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
            if line[:1] not in (b" ", b"\t")
        }
        header = dkim.sign(
            message,
            self.selector,
            self.domain,
            self.pem,
            # Headers relaxed (servers refold them); the body simple: it is base64 lines that
            # nobody rewrites, and relaxed costs a regular expression per line.
            canonicalize=(b"relaxed", b"simple"),
            include_headers=[h for h in SIGNED_HEADERS if h in present],
        )
        return header + message
