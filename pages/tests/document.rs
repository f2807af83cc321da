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
    let page = document(SHELL, &data, &State::default()).unwrap();
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
    assert!(!boot.contains("class=\"boot\"") && !boot.contains("role=\"status\" data-view"));
    assert!(
        boot.starts_with("<div id=\"boot\" data-view=\"\">"),
        "{}",
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
    let zh = document(SHELL, &data, &State::default()).unwrap();
    assert!(zh.contains("<html lang=\"zh-CN\">"));
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
    )
    .unwrap();
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<title>YRD Pledges · 长三角实事</title>"));
    assert!(en.contains("data-view=\"?lang=en\""));
    assert!(!description(&en).contains('项'), "{}", description(&en));
    assert!(en.contains(t(Lang::En).skip_to_content));
}

#[test]
fn a_page_without_one_placeholder_is_refused() {
    let data = data();
    let none = document("<html><body></body></html>", &data, &State::default());
    assert!(none.unwrap_err().contains("0 placeholders"));
    let two = document(
        "<html><body><div id=\"boot\"></div><div id=\"boot\"></div></body></html>",
        &data,
        &State::default(),
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
            pages::source_document(SHELL, &a, archive::reading(&a.text, quotes).unwrap()).unwrap();
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
