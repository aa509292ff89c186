"""Hand-written async sources; `_sync/` beside this folder holds their generated twins."""
