"""The IATI 2.03 export of the published registry.

`rows` reads the projects of a selection and their children as plain rows,
a chunk of projects at a time; `activity` writes one project as an
`iati-activity` element; `stream` writes an `iati-activities` file one
activity at a time; `views` and `urls` serve `/api/v1/iati/activities.xml`
and `/api/v1/projects/<slug>/iati.xml` (the whole registry, a filtered
selection and one project take the same path).
The files validate against the official schema in `tests/iati/standard/schema/`,
and every code they carry is in the IATI codelists (tests/opendata/test_iati.py).

How the registry maps onto IATI where the two do not match one to one:

* identifier: `{IATI_REPORTING_ORG_REF}-{Project.iati_key}`; the key is fixed
  when the project is created, so renaming a project or its slug never
  changes a published identifier.
* dates: the registry holds one start and one end date, not planned and
  actual ones. A start is *actual* (type 2) once the project is under way
  (implementation, finalisation, closed, suspended), otherwise *planned*
  (type 1: pipeline, cancelled). An end is *actual* (type 4) only for a
  closed project, otherwise *planned* (type 3). An actual date in the future
  is written as planned, since IATI forbids actual dates in the future.
  Dates known to the year or month are written as the first (start) or last
  (end) day of that period, as the registry stores them.
* countries: the project's countries except those where it is suspended
  (Libya in AMEM), the money going there being on hold. The registry has no
  per-country share, so the percentage is split evenly (summing to 100).
* sectors: the DAC 5-digit codes of the project's themes (vocabulary 1),
  split evenly.
* budget: IATI budget periods must not exceed one year, and the registry holds
  one total for the whole period. The total is written as a `budget` only
  when the project lasts a year or less; otherwise no `budget` is written
  (no yearly split is invented). The total stays in the CSV/XLSX/JSON exports.
* funders' amounts: an incoming commitment (transaction type 11) from each
  funder with an amount, dated at the project's start (the registry does not
  record the signature date; a commitment is signed at or before the start),
  only once the project has started. Before that, funders appear as
  participating organisations only.
* related projects: programme / sub-project as parent (1) / child (2).
  IATI 2.03 has no predecessor/successor type, and "sibling" means "shares a
  parent", so "follows" (THAMM Plus follows THAMM) is left out of IATI; it is
  kept in the API, the exports and the project pages.
* results: the indicators of a published component form one result (an
  outcome for a specific objective), the project's own indicators another.
  An indicator gives its target and value over its own period (else the
  project's), then one `period` per reporting period (`IndicatorPeriod`)
  with its target, value reached and comment; a reporting period with the
  same dates as the indicator's own is written in its place, not beside it.
  A period's source is not written: IATI wants a titled, categorised
  document there, and the registry holds an address or a name.
* a published project without a description (summary, objective or target
  groups), without a published organisation in an IATI role, or without any
  date cannot make a valid activity: it is left out, with the reason as an
  XML comment in the file, a log line and a line on the data page.
"""
