"""Errors a user may see: each carries one clear sentence and nothing else."""


class PantauError(Exception):
    """Base for every error whose message is meant for the user as it stands."""


class UnusableFile(PantauError):
    """The file cannot be imported at all; nothing was changed."""


class LakeError(PantauError):
    """The lake cannot do what was asked (no batch to roll back to, locked, unreadable)."""


class QueryError(PantauError):
    """A named query does not exist or got a bad parameter."""
