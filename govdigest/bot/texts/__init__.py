"""Every user-facing string lives in this package (Russian first), one module per feature."""
