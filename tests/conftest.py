"""Test tiers: unit, emulators, contract (emulator and real servers), oracle (official clients), live."""

from medannot.registry import PLATFORMS

# The real-server fixtures (tests/fixtures/<platform>_live.py) of every platform the registry can provision.
pytest_plugins = [f"tests.fixtures.{p.name}_live" for p in PLATFORMS.values() if p.real_server]
