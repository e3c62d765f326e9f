"""Matching jobs: the engine run over one state's own records, with per-field explanations."""
