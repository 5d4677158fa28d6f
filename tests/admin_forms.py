"""What a project's admin change form posts back unchanged, for tests that
then change a field or an inline row: its own fields as shown, and every
inline empty (a test that edits an inline fills it itself)."""

PROJECT_INLINES = ("country_links", "participations", "components", "indicators", "documents", "relations")


def project_change_data(staff_client, url: str) -> dict:
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple | set)
    }
    data["themes"] = []
    for prefix in PROJECT_INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data
