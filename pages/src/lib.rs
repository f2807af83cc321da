//! Build-time pages: the app's own components rendered to HTML natively.
//!
//! This crate exists so that the app's `ssr` feature is turned on only in
//! native builds: it depends on the app with `features = ["ssr"]`, and no
//! WASM build ever compiles it (Trunk builds the app's own manifest).
//! `render` is the app's `ui::render::render`: any view, from a loaded
//! `Dataset` and a URL state (`url_state::State`).

use std::path::Path;

use yrd_pledges::i18n::{self, t};
use yrd_pledges::load::{self, Dataset};
use yrd_pledges::model::Lang;
pub use yrd_pledges::ui::render::render;
use yrd_pledges::url_state::State;
use yrd_pledges::{needs, summary};

/// The data folder (`public/data/`) as the app loads it: the index, then
/// every year it lists. Unlike the browser, which shows the years that did
/// load, a build stops at the first file that does not: a page must not be
/// published without a year the data names.
pub fn load_dir(dir: &Path) -> Result<Dataset, String> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let index = load::parse_index(&read("index.json")?).map_err(|e| format!("index.json: {e}"))?;
    let mut data = Dataset::new(index.clone());
    for entry in &index.years {
        let year = load::parse_year(&read(&entry.file)?, entry.year)
            .map_err(|e| format!("{}: {e}", entry.file))?;
        data.put(entry.year, Ok(year));
    }
    Ok(data)
}

/// The page for `state`: `shell` (the page Trunk built) with the view the
/// app's components render for it in its placeholder (`#boot`), after a
/// "Loading…" line that shows instead where the page's script finds the
/// copy is not this reader's view, and with the document's language, title
/// and meta description set for it. The copy keeps no `data-test` hooks
/// (tests find the app, not its copy) and names its view in `data-view`
/// (the state's query), so the app can tell whether the copy is what it
/// would show.
pub fn document(shell: &str, data: &Dataset, state: &State) -> Result<String, String> {
    use lol_html::html_content::ContentType;
    use lol_html::{element, rewrite_str, RewriteStrSettings};

    let lang = state.lang.unwrap_or(Lang::Zh);
    let copy = without_test_hooks(&render(data, state))?;
    let boot = format!("{}{copy}", loading_line());
    let description = description(data, state);
    let view = state.to_query();
    let mut found = 0;
    let page = rewrite_str(
        shell,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("html", |el| {
                    el.set_attribute("lang", lang.html_code())?;
                    Ok(())
                }),
                element!("head > title", |el| {
                    el.set_inner_content(&i18n::document_title(lang), ContentType::Text);
                    Ok(())
                }),
                element!("meta[name=description]", |el| {
                    el.set_attribute("content", &attribute(&description))?;
                    Ok(())
                }),
                element!("#boot", |el| {
                    found += 1;
                    // The copy is laid out as the app is, and is no live region.
                    el.remove_attribute("class");
                    el.remove_attribute("role");
                    el.set_attribute("data-view", &attribute(&view))?;
                    el.set_inner_content(&boot, ContentType::Html);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    match found {
        1 => Ok(page),
        n => Err(format!(
            "the page has {n} placeholders (#boot); it needs one"
        )),
    }
}

/// `html` without its `data-test` attributes.
fn without_test_hooks(html: &str) -> Result<String, String> {
    use lol_html::{element, rewrite_str, RewriteStrSettings};
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("[data-test]", |el| {
                el.remove_attribute("data-test");
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())
}

/// A quoted attribute's value: `set_attribute` escapes `"` but not `&`.
fn attribute(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(value).into_owned()
}

/// The neutral line shown in place of a copy that is not the reader's view.
fn loading_line() -> String {
    format!(
        "<p class=\"boot-loading\" role=\"status\">{} <span lang=\"en\">{}</span></p>",
        html_escape::encode_text(t(Lang::Zh).loading),
        html_escape::encode_text(t(Lang::En).loading)
    )
}

/// The summary of the year at the top of the view, as the app sets it once
/// loaded; in both languages where the state names none, since one page
/// then serves both.
fn description(data: &Dataset, state: &State) -> String {
    let Some(index) = data.index.as_ref() else {
        return String::new();
    };
    let top = needs::years_needed(state, &data.listed_years())
        .first
        .first()
        .copied();
    let Some(year) = top.and_then(|y| data.year(y)) else {
        return String::new();
    };
    match state.lang {
        Some(lang) => summary::summary_listed(index, year, lang),
        None => format!(
            "{} {}",
            summary::summary_listed(index, year, Lang::Zh),
            summary::summary_listed(index, year, Lang::En)
        ),
    }
}
