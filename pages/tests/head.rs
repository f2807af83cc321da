//! What each page's head says about it: its own title and description, and,
//! given the site's address, where it lives (canonical link, languages,
//! preview tags), with the sitemap and robots.txt; without the address,
//! none of those.

use std::path::Path;

use pages::{document, robots, sitemap};
use yrd_pledges::i18n::t;
use yrd_pledges::model::Lang;
use yrd_pledges::url_state::{parse_url, site_address, State};

const SHELL: &str = "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>old</title>\
    <meta name=\"description\" content=\"old\"></head><body>\
    <div id=\"boot\" class=\"boot\" role=\"status\"><p>Loading…</p></div>\
    <script>start()</script></body></html>";

const SITE: &str = "https://pledges.example.org/";

fn data() -> yrd_pledges::load::Dataset {
    pages::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data"))
        .expect("the shipped data loads")
}

fn page(data: &yrd_pledges::load::Dataset, path: &str, site: Option<&str>) -> String {
    let (state, notices) = parse_url(path);
    assert_eq!(notices, vec![], "{path}");
    document(SHELL, data, &state, site).unwrap()
}

/// The text between `from` and the next `"` or `<` after it.
fn after<'a>(page: &'a str, from: &str) -> &'a str {
    let start = page
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in {page}"))
        + from.len();
    let len = page[start..].find(['"', '<']).unwrap();
    &page[start..start + len]
}

fn title(page: &str) -> &str {
    after(page, "<title>")
}

fn description(page: &str) -> &str {
    after(page, "<meta name=\"description\" content=\"")
}

/// How wide a text is, a CJK character counting two.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

#[test]
fn each_page_type_has_its_own_title() {
    let data = data();
    let (zh, en) = (t(Lang::Zh).app_title, t(Lang::En).app_title);
    for (path, expected) in [
        ("./", format!("{zh} · {en}")),
        ("en/", format!("{en} · {zh}")),
        ("2025/", format!("2025 年度 · {zh}")),
        ("en/2025/", format!("2025 · {en}")),
        ("2026/06/", format!("深化长三角区域跨省警情处置 · {zh}")),
        (
            "en/2026/06/",
            format!("Deepen cross-provincial handling of police incidents in the Yangtze River Delta · {en}"),
        ),
        ("2026/06/card/", format!("深化长三角区域跨省警情处置 · 分享卡片 · {zh}")),
        ("compare/", format!("年度对比 2024、2025、2026 · {zh}")),
        ("en/compare/2025-2026/", format!("Compare years 2025, 2026 · {en}")),
        ("metric/", format!("指标 · {zh}")),
        ("metric/remote-windows/", format!("跨省通办远程虚拟窗口 · {zh}")),
        (
            "en/metric/remote-windows/",
            format!("Remote virtual windows for cross-provincial services · {en}"),
        ),
        // An embed's title is its full view's.
        ("embed/2026/06/", format!("深化长三角区域跨省警情处置 · {zh}")),
        ("en/embed/compare/", format!("Compare years 2024, 2025, 2026 · {en}")),
    ] {
        assert_eq!(title(&page(&data, path, None)), expected, "{path}");
    }
}

#[test]
fn each_page_type_has_its_own_description() {
    let data = data();
    // A pledge: its own content, cut at a sentence within the limit.
    let zh = page(&data, "2026/06/", None);
    let d = description(&zh);
    assert!(d.starts_with("依托上海市公安局“一线赋能”平台"), "{d}");
    assert!(d.ends_with('。') && columns(d) <= 160, "{d}");
    let en = page(&data, "en/2026/06/", None);
    let d = description(&en);
    assert!(
        d.starts_with("Building on the Shanghai Municipal Public Security Bureau"),
        "{d}"
    );
    assert!(d.chars().count() <= 160, "{d}");
    assert!(d.ends_with('.') || d.ends_with('…'), "{d}");
    // A pledge the sources give no content for: a sentence naming it.
    let d = description(&page(&data, "en/2024/x2/", None)).to_string();
    assert!(
        d.contains("Better and wider cross-provincial medical-insurance settlement"),
        "{d}"
    );
    assert!(d.contains("2024"), "{d}");
    // Its card says the same.
    assert_eq!(description(&page(&data, "en/2024/x2/card/", None)), d);
    // A year's list: the year's summary.
    assert!(description(&page(&data, "2026/", None)).starts_with("2026 年清单共 10 项"));
    assert!(description(&page(&data, "en/2024/", None)).starts_with("The 2024 list has"));
    // A comparison: what continues and what is new.
    let d = description(&page(&data, "en/compare/2025-2026/", None)).to_string();
    assert!(d.starts_with("In the 2026 list,"), "{d}");
    // A metric: its description in the data; the metric list: their names.
    assert!(description(&page(&data, "en/metric/remote-windows/", None))
        .starts_with("Service points (“remote virtual windows”)"));
    let d = description(&page(&data, "metric/", None)).to_string();
    assert!(d.starts_with("指标：跨省通办远程虚拟窗口、"), "{d}");
    // An embed: its full view's.
    assert_eq!(
        description(&page(&data, "embed/2026/06/", None)),
        description(&zh)
    );
}

#[test]
fn with_the_sites_address_a_page_says_where_it_lives() {
    let data = data();
    let en = page(&data, "en/2026/06/", Some(SITE));
    for tag in [
        "<link rel=\"canonical\" href=\"https://pledges.example.org/en/2026/06/\">",
        "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://pledges.example.org/2026/06/\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://pledges.example.org/en/2026/06/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://pledges.example.org/2026/06/\">",
        "<meta property=\"og:type\" content=\"website\">",
        "<meta property=\"og:site_name\" content=\"YRD Pledges\">",
        "<meta property=\"og:url\" content=\"https://pledges.example.org/en/2026/06/\">",
        "<meta property=\"og:locale\" content=\"en_GB\">",
        "<meta property=\"og:locale:alternate\" content=\"zh_CN\">",
        "<meta property=\"og:image\" content=\"https://pledges.example.org/en/2026/06/preview.png\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
        "<meta property=\"og:image:height\" content=\"630\">",
        "<link rel=\"image_src\" href=\"https://pledges.example.org/en/2026/06/preview.png\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
    ] {
        assert!(en.contains(tag), "{tag} missing");
    }
    assert_eq!(
        after(&en, "property=\"og:image:alt\" content=\""),
        title(&en)
    );
    // A pledge's card and embed show its preview; a metric's page its
    // chart's; a list, none, and so the small card.
    for (path, image) in [
        ("2026/06/card/", Some("2026/06/preview.png")),
        ("embed/2026/06/", Some("2026/06/preview.png")),
        (
            "en/embed/metric/remote-windows/",
            Some("en/metric/remote-windows/preview.png"),
        ),
        ("2026/", None),
        ("compare/", None),
    ] {
        let p = page(&data, path, Some(SITE));
        match image {
            Some(image) => assert_eq!(
                after(&p, "property=\"og:image\" content=\""),
                format!("{SITE}{image}")
            ),
            None => {
                assert!(!p.contains("og:image"), "{path}");
                assert!(
                    p.contains("<meta name=\"twitter:card\" content=\"summary\">"),
                    "{path}"
                );
            }
        }
    }
    // The preview says what the page's title and description say.
    assert_eq!(after(&en, "property=\"og:title\" content=\""), title(&en));
    assert_eq!(
        after(&en, "property=\"og:description\" content=\""),
        description(&en)
    );
    // In the head, once each.
    let head_end = en.find("</head>").unwrap();
    assert_eq!(en.matches("rel=\"canonical\"").count(), 1);
    assert!(en.find("rel=\"canonical\"").unwrap() < head_end);

    // An embed's canonical page is its full view, without its styling; it
    // is not kept out of the index (its canonical link does that job).
    let embed = page(&data, "embed/2026/06/?dark=1", Some(SITE));
    assert!(
        embed.contains("<link rel=\"canonical\" href=\"https://pledges.example.org/2026/06/\">")
    );
    assert!(embed.contains("hreflang=\"en\" href=\"https://pledges.example.org/en/2026/06/\""));
    assert!(!embed.contains("noindex"));
    // The root's page, under a sub-path.
    let root = page(&data, "./", Some("https://example.org/news/pledges/"));
    assert!(root.contains("<link rel=\"canonical\" href=\"https://example.org/news/pledges/\">"));
    assert!(root.contains("hreflang=\"en\" href=\"https://example.org/news/pledges/en/\""));
}

#[test]
fn without_the_sites_address_no_page_claims_one() {
    let data = data();
    for path in [
        "./",
        "en/2026/06/",
        "embed/2026/06/",
        "metric/remote-windows/",
    ] {
        let p = page(&data, path, None);
        // (The body's language switch is a link with `hreflang` of its own.)
        let head = &p[..p.find("</head>").unwrap()];
        for absent in ["canonical", "hreflang", "og:", "twitter:", "robots", "://"] {
            assert!(!head.contains(absent), "{path}: {absent}");
        }
        assert!(!p.contains("canonical") && !p.contains("og:"), "{path}");
    }
}

#[test]
fn the_sitemap_lists_every_page_in_both_languages_and_no_embed() {
    let data = data();
    let site = pages::site(&data);
    let map = sitemap(SITE, &site, &["tide-2025"]);
    assert!(map.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    for url in [
        "https://pledges.example.org/",
        "https://pledges.example.org/en/",
        "https://pledges.example.org/2026/06/",
        "https://pledges.example.org/en/2026/06/card/",
        "https://pledges.example.org/en/compare/2025-2026/",
        "https://pledges.example.org/metric/remote-windows/",
        "https://pledges.example.org/sources/tide-2025/",
    ] {
        assert!(map.contains(&format!("<loc>{url}</loc>")), "{url}");
    }
    assert!(!map.contains("embed/"));
    let listed = map.matches("<loc>").count();
    assert_eq!(listed, site.iter().filter(|s| !s.embed).count() + 1);
    assert_eq!(
        robots(SITE),
        "User-agent: *\nAllow: /\n\nSitemap: https://pledges.example.org/sitemap.xml\n"
    );
}

#[test]
fn an_odd_site_address_is_completed_escaped_or_refused() {
    let data = data();
    // Without its final slash: completed, so the pages' paths follow it.
    let site = site_address("https://example.org/news").unwrap();
    let p = page(&data, "2025/", Some(&site));
    assert!(p.contains("href=\"https://example.org/news/2025/\""));
    // `&` may be in a path: escaped in the attribute.
    let site = site_address("https://example.org/a&b/").unwrap();
    let p = page(&data, "2025/", Some(&site));
    assert!(p.contains("href=\"https://example.org/a&amp;b/2025/\""));
    let map = sitemap(&site, &[State::default()], &[]);
    assert!(
        map.contains("<loc>https://example.org/a&amp;b/</loc>"),
        "{map}"
    );
    // A quote or a space could break out of an attribute: refused, saying why.
    let e = site_address("https://example.org/\"><script>").unwrap_err();
    assert!(e.contains("'\"'"), "{e}");
    assert!(site_address("example.org").is_err());
}

#[test]
fn the_404_page_names_the_sites_path() {
    let page = pages::not_found_document(SHELL, yrd_pledges::url_state::site_path(SITE)).unwrap();
    assert!(page.contains("href=\"/\"") && page.contains("href=\"/en/\""));
}
