"""The RQ worker and scheduler processes."""

from __future__ import annotations

import logging

from rq import SimpleWorker
from rq.cron import CronScheduler

from cardfile import config
from cardfile.cache import get_redis, init_redis
from cardfile.db.engine import init_engine
from cardfile.jobs.core import QUEUES, get_queue
from cardfile.jobs.periodic import PERIODIC, fan_out


class CardfileWorker(SimpleWorker):
    """Runs jobs in-process (no fork per job: ~4x the throughput). Scope is per job, in run()."""


def init_process() -> config.Settings:
    from cardfile.models import load_all_models

    load_all_models()  # modules register listeners (scoring) and jobs as they are imported
    settings = config.current()
    init_engine(settings.database_url)
    init_redis(settings.redis_url)
    return settings


def make_worker(queues: list[str] | None = None) -> CardfileWorker:
    init_process()
    names = queues or list(QUEUES)
    return CardfileWorker([get_queue(q) for q in names], connection=get_redis())


def run_worker(queues: list[str] | None = None, burst: bool = False) -> None:
    make_worker(queues).work(burst=burst, with_scheduler=True, logging_level="INFO")


def run_scheduler() -> None:
    """Exactly one of these runs (rq cron has no lock), with cron times in UTC."""
    init_process()
    scheduler = CronScheduler(connection=get_redis(), logging_level=logging.INFO)
    for periodic in PERIODIC:
        scheduler.register(
            fan_out,
            queue_name="default",
            args=(periodic.func, periodic.queue, periodic.platform),
            cron=periodic.cron,
            name=periodic.func,
        )
    scheduler.start()
