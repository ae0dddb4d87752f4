"""Allow ``python -m eipassess``."""

from .cli.main import entry

entry()
