//! Numbers with their sources: every figure shown can be opened (tap,
//! Enter or Space — it is a native `<details>`) to reveal the verbatim
//! sentence it was read from and the publication it came from.

use leptos::prelude::*;

use super::app::{use_ctx, Ctx};
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
    move || source_line(ctx, &source, quote.as_deref(), ctx.lang.get())
}

/// `SourceLine` in one language, as plain text and links.
pub fn source_line(ctx: Ctx, source: &str, quote: Option<&str>, l: Lang) -> impl IntoView {
    // The sources are the index's, which a session does not replace: a
    // year arriving must not redraw every source line on screen.
    let (s, archive) = ctx.store.data.with_untracked(|d| {
        let index = d.index.as_ref();
        let archive = index
            .and_then(|i| i.sources.iter().find(|s| s.id == source))
            .map(|s| s.archive.clone())
            .filter(|a| crate::archive::is_slug(a));
        (crate::i18n::source_text(index, source, l), archive)
    });
    let article = archive.map(|a| match quote {
        Some(q) => (
            format!("sources/{a}/#{}", crate::archive::quote_anchor(q)),
            t(l).read_in_article,
        ),
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

/// One figure: the label and value as the summary, the quote inside.
#[component]
pub fn FigureView(figure: Figure, #[prop(optional)] open: bool) -> impl IntoView {
    let ctx = use_ctx();
    let f = StoredValue::new(figure);
    move || f.with_value(|f| self::figure(ctx, f, open, ctx.lang.get()))
}

/// `FigureView` in one language, without a closure per text: a list
/// shows three on each of thirty cards, and a closure each was most of a
/// search keystroke's script.
pub fn figure(ctx: Ctx, f: &Figure, open: bool, l: Lang) -> impl IntoView {
    let by_subject = f.attribution.as_deref() == Some("by-subject");
    let note = f.note.as_ref().map(|n| n.in_lang(l).to_string());
    view! {
        <details class="fig" data-test="figure" open=open>
            <summary>
                <span class="fig-value">{figure_value(f, l)}</span>
                " "
                <span class="fig-label">{f.label.in_lang(l).to_string()}</span>
            </summary>
            <div class="quote-box">
                <p class="quote-head">{t(l).source_sentence}</p>
                <blockquote lang="zh-CN" data-test="quote">{f.quote.clone()}</blockquote>
                <p class="src">{source_line(ctx, &f.source, Some(&f.quote), l)}</p>
                {(by_subject || note.is_some()).then(|| view! {
                    <p class="fig-note">
                        {by_subject.then(|| format!("{} ", t(l).attribution_by_subject))}
                        {note}
                    </p>
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
    move || standing_line(&standing, lang.get())
}

/// `StandingLine` in one language.
pub fn standing_line(standing: &StandingText, l: Lang) -> impl IntoView {
    let (verdict, sentence) = standing.get(l);
    view! {
        <p class=format!("standing standing-{}", standing.verdict.key()) data-test="standing">
            <strong class="verdict">{*verdict}</strong>
            " "
            <span>{sentence.clone()}</span>
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
    let query = use_ctx().query;
    move || {
        let q = query.get();
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
