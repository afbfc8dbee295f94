"""The page of a printed plan: A4 with a footer line and page numbers (imports fpdf2, so it is
imported only when a PDF is made)."""

from __future__ import annotations

from fpdf import FPDF

from pipeline_tui.report.pdf_style import FONT, MARGIN, MUTED


class PlanPDF(FPDF):
    footer_text = ""
    compact = False
    give_up = False

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.footer_text, align="L")
        self.set_x(MARGIN)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")
