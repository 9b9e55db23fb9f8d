"""JSON over HTTP with an API token, retrying what a retry can fix (no answer, 502, 503, 504)."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Mapping, Optional

#: Answers that mean "the server is not there right now": worth retrying, then spooling.
RETRIED_STATUSES = frozenset({502, 503, 504})


class ScalecastError(Exception):
    """The server refused a request: ``status``, ``code`` and, for bad input, ``issues`` naming each field."""

    def __init__(self, status: Optional[int], code: str, message: str, issues: Optional[list] = None):
        super().__init__(f"{status} {code}: {message}" if status else f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.issues = issues or []


class ServerUnavailable(ScalecastError):
    """No answer from the server (down, restarting, unreachable) after every retry."""

    def __init__(self, message: str):
        super().__init__(None, "SERVER_UNAVAILABLE", message)


class Http:
    """Requests to one server. After a failed request, the next one is tried once (no retries) until one succeeds,
    so a training loop does not wait out every retry while the server is down."""

    def __init__(self, url: str, token: str, timeout: float, retries: int, backoff: float):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.offline = False

    def request(self, method: str, path: str, body: Any = None, query: Optional[Mapping[str, Any]] = None) -> Any:
        params = {k: v for k, v in (query or {}).items() if v is not None}
        url = self.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        attempts = 1 if self.offline else self.retries + 1
        for attempt in range(attempts):
            if attempt > 0:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                request = urllib.request.Request(url, data=data, method=method, headers=headers)
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    text = response.read()
                self.offline = False
                return json.loads(text) if text else None
            except urllib.error.HTTPError as error:
                if error.code in RETRIED_STATUSES:
                    reason = f"{method} {path} answered {error.code}"
                    error.close()
                    continue
                raise _refusal(error) from None
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout, TimeoutError) as error:
                reason = f"{method} {path} failed: {getattr(error, 'reason', error)}"
        self.offline = True
        raise ServerUnavailable(f"{reason} ({attempts} attempt{'s' if attempts > 1 else ''}; server {self.url})")


def _refusal(error: urllib.error.HTTPError) -> ScalecastError:
    """The server's JSON error ({"error": {"code", "message", "issues"}}) as a ScalecastError."""
    try:
        detail = json.loads(error.read())["error"]
        return ScalecastError(error.code, detail["code"], detail["message"], detail.get("issues"))
    except (ValueError, KeyError, TypeError):
        return ScalecastError(error.code, "HTTP_ERROR", str(error.reason))
