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


def test_fold_spells_out_ligatures_and_separates_at_apostrophes_and_dashes():
    assert fold("main-d’œuvre") == fold("main d'oeuvre") == fold("Main‑d‘Œuvre") == "main d oeuvre"
    assert fold("Cœur — Æther") == "coeur aether"


def test_fold_reads_arabic_indic_and_persian_digits_as_digits():
    assert fold("٢٠١٨") == fold("۲۰۱۸") == "2018"


def test_fold_drops_invisible_direction_marks():
    assert fold("\u200fالهجرة\u200e") == fold("الهجرة")
    assert fold("UE\u2066") == "ue"


def test_a_query_word_loses_the_arabic_article_and_one_letter_prefixes():
    from core.search import terms

    for written in ("الهجرة", "والهجرة", "بالهجرة", "للهجرة", "هجرة", "وهجرة"):
        assert [term.text for term in terms(written)] == [fold("هجرة")], written
    # A short word keeps its letters: the rest would be too short to find.
    assert [term.text for term in terms("بيت")] == ["بيت"]


def test_short_latin_words_are_whole_words_and_longer_ones_parts_of_words():
    from core.search import terms

    found = {term.text: term.whole_word for term in terms("UE migr 2018")}
    assert found == {"ue": True, "migr": False, "2018": False}
    [acronym] = terms("UE")
    assert acronym.found_in("ue et oit")
    assert not acronym.found_in("banque que")
