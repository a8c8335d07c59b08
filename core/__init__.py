"""年报检查's engine: the report model, the formats, the readers, the rules and the exporters.

Nothing here imports Qt: the command line and the tests run without a display.
"""
__version__ = "0.1.0"
