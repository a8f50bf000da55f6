"""Reading export files without trusting them: size caps, safe ZIPs, and CSV with line numbers.

Everything here refuses bad input before reading it whole: a ZIP is checked from its directory
(member count, paths, declared sizes, compression ratio) before any member is decompressed, and
members are read through a counter that stops at the declared size.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from marquee.errors import InputError
from marquee.sanitize import normalize_text

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
MAX_ZIP_MEMBER_BYTES = 200 * 1024 * 1024
# Real CSV compresses about 5-10x; a far higher ratio is what a ZIP bomb looks like.
MAX_COMPRESSION_RATIO = 200
CSV_FIELD_LIMIT = 1_000_000
MAX_FILE_NAME_CHARS = 255  # ImportJob.original_name
MAX_SUFFIX_CHARS = 16


def clean_file_name(name: str | None, *, default: str = "upload") -> str:
    """A file name as its owner gave it, made safe to show and to name things after.

    An uploaded file's name is untrusted text: only its last path part is kept, control and
    invisible characters go, runs of spaces become one, and a long name is cut before its
    extension so ``.csv`` or ``.zip`` survives. Spaces and case stay as they were.
    """
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = " ".join(normalize_text(base).split())
    if not base.strip("."):
        return default
    if len(base) > MAX_FILE_NAME_CHARS:
        suffix = PurePosixPath(base).suffix
        suffix = suffix if len(suffix) <= MAX_SUFFIX_CHARS else ""
        base = base[: MAX_FILE_NAME_CHARS - len(suffix)].rstrip() + suffix
    return base


def check_file_size(path: Path, *, limit: int = MAX_UPLOAD_BYTES, name: str | None = None) -> None:
    """Refuse a missing, empty or oversized file before reading any of it.

    Errors name the file by ``name`` when given (an upload's own name), else by its path.
    """
    file = name or str(path)
    if not path.exists():
        raise InputError("file", "does not exist", file=file)
    if not path.is_file():
        raise InputError("file", "is not a regular file", file=file)
    size = path.stat().st_size
    if size == 0:
        raise InputError("file", "is empty", file=file)
    if size > limit:
        raise InputError("file", f"is {size:,} bytes; the limit is {limit:,}", file=file)


@dataclass
class SafeZip:
    """An export ZIP whose directory has been checked; members are read with a size cap."""

    archive: zipfile.ZipFile
    name: str

    def names(self) -> list[str]:
        return [info.filename for info in self.archive.infolist() if not info.is_dir()]

    def read(self, member: str) -> bytes:
        info = self.archive.getinfo(member)
        try:
            with self.archive.open(info) as stream:
                data = stream.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            # A damaged member: bad checksum, broken compressed data or an unknown method.
            raise InputError(
                "zip", f"{member} is damaged and cannot be read", file=self.name
            ) from None
        if len(data) > info.file_size:
            raise InputError("zip", f"{member} is larger than it claims", file=self.name)
        return data

    def close(self) -> None:
        self.archive.close()


def open_zip(path: Path, *, name: str | None = None) -> SafeZip:
    """Open an export ZIP, refusing traversal paths, bombs and oversized archives.

    ``name`` is what errors call it (an upload's own name); by default, the file's.
    """
    name = name or path.name
    check_file_size(path, name=name)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputError("file", "is not a ZIP archive", file=name) from None
    infos = archive.infolist()
    problem = _zip_problem(infos)
    if problem:
        archive.close()
        raise InputError("zip", problem, file=name)
    return SafeZip(archive, name)


def _zip_problem(infos: list[zipfile.ZipInfo]) -> str | None:
    if len(infos) > MAX_ZIP_MEMBERS:
        return f"has {len(infos):,} entries; the limit is {MAX_ZIP_MEMBERS:,}"
    total = 0
    for info in infos:
        member = PurePosixPath(info.filename.replace("\\", "/"))
        if member.is_absolute() or ".." in member.parts or ":" in info.filename:
            return f"refusing the unsafe path {info.filename!r}"
        if info.file_size > MAX_ZIP_MEMBER_BYTES:
            return f"{info.filename} unpacks to {info.file_size:,} bytes; too large"
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            ratio = info.file_size // info.compress_size
            return f"{info.filename} is compressed {ratio}x: refusing what looks like a ZIP bomb"
        total += info.file_size
    if total > MAX_ZIP_UNCOMPRESSED_BYTES:
        return f"unpacks to {total:,} bytes; the limit is {MAX_ZIP_UNCOMPRESSED_BYTES:,}"
    return None


@contextmanager
def written_atomically(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out`` that replaces it only if the block finishes.

    Readers of ``out`` see the old file or the whole new one, never half an export.
    """
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def decode_text(data: bytes, *, file: str, encodings: Iterable[str] = ("utf-8-sig",)) -> str:
    """Bytes to text in the first encoding that fits; otherwise an error at the bad line."""
    error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as problem:
            error = error or problem
    assert error is not None
    line = data.count(b"\n", 0, error.start) + 1
    raise InputError(
        "encoding",
        f"byte 0x{data[error.start]:02x} is not valid {error.encoding}; save the file as UTF-8",
        file=file,
        line=line,
    )


def csv_rows(
    text: str, *, file: str, required: Iterable[str], header_line: int = 1
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV as dicts with the line each starts on, after checking the header.

    Columns may come in any order and extra ones are ignored; missing required ones are an
    error naming them. Whitespace around values is stripped.
    """
    csv.field_size_limit(CSV_FIELD_LIMIT)
    # strict: an unclosed quote is an error, not the rest of the file swallowed into one field.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("file", "is empty", file=file) from None
    except csv.Error as error:
        raise InputError("csv", str(error), file=file, line=header_line) from None
    columns = [name.strip() for name in header]
    missing = [name for name in required if name not in columns]
    if missing:
        raise InputError(
            "header",
            f"missing column(s) {', '.join(missing)}; found {', '.join(columns) or 'nothing'}",
            file=file,
            line=header_line,
        )
    line = header_line + reader.line_num - 1
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError("csv", str(error), file=file, line=start) from None
        line = header_line + reader.line_num - 1
        if not any(value.strip() for value in values):
            continue
        yield (
            start,
            {
                name: (values[index].strip() if index < len(values) else "")
                for index, name in enumerate(columns)
            },
        )
