"""The Peta page's explanations, in the region's words: the deprivation definitions, the pocket
index's formula and rule, the 95 % intervals, the cluster method and the pocket test's bound."""

from __future__ import annotations

from pantau import catalogue, fmt
from pantau import wilayah as wilayah_mod
from pantau.peta_klaster import MIN_DASAR_KLASTER, PERMUTASI, SEED
from pantau.peta_metrik import DASAR_INDEKS, DASAR_KECIL, TANDA_DASAR_KECIL

DEFINISI_DEPRIVASI = (
    "Porsi deprivasi dihitung di antara keluarga miskin ekstrem yang isiannya diketahui: "
    "**lantai tanah** = jenis lantai 9 (tanah); **air minum tidak layak** = sumur tak "
    "terlindung, mata air tak terlindung, sungai/danau, atau air hujan; **tanpa jamban "
    "sendiri** = fasilitas BAB bersama, umum, atau tidak ada; **penerangan bukan PLN** = "
    "listrik non-PLN atau bukan listrik. **Tercakup** (program apa pun, semua strategi) = "
    "menerima penyaluran berstatus tersalur dalam 12 bulan sampai akhir periode atau terdaftar "
    "di program nasional (PKH, BPNT, PBI-JK, …)."
)

RUMUS_INDEKS = (
    r"\text{Indeks}_k = 100 \times \frac{1}{3}\left("
    r"\tilde{r}_k + \tilde{u}_k + \tilde{d}_k\right),\qquad "
    r"\tilde{x}_k = \frac{\hat{x}_k - \min_j \hat{x}_j}{\max_j \hat{x}_j - \min_j \hat{x}_j},\qquad "
    r"\hat{x}_k = w_k\,x_k + (1 - w_k)\,\bar{x}"
)


def _penjelasan_indeks(jenis: str, unit: str = "kelurahan") -> str:
    """The index and the pocket rule explained, the region's rate named by its jenis and its
    units by their word (`unit`: 'kelurahan', or 'desa/kelurahan' where the region has desa)."""
    besar = unit[0].upper() + unit[1:]
    return (
        "$r$ = keluarga miskin ekstrem per 1.000 keluarga dalam daftar (seberapa umum), $u$ = porsi "
        "keluarga miskin ekstrem yang belum tercakup program (seberapa terlewat), $d$ = rata-rata "
        "empat porsi deprivasi (lantai tanah, air minum tidak layak, tanpa jamban sendiri, "
        "penerangan bukan PLN). Tidak ada komponen yang sekadar jumlah keluarga yang diskalakan: "
        "jumlah keluarga ditampilkan tersendiri. **Dihaluskan dengan Bayes empiris** ($\\hat{x}$): "
        f"angka {unit} berdasar kecil ditarik ke arah angka {jenis} ($\\bar{{x}}$), makin kecil "
        f"dasarnya makin kuat ($w_k$ kecil), sehingga satu-dua keluarga tidak membuat {unit} "
        f"tampak ekstrem. Setiap komponen lalu diskalakan min–maks atas semua {unit} (0 = "
        "terendah, 1 = tertinggi); komponen tanpa dasar (tidak ada keluarga miskin ekstrem, atau "
        f"deprivasinya tidak terisi) memakai angka {jenis}; komponen yang oleh penghalusan menjadi sama "
        f"di semua {unit} (perbedaannya antar{unit} tidak melebihi kebetulan) tidak ikut "
        f"dirata-rata, sehingga indeks bertumpu pada komponen yang berbeda. **Dasar minimum:** setiap {unit} dengan "
        f"sedikitnya {DASAR_INDEKS} keluarga dalam daftar (penyebut angkanya, dasar yang sama dengan "
        "uji kantong) diberi indeks dan peringkat, berapa pun keluarga miskin ekstremnya; peringkat "
        f"yang bertumpu pada kurang dari {DASAR_KECIL} keluarga miskin ekstrem diberi tanda * "
        f"(*{TANDA_DASAR_KECIL}*). Indeks membandingkan "
        f"{unit} satu sama lain, bukan ukuran mutlak, dan mengurutkan prioritas; ia tidak "
        f"menentukan status kantong. **{besar} kantong** (satu definisi, dipakai di kartu skor, "
        f"peta ini dan paparan) = {unit} yang angkanya per 1.000 keluarga dalam daftar di atas "
        f"angka {jenis} melampaui kebetulan: batas bawah selang Wilson (uji satu sisi 5 % dengan "
        f"koreksi Bonferroni atas semua {unit}, karena setiap {unit} diuji) di atas angka "
        f"{jenis}; ditandai ◆ pada grafik peringkat dan kolom Kantong pada tabel. Dasarnya jumlah "
        "keluarga dalam daftar, penyebut angka itu, sehingga daftar miskin ekstrem yang menyusut "
        f"tidak dengan sendirinya menghapus kantong. Karena dibandingkan dengan angka {jenis}, jumlah kantong dapat naik walau semua "
        f"{unit} membaik (bila {jenis} membaik lebih cepat): ia mengukur pemusatan, bukan kemajuan. "
        "**Selang 95 %** (metode Wilson) menunjukkan rentang angka yang masih sejalan dengan data; "
        f"dua {unit} yang selangnya tumpang tindih belum tentu berbeda. Porsi dari kurang dari "
        f"{DASAR_KECIL} keluarga diberi tanda *{TANDA_DASAR_KECIL}*."
    )


def penjelasan_indeks() -> str:
    """PENJELASAN_INDEKS in the words of the data directory's region (angka kabupaten, desa/
    kelurahan kantong)."""
    region = wilayah_mod.dari()
    return _penjelasan_indeks(region.jenis, region.label_desa_kecil)


# Kota Pasuruan's text (the default region)
PENJELASAN_INDEKS = _penjelasan_indeks("kota")

PENJELASAN_SELANG = (
    "Angka sebuah kelurahan dihitung dari sedikit keluarga, sehingga satu atau dua keluarga "
    "dapat menggesernya jauh. Daftar keluarga adalah pencacahan lengkap, bukan sampel; selang "
    "ini bertumpu pada sebuah model: keadaan tiap keluarga dipandang sebagai hasil proses acak "
    "yang bisa saja berbeda sedikit dari yang tercatat. Garis pada setiap titik adalah **selang "
    "95 % (metode Wilson)**: rentang angka yang masih sejalan dengan data menurut model itu. "
    "Yang dapat ditunjukkan: wilayah dengan selang lebar belum dapat diberi peringkat dengan "
    "yakin, dan selang yang tumpang tindih berarti perbedaannya bisa saja kebetulan. Yang tidak: "
    "selang yang tidak tumpang tindih bukan bukti bahwa dua wilayah pasti berbeda, dan selang "
    "ini tidak menampung kesalahan pendataan (keluarga yang terlewat atau salah tanda). Tanda * "
    f"= *{TANDA_DASAR_KECIL}* (kurang dari {DASAR_KECIL} keluarga miskin ekstrem)."
)


def penjelasan_selang() -> str:
    """PENJELASAN_SELANG with the region's word for its units ('Angka sebuah desa/kelurahan')."""
    unit = wilayah_mod.dari().label_desa_kecil
    return PENJELASAN_SELANG.replace("Angka sebuah kelurahan", f"Angka sebuah {unit}", 1)


# Where a region other than Kota Pasuruan (its shipped BPS 2020 map) takes its neighbours from.
BATAS_TETANGGA = "pada peta batas yang dipasang (peta-batas), atau pada sel peta perkiraan"


def penjelasan_hotspot() -> str:
    """How the clusters are found, in the region's own words and counts (Kota Pasuruan: 34
    kelurahan, its shipped BPS 2020 boundaries, 4 kecamatan too few to test)."""
    region = wilayah_mod.dari()
    unit, jenis = region.label_desa_kecil, region.jenis
    n = len(region.tabel())
    pasuruan = region.kode == wilayah_mod.BAWAAN
    batas = "pada peta batas BPS 2020" if pasuruan else BATAS_TETANGGA
    akhir = (
        "Tidak dihitung untuk 4 kecamatan: dengan 4 wilayah tidak ada pola tetangga yang dapat "
        "diuji."
        if pasuruan
        else f"Dihitung per {unit} saja, tidak per kecamatan."
    )
    return (
        "Klaster dihitung dengan **Local Moran's I** pada angka keluarga miskin ekstrem per "
        "keluarga dalam daftar, setelah **dihaluskan dengan Bayes empiris** (Assunção–Reis, "
        f"`esda`): angka {unit} berdasar kecil ditarik ke arah rata-rata {jenis}, sehingga 1 dari "
        f"3 keluarga tidak tampak seperti kantong. Tetangga = {unit} yang bersinggungan batas "
        f"atau titik sudut (*queen contiguity*) {batas}. p dari {fmt.angka(PERMUTASI)} penataan "
        f"acak (seed {SEED}, hasil sama setiap kali). Karena {n} {unit} diuji sekaligus, batas "
        "signifikansi dikoreksi untuk **uji berganda** (*false discovery rate* "
        "Benjamini–Hochberg, `esda.fdr`, 5 %): tanpa koreksi, sekitar 1 dari 20 "
        f"{unit} akan tampak signifikan secara kebetulan. {unit.capitalize()} dengan kurang "
        f"dari {MIN_DASAR_KLASTER} keluarga dalam daftar ikut sebagai tetangga tetapi tidak "
        "diberi label (*Dasar kecil*). **Tinggi-Tinggi** = tinggi dikelilingi tinggi (kantong); "
        "**Rendah-Rendah** = rendah dikelilingi rendah; **Tinggi-Rendah** = tinggi di tengah "
        "tetangga rendah; **Rendah-Tinggi** = rendah di tengah tetangga tinggi. Yang dapat "
        "ditunjukkan: di mana angka tinggi berkumpul lebih rapat daripada acak. Yang tidak: "
        f"penyebabnya, atau bahwa {unit} tak berlabel bebas dari kemiskinan. {akhir}"
    )


# the header's label of the bound (peta_kelurahan.per_1000_batas_uji)
KOLOM_BATAS_UJI = catalogue.kolom("peta_kelurahan")["per_1000_batas_uji"].label


def kalimat_batas_uji() -> str:
    """The sentence under the ranking table (BPS review 3, B3): the pocket test compares the
    bound in KOLOM_BATAS_UJI, not the 95 % interval's lower bound, with the city's rate, so "an
    interval above the city, yet not a pocket" is explained. n and z are the region's own (Kota
    Pasuruan: 34 kelurahan, z ≈ 2,97; Kabupaten Tuban: 328, z ≈ 3,61), z the one-sided 5 %
    normal quantile with Bonferroni's correction over n (z_kantong, _shared/57_kantong.sql)."""
    from scipy.stats import norm

    region = wilayah_mod.dari()
    n = len(region.tabel())
    unit = region.label_desa_kecil
    z = float(norm.isf(0.05 / n))
    return (
        f"**{KOLOM_BATAS_UJI}** = batas yang dipakai uji kantong: batas bawah selang Wilson satu "
        f"sisi 5 % dengan koreksi Bonferroni atas {n} {unit} (z ≈ {fmt.angka(z, 2)}), lebih "
        f"rendah daripada batas bawah selang 95 %. {unit.capitalize()} berstatus kantong bila "
        f"batas uji ini di atas angka {region.jenis}. {unit.capitalize()} yang selang 95 %-nya "
        f"di atas angka {region.jenis} tetapi batas ujinya tidak, bukan kantong: bedanya dari "
        f"angka {region.jenis} belum melampaui kebetulan bila {n} {unit} diuji sekaligus."
    )
