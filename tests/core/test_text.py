from core.text import fold, words


def test_fold_drops_latin_accents_and_case():
    assert fold("Sécurité SOCIALE") == "securite sociale"


def test_fold_ignores_arabic_diacritics_and_tatweel():
    assert fold("مُنَظَّمَة") == fold("منظمة")
    assert fold("العـــمل") == fold("العمل")


def test_fold_unifies_alef_forms_alef_maqsura_and_ta_marbuta():
    assert fold("إدماج") == fold("ادماج") == fold("أدماج")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("الهجرة") == fold("الهجره")


def test_fold_removes_nul_characters():
    assert "\x00" not in fold("a\x00b")


def test_words_splits_a_query_into_folded_words():
    assert words("  Migration   équitable ") == ["migration", "equitable"]
