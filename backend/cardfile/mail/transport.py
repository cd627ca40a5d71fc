"""Send mail over SMTP as configured by SMTP_URL (smtp://[user:pass@]host:port[?starttls=1])."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlparse


def send_message(smtp_url: str, message: EmailMessage, timeout: float = 30) -> None:
    url = urlparse(smtp_url)
    host, port = url.hostname or "127.0.0.1", url.port or (465 if url.scheme == "smtps" else 25)
    smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with smtp_class(host, port, timeout=timeout) as smtp:
        if parse_qs(url.query).get("starttls") == ["1"]:
            smtp.starttls()
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(message)


def single_line(value: str) -> str:
    """Header values never carry a line break (a name with one must not break the mail)."""
    return " ".join(value.split())


def build_message(sender: str, to: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = single_line(sender), single_line(to)
    message["Subject"] = single_line(subject)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="cardfile.local")
    message.set_content(text)
    return message
