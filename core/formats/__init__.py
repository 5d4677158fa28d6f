"""Date input as Moroccan staff type it, in every language of the admin.

Django's Arabic locale defines no input formats and its English one reads
month first (`%m/%d/%Y`): `01/06/2025` typed in the Arabic or English admin
became 6 January. Each language here reads day/month/year, and ISO 8601
(`2025-06-01`) always; anything else, ambiguous or impossible, is refused by
the form in the user's language. The first format is also the one a form
shows a date back in, so a date reads back as it was typed. Only input
formats are set: display formats stay Django's for each language
(FORMAT_MODULE_PATH modules are read before Django's own, name by name).
"""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
