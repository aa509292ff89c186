"""Test tiers: unit, emulators, contract (emulator and real servers), oracle (official clients), live."""

pytest_plugins = ["tests.fixtures.monailabel_live", "tests.fixtures.phas_live"]
