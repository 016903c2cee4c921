"""How an `oms` command ends: its exit codes, and a one-line reason instead of a traceback."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from oms.domain.shared.errors import BusinessRuleViolation, DomainError, InvalidValue, NotFound, StoreBusy

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 3
EXIT_TRY_AGAIN = 75  # EX_TEMPFAIL of sysexits.h: a temporary failure, nothing was changed; running it again may work
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a program stopped by Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports `yes | head`: the reader of the output went away


class Refused(click.ClickException):
    """The domain refused the command: one line on stderr, exit code 1."""

    exit_code = EXIT_REFUSED


class BadInput(click.ClickException):
    """A value was malformed: one line on stderr, exit code 2, like Click's own usage errors."""

    exit_code = EXIT_USAGE


class TryAgain(click.ClickException):
    """The database was busy with another writer for longer than a command may wait: nothing was changed, and the
    same command may well work in a moment. One line, exit code 75 (EX_TEMPFAIL), which scripts can retry on."""

    exit_code = EXIT_TRY_AGAIN


class Unexpected(click.ClickException):
    """Something failed that oms did not expect (a bug, or the database went away): one line, exit code 3."""

    exit_code = EXIT_UNEXPECTED


def explain(error: DomainError) -> click.ClickException:
    if isinstance(error, InvalidValue):
        return BadInput(f"invalid {error.field}: {error.detail}")
    if isinstance(error, BusinessRuleViolation):
        return Refused(f"refused ({error.rule}): {error.detail}")
    if isinstance(error, NotFound):
        from oms.entrypoints.wording import did_you_mean  # here: its decimal would cost every start of `oms`

        return Refused(f"{error}{did_you_mean(error.suggestions)}")
    if isinstance(error, StoreBusy):
        return TryAgain("the database is busy (another process holds its write lock): nothing was changed; try again")
    return Refused(str(error))


def unexpected(error: Exception) -> Unexpected:
    """One line naming the error and where its traceback went: a private file in the temporary directory, or
    stderr with OMS_DEBUG=1."""
    import tempfile  # here, not at the top: every start of `oms` would pay for them
    import traceback
    from datetime import UTC, datetime

    message = (str(error).strip().splitlines() or [""])[0]
    summary = f"unexpected {type(error).__name__}{': ' + message if message else ''}"
    trace = "".join(traceback.format_exception(error))
    if os.environ.get("OMS_DEBUG"):
        click.echo(trace, err=True, nl=False)
        return Unexpected(f"{summary} (the traceback is above)")
    try:
        handle, path = tempfile.mkstemp(prefix="oms-error-", suffix=".log", text=True)  # readable by its owner only
        with os.fdopen(handle, "w", encoding="utf-8") as log:
            log.write(f"{datetime.now(UTC).isoformat(timespec='seconds')} oms {_version()} "
                      f"python {sys.version.split()[0]}\n{trace}")
    except OSError:
        return Unexpected(f"{summary} (set OMS_DEBUG=1 to see the traceback)")
    return Unexpected(f"{summary}; the traceback is in {path} (set OMS_DEBUG=1 to print it here)")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("oms")
    except PackageNotFoundError:
        return "(not installed)"


def _silence_stdout() -> None:
    """After the reader went away: send what is still buffered nowhere, so that exiting does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (Click's test runner)
        pass


class OmsGroup(click.Group):
    """A group that turns domain errors and unexpected failures into one-line reasons, never a traceback, and exits
    quietly when the reader of its output goes away (`oms customer export | head`)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except DomainError as error:
            raise explain(error) from None
        except BrokenPipeError:
            _silence_stdout()
            raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            raise unexpected(error) from None
