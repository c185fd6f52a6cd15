"""pbchat: participatory budgeting in a Telegram chat."""
