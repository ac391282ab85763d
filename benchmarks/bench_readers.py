"""Benchmark the document readers (not a test; run by hand).

    python benchmarks/bench_readers.py [--copies 20] [--compare]

1. Extraction throughput on the bundled texts converted to PDF (one and two
   columns), DOCX and HTML (tests/docgen.py): our reader against the
   library's own bare extraction call on the same files, in the same run —
   pages/s for PDF, MB/s for DOCX and HTML.
2. Opening a folder of ``5 texts x 2 layouts x copies`` PDFs (default 200)
   cold (empty cache: extract, split, link, write caches) and warm (second
   open), each in a fresh process, with its peak memory (max RSS); the same
   folder as .md files is the baseline.
3. ``--compare``: the other libraries considered (pdfplumber, pypdf,
   readability-lxml, jusText, inscriptis, when installed) on the same files:
   speed, and how many of the plain text's mentions their raw text yields
   (recall) and how many it adds (boilerplate, broken words) — the figures
   behind docs/readers.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.docgen; caucasusmap itself is the installed package

from tests.docgen import from_markdown, write_docx, write_html, write_pdf  # noqa: E402

from caucasusmap.gazetteer import load_gazetteer  # noqa: E402
from caucasusmap.linking import Linker  # noqa: E402
from caucasusmap.paths import default_corpus, default_gazetteer  # noqa: E402
from caucasusmap.readers import reader_for  # noqa: E402


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def make_files(folder: Path) -> dict[str, list[Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[Path]] = {"pdf": [], "docx": [], "html": [], "md": []}
    sources = sorted(p for p in Path(default_corpus()).iterdir() if p.suffix in (".md", ".txt"))
    for src in sources:
        doc = from_markdown(src)
        out["md"].append(src)
        out["pdf"].append(write_pdf(doc, folder / f"{src.stem}.pdf"))
        out["pdf"].append(write_pdf(doc, folder / f"{src.stem}.2col.pdf", columns=2))
        out["docx"].append(write_docx(doc, folder / f"{src.stem}.docx"))
        out["html"].append(write_html(doc, folder / f"{src.stem}.html"))
    return out


# -- bare library calls ------------------------------------------------------------

def bare_pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    parts = []
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        parts.append(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return "\n".join(parts)


def bare_docx(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def bare_trafilatura(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data) or ""


def pdf_pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(p.read_bytes())) for p in paths)


def throughput() -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        pages = pdf_pages(files["pdf"])
        blobs = {k: [(p, p.read_bytes()) for p in v] for k, v in files.items()}
        for fmt, bare in (("pdf", bare_pdfium), ("docx", bare_docx), ("html", bare_trafilatura)):
            reader = reader_for(f"x.{fmt}")
            ours = best(lambda fmt=fmt, reader=reader: [reader.read(p, d) for p, d in blobs[fmt]])
            base = best(lambda fmt=fmt, bare=bare: [bare(d) for _, d in blobs[fmt]])
            size = sum(len(d) for _, d in blobs[fmt]) / 1e6
            row = {"files": len(blobs[fmt]), "MB": round(size, 2), "ours_s": round(ours, 3), "bare_s": round(base, 3),
                   "ratio_ours_over_bare": round(ours / base, 2)}
            if fmt == "pdf":
                row.update(pages=pages, ours_pages_per_s=round(pages / ours, 1),
                           bare_pages_per_s=round(pages / base, 1))
            else:
                row.update(ours_MB_per_s=round(size / ours, 2), bare_MB_per_s=round(size / base, 2))
            results[fmt] = row
    return results


# -- opening a folder of PDFs --------------------------------------------------------

_OPEN = """
import json, resource, sys, time
if __name__ == "__main__":
  t = time.perf_counter()
  from caucasusmap.index import open_index
  index = open_index(sys.argv[1], sys.argv[2])
  print(json.dumps({"seconds": time.perf_counter() - t, "documents": len(index.corpus.documents),
                  "mentions": len(index.table), "source": index.source,
                  "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "workers_max_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}))
"""


def open_folder(copies: int) -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = make_files(tmp / "src")
        for fmt in ("pdf", "md"):
            folder = tmp / f"corpus-{fmt}"
            folder.mkdir()
            sources = files["pdf"] if fmt == "pdf" else [p for p in files["md"] for _ in (0, 1)]
            n = 0
            for _ in range(copies):
                for src in sources:
                    n += 1
                    data = src.read_bytes()
                    # a distinct file each time (trailing comment), so nothing is deduplicated by content
                    tail = f"\n%copy {n}\n" if fmt == "pdf" else f"\n\n<!-- copy {n} -->\n"
                    (folder / f"{n:04d}-{src.name}").write_bytes(data + tail.encode())
            cache = tmp / f"cache-{fmt}"
            env = {**os.environ, "CAUCASUSMAP_CACHE_DIR": str(cache)}  # the installed caucasusmap
            runs = {}
            for label in ("cold", "warm"):
                out = subprocess.run([sys.executable, "-c", _OPEN, str(default_gazetteer()), str(folder)],
                                     env=env, capture_output=True, text=True, check=True)
                runs[label] = json.loads(out.stdout.strip().splitlines()[-1])
            runs["files"] = n
            if fmt == "pdf":
                runs["pages"] = pdf_pages(sorted(folder.iterdir()))
                runs["bare_pdfium_extract_s"] = round(best(
                    lambda folder=folder: [bare_pdfium(p.read_bytes()) for p in sorted(folder.iterdir())], 1), 2)
            results[fmt] = runs
            shutil.rmtree(cache, ignore_errors=True)
    return results


# -- other libraries -------------------------------------------------------------------

def compare() -> dict:
    gazetteer = load_gazetteer(default_gazetteer())
    linker = Linker(gazetteer.places)

    def places(text: str) -> Counter:
        _, _, found = linker.find_arrays(text)
        return Counter(found.tolist())

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        plain = Counter()
        for src in files["md"]:
            plain += places(src.read_text(encoding="utf-8"))
        total = sum(plain.values())

        def score(name: str, fmt: str, fn) -> None:
            blobs = [p.read_bytes() for p in files[fmt]]
            try:
                texts = []
                seconds = best(lambda: texts.__setitem__(slice(None), [fn(d) for d in blobs]), 1)
            except ImportError:
                return
            found = Counter()
            for text in texts:
                found += places(text)
            if fmt == "pdf":  # every text is there twice (one and two columns)
                found = Counter({k: v / 2 for k, v in found.items()})
            size = sum(len(d) for d in blobs) / 1e6
            out[f"{fmt}: {name}"] = {
                "seconds": round(seconds, 3), "MB_per_s": round(size / seconds, 2),
                "recall": round(sum(min(found[k], v) for k, v in plain.items()) / total, 4),
                "extra_mentions": round(sum(max(v - plain[k], 0) for k, v in found.items())),
            }

        from caucasusmap.readers.docx import read_docx
        from caucasusmap.readers.html import read_html
        from caucasusmap.readers.pdf import read_pdf

        score("caucasusmap reader (pypdfium2 + layout)", "pdf", lambda d: read_pdf(Path("x.pdf"), d).text)
        score("pypdfium2 get_text_range", "pdf", bare_pdfium)

        def plumber(d):
            import pdfplumber

            with pdfplumber.open(io.BytesIO(d)) as pdf:
                return "\n".join(p.extract_text() or "" for p in pdf.pages)

        def pypdf_text(d):
            import pypdf

            return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(d)).pages)

        score("pdfplumber extract_text", "pdf", plumber)
        score("pypdf extract_text", "pdf", pypdf_text)
        score("caucasusmap reader (python-docx)", "docx", lambda d: read_docx(Path("x.docx"), d).text)
        score("python-docx paragraphs", "docx", bare_docx)

        def docx2py(d):
            from docx2python import docx2python

            with docx2python(io.BytesIO(d)) as doc:
                return doc.text

        score("docx2python text", "docx", docx2py)
        score("caucasusmap reader (trafilatura)", "html", lambda d: read_html(Path("x.html"), d).text)
        score("trafilatura extract", "html", bare_trafilatura)

        def readability(d):
            from lxml import html as lhtml
            from readability import Document

            return lhtml.fromstring(Document(d.decode("utf-8")).summary()).text_content()

        def jt(d):
            import justext

            return "\n".join(p.text for p in justext.justext(d, justext.get_stoplist("English"))
                             if not p.is_boilerplate)

        def insc(d):
            from inscriptis import get_text

            return get_text(d.decode("utf-8"))

        score("readability-lxml", "html", readability)
        score("jusText", "html", jt)
        score("inscriptis (no boilerplate removal)", "html", insc)
        out["plain text mentions"] = total
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of the 10 PDFs in the folder (default 20 = 200)")
    ap.add_argument("--compare", action="store_true", help="also measure the other libraries considered")
    ap.add_argument("--skip-open", action="store_true", help="skip the folder-opening measurement")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}", file=sys.stderr)
    report = {"throughput": throughput()}
    if not args.skip_open:
        report["open_folder"] = open_folder(args.copies)
    if args.compare:
        report["compare"] = compare()
    print(f"load average after: {os.getloadavg()}", file=sys.stderr)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
