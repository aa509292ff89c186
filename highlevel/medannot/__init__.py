"""medannot: one typed Python client for medical-image annotation platforms."""

__version__ = "0.1.0"
