"""Code generation: schemas/<platform>/ (raw schema + patch) -> generated/medannot_api/<platform>/."""
