//! The page the build writes for a view: the page Trunk built, with the
//! view the app's components render in its placeholder, and the document's
//! language, title and description set for it.

use std::path::Path;

use pages::{document, load_dir};
use yrd_pledges::i18n::t;
use yrd_pledges::model::Lang;
use yrd_pledges::url_state::State;

const SHELL: &str = "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>old</title>\
    <meta name=\"description\" content=\"old\"></head><body>\
    <div id=\"boot\" class=\"boot\" role=\"status\"><p>Loading…</p></div>\
    <script>start()</script></body></html>";

fn data() -> yrd_pledges::load::Dataset {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data"))
        .expect("the shipped data loads")
}

#[test]
fn the_default_page_holds_every_years_list_without_test_hooks() {
    let data = data();
    let page = document(SHELL, &data, &State::default(), None).unwrap();
    let boot = &page[page.find("<div id=\"boot\"").unwrap()..page.find("<script>").unwrap()];
    // Every item of every year, by title, in the page itself.
    for year in data.listed_years() {
        for item in &data.year(year).unwrap().items {
            assert!(
                boot.contains(&item.title.zh.replace('&', "&amp;")),
                "{}",
                item.id
            );
        }
    }
    assert!(!boot.contains("data-test"), "the copy keeps no test hooks");
    assert!(
        boot.starts_with("<div id=\"boot\">"),
        "laid out as the app, no live region: {}",
        &boot[..80]
    );
    // The "Loading…" line comes first, for readers the copy is not for.
    assert!(boot.contains(&format!(
        "<p class=\"boot-loading\" role=\"status\">{}",
        t(Lang::Zh).loading
    )));
    assert!(!boot.contains("<p>Loading…</p>"));
    // The rest of the page is kept.
    assert!(page.ends_with("<script>start()</script></body></html>"));
}

#[test]
fn the_document_is_in_the_views_language_with_its_summary() {
    let data = data();
    let zh = document(SHELL, &data, &State::default(), None).unwrap();
    assert!(zh.contains("<html lang=\"zh-CN\" data-path=\"\""));
    assert!(zh.contains("<title>长三角实事 · YRD Pledges</title>"));
    let description = |page: &str| {
        let from = page.find("name=\"description\" content=\"").unwrap() + 29;
        page[from..from + page[from..].find('"').unwrap()].to_string()
    };
    // One page serves both languages until a language is named: both summaries.
    assert!(
        description(&zh).contains("项") && description(&zh).contains(" items"),
        "{}",
        description(&zh)
    );

    let en = document(
        SHELL,
        &data,
        &State {
            lang: Some(Lang::En),
            ..State::default()
        },
        None,
    )
    .unwrap();
    assert!(en.contains("<html lang=\"en\" data-path=\"en/\""));
    assert!(en.contains("<title>YRD Pledges · 长三角实事</title>"));
    assert!(!description(&en).contains('项'), "{}", description(&en));
    assert!(en.contains(t(Lang::En).skip_to_content));
}

#[test]
fn a_reader_without_javascript_is_told_so_in_the_pages_language() {
    let data = data();
    let shell = SHELL.replace("</body>", "<noscript></noscript></body>");
    let note = |page: &str| {
        let from = page.find("<noscript>").unwrap();
        page[from..from + page[from..].find("</noscript>").unwrap()].to_string()
    };
    for lang in [Lang::Zh, Lang::En] {
        let state = State {
            lang: Some(lang),
            ..State::default()
        };
        let page = document(&shell, &data, &state, None).unwrap();
        let note = note(&page);
        let other = t(if lang == Lang::Zh { Lang::En } else { Lang::Zh });
        assert!(note.contains(t(lang).no_script), "{note}");
        assert!(note.contains(&format!(
            "<a href=\"data/index.json\">{}</a>",
            t(lang).no_script_data
        )));
        assert!(!note.contains(other.no_script), "one language: {note}");
    }
}

/// Every path of DESIGN.md's contract is a page, and each page's path
/// reads back as the view it was rendered for.
#[test]
fn the_site_has_a_page_for_every_path_of_the_contract() {
    use yrd_pledges::url_state::parse_url;
    let data = data();
    let site = pages::site(&data);
    let paths: Vec<String> = site.iter().map(State::path).collect();
    for path in [
        "./",
        "en/",
        "2025/",
        "2026/06/",
        "2024/x1/",
        "2026/06/card/",
        "compare/",
        "compare/2025-2026/",
        "metric/",
        "metric/remote-windows/",
        "embed/2026/06/",
        "embed/metric/remote-windows/",
        "embed/compare/",
        "en/2026/06/card/",
        "en/embed/2026/",
    ] {
        assert!(paths.iter().any(|p| p == path), "no page at {path}");
    }
    let unique: std::collections::BTreeSet<&String> = paths.iter().collect();
    assert_eq!(unique.len(), paths.len(), "one page per path");
    for (state, path) in site.iter().zip(&paths) {
        assert_eq!(&parse_url(path), &(state.clone(), vec![]), "{path}");
    }
    // No card is embedded, no pair of years that are not consecutive.
    assert!(!paths
        .iter()
        .any(|p| p.contains("embed/") && p.ends_with("card/")));
    assert!(!paths.iter().any(|p| p.contains("2024-2026")));
}

#[test]
fn each_page_reaches_the_root_and_names_what_it_needs() {
    let data = data();
    let item = State {
        item: Some("2026-06".into()),
        lang: Some(Lang::En),
        ..State::default()
    };
    let page = document(SHELL, &data, &item, None).unwrap();
    assert!(
        page.contains("<head><base href=\"../../../\">"),
        "{}",
        &page[..200]
    );
    assert!(page.contains("data-path=\"en/2026/06/\" data-part=\"item\" data-years=\"2026\""));
    let root = document(SHELL, &data, &State::default(), None).unwrap();
    assert!(root.contains("<head><base href=\"./\">"));
    assert!(root.contains("data-part=\"\" data-years=\"2026\""));
}

#[test]
fn the_404_page_is_bilingual_without_script_and_links_the_lists() {
    let page = pages::not_found_document(SHELL, "/news/pledges/").unwrap();
    assert!(!page.contains("<script"));
    assert!(page.contains(t(Lang::Zh).page_not_found) && page.contains(t(Lang::En).page_not_found));
    assert!(
        page.contains("href=\"/news/pledges/\"") && page.contains("href=\"/news/pledges/en/\"")
    );
}

#[test]
fn a_page_without_one_placeholder_is_refused() {
    let data = data();
    let none = document("<html><body></body></html>", &data, &State::default(), None);
    assert!(none.unwrap_err().contains("0 placeholders"));
    let two = document(
        "<html><body><div id=\"boot\"></div><div id=\"boot\"></div></body></html>",
        &data,
        &State::default(),
        None,
    );
    assert!(two.unwrap_err().contains("2 placeholders"));
}

#[test]
fn every_quote_has_its_anchor_in_its_articles_page() {
    use yrd_pledges::archive::{self, quote_anchor};
    let data = data();
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sources");
    let cited = pages::quotes_by_archive(&data);
    let total: usize = cited.values().map(Vec::len).sum();
    let quoted: usize = data
        .listed_years()
        .into_iter()
        .map(|y| data.year(y).unwrap().quotes().len())
        .sum();
    assert_eq!(total, quoted, "every quote names a source with an archive");
    for (slug, quotes) in &cited {
        let text = std::fs::read_to_string(sources.join(format!("{slug}.txt"))).unwrap();
        let a = archive::parse(&text).unwrap();
        let page =
            pages::source_document(SHELL, &a, archive::reading(&a.text, quotes).unwrap(), None)
                .unwrap();
        for q in quotes {
            let id = format!("id=\"{}\"", quote_anchor(q));
            assert_eq!(page.matches(&id).count(), 1, "{slug}: {q}");
        }
        assert!(page.contains("id=\"s1\""), "{slug}: sentences are numbered");
        assert!(!page.contains("<script"), "{slug}: no script");
        assert!(page.contains("<html lang=\"zh-CN\">"));
        assert!(
            page.contains(&format!("<title>{}", a.headline.replace('&', "&amp;"))),
            "{slug}"
        );
        assert!(
            page.contains("href=\"../../\""),
            "{slug}: the way back to the lists"
        );
    }
}

#[test]
fn an_embeds_page_brings_its_own_head_script_with_the_palette() {
    use yrd_pledges::palette::{DARK, LIGHT};
    let data = data();
    let (state, _) = yrd_pledges::url_state::parse_url("en/embed/2026/06/");
    let page = document(SHELL, &data, &state, None).unwrap();
    let head = &page[..page.find("</head>").unwrap()];
    // Right after the base, before anything of the shell's runs.
    assert!(
        head.contains("<head><base href=\"../../../../\"><script>"),
        "{head}"
    );
    for colour in [LIGHT.bg, LIGHT.surface, DARK.bg, DARK.surface] {
        assert!(head.contains(&format!("'{colour}'")), "{colour}");
    }
    assert!(head.contains("yrd-pledges:resize"));
    assert!(!head.contains("/*PALETTE*/"), "the palette is written in");
    assert!(!head.contains("\n//"), "without its comments");
    let list = document(SHELL, &data, &State::default(), None).unwrap();
    assert!(!list.contains("yrd-pledges:resize"), "embeds only");
}

#[test]
fn only_the_root_page_sends_first_contract_urls_on() {
    let data = data();
    let shell = SHELL.replace(
        "</head>",
        "<script data-first-contract>moveOn()</script><script>lang()</script></head>",
    );
    let root = document(&shell, &data, &State::default(), None).unwrap();
    assert!(
        root.contains("<script>moveOn()</script><script>lang()</script>"),
        "{root}"
    );
    for path in ["en/", "2026/", "2026/06/", "compare/", "embed/2026/06/"] {
        let (state, _) = yrd_pledges::url_state::parse_url(path);
        let page = document(&shell, &data, &state, None).unwrap();
        assert!(!page.contains("moveOn()"), "{path}");
        assert!(
            page.contains("<script>lang()</script>"),
            "{path}: the other head script stays"
        );
    }
}
