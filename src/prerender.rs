//! The default view (the list, newest year at the top, in Chinese) as HTML,
//! written into `index.html` at build time (`cargo xtask build`). The list is
//! then readable before the WASM has loaded, and by readers and crawlers
//! that run no script; the app replaces it when its own first screen is
//! ready.
//!
//! The markup mirrors the app's list view element for element and class for
//! class (`ui::app`, `ui::filters`, `ui::cards`, `ui::year_panel`), with the
//! same strings from `i18n`, so the takeover does not move anything. What
//! it leaves out on purpose: `data-test` hooks (tests find the app, not this
//! copy) and anything that only works with script (the QR code).
//!
//! Every text from the data goes through `esc`: data never becomes markup.

use std::fmt::Write as _;

use crate::compare::figure_value;
use crate::i18n::{self, t};
use crate::model::{Figure, Index, Item, Lang, NamedList, YearData};
use crate::needs::years_needed;
use crate::url_state::{State, View};

const LANG: Lang = Lang::Zh;

/// HTML-escapes `s` for text and for quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the page at `query` shows what the pre-rendered copy shows (the
/// default list in Chinese), so the copy may stay on screen until the app
/// has its own. The page's inline script (`index.html`) makes the same
/// test before any WASM has loaded; keep the two in step.
pub fn shows(query: &str) -> bool {
    let (state, notices) = crate::url_state::parse(query);
    notices.is_empty()
        && State {
            lang: None,
            ..state.clone()
        } == State::default()
        && state.lang.is_none_or(|l| l == LANG)
}

/// A neutral "Loading…" line in both languages, shown instead of the copy
/// on any other URL (`index.html` hides the copy there before it is
/// painted), so those pages still paint something at once.
pub fn loading_line() -> String {
    format!(
        "<p class=\"boot-loading\" role=\"status\">{} <span lang=\"en\">{}</span></p>",
        esc(t(Lang::Zh).loading),
        esc(t(Lang::En).loading)
    )
}

/// The year the default view opens on: the pre-rendered one.
pub fn default_year(index: &Index) -> Option<u16> {
    years_needed(&State::default(), &index.listed_years())
        .first
        .first()
        .copied()
}

/// The default view's HTML: one `div.app` as the app renders it, with
/// `year` (the data of `default_year(index)`) in full and the other
/// listed years as headings that say they are not loaded.
pub fn default_view(index: &Index, year: &YearData) -> String {
    let s = t(LANG);
    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<div class=\"app\">");
    let _ = write!(
        h,
        "<a class=\"skip\" href=\"#main\">{}</a>",
        esc(s.skip_to_content)
    );
    header(&mut h);
    h.push_str("<main id=\"main\" tabindex=\"-1\"><div role=\"status\"></div>");
    tabs(&mut h);
    filters(&mut h, index);
    let _ = write!(
        h,
        "<div class=\"list-head\"><p class=\"count\" role=\"status\" aria-live=\"polite\">{}</p>",
        esc(&i18n::count_line_partial(year.items.len(), LANG))
    );
    h.push_str("<div class=\"actions\"><div class=\"export\">");
    let _ = write!(
        h,
        "<button type=\"button\">{}</button><button type=\"button\">{}</button>",
        esc(s.download_csv),
        esc(s.download_json)
    );
    let _ = write!(
        h,
        "<button type=\"button\" class=\"share\">{}</button><span class=\"share-msg\" role=\"status\"></span>",
        esc(s.share)
    );
    let _ = write!(
        h,
        "<details class=\"qr\"><summary>{}</summary><div class=\"qr-body\"></div></details></div>",
        esc(s.qr_code)
    );
    embed_button(&mut h);
    h.push_str("</div></div>");

    for y in index.listed_years() {
        let _ = write!(
            h,
            "<section class=\"year\" aria-labelledby=\"y{y}\"><h2 id=\"y{y}\">{}</h2>",
            esc(&i18n::year_heading(y, LANG))
        );
        if y == year.year {
            year_panel(&mut h, index, year);
            h.push_str("<ul class=\"cards\">");
            for item in &year.items {
                card(&mut h, index, year.year, item);
            }
            h.push_str("</ul>");
        } else {
            // Without script this stays; with it, the app has replaced the
            // whole copy long before anyone scrolls here.
            let file = index
                .years
                .iter()
                .find(|e| e.year == y)
                .map(|e| e.file.as_str())
                .unwrap_or_default();
            let _ = write!(
                h,
                "<p class=\"loading\">{} <a href=\"data/{}\">data/{}</a></p><ul class=\"cards\"></ul>",
                esc(s.year_not_loaded),
                esc(file),
                esc(file)
            );
        }
        h.push_str("</section>");
    }
    h.push_str("</main>");
    let _ = write!(
        h,
        "<footer class=\"foot\"><p>{} {} ({})</p></footer></div>",
        esc(s.data_as_of),
        esc(&i18n::format_date(&index.updated, LANG)),
        esc(&index.data_version)
    );
    h
}

fn href(state: &State) -> String {
    let q = state.to_query();
    if q.is_empty() {
        "./".into()
    } else {
        q
    }
}

fn header(h: &mut String) {
    let s = t(LANG);
    let other = Lang::En;
    let _ = write!(
        h,
        "<header class=\"top\"><div class=\"brand\"><h1><a href=\"./\">{}</a></h1><p class=\"tagline\">{}</p></div>",
        esc(s.app_title),
        esc(s.app_tagline)
    );
    let _ = write!(
        h,
        "<a class=\"lang-switch\" href=\"{}\" hreflang=\"{code}\" lang=\"{code}\" aria-label=\"{}\">{}</a></header>",
        esc(&href(&State {
            lang: Some(other),
            ..State::default()
        })),
        esc(s.switch_lang_label),
        esc(s.switch_lang),
        code = other.code(),
    );
}

fn tabs(h: &mut String) {
    let s = t(LANG);
    let _ = write!(h, "<nav class=\"tabs\" aria-label=\"{}\">", esc(s.views));
    for (view, label) in [
        (View::List, s.view_list),
        (View::Compare, s.view_compare),
        (View::Metric, s.view_metric),
    ] {
        let current = if view == View::List {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            h,
            "<a href=\"{}\" class=\"tab\"{current}>{}</a>",
            esc(&href(&State {
                view,
                ..State::default()
            })),
            esc(label)
        );
    }
    h.push_str("</nav>");
}

fn filters(h: &mut String, index: &Index) {
    let s = t(LANG);
    let _ = write!(
        h,
        "<form class=\"filters\" role=\"search\" aria-label=\"{}\">",
        esc(s.filters)
    );
    let _ = write!(
        h,
        "<div class=\"search-row\"><label for=\"f-q\" class=\"label\">{}</label><input id=\"f-q\" type=\"search\" name=\"q\" autocomplete=\"off\" enterkeyhint=\"search\" placeholder=\"{}\"></div>",
        esc(s.search),
        esc(s.search_placeholder)
    );
    let _ = write!(
        h,
        "<fieldset class=\"chips\"><legend>{}</legend>",
        esc(s.year)
    );
    for y in index.listed_years() {
        let _ = write!(
            h,
            "<label class=\"chip\"><input type=\"checkbox\" name=\"year\" value=\"{y}\"><span>{y}</span></label>"
        );
    }
    h.push_str("</fieldset>");
    let _ = write!(
        h,
        "<details class=\"more-filters\"><summary>{}</summary><div>",
        esc(&format!("{} · {} · {}", s.theme, s.lead, s.status))
    );
    let _ = write!(
        h,
        "<fieldset class=\"chips\"><legend>{}</legend>",
        esc(s.theme)
    );
    for v in &index.themes {
        let _ = write!(
            h,
            "<label class=\"chip\"><input type=\"checkbox\" name=\"theme\" value=\"{}\"><span>{}</span></label>",
            esc(&v.key),
            esc(v.name.in_lang(LANG))
        );
    }
    h.push_str("</fieldset><div class=\"selects\">");
    let _ = write!(
        h,
        "<div class=\"field\"><label for=\"f-lead\" class=\"label\">{}</label><select id=\"f-lead\" name=\"lead\"><option value=\"\">{}</option>",
        esc(s.lead),
        esc(s.any_lead)
    );
    for v in &index.leads {
        let _ = write!(
            h,
            "<option value=\"{}\">{}</option>",
            esc(&v.key),
            esc(v.name.in_lang(LANG))
        );
    }
    h.push_str("</select></div>");
    let _ = write!(
        h,
        "<div class=\"field\"><label for=\"f-status\" class=\"label\">{}</label><select id=\"f-status\" name=\"status\"><option value=\"\">{}</option>",
        esc(s.status),
        esc(s.any_status)
    );
    for st in crate::model::Status::ALL {
        let _ = write!(
            h,
            "<option value=\"{}\">{}</option>",
            st.key(),
            esc(i18n::status_name(st, LANG))
        );
    }
    h.push_str("</select></div></div></div></details></form>");
}

fn embed_button(h: &mut String) {
    let _ = write!(
        h,
        "<button type=\"button\" class=\"embed-btn\" aria-haspopup=\"dialog\">{}</button>",
        esc(t(LANG).embed)
    );
}

fn source_line(h: &mut String, index: &Index, id: &str) {
    let src = i18n::source_text(Some(index), id, LANG);
    let _ = write!(h, "<span class=\"source-line\">{}", esc(&src.line));
    if let Some((url, host)) = src.link {
        let _ = write!(
            h,
            " · <a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{}</a>",
            esc(&url),
            esc(&host)
        );
    }
    h.push_str("</span>");
}

fn quote_box(h: &mut String, index: &Index, quote: &str, source: &str) {
    let _ = write!(
        h,
        "<blockquote lang=\"zh-CN\">{}</blockquote><p class=\"src\">",
        esc(quote)
    );
    source_line(h, index, source);
    h.push_str("</p>");
}

fn figure(h: &mut String, index: &Index, f: &Figure) {
    let s = t(LANG);
    let _ = write!(
        h,
        "<details class=\"fig\"><summary><span class=\"fig-value\">{}</span> <span class=\"fig-label\">{}</span></summary>",
        esc(&figure_value(f, LANG)),
        esc(f.label.in_lang(LANG))
    );
    let _ = write!(
        h,
        "<div class=\"quote-box\"><p class=\"quote-head\">{}</p>",
        esc(s.source_sentence)
    );
    quote_box(h, index, &f.quote, &f.source);
    let by_subject = f.attribution.as_deref() == Some("by-subject");
    let note = f.note.as_ref().map(|n| n.in_lang(LANG));
    if by_subject || note.is_some() {
        h.push_str("<p class=\"fig-note\">");
        if by_subject {
            let _ = write!(h, "{} ", esc(s.attribution_by_subject));
        }
        if let Some(n) = note {
            h.push_str(&esc(n));
        }
        h.push_str("</p>");
    }
    h.push_str("</div></details>");
}

fn year_panel(h: &mut String, index: &Index, y: &YearData) {
    let s = t(LANG);
    let _ = write!(
        h,
        "<div class=\"year-panel\"><p class=\"summary\">{}</p>",
        esc(&crate::summary::summary_listed(index, y, LANG))
    );
    let mut title = y.list_title.in_lang(LANG).to_string();
    if let Some(f) = &y.forum {
        title.push_str(&format!(
            " · {}",
            i18n::forum_line(
                f.edition,
                f.name.in_lang(LANG),
                f.city.in_lang(LANG),
                f.date.as_deref(),
                LANG
            )
        ));
    }
    let _ = write!(h, "<p class=\"year-list-title\">{}</p>", esc(&title));
    if y.items.len() < y.items_published as usize {
        let _ = write!(
            h,
            "<p class=\"incomplete\"><strong>{}</strong> {} {}</p>",
            esc(s.list_incomplete),
            esc(&i18n::items_known(y.items.len(), y.items_published, LANG)),
            esc(y
                .completeness_note
                .as_ref()
                .map(|n| n.in_lang(LANG))
                .unwrap_or_default())
        );
    }
    if let Some(o) = &y.outcome {
        let _ = write!(
            h,
            "<div class=\"outcome\"><p><strong>{}</strong></p>",
            esc(o.text.in_lang(LANG))
        );
        quote_box(h, index, &o.quote, &o.source);
        h.push_str("</div>");
    }
    let _ = write!(
        h,
        "<details class=\"year-more\"><summary>{}</summary>",
        esc(s.about_year)
    );
    year_extras(h, index, y);
    h.push_str("</details></div>");
}

fn year_extras(h: &mut String, index: &Index, y: &YearData) {
    let s = t(LANG);
    if let Some(f) = &y.forum {
        let _ = write!(
            h,
            "<section class=\"block\"><h3>{}</h3><p>{}</p>",
            esc(s.forum),
            esc(&i18n::forum_line(
                f.edition,
                f.name.in_lang(LANG),
                f.city.in_lang(LANG),
                f.date.as_deref(),
                LANG
            ))
        );
        quote_box(h, index, &f.quote, &f.source);
        h.push_str("</section>");
    }
    if !y.progress.is_empty() {
        let _ = write!(h, "<section class=\"block\"><h3>{}</h3>", esc(s.progress));
        for p in &y.progress {
            let _ = write!(
                h,
                "<blockquote lang=\"zh-CN\">{}</blockquote><p class=\"src\">",
                esc(&p.quote)
            );
            if let Some(d) = &p.date {
                let _ = write!(h, "{} · ", esc(&i18n::format_date(d, LANG)));
            }
            source_line(h, index, &p.source);
            h.push_str("</p>");
        }
        h.push_str("</section>");
    }
    if !y.figures.is_empty() {
        let _ = write!(
            h,
            "<section class=\"block\"><h3>{}</h3><div class=\"figs\">",
            esc(s.year_figures)
        );
        for f in &y.figures {
            figure(h, index, f);
        }
        h.push_str("</div></section>");
    }
    if !y.stats.is_empty() {
        let _ = write!(
            h,
            "<section class=\"block\"><h3>{}</h3><div class=\"stat-areas\">",
            esc(&format!("{} {}", s.stats, y.year))
        );
        for area in &y.stats {
            let _ = write!(
                h,
                "<section class=\"stat-area\"><h4>{}<span class=\"sub\">{}</span></h4><ul class=\"tiles\">",
                esc(area.name.in_lang(LANG)),
                esc(area.headline.in_lang(LANG))
            );
            for fact in &area.facts {
                let _ = write!(
                    h,
                    "<li class=\"tile\"><p>{}</p><details class=\"fig\"><summary>{}</summary><div class=\"quote-box\">",
                    esc(fact.text.in_lang(LANG)),
                    esc(s.show_source)
                );
                quote_box(h, index, &fact.quote, &fact.source);
                h.push_str("</div></details></li>");
            }
            h.push_str("</ul></section>");
        }
        h.push_str("</div></section>");
    }
    for (title, list) in [
        (s.best_practices, &y.best_practices),
        (s.cooperation, &y.cooperation),
    ] {
        if let Some(list) = list {
            named_list(h, index, title, list);
        }
    }
}

fn named_list(h: &mut String, index: &Index, title: &str, list: &NamedList) {
    let s = t(LANG);
    let _ = write!(
        h,
        "<section class=\"block\"><h3>{} ({})</h3>",
        esc(title),
        list.total
    );
    if list.named.len() < list.total as usize {
        let _ = write!(
            h,
            "<p class=\"incomplete\">{}</p>",
            esc(&i18n::named_of_total(list.total, list.named.len(), LANG))
        );
    }
    h.push_str("<ul>");
    for q in &list.named {
        let _ = write!(h, "<li>{}</li>", esc(q.text.in_lang(LANG)));
    }
    let _ = write!(
        h,
        "</ul><details class=\"fig\"><summary>{}</summary><div class=\"quote-box\">",
        esc(s.show_source)
    );
    quote_box(h, index, &list.quote, &list.source);
    h.push_str("</div></details></section>");
}

fn card(h: &mut String, index: &Index, year: u16, item: &Item) {
    let s = t(LANG);
    let _ = write!(
        h,
        "<li class=\"card\"><article><p class=\"card-meta\"><span class=\"num\">{}</span><span class=\"status status-{}\">{}</span></p>",
        esc(&format!("{year} · {}", i18n::item_number(item.number, LANG))),
        item.status.key(),
        esc(i18n::status_name(item.status, LANG))
    );
    let _ = write!(
        h,
        "<h3 class=\"card-title\"><a href=\"{}\">{}</a></h3>",
        esc(&href(&State {
            item: Some(item.id.clone()),
            ..State::default()
        })),
        esc(item.title.in_lang(LANG))
    );
    match &item.lead_text {
        Some(lt) => {
            let _ = write!(
                h,
                "<p class=\"leads\"><span class=\"k\">{}: </span>{}</p>",
                esc(s.leads_label),
                esc(lt.in_lang(LANG))
            );
        }
        None => {
            let _ = write!(
                h,
                "<p class=\"leads missing\"><span class=\"k\">{}: </span>{}</p>",
                esc(s.leads_label),
                esc(s.not_in_sources)
            );
        }
    }
    h.push_str("<ul class=\"tags\">");
    for key in &item.themes {
        let name = index
            .themes
            .iter()
            .find(|v| &v.key == key)
            .map(|v| v.name.in_lang(LANG))
            .unwrap_or_else(|| i18n::unknown_theme(LANG));
        let _ = write!(h, "<li class=\"tag\">{}</li>", esc(name));
    }
    h.push_str("</ul>");
    embed_button(h);
    let figures: Vec<&Figure> = item.targets.iter().chain(&item.outcomes).collect();
    if !figures.is_empty() {
        h.push_str("<div class=\"figs\">");
        for f in figures.iter().take(3) {
            figure(h, index, f);
        }
        let more = figures.len().saturating_sub(3);
        if more > 0 {
            let _ = write!(
                h,
                "<p class=\"more-figs\">{}</p>",
                esc(&format!("+{more} {}", s.more_targets))
            );
        }
        h.push_str("</div>");
    }
    // As the app's card (`ui::provenance::StandingLine`): each outcome the
    // data pairs with a target, and how it stands against it.
    let standings = crate::standing::answered(item);
    if !standings.is_empty() {
        h.push_str("<div class=\"standings\" data-test=\"standings\">");
        for a in &standings {
            let (verdict, line) = a.text(LANG);
            let _ = write!(
                h,
                "<p class=\"standing standing-{}\" data-test=\"standing\"><strong class=\"verdict\">{}</strong> <span>{}</span></p>",
                a.standing.verdict.key(),
                esc(verdict),
                esc(&line)
            );
        }
        h.push_str("</div>");
    }
    h.push_str("</article></li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse_index, parse_year};

    fn real() -> (Index, YearData) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/");
        let index =
            parse_index(&std::fs::read_to_string(format!("{dir}index.json")).unwrap()).unwrap();
        let year = default_year(&index).unwrap();
        let file = &index.years.iter().find(|e| e.year == year).unwrap().file;
        let data = parse_year(
            &std::fs::read_to_string(format!("{dir}{file}")).unwrap(),
            year,
        )
        .unwrap();
        (index, data)
    }

    /// The text of `html` with tags dropped and the five escapes undone.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn the_default_year_is_the_newest_listed() {
        let (index, data) = real();
        assert_eq!(default_year(&index), Some(2026));
        assert_eq!(data.year, 2026);
    }

    #[test]
    fn all_ten_2026_titles_appear_in_order_as_links_to_their_items() {
        let (index, data) = real();
        let html = default_view(&index, &data);
        assert_eq!(data.items.len(), 10);
        let mut from = 0;
        for item in &data.items {
            let link = format!("<a href=\"?item={}\">{}</a>", item.id, esc(&item.title.zh));
            let at = html[from..]
                .find(&link)
                .unwrap_or_else(|| panic!("{link} missing or out of order"));
            from += at + link.len();
        }
        assert_eq!(html.matches("<li class=\"card\">").count(), 10);
        // Each card carries its lead units and at most three figures, each
        // with its verbatim sentence.
        for item in &data.items {
            if let Some(lt) = &item.lead_text {
                assert!(html.contains(&esc(&lt.zh)), "{}", item.id);
            }
            for f in item.targets.iter().chain(&item.outcomes).take(3) {
                assert!(html.contains(&esc(&f.quote)), "{}: {}", item.id, f.quote);
            }
        }
        // The other years are named, with their data files, not shown as empty.
        for y in [2025, 2024] {
            assert!(html.contains(&format!("<h2 id=\"y{y}\">{y} 年度</h2>")));
            assert!(html.contains(&format!("<a href=\"data/{y}.json\">")));
        }
        assert!(text_of(&html).contains("显示 10 项，其余年度尚未载入"));
        assert!(html.contains("<a href=\"?view=compare\" class=\"tab\">"));
        assert!(html.contains("<a class=\"lang-switch\" href=\"?lang=en\""));
        assert!(loading_line().contains("正在加载数据…"));
    }

    #[test]
    fn a_card_says_how_a_paired_outcome_stands_as_the_apps_card_does() {
        let (index, mut data) = real();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/");
        let y2024 = parse_year(
            &std::fs::read_to_string(format!("{dir}2024.json")).unwrap(),
            2024,
        )
        .unwrap();
        let x1 = y2024.items.iter().find(|i| i.id == "2024-x1").unwrap();
        data.items[0].targets = x1.targets.clone();
        data.items[0].outcomes = x1.outcomes.clone();
        let html = default_view(&index, &data);
        assert!(html.contains("<p class=\"standing standing-exceeded\" data-test=\"standing\">"));
        let text = text_of(&html);
        assert!(text.contains("超过目标 跨省通办“远程虚拟窗口”服务点位：目标至少 200 个，实际 515 个，超出 315 个，为目标的 257.5%"), "{text}");
        assert!(
            text.contains("达到目标 全覆盖的地级及以上城市：目标 41 个，实际 41 个，为目标的 100%")
        );
    }

    #[test]
    fn hostile_text_in_the_data_stays_text() {
        let (mut index, mut data) = real();
        let evil = "</a><script>alert(1)</script><img src=x onerror=\"alert(2)\">'&";
        data.items[0].title.zh = evil.into();
        data.items[0].lead_text = Some(crate::model::Text::new(evil, evil));
        data.items[0].targets[0].quote = evil.into();
        data.items[0].themes.push(evil.into());
        data.list_title.zh = evil.into();
        index.themes[0].name.zh = evil.into();
        index.data_version = evil.into();
        index.sources[0].headline = evil.into();
        index.sources[0].url = Some("javascript:alert(3)".into());
        let html = default_view(&index, &data);
        assert!(!html.contains("<script"), "a script element got through");
        assert!(!html.contains("<img"), "an image element got through");
        assert!(
            !html.contains("javascript:"),
            "a javascript: link got through"
        );
        assert!(html.contains(
            "&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;&amp;"
        ));
        // What a reader sees is the hostile text, verbatim.
        assert!(text_of(&html).contains(evil));
        // The markup around it is intact: as many closing as opening anchors.
        assert_eq!(html.matches("<a ").count(), html.matches("</a>").count());
    }

    #[test]
    fn only_the_default_url_keeps_the_copy() {
        for q in ["", "?", "?lang=zh", "lang=zh-CN"] {
            assert!(shows(q), "{q}");
        }
        for q in [
            "?lang=en",
            "?year=2026",
            "?item=2026-01",
            "?view=compare",
            "?embed=1",
            "?q=x",
            "?colour=red",
        ] {
            assert!(!shows(q), "{q}");
        }
    }
}
