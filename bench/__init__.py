"""Benchmarks: intake over HTTP, the bot, analysis and reports, each against its floor.

Run them all with ``make bench`` (``python -m bench``); results go to ``bench/results/``.
"""
