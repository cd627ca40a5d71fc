"""`cardfile` commands: run, serve, worker, scheduler, migrate, seed, openapi, mailcatcher."""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from cardfile import config


@click.group()
def main() -> None:
    """Cardfile: multi-tenant CRM for agencies."""


def _init_stores() -> None:
    from cardfile.cache import init_redis
    from cardfile.db.engine import init_engine

    settings = config.current()
    init_engine(settings.database_url)
    init_redis(settings.redis_url)


@main.command()
def migrate() -> None:
    """Bring `public` and every workspace schema to the latest revision."""
    from cardfile.db.migrate import upgrade_all

    _init_stores()
    schemas = upgrade_all()
    click.echo(f"migrated public and {len(schemas)} workspace schema(s)")


@main.command()
@click.option("-m", "--message", required=True, help="What the revision does.")
@click.option(
    "--kind",
    type=click.Choice(["tenant", "public"]),
    default="tenant",
    show_default=True,
    help="tenant: every workspace schema; public: the shared tables.",
)
@click.option("--empty", is_flag=True, help="Write no operations (data migrations).")
def migration(message: str, kind: str, empty: bool) -> None:
    """Write the next revision of a chain, with what the models changed (autogenerate
    against a scratch schema migrated to head, in a transaction that is rolled back)."""
    from cardfile.db.migrate import migration_lock, new_revision, upgrade_public

    prepare_environment()  # the embedded servers of `make run` unless DATABASE_URL is set
    _init_stores()
    with migration_lock():
        upgrade_public()  # autogenerate compares with a database at head
    path = new_revision(kind, message, autogenerate=not empty)
    ruff = Path(sys.executable).with_name("ruff")
    if ruff.exists():  # the project's own style (a dev dependency)
        subprocess.run([str(ruff), "format", "-q", str(path)], check=False)
    click.echo(f"wrote {path}; read it before committing (autogenerate misses some changes)")


@main.command()
def seed() -> None:
    """Create the demo agency, workspaces and contacts (once)."""
    from cardfile.cli.seed import DEMO_EMAIL, DEMO_PASSWORD
    from cardfile.cli.seed import seed as do_seed

    _init_stores()
    created = do_seed()
    click.echo(
        ("seeded" if created else "demo data present")
        + f": log in as {DEMO_EMAIL} / {DEMO_PASSWORD}"
    )


@main.command()
@click.option("--port", default=lambda: int(os.environ.get("PORT", "8000")), type=int)
@click.option("--workers", default=lambda: int(os.environ.get("WEB_WORKERS", "4")), type=int)
@click.option("--threads", default=lambda: int(os.environ.get("WEB_THREADS", "4")), type=int)
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"))
def serve(port: int, workers: int, threads: int, host: str) -> None:
    """Serve API + SPA with gunicorn."""
    argv = gunicorn_argv("cardfile.wsgi:app", host, port, workers, threads)
    os.execvp(argv[0], argv)


def gunicorn_argv(app: str, host: str, port: int, workers: int, threads: int) -> list[str]:
    """The gunicorn command line `serve` runs (the benchmark runs its baseline app with it)."""
    return [
        sys.executable, "-m", "gunicorn", app,
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--worker-class", "cardfile.cli.gunicorn_worker.JsonErrorsWorker",
        "--limit-request-line", "8190",
        "--access-logfile", "-",
        "--log-level", "info",
    ]  # fmt: skip


@main.command()
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
@click.argument("queues", nargs=-1)
def worker(burst: bool, queues: tuple[str, ...]) -> None:
    """Run an RQ worker on the given queues (all by default)."""
    from cardfile.jobs.worker import run_worker

    run_worker(list(queues) or None, burst=burst)


@main.command()
def scheduler() -> None:
    """Run the periodic-job scheduler (exactly one per installation)."""
    from cardfile.jobs.worker import run_scheduler

    run_scheduler()


# The bounce listener is the deliverability module's: named as data (the core imports no
# module), like the periodic jobs in jobs/periodic.py.
BOUNCE_SERVER = "cardfile.modules.deliverability.listener:serve_forever"


@main.command("bounce-server")
@click.option("--host", default=None, help="BOUNCE_SMTP_HOST (default 127.0.0.1)")
@click.option("--port", default=None, type=int, help="BOUNCE_SMTP_PORT (default 2525)")
def bounce_server(host: str | None, port: int | None) -> None:
    """Take bounces (RFC 3464) and complaints (ARF) over SMTP and apply them."""
    from cardfile.jobs.worker import init_process

    init_process()
    module, _, function = BOUNCE_SERVER.partition(":")
    serve_forever = getattr(importlib.import_module(module), function)
    host = host or os.environ.get("BOUNCE_SMTP_HOST", "127.0.0.1")
    port = port or int(os.environ.get("BOUNCE_SMTP_PORT", "2525"))
    click.echo(f"bounce listener on smtp://{host}:{port}")
    serve_forever(host, port)


@main.command()
@click.option("--port", default=8025, type=int)
def mailcatcher(port: int) -> None:
    """Keep outgoing mail as files under var/mail instead of sending it."""
    from cardfile.cli.mailcatcher import serve_forever

    folder = config.current().var_dir / "mail"
    click.echo(f"mail catcher on smtp://127.0.0.1:{port}, messages in {folder}")
    serve_forever(folder, port)


@main.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
def openapi(output: Path) -> None:
    """Write the OpenAPI spec as JSON."""
    from cardfile.app import create_app

    app = create_app()
    with app.app_context():
        from cardfile.extensions import api

        spec = api.spec.to_dict()
    output.write_text(json.dumps(spec, indent=2, sort_keys=True) + "\n")
    click.echo(f"wrote {output}")


def _var_dir() -> Path:
    return Path(os.environ.get("CARDFILE_VAR_DIR", config.PROJECT_ROOT / "var"))


def prepare_environment() -> dict[str, str]:
    """Point at external servers if given, else start embedded ones under var/."""
    from cardfile.cli.services import ensure_database, ensure_postgres, ensure_redis

    env = dict(os.environ)
    var = _var_dir()
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = ensure_database(ensure_postgres(var / "postgres"), "cardfile")
    if not env.get("REDIS_URL"):
        env["REDIS_URL"] = ensure_redis(var / "redis")
    os.environ.update(env)
    return env


def _free_port(preferred: int) -> int:
    """`preferred` if nothing listens there, else any free local port."""
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
def stop() -> None:
    """Stop the embedded PostgreSQL and Redis under var/ (left running by an interrupted run)."""
    from cardfile.cli.services import stop_embedded

    stopped = stop_embedded(_var_dir())
    click.echo(f"stopped {' and '.join(stopped)}" if stopped else "nothing was running")


@main.command()
def run() -> None:
    """Set everything up and run API, worker, scheduler (and a mail catcher) until Ctrl-C."""
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, _interrupt)
    embedded = not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL")
    try:
        _run_until_stopped()
    finally:
        if embedded:
            from cardfile.cli.services import stop_embedded

            stopped = stop_embedded(_var_dir())
            if stopped:
                click.echo(f"stopped the embedded {' and '.join(stopped)}")


def _run_until_stopped() -> None:
    env = prepare_environment()
    processes: list[subprocess.Popen[bytes]] = []
    if not env.get("SMTP_URL"):
        mail_port = _free_port(int(env.get("MAIL_PORT", "8025")))
        env["SMTP_URL"] = f"smtp://127.0.0.1:{mail_port}"
        env["MAILBOX_DIR"] = str(config.current().var_dir / "mail")
        command = [sys.executable, "-m", "cardfile.cli", "mailcatcher", "--port", str(mail_port)]
        processes.append(subprocess.Popen(command, env=env))
    os.environ.update(env)
    subprocess.run([sys.executable, "-m", "cardfile.cli", "migrate"], env=env, check=True)
    subprocess.run([sys.executable, "-m", "cardfile.cli", "seed"], env=env, check=True)
    bounce_port = _free_port(int(env.get("BOUNCE_SMTP_PORT", "2525")))
    bounce = ["bounce-server", "--port", str(bounce_port)]
    for command in (["serve"], ["worker"], ["scheduler"], bounce):
        processes.append(
            subprocess.Popen([sys.executable, "-m", "cardfile.cli", *command], env=env)
        )
    port = env.get("PORT", "8000")
    from cardfile.cli.seed import DEMO_EMAIL, DEMO_PASSWORD

    click.echo(
        f"\n  Cardfile is running at http://127.0.0.1:{port}\n"
        f"  Log in as {DEMO_EMAIL} / {DEMO_PASSWORD}"
        f" (restricted member: sam@cardfile.local / {DEMO_PASSWORD})\n"
        f"  API docs: http://127.0.0.1:{port}/api/v1/docs\n"
        f"  Bounces and complaints: smtp://127.0.0.1:{bounce_port}\n"
        "  Ctrl-C stops everything, the embedded PostgreSQL and Redis included\n"
        "  (if a run was killed, stop its leftovers with: make stop).\n"
    )
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        stopped = next(p for p in processes if p.poll() is not None)
        click.echo(f"{' '.join(map(str, stopped.args))} exited; stopping the rest", err=True)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
