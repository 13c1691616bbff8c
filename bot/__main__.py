"""``python -m bot [--console]``: the same as ``kokeilu bot``."""

from __future__ import annotations

import argparse
import logging
import sys

from bot.runner import run_bot
from feedback_api.config import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Run the Kokeilu Telegram bot (long polling)."
    )
    parser.add_argument(
        "--console",
        action="store_true",
        help="talk to the bot in this terminal instead of Telegram (no token needed)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if args.console else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return run_bot(get_settings(), console=args.console)


if __name__ == "__main__":
    sys.exit(main())
