"""The running app for the browser: API + built SPA on a free port, a real RQ worker process,
and headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def live_url(app, settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if not (settings.spa_dist / "index.html").exists():
        pytest.fail("The SPA is not built: run `make build` (make test does).")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def worker_process(settings) -> Iterator[subprocess.Popen[bytes]]:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "SECRET_KEY": settings.secret_key,
        "SMTP_URL": settings.smtp_url,
        "BASE_URL": settings.base_url,
        "CARDFILE_VAR_DIR": str(settings.var_dir),
        "DNS_SERVERS": ",".join(settings.dns_servers),  # the local DNS server, never the internet
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "cardfile.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield process
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_url, request):  # type: ignore[no-untyped-def]
    """Pages on the live app, each in its own browser context (its own cookies)."""
    contexts = []

    def make(width: int = 1280, height: int = 860):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    ARTIFACTS.mkdir(exist_ok=True)
    for index, context in enumerate(contexts):
        for page in context.pages:
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}.png"))
        context.close()
