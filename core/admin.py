"""What every registry admin shares: translated fields in tabs, history with
the differences between versions, refusal of stale edits, and the editorial
workflow on publishable records."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.concurrency import BOOKKEEPING_FIELDS, VersionedForm, VersionedInlineForm
from core.periods import DayMonthYearField
from core.publication import Publication
from core.search import matching
from core.workflow import (
    NEEDS_COMMENT,
    Transition,
    available_transitions,
    may_publish,
    record_transition,
)

admin.site.site_header = _("Cooperation projects registry")
admin.site.site_title = _("Cooperation registry")
admin.site.index_title = _("Registry administration")

VERSION_FIELD = "record_version"


def with_version_field(fieldsets):
    """`fieldsets` with the hidden version field in the first fieldset, so
    that it is rendered (and posted back) on change, add and revert pages."""
    if not fieldsets or VERSION_FIELD in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    first = (name, {**options, "fields": (*options.get("fields", ()), VERSION_FIELD)})
    return [first, *rest]


class TranslatedInputs:
    """Each translated field's input carries the language and direction of
    its own language, whatever the interface's: Arabic runs right to left in
    the French admin, French left to right in the Arabic one (and browsers
    pick the right spelling checker and font)."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if language:
            attrs = self._get_widget_from_field(field).attrs
            attrs["lang"] = language
            attrs["dir"] = "rtl" if get_language_info(language)["bidi"] else "ltr"


class RecordAdmin(SimpleHistoryAdmin):
    """The history of every change with its differences and a revert button,
    and no lost update: a save made on an older version is refused."""

    form = VersionedForm
    formfield_overrides = {models.DateField: {"form_class": DayMonthYearField}}
    list_per_page = 50

    def get_fieldsets(self, request, obj=None):
        return with_version_field(super().get_fieldsets(request, obj))

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # As the library does, without the bookkeeping columns that change on
        # every save and say nothing to a reader.
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=BOOKKEEPING_FIELDS, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class RegistryAdmin(TranslatedInputs, RecordAdmin, TabbedTranslationAdmin):
    """A record admin with translated fields side by side in language tabs."""

    readonly_fields = ("created_at", "updated_at")

    def get_search_results(self, request, queryset, search_term):
        # Searchable models keep a folded column of every language's names:
        # search it the way the public site does (accents, Arabic spellings).
        if search_term and hasattr(self.model, "search_text"):
            return matching(queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)


class VersionedInline(TranslatedInputs):
    """An inline whose rows are refused when changed by someone else since
    the page was opened (the parent form is always checked); its translated
    inputs carry their language (TranslatedInputs)."""

    form = VersionedInlineForm
    formfield_overrides = RecordAdmin.formfield_overrides

    def get_fieldsets(self, request, obj=None):
        return with_version_field(super().get_fieldsets(request, obj))


class PublicationInline(VersionedInline):
    """A publishable child edited inside its project: its publication moves
    only through the workflow (see core/workflow.py)."""

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "publication")


class TransitionCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what needs to change: the editors will read it in the record's history."),
    )


class PublishableAdmin(RegistryAdmin):
    """A registry admin for records with a publication state.

    The publication field is read-only for everyone: it moves through the
    workflow's transitions (changelist actions, or the buttons on a record's
    page), which check permissions, publication rules and the comment
    required to send a record back to draft.
    """

    actions = ("submit_for_review", "publish", "send_back_to_draft", "archive")
    transition_template = "admin/publication_transition.html"

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "publication")

    def has_publish_permission(self, request, obj=None):
        return may_publish(request.user, self.model)

    # Applying a transition: a subclass with its own services (projects)
    # overrides these two.
    def apply_transition(self, request, record, transition: Transition, comment: str = ""):
        record_transition(record=record, user=request.user, transition=transition, comment=comment)

    def publication_blockers(self, record) -> list[str]:
        return []

    def view_on_site(self, obj):
        # The public page, where staff see drafts with a preview banner; a
        # project's component, indicator, document, activity or event is
        # shown on its project's page.
        page = obj if hasattr(obj, "get_absolute_url") else getattr(obj, "project", None)
        return page.get_absolute_url() if page is not None else None

    # Changelist actions.
    @admin.action(description=_("Submit the selected records for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.apply_to_records(request, queryset, Transition.SUBMIT)

    @admin.action(description=_("Publish the selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self.apply_to_records(request, queryset, Transition.PUBLISH)

    @admin.action(description=_("Send the selected records back to draft…"), permissions=["publish"])
    def send_back_to_draft(self, request, queryset):
        form = TransitionCommentForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self.apply_to_records(request, queryset, Transition.SEND_BACK, form.cleaned_data["comment"])
            return None
        return self.render_transition_page(
            request, Transition.SEND_BACK, list(queryset), form, action="send_back_to_draft"
        )

    @admin.action(description=_("Archive the selected records"), permissions=["publish"])
    def archive(self, request, queryset):
        self.apply_to_records(request, queryset, Transition.ARCHIVE)

    def apply_to_records(self, request, queryset, transition: Transition, comment: str = ""):
        # One save per record (never queryset.update()): each gets its own
        # historical version, updated_at and version.
        done = 0
        for record in queryset:
            try:
                self.apply_transition(request, record, transition, comment)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, self.refusal_message(record, transition, error), messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(transition)s: done for %(count)d record.",
                    "%(transition)s: done for %(count)d records.",
                    done,
                )
                % {"transition": transition.label, "count": done},
                messages.SUCCESS,
            )

    def refusal_message(self, record, transition: Transition, error) -> str:
        reasons = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        return gettext("“%(record)s” was not changed (%(transition)s): %(reasons)s") % {
            "record": record,
            "transition": transition.label,
            "reasons": reasons,
        }

    # The transitions of one record, from its page.
    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/publication/<str:transition>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{opts.app_label}_{opts.model_name}_transition",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, object_id, transition):
        record = self.get_object(request, unquote(object_id))
        if record is None or transition not in Transition.values:
            raise Http404
        transition = Transition(transition)
        if transition not in available_transitions(request.user, record):
            raise PermissionDenied
        form = TransitionCommentForm(request.POST or None) if transition in NEEDS_COMMENT else None
        if request.method == "POST" and (form is None or form.is_valid()):
            comment = form.cleaned_data["comment"] if form is not None else ""
            try:
                self.apply_transition(request, record, transition, comment)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, self.refusal_message(record, transition, error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(transition)s: “%(record)s” is now %(state)s.")
                    % {
                        "transition": transition.label,
                        "record": record,
                        "state": record.get_publication_display(),
                    },
                    messages.SUCCESS,
                )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
            )
        return self.render_transition_page(request, transition, [record], form)

    def render_transition_page(self, request, transition: Transition, records, form, action=None):
        blockers = {}
        if transition == Transition.PUBLISH:
            blockers = {record.pk: self.publication_blockers(record) for record in records}
        context = {
            **self.admin_site.each_context(request),
            "title": transition.label,
            "opts": self.model._meta,
            "transition": transition,
            "records": [(record, blockers.get(record.pk, [])) for record in records],
            "blocked": any(blockers.values()),
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.transition_template, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        record = self.get_object(request, unquote(object_id))
        if record is not None:
            opts = self.model._meta
            extra_context["publication_transitions"] = [
                (
                    transition,
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_transition",
                        args=[record.pk, transition.value],
                    ),
                )
                for transition in available_transitions(request.user, record)
            ]
            extra_context["is_public"] = record.publication == Publication.PUBLISHED
        return super().change_view(request, object_id, form_url, extra_context)


class SpreadsheetImportMixin(ImportExportMixin):
    """Import and export of CSV and XLSX files, all or nothing.

    The library's two steps stay: a dry run shows every row's changes (and
    the totals of new, updated, skipped and invalid rows) before the user
    confirms. The resources roll the whole file back on any bad row
    (core/imports.py); should the confirmed run meet one (the data
    changed since the preview), nothing is written and each row's error is
    listed.
    """

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        self.message_user(
            request, gettext("Nothing was imported: correct these rows and try again."), messages.ERROR
        )
        for number, errors in result.row_errors():
            for error in errors:
                self.message_user(
                    request,
                    gettext("Row %(number)s: %(error)s") % {"number": number, "error": error.error},
                    messages.ERROR,
                )
        for row in result.invalid_rows:
            self.message_user(
                request,
                gettext("Row %(number)s: %(error)s")
                % {"number": row.number, "error": "; ".join(row.error.messages)},
                messages.ERROR,
            )
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))


def locked_out(request, credentials=None):
    """django-axes' answer to a locked-out sign-in: the admin's own page, in
    the user's language (AXES_LOCKOUT_CALLABLE)."""
    context = {**admin.site.each_context(request), "title": _("Account locked")}
    # Rendered now: the middleware returns it after the view has run.
    return render(request, "admin/locked_out.html", context, status=429)
