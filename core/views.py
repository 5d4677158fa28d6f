"""The two behaviours that every public list and sheet share: reading a list
through its FilterSet, and letting staff preview a draft."""

import functools

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, Min, Q
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.choices import CallableChoiceIterator
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import ListView

from core.counts import kept_count
from core.fragments import template_release, versions_digest
from core.response_cache import CachedPageMixin, app_revisions
from core.text import alphabetical, with_nul

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Lists count their rows up to this many (or to the requested page's end).
COUNT_LIMIT = 1000


def without_nul(query: QueryDict) -> tuple[QueryDict, bool]:
    """The query without NUL characters (PostgreSQL refuses them), and whether
    there were any."""
    if not with_nul(query):
        return query, False
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    return cleaned, True


class CappedPaginator(Paginator):
    """Counts at most `limit` rows, and one more to know whether there are
    more: counting the 20,000 activities that mention a common word costs
    more than showing the first page of them. The page links then reach one
    page past the limit, where the limit moves on. The count is kept until
    the registry changes (core/counts.py)."""

    def __init__(self, *args, limit: int, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.request = request

    @cached_property
    def count(self):
        return kept_count(self.object_list.order_by()[: self.limit + 1], self.request)

    @property
    def is_capped(self) -> bool:
        return self.count > self.limit


class FilteredListView(CachedPageMixin, ListView):
    """A public list read through its FilterSet (the same one the API uses).

    The filters are a GET form that works without JavaScript and live in the
    query string. An invalid value is shown as the form's error with status
    400, never as a silently empty list. Pages are bounded: `page_size` is
    capped, and a page out of range is a 404.
    """

    filterset_class = None
    paginate_by = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    # Multiple-choice filters shown as one drop-down rather than checkboxes
    # (a long list of years); the others become checkboxes, usable without
    # JavaScript and on a phone.
    select_filters = ("year",)
    # Filters that serve partner systems only.
    hidden_filters = ("modified_since",)
    # Filters with too many choices to list (every organisation, every
    # project): name -> (the directory to pick from, a hint). The form shows
    # only the chosen values; each record's page links to the list filtered
    # on it.
    directory_filters: dict = {}
    # The apps whose records the filter options and their counts are read
    # from (core.models.AppRevision).
    options_read: tuple[str, ...] = ("partners", "projects", "activities")

    def get_base_queryset(self):
        return self.model.objects.published().for_list()

    def get_filterset(self):
        data, had_nul = without_nul(self.request.GET)
        # A drop-down's "Any" option submits an empty value: no filter, not an error.
        data = data.copy()
        for name in self.select_filters:
            if name in data:
                data.setlist(name, [value for value in data.getlist(name) if value])
        filterset = self.filterset_class(data, queryset=self.get_base_queryset(), request=self.request)
        form = filterset.form
        form.label_suffix = ""
        checkboxes = [
            name
            for name, field in form.fields.items()
            if name not in self.directory_filters
            and name not in self.select_filters
            and isinstance(field.widget, forms.SelectMultiple)
        ]
        # The options are read when shown: a form kept whole shows none.
        options = functools.cache(lambda: self.filter_options(form, checkboxes))
        for name, field in form.fields.items():
            if name in self.directory_filters:
                # Its choices are the values chosen, known once the form is valid.
                field.widget = forms.CheckboxSelectMultiple()
                url_name, field.directory_hint = self.directory_filters[name]
                field.directory_url = reverse(url_name)
            elif name in checkboxes:
                field.widget = forms.CheckboxSelectMultiple(
                    choices=lambda name=name: options()["choices"][name]
                )
        if "q" in form.fields:
            form.fields["q"].widget.input_type = "search"
        if "year" in form.fields:
            # The years the list's records span, not every year the filter accepts.
            chosen = {int(year) for year in data.getlist("year") if year.isdigit() and len(year) == 4}
            form.fields["year"].shown_choices = CallableChoiceIterator(
                lambda: [(year, year) for year in sorted(set(options()["years"]) | chosen, reverse=True)]
            )
        if had_nul:
            # Compute the form's own errors first, then add ours.
            form.full_clean()
            form.add_error(None, _("The address contains characters that are not allowed."))
        return filterset

    @property
    def options_key(self) -> str:
        revisions = app_revisions(self.request)
        return "filter-options:{}:{}:{}".format(
            type(self).__name__,
            get_language(),
            ":".join(f"{label}{revisions.get(label, 0)}" for label in self.options_read),
        )

    def filter_options(self, form, checkboxes: list[str]) -> dict:
        """Each checkbox filter's options (`checkboxes`), labelled with
        their counts ("choices", by filter), and the years the records span
        ("years"). They depend on the records of `options_read` apps only,
        whatever the filters chosen: computed once per change of those apps
        and language, then kept."""
        key = self.options_key
        options = cache.get(key)
        if options is None:
            options = self.read_filter_options(form, checkboxes)
            cache.set(key, options, settings.FRAGMENT_CACHE_SECONDS)
        return options

    def read_filter_options(self, form, checkboxes: list[str]) -> dict:
        option_counts = self.option_counts()
        options = {"choices": {}, "years": list(self.spanned_years()) if "year" in form.fields else []}
        for name in checkboxes:
            field = form.fields[name]
            # (Iterated, not list()ed: a model field's choices would count first.)
            choices = [(str(value), str(label)) for value, label in field.choices]
            if isinstance(field, forms.ModelMultipleChoiceField):
                # Records in the alphabetical order of the page's language.
                choices.sort(key=lambda choice: alphabetical(choice[1]))
            counts = option_counts.get(name)
            if counts is not None:
                choices = [(value, f"{label} ({counts.get(value, 0)})") for value, label in choices]
            options["choices"][name] = choices
        return options

    def option_counts(self) -> dict[str, dict[str, int]]:
        """How many published records each option of a filter leads to, by
        filter name then option value; shown beside the options."""
        return {}

    def spanned_years(self) -> range:
        span = self.model.objects.published().aggregate(
            first=Min("start_date"), last_end=Max("end_date"), last_start=Max("start_date")
        )
        dates = [moment for moment in span.values() if moment is not None]
        if not dates:
            return range(0)
        return range(min(dates).year, max(dates).year + 1)

    def filters_given(self) -> bool:
        """Whether the query string holds anything but the page asked (or a
        NUL anywhere, which the FilterSet's form refuses)."""
        query = self.request.GET
        return bool(with_nul(query)) or any(name not in (self.page_kwarg, "page_size") for name in query)

    @cached_property
    def filterset(self):
        """The list's FilterSet, validated. A list without filters builds
        it only to show its form, which a kept form does not."""
        filterset = self.get_filterset()
        filterset.is_valid()
        form = filterset.form
        for name in self.directory_filters:
            field = form.fields[name]
            chosen = form.cleaned_data.get(name) or ()
            field.widget.choices = [(getattr(record, field.to_field_name), str(record)) for record in chosen]
        return filterset

    def get_queryset(self):
        if not self.filters_given():
            return self.get_base_queryset()
        return self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        page = self.request.GET.get(self.page_kwarg, "")
        number = int(page) if page.isdigit() and len(page) < 10 else 1
        return CappedPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            limit=max(COUNT_LIMIT, number * per_page),
            request=self.request,
        )

    def paginate_queryset(self, queryset, page_size):
        """A page past the end (`?page=9999`) shows the last one, with a
        word on what happened, as a 404."""
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            self.missing_page = self.request.GET.get(self.page_kwarg, "")[:12]
            paginator = self.get_paginator(queryset, page_size)
            page = paginator.page(paginator.num_pages)
            return paginator, page, page.object_list, page.has_other_pages()

    def get_paginate_by(self, queryset):
        try:
            size = int(self.request.GET.get("page_size", ""))
        except ValueError:
            return self.paginate_by
        return min(max(size, 1), self.max_page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters_given()
        context["filterset"] = SimpleLazyObject(lambda: self.filterset)
        context["form"] = SimpleLazyObject(lambda: self.filterset.form)
        context["filters_invalid"] = filters and not self.filterset.is_valid()
        paginator = context["paginator"]
        context["result_count"] = min(paginator.count, paginator.limit) if paginator else 0
        context["count_is_capped"] = bool(paginator and paginator.is_capped)
        context["ordering_value"] = self.request.GET.get("ordering", "")
        context["hidden_filters"] = self.hidden_filters
        context["missing_page"] = getattr(self, "missing_page", None)
        context["active_filters"] = (
            self.active_filters() if filters and not context["filters_invalid"] else []
        )
        context["kept_form"] = self.kept_form_key(context)
        context["fragment_seconds"] = settings.FRAGMENT_CACHE_SECONDS
        return context

    def kept_form_key(self, context) -> str | None:
        """The key of the filter form's markup, kept in the cache for
        visitors: it shows the options (kept until their apps change) as
        the query string fills them in, in the page's language."""
        if context["filters_invalid"] or self.request.user.is_authenticated:
            return None
        query = sorted((name, value) for name, value in self.request.GET.lists() if name != self.page_kwarg)
        return ":".join(
            (
                self.options_key,
                self.request.path,
                versions_digest(query),
                template_release("includes/filter_form.html"),
            )
        )

    def active_filters(self) -> list[dict]:
        """Each value filtered on, named, with the address of the list
        without it: the chips beside the count."""
        chips = []
        for name, field in self.filterset.form.fields.items():
            if name in self.hidden_filters or name == "ordering":
                continue
            values = [value for value in self.request.GET.getlist(name) if value.strip()]
            if not values:
                continue
            choices = getattr(field, "shown_choices", None) or getattr(field.widget, "choices", None) or ()
            labels = {str(value): str(label) for value, label in choices}
            for value in values:
                rest = self.request.GET.copy()
                rest.setlist(name, [other for other in rest.getlist(name) if other != value])
                rest.pop(self.page_kwarg, None)
                chips.append(
                    {
                        "field": field.label,
                        "label": labels.get(value, value),
                        "remove": f"?{rest.urlencode()}",
                    }
                )
        return chips

    def render_to_response(self, context, **response_kwargs):
        if context["filters_invalid"]:
            response_kwargs["status"] = 400
        elif context["missing_page"] is not None:
            response_kwargs["status"] = 404
        return super().render_to_response(context, **response_kwargs)


class PreviewMixin(CachedPageMixin):
    """A detail page the public reaches through `published()` only; logged-in
    staff also reach the drafts they may open in the admin, shown exactly as the public will see them (only
    published children) under a "not published" banner and kept out of
    search engines."""

    def get_queryset(self):
        records = self.model.objects
        readable = records.published()
        if self.request.user.is_staff:
            # What the account may open in the admin: all of it, or for an
            # editor scoped to organisations, theirs (core/admin.py).
            record_admin = admin.site._registry.get(self.model)
            if record_admin is None:
                readable = records.all()
            else:
                editable = record_admin.get_queryset(self.request).values("pk")
                readable = records.filter(Q(pk__in=readable.values("pk")) | Q(pk__in=editable))
        return self.loaded(readable)

    def loaded(self, records):
        """`records` with what the page shows of each."""
        return records.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            response["X-Robots-Tag"] = "noindex"
            response["Cache-Control"] = "private, no-store"
        return response
