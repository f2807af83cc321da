//! An archived article's page (`./sources/<slug>/`): the text the data's
//! quotes were read from, each sentence addressable (`#s12`) and each
//! quote's sentence anchored by the quote's own hash
//! (`archive::quote_anchor`), so the app links a quote to its sentence,
//! which the stylesheet then highlights. Rendered here only: the page is
//! plain HTML with no script.

use leptos::prelude::*;
use yrd_pledges::archive::{Archive, Sentence};
use yrd_pledges::i18n::{self, t};
use yrd_pledges::model::Lang;

/// A sentence's text with the print layout's line breaks kept.
fn lines(text: String) -> impl IntoView {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| view! { {(i > 0).then(|| view! { <br/> })}{line.to_string()} })
        .collect_view()
}

/// The page's markup, from the site's root at `root` (`../../`).
pub fn article_html(archive: &Archive, paragraphs: Vec<Vec<Sentence>>, root: &str) -> String {
    let (zh, en) = (t(Lang::Zh), t(Lang::En));
    let meta: Vec<String> = [
        Some(archive.publication.clone()),
        archive.author.clone(),
        archive
            .date
            .as_deref()
            .map(|d| i18n::format_date(d, Lang::Zh)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let url = archive.url.clone().filter(|u| i18n::is_safe_url(u));
    let mut n = 0;
    let paragraphs = paragraphs
        .into_iter()
        .map(|p| {
            let sentences = p
                .into_iter()
                .map(|s| {
                    n += 1;
                    view! {
                        <span class="sentence" id=format!("s{n}")>
                            {s.anchors.into_iter().map(|a| view! { <span class="anchor" id=a></span> }).collect_view()}
                            {lines(s.text)}
                        </span>
                    }
                })
                .collect_view();
            view! { <p>{sentences}</p> }
        })
        .collect_view();
    let root = root.to_string();
    view! {
        <div class="app">
            <a class="skip" href="#main">{zh.skip_to_content}</a>
            <header class="top">
                <div class="brand">
                    <h1><a href=root.clone()>{zh.app_title}</a></h1>
                    <p class="tagline">{zh.app_tagline}</p>
                </div>
            </header>
            <main id="main" tabindex="-1">
                <article class="source-article">
                    <p class="source-kind">{zh.archived_article}" "<span lang="en">{en.archived_article}</span></p>
                    <h2>{archive.headline.clone()}</h2>
                    <p class="src">{meta.join(" · ")}</p>
                    {url.map(|u| view! {
                        <p class="src">{zh.original_address}" "<span lang="en">{en.original_address}</span>" · "
                            <a href=u.clone() rel="noopener noreferrer">{u.clone()}</a></p>
                    })}
                    {archive.note.clone().map(|n| view! { <p class="fig-note">{n}</p> })}
                    {archive.note_en.clone().map(|n| view! { <p class="fig-note" lang="en">{n}</p> })}
                    <div class="source-text">{paragraphs}</div>
                    <p><a href=root>{zh.back_to_lists}" "<span lang="en">{en.back_to_lists}</span></a></p>
                </article>
            </main>
        </div>
    }
    .to_html()
}
