import pytest
from django.core.exceptions import ValidationError

from partners.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_organisation_cannot_sit_under_itself_through_a_cycle():
    ministry = OrganisationFactory()
    bureau = OrganisationFactory(parent=ministry)
    ministry.parent = bureau
    with pytest.raises(ValidationError) as caught:
        ministry.full_clean()
    assert "parent" in caught.value.message_dict


def test_organisation_kinds_map_to_iati_organisation_types():
    assert Organisation(kind=Organisation.Kind.MINISTRY).iati_type == "10"
    assert Organisation(kind=Organisation.Kind.UN_AGENCY).iati_type == "40"
    assert Organisation(kind=Organisation.Kind.TRADE_UNION).iati_type == "22"


def test_organisation_search_column_holds_every_name_folded():
    ilo = OrganisationFactory(
        name_fr="Organisation internationale du Travail",
        acronym_fr="OIT",
        acronym_en="ILO",
        name_ar="مُنَظَّمَة العمل الدولية",
        aliases="BIT\nBureau international du Travail",
    )
    for name in ("oit", "ilo", "bit", "bureau international", "منظمه العمل"):
        assert name in ilo.search_text
