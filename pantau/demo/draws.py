"""Deterministic draws: uniforms, noise and category picks that are pure functions of an index.

A family's draw depends on its index and a salt, not on how many families come before it, so
five million families cost no Python loop per row and a seed always gives the same world.
"""

from __future__ import annotations

import numpy as np


def _u(idx: np.ndarray, *salt: int) -> np.ndarray:
    """A uniform [0, 1) draw that is a pure function of (index, salt…): splitmix64."""
    x = np.asarray(idx, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for s in salt:
        x = x ^ np.uint64((int(s) * 0xD1B54A32D192ED03 + 0x632BE59BD9B4E019) & 0xFFFFFFFFFFFFFFFF)
        x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    x = x ^ (x >> np.uint64(31))
    return (x >> np.uint64(11)).astype(np.float64) * (1.0 / 2**53)


def _z(idx: np.ndarray, *salt: int) -> np.ndarray:
    """Roughly standard-normal noise from three uniforms (Irwin–Hall), a pure function of idx."""
    return (_u(idx, *salt, 1) + _u(idx, *salt, 2) + _u(idx, *salt, 3) - 1.5) * 2.0


def _choose(u: np.ndarray, probs, group: np.ndarray | None = None) -> np.ndarray:
    """Category index for each uniform `u`, from one probability row or one row per group."""
    p = np.atleast_2d(np.asarray(probs, dtype=np.float64))
    cum = np.cumsum(p / p.sum(axis=1, keepdims=True), axis=1)
    rows = cum[0] if group is None else cum[group]
    if group is None:
        return np.minimum(np.searchsorted(rows, u, side="right"), p.shape[1] - 1)
    return np.minimum((u[:, None] >= rows).sum(axis=1), p.shape[1] - 1)
