"""The Telegram channel (aiogram 3): run with ``kokeilu bot`` or ``python -m bot``.

``bot.runner`` (polling, console), ``bot.webhook`` (mounted by the web app), ``bot.factory``
(dispatcher, middlewares, routers), ``bot.handlers`` (one router per concern).
"""
