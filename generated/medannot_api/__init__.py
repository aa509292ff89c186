"""Generated low-level clients (output of `make generate`; never edit)."""
