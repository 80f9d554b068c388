"""Pantau Kemiskinan Ekstrem: the engine behind the Dinas Sosial Kota Pasuruan dashboard."""

__version__ = "0.1.0"
