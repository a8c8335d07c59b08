"""The window: presents and edits the core model; no domain logic here."""

APP_NAME = "年报检查"
