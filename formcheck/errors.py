"""Errors a user can act on. The CLI prints their message as one line, never a traceback."""
from __future__ import annotations


class FormcheckError(Exception):
    """Bad input: a file that is not a video, a missing model, a corrupt cache (exit code 1)."""

    exit_code = 1


class UsageError(FormcheckError):
    """The command itself is wrong: unknown exercise, bad option value (exit code 2)."""

    exit_code = 2
