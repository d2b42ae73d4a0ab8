"""ghasim: simulate GitHub Actions workflow chains locally."""

__version__ = "0.2.0"
