"""Reading single-file web pages (.mht, .mhtml): a portal's page saved by the browser as one file.

「另存为→网页，单个文件」 (IE, and the IE mode of the 360 and Qianxin browsers many offices use;
Chrome and Edge call it 「网页，单个文件」) writes MHTML: a MIME message whose parts are the page,
its pictures and its style sheets. The page is the root part (named by the message's `start`
parameter, else the first HTML part). It is decoded from its transfer encoding (quoted-printable
or base64) and its charset, and read as any web page is (html.py). The standard library's email
parser reads the message, counting its parts as it makes them (a message of a million empty parts,
or of a part holding them, would keep it busy for minutes and take a gigabyte).
"""
from __future__ import annotations

import email
import email.policy
from email.message import Message

from core.document import Document
from core.readers import html
from core.readers.errors import ReadError
from core.readers.limits import MAX_PAGE_BYTES, check_mht_parts, check_text

NO_PAGE = (
    "这个单个文件网页（.mht）中没有网页正文，可能保存得不完整。"
    "请在浏览器中重新打开报告页面，用“另存为”保存后再检查。"
)


def read(path: str, data: bytes, fingerprint: str) -> Document:
    part = page_part(_message(data))
    payload = part.get_payload(decode=True) if part is not None else None
    if part is None or not isinstance(payload, bytes) or not payload.strip():
        raise ReadError("corrupt", NO_PAGE)
    check_text(payload, MAX_PAGE_BYTES)
    return html.read_page(path, html.decode_page(payload, part.get_content_charset()), fingerprint)


def _message(data: bytes) -> Message:
    """The MIME message, its parts counted as the parser makes them (the parts of parts too: a part may be a
    multipart of its own, with a boundary of its own): past MAX_MHT_PARTS it stops at once."""
    made = 0

    def part(policy=email.policy.compat32) -> Message:
        nonlocal made
        made += 1
        check_mht_parts(made)
        return Message(policy=policy)

    return email.message_from_bytes(data, _class=part, policy=email.policy.compat32)  # compat32: forgiving, as browsers are


def page_part(message: Message) -> Message | None:
    """The part that is the page: the root named by `start`, else the first HTML part."""
    if not message.is_multipart():
        return message if message.get_content_type() == "text/html" else None
    parts = [part for part in message.walk() if not part.is_multipart()]
    start = message.get_param("start")
    if isinstance(start, str):
        root = next((part for part in parts if part.get("Content-ID", "").strip() == start.strip()), None)
        if root is not None:
            return root
    return next((part for part in parts if part.get_content_type() == "text/html"), None)
