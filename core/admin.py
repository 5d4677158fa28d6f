"""What every registry admin shares: translated fields in tabs, history with
the differences between versions, refusal of stale edits, and the editorial
workflow on publishable records."""

from functools import partial
from itertools import pairwise

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, get_fields_from_path, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin_languages import TranslatedExportForm, translate_permissions
from core.concurrency import VersionedForm, VersionedInlineForm
from core.history_admin import VersionHistoryAdmin
from core.models import Notification, PendingChange
from core.notifications import open_url, remember_language
from core.periods import DayMonthYearField
from core.publication import Publication
from core.review import (
    approve,
    described,
    is_public,
    may_approve,
    propose,
    public_parent,
    rows_from_forms,
    send_back,
    withdraw,
)
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
# Users and groups: permissions named in the interface language.
translate_permissions(admin.site)

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


class ReviewedEdit:
    """What became of an edit of a public record made on its form."""

    def __init__(self, record):
        self.record = record
        self.change: PendingChange | None = None
        self.refusal: Exception | None = None

    @property
    def approved(self) -> bool:
        return self.change is not None and self.change.state == PendingChange.State.APPROVED


class ReviewedAdmin:
    """Changes to what the public reads wait for a publisher (core/review.py).

    Saving the form of a public record keeps the change (the record's own
    fields and its inline rows) as a pending change; a publisher's is
    approved at once, after the publication checks. The form shows each
    pending change with its differences from the published record, and the
    buttons to approve it, send it back with a comment or withdraw it.
    """

    review_panels_template = "admin/review_panels.html"

    def publication_blockers(self, record) -> list[str]:
        """What keeps `record` from being published (or kept published)."""
        return []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Only the form's own save is reviewed here: the revert page (history)
        # checks its own permission.
        request.reviewed_form = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if getattr(request, "reviewed_form", False) and is_public(obj):
            request.reviewed_edit = ReviewedEdit(obj if change else public_parent(obj))
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        edit = getattr(request, "reviewed_edit", None)
        if edit is None:
            return super().save_related(request, form, formsets, change)
        edit.change = propose(record=edit.record, rows=rows_from_forms(form, formsets), user=request.user)
        for formset in formsets:
            # Nothing of the formsets was saved (the change message reads these).
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if edit.change is not None and may_approve(request.user, type(edit.record)):
            try:
                approve(change=edit.change, user=request.user, blockers=lambda: self.blockers_of(edit.record))
            except (ValidationError, PermissionDenied) as refusal:
                edit.refusal = refusal

    def blockers_of(self, record) -> list[str]:
        """The publication checks of `record` as stored now, by its own admin."""
        record = type(record)._base_manager.get(pk=record.pk)
        if not is_public(record):
            return []
        record_admin = self.admin_site._registry.get(type(record), self)
        return list(record_admin.publication_blockers(record))

    def log_addition(self, request, obj, message):
        if getattr(request, "reviewed_edit", None) is None:
            return super().log_addition(request, obj, message)
        return None

    def log_change(self, request, obj, message):
        edit = getattr(request, "reviewed_edit", None)
        if edit is None or edit.approved:
            return super().log_change(request, obj, message)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        edit = getattr(request, "reviewed_edit", None)
        if edit is None:
            return super().response_add(request, obj, post_url_continue)
        return self.review_response(request, edit)

    def response_change(self, request, obj):
        edit = getattr(request, "reviewed_edit", None)
        if edit is None or edit.approved:
            return super().response_change(request, obj)
        return self.review_response(request, edit)

    def review_response(self, request, edit: ReviewedEdit):
        if edit.change is None:
            self.message_user(request, gettext("Nothing was changed."), messages.INFO)
        elif edit.approved:
            self.message_user(request, gettext("The change is published."), messages.SUCCESS)
        elif edit.refusal is not None:
            self.message_user(
                request,
                gettext(
                    "Not published: %(reasons)s Your change is kept below, waiting for review: "
                    "correct the form and save again, or withdraw it."
                )
                % {"reasons": " ".join(_reasons(edit.refusal))},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                gettext(
                    "Your change waits for a publisher's review. Until it is approved, the site, "
                    "the API and the downloads show the published version."
                ),
                messages.WARNING,
            )
        return HttpResponseRedirect(admin_url(edit.record))

    def has_delete_permission(self, request, obj=None):
        # Deleting a public row is a change the public sees: it goes through
        # the review of its record's form, or is left to a publisher.
        if obj is not None and not may_approve(request.user, self.model) and is_public(obj):
            return False
        return super().has_delete_permission(request, obj)

    # The review of one pending change, from its record's page.
    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/pending/<int:change_id>/",
                self.admin_site.admin_view(self.pending_change_view),
                name=f"{opts.app_label}_{opts.model_name}_pending",
            ),
            *super().get_urls(),
        ]

    def pending_change_view(self, request, object_id, change_id):
        record = self.get_object(request, unquote(object_id))
        if record is None or not self.has_view_or_change_permission(request, record):
            raise Http404
        change = get_object_or_404(PendingChange.objects.for_record(record), pk=change_id)
        if request.method == "POST":
            decision = request.POST.get("decision")
            try:
                if decision == "approve":
                    approve(change=change, user=request.user, blockers=lambda: self.blockers_of(record))
                    done = gettext("The change is published.")
                elif decision == "send_back":
                    send_back(change=change, user=request.user, comment=request.POST.get("comment", ""))
                    done = gettext("The change is sent back to its author with your comment.")
                elif decision == "withdraw":
                    withdraw(change=change, user=request.user)
                    done = gettext("The change is withdrawn.")
                else:
                    raise ValidationError(gettext("Choose what to do with the change."))
            except (ValidationError, PermissionDenied) as refusal:
                self.message_user(
                    request,
                    gettext("Nothing was done: %(reasons)s") % {"reasons": " ".join(_reasons(refusal))},
                    messages.ERROR,
                )
            else:
                self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(admin_url(record))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["review_panels_template"] = self.review_panels_template
            context["pending_changes"] = self.pending_changes(request, obj)
            if getattr(obj, "publication", Publication.PUBLISHED) != Publication.PUBLISHED:
                context["publication_blockers"] = self.publication_blockers(obj)
            context["sent_back"] = sent_back_version(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def pending_changes(self, request, record) -> list[dict]:
        opts = self.model._meta
        may_review = may_approve(request.user, self.model)
        return [
            {
                "change": change,
                "rows": described(change),
                "may_review": may_review,
                "may_withdraw": may_review or change.author_id == request.user.pk,
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_pending", args=[record.pk, change.pk]
                ),
            }
            for change in PendingChange.objects.for_record(record).open().select_related("author", "reviewer")
        ]


def admin_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def _reasons(refusal: Exception) -> list[str]:
    return refusal.messages if isinstance(refusal, ValidationError) else [str(refusal)]


def sent_back_version(record):
    """The version that sent `record` back to draft, with the publisher's
    comment, while it is still a draft; None otherwise."""
    if getattr(record, "publication", None) != Publication.DRAFT or not hasattr(record, "history"):
        return None
    versions = list(record.history.order_by("-history_id").select_related("history_user")[:50])
    for version, older in pairwise(versions):
        if older.publication != Publication.DRAFT:
            return version if version.history_change_reason else None
    return None


def scoped_choices(admin_site, db_field, request):
    """The records a foreign key or many-to-many field may name, when its
    target's admin is scoped for the user (ScopedAdmin): those the user
    sees there; None otherwise (the field's own choices)."""
    target = admin_site._registry.get(db_field.remote_field.model)
    scope = getattr(target, "scope", None)
    if scope is None or not scope.applies(request.user):
        return None
    return target.get_queryset(request)


class ScopedChoices:
    """Foreign keys and many-to-many fields offer, and accept, only the
    records the user sees in their target's admin: a scoped editor names
    only their projects (the autocomplete lists the same ones)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = scoped_choices(self.admin_site, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = scoped_choices(self.admin_site, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdmin(ScopedChoices):
    """Staff attached to organisations see and edit only their part of the
    registry (projects/scoping.py, partners/scoping.py).

    An admin declares its `scope`, given by the layer that knows what a
    user's part is (core knows neither organisations nor projects): an
    object answering `applies(user)`, `visible(user, queryset)`,
    `may_change(user, record)` and `import_refusal(user, record)`.
    Everything follows from the scoped queryset, a subquery with no per-row
    check: lists, searches and autocompletes, actions, exports and the
    record's own pages. A record outside it is not found: its form,
    history, revert, transition, pending-change and delete pages answer 404
    (Django would redirect with a message naming its id). List filters on a
    scoped relation list only the related records of the list.
    """

    scope = None

    def is_scoped(self, request) -> bool:
        return self.scope is not None and self.scope.applies(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return self.scope.visible(request.user, queryset) if self.scope is not None else queryset

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and self.scope is not None:
            return self.scope.may_change(request.user, obj)
        return allowed

    def get_list_filter(self, request):
        list_filter = super().get_list_filter(request)
        if not self.is_scoped(request):
            return list_filter
        return tuple(self.scoped_filter(entry) for entry in list_filter)

    def scoped_filter(self, entry):
        if not isinstance(entry, str):
            return entry
        field = get_fields_from_path(self.model, entry)[-1]
        target = self.admin_site._registry.get(field.related_model) if field.is_relation else None
        if getattr(target, "scope", None) is None:
            return entry
        return (entry, admin.RelatedOnlyFieldListFilter)

    def found_in_scope(self, request, object_id) -> None:
        if self.is_scoped(request) and self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.found_in_scope(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.found_in_scope(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # The history would otherwise show a record the list hides (it
        # falls back on the record's last version).
        self.found_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A deleted record is restored by someone who sees the whole registry.
        self.found_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordAdmin(ScopedAdmin, ReviewedAdmin, VersionHistoryAdmin):
    """The history of every change with its differences and the revert of a
    record with its inline rows (core/history_admin.py), changes to public
    records reviewed (ReviewedAdmin), and no lost update: a save made on an
    older version is refused."""

    form = VersionedForm
    formfield_overrides = {models.DateField: {"form_class": DayMonthYearField}}
    list_per_page = 50

    def get_fieldsets(self, request, obj=None):
        return with_version_field(super().get_fieldsets(request, obj))

    def get_deleted_objects(self, objs, request):
        # A record that refuses deletion while others depend on it (its
        # `check_deletable()`) gives the reason on the confirmation page, and
        # on the list's "delete selected" one, naming them, in place of
        # Django's bare list of protected rows (or of a failed deletion).
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = []
        for record in objs:
            check = getattr(record, "check_deletable", None)
            if check is None:
                continue
            try:
                check()
            except ValidationError as refusal:
                refusals += refusal.messages
        return deleted, counts, perms_needed, refusals or protected


class RegistryAdmin(TranslatedInputs, RecordAdmin, TabbedTranslationAdmin):
    """A record admin with translated fields side by side in language tabs."""

    readonly_fields = ("created_at", "updated_at")

    def get_search_results(self, request, queryset, search_term):
        # Searchable models keep a folded column of every language's names:
        # search it the way the public site does (accents, Arabic spellings).
        if search_term and hasattr(self.model, "search_text"):
            return matching(queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)


class VersionedInline(ScopedChoices, TranslatedInputs):
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

    @admin.action(description=_("Archive the selected records…"), permissions=["publish"])
    def archive(self, request, queryset):
        # Confirmed first, on a page that says what leaves the public site.
        if "apply" in request.POST:
            self.apply_to_records(request, queryset, Transition.ARCHIVE)
            return None
        return self.render_transition_page(
            request, Transition.ARCHIVE, list(queryset), None, action="archive"
        )

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
        reasons = " ".join(_reasons(error))
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
            return HttpResponseRedirect(admin_url(record))
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

    export_form_class = TranslatedExportForm

    def get_import_resource_kwargs(self, request, **kwargs):
        # A scoped editor's rows are refused outside their part of the
        # registry (ScopedAdmin), each naming the record.
        kwargs = super().get_import_resource_kwargs(request, **kwargs)
        if self.is_scoped(request):
            kwargs["refusal"] = partial(self.scope.import_refusal, request.user)
        return kwargs

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            waiting = getattr(result, "waiting_for_review", 0)
            if waiting:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d row changes a published record: the change waits for a "
                        "publisher's review, and the site shows the published version until then.",
                        "%(count)d rows change published records: the changes wait for a "
                        "publisher's review, and the site shows the published versions until then.",
                        waiting,
                    )
                    % {"count": waiting},
                    messages.WARNING,
                )
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


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    """Every change waiting for review, for publishers to find them and for
    editors to follow theirs: each opens on its record's form, where it is
    shown with its differences and reviewed."""

    list_display = ("record_link", "content_type", "author", "state", "updated_at")
    list_display_links = None
    # Only the kinds of record that have pending changes.
    list_filter = ("state", ("content_type", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("content_type", "author")
    date_hierarchy = "updated_at"

    def get_queryset(self, request):
        changes = super().get_queryset(request).prefetch_related("record").order_by("state", "-updated_at")
        return changes.filter(self.records_in_scope(request))

    def records_in_scope(self, request) -> models.Q:
        """The changes of records the user sees in their own admins: a
        scoped editor (ScopedAdmin) follows the changes of their records
        only. One subquery per kind of scoped record, in the list's query."""
        scopes = {
            model: model_admin.scope
            for model, model_admin in self.admin_site._registry.items()
            if getattr(model_admin, "scope", None) is not None and model_admin.scope.applies(request.user)
        }
        if not scopes:
            return models.Q()
        kinds = ContentType.objects.get_for_models(*scopes, for_concrete_models=False)
        condition = ~models.Q(content_type__in=list(kinds.values()))
        for model, scope in scopes.items():
            seen = scope.visible(request.user, model._base_manager.all())
            keys = seen.annotate(key=Cast("pk", models.CharField())).values("key")
            condition |= models.Q(content_type=kinds[model], object_id__in=keys)
        return condition

    @admin.display(description=_("record"))
    def record_link(self, change):
        record = change.record
        if record is None:
            return change.object_id
        return format_html('<a href="{}">{}</a>', admin_url(record), record)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadFilter(admin.SimpleListFilter):
    title = _("read")
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return (("no", _("Unread")), ("yes", _("Read")))

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(read_at__isnull=self.value() == "no")
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Each staff member's inbox: what the editorial workflow told them
    (core/notifications.py), newest first, unread in bold. Opening one marks
    it read and goes to its record's form; nobody sees another's."""

    list_display = ("summary", "comment_excerpt", "created_at")
    list_display_links = None
    list_filter = (ReadFilter, "kind")
    fields = ("kind", "actor", "comment", "created_at", "read_at")
    actions = ("mark_read",)
    change_list_template = "admin/notifications/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user).for_list()

    def changelist_view(self, request, extra_context=None):
        # Reading the inbox is working in the admin: its language is the one
        # to write e-mails in.
        remember_language(request.user)
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("notification"))
    def summary(self, notification):
        link = format_html('<a href="{}">{}</a>', open_url(notification), notification.message())
        return link if notification.is_read else format_html("<strong>{}</strong>", link)

    @admin.display(description=_("comment"))
    def comment_excerpt(self, notification):
        return Truncator(notification.comment).chars(120)

    @admin.action(description=_("Mark the selected notifications as read"))
    def mark_read(self, request, queryset):
        queryset.filter(read_at__isnull=True).update(read_at=timezone.now())

    def get_urls(self):
        return [
            path(
                "<int:notification_id>/open/",
                self.admin_site.admin_view(self.open_view),
                name="core_notification_open",
            ),
            path("read/", self.admin_site.admin_view(self.read_all_view), name="core_notification_read_all"),
            *super().get_urls(),
        ]

    def open_view(self, request, notification_id):
        notification = get_object_or_404(self.get_queryset(request), pk=notification_id)
        if not notification.is_read:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        content_type = notification.content_type
        try:
            return HttpResponseRedirect(
                reverse(
                    f"admin:{content_type.app_label}_{content_type.model}_change",
                    args=[notification.object_id],
                )
            )
        except NoReverseMatch:
            return HttpResponseRedirect(reverse("admin:core_notification_changelist"))

    def read_all_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self.get_queryset(request).unread().update(read_at=timezone.now())
        return HttpResponseRedirect(reverse("admin:core_notification_changelist"))

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.recipient_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
