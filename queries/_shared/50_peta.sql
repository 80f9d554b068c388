-- deprivasi(p): cakupan(p) (period p's families with `tercakup_program` and the rest) plus four housing deprivation
-- flags, NULL where the export left the field empty, so shares count only known answers:
-- lantai_tanah (lantai 9 tanah), air_tidak_layak (sumber_air 7 sumur tak terlindung, 9 mata air
-- tak terlindung, 10 sungai/danau, 11 air hujan), tanpa_jamban (fasilitas_bab not 1 sendiri),
-- bukan_pln (penerangan not 1 listrik PLN). peta_kelurahan and peta_kecamatan share it
-- (they read deprivasi_ekstrem: every figure but the counts is about the extreme-poor).
CREATE OR REPLACE MACRO tanda_deprivasi(lantai, sumber_air, fasilitas_bab, penerangan) AS
    struct_pack(lantai_tanah := lantai = 9,
                air_tidak_layak := sumber_air IN (7, 9, 10, 11),
                tanpa_jamban := fasilitas_bab <> 1,
                bukan_pln := penerangan <> 1);

CREATE OR REPLACE MACRO deprivasi(p) AS TABLE
SELECT c.*, unnest(tanda_deprivasi(c.lantai, c.sumber_air, c.fasilitas_bab, c.penerangan))
FROM cakupan(p) c;

-- deprivasi_ekstrem(p): deprivasi(p) WHERE miskin_ekstrem, read from cakupan_ekstrem.
CREATE OR REPLACE MACRO deprivasi_ekstrem(p) AS TABLE
SELECT c.*, unnest(tanda_deprivasi(c.lantai, c.sumber_air, c.fasilitas_bab, c.penerangan))
FROM cakupan_ekstrem c
WHERE c.periode = p;

-- skala_01(x, lo, hi): min-max scaling to 0..1; 0 when every region has the same value (the
-- component then tells regions nothing), NULL when x is unknown.
CREATE OR REPLACE MACRO skala_01(x, lo, hi) AS
    CASE WHEN x IS NOT NULL THEN coalesce((x - lo) / nullif(hi - lo, 0), 0.0) END;
