"""What a conversation needs beyond its own handler, shared by several of them.

- `first_contact`: the short privacy notice before a newcomer's first answer, by any path
  (an outer middleware, wired in bot/dispatcher.py).
- `latest_question`: which question a text answers when two conversations wait for one
  (the one asked last).
"""
