"""The IATI files in the API's OpenAPI schema (`/api/schema/`).

They are plain Django views, which drf-spectacular does not see: this hook
adds them, with the project list's filters as their parameters (they take
the same ones) and their answers: the XML file, 304, and the JSON errors
every address under /api/ gives.
"""

PAGING = {"page", "page_size", "pagination", "cursor", "format", "ordering"}


def iati_paths(result, generator, request, public):
    listing = result["paths"]["/api/v1/projects/"]["get"]
    filters = [parameter for parameter in listing["parameters"] if parameter["name"] not in PAGING]
    error = {
        "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
    }
    responses = {
        "200": {
            "description": "An IATI 2.03 `iati-activities` file.",
            "content": {"application/xml": {"schema": {"type": "string"}}},
        },
        "304": {"description": "Not modified since the copy named by If-None-Match or If-Modified-Since."},
        "404": {**error, "description": "No project of the selection can be exported, with the reasons."},
        "405": {**error, "description": "Only GET and HEAD."},
        "429": {**error, "description": "Too many requests; see Retry-After."},
    }
    result["paths"]["/api/v1/iati/activities.xml"] = {
        "get": {
            "operationId": "iati_activities",
            "summary": "Published projects as an IATI 2.03 file",
            "description": "The whole published registry, or the projects the project list's filters select.",
            "tags": ["iati"],
            "parameters": filters,
            "responses": {
                **responses,
                "400": {**error, "description": "A filter's value is refused; named."},
            },
        }
    }
    result["paths"]["/api/v1/projects/{slug}/iati.xml"] = {
        "get": {
            "operationId": "iati_project",
            "summary": "A published project as an IATI 2.03 file",
            "tags": ["iati"],
            "parameters": [
                {"in": "path", "name": "slug", "required": True, "schema": {"type": "string"}},
            ],
            "responses": responses,
        }
    }
    return result
