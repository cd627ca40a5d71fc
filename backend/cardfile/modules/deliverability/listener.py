"""The bounce listener (`cardfile bounce-server`): an SMTP server that takes delivery status
notifications and feedback-loop reports and applies them (bounces.process) before it
answers. A report is accepted (250) only once applied; when the database cannot be reached
it answers 451, so the sending server tries again later and nothing is lost."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiosmtpd.controller import Controller

from cardfile.modules.deliverability.bounces import process

log = logging.getLogger(__name__)
MAX_BYTES = 10 * 1024 * 1024


class BounceHandler:
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        loop = asyncio.get_running_loop()
        try:
            outcomes = await loop.run_in_executor(None, process, raw, list(envelope.rcpt_tos))
        except Exception:  # noqa: BLE001 - whatever failed, the sender must retry
            log.exception("a bounce report could not be applied")
            return "451 4.3.0 Could not take the report now; try again later"
        applied = sum(1 for o in outcomes if o.result == "applied")
        log.info("bounce report: %d item(s), %d applied", len(outcomes), applied)
        return "250 2.0.0 Report received"


def controller(host: str, port: int) -> Controller:
    return Controller(BounceHandler(), hostname=host, port=port, data_size_limit=MAX_BYTES)


def serve_forever(host: str, port: int) -> None:
    running = controller(host, port)
    running.start()
    try:
        while True:
            time.sleep(3600)
    finally:
        running.stop()
