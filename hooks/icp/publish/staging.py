"""Build into a fresh folder and swap it in only when the whole build succeeded.

A generator empties its output folder first and writes page after page; a failure half-way (or a
strict build refused for a warning at the very end) would leave a half-written site. Here the build
writes next to the site, and the finished folder replaces the old one in two renames; any failure
removes the new folder and leaves the old site untouched, byte for byte.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path


class _WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class SiteSwap:
    """``staging`` is where to build; :meth:`finish` swaps it in, :meth:`abandon` throws it away.

    With ``strict``, a build that logged a warning (which the generator turns into a failure after
    its last step) is abandoned, not swapped in. Warnings are counted on the ``logger`` given, from
    the moment the swap is set up.
    """

    def __init__(self, site: Path, *, strict: bool, logger: str):
        self.site = site.resolve()
        self.staging = self.site.with_name(f".{self.site.name}.building-{os.getpid()}")
        self.strict = strict
        shutil.rmtree(self.staging, ignore_errors=True)
        self._logger = logging.getLogger(logger)
        self._warnings = _WarningCount()
        self._logger.addHandler(self._warnings)

    def finish(self) -> bool:
        """Swap the built folder in; False (and the old site kept) if a strict build had a warning."""
        self._logger.removeHandler(self._warnings)
        if self.strict and self._warnings.count:
            self.abandon()
            return False
        old = self.site.with_name(f".{self.site.name}.old-{os.getpid()}")
        if self.site.exists():
            os.replace(self.site, old)
        os.replace(self.staging, self.site)
        shutil.rmtree(old, ignore_errors=True)
        return True

    def abandon(self) -> None:
        self._logger.removeHandler(self._warnings)
        shutil.rmtree(self.staging, ignore_errors=True)
