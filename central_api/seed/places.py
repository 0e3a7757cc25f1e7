"""CESC Mysore's structure and place names, as data for the synthetic company.

What is real and what is invented:
- Real: the five districts; the corporate office in Mysuru; an O&M division at N.R. Mohalla
  in Mysuru city (Star of Mysore, Dec 2025); divisional offices opened at K.R. Nagar, Maddur
  and Madikeri, and sub-divisional offices at Ramakrishnanagar (Mysuru), Keragodu and Mandya
  city (The Hindu, Jan 2023). Every town, village and city locality named here is a real place
  in the district it is listed under.
- Believed, not confirmed from a primary source: two O&M zones (Mysuru and Hassan), one O&M
  circle per district, and the other divisions, at taluk towns where CESC has offices.
- Invented: which sub-division sits under which division, the sections (named after real
  villages and localities), all codes, and the PIN codes (the taluk town's head post office's
  PIN, from memory, so approximate).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A place name in English and in ITRANS (Dravidian) for transliteration to Kannada."""

    en: str
    itrans: str


@dataclass(frozen=True)
class DivisionPlan:
    code: str
    name: Place
    urban: bool
    pin: str
    subdivisions: tuple[Place, ...]


@dataclass(frozen=True)
class CirclePlan:
    code: str
    district: str  # the English district name, as in common.org.CESC_DISTRICTS
    district_code: str  # three letters, used in location codes: MYS001
    rr_code: str  # two letters, the start of RR numbers: MY012D000123
    name: Place
    consumer_share: float  # this district's share of the company's consumers (approximate)
    divisions: tuple[DivisionPlan, ...]


@dataclass(frozen=True)
class ZonePlan:
    code: str
    name: Place
    circles: tuple[CirclePlan, ...]


def _p(en: str, itrans: str) -> Place:
    return Place(en, itrans)


def _div(code: str, name: Place, pin: str, *subs: Place, urban: bool = False) -> DivisionPlan:
    return DivisionPlan(code, name, urban, pin, subs)


MYSURU = _p("Mysuru", "maisUru")
MYSURU_CIRCLE = CirclePlan(
    "CMYS",
    "Mysuru",
    "MYS",
    "MY",
    MYSURU,
    0.40,
    (
        _div(
            "DNRM",
            _p("N.R. Mohalla", "en.Ar. mohalla"),
            "570007",
            _p("N.R. Mohalla", "en.Ar. mohalla"),
            _p("Udayagiri", "udayagiri"),
            _p("Rajivnagar", "rAjIvnagara"),
            _p("Mandi Mohalla", "maMDi mohalla"),
            _p("Shakthinagar", "shaktinagara"),
            urban=True,
        ),
        _div(
            "DVVM",
            _p("V.V. Mohalla", "vi.vi. mohalla"),
            "570002",
            _p("V.V. Mohalla", "vi.vi. mohalla"),
            _p("Gokulam", "gOkula"),
            _p("Hebbal", "hebbALa"),
            _p("Metagalli", "mETagaLLi"),
            _p("Vijayanagar", "vijayanagara"),
            urban=True,
        ),
        _div(
            "DKVN",
            _p("Kuvempunagar", "kuveMpunagara"),
            "570023",
            _p("Kuvempunagar", "kuveMpunagara"),
            _p("Ramakrishnanagar", "rAmakRRiShNanagara"),
            _p("Saraswathipuram", "sarasvatipura"),
            _p("Srirampura", "shrIrAmapura"),
            urban=True,
        ),
        _div(
            "DNJD",
            _p("Nanjangud", "naMjanagUDu"),
            "571301",
            _p("Nanjangud", "naMjanagUDu"),
            _p("Hullahalli", "hullahaLLi"),
            _p("T. Narasipura", "Ti. narasIpura"),
            _p("Bannur", "bannUru"),
        ),
        _div(
            "DHNS",
            _p("Hunsur", "hunasUru"),
            "571105",
            _p("Hunsur", "hunasUru"),
            _p("Periyapatna", "piriyApaTTaNa"),
            _p("H.D. Kote", "hech.Di. kOTe"),
            _p("Bettadapura", "beTTadapura"),
        ),
        _div(
            "DKRN",
            _p("K.R. Nagar", "ke.Ar. nagara"),
            "571602",
            _p("K.R. Nagar", "ke.Ar. nagara"),
            _p("Saligrama", "sAligrAma"),
            _p("Chunchanakatte", "chuMchanakaTTe"),
            _p("Mirle", "mirle"),
        ),
    ),
)
MANDYA_CIRCLE = CirclePlan(
    "CMDY",
    "Mandya",
    "MDY",
    "MD",
    _p("Mandya", "maMDya"),
    0.22,
    (
        _div(
            "DMDY",
            _p("Mandya", "maMDya"),
            "571401",
            _p("Mandya City", "maMDya nagara"),
            _p("Mandya Rural", "maMDya grAmAMtara"),
            _p("Keragodu", "keragODu"),
            _p("Srirangapatna", "shrIraMgapaTTaNa"),
        ),
        _div(
            "DMDR",
            _p("Maddur", "maddUru"),
            "571428",
            _p("Maddur", "maddUru"),
            _p("Malavalli", "maLavaLLi"),
            _p("Halagur", "halagUru"),
            _p("K.M. Doddi", "ke.eM. doDDi"),
        ),
        _div(
            "DPDP",
            _p("Pandavapura", "pAMDavapura"),
            "571434",
            _p("Pandavapura", "pAMDavapura"),
            _p("Melkote", "mElukOTe"),
            _p("Chinakurali", "chinakurali"),
        ),
        _div(
            "DKRP",
            _p("K.R. Pet", "ke.Ar. pETe"),
            "571426",
            _p("K.R. Pet", "ke.Ar. pETe"),
            _p("Kikkeri", "kikkEri"),
            _p("Akkihebbal", "akkihebbALu"),
        ),
        _div(
            "DNGM",
            _p("Nagamangala", "nAgamaMgala"),
            "571432",
            _p("Nagamangala", "nAgamaMgala"),
            _p("Bellur", "bellUru"),
            _p("Bindiganavile", "biMDiganavile"),
        ),
    ),
)
HASSAN_CIRCLE = CirclePlan(
    "CHSN",
    "Hassan",
    "HSN",
    "HS",
    _p("Hassan", "hAsana"),
    0.22,
    (
        _div(
            "DHSN",
            _p("Hassan", "hAsana"),
            "573201",
            _p("Hassan City", "hAsana nagara"),
            _p("Hassan Rural", "hAsana grAmAMtara"),
            _p("Shanthigrama", "shAMtigrAma"),
            _p("Dudda", "dudda"),
        ),
        _div(
            "DARK",
            _p("Arsikere", "arasIkere"),
            "573103",
            _p("Arsikere", "arasIkere"),
            _p("Banavara", "bANAvara"),
            _p("Javagal", "jAvagal"),
        ),
        _div(
            "DCRP",
            _p("Channarayapatna", "channarAyapaTTaNa"),
            "573116",
            _p("Channarayapatna", "channarAyapaTTaNa"),
            _p("Shravanabelagola", "shravaNabeLagoLa"),
            _p("Hirisave", "hirIsAve"),
        ),
        _div(
            "DHNP",
            _p("Holenarasipura", "hoLenarasIpura"),
            "573211",
            _p("Holenarasipura", "hoLenarasIpura"),
            _p("Arkalgud", "arakalagUDu"),
            _p("Ramanathapura", "rAmanAthapura"),
        ),
        _div(
            "DSKP",
            _p("Sakleshpur", "sakalEshapura"),
            "573134",
            _p("Sakleshpur", "sakalEshapura"),
            _p("Belur", "bElUru"),
            _p("Alur", "AlUru"),
            _p("Halebidu", "haLEbIDu"),
        ),
    ),
)
CHAMARAJANAGAR_CIRCLE = CirclePlan(
    "CCHN",
    "Chamarajanagar",
    "CHN",
    "CH",
    _p("Chamarajanagar", "chAmarAjanagara"),
    0.09,
    (
        _div(
            "DCHN",
            _p("Chamarajanagar", "chAmarAjanagara"),
            "571313",
            _p("Chamarajanagar", "chAmarAjanagara"),
            _p("Santhemarahalli", "saMtemarahaLLi"),
            _p("Yelandur", "yaLaMdUru"),
        ),
        _div(
            "DKLG",
            _p("Kollegal", "koLLEgAla"),
            "571440",
            _p("Kollegal", "koLLEgAla"),
            _p("Hanur", "hanUru"),
            _p("Ramapura", "rAmApura"),
        ),
        _div(
            "DGLP",
            _p("Gundlupet", "guMDlupETe"),
            "571111",
            _p("Gundlupet", "guMDlupETe"),
            _p("Begur", "bEgUru"),
            _p("Terakanambi", "terakaNAMbi"),
        ),
    ),
)
KODAGU_CIRCLE = CirclePlan(
    "CKDG",
    "Kodagu",
    "KDG",
    "KD",
    _p("Kodagu", "koDagu"),
    0.07,
    (
        _div(
            "DMDK",
            _p("Madikeri", "maDikEri"),
            "571201",
            _p("Madikeri", "maDikEri"),
            _p("Napoklu", "nApOklu"),
            _p("Bhagamandala", "bhAgamaMDala"),
        ),
        _div(
            "DVRJ",
            _p("Virajpet", "virAjapETe"),
            "571218",
            _p("Virajpet", "virAjapETe"),
            _p("Gonikoppal", "gONikoppalu"),
            _p("Siddapura", "siddApura"),
        ),
        _div(
            "DSMP",
            _p("Somwarpet", "sOmavArapETe"),
            "571236",
            _p("Somwarpet", "sOmavArapETe"),
            _p("Kushalnagar", "kushAlanagara"),
            _p("Shanivarasanthe", "shanivArasaMte"),
        ),
    ),
)

ZONES: tuple[ZonePlan, ...] = (
    ZonePlan("ZMYS", MYSURU, (MYSURU_CIRCLE, MANDYA_CIRCLE, CHAMARAJANAGAR_CIRCLE)),
    ZonePlan("ZHSN", _p("Hassan", "hAsana"), (HASSAN_CIRCLE, KODAGU_CIRCLE)),
)

# Real villages and localities of each district; sections and addresses are named after them.
VILLAGES: dict[str, tuple[Place, ...]] = {
    "Mysuru": (
        _p("Hootagalli", "hUTagaLLi"),
        _p("Bogadi", "bOgAdi"),
        _p("Varuna", "varuNa"),
        _p("Jayapura", "jayapura"),
        _p("Yelwal", "ilavAla"),
        _p("Kadakola", "kaDakoLa"),
        _p("Sosale", "sOsale"),
        _p("Bilikere", "bilikere"),
        _p("Gavadagere", "gAvaDagere"),
        _p("Kampalapura", "kaMpalApura"),
        _p("Antharasanthe", "aMtarasaMte"),
        _p("Hampapura", "haMpApura"),
        _p("Sargur", "saragUru"),
        _p("Doddakaval", "doDDakAval"),
        _p("Talakadu", "talakADu"),
        _p("Hadinaru", "hadinAru"),
        _p("Mugur", "mUgUru"),
        _p("Kavalande", "kavalaMde"),
        _p("Biligere", "biLigere"),
        _p("Hanagodu", "hanagODu"),
    ),
    "Mandya": (
        _p("Besagarahalli", "besagarahaLLi"),
        _p("Koppa", "koppa"),
        _p("Kyathanahalli", "kyAtanahaLLi"),
        _p("Kirugavalu", "kirugAvalu"),
        _p("Belakavadi", "beLakavADi"),
        _p("Hemmige", "hemmige"),
        _p("Basaralu", "basarALu"),
        _p("Dudda", "dudda"),
        _p("Santhebachahalli", "saMtebAchahaLLi"),
        _p("Bookanakere", "bUkanakere"),
        _p("Arakere", "arakere"),
        _p("Kalenahalli", "kALenahaLLi"),
        _p("Shivalli", "shivaLLi"),
        _p("Bevinahalli", "bEvinahaLLi"),
        _p("Hosaholalu", "hosahoLalu"),
        _p("Tubinakere", "tUbinakere"),
        _p("Kodiyala", "koDiyAla"),
        _p("Honakere", "hoNakere"),
    ),
    "Hassan": (
        _p("Gorur", "gorUru"),
        _p("Doddakadanur", "doDDakaDanUru"),
        _p("Gandasi", "gaMDasi"),
        _p("Hanbal", "hAnubALu"),
        _p("Konanur", "koNanUru"),
        _p("Mosale Hosahalli", "mosaLe hosahaLLi"),
        _p("Salagame", "sAlagAme"),
        _p("Kattaya", "kaTTAya"),
        _p("Bagur", "bAgUru"),
        _p("Nuggehalli", "nuggehaLLi"),
        _p("Udayapura", "udayapura"),
        _p("Rayarakoppalu", "rAyarakoppalu"),
        _p("Hethur", "hetUru"),
        _p("Marasu", "marasu"),
        _p("Kanathur", "kaNatUru"),
        _p("Bikkodu", "bikkODu"),
        _p("Gendehalli", "geMDehaLLi"),
    ),
    "Chamarajanagar": (
        _p("Haradanahalli", "haradanahaLLi"),
        _p("Kuderu", "kUDlUru"),
        _p("Mambali", "mAMbaLLi"),
        _p("Martalli", "mArTaLLi"),
        _p("Hangala", "haMgaLa"),
        _p("Bagali", "bAgaLi"),
        _p("Udigala", "uDigAla"),
        _p("Agara", "agara"),
        _p("Kudlur", "kuDlUru"),
        _p("Harave", "harave"),
        _p("Kagalvadi", "kAgalavADi"),
        _p("Lokkanahalli", "lokkanahaLLi"),
        _p("Kowdalli", "kauDaLLi"),
        _p("Ajjipura", "ajjIpura"),
    ),
    "Kodagu": (
        _p("Suntikoppa", "suMTikoppa"),
        _p("Murnad", "mUrnADu"),
        _p("Kodlipet", "koDlipETe"),
        _p("Srimangala", "shrImaMgala"),
        _p("Kutta", "kuTTa"),
        _p("Ammathi", "ammatti"),
        _p("Balele", "bALele"),
        _p("Chettalli", "chettaLLi"),
        _p("Hudikeri", "huDikEri"),
        _p("Sanivarasanthe", "shanivArasaMte"),
        _p("Kakkabe", "kakkabbe"),
        _p("Galibeedu", "gALibIDu"),
        _p("Madapura", "mAdApura"),
        _p("Aimangala", "aimaMgala"),
    ),
}

# Localities of Mysuru city, for the city divisions' sections.
MYSURU_CITY: tuple[Place, ...] = (
    _p("Jayalakshmipuram", "jayalakShmIpura"),
    _p("Yadavagiri", "yAdavagiri"),
    _p("Bannimantap", "bannimaMTapa"),
    _p("Siddarthanagar", "siddhArthanagara"),
    _p("Nazarbad", "najarbAd"),
    _p("Lashkar Mohalla", "lashkar mohalla"),
    _p("J.P. Nagar", "je.pi. nagara"),
    _p("Dattagalli", "dattagaLLi"),
    _p("Kesare", "kEsare"),
    _p("Devaraja Mohalla", "dEvarAja mohalla"),
    _p("Chamundipuram", "chAmuMDipura"),
    _p("Agrahara", "agrahAra"),
    _p("Ashokapuram", "ashOkapura"),
    _p("Alanahalli", "AlanahaLLi"),
    _p("Bogadi", "bOgAdi"),
    _p("Hinkal", "hiMkal"),
    _p("Vontikoppal", "oMTikoppal"),
    _p("Belavatha", "beLavatta"),
    _p("Lakshmipuram", "lakShmIpura"),
    _p("Vidyaranyapuram", "vidyAraNyapura"),
    _p("Kumbarakoppal", "kuMbArakoppal"),
    _p("Sathagalli", "sAtagaLLi"),
    _p("Bharathnagar", "bhAratnagara"),
)
