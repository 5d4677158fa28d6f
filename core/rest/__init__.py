"""Pieces shared by every endpoint of the partner API (/api/v1/).

Each module holds one concern: `languages` (which language a response is
in), `fields` (translated text and coded values), `pagination`,
`conditional` (ETag / Last-Modified), `renderers` (CSV), `throttling`,
`errors`, `schema` (OpenAPI), `views` (the base classes that put them
together), and the two endpoints that are not a model's list:
`withdrawals` and `stats`.
"""
