"""Provisioning and start-up of the real servers used by tests, schema pulls and benchmarks."""
