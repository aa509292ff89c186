"""One adapter per platform of the registry (`_platforms/<name>.py`, `ADAPTER`), plus the local folder."""
