-- name: periode_list
-- returns: every period that has data in any dataset, oldest first, with the datasets present
-- unit: periode
-- params: (none)
SELECT periode, string_agg(DISTINCT dataset, ', ' ORDER BY dataset) AS dataset
FROM (
    SELECT DISTINCT periode, 'keluarga' AS dataset FROM keluarga
    UNION ALL SELECT DISTINCT periode, 'verval' FROM verval
    UNION ALL SELECT DISTINCT periode, 'penyaluran' FROM penyaluran
    UNION ALL SELECT DISTINCT periode, 'kube' FROM kube
    UNION ALL SELECT DISTINCT periode, 'pemantauan' FROM pemantauan
)
GROUP BY periode
ORDER BY periode
