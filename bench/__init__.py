"""Benchmarks: `./dev bench` (or `.venv/bin/python -m bench [NAME…]`) prints figures and ratios."""
