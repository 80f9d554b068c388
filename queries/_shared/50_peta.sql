-- deprivasi(p): cakupan(p) (period p's families with `tercakup`) plus four housing deprivation
-- flags, NULL where the export left the field empty, so shares count only known answers:
-- lantai_tanah (lantai 9 tanah), air_tidak_layak (sumber_air 7 sumur tak terlindung, 9 mata air
-- tak terlindung, 10 sungai/danau, 11 air hujan), tanpa_jamban (fasilitas_bab not 1 sendiri),
-- bukan_pln (penerangan not 1 listrik PLN). peta_kelurahan and peta_kecamatan share it.
CREATE OR REPLACE MACRO deprivasi(p) AS TABLE
SELECT c.*,
       c.lantai = 9 AS lantai_tanah,
       c.sumber_air IN (7, 9, 10, 11) AS air_tidak_layak,
       c.fasilitas_bab <> 1 AS tanpa_jamban,
       c.penerangan <> 1 AS bukan_pln
FROM cakupan(p) c;

-- skala_01(x, lo, hi): min-max scaling to 0..1; 0 when every region has the same value (the
-- component then tells regions nothing), NULL when x is unknown.
CREATE OR REPLACE MACRO skala_01(x, lo, hi) AS
    CASE WHEN x IS NOT NULL THEN coalesce((x - lo) / nullif(hi - lo, 0), 0.0) END;
