"""Oracle tests: official clients drive real servers or emulators; their traffic must match our schemas."""
