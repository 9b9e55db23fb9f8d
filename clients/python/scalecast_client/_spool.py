"""Batches the server could not take, kept in a local JSON-lines file until ``Client.sync()`` sends them."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List


class Spool:
    """One JSON object a line: {"url": server, "body": the POST /api/v1/runs body}. Appends are flushed to disk
    at once, so a crash after ``log`` loses nothing that was spooled. Meant for one process at a time."""

    def __init__(self, path: str):
        self.path = path

    def append(self, entry: Dict[str, Any]) -> None:
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as file:
            file.write(json.dumps(entry) + "\n")
            file.flush()
            os.fsync(file.fileno())

    def entries(self) -> List[Dict[str, Any]]:
        if not os.path.exists(self.path):
            return []
        with open(self.path, encoding="utf-8") as file:
            return [json.loads(line) for line in file if line.strip()]

    def replace(self, entries: List[Dict[str, Any]]) -> None:
        """Keeps only `entries` (atomically: a crash leaves the old file or the new one)."""
        if not entries:
            if os.path.exists(self.path):
                os.remove(self.path)
            return
        temporary = self.path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            file.writelines(json.dumps(entry) + "\n" for entry in entries)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)
