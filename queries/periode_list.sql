-- name: periode_list
-- returns: every period that has data in any dataset, oldest first, with the datasets present
-- unit: periode
-- params: (none)
SELECT periode, string_agg(DISTINCT dataset, ', ' ORDER BY dataset) AS dataset
FROM periode_dataset
GROUP BY periode
ORDER BY periode
