"""Code books and word lists the exports write (all invented or generic; no real person).

The housing and job lists carry, beside each code, the shares drawn for the poorest and the rest.
"""

from __future__ import annotations

import numpy as np


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


LANTAI = {
    1: "Marmer/granit",
    2: "Keramik",
    4: "Ubin/tegel/teraso",
    6: "Semen/bata merah",
    7: "Bambu",
    8: "Kayu/papan kualitas rendah",
    9: "Tanah",
}
DINDING = {
    1: "Tembok",
    2: "Plesteran anyaman bambu/kawat",
    3: "Kayu",
    4: "Anyaman bambu",
    6: "Bambu",
}
ATAP = {1: "Beton", 2: "Genteng keramik", 4: "Genteng tanah liat", 5: "Asbes", 6: "Seng"}
AIR = {
    2: "Isi ulang",
    3: "Leding meteran",
    4: "Leding eceran",
    5: "Sumur bor/pompa",
    6: "Sumur terlindung",
    7: "Sumur tak terlindung",
}
TERANG = {1: "Listrik PLN", 2: "Listrik non-PLN", 3: "Bukan listrik"}
BAB = {1: "Sendiri", 2: "Bersama", 3: "Umum", 4: "Tidak ada"}
HOUSING = {  # name -> (codebook, probabilities for the poorest, for the rest)
    "lantai": (
        LANTAI,
        [0, 0.12, 0.15, 0.45, 0.04, 0.04, 0.20],
        [0.02, 0.55, 0.20, 0.20, 0, 0, 0.03],
    ),
    "dinding": (DINDING, [0.60, 0.10, 0.10, 0.15, 0.05], [0.92, 0.03, 0.03, 0.02, 0]),
    "atap": (ATAP, [0, 0, 0.50, 0.28, 0.22], [0.05, 0.10, 0.70, 0.10, 0.05]),
    "sumber_air": (AIR, [0.35, 0.10, 0.15, 0.20, 0.12, 0.08], [0.45, 0.25, 0.05, 0.17, 0.07, 0.01]),
    "penerangan": (TERANG, [0.97, 0.025, 0.005], [0.99, 0.008, 0.002]),
    "fasilitas_bab": (BAB, [0.55, 0.20, 0.15, 0.10], [0.88, 0.08, 0.03, 0.01]),
}
PEKERJAAN = [
    "Buruh Harian Lepas",
    "Nelayan",
    "Pedagang",
    "Wiraswasta",
    "Tidak Bekerja",
    "Mengurus Rumah Tangga",
    "Buruh Tani",
    "Tukang Becak",
    "Karyawan Swasta",
    "Sopir",
    "Pekerja Bangunan",
]
PEKERJAAN_P = np.array(
    [  # poorest inland, poorest coastal, rest inland, rest coastal
        [0.32, 0.02, 0.10, 0.05, 0.14, 0.10, 0.05, 0.06, 0.04, 0.02, 0.10],
        [0.20, 0.20, 0.10, 0.05, 0.12, 0.10, 0.01, 0.05, 0.03, 0.02, 0.12],
        [0.22, 0.01, 0.14, 0.12, 0.05, 0.08, 0.03, 0.02, 0.20, 0.05, 0.08],
        [0.15, 0.12, 0.14, 0.12, 0.05, 0.08, 0.01, 0.02, 0.18, 0.05, 0.08],
    ]
)
JALAN = [
    "Mawar",
    "Melati",
    "Kenanga",
    "Anggrek",
    "Flamboyan",
    "Cempaka",
    "Dahlia",
    "Teratai",
    "Sedap Malam",
    "Kamboja",
    "Pahlawan",
    "Diponegoro",
    "Gatot Subroto",
    "Ahmad Yani",
    "Hasanudin",
    "Sultan Agung",
    "Veteran",
    "Sumatera",
    "Kalimantan",
    "Jawa",
    "Bali",
    "Halmahera",
    "Slamet Riyadi",
    "Untung Suropati",
    "Nusantara",
    "Lombok",
    "Pattimura",
    "Nelayan",
    "Pelabuhan",
    "Kyai Sepuh",
]
USAHA_KUBE = [
    "Warung Sembako",
    "Jahit",
    "Olahan Ikan",
    "Kue Basah",
    "Kerupuk",
    "Ternak Kambing",
    "Laundry",
    "Tambal Ban",
    "Katering",
    "Bordir",
    "Petis",
    "Keripik",
]
NAMA_KUBE = _words(
    "Mawar|Melati|Sejahtera|Maju Jaya|Berkah|Barokah|Mandiri|Sumber Rejeki|Bina Usaha|Harapan|"
    "Rukun Makmur|Sakinah|Al-Ikhlas|Mina Bahari|Sido Makmur|Sido Rukun|Guyub Rukun|Tunas Baru|"
    "Srikandi|Kartini|Bahari|Sentosa|Lestari|Tekun Karya|Usaha Bersama|Cahaya|Amanah|Nurul Huda|"
    "Sinar Pagi|Pelangi|Kenanga|Anggrek|Dahlia|Cempaka|Teratai|Bougenville|Tanjung|Samudra|Fajar",
    "|",
)
PETUGAS = [  # three per kecamatan, invented
    "Dwi Santoso",
    "Siti Rahayu",
    "Moch. Hidayat",
    "Sri Wahyuni",
    "Agus Prasetyo",
    "Nur Hasanah",
    "Bambang Wibowo",
    "Endang Lestari",
    "Abdul Rahman",
    "Lilik Suryani",
    "Heru Setiawan",
    "Umi Khasanah",
]
BULAN = _words("Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des")
