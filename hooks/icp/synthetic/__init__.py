"""Synthetic but valid cases, for the benchmark and for tests at scale."""
