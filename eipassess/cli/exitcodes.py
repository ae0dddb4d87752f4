"""Named exit codes of every command."""

OK = 0
BELOW_THRESHOLD = 1  # compliance below --fail-under
BAD_INPUT = 2  # a user's files, arguments or store are wrong; the message says what and where
INTERNAL = 3  # a bug in eipassess: please report it with the traceback
INTERRUPTED = 130
