"""Errors a user may see: each carries one clear sentence and nothing else."""

import re

# Control characters (a newline in a file name, a tab from a parser) would split the one sentence.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class PantauError(Exception):
    """Base for every error whose message is meant for the user as it stands.

    The message is kept on one line: any control character in it (it may quote a file name the
    user chose) becomes a space.
    """

    def __init__(self, message: str = "", *args):
        super().__init__(_CONTROL.sub(" ", str(message)), *args)


class UnusableFile(PantauError):
    """The file cannot be imported at all; nothing was changed."""


class LakeError(PantauError):
    """The lake cannot do what was asked (no batch to roll back to, locked, unreadable)."""


class QueryError(PantauError):
    """A named query does not exist or got a bad parameter."""
