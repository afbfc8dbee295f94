"""pipeline-tui: Leadership Pipeline development conversations in the terminal.

Kept empty on purpose: importing the package must import nothing heavy, because
the command line imports it on every start.
"""

__version__ = "0.1.0"
