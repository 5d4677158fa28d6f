"""Downloads of the published registry: one table per resource (projects,
organisations, participations, activities, events, indicators and their
reporting periods) as CSV, XLSX or JSON, with the same filters as the lists.

Every table has the same shape in the three formats:

* columns have a stable machine name (`title_fr`, `status`), a French label
  and an Arabic label. CSV and XLSX carry them as three header rows: machine
  names, then French labels, then Arabic labels; data starts on row 4. JSON
  carries them in `fields`, beside `rows` keyed by machine name.
* a translated text gives one column per language (`title_fr`, `title_ar`,
  `title_en`); a code gives its column and its label in French and Arabic
  (`status`, `status_fr`, `status_ar`), so a spreadsheet reader needs no
  codebook.
* several values in one cell (CSV, XLSX) are separated by "; "; JSON gives
  a list. Dates are ISO 8601 (YYYY-MM-DD).
* CSV is UTF-8 with a byte-order mark (so Excel shows Arabic), comma
  separated; a text starting with = + - @ gets a leading apostrophe there,
  so that a spreadsheet does not run it as a formula (XLSX and JSON keep it
  as it is).

CSV and JSON are streamed row by row from a chunked query; XLSX is written by
openpyxl in write-only mode to a temporary file, then sent.
"""

from opendata.exports.formats import FORMATS, export_response
from opendata.exports.resources import RESOURCES, Resource
from opendata.exports.selection import filtered

__all__ = ["FORMATS", "RESOURCES", "Resource", "export_response", "filtered"]
