"""The Editors and Publishers groups (see core/workflow.py).

Permissions are created after all migrations have run (post_migrate); on a
fresh database they do not exist yet here, so they are created first. The
group definition is frozen in this file: `manage.py create_groups` applies
the current one. Groups that exist already (a database that ran this
migration when the project package held it) are left as they are.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Editors": ("add", "change", "view"),
    "Publishers": ("add", "change", "view", "publish"),
}
REGISTRY_APPS = ("partners", "projects", "activities")
DELETABLE_LINKS = ("delete_projectcountry", "delete_participation", "delete_projectrelation")


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    registry_permissions = Permission.objects.filter(content_type__app_label__in=REGISTRY_APPS).exclude(
        content_type__model__startswith="historical"
    )
    for name, actions in GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        if not created:
            continue
        prefixes = tuple(f"{action}_" for action in actions)
        group.permissions.set(
            [p for p in registry_permissions if p.codename.startswith(prefixes) or p.codename in DELETABLE_LINKS]
        )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0003_add_publish_permissions"),
        ("projects", "0003_add_publish_permissions"),
        ("activities", "0003_add_publish_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
