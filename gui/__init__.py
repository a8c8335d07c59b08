"""The window: presents and edits the core model; no domain logic here."""
