"""What a sending domain publishes: SPF including the sending servers, a DKIM public key
under a generated selector (a 2048-bit RSA key made for each domain), a DMARC policy and a
return path pointing at the bounce domain."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cardfile import config

KEY_BITS = 2048
RETURN_PATH_LABEL = "bounce"
DMARC_POLICY = "v=DMARC1; p=quarantine; adkim=r; aspf=r"


@dataclass(frozen=True)
class KeyPair:
    public_b64: str  # the DER SubjectPublicKeyInfo, base64: the record's p=
    private_pem_encrypted: str


def _fernet() -> Fernet:
    secret = config.current().secret_key.encode()
    key = hmac.new(secret, b"cardfile.dkim-keys.v1", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def new_key_pair() -> KeyPair:
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(base64.b64encode(public).decode(), _fernet().encrypt(pem).decode())


def private_pem(encrypted: str) -> bytes:
    """The DKIM private key, for signing (rotating SECRET_KEY makes old keys unreadable)."""
    return _fernet().decrypt(encrypted.encode())


def new_selector() -> str:
    return f"cf{secrets.token_hex(4)}"


def dkim_value(public_b64: str) -> str:
    return f"v=DKIM1; k=rsa; p={public_b64}"


def spf_value() -> str:
    return f"v=spf1 include:{config.current().mail_spf_include} ~all"


def return_path_host(domain: str) -> str:
    return f"{RETURN_PATH_LABEL}.{domain}"


def records(domain: str, selector: str, public_b64: str) -> list[dict[str, str]]:
    """The DNS records to publish, exactly (names fully qualified, without the final dot)."""
    return [
        {"type": "TXT", "name": domain, "value": spf_value(), "purpose": "spf"},
        {
            "type": "TXT",
            "name": f"{selector}._domainkey.{domain}",
            "value": dkim_value(public_b64),
            "purpose": "dkim",
        },
        {"type": "TXT", "name": f"_dmarc.{domain}", "value": DMARC_POLICY, "purpose": "dmarc"},
        {
            "type": "CNAME",
            "name": return_path_host(domain),
            "value": config.current().bounce_domain,
            "purpose": "return_path",
        },
    ]
