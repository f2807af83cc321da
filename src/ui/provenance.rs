//! Numbers with their sources: every figure shown can be opened (tap,
//! Enter or Space — it is a native `<details>`) to reveal the verbatim
//! sentence it was read from and the publication it came from.

use leptos::prelude::*;

use super::app::use_ctx;
use crate::i18n::{t, Strings};
use crate::model::{Figure, Item, Lang, Text};
use crate::standing::Verdict;

pub use crate::compare::figure_value;

/// A source as a reader names it (headline, publication, author, date),
/// its address, and its archived article's page: at the sentence of
/// `quote`, highlighted, where the line stands under a quote.
#[component]
pub fn SourceLine(
    #[prop(into)] source: String,
    #[prop(optional, into)] quote: Option<String>,
) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let anchor = quote.map(|q| crate::archive::quote_anchor(&q));
    move || {
        let l = lang.get();
        // The sources are the index's, which a session does not replace: a
        // year arriving must not redraw every source line on screen.
        let (s, archive) = ctx.store.data.with_untracked(|d| {
            let index = d.index.as_ref();
            let archive = index
                .and_then(|i| i.sources.iter().find(|s| s.id == source))
                .map(|s| s.archive.clone())
                .filter(|a| crate::archive::is_slug(a));
            (crate::i18n::source_text(index, &source, l), archive)
        });
        let article = archive.map(|a| match &anchor {
            Some(anchor) => (format!("sources/{a}/#{anchor}"), t(l).read_in_article),
            None => (format!("sources/{a}/"), t(l).archived_article),
        });
        view! {
            <span class="source-line">
                {s.line}
                {s.link.map(|(u, host)| view! { " · " <a href=u rel="noopener noreferrer" target="_blank">{host}</a> })}
                // A widget's reader reads the article beside the host's.
                {article.map(|(href, label)| view! { " · " <a href=href target=ctx.embed.get_untracked().then_some("_blank") data-test="read-in-article">{label}</a> })}
            </span>
        }
    }
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
                <p class="src"><SourceLine source=f.with_value(|f| f.source.clone()) quote=f.with_value(|f| f.quote.clone())/></p>
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

/// An outcome set against its target, in both languages, ready to show
/// (the core computes the standing: `standing::answered`).
#[derive(Clone, Debug, PartialEq)]
pub struct StandingText {
    pub verdict: Verdict,
    /// The verdict and the sentence, in Chinese and in English.
    pub zh: (&'static str, String),
    pub en: (&'static str, String),
    /// Why the data pairs the two.
    pub reason: Text,
}

impl StandingText {
    pub fn get(&self, lang: Lang) -> &(&'static str, String) {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The item's outcomes that the data pairs with a target, where the
    /// core can compare them.
    pub fn of_item(item: &Item) -> Vec<StandingText> {
        crate::standing::answered(item)
            .iter()
            .map(|a| StandingText {
                verdict: a.standing.verdict,
                zh: a.text(Lang::Zh),
                en: a.text(Lang::En),
                reason: a.reason.clone(),
            })
            .collect()
    }
}

/// How an outcome stands against its target: the verdict in words (not
/// colour alone), then both numbers, the gap and the share of the target.
#[component]
pub fn StandingLine(standing: StandingText) -> impl IntoView {
    let lang = use_ctx().lang;
    let class = format!("standing standing-{}", standing.verdict.key());
    let s = StoredValue::new(standing);
    view! {
        <p class=class data-test="standing">
            <strong class="verdict">{move || s.with_value(|s| s.get(lang.get()).0)}</strong>
            " "
            <span>{move || s.with_value(|s| s.get(lang.get()).1.clone())}</span>
        </p>
    }
}

/// A standing with why the data compares the two (the item page, the
/// metric view: parts of their own, so the card's module does without it).
#[component]
pub fn StandingWithReason(standing: StandingText) -> impl IntoView {
    let reason = standing.reason.clone();
    view! {
        <StandingLine standing=standing/>
        <Reason reason=reason why=|s| s.answer_reason test="answer-reason"/>
    }
}

/// Why the data joins two things (an outcome and the target it answers, an
/// item and the one it continues), as text under them: `why` picks the
/// label from the catalogue.
#[component]
pub fn Reason(
    reason: Text,
    why: fn(&'static Strings) -> &'static str,
    test: &'static str,
) -> impl IntoView {
    let lang = use_ctx().lang;
    let reason = StoredValue::new(reason);
    view! {
        <p class="reason" data-test=test>
            <span class="why">{move || why(t(lang.get()))}</span>
            <span lang=move || reason.with_value(|r| r.get(lang.get()).1.then_some("zh-CN"))>
                {move || reason.with_value(|r| r.in_lang(lang.get()).to_string())}
            </span>
        </p>
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
