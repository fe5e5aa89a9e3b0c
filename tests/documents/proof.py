"""Turn a PDF into what a person checks: one PNG a page (pdftoppm, saved under
var/documents/ for a human to look at) and the text layer (pdftotext)."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

OUT = Path(settings.BASE_DIR) / "var" / "documents"


@dataclass(frozen=True)
class Proof:
    pages: list[Path]
    text: str
    page_texts: list[str]
    metadata: str


def proof(pdf: bytes, name: str) -> Proof:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - fixed arguments, poppler-utils from system-packages.txt
        ["/usr/bin/pdftoppm", "-png", "-r", "60", str(source), str(folder / "page")], check=True
    )
    text = subprocess.run(  # noqa: S603 - same
        ["/usr/bin/pdftotext", "-layout", str(source), "-"], check=True, capture_output=True
    ).stdout.decode()
    metadata = subprocess.run(  # noqa: S603 - same
        ["/usr/bin/pdfinfo", "-meta", str(source)], check=True, capture_output=True
    ).stdout.decode()
    pages = text.split("\f")[:-1] or [text]
    return Proof(sorted(folder.glob("page-*.png")), text, pages, metadata)


def is_pdf_a_2b(seen: Proof) -> bool:
    return 'pdfaid:part="2"' in seen.metadata and 'pdfaid:conformance="B"' in seen.metadata
