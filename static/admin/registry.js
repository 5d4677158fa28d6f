/*
 * The registry's admin pages (loaded by templates/admin/base_site.html, at
 * the end of every page; settings in the JSON block #registry-admin-settings,
 * see core/admin_languages.py).
 *
 * - Language tabs (built by django-modeltranslation): named by each
 *   language's own name, the interface's language first, then French,
 *   Arabic, English; a tab holding an error still opens first.
 * - "Languages side by side": every language of a translated field shown at
 *   once, in columns on a wide screen, so that a translator reads the French
 *   source beside the Arabic. The choice is remembered in this browser.
 * - Tabular inlines too wide for the page wrap their cells onto several
 *   lines, each cell under its column's name, instead of widening the page.
 * - A form's errors, summarised under the admin's "Please correct the
 *   errors below", each linked to its field (opening its tab or section).
 *
 * Without this script the admin still works: tabs named by code, wide
 * inlines scroll, errors stay beside their fields.
 */
"use strict";
{
    const settingsElement = document.getElementById("registry-admin-settings");
    const settings = settingsElement ? JSON.parse(settingsElement.textContent) : {languages: [], strings: {}};
    const languages = new Map(settings.languages.map((language) => [language.code, language]));
    const tabOrder = settings.languages.map((language) => language.code);
    const SIDE_BY_SIDE_KEY = "registry-admin-side-by-side";
    const jQuery = window.django && window.django.jQuery;

    // Language tabs.

    // The language of a tab, from the id of the field its panel holds
    // ("#tab_id_title_ar", "#tab_id_participations-0-note_fr").
    function tabLanguage(anchor) {
        if (anchor.dataset.language) {
            return anchor.dataset.language;
        }
        const target = anchor.getAttribute("href") || "";
        return tabOrder.find((code) => target.endsWith("_" + code.replace("-", "_"))) || anchor.textContent.trim();
    }

    function arrangeTabs(container) {
        const list = container.querySelector(":scope > .ui-tabs-nav");
        if (!list || container.dataset.arranged) {
            return;
        }
        container.dataset.arranged = "true";
        const items = Array.from(list.children);
        for (const item of items) {
            const anchor = item.querySelector("a");
            const code = tabLanguage(anchor);
            const language = languages.get(code);
            anchor.dataset.language = code;
            item.dataset.language = code;
            if (language) {
                anchor.textContent = language.name;
                anchor.lang = code;
                anchor.dir = language.direction;
            }
            const panel = container.querySelector(anchor.getAttribute("href"));
            if (panel && language) {
                panel.dataset.language = code;
                const caption = document.createElement("p");
                caption.className = "translation-language";
                caption.lang = code;
                caption.dir = language.direction;
                caption.textContent = language.name;
                panel.prepend(caption);
            }
        }
        const position = (item) => {
            const index = tabOrder.indexOf(item.dataset.language);
            return index === -1 ? tabOrder.length : index;
        };
        const ordered = items.slice().sort((a, b) => position(a) - position(b));
        for (const item of ordered) {
            list.append(item);
            const panel = container.querySelector(":scope > [data-language='" + item.dataset.language + "']");
            if (panel) {
                container.append(panel);
            }
        }
        if (jQuery && jQuery.fn.tabs) {
            const tabs = jQuery(container);
            tabs.tabs("refresh");
            // The tab of a field in error opens first, as modeltranslation
            // does; otherwise the interface's language.
            const withError = ordered.findIndex((item) => item.classList.contains("ui-tab-has-errors"));
            tabs.tabs("option", "active", Math.max(withError, 0));
        }
    }

    // modeltranslation's select in the page heading switches every tab at
    // once; its values are tab positions, which now follow our order.
    function arrangeMainSwitch(toolbar) {
        const select = document.getElementById("modeltranslation-main-switch");
        if (!select || select.dataset.arranged) {
            return;
        }
        select.dataset.arranged = "true";
        const options = Array.from(select.options);
        const codes = options.map((option) => option.textContent.trim().replace("-", "_"));
        const ordered = tabOrder.filter((code) => codes.includes(code));
        options.forEach((option, index) => {
            const code = codes[index];
            const language = languages.get(code);
            option.value = String(ordered.indexOf(code));
            if (language) {
                option.textContent = language.name;
                option.lang = code;
            }
        });
        options.sort((a, b) => Number(a.value) - Number(b.value)).forEach((option) => select.append(option));
        select.value = "0";
        // Out of the page heading, into the form's toolbar, with a label.
        const label = document.createElement("label");
        label.htmlFor = select.id;
        label.textContent = settings.strings.languageOfFields;
        toolbar.prepend(label, select);
        const heading = document.querySelector("#content > h1");
        if (heading && heading.lastChild && heading.lastChild.nodeType === Node.TEXT_NODE) {
            heading.lastChild.textContent = heading.lastChild.textContent.replace(/\u00a0$/, "");
        }
    }

    // Languages side by side.

    function sideBySideStored() {
        try {
            return window.localStorage.getItem(SIDE_BY_SIDE_KEY) === "true";
        } catch {
            return false;
        }
    }

    function showSideBySide(on) {
        document.body.classList.toggle("translations-side-by-side", on);
        for (const button of document.querySelectorAll(".translation-layout-toggle")) {
            button.setAttribute("aria-pressed", String(on));
        }
        try {
            window.localStorage.setItem(SIDE_BY_SIDE_KEY, String(on));
        } catch {
            // Storage refused (private browsing): the choice lasts for this page.
        }
    }

    // The tools above a form with translated fields: the language of every
    // tab at once, and the side-by-side layout. Made once per page.
    function translationToolbar() {
        const existing = document.querySelector(".translation-tools");
        if (existing) {
            return existing;
        }
        const form = document.querySelector("#content-main form");
        const first = form && form.querySelector("fieldset, .inline-group");
        if (!first) {
            return null;
        }
        const toolbar = document.createElement("div");
        toolbar.className = "translation-tools";
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button translation-layout-toggle";
        button.textContent = settings.strings.sideBySide;
        button.addEventListener("click", () => showSideBySide(button.getAttribute("aria-pressed") !== "true"));
        toolbar.append(button);
        first.before(toolbar);
        showSideBySide(sideBySideStored());
        return toolbar;
    }

    function arrangeTranslations() {
        const containers = document.querySelectorAll(".ui-tabs");
        if (!containers.length) {
            return;
        }
        containers.forEach(arrangeTabs);
        const toolbar = translationToolbar();
        if (toolbar) {
            arrangeMainSwitch(toolbar);
        }
    }

    // Tabular inlines that wrap.

    function columnNames(group) {
        const names = new Map();
        for (const header of group.querySelectorAll("thead th")) {
            const column = Array.from(header.classList).find((name) => name.startsWith("column-"));
            if (column) {
                names.set(column.slice("column-".length), header.textContent.trim());
            }
        }
        return names;
    }

    function fieldName(element) {
        const field = Array.from(element.classList).find((name) => name.startsWith("field-"));
        return field ? field.slice("field-".length) : null;
    }

    // Each cell carries its column's name, which the wrapped layout shows
    // above it (the table's header row is then hidden).
    function labelCells(group) {
        const names = columnNames(group);
        const headers = group.querySelectorAll("thead th");
        const deleteName = headers.length ? headers[headers.length - 1].textContent.trim() : "";
        for (const row of group.querySelectorAll("tbody tr.form-row")) {
            for (const cell of row.children) {
                let name = fieldName(cell);
                if (!name) {
                    const translated = cell.querySelector("[class*='field-']");
                    name = translated ? fieldName(translated) : null;
                }
                const label = cell.classList.contains("delete") ? deleteName : names.get(name);
                if (label) {
                    cell.dataset.label = label.replace(/ \[[^\]]+\]$/, "");
                }
                // modeltranslation turns a translated field's first cell into its tabs.
                if (cell.classList.contains("ui-tabs")) {
                    cell.classList.add("translations");
                }
            }
        }
    }

    function fitTabularInlines() {
        // Measuring the unwrapped table shortens the page for a moment: keep
        // the reader where they were.
        const {scrollX, scrollY} = window;
        for (const group of document.querySelectorAll(".inline-group[data-inline-type='tabular']")) {
            const table = group.querySelector("table");
            if (!table) {
                continue;
            }
            labelCells(group);
            group.classList.remove("inline-wrapped");
            if (table.scrollWidth > group.clientWidth + 1) {
                group.classList.add("inline-wrapped");
            }
        }
        window.scrollTo(scrollX, scrollY);
    }

    // The summary of a form's errors.

    function fieldOfErrors(list) {
        if (list.id && list.id.endsWith("_error")) {
            return document.getElementById(list.id.slice(0, -"_error".length));
        }
        const row = list.closest("tr.row-form-errors");
        if (row && row.nextElementSibling) {
            return row.nextElementSibling.querySelector("input:not([type=hidden]), select, textarea");
        }
        return null;
    }

    // A field's label, with its language for a translated field.
    function labelOf(field) {
        const label = document.querySelector("label[for='" + CSS.escape(field.id) + "']");
        const cell = field.closest("td[data-label]");
        let text = label && label.textContent.trim() ? label.textContent.trim().replace(/:$/, "") : "";
        text = text || (cell ? cell.dataset.label : "");
        const panel = field.closest(".ui-tabs-panel[data-language]");
        const language = panel && languages.get(panel.dataset.language);
        return language ? text + " (" + language.name + ")" : text;
    }

    // "Participations #2": where an inline's field is.
    function placeOf(element) {
        const group = element.closest(".inline-group");
        if (!group) {
            return "";
        }
        const heading = group.querySelector(".inline-heading, h2");
        const row = element.closest(".inline-related[id], tr.form-row[id], tr.row-form-errors");
        const formRow = row && row.matches("tr.row-form-errors") ? row.nextElementSibling : row;
        const number = formRow && /-(\d+)$/.exec(formRow.id);
        const name = heading ? heading.textContent.trim() : "";
        return number ? name + " #" + (Number(number[1]) + 1) : name;
    }

    function summariseErrors() {
        const note = document.querySelector("#content-main form .errornote");
        if (!note || note.dataset.summarised) {
            return;
        }
        note.dataset.summarised = "true";
        const form = note.closest("form");
        const summary = document.createElement("ul");
        summary.className = "error-summary";
        summary.setAttribute("aria-label", settings.strings.errorSummary || "");
        let count = 0;
        for (const list of form.querySelectorAll("ul.errorlist")) {
            if (list.closest(".empty-form") || !list.children.length) {
                continue;
            }
            const field = fieldOfErrors(list);
            const target = field || list;
            if (!target.id) {
                count += 1;
                target.id = "error-" + count;
            }
            const where = [placeOf(list), field ? labelOf(field) : ""].filter(Boolean).join(" › ");
            for (const error of list.children) {
                const item = document.createElement("li");
                const link = document.createElement("a");
                link.href = "#" + target.id;
                link.textContent = (where ? where + " — " : "") + error.textContent.trim();
                link.addEventListener("click", (event) => {
                    event.preventDefault();
                    reveal(target);
                });
                item.append(link);
                summary.append(item);
            }
        }
        if (summary.children.length) {
            note.after(summary);
        }
    }

    // Opens what hides an element (a language tab, a collapsed section),
    // then brings it into view and focuses it.
    function reveal(element) {
        const panel = element.closest(".ui-tabs-panel");
        if (panel && jQuery) {
            const container = panel.closest(".ui-tabs");
            const index = Array.from(container.querySelectorAll(":scope > .ui-tabs-panel")).indexOf(panel);
            if (!document.body.classList.contains("translations-side-by-side")) {
                jQuery(container).tabs("option", "active", index);
            }
        }
        for (let details = element.closest("details"); details; details = details.parentElement.closest("details")) {
            details.open = true;
        }
        const select2 = element.classList.contains("select2-hidden-accessible")
            ? element.parentElement.querySelector(".select2-selection")
            : null;
        const focusable = select2 || element;
        focusable.scrollIntoView({block: "center"});
        if (!focusable.matches("input, select, textarea, button, a, [tabindex]")) {
            focusable.tabIndex = -1;
        }
        focusable.focus({preventScroll: true});
    }

    // Everything above, now and whenever rows or tabs are added.

    // Run `task` once at the next frame, however often it is asked for.
    function debounced(task) {
        let scheduled = false;
        return () => {
            if (!scheduled) {
                scheduled = true;
                window.requestAnimationFrame(() => {
                    scheduled = false;
                    task();
                });
            }
        };
    }

    function start() {
        arrangeTranslations();
        fitTabularInlines();
        summariseErrors();
        // Tabs are built for a row added to an inline after the click that
        // adds it; the width of an inline changes with the window and rows.
        new MutationObserver(debounced(arrangeTranslations)).observe(document.body, {childList: true, subtree: true});
        const refit = debounced(fitTabularInlines);
        window.addEventListener("resize", refit);
        document.addEventListener("formset:added", refit);
        document.addEventListener("formset:removed", refit);
    }

    if (jQuery) {
        // After modeltranslation's own ready handler, which builds the tabs.
        jQuery(start);
    } else if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
