"""The command-line tools behind `python -m bot <command>`."""
