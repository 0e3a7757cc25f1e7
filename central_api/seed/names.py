"""Synthetic people's and firms' names in English and Kannada, built from pools of common names.

Each name part is written once in English and once in ITRANS (Dravidian) and turned into Kannada
script once, with indic-transliteration; full names are then put together from the parts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from indic_transliteration import sanscript

from central_api.consumers.service import name_key

_SCHEME = "itrans_dravidian"

# (English spelling, ITRANS spelling)
MALE_GIVEN: tuple[tuple[str, str], ...] = (
    ("Basavaraju", "basavarAju"),
    ("Ramesh", "ramEsh"),
    ("Suresh", "surEsh"),
    ("Mahesh", "mahEsh"),
    ("Manjunatha", "maMjunAtha"),
    ("Nagaraju", "nAgarAju"),
    ("Shivakumar", "shivakumAr"),
    ("Krishna", "kRRiShNa"),
    ("Venkatesh", "veMkaTEsh"),
    ("Puttaswamy", "puTTasvAmi"),
    ("Mahadevappa", "mahAdEvappa"),
    ("Siddaraju", "siddarAju"),
    ("Ningappa", "niMgappa"),
    ("Chikkanna", "chikkaNNa"),
    ("Doddaiah", "doDDayya"),
    ("Channabasappa", "channabasappa"),
    ("Rangaswamy", "raMgasvAmi"),
    ("Somashekar", "sOmashEkhar"),
    ("Chandrashekar", "chaMdrashEkhar"),
    ("Prakash", "prakAsh"),
    ("Ravi", "ravi"),
    ("Kumar", "kumAr"),
    ("Raju", "rAju"),
    ("Lokesh", "lOkEsh"),
    ("Umesh", "umEsh"),
    ("Girish", "girIsh"),
    ("Harish", "harIsh"),
    ("Naveen", "navIn"),
    ("Praveen", "pravIn"),
    ("Santhosh", "saMtOSh"),
    ("Srinivas", "shrInivAs"),
    ("Anand", "AnaMd"),
    ("Vinay", "vinay"),
    ("Madhu", "madhu"),
    ("Mohan", "mOhan"),
    ("Sathish", "satIsh"),
    ("Jagadish", "jagadIsh"),
    ("Shankar", "shaMkar"),
    ("Devaraju", "dEvarAju"),
    ("Mallesh", "mallEsh"),
    ("Kempaiah", "keMpayya"),
    ("Thimmaiah", "timmayya"),
    ("Honnappa", "honnappa"),
    ("Rajanna", "rAjaNNa"),
    ("Prasanna", "prasanna"),
    ("Yogesh", "yOgEsh"),
    ("Dinesh", "dinEsh"),
    ("Raghu", "raghu"),
    ("Shivanna", "shivaNNa"),
    ("Nanjundaswamy", "naMjuMDasvAmi"),
    ("Mariswamy", "mArisvAmi"),
    ("Kariyappa", "kariyappa"),
    ("Lingaraju", "liMgarAju"),
    ("Subramanya", "subrahmaNya"),
    ("Narayana", "nArAyaNa"),
    ("Gopal", "gOpAl"),
    ("Ponnappa", "ponnappa"),
    ("Chengappa", "cheMgappa"),
    ("Muthanna", "muttaNNa"),
    ("Imran", "imrAn"),
    ("Rafiq", "raphIk"),
    ("Syed Ameer", "sayyad amIr"),
    ("Joseph", "jOsEph"),
    ("Siddegowda", "siddEgauDa"),
    ("Kempegowda", "keMpEgauDa"),
    ("Madegowda", "mAdEgauDa"),
    ("Javaregowda", "javarEgauDa"),
    ("Puttegowda", "puTTEgauDa"),
    ("Boregowda", "bOrEgauDa"),
)
FEMALE_GIVEN: tuple[tuple[str, str], ...] = (
    ("Lakshmi", "lakShmi"),
    ("Lakshmamma", "lakShmamma"),
    ("Gowramma", "gauramma"),
    ("Savitha", "savitA"),
    ("Sunitha", "sunItA"),
    ("Kavitha", "kavitA"),
    ("Geetha", "gItA"),
    ("Shobha", "shObhA"),
    ("Rekha", "rEkhA"),
    ("Pushpa", "puShpA"),
    ("Manjula", "maMjuLA"),
    ("Nagamma", "nAgamma"),
    ("Chikkamma", "chikkamma"),
    ("Jayamma", "jayamma"),
    ("Sarojamma", "sarOjamma"),
    ("Parvathi", "pArvati"),
    ("Radha", "rAdhA"),
    ("Sudha", "sudhA"),
    ("Usha", "uShA"),
    ("Asha", "AshA"),
    ("Bhagya", "bhAgya"),
    ("Shilpa", "shilpA"),
    ("Deepa", "dIpA"),
    ("Roopa", "rUpA"),
    ("Anitha", "anitA"),
    ("Mamatha", "mamatA"),
    ("Nethra", "nEtrA"),
    ("Pavithra", "pavitrA"),
    ("Rashmi", "rashmi"),
    ("Sowmya", "saumya"),
    ("Divya", "divyA"),
    ("Chaithra", "chaitrA"),
    ("Bhavya", "bhavyA"),
    ("Hemavathi", "hEmAvati"),
    ("Kamala", "kamalA"),
    ("Saraswathi", "sarasvati"),
    ("Vani", "vANi"),
    ("Jyothi", "jyOti"),
    ("Mahadevamma", "mahAdEvamma"),
    ("Puttamma", "puTTamma"),
    ("Siddamma", "siddamma"),
    ("Rathnamma", "ratnamma"),
    ("Shanthamma", "shAMtamma"),
    ("Yashoda", "yashOdA"),
    ("Nirmala", "nirmalA"),
    ("Shakuntala", "shakuMtalA"),
    ("Reshma", "rEshmA"),
    ("Fathima", "phAtimA"),
    ("Kaveri", "kAvEri"),
    ("Ningamma", "niMgamma"),
    ("Kempamma", "keMpamma"),
)
SURNAMES: tuple[tuple[str, str], ...] = (
    ("Gowda", "gauDa"),
    ("Gowda", "gauDa"),
    ("Gowda", "gauDa"),
    ("Shetty", "sheTTi"),
    ("Rao", "rAv"),
    ("Naik", "nAyak"),
    ("Nayaka", "nAyaka"),
    ("Prasad", "prasAd"),
    ("Murthy", "mUrti"),
    ("Hegde", "hegDe"),
    ("Bhat", "bhaT"),
    ("Achar", "AchAr"),
    ("Setty", "seTTi"),
    ("Patel", "paTel"),
    ("Urs", "aras"),
    ("Poovaiah", "pUvayya"),
    ("Kariappa", "kAriyappa"),
    ("Aiyappa", "ayyappa"),
    ("Reddy", "reDDi"),
    ("Shastry", "shAstri"),
    ("Iyengar", "ayyaMgAr"),
    ("Khan", "khAn"),
    ("Pasha", "pAShA"),
    ("Sharma", "sharma"),
    ("Jain", "jain"),
    ("Swamy", "svAmi"),
    ("Kumar", "kumAr"),
)
# Initials as Kannada writes the English letter's name: "H." is "ಎಚ್.".
INITIALS: dict[str, str] = {
    "B": "ಬಿ",
    "C": "ಸಿ",
    "D": "ಡಿ",
    "G": "ಜಿ",
    "H": "ಎಚ್",
    "J": "ಜೆ",
    "K": "ಕೆ",
    "L": "ಎಲ್",
    "M": "ಎಂ",
    "N": "ಎನ್",
    "P": "ಪಿ",
    "R": "ಆರ್",
    "S": "ಎಸ್",
    "T": "ಟಿ",
    "V": "ವಿ",
    "Y": "ವೈ",
}
# Firms: "Sri Manjunatha Stores".
DEITIES: tuple[tuple[str, str], ...] = (
    ("Manjunatha", "maMjunAtha"),
    ("Chamundeshwari", "chAmuMDEshvari"),
    ("Venkateshwara", "veMkaTEshvara"),
    ("Ganesha", "gaNEsha"),
    ("Basaveshwara", "basavEshvara"),
    ("Anjaneya", "AMjanEya"),
    ("Raghavendra", "rAghavEMdra"),
    ("Male Mahadeshwara", "male mAdEshvara"),
    ("Lakshmi", "lakShmi"),
    ("Kaveri", "kAvEri"),
)
SHOPS: tuple[tuple[str, str], ...] = (
    ("Stores", "sTOrs"),
    ("Provision Stores", "prAviShan sTOrs"),
    ("Hotel", "hOTel"),
    ("Medicals", "meDikals"),
    ("Bakery", "bEkari"),
    ("Textiles", "TeksTails"),
    ("Hardwares", "hArDvErs"),
    ("Tea Stall", "TI sTAl"),
    ("Tailors", "Tailars"),
    ("Hair Cutting Saloon", "hEr kaTTiMg salUn"),
)
WORKS: tuple[tuple[str, str], ...] = (
    ("Industries", "iMDasTrIs"),
    ("Rice Mill", "rais mil"),
    ("Flour Mill", "hiTTina giraNi"),
    ("Granites", "grAnaiTs"),
    ("Silk Reeling Unit", "reShme nUlu ghaTaka"),
    ("Jaggery Unit", "bella ghaTaka"),
    ("Engineering Works", "iMjiniyariMg varks"),
)


@lru_cache(maxsize=4096)
def to_kannada(itrans: str) -> str:
    """Kannada script for an ITRANS spelling; dots stay dots (ITRANS would make them dandas)."""
    # "LLi" is ITRANS for the vocalic L, never wanted in a name; "L_Li" gives the "ಳ್ಳಿ" of "haLLi".
    text = itrans.replace("LLi", "L_Li").replace("LLI", "L_LI")
    parts = (sanscript.transliterate(part, _SCHEME, sanscript.KANNADA) for part in text.split("."))
    return ".".join(parts).replace("_", "")


@dataclass(frozen=True)
class Name:
    """One full name: English, Kannada, the search key and a local part for e-mail addresses."""

    en: str
    kn: str
    key: str
    email_local: str


def _initials(rng: random.Random, letters: list[str]) -> tuple[str, str, str]:
    count = 1 if rng.random() < 0.4 else 2
    picked = [letters[int(rng.random() * len(letters))] for _ in range(count)]
    return (
        " ".join(f"{x}." for x in picked),
        " ".join(f"{INITIALS[x]}." for x in picked),
        "".join(picked).lower(),
    )


def person(rng: random.Random) -> Name:
    """One person's name in one of the shapes common on Karnataka bills."""
    pool = MALE_GIVEN if rng.random() < 0.55 else FEMALE_GIVEN
    given_en, given_it = pool[int(rng.random() * len(pool))]
    given_kn = to_kannada(given_it)
    letters = sorted(INITIALS)
    shape = rng.random()
    local = given_en.lower().replace(" ", "")
    if shape < 0.40:  # K. M. Basavaraju
        ini_en, ini_kn, ini_mail = _initials(rng, letters)
        en, kn, local = f"{ini_en} {given_en}", f"{ini_kn} {given_kn}", f"{local}.{ini_mail}"
    elif shape < 0.70:  # Ramesh Gowda
        sur_en, sur_it = SURNAMES[int(rng.random() * len(SURNAMES))]
        en, kn = f"{given_en} {sur_en}", f"{given_kn} {to_kannada(sur_it)}"
        local = f"{local}.{sur_en.lower()}"
    elif shape < 0.90:  # Savitha R.
        ini_en, ini_kn, ini_mail = _initials(rng, letters)
        en, kn, local = f"{given_en} {ini_en}", f"{given_kn} {ini_kn}", f"{local}{ini_mail}"
    else:  # Ningamma
        en, kn = given_en, given_kn
    return Name(en, kn, name_key(en), local)


def firm(rng: random.Random, kinds: tuple[tuple[str, str], ...]) -> Name:
    """A shop or works named after a deity: "Sri Manjunatha Stores"."""
    deity_en, deity_it = DEITIES[int(rng.random() * len(DEITIES))]
    kind_en, kind_it = kinds[int(rng.random() * len(kinds))]
    en = f"Sri {deity_en} {kind_en}"
    kn = f"ಶ್ರೀ {to_kannada(deity_it)} {to_kannada(kind_it)}"
    return Name(en, kn, name_key(en), f"sri{deity_en.lower().replace(' ', '')}")


def panchayat(place_en: str, place_kn: str, what_en: str, what_kn: str) -> Name:
    """A local body as a consumer: "Hullahalli Gram Panchayat Water Supply"."""
    en = f"{place_en} Gram Panchayat {what_en}"
    kn = f"{place_kn} ಗ್ರಾಮ ಪಂಚಾಯಿತಿ {what_kn}"
    return Name(en, kn, name_key(en), f"gp.{place_en.lower().replace(' ', '').replace('.', '')}")


def person_pool(rng: random.Random, size: int) -> list[Name]:
    """`size` names drawn once, so the per-consumer cost is one list index."""
    return [person(rng) for _ in range(size)]
