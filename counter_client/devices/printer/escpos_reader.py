"""A small ESC/POS reader: the bytes a printer received, back into lines, images, codes and cuts.

It knows the commands python-escpos sends for our slips (initialise, print mode, bold,
alignment, code table, feed, QR code `GS ( k`, raster image `GS v 0`, cut `GS V`, real-time
status `DLE EOT`) and refuses anything else, so a test notices when the printed bytes change
kind. The printer emulator uses `command_length` to answer status queries at command
boundaries, and `ParsedJob.render()` to draw a job as a PNG.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageOps

__all__ = [
    "Cut",
    "EscposParseError",
    "FeedLines",
    "ParsedJob",
    "QrCode",
    "Raster",
    "StatusQuery",
    "TextLine",
    "command_length",
    "parse",
]

ESC, GS, DLE, LF, CR = 0x1B, 0x1D, 0x10, 0x0A, 0x0D

# ESC x with one parameter byte: print mode, bold, align, code table, feed n lines, underline,
# font, line spacing, double strike, upside down.
_ESC_ONE = {ord(c) for c in "!EatdM-3G{"}
# ESC x with no parameter: initialise, default line spacing.
_ESC_NONE = {ord(c) for c in "@2"}
# GS x with one parameter: character size, reverse, smoothing.
_GS_ONE = {ord(c) for c in "!Bb"}


class EscposParseError(ValueError):
    """Bytes that are not (or not yet) ESC/POS this reader knows."""


@dataclass(frozen=True)
class TextLine:
    """One printed line of text and the style it began with."""

    text: str
    bold: bool = False
    align: str = "left"
    large: bool = False


@dataclass(frozen=True)
class Raster:
    """A `GS v 0` image: mode "1", black ink is 0, as Pillow draws it."""

    image: Image.Image
    align: str = "left"


@dataclass(frozen=True)
class QrCode:
    """A QR code the printer draws itself (`GS ( k`): its payload and module size in dots."""

    payload: str
    module_dots: int
    error_correction: str


@dataclass(frozen=True)
class Cut:
    partial: bool


@dataclass(frozen=True)
class FeedLines:
    lines: int


@dataclass(frozen=True)
class StatusQuery:
    """A real-time status request, DLE EOT n."""

    n: int


Item = TextLine | Raster | QrCode | Cut | FeedLines | StatusQuery


@dataclass
class ParsedJob:
    """Everything one job printed, in order."""

    items: list[Item] = field(default_factory=list)
    initialised: bool = False

    @property
    def lines(self) -> list[TextLine]:
        return [item for item in self.items if isinstance(item, TextLine)]

    @property
    def text(self) -> str:
        """The text lines, one per line."""
        return "\n".join(line.text for line in self.lines)

    @property
    def rasters(self) -> list[Raster]:
        return [item for item in self.items if isinstance(item, Raster)]

    @property
    def qr_codes(self) -> list[QrCode]:
        return [item for item in self.items if isinstance(item, QrCode)]

    @property
    def cuts(self) -> list[Cut]:
        return [item for item in self.items if isinstance(item, Cut)]

    @property
    def prints_anything(self) -> bool:
        return any(not isinstance(item, StatusQuery) for item in self.items)

    def render(self, width: int | None = None) -> Image.Image:
        """The job drawn as the paper would look (greyscale)."""
        from counter_client.devices.printer.preview import render_received

        return render_received(self, width)


def _need(data: bytes, pos: int, count: int) -> bool:
    return len(data) - pos >= count


def command_length(data: bytes, pos: int) -> int | None:
    """Bytes in the command or text byte at `pos`; None if it is not all here yet."""
    byte = data[pos]
    if byte >= 0x20 or byte in (LF, CR):
        return 1
    if byte == DLE:
        if not _need(data, pos, 3):
            return None
        if data[pos + 1] == 0x04:
            return 3
    elif byte == ESC:
        if not _need(data, pos, 2):
            return None
        code = data[pos + 1]
        if code in _ESC_NONE:
            return 2
        if code in _ESC_ONE:
            return 3 if _need(data, pos, 3) else None
    elif byte == GS:
        return _gs_length(data, pos)
    raise EscposParseError(f"unknown command at byte {pos}: {data[pos : pos + 4].hex(' ')}")


def _gs_length(data: bytes, pos: int) -> int | None:
    if not _need(data, pos, 2):
        return None
    code = data[pos + 1]
    if code in _GS_ONE:
        return 3 if _need(data, pos, 3) else None
    if code == ord("V"):
        if not _need(data, pos, 3):
            return None
        return 4 if data[pos + 2] in (65, 66, 97, 98, 103, 104) else 3
    if code == ord("("):
        if not _need(data, pos, 5):
            return None
        if data[pos + 2] not in (ord("k"), ord("L")):
            raise EscposParseError(f"unknown GS ( function at byte {pos}: {data[pos + 2]:#x}")
        return 5 + data[pos + 3] + 256 * data[pos + 4]
    if code == ord("v"):
        if not _need(data, pos, 8):
            return None
        width_bytes = data[pos + 4] + 256 * data[pos + 5]
        height = data[pos + 6] + 256 * data[pos + 7]
        return 8 + width_bytes * height
    raise EscposParseError(f"unknown command at byte {pos}: {data[pos : pos + 4].hex(' ')}")


@dataclass
class _State:
    bold: bool = False
    align: str = "left"
    large: bool = False
    qr_size: int = 3
    qr_ec: str = "L"
    qr_data: bytes = b""
    line: bytearray = field(default_factory=bytearray)
    line_style: tuple[bool, str, bool] | None = None


_ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
_EC = {48: "L", 49: "M", 50: "Q", 51: "H"}


def parse(data: bytes) -> ParsedJob:
    """The job in `data`; EscposParseError on an unknown or cut-off command."""
    job = ParsedJob()
    state = _State()
    pos = 0
    while pos < len(data):
        length = command_length(data, pos)
        if length is None or pos + length > len(data):
            raise EscposParseError(f"the job ends inside a command at byte {pos}")
        _apply(job, state, data[pos : pos + length])
        pos += length
    if state.line:
        _end_line(job, state)  # text never fed out: still in the printer's buffer
    return job


def _end_line(job: ParsedJob, state: _State) -> None:
    bold, align, large = state.line_style or (state.bold, state.align, state.large)
    text = state.line.decode("cp437")
    job.items.append(TextLine(text, bold=bold, align=align, large=large))
    state.line.clear()
    state.line_style = None


def _apply(job: ParsedJob, state: _State, command: bytes) -> None:
    head = command[0]
    if len(command) == 1:
        if head == LF:
            _end_line(job, state)
        elif head != CR:
            if not state.line:
                state.line_style = (state.bold, state.align, state.large)
            state.line.append(head)
        return
    if head == DLE:
        job.items.append(StatusQuery(command[2]))
    elif head == ESC:
        _apply_esc(job, state, command)
    elif command[1] == ord("V"):
        if state.line:
            _end_line(job, state)
        job.items.append(Cut(partial=command[2] in (1, 49, 66, 98, 104)))
    elif command[1] == ord("!"):
        state.large = command[2] != 0
    elif command[1] == ord("v"):
        job.items.append(Raster(_raster(command), align=state.align))
    elif command[1] == ord("("):
        _apply_2d(job, state, command)


def _apply_esc(job: ParsedJob, state: _State, command: bytes) -> None:
    code = command[1]
    if code == ord("@"):
        job.initialised = True
        state.bold, state.align, state.large = False, "left", False
    elif code == ord("!"):
        state.bold = bool(command[2] & 0x08)
        state.large = bool(command[2] & 0x30)
    elif code == ord("E"):
        state.bold = bool(command[2] & 1)
    elif code == ord("a"):
        state.align = _ALIGN.get(command[2], "left")
    elif code == ord("d"):
        if state.line:
            _end_line(job, state)
        job.items.append(FeedLines(command[2]))


def _apply_2d(job: ParsedJob, state: _State, command: bytes) -> None:
    if command[2] != ord("k") or command[5] != ord("1"):
        return  # GS ( L graphics and other symbols: not used by our slips
    function = command[6]
    if function == ord("C"):
        state.qr_size = command[7]
    elif function == ord("E"):
        state.qr_ec = _EC.get(command[7], "?")
    elif function == ord("P"):
        state.qr_data = bytes(command[8:])
    elif function == ord("Q"):
        payload = state.qr_data.decode("utf-8")
        job.items.append(QrCode(payload, state.qr_size, state.qr_ec))


def _raster(command: bytes) -> Image.Image:
    width_bytes = command[4] + 256 * command[5]
    height = command[6] + 256 * command[7]
    # A set bit is a dot of ink; in Pillow's "1" mode a set bit is white, hence the invert.
    ink = Image.frombytes("1", (width_bytes * 8, height), bytes(command[8:]))
    return ImageOps.invert(ink.convert("L")).convert("1")
