"""The project sheet as a PDF (WeasyPrint, which shapes Arabic with
HarfBuzz and sets it right to left): the sheet itself on at most two A4
pages for most projects, then, for a project with many activities, the
activities as an annex starting on a page of its own."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

# Its fonts are the site's own, read from the disk: nothing is fetched.
STYLESHEET = "css/sheet-pdf.css"


def sheet_documents(context: dict, request):
    """The sheet and its annex (None without activities) as laid-out documents."""
    fonts = FontConfiguration()
    stylesheets = [CSS(filename=finders.find(STYLESHEET), font_config=fonts)]
    base_url = request.build_absolute_uri("/")

    def laid_out(template):
        return HTML(string=render_to_string(template, context, request), base_url=base_url).render(
            stylesheets=stylesheets, font_config=fonts
        )

    annex = laid_out("projects/sheet_pdf_annex.html") if context.get("activity_total") else None
    return laid_out("projects/sheet_pdf.html"), annex


def sheet_pdf(context: dict, request) -> bytes:
    sheet, annex = sheet_documents(context, request)
    pages = sheet.pages + (annex.pages if annex is not None else [])
    return sheet.copy(pages).write_pdf()
