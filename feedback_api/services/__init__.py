"""Use cases as plain async functions: the bot and HTTP both call these.

Services flush but never commit: the edge (HTTP dependency, bot middleware, CLI) owns the
transaction, so several use cases compose into one.
"""
