"""From the durable receipt commit to the printer's last byte, on the port-9100 emulator.

`save_to_print_ms`: Journal.take_receipt (journal row, outbox, hash chain, fsync) and then
ReceiptPrinter.print_receipt (layout, ESC/POS through python-escpos's Network printer, status
before and after), until the emulator holds the last byte. `save_to_print_kn_ms` is the same
for a Kannada receipt (its Kannada lines drawn with RAQM and sent as rasters).

Baseline: python-escpos alone sending the same English receipt as plain text (the same lines,
styles and QR code, replayed from what the emulator received) over its own Network printer.

`python -m bench.bench_printer [--quick]` runs it alone and merges into results.json.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.bench_counter import WORK_DIR, consumer_records, percentile, seeded_store
from bench.results import Result, merge_into, table
from counter_client.devices.printer import CompanyHeader, PrinterSettings, ReceiptPrinter
from counter_client.devices.printer.emulator import PrinterEmulator, ReceivedJob
from counter_client.devices.printer.escpos_reader import ParsedJob, QrCode, TextLine
from counter_client.journal import Cash, Journal

COUNTER = "MYS001-1"
COMPANY = CompanyHeader(
    name="Chamundeshwari Electricity Supply Corporation Ltd (CESC Mysore)",
    office="Cash Counter 1, Kuvempunagar Sub-division, Mysuru",
    portal_base_url="https://portal.cescmysore.example",
    name_kn="ಚಾಮುಂಡೇಶ್ವರಿ ವಿದ್ಯುತ್ ಸರಬರಾಜು ನಿಗಮ ನಿಯಮಿತ (ಸೆಸ್ಕ್ ಮೈಸೂರು)",
    office_kn="ನಗದು ಕೌಂಟರ್ 1, ಕುವೆಂಪುನಗರ ಉಪವಿಭಾಗ, ಮೈಸೂರು",
)


def _last_byte_ms(emulator: PrinterEmulator, started: float, jobs_before: int) -> float:
    """Milliseconds from `started` to the last byte of the newest printed job."""
    jobs = emulator.wait_for_jobs(jobs_before + 1)
    job: ReceivedJob = jobs[-1]
    assert job.last_byte_at is not None and job.finished, "the job did not arrive whole"
    return (job.last_byte_at - started) * 1000


def save_to_print(
    journal: Journal, printer: ReceiptPrinter, emulator: PrinterEmulator, language: str, count: int
) -> list[float]:
    samples = []
    rr_numbers = [consumer.rr_number for consumer in consumer_records(count)]
    for n, rr in enumerate(rr_numbers):
        jobs_before = len(emulator.jobs)
        started = time.perf_counter()
        receipt = journal.take_receipt(
            cashier_id="C001", rr_number=rr, amount_paise=1_000_00 + n, payment=Cash()
        )
        printer.print_receipt(
            receipt,
            duplicate=False,
            language="kn" if language == "kn" else "en",
            company=COMPANY,
        )
        samples.append(_last_byte_ms(emulator, started, jobs_before))
    return samples


def bare_escpos_replay(port: int, job: ParsedJob) -> Callable[[], None]:
    """python-escpos's Network printer sending `job`'s lines, styles, QR code and cut."""
    from escpos.printer import Network

    def send() -> None:
        printer = Network("127.0.0.1", port, timeout=3, profile="TM-T88V")
        printer.hw("INIT")
        for item in job.items:
            if isinstance(item, TextLine):
                large = item.large
                printer.set(align=item.align, bold=item.bold, normal_textsize=not large,
                            double_width=large, double_height=large)  # fmt: skip
                printer.textln(item.text)
            elif isinstance(item, QrCode):
                printer.qr(item.payload, native=True, size=item.module_dots)
        printer.cut(feed=False)
        printer.close()

    return send


def printer_benchmarks(*, quick: bool = False) -> list[Result]:
    """save_to_print_ms (English and Kannada) beside bare python-escpos sending the same text."""
    count = 50 if quick else 200
    WORK_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK_DIR) as folder, PrinterEmulator() as emulator:
        store = seeded_store(Path(folder) / "counter.db", consumer_records(count))
        journal = Journal(store, COUNTER)
        journal.open_day(cashier_id="C001")
        settings = PrinterSettings.from_dict({"host": "127.0.0.1", "port": emulator.port})
        printer = ReceiptPrinter(settings)
        print(f"save to print: {count} English, {count} Kannada receipts ...", file=sys.stderr)
        english = save_to_print(journal, printer, emulator, "en", count)
        kannada = save_to_print(journal, printer, emulator, "kn", count)
        sample = emulator.printed_jobs()[0].parsed()
        send = bare_escpos_replay(emulator.port, sample)
        bare = []
        for _ in range(count):
            jobs_before = len(emulator.jobs)
            started = time.perf_counter()
            send()
            bare.append(_last_byte_ms(emulator, started, jobs_before))
        store.close()
    baseline = round(statistics.median(bare), 3)
    p99 = [f"{percentile(samples, 0.99):.1f}" for samples in (english, kannada, bare)]
    print(f"  p99 ms: English {p99[0]}, Kannada {p99[1]}, bare {p99[2]}", file=sys.stderr)
    return [
        Result(
            "save_to_print_ms",
            round(statistics.median(english), 3),
            "ms",
            "bare_python_escpos_plain_receipt_ms",
            baseline,
            goal="< 300 ms",
        ),
        Result(
            "save_to_print_kn_ms",
            round(statistics.median(kannada), 3),
            "ms",
            "bare_python_escpos_plain_receipt_ms",
            baseline,
            goal="< 300 ms",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_printer", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    args = parser.parse_args(argv)
    results = printer_benchmarks(quick=args.quick)
    merge_into(results)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
