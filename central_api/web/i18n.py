"""The workbench's words in English and Kannada; the reader's choice rides in a cookie."""

from __future__ import annotations

from fastapi import Request

LANG_COOKIE = "trm_lang"
LANGUAGES = ("en", "kn")

# key -> (English, Kannada)
LABELS: dict[str, tuple[str, str]] = {
    "app": ("Accounts workbench", "ಲೆಕ್ಕಪತ್ರ ಕಾರ್ಯಸ್ಥಳ"),
    "company": ("TRM revenue collection", "ಟಿಆರ್‌ಎಂ ಆದಾಯ ಸಂಗ್ರಹಣೆ"),
    "skip": ("Skip to content", "ವಿಷಯಕ್ಕೆ ಹೋಗಿ"),
    "sign_in": ("Sign in", "ಸೈನ್ ಇನ್"),
    "sign_out": ("Sign out", "ಸೈನ್ ಔಟ್"),
    "username": ("Username", "ಬಳಕೆದಾರ ಹೆಸರು"),
    "password": ("Password", "ಪಾಸ್‌ವರ್ಡ್"),
    "signed_in_as": ("Signed in as", "ಸೈನ್ ಇನ್ ಆದವರು"),
    "language": ("Language", "ಭಾಷೆ"),
    "other_language": ("ಕನ್ನಡ", "English"),
    "read_only": (
        "Read-only: auditors see everything in their scope and change nothing.",
        "ಓದಲು ಮಾತ್ರ: ಲೆಕ್ಕಪರಿಶೋಧಕರು ತಮ್ಮ ವ್ಯಾಪ್ತಿಯಲ್ಲಿ ಎಲ್ಲವನ್ನೂ ನೋಡುತ್ತಾರೆ, ಏನನ್ನೂ ಬದಲಾಯಿಸುವುದಿಲ್ಲ.",
    ),
    "grid": ("Reconciliation", "ಹೊಂದಾಣಿಕೆ"),
    "suspense": ("Suspense", "ಸಸ್ಪೆನ್ಸ್ ಖಾತೆ"),
    "quarantine": ("Quarantine", "ಪ್ರತ್ಯೇಕಿಸಿದ ನಮೂದುಗಳು"),
    "cheque_return": ("Cheque return", "ಚೆಕ್ ಹಿಂತಿರುಗುವಿಕೆ"),
    "bank": ("Bank statements", "ಬ್ಯಾಂಕ್ ಸ್ಟೇಟ್‌ಮೆಂಟ್‌ಗಳು"),
    "counter": ("Counter", "ಕೌಂಟರ್"),
    "location": ("Location", "ಸ್ಥಳ"),
    "business_date": ("Business date", "ವ್ಯವಹಾರ ದಿನಾಂಕ"),
    "date": ("Date", "ದಿನಾಂಕ"),
    "month": ("Month", "ತಿಂಗಳು"),
    "division": ("Division", "ವಿಭಾಗ"),
    "subdivision": ("Subdivision", "ಉಪವಿಭಾಗ"),
    "all": ("All", "ಎಲ್ಲಾ"),
    "status": ("Status", "ಸ್ಥಿತಿ"),
    "legend": ("Legend", "ಸೂಚಿ"),
    "filter": ("Show", "ತೋರಿಸಿ"),
    "amount": ("Amount", "ಮೊತ್ತ"),
    "reason": ("Reason", "ಕಾರಣ"),
    "rr_number": ("RR number", "ಆರ್‌ಆರ್ ಸಂಖ್ಯೆ"),
    "rr_given": ("RR number given", "ನೀಡಿದ ಆರ್‌ಆರ್ ಸಂಖ್ಯೆ"),
    "received_at": ("Received", "ಸ್ವೀಕರಿಸಿದ ಸಮಯ"),
    "narration": ("Narration", "ವಿವರಣೆ"),
    "transfer": ("Transfer", "ವರ್ಗಾಯಿಸಿ"),
    "ask_transfer": ("Ask for transfer", "ವರ್ಗಾವಣೆಗೆ ಕೋರಿ"),
    "approve": ("Approve", "ಅನುಮೋದಿಸಿ"),
    "asked_by": ("Asked by", "ಕೋರಿದವರು"),
    "to_rr": ("To RR number", "ಗುರಿ ಆರ್‌ಆರ್ ಸಂಖ್ಯೆ"),
    "state": ("State", "ಸ್ಥಿತಿ"),
    "open": ("Open", "ಬಾಕಿ"),
    "transferred": ("Transferred", "ವರ್ಗಾಯಿಸಲಾಗಿದೆ"),
    "nothing": ("Nothing here.", "ಇಲ್ಲಿ ಏನೂ ಇಲ್ಲ."),
    "sequence": ("Sequence", "ಕ್ರಮ ಸಂಖ್ಯೆ"),
    "kind": ("Kind", "ಬಗೆ"),
    "received_entry": ("Entry as received", "ಸ್ವೀಕರಿಸಿದ ನಮೂದು"),
    "receipts": ("Receipts", "ರಸೀದಿಗಳು"),
    "receipt_number": ("Receipt number", "ರಸೀದಿ ಸಂಖ್ಯೆ"),
    "mode": ("Mode", "ಪಾವತಿ ವಿಧಾನ"),
    "cashier": ("Cashier", "ಕ್ಯಾಷಿಯರ್"),
    "day_book": ("Day book", "ದಿನಪುಸ್ತಕ"),
    "shift": ("Shift", "ಪಾಳಿ"),
    "expected": ("Expected", "ನಿರೀಕ್ಷಿತ"),
    "counted": ("Counted", "ಎಣಿಸಿದ್ದು"),
    "over_short": ("Over / short", "ಹೆಚ್ಚು / ಕಡಿಮೆ"),
    "denominations": ("Denominations", "ಮುಖಬೆಲೆಗಳು"),
    "remittances": ("Remittances", "ಬ್ಯಾಂಕ್ ಜಮೆಗಳು"),
    "bank_lines": ("Bank lines", "ಬ್ಯಾಂಕ್ ಸಾಲುಗಳು"),
    "slip": ("Slip number", "ಚಲನ್ ಸಂಖ್ಯೆ"),
    "bank_name": ("Bank", "ಬ್ಯಾಂಕ್"),
    "reference": ("Reference", "ಉಲ್ಲೇಖ"),
    "cheque_number": ("Cheque number", "ಚೆಕ್ ಸಂಖ್ಯೆ"),
    "record_return": ("Record the return", "ಹಿಂತಿರುಗುವಿಕೆ ದಾಖಲಿಸಿ"),
    "upload": ("Upload and match", "ಅಪ್‌ಲೋಡ್ ಮಾಡಿ ಹೊಂದಿಸಿ"),
    "statement_file": ("Statement file (CSV)", "ಸ್ಟೇಟ್‌ಮೆಂಟ್ ಫೈಲ್ (CSV)"),
    "profile": ("Bank format", "ಬ್ಯಾಂಕ್ ಸ್ವರೂಪ"),
    "match": ("Match", "ಹೊಂದಿಸಿ"),
    "unmatched": ("Unmatched", "ಹೊಂದಿಕೆಯಾಗದವು"),
    "matched": ("Matched", "ಹೊಂದಿಕೆಯಾಗಿದೆ"),
    "total": ("Total", "ಒಟ್ಟು"),
    "done": ("Done.", "ಮುಗಿದಿದೆ."),
    "error": ("Could not do that", "ಅದನ್ನು ಮಾಡಲಾಗಲಿಲ್ಲ"),
    "field": ("Field", "ಕ್ಷೇತ್ರ"),
    "back": ("Back", "ಹಿಂದಕ್ಕೆ"),
    "no_data_yet": (
        "Reconciliation figures are not available on this server yet.",
        "ಹೊಂದಾಣಿಕೆ ಅಂಕಿಅಂಶಗಳು ಈ ಸರ್ವರ್‌ನಲ್ಲಿ ಇನ್ನೂ ಲಭ್ಯವಿಲ್ಲ.",
    ),
}


def language(request: Request) -> str:
    """The reader's language: the cookie's, else English."""
    chosen = request.cookies.get(LANG_COOKIE, "en")
    return chosen if chosen in LANGUAGES else "en"


def translator(lang: str) -> dict[str, str]:
    """Every label in `lang`, for a template's `t`."""
    index = LANGUAGES.index(lang)
    return {key: pair[index] for key, pair in LABELS.items()}
