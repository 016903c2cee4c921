"""The logs of a running oms: the every-second webhook job does not write two lines a second, and its failures still
show."""

from __future__ import annotations

import io
import logging

from oms.entrypoints.logs import LogSettings, configure_logging


def test_the_schedulers_lines_per_job_run_are_left_out_but_its_errors_are_kept() -> None:
    stream = io.StringIO()
    configure_logging(LogSettings(level=logging.INFO), stream)
    executors = logging.getLogger("apscheduler.executors.default")

    executors.info('Running job "Send the due webhook deliveries"')
    executors.error('Job "Send the due webhook deliveries" raised an exception')
    logging.getLogger("oms.relay").info("oms relay on sqlite")

    written = stream.getvalue()
    assert "Running job" not in written
    assert "raised an exception" in written
    assert "oms relay on sqlite" in written
