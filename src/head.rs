//! What a page's `<head>` says about its view: the title and the meta
//! description, made from the data with the catalogue's words. The build
//! writes both into each view's page (`pages::document`), so a shared
//! link's preview names what it links to; the app keeps the title in step
//! as the reader moves (`ui/app.rs`), so it is the same before and after
//! the app takes over.

use crate::i18n::{self, t};
use crate::load::Dataset;
use crate::model::Lang;
use crate::url_state::{State, View};
use crate::{compare, needs, summary};

/// How long a description may be, in columns: a CJK character counts two,
/// as it is about twice as wide, so a Chinese description stops at about
/// 80 characters and an English one at about 160, where search results
/// and link previews cut them.
pub const DESCRIPTION_COLUMNS: usize = 160;

/// What of `state` names its page: the filters, search and embed styling
/// are the app's, in the query, and change neither title nor description.
pub fn page(state: &State) -> State {
    State {
        themes: vec![],
        lead: None,
        status: None,
        q: String::new(),
        embed: false,
        dark: false,
        accent: None,
        ..state.clone()
    }
}

/// The name of a preview image in its page's folder.
pub const PREVIEW_FILE: &str = "preview.png";

/// The preview image a link to `state` shows (`og:image`), as a path from
/// the site's root: a pledge's card for its page, its share card and its
/// embed; a metric's chart for its page and its embed; none for the lists
/// and comparisons, whose preview is their title and description. The
/// image is the language's, and one per pledge or metric, not per page.
pub fn preview_path(state: &State) -> Option<String> {
    let own = State {
        lang: state.lang,
        ..State::default()
    };
    let named = if let Some(id) = &state.item {
        State {
            item: Some(id.clone()),
            ..own
        }
    } else if state.view == View::Metric && state.metric.is_some() {
        State {
            view: View::Metric,
            metric: state.metric.clone(),
            ..own
        }
    } else {
        return None;
    };
    Some(format!("{}{PREVIEW_FILE}", named.path()))
}

/// The page's title: what it shows, then the app's name (the app's name in
/// both languages for the list of every year, the site's front page).
/// `None` while the data that names it has not loaded.
pub fn title(data: &Dataset, state: &State, lang: Lang) -> Option<String> {
    let s = t(lang);
    let index = data.index.as_ref()?;
    let subject = if let Some(id) = &state.item {
        let (_, item) = data.find_item(id)?;
        let title = item.title.in_lang(lang);
        match state.view {
            View::Card => format!("{title} · {}", s.card_page),
            _ => title.to_string(),
        }
    } else {
        match state.view {
            View::Compare => i18n::compare_title(&state.compare_years(&data.listed_years()), lang),
            View::Metric => match &state.metric {
                Some(key) => index
                    .metrics
                    .iter()
                    .find(|m| &m.key == key)
                    .map_or_else(|| key.clone(), |m| m.name.in_lang(lang).to_string()),
                None => s.metrics_title.to_string(),
            },
            View::List | View::Card => match state.years.as_slice() {
                [] => return Some(i18n::document_title(lang)),
                years => years
                    .iter()
                    .map(|&y| i18n::year_heading(y, lang))
                    .collect::<Vec<_>>()
                    .join(s.list_separator),
            },
        }
    };
    Some(i18n::page_title(&subject, lang))
}

/// The page's meta description: a pledge's own content (or, where the
/// sources give none, a sentence naming it), a metric's description (or its
/// figures in words), the comparison's summary, the metric list's names;
/// a list's is the summary of the year at its top. Shortened to
/// `DESCRIPTION_COLUMNS` at a sentence where it can be. `None` while the
/// data it is made from has not loaded.
pub fn description(data: &Dataset, state: &State, lang: Lang) -> Option<String> {
    let index = data.index.as_ref()?;
    if state.item.is_some() {
        return brief_description(data, state, lang);
    }
    let text = match state.view {
        View::Compare => {
            let years = state.compare_years(&data.listed_years());
            let loaded: Vec<(u16, &crate::model::YearData)> = years
                .iter()
                .map(|&y| data.year(y).map(|d| (y, d)))
                .collect::<Option<_>>()?;
            let parts: Vec<String> = compare::classify(index, &loaded)
                .iter()
                .map(|tr| compare::summary(tr, lang))
                .collect();
            parts.join(if lang == Lang::Zh { "" } else { " " })
        }
        View::Metric => match &state.metric {
            Some(key) => {
                let def = index.metrics.iter().find(|m| &m.key == key);
                match def
                    .and_then(|m| m.description.as_ref())
                    .map(|d| d.get(lang))
                {
                    Some((text, false)) if !text.trim().is_empty() => text.trim().to_string(),
                    _ => metric_in_words(data, key, lang)?,
                }
            }
            None => {
                let names: Vec<&str> = index.metrics.iter().map(|m| m.name.in_lang(lang)).collect();
                i18n::metric_list_description(&names, lang)
            }
        },
        View::List | View::Card => return brief_description(data, state, lang),
    };
    Some(shorten(&text, DESCRIPTION_COLUMNS))
}

/// A pledge's description, or a list's: the pledge's content, else a
/// sentence naming it; the summary of the list's top year.
fn brief_description(data: &Dataset, state: &State, lang: Lang) -> Option<String> {
    let index = data.index.as_ref()?;
    let text = if let Some(id) = &state.item {
        let (year, item) = data.find_item(id)?;
        match item.content.as_ref().map(|c| c.get(lang)) {
            Some((content, false)) if !content.trim().is_empty() => content.trim().to_string(),
            _ => i18n::item_description(year, item.number, item.title.in_lang(lang), lang),
        }
    } else {
        let top = needs::top_year(state, &data.listed_years())?;
        summary::summary_listed(index, data.year(top)?, lang)
    };
    Some(shorten(&text, DESCRIPTION_COLUMNS))
}

/// A metric's figures in words, as its chart describes them to a screen
/// reader; `None` until every listed year has loaded.
fn metric_in_words(data: &Dataset, key: &str, lang: Lang) -> Option<String> {
    let index = data.index.as_ref()?;
    let years: Vec<(u16, &crate::model::YearData)> = data
        .listed_years()
        .into_iter()
        .map(|y| data.year(y).map(|d| (y, d)))
        .collect::<Option<_>>()?;
    let series = compare::metric_series(index, &years, key);
    if series.points.is_empty() {
        return Some(t(lang).chart_no_figures.to_string());
    }
    let points: Vec<_> = series
        .points
        .iter()
        .map(|p| (p.year, p.kind, p.qualified(lang)))
        .collect();
    Some(i18n::chart_description(&points, lang))
}

/// How wide `c` is, in columns: two for the wide scripts and full-width
/// forms (CJK, kana, hangul, the full-width punctuation), one otherwise.
fn columns(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// `text` in at most `max` columns: whole, if it fits; else the whole
/// sentences that fit; else, where even the first sentence is too long,
/// cut after the last clause or word that fits, with "…". Runs of white
/// space are one space.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let width: usize = text.chars().map(columns).sum();
    if width <= max {
        return text;
    }
    let (mut used, mut sentence_end, mut clause_end) = (0, 0, 0);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        used += columns(c);
        // Room is kept for the "…" a cut ends with.
        if used > max - 1 {
            break;
        }
        let end = i + c.len_utf8();
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        match c {
            '。' | '！' | '？' | '；' => sentence_end = end,
            '.' | '!' | '?' | ';' if next_is_space => sentence_end = end,
            '，' | '、' | '：' | ',' | ' ' => clause_end = i,
            _ => {}
        }
    }
    if sentence_end > 0 {
        return text[..sentence_end].to_string();
    }
    let cut = if clause_end > 0 {
        clause_end
    } else {
        // One unbroken run (a word longer than the limit): cut anywhere.
        let mut used = 0;
        text.char_indices()
            .take_while(|&(_, c)| {
                used += columns(c);
                used < max
            })
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let kept = text[..cut].trim_end_matches([',', ' ', ':', '，', '、', '：']);
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_kept_whole_with_its_spaces_made_one() {
        assert_eq!(shorten("A  short\n text.", 160), "A short text.");
    }

    #[test]
    fn a_long_text_keeps_the_sentences_that_fit() {
        let zh = "第一句话说明了事项。".repeat(3) + &"很长的第四句".repeat(20);
        let s = shorten(&zh, 80);
        assert_eq!(s, "第一句话说明了事项。".repeat(3));
        let en = "One sentence here. Another one follows it. ".repeat(4) + &"word ".repeat(40);
        let s = shorten(&en, 100);
        assert!(s.ends_with("follows it."), "{s}");
        assert!(s.chars().count() <= 100, "{s}");
        // A decimal point is no sentence's end.
        let s = shorten(
            &format!("Reach 1.9 per pile {}", "and more ".repeat(30)),
            40,
        );
        assert!(s.starts_with("Reach 1.9 per pile"), "{s}");
        assert!(s.ends_with('…'), "{s}");
    }

    #[test]
    fn a_first_sentence_too_long_is_cut_at_a_clause_or_word_with_an_ellipsis() {
        let zh = "聚焦企业跨区域经营和个人异地办事需求，".repeat(10);
        let s = shorten(&zh, 80);
        assert!(s.ends_with("需求…"), "{s}");
        assert!(s.chars().map(columns).sum::<usize>() <= 80, "{s}");
        let en = "Focusing on what businesses need ".repeat(10);
        let s = shorten(&en, 60);
        assert!(s.ends_with("need…") || s.ends_with("what…"), "{s}");
        assert!(s.chars().count() <= 60, "{s}");
        let s = shorten(&"x".repeat(300), 50);
        assert_eq!(s.chars().count(), 50, "{s}");
    }

    #[test]
    fn chinese_counts_twice_as_wide() {
        assert_eq!(columns('中'), 2);
        assert_eq!(columns('，'), 2);
        assert_eq!(columns('a'), 1);
        assert_eq!(columns('“'), 1);
    }

    #[test]
    fn the_page_drops_what_the_query_holds() {
        let (s, _) = crate::url_state::parse_url("embed/2026/?theme=health&q=x&dark=1");
        let p = page(&s);
        assert_eq!(p.to_url(), "2026/");
    }

    #[test]
    fn a_pledge_and_a_metric_have_one_preview_per_language_and_lists_none() {
        let item = |view: View, embed: bool, lang: Option<Lang>| State {
            item: Some("2026-06".into()),
            view,
            embed,
            lang,
            q: "x".into(),
            ..State::default()
        };
        for (s, want) in [
            (item(View::List, false, None), "2026/06/preview.png"),
            (item(View::Card, false, None), "2026/06/preview.png"),
            (item(View::List, true, None), "2026/06/preview.png"),
            (
                item(View::List, true, Some(Lang::En)),
                "en/2026/06/preview.png",
            ),
        ] {
            assert_eq!(preview_path(&s).as_deref(), Some(want), "{s:?}");
        }
        let metric = State {
            view: View::Metric,
            metric: Some("remote-windows".into()),
            embed: true,
            lang: Some(Lang::En),
            ..State::default()
        };
        assert_eq!(
            preview_path(&metric).as_deref(),
            Some("en/metric/remote-windows/preview.png")
        );
        for s in [
            State::default(),
            State {
                years: vec![2026],
                ..State::default()
            },
            State {
                view: View::Compare,
                ..State::default()
            },
            State {
                view: View::Metric,
                ..State::default()
            },
        ] {
            assert_eq!(preview_path(&s), None, "{s:?}");
        }
    }
}
