"""Printable documents: the plan summary and the preparation sheet (no Textual)."""

from __future__ import annotations

from pipeline_tui.report.document import Document

FORMATS = ("text", "markdown", "html", "pdf")
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}
# What a file's name says it holds: `-o plan.pdf` without --format is a PDF (it was text)
BY_EXTENSION = {"txt": "text", "md": "markdown", "markdown": "markdown", "html": "html"}
BY_EXTENSION |= {"htm": "html", "pdf": "pdf"}
# Documents and pictures the program does not write: `-o plan.docx` wrote the text format into
# a file Word then called damaged (exit 0).
NOT_WRITTEN = frozenset(
    {"doc", "docx", "docm", "dot", "dotx", "odt", "rtf", "pages", "xls", "xlsx", "xlsm", "ods"}
    | {"csv", "ppt", "pptx", "odp", "png", "jpg", "jpeg", "gif", "svg", "tif", "tiff", "webp"}
)


def render(doc: Document, fmt: str) -> str | bytes:
    """The document in `fmt`: str for text, markdown and html, bytes for pdf."""
    if fmt == "text":
        from pipeline_tui.report.text import render_text

        return render_text(doc)
    if fmt == "markdown":
        from pipeline_tui.report.markdown import render_markdown

        return render_markdown(doc)
    if fmt == "html":
        from pipeline_tui.report.html import render_html

        return render_html(doc)
    if fmt == "pdf":
        from pipeline_tui.report.pdf import render_pdf

        return render_pdf(doc)
    raise ValueError(f"unknown format {fmt!r}")
