"""No secret anywhere: the secret audit of the contract suites (`audit.py`) and the secret inputs of every client."""
