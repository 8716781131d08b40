"""One exception tree for newsprism.

    NewsprismError                 anything newsprism raises on purpose
    ├── ConfigError                an unknown setting or a bad value
    ├── InputError                 one input cannot be read (carries the origin)
    │   ├── UnsupportedInput       not a format newsprism reads: skipped
    │   ├── EmptyInput             nothing to read
    │   ├── BinaryInput            bytes that are not text
    │   ├── InputTooLarge          over the configured size limit
    │   └── NoArticle              a page with no article text in it
    ├── ModelError                 a model package is missing or broken
    ├── StoreError                 the database cannot be opened or migrated
    └── NothingToAnalyze           no input was read: the run has nothing to say

Errors carry the context a user needs (which file, what is wrong, what to do);
they are turned into exit codes and messages only at the edges (cli/, serve/).
A bad article is data, not a crash: ingest turns InputError into an
``InputReport`` and goes on.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of everything newsprism raises on purpose."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{msg} ({self.hint})" if self.hint else msg


class ConfigError(NewsprismError):
    pass


class InputError(NewsprismError):
    """One input cannot be used; ``origin`` says which."""

    skip = False  # True: the input is not ours to read (skipped, not failed)

    def __init__(self, origin: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.origin = origin


class UnsupportedInput(InputError):
    skip = True


class EmptyInput(InputError):
    skip = True


class BinaryInput(InputError):
    pass


class InputTooLarge(InputError):
    pass


class NoArticle(InputError):
    pass


class ModelError(NewsprismError):
    pass


class StoreError(NewsprismError):
    pass


class NothingToAnalyze(NewsprismError):
    pass
