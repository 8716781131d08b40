"""Fetching pages over HTTP: timeouts, a per-host delay, a size limit, and a swappable transport.

Tests pass ``httpx.MockTransport``; nothing in the test suite reaches the internet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsprism import __version__
from newsprism.errors import InputError, InputTooLarge

USER_AGENT = f"newsprism/{__version__} (+https://github.com/newsprism; news comparison research)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    text: str
    content_type: str


class Fetcher:
    """GETs pages politely: at most one request per ``delay`` seconds to the same host."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        timeout: float = 20.0,
        delay: float = 1.0,
        max_bytes: int = 20_000_000,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = httpx.Client(
            transport=transport, timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )
        self.delay = delay
        self.max_bytes = max_bytes
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            wait = self._last.get(host, -1e9) + self.delay - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            self._last[host] = time.monotonic()

    def get(self, url: str) -> Fetched:
        """The page at ``url``; network and HTTP errors raise InputError naming the URL."""
        self._wait_turn(urlsplit(url).netloc.lower())
        try:
            with self.client.stream("GET", url) as resp:
                resp.raise_for_status()
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise InputTooLarge(url, f"the page is over {self.max_bytes:,} bytes")
                    chunks.append(chunk)
                data = b"".join(chunks)
                encoding = resp.charset_encoding or "utf-8"
                return Fetched(
                    str(resp.url), data.decode(encoding, errors="replace"), resp.headers.get("content-type", "")
                )
        except httpx.HTTPStatusError as exc:
            raise InputError(url, f"the server answered {exc.response.status_code}") from exc
        except httpx.TimeoutException as exc:
            raise InputError(url, "the request timed out", hint="try again later or raise the timeout") from exc
        except httpx.HTTPError as exc:
            raise InputError(url, f"cannot fetch: {exc}") from exc
