//! Build-time pages: the app's own components rendered to HTML natively.
//!
//! This crate exists so that the app's `ssr` feature is turned on only in
//! native builds: it depends on the app with `features = ["ssr"]`, and no
//! WASM build ever compiles it (Trunk builds the app's own manifest).
//! `render` is the app's `ui::render::render`: any view, from a loaded
//! `Dataset` and a URL state (`url_state::State`).

use std::path::Path;

pub mod preview;
mod source;

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use yrd_pledges::archive::{self, Archive, Sentence};
use yrd_pledges::i18n::{self, t};
use yrd_pledges::load::{self, Dataset};
use yrd_pledges::model::Lang;
pub use yrd_pledges::ui::render::render;
use yrd_pledges::url_state::{self, State, View};
use yrd_pledges::{compare, head, needs, summary};

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

/// Every page of the site the data has, one state each: in each language,
/// every year's list and each year's, each pledge and its share card, the
/// comparison and each pair of consecutive years, the metric list and each
/// metric; and the embed of each of those but the cards.
pub fn site(data: &Dataset) -> Vec<State> {
    let listed = data.listed_years();
    let mut views = vec![State::default()];
    views.extend(listed.iter().map(|&y| State {
        years: vec![y],
        ..State::default()
    }));
    for year in listed.iter().filter_map(|&y| data.year(y)) {
        for item in &year.items {
            let item = Some(item.id.clone());
            views.push(State {
                item: item.clone(),
                ..State::default()
            });
            views.push(State {
                item,
                view: View::Card,
                ..State::default()
            });
        }
    }
    let compare = State {
        view: View::Compare,
        ..State::default()
    };
    views.push(compare.clone());
    views.extend(
        listed
            .iter()
            .filter(|&&y| listed.contains(&(y + 1)))
            .map(|&y| State {
                years: vec![y, y + 1],
                ..compare.clone()
            }),
    );
    let metrics = data.index.iter().flat_map(|i| &i.metrics);
    views.push(State {
        view: View::Metric,
        ..State::default()
    });
    views.extend(metrics.map(|m| State {
        view: View::Metric,
        metric: Some(m.key.clone()),
        ..State::default()
    }));
    let embeds: Vec<State> = views
        .iter()
        .filter(|s| s.view != View::Card)
        .map(|s| State {
            embed: true,
            ..s.clone()
        })
        .collect();
    views.extend(embeds);
    [Lang::Zh, Lang::En]
        .into_iter()
        .flat_map(|lang| {
            views.iter().map(move |s| State {
                lang: Some(lang),
                ..s.clone()
            })
        })
        .collect()
}

/// The page for `state`: `shell` (the page Trunk built) with the view the
/// app's components render for it in its placeholder (`#boot`), after a
/// "Loading…" line that shows instead where the page's head script finds
/// the copy is not this URL's view, and with the document's language,
/// title and meta description set for it (`yrd_pledges::head`). `<base>` is
/// the site's root, so the shell's links and the app's (`State::to_url`)
/// work from any depth; `<html>` names the page's path (`data-path`, for
/// the head script), the view's module and the years its first screen
/// needs (`data-part`, `data-years`, for the starter) and how the years
/// a query names change them (`data-first`, `needs::first_of_named`). The copy keeps no
/// `data-test` hooks: tests find the app, not its copy. Given the site's
/// address (`site`, as `url_state::site_address` makes it), the page also
/// says where it lives (`address_tags`).
pub fn document(
    shell: &str,
    data: &Dataset,
    state: &State,
    site: Option<&str>,
) -> Result<String, String> {
    let lang = state.lang.unwrap_or(Lang::Zh);
    let copy = without_test_hooks(&render(data, state))?;
    let boot = format!("{}{copy}", loading_line());
    let path = state.path();
    let years = needs::years_needed(state, &data.listed_years()).first;
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    let part = yrd_pledges::ui::render::view_part(state).unwrap_or_default();
    let title = head::title(data, state, lang).unwrap_or_else(|| i18n::document_title(lang));
    let description = description(data, state);
    let tags = site
        .map(|site| {
            let full = state.full_view();
            let address = |l: Lang| {
                page_address(
                    site,
                    &State {
                        lang: Some(l),
                        ..full.clone()
                    },
                )
            };
            address_tags(&Page {
                canonical: address(lang),
                alternates: vec![
                    (Lang::Zh.html_code(), address(Lang::Zh)),
                    (Lang::En.html_code(), address(Lang::En)),
                    ("x-default", address(Lang::Zh)),
                ],
                lang,
                title: &title,
                description: &description,
                image: head::preview_path(state).map(|path| format!("{site}{path}")),
            })
        })
        .unwrap_or_default();
    let head = Head {
        lang,
        title,
        description,
        base: Some(root_of(&path)),
        script: state.embed.then(embed_script),
        first_contract: path == "./",
        data: vec![
            ("data-path", path.trim_start_matches("./").to_string()),
            ("data-part", part.to_string()),
            ("data-years", years.join(",")),
            // What the copy was rendered from, for the app to tell newer data.
            (
                "data-version",
                data.index
                    .as_ref()
                    .map(|i| i.data_version.clone())
                    .unwrap_or_default(),
            ),
        ]
        .into_iter()
        .chain(needs::first_of_named(state).map(|f| ("data-first", f.to_string())))
        .collect(),
        tags,
    };
    rewrite(shell, &head, |el| {
        // The copy is laid out as the app is, and is no live region.
        el.remove_attribute("class");
        el.remove_attribute("role");
        el.set_inner_content(&boot, ContentType::Html);
        Ok(())
    })
}

/// The head script of an embed's page (`embed.js`: the host's styling, the
/// height reported to it, the language link), with the palette it checks
/// an accent against, and without its comments.
fn embed_script() -> String {
    use yrd_pledges::palette::{DARK, LIGHT};
    let palette = format!(
        "{{light:{{bg:'{}',surface:'{}'}},dark:{{bg:'{}',surface:'{}'}}}}",
        LIGHT.bg, LIGHT.surface, DARK.bg, DARK.surface
    );
    include_str!("embed.js")
        .replace("/*PALETTE*/{}", &palette)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A page's address on the site at `site`.
pub fn page_address(site: &str, state: &State) -> String {
    format!("{site}{}", state.path().trim_start_matches("./"))
}

/// What the tags of a page with an address say about it.
struct Page<'a> {
    canonical: String,
    /// Its versions by language (`hreflang`), itself among them.
    alternates: Vec<(&'static str, String)>,
    lang: Lang,
    title: &'a str,
    description: &'a str,
    /// Its preview image's address (`head::preview_path`), where it has one.
    image: Option<String>,
}

/// The tags that need the page's absolute address: the canonical link, the
/// page in each language (`hreflang`), and the Open Graph and Twitter card
/// tags link previews read. An embed is not marked `noindex`: its canonical
/// link, its full view's address, already tells a search engine which page
/// to list, and a `noindex` beside it could be carried over to that page
/// (and would fail the SEO audit every entry page is held to).
fn address_tags(page: &Page) -> String {
    let s = t(page.lang);
    let mut tags = vec![tag(
        "link",
        &[("rel", "canonical"), ("href", &page.canonical)],
    )];
    for (hreflang, href) in &page.alternates {
        tags.push(tag(
            "link",
            &[("rel", "alternate"), ("hreflang", hreflang), ("href", href)],
        ));
    }
    let og_locale = |l: Lang| match l {
        Lang::Zh => "zh_CN",
        Lang::En => "en_GB",
    };
    for (property, content) in [
        ("og:type", "website"),
        ("og:site_name", s.app_title),
        ("og:title", page.title),
        ("og:description", page.description),
        ("og:url", &page.canonical),
        ("og:locale", og_locale(page.lang)),
        ("og:locale:alternate", og_locale(page.lang.other())),
    ] {
        tags.push(tag("meta", &[("property", property), ("content", content)]));
    }
    let card = match &page.image {
        None => "summary",
        Some(image) => {
            tags.extend(image_tags(image, page.title));
            "summary_large_image"
        }
    };
    tags.push(tag("meta", &[("name", "twitter:card"), ("content", card)]));
    tags.concat()
}

/// The tags of a page's preview image at `image`, described by `alt`.
fn image_tags(image: &str, alt: &str) -> Vec<String> {
    let (w, h) = (preview::WIDTH.to_string(), preview::HEIGHT.to_string());
    let mut tags: Vec<String> = [
        ("og:image", image),
        ("og:image:type", "image/png"),
        ("og:image:width", &w),
        ("og:image:height", &h),
        ("og:image:alt", alt),
    ]
    .iter()
    .map(|(property, content)| tag("meta", &[("property", property), ("content", content)]))
    .collect();
    // For the readers of links that predate Open Graph.
    tags.push(tag("link", &[("rel", "image_src"), ("href", image)]));
    tags
}

/// An empty element with its attributes, their values escaped.
fn tag(name: &str, attributes: &[(&str, &str)]) -> String {
    let attributes: String = attributes
        .iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", attribute(v)))
        .collect();
    format!("<{name}{attributes}>")
}

/// The site's root as a link from the page at `path` (`./`, `../../`).
fn root_of(path: &str) -> String {
    let depth = path.trim_start_matches("./").matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// The site's own page for a path that is none of its pages: in both
/// languages, with links to the lists, and no script. A host serves it at
/// any depth, so its links cannot be relative to the root; they name the
/// root as `site` gives it (the site's address, or its path on the host).
pub fn not_found_document(shell: &str, site: &str) -> Result<String, String> {
    let (zh, en) = (t(Lang::Zh), t(Lang::En));
    let head = Head {
        lang: Lang::Zh,
        title: format!("{} · {}", zh.page_not_found, zh.app_title),
        description: String::new(),
        base: None,
        script: None,
        first_contract: false,
        data: Vec::new(),
        tags: String::new(),
    };
    let body = format!(
        "<main class=\"not-found\"><h1>{}</h1><p>{} <a href=\"{root}\">{}</a></p>\
<div lang=\"en\"><h1>{}</h1><p>{} <a href=\"{root}en/\">{}</a></p></div></main>",
        text(zh.page_not_found),
        text(zh.page_not_found_hint),
        text(zh.every_list),
        text(en.page_not_found),
        text(en.page_not_found_hint),
        text(en.every_list),
        root = attribute(site),
    );
    let page = rewrite(shell, &head, |el| {
        el.replace(&body, ContentType::Html);
        Ok(())
    })?;
    without_scripts(&page, site)
}

/// The page of an archived article (`sources/<slug>/index.html`): `shell`
/// without its scripts (the page needs none, and the app must not start
/// there), its own links made relative to the site's root two folders up,
/// and the article in place of the placeholder. Given its address (`own`),
/// it says where it lives, as a view's page does.
pub fn source_document(
    shell: &str,
    archive: &Archive,
    paragraphs: Vec<Vec<Sentence>>,
    own: Option<&str>,
) -> Result<String, String> {
    const ROOT: &str = "../../";
    let zh = t(Lang::Zh);
    let title = format!(
        "{} · {} · {}",
        archive.headline, zh.archived_article, zh.app_title
    );
    let description = format!(
        "{}：{} · {}",
        zh.archived_article, archive.headline, archive.publication
    );
    let tags = own
        .map(|own| {
            address_tags(&Page {
                canonical: own.to_string(),
                alternates: Vec::new(),
                lang: Lang::Zh,
                title: &title,
                description: &description,
                image: None,
            })
        })
        .unwrap_or_default();
    let head = Head {
        lang: Lang::Zh,
        title,
        description,
        base: None,
        script: None,
        first_contract: false,
        data: Vec::new(),
        tags,
    };
    let article = source::article_html(archive, paragraphs, ROOT);
    let page = rewrite(shell, &head, |el| {
        el.replace(&article, ContentType::Html);
        Ok(())
    })?;
    without_scripts(&page, ROOT)
}

/// `page` without its scripts (a page that needs none, where the app must
/// not start), its own links made relative to `root`.
fn without_scripts(page: &str, root: &str) -> Result<String, String> {
    rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script, noscript", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("link[href]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    let absolute =
                        href.starts_with('/') || href.starts_with('#') || href.contains(':');
                    if !absolute {
                        el.set_attribute(
                            "href",
                            &format!("{root}{}", href.trim_start_matches("./")),
                        )?;
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())
}

/// What a page's `<head>` says about it.
struct Head {
    lang: Lang,
    title: String,
    description: String,
    /// The page's `<base>`, first in `<head>`: the site's root from it.
    base: Option<String>,
    /// A script to run first, before the shell's own (an embed's).
    script: Option<String>,
    /// Whether the page keeps the shell's script that sends a URL of the
    /// first contract on to its path: the root's does, as those URLs were
    /// all of the root.
    first_contract: bool,
    /// `data-` attributes of `<html>`, for the page's scripts.
    data: Vec<(&'static str, String)>,
    /// Markup to end `<head>` with, its values escaped where it was made.
    tags: String,
}

/// `shell` with `head` written into `<html lang>`, `<title>` and the meta
/// description, and `boot` applied to its one placeholder (`#boot`).
fn rewrite(
    shell: &str,
    head: &Head,
    mut boot: impl FnMut(&mut lol_html::html_content::Element<'_, '_>) -> lol_html::HandlerResult,
) -> Result<String, String> {
    let mut found = 0;
    let page = rewrite_str(
        shell,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("html", |el| {
                    el.set_attribute("lang", head.lang.html_code())?;
                    for (name, value) in &head.data {
                        el.set_attribute(name, value)?;
                    }
                    Ok(())
                }),
                element!("head", |el| {
                    // Prepended last, so first: the script runs before the
                    // shell's, and the base is the first thing in the head.
                    if let Some(script) = &head.script {
                        el.prepend(&format!("<script>{script}</script>"), ContentType::Html);
                    }
                    if let Some(base) = &head.base {
                        el.prepend(
                            &format!("<base href=\"{}\">", attribute(base)),
                            ContentType::Html,
                        );
                    }
                    el.append(&head.tags, ContentType::Html);
                    Ok(())
                }),
                element!("script[data-first-contract]", |el| {
                    if head.first_contract {
                        el.remove_attribute("data-first-contract");
                    } else {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("head > title", |el| {
                    el.set_inner_content(&head.title, ContentType::Text);
                    Ok(())
                }),
                element!("meta[name=description]", |el| {
                    el.set_attribute("content", &attribute(&head.description))?;
                    Ok(())
                }),
                element!("noscript", |el| {
                    el.set_inner_content(&no_script(head.lang), ContentType::Html);
                    Ok(())
                }),
                element!("#boot", |el| {
                    found += 1;
                    boot(el)
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

/// What a page says to a reader without JavaScript, in its language.
fn no_script(lang: Lang) -> String {
    let s = t(lang);
    format!(
        "<div class=\"noscript\"><p>{}</p><p><a href=\"data/index.json\">{}</a></p></div>",
        text(s.no_script),
        text(s.no_script_data)
    )
}

/// `html` without its `data-test` attributes.
fn without_test_hooks(html: &str) -> Result<String, String> {
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

/// Text as markup.
fn text(value: &str) -> String {
    html_escape::encode_text(value).into_owned()
}

/// A quoted attribute's value: `set_attribute` escapes `"` but not `&`.
fn attribute(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(value).into_owned()
}

/// The neutral line shown in place of a copy that is not the reader's view.
fn loading_line() -> String {
    format!(
        "<p class=\"boot-loading\" role=\"status\">{} <span lang=\"en\">{}</span></p>",
        text(t(Lang::Zh).loading),
        text(t(Lang::En).loading)
    )
}

/// The view's description (`head::description`); where the state names no
/// language, the summaries of the year at its top in both, since one page
/// then serves both.
fn description(data: &Dataset, state: &State) -> String {
    if let Some(lang) = state.lang {
        return head::description(data, state, lang).unwrap_or_default();
    }
    let (Some(index), Some(year)) = (
        data.index.as_ref(),
        needs::top_year(state, &data.listed_years()).and_then(|y| data.year(y)),
    ) else {
        return String::new();
    };
    format!(
        "{} {}",
        summary::summary_listed(index, year, Lang::Zh),
        summary::summary_listed(index, year, Lang::En)
    )
}

/// Writes the site's pages into `dist` (a site Trunk built, its page
/// already through the shell step): a page for each path of `site`, the
/// root's into `index.html` in place of the shell; `404.html`; and a page
/// for each archived article the data quotes, from `sources/<slug>.txt`
/// under `sources`. Given the site's address (`address`, as
/// `url_state::site_address` makes it), each page says where it lives, the
/// 404 page's links name the root by the address's path (else `/`, the
/// host's root), and `sitemap.xml` and `robots.txt` are written. Without
/// it, none of those are: they need absolute addresses, and only the one
/// deploying knows the host. Returns a line for the build log.
pub fn write_site(dist: &Path, sources: &Path, address: Option<&str>) -> Result<String, String> {
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let write = |path: &Path, text: &str| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let data = load_dir(&dist.join("data"))?;
    let shell = read(&dist.join("index.html"))?;
    let cited = quotes_by_archive(&data);
    for (slug, quotes) in &cited {
        let file = sources.join(format!("{slug}.txt"));
        let archive =
            archive::parse(&read(&file)?).map_err(|e| format!("{}: {e}", file.display()))?;
        let paragraphs = archive::reading(&archive.text, quotes)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        let own = address.map(|site| source_address(site, slug));
        let page = source_document(&shell, &archive, paragraphs, own.as_deref())?;
        write(&dist.join("sources").join(slug).join("index.html"), &page)?;
    }
    let pages = site(&data);
    for state in &pages {
        let folder = dist.join(state.path().trim_start_matches("./"));
        write(
            &folder.join("index.html"),
            &document(&shell, &data, state, address)?,
        )?;
    }
    let root = address.map_or("/", url_state::site_path);
    write(&dist.join("404.html"), &not_found_document(&shell, root)?)?;
    let mut line = format!(
        "pages: {} views, a 404 page, {} archived articles under sources/",
        pages.len(),
        cited.len()
    );
    match address {
        Some(site) => {
            let slugs: Vec<&str> = cited.keys().map(String::as_str).collect();
            write(&dist.join("sitemap.xml"), &sitemap(site, &pages, &slugs))?;
            write(&dist.join("robots.txt"), &robots(site))?;
            let images = write_previews(dist, &data)?;
            line.push_str(&format!(
                "; sitemap.xml, robots.txt and {images} preview images for {site}"
            ));
        }
        None => line.push_str("; no --site-url, so no canonical links, previews or sitemap"),
    }
    Ok(line)
}

/// Every preview image (`head::preview_path`): a pledge's for each item, a
/// chart's for each metric, in each language. Returns how many. Only a
/// site with an address gets them: a preview's tag needs its absolute
/// address.
fn write_previews(dist: &Path, data: &Dataset) -> Result<usize, String> {
    let painter = preview::Painter::new()?;
    let listed = data.listed_years();
    let mut images: Vec<(State, Vec<u8>)> = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        let own = State {
            lang: Some(lang),
            ..State::default()
        };
        for year in listed.iter().filter_map(|&y| data.year(y)) {
            for item in &year.items {
                let state = State {
                    item: Some(item.id.clone()),
                    ..own.clone()
                };
                images.push((
                    state,
                    preview::pledge(&painter, year.year, item, lang).png(&painter)?,
                ));
            }
        }
        let Some(index) = &data.index else { continue };
        let years: Vec<(u16, &yrd_pledges::model::YearData)> = listed
            .iter()
            .filter_map(|&y| data.year(y).map(|d| (y, d)))
            .collect();
        for metric in &index.metrics {
            let series = compare::metric_series(index, &years, &metric.key);
            let state = State {
                view: View::Metric,
                metric: Some(metric.key.clone()),
                ..own.clone()
            };
            images.push((
                state,
                preview::chart(&painter, &series, lang).png(&painter)?,
            ));
        }
    }
    for (state, png) in &images {
        let path = head::preview_path(state).ok_or("a preview image with no path")?;
        let file = dist.join(path);
        std::fs::create_dir_all(file.parent().unwrap_or(dist))
            .and_then(|()| std::fs::write(&file, png))
            .map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(images.len())
}

/// An archived article's page address on the site at `site`.
fn source_address(site: &str, slug: &str) -> String {
    format!("{site}sources/{slug}/")
}

/// `sitemap.xml` for the site at `site`: every page of `pages` but the
/// embeds (each names its full view as canonical, so only that is listed),
/// and each archived article's page (`slugs`).
pub fn sitemap(site: &str, pages: &[State], slugs: &[&str]) -> String {
    let urls: String = pages
        .iter()
        .filter(|s| !s.embed)
        .map(|s| page_address(site, s))
        .chain(slugs.iter().map(|slug| source_address(site, slug)))
        .map(|url| format!("<url><loc>{}</loc></url>\n", text(&url)))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{urls}</urlset>\n"
    )
}

/// `robots.txt`: every page may be crawled, and the sitemap is named. The
/// embeds are not disallowed: a crawler must read an embed to learn that
/// its canonical page is the full view. (Crawlers read `robots.txt` only at
/// a host's root; under a sub-path, the host's own file should name the
/// sitemap.)
pub fn robots(site: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {site}sitemap.xml\n")
}

/// The quotes of the data by the archived article each comes from (the
/// `archive` of the source it names), articles in slug order.
pub fn quotes_by_archive(data: &Dataset) -> std::collections::BTreeMap<String, Vec<&str>> {
    let mut out: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
    let Some(index) = data.index.as_ref() else {
        return out;
    };
    for year in data.listed_years().into_iter().filter_map(|y| data.year(y)) {
        for placed in year.quotes() {
            let (quote, source) = placed.value;
            if let Some(s) = index.sources.iter().find(|s| s.id == source) {
                out.entry(s.archive.clone()).or_default().push(quote);
            }
        }
    }
    out
}
