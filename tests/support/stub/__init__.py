"""A stand-in for the Telegram Bot API, served over real HTTP for end-to-end tests.

The bot process talks to it exactly as it would talk to api.telegram.org (point
`TELEGRAM_API_URL` at `stub.base_url`), while tests script the user side (`push_*`),
switch on Telegram's hard parts (blocked users, 429 flood control, 5xx, latency)
and inspect what the bot sent.

Webhook mode: `stub.deliver_to([url, ...], secret)` makes it post each pushed update to one of
the bot's webhook servers (in turn, or at random), the way Telegram posts to a load balancer,
instead of holding it for getUpdates; `push_duplicate` then posts to every server at once.

The parts: `api` (token, limits, Telegram's error wording), `requests` (decoding a call),
`html_entities` (Telegram's HTML parse mode), `records` (what is kept), `server` (the HTTP
server and its state), `user_side` (push_*, webhook posts), `waiting` (reading back and
waiting), `methods` (the Bot API methods). Tests import from `tests.support.telegram_stub`,
which also runs it standalone.
"""
