"""What every registry admin shares: translated fields in tabs, history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from cooperation.search import matching

admin.site.site_header = _("Cooperation projects registry")
admin.site.site_title = _("Cooperation registry")
admin.site.index_title = _("Registry administration")


class RegistryAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Translated fields side by side in language tabs, with the history view."""

    list_per_page = 50
    readonly_fields = ("created_at", "updated_at")

    def get_search_results(self, request, queryset, search_term):
        # Searchable models keep a folded column of every language's names:
        # search it the way the public site does (accents, Arabic spellings).
        if search_term and hasattr(self.model, "search_text"):
            return matching(queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)
