"""The one version number of xorbridge, shared with the R package's DESCRIPTION."""

__version__ = "0.1.0"
