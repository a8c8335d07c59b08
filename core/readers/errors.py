"""The one error a reader raises: a code for programs, a Chinese sentence for clerks."""
from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read as a report. `message` says why and what to do, in Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
