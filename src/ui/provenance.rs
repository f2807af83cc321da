//! Numbers with their sources: every figure shown can be opened (tap,
//! Enter or Space — it is a native `<details>`) to reveal the verbatim
//! sentence it was read from and the publication it came from.

use leptos::prelude::*;

use super::app::use_ctx;
use crate::i18n::t;
use crate::model::{Figure, Lang};

/// The number as a reader should see it, with its qualifiers, in the
/// reader's language (1.3万 / 13,000).
pub fn figure_value(f: &Figure, lang: Lang) -> String {
    // An empty English unit is deliberate (a count of things needs none),
    // so it must not fall back to the Chinese unit as other texts do.
    let unit = match lang {
        Lang::Zh => f.unit.zh.as_str(),
        Lang::En => f.unit.en.as_deref().unwrap_or(&f.unit.zh),
    };
    crate::compare::format_qualified(f.value, f.cmp, f.scope, unit, lang)
}

#[component]
pub fn SourceLine(#[prop(into)] source: String) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    move || {
        let l = lang.get();
        ctx.store.data.with(|d| {
            let src = d
                .index
                .as_ref()
                .and_then(|i| i.sources.iter().find(|s| s.id == source));
            match src {
                Some(s) => {
                    let mut line = format!("《{}》", s.headline);
                    line.push_str(&format!(" · {}", s.publication.in_lang(l)));
                    if let Some(a) = &s.author {
                        line.push_str(&format!(" · {} {a}", t(l).author));
                    }
                    line.push_str(&format!(" · {}", crate::i18n::format_date(&s.date, l)));
                    let url = s.url.clone().filter(|u| is_safe_url(u));
                    view! {
                        <span class="source-line">
                            {line}
                            {url.map(|u| view! { " · " <a href=u.clone() rel="noopener noreferrer" target="_blank">{host_of(&u)}</a> })}
                        </span>
                    }
                    .into_any()
                }
                None => view! { <span class="source-line">{source.clone()}</span> }.into_any(),
            }
        })
    }
}

/// Only web links are ever made clickable; anything else in the data (a
/// `javascript:` URL, say) is shown as text or dropped.
pub fn is_safe_url(u: &str) -> bool {
    let lower = u.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn host_of(u: &str) -> String {
    u.split("//")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or(u)
        .to_string()
}

/// One figure: the label and value as the summary, the quote inside.
#[component]
pub fn FigureView(figure: Figure, #[prop(optional)] open: bool) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let f = StoredValue::new(figure);
    view! {
        <details class="fig" data-test="figure" open=open>
            <summary>
                <span class="fig-value">{move || f.with_value(|f| figure_value(f, lang.get()))}</span>
                " "
                <span class="fig-label">{move || f.with_value(|f| f.label.in_lang(lang.get()).to_string())}</span>
            </summary>
            <div class="quote-box">
                <p class="quote-head">{move || t(lang.get()).source_sentence}</p>
                <blockquote lang="zh-CN" data-test="quote">{move || f.with_value(|f| f.quote.clone())}</blockquote>
                <p class="src"><SourceLine source=f.with_value(|f| f.source.clone())/></p>
                {move || f.with_value(|f| {
                    let l = lang.get();
                    let by_subject = f.attribution.as_deref() == Some("by-subject");
                    let note = f.note.as_ref().map(|n| n.in_lang(l).to_string());
                    (by_subject || note.is_some()).then(|| view! {
                        <p class="fig-note">
                            {by_subject.then(|| format!("{} ", t(l).attribution_by_subject))}
                            {note}
                        </p>
                    })
                })}
            </div>
        </details>
    }
}

/// `text` with the current search terms marked. Segments become text nodes
/// (matches inside `<mark>`), never HTML.
#[component]
pub fn Highlighted(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let q = ctx.state.with(|s| s.q.clone());
        crate::highlight::highlight(&text.get(), &q)
            .into_iter()
            .map(|seg| {
                if seg.hit {
                    view! { <mark>{seg.text}</mark> }.into_any()
                } else {
                    seg.text.into_any()
                }
            })
            .collect_view()
    }
}
