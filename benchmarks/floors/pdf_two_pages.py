"""Floor of `plan print --format pdf`: a two-page A4 PDF of about a plan's length (600 words,
a table, headings), made with the same library (fpdf2) and the same fonts (DejaVu Sans
regular, bold and oblique, embedded as subsets), and nothing else.

    python benchmarks/floors/pdf_two_pages.py OUT
"""

import sys
from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parents[2] / "src" / "pipeline_tui" / "report" / "fonts"
WORDS = (
    "Du skaber værdi gennem dit eget faglige arbejde. Kolleger, patienter og din leder skal "
    "kunne regne med, at du leverer det aftalte i den rette kvalitet og siger til i god tid, "
    "hvis noget skrider. Du tager ansvar for din egen udvikling og for at være en god kollega."
)
ROWS = [
    ("Resultater og drift", "3,0", "3,7"),
    ("Samarbejde og relationer", "3,5", "4,0"),
    ("Udvikling og forandring", "3,3", "3,3"),
    ("Selvledelse og værdier", "3,0", "3,8"),
]


def main():
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONTS / "DejaVuSans-Oblique.ttf"))
    for page in (1, 2):
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 20)
        pdf.cell(0, 10, "Udviklingsplan" if page == 1 else "Mål og aftaler", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.set_font("DejaVu", "", 10)
        for _ in range(4):
            pdf.multi_cell(0, 5, WORDS, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        pdf.set_font("DejaVu", "", 9)
        with pdf.table(col_widths=(60, 20, 20)) as table:
            for row in (("Dimension", "Leder", "Medarbejder"), *ROWS):
                cells = table.row()
                for text in row:
                    cells.cell(text)
        pdf.ln(4)
        pdf.set_font("DejaVu", "I", 9)
        for _ in range(3):
            pdf.multi_cell(0, 5, WORDS, new_x="LMARGIN", new_y="NEXT")
        pdf.line(18, 270, 192, 270)
    Path(sys.argv[1]).write_bytes(bytes(pdf.output()))


main()
