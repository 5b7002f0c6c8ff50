"""Old import path of the vector strategies: everything lives in ``tests/strategies.py`` now."""

from __future__ import annotations

from strategies import block_sets, exact_numbers, layered_sets, reward_values, rewards, vector_sets, vectors

__all__ = ["exact_numbers", "rewards", "reward_values", "vectors", "vector_sets", "block_sets", "layered_sets"]
