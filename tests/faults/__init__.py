"""Fault tier: a fault-injecting loopback proxy between each client twin and each emulator (see proxy.py)."""
