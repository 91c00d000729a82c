"""The one error type of the desktop launcher, shared by the XDG and the Windows installers."""


class DesktopError(Exception):
    """Installing or removing the launcher failed; the message is one line for the user."""
