"""The scheduled jobs (APScheduler): one scheduler per process, jobs kept in memory, never in a shared store.

Each job is safe to run twice or on two machines: expiring quotations only touches open quotations past their
validity, in one transaction, and forgetting expired keys only deletes what has expired, so a rerun finds nothing
left to do. The day's purchase proposal is kept under its day (the claim row, written with the proposal): a second
run that day, here or on another scheduler, finds it and prepares nothing. Renewing subscriptions bills a period
only from a subscription's pointer, which moves in the transaction of the renewal's invoice, and a renewal's record
is unique by (subscription, period start): a second run, here or elsewhere, finds nothing due.
"""

from __future__ import annotations

import logging
from datetime import date

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

import oms
from oms.application.processes.cart_recovery import run_cart_expiry, run_cart_recovery
from oms.application.shared.housekeeping import ForgetExpiredRequests
from oms.application.webhooks.delivery import DeliveryWorker
from oms.entrypoints.wording import plural
from oms.ports.invoicing.payment_provider import PaymentProvider

logger = logging.getLogger(__name__)

EXPIRE_QUOTATIONS = "expire-quotations"
FORGET_EXPIRED_REQUESTS = "forget-expired-requests"
DELIVER_WEBHOOKS = "deliver-webhooks"
FORGET_DELIVERED_WEBHOOKS = "forget-delivered-webhooks"
PREPARE_PURCHASE_PROPOSAL = "prepare-purchase-proposal"
RENEW_SUBSCRIPTIONS = "renew-subscriptions"
DUN_SUBSCRIPTIONS = "dun-subscriptions"
RECOVER_CARTS = "recover-carts"
EXPIRE_CARTS = "expire-carts"
DEFAULT_WEBHOOK_INTERVAL_SECONDS = 1.0
DRAIN_BATCHES = 50  # at most this many batches a run, so one run never holds the job for long


def expire_quotations(system: oms.OrderManagement) -> list[str]:
    """The daily job: expire open quotations whose validity has ended."""
    expired = system.handle(oms.ExpireQuotations(actor="scheduler"))
    if expired:
        logger.info("expired %s: %s", plural(len(expired), "quotation"), ", ".join(expired))
    return expired


def prepare_purchase_proposal(system: oms.OrderManagement) -> date:
    """The daily job: prepare the day's purchase proposal (what to buy), once a day."""
    day = system.handle(oms.PreparePurchaseProposal(actor="scheduler"))
    logger.info("purchase proposal of %s prepared", day.isoformat())
    return day


def renew_subscriptions(system: oms.OrderManagement) -> oms.RenewalRun:
    """The daily job: renew every period due by today (a missed day's too), 25 subscriptions a transaction; a
    subscription that fails is logged and the others renewed all the same."""
    run = oms.renew_due_subscriptions(system, system.bus.clock.now().date())
    if run.renewed:
        made = sum(len(invoices) for invoices in run.renewed.values())
        logger.info("renewed %s: %s", plural(len(run.renewed), "subscription"), plural(made, "invoice"))
    if run.failed:
        logger.error("%s not renewed: %s", plural(len(run.failed), "subscription"), ", ".join(run.failed))
    return run


def dun_subscriptions(system: oms.OrderManagement, payments: PaymentProvider | None = None) -> oms.DunningRun:
    """The daily job, after the renewals: make the charges still pending, see the payments made since, mark the
    subscriptions' invoices unpaid past their due date overdue (past_due), claim and make the retries due by each
    one's schedule and raise their reminders. Without a payment provider the charges wait: an operator records the
    payment."""
    run = oms.run_subscription_dunning(system, system.bus.clock.now().date(), payments)
    if run.dunned:
        logger.info("dunned %s", plural(len(run.dunned), "subscription"))
    if run.failed:
        logger.error("%s not dunned: %s", plural(len(run.failed), "subscription"), ", ".join(run.failed))
    return run


def recover_carts(system: oms.OrderManagement) -> int:
    """Every 5 minutes: claim the due recovery stage of each abandoned cart (the relay sends after commit)."""
    run = run_cart_recovery(system, system.bus.clock.now())
    if run.done:
        logger.info("claimed %s", plural(run.done, "cart recovery stage"))
    return run.done


def expire_carts(system: oms.OrderManagement) -> int:
    """The hourly job: expire the carts idle past their branch's expiry."""
    run = run_cart_expiry(system, system.bus.clock.now())
    if run.done:
        logger.info("expired %s", plural(run.done, "cart"))
    return run.done


def forget_expired_requests(system: oms.OrderManagement) -> int:
    """The hourly job: forget the answers of requests whose Idempotency-Keys have expired."""
    forgotten = system.handle(ForgetExpiredRequests(actor="scheduler"))
    if forgotten:
        logger.info("forgot %s whose keys expired", plural(forgotten, "handled request"))
    return forgotten


def deliver_webhooks(worker: DeliveryWorker) -> int:
    """Every second: send the due webhook deliveries, batch after batch while more are due."""
    return worker.drain(DRAIN_BATCHES)


def forget_delivered_webhooks(worker: DeliveryWorker) -> int:
    """The hourly job: delete the webhook deliveries delivered longer ago than the retention."""
    forgotten = worker.forget_delivered()
    if forgotten:
        logger.info("forgot %s", plural(forgotten, "delivered webhook delivery", "delivered webhook deliveries"))
    return forgotten


def configure(scheduler: BaseScheduler, system: oms.OrderManagement, *, run_now: bool = True,
              webhooks: DeliveryWorker | None = None,
              webhook_interval: float = DEFAULT_WEBHOOK_INTERVAL_SECONDS,
              payments: PaymentProvider | None = None) -> BaseScheduler:
    """Register every job with an explicit id; `run_now` also runs each once at start, catching up on a missed day.
    With a webhook `DeliveryWorker`, it sends the due deliveries every `webhook_interval` seconds (one run at a
    time, each run sending while more are due), and every hour forgets those delivered beyond the retention."""
    options = {"next_run_time": system.bus.clock.now()} if run_now else {}
    scheduler.add_job(expire_quotations, CronTrigger(hour=0, minute=5, timezone="UTC"), args=[system],
                      id=EXPIRE_QUOTATIONS, name="Expire quotations past their validity", replace_existing=True,
                      **options)
    scheduler.add_job(renew_subscriptions, CronTrigger(hour=0, minute=10, timezone="UTC"), args=[system],
                      id=RENEW_SUBSCRIPTIONS, name="Renew the subscriptions' due periods", replace_existing=True,
                      **options)
    scheduler.add_job(recover_carts, IntervalTrigger(minutes=5), args=[system], id=RECOVER_CARTS,
                      name="Claim the abandoned carts' due recovery messages", replace_existing=True,
                      max_instances=1, coalesce=True)
    scheduler.add_job(expire_carts, IntervalTrigger(hours=1), args=[system], id=EXPIRE_CARTS,
                      name="Expire idle carts", replace_existing=True, max_instances=1, coalesce=True)
    scheduler.add_job(dun_subscriptions, CronTrigger(hour=0, minute=20, timezone="UTC"), args=[system, payments],
                      id=DUN_SUBSCRIPTIONS, name="Chase the subscriptions' unpaid invoices", replace_existing=True,
                      **options)
    scheduler.add_job(prepare_purchase_proposal, CronTrigger(hour=5, minute=0, timezone="UTC"), args=[system],
                      id=PREPARE_PURCHASE_PROPOSAL, name="Prepare the day's purchase proposal", replace_existing=True,
                      **options)
    scheduler.add_job(forget_expired_requests, CronTrigger(minute=17, timezone="UTC"),
                      args=[system], id=FORGET_EXPIRED_REQUESTS,
                      name="Forget the answers of requests whose keys expired", replace_existing=True, **options)
    if webhooks is not None:
        scheduler.add_job(deliver_webhooks, IntervalTrigger(seconds=webhook_interval), args=[webhooks],
                          id=DELIVER_WEBHOOKS, name="Send the due webhook deliveries", replace_existing=True,
                          misfire_grace_time=max(1, int(webhook_interval)))
        scheduler.add_job(forget_delivered_webhooks, CronTrigger(minute=41, timezone="UTC"), args=[webhooks],
                          id=FORGET_DELIVERED_WEBHOOKS, name="Forget webhook deliveries delivered long ago",
                          replace_existing=True, **options)
    return scheduler


def _settings() -> dict[str, object]:
    return {
        "jobstores": {"default": MemoryJobStore()},
        "executors": {"default": ThreadPoolExecutor(2)},
        "job_defaults": {"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600},
        "timezone": "UTC",
    }


def background_scheduler(system: oms.OrderManagement, *, run_now: bool = True,
                         webhooks: DeliveryWorker | None = None,
                         webhook_interval: float = DEFAULT_WEBHOOK_INTERVAL_SECONDS,
                         payments: PaymentProvider | None = None) -> BackgroundScheduler:
    """For `oms serve`: the jobs run in a thread beside the API."""
    scheduler = BackgroundScheduler(**_settings())
    configure(scheduler, system, run_now=run_now, webhooks=webhooks, webhook_interval=webhook_interval,
              payments=payments)
    return scheduler


def blocking_scheduler(system: oms.OrderManagement, *, webhooks: DeliveryWorker | None = None,
                       webhook_interval: float = DEFAULT_WEBHOOK_INTERVAL_SECONDS,
                       payments: PaymentProvider | None = None) -> BlockingScheduler:
    """For `oms scheduler`: a process that only runs the jobs."""
    scheduler = BlockingScheduler(**_settings())
    configure(scheduler, system, webhooks=webhooks, webhook_interval=webhook_interval, payments=payments)
    return scheduler


