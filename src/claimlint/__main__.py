"""`python -m claimlint`."""
from claimlint.cli import entry

entry()
