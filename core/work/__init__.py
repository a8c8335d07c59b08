"""The clerk's work on a report, kept apart from what was read, and nothing of Qt.

`entry` takes what was typed (a number, the body's name, the year) or says why not; `corrections`
makes each change one `Step` and its undoing; `confirmations` holds the 已核实 marks; `fixes` offers
the changes a failed balance or a blank table points at; `autosave` keeps the work on disk; `session`
is one report being corrected: each step taken, checked again, saved. The window shows a session and
puts its steps on Qt's undo stack (gui/session.py).
"""
