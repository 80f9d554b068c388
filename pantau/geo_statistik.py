"""Spatial statistics on the boundaries: queen contiguity weights and the hotspot labels of
Local Moran's I."""

from __future__ import annotations

import warnings

import esda
import geopandas as gpd
import libpysal
import numpy as np
import pandas as pd

from pantau.geo_kode import _QUADRANTS, NO_DATA, NOT_SIGNIFICANT, SIGNIFICANCE

# --- spatial statistics ------------------------------------------------------------------------


def contiguity(gdf: gpd.GeoDataFrame, id_col: str) -> libpysal.weights.W:
    """Row-standardised queen contiguity weights keyed by code; islands get their nearest
    region as neighbour so every region takes part in the local statistics."""
    frame = gdf.set_index(gdf[id_col].astype(str).rename(None))
    weights = libpysal.weights.Queen.from_dataframe(frame, use_index=True, silence_warnings=True)
    if weights.islands:
        points = frame.set_geometry(frame.representative_point())
        nearest = libpysal.weights.KNN.from_dataframe(
            points, k=1, use_index=True, silence_warnings=True
        )
        weights = libpysal.weights.attach_islands(weights, nearest)
    weights.transform = "r"
    return weights


def _label(quadrant: int, p_sim: float) -> str:
    return _QUADRANTS[quadrant] if p_sim < SIGNIFICANCE else NOT_SIGNIFICANT


def hotspots(
    gdf_with_values: gpd.GeoDataFrame,
    value_col: str,
    id_col: str,
    permutations: int = 999,
    seed: int = 20240601,
) -> pd.DataFrame:
    """Local Moran's I per region: code, value, I, p_sim and `kuadran` (Indonesian label,
    significant at p < 0.05). Regions without a value are left out of the statistic and
    labelled "Tanpa data"; with no variation at all every region is "Tidak signifikan"."""
    frame = gdf_with_values.reset_index(drop=True)
    codes = frame[id_col].astype(str)
    out = pd.DataFrame({id_col: codes, value_col: frame[value_col]})
    out["I"], out["p_sim"], out["kuadran"] = np.nan, np.nan, NO_DATA
    has_value = frame[value_col].notna()
    out.loc[has_value, "kuadran"] = NOT_SIGNIFICANT
    values = frame.loc[has_value, value_col].astype(float).set_axis(codes[has_value])
    if len(values) < 3 or values.nunique() < 2:
        return out
    weights = contiguity(frame[has_value], id_col)
    with warnings.catch_warnings():
        # esda announces a future change of default p-value; the current folded (directed)
        # pseudo p-value is what the labels are defined on, and the notice means nothing to users.
        warnings.simplefilter("ignore", DeprecationWarning)
        local = esda.Moran_Local(
            values.loc[weights.id_order].to_numpy(),
            weights,
            permutations=permutations,
            seed=seed,
            n_jobs=1,
        )
    result = pd.DataFrame(
        {
            "I": local.Is,
            "p_sim": local.p_sim,
            "kuadran": [_label(q, p) for q, p in zip(local.q, local.p_sim, strict=True)],
        },
        index=weights.id_order,
    )
    # Results come in the weights' order; put them back on the caller's rows by code.
    for column in result.columns:
        out.loc[has_value, column] = codes[has_value].map(result[column])
    return out
