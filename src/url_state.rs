//! The public URL contract (DESIGN.md): a view with an identity is a path
//! (`en/2026/06/card/`), a file in the build; what is not an identity (the
//! filters, search, embed styling) is the query string of that page. URLs
//! here are relative to the site's root, so the site works under any
//! sub-path. Parsing is total — any string gives a usable state plus a list
//! of notices for what was ignored — because a mistyped shared link must
//! still show something useful. The first contract kept everything in the
//! query (`?item=2026-06&lang=en`); `parse` still reads it, so an old link
//! means what it meant (the page's head script sends it on to its path).

use crate::model::{parse_item_id, Index, Lang, Status};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    List,
    Compare,
    Metric,
    /// A phone-screenshot-sized card of one item (with `item`), for sharing.
    Card,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub years: Vec<u16>,
    pub themes: Vec<String>,
    pub lead: Option<String>,
    pub status: Option<Status>,
    pub q: String,
    pub item: Option<String>,
    pub view: View,
    pub metric: Option<String>,
    /// `None` when the URL does not say: the app then picks one.
    pub lang: Option<Lang>,
    pub embed: bool,
    pub dark: bool,
    /// Embed accent colour, `#rgb` or `#rrggbb`, already validated.
    pub accent: Option<String>,
}

/// Something in the URL that was not used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub param: String,
    pub value: String,
    pub reason: Reason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    UnknownParam,
    Malformed,
    /// Well formed but not in the data (a year or theme that does not exist).
    NotInData,
    /// A path that is no page of the site.
    NoSuchPage,
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        let (p, v) = (&self.param, &self.value);
        match (self.reason, lang) {
            (Reason::UnknownParam, Lang::Zh) => format!("已忽略未知的链接参数“{p}”。"),
            (Reason::UnknownParam, Lang::En) => {
                format!("Ignored the unknown link parameter “{p}”.")
            }
            (Reason::Malformed, Lang::Zh) => format!("已忽略链接参数 {p} 中无法识别的值“{v}”。"),
            (Reason::Malformed, Lang::En) => format!("Ignored “{v}”: not a valid value for {p}."),
            (Reason::NotInData, Lang::Zh) => format!("数据中没有 {p}“{v}”，已忽略。"),
            (Reason::NotInData, Lang::En) => format!("There is no {p} “{v}” in the data; ignored."),
            (Reason::NoSuchPage, Lang::Zh) => format!("本站没有“{v}”这个页面，以下是全部清单。"),
            (Reason::NoSuchPage, Lang::En) => {
                format!("There is no page “{v}” on this site; here is every list.")
            }
        }
    }
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_hex_colour(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or(s);
    matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

fn flag(v: &str) -> Option<bool> {
    match v {
        "1" | "true" | "yes" | "" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// Longest search text kept from a URL; longer is almost surely not typed.
const MAX_Q: usize = 200;

/// Parses a query string (with or without the leading `?`). Checks form
/// only; `State::restrict_to` later drops what the data does not have.
pub fn parse(query: &str) -> (State, Vec<Notice>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut s = State::default();
    let mut notices = Vec::new();
    let mut bad = |param: &str, value: &str, reason| {
        notices.push(Notice {
            param: param.to_string(),
            value: value.chars().take(40).collect(),
            reason,
        })
    };
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let (k, v) = (k.as_ref(), v.trim());
        match k {
            "year" => {
                for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    match part.parse::<u16>() {
                        Ok(y) if (2000..=2999).contains(&y) => {
                            if !s.years.contains(&y) {
                                s.years.push(y)
                            }
                        }
                        _ => bad(k, part, Reason::Malformed),
                    }
                }
            }
            "theme" => {
                for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    if is_key(part) {
                        if !s.themes.iter().any(|t| t == part) {
                            s.themes.push(part.to_string())
                        }
                    } else {
                        bad(k, part, Reason::Malformed)
                    }
                }
            }
            "lead" if v.is_empty() => {}
            "lead" if is_key(v) => s.lead = Some(v.to_string()),
            "status" if v.is_empty() => {}
            "status" => match Status::from_key(v) {
                Some(st) => s.status = Some(st),
                None => bad(k, v, Reason::Malformed),
            },
            // Trimmed again after the cut, which may end on a space: what a
            // link carries must parse back to the same query.
            "q" => s.q = v.chars().take(MAX_Q).collect::<String>().trim_end().into(),
            "item" if v.is_empty() => {}
            "item" if parse_item_id(v).is_some() => s.item = Some(v.to_string()),
            "view" => match v {
                "list" | "" => s.view = View::List,
                "compare" => s.view = View::Compare,
                "metric" => s.view = View::Metric,
                "card" => s.view = View::Card,
                _ => bad(k, v, Reason::Malformed),
            },
            "metric" if is_key(v) => s.metric = Some(v.to_string()),
            "lang" => match v {
                "zh" | "zh-cn" | "zh-CN" | "zh-hans" => s.lang = Some(Lang::Zh),
                "en" | "en-us" | "en-GB" | "en-US" => s.lang = Some(Lang::En),
                _ => bad(k, v, Reason::Malformed),
            },
            "embed" | "dark" => match flag(v) {
                Some(b) if k == "embed" => s.embed = b,
                Some(b) => s.dark = b,
                None => bad(k, v, Reason::Malformed),
            },
            "theme-color" | "accent" if is_hex_colour(v) => {
                let hex = v.trim_start_matches('#').to_ascii_lowercase();
                s.accent = Some(format!("#{hex}"));
            }
            "lead" | "item" | "metric" | "theme-color" | "accent" => bad(k, v, Reason::Malformed),
            _ => bad(k, v, Reason::UnknownParam),
        }
    }
    (s, notices)
}

/// What a path names, beside its language and whether it is an embed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Named {
    /// `./`: every year's list (or whatever an old-contract query says).
    Lists,
    /// `./2025/`
    Year(u16),
    /// `./2026/06/`, and its share card `./2026/06/card/`.
    Item(String, bool),
    /// `./compare/`
    Compare,
    /// `./compare/2025-2026/`: a pair of consecutive years, by the first.
    Pair(u16),
    /// `./metric/`, `./metric/remote-windows/`
    Metric(Option<String>),
}

fn year_segment(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (2000..=2999).contains(y))
}

/// The page `path` names (relative to the site's root; a missing final
/// `/` or a final `index.html` is the same page), or `None` for a path
/// that is no page of the app.
fn parse_path(path: &str) -> Option<(Lang, bool, Named)> {
    let mut segments = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "index.html")
        .peekable();
    let lang = match segments.next_if_eq(&"en") {
        Some(_) => Lang::En,
        None => Lang::Zh,
    };
    let embed = segments.next_if_eq(&"embed").is_some();
    let rest: Vec<&str> = segments.collect();
    let named = match rest.as_slice() {
        [] => Named::Lists,
        ["compare"] => Named::Compare,
        ["compare", pair] => {
            let (a, b) = pair.split_once('-')?;
            let (a, b) = (year_segment(a)?, year_segment(b)?);
            (b == a + 1).then_some(Named::Pair(a))?
        }
        ["metric"] => Named::Metric(None),
        ["metric", key] if is_key(key) => Named::Metric(Some(key.to_string())),
        [year] => Named::Year(year_segment(year)?),
        [year, number, card @ ..] if card.is_empty() || (card == ["card"] && !embed) => {
            let id = format!("{year}-{number}");
            parse_item_id(&id)?;
            Named::Item(id, !card.is_empty())
        }
        _ => return None,
    };
    Some((lang, embed, named))
}

/// Parses a URL relative to the site's root (`en/2026/06/?q=医保#x`): the
/// page its path names, with the query's filters. An old-contract query
/// on the root page means what it meant; where a path names a view, the
/// path decides it.
pub fn parse_url(url: &str) -> (State, Vec<Notice>) {
    let url = url.split('#').next().unwrap_or_default();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let (mut s, mut notices) = parse(query);
    match parse_path(path) {
        Some((lang, embed, named)) => {
            if lang == Lang::En || s.lang.is_none() {
                s.lang = Some(lang);
            }
            s.embed |= embed;
            s.name(named);
        }
        None => {
            if path.trim_start_matches(['/', '.']).starts_with("en/") {
                s.lang = Some(Lang::En);
            }
            notices.push(Notice {
                param: "path".into(),
                value: path.chars().take(80).collect(),
                reason: Reason::NoSuchPage,
            })
        }
    }
    s.normalize();
    (s, notices)
}

impl State {
    /// Sets what `named` names; the rest of the state stays.
    fn name(&mut self, named: Named) {
        match named {
            Named::Lists => {}
            Named::Year(y) => {
                self.years = vec![y];
                (self.view, self.item) = (View::List, None);
            }
            Named::Item(id, card) => {
                self.item = Some(id);
                self.view = if card { View::Card } else { View::List };
            }
            Named::Compare => (self.view, self.item) = (View::Compare, None),
            Named::Pair(a) => {
                self.years = vec![a, a + 1];
                (self.view, self.item) = (View::Compare, None);
            }
            Named::Metric(key) => {
                self.metric = key.or(self.metric.take());
                (self.view, self.item) = (View::Metric, None);
            }
        }
    }

    /// One state for each page: what a view does not use is dropped (a
    /// card is of an item, an item is shown whatever view was named beside
    /// it and without the list's filters, a metric belongs to the metric
    /// view), a pair of years compared is in order, and the language is
    /// always said.
    fn normalize(&mut self) {
        if self.item.is_some() {
            *self = State {
                view: if self.view == View::Card {
                    View::Card
                } else {
                    View::List
                },
                ..self.cleared_filters()
            };
        }
        if self.item.is_none() && self.view == View::Card {
            self.view = View::List;
        }
        if self.view != View::Metric {
            self.metric = None;
        }
        if self.view == View::Compare && self.pair().is_some() {
            self.years.sort_unstable();
        }
        self.lang.get_or_insert(Lang::Zh);
    }

    /// The first of two consecutive years this comparison shows alone.
    fn pair(&self) -> Option<u16> {
        match self.years.as_slice() {
            [a, b] if b.abs_diff(*a) == 1 => Some(*a.min(b)),
            _ => None,
        }
    }

    /// What this state's path names.
    fn named(&self) -> Named {
        if let Some(id) = &self.item {
            return Named::Item(id.clone(), self.view == View::Card);
        }
        match (self.view, self.years.as_slice()) {
            (View::Compare, _) => self.pair().map_or(Named::Compare, Named::Pair),
            (View::Metric, _) => Named::Metric(self.metric.clone()),
            (View::List | View::Card, [y]) => Named::Year(*y),
            (View::List | View::Card, _) => Named::Lists,
        }
    }

    /// This state's page, relative to the site's root, with a final `/`
    /// (`./` for the root): the folder whose `index.html` the build writes.
    pub fn path(&self) -> String {
        let mut p = String::from(if self.lang == Some(Lang::En) {
            "en/"
        } else {
            ""
        });
        if self.embed {
            p.push_str("embed/");
        }
        match self.named() {
            Named::Lists => {}
            Named::Year(y) => p.push_str(&format!("{y}/")),
            Named::Item(id, card) => {
                p.push_str(&format!("{}/", id.replacen('-', "/", 1)));
                if card {
                    p.push_str("card/");
                }
            }
            Named::Compare => p.push_str("compare/"),
            Named::Pair(a) => p.push_str(&format!("compare/{a}-{}/", a + 1)),
            Named::Metric(key) => {
                p.push_str("metric/");
                if let Some(k) = key {
                    p.push_str(&format!("{k}/"));
                }
            }
        }
        if p.is_empty() {
            p.push_str("./");
        }
        p
    }

    /// The link to this state, relative to the site's root: its page and
    /// the query of what the path does not say. Defaults are left out so
    /// shared links stay short; order is fixed so the same state always
    /// gives the same link. A pledge's link is the pledge's alone: the list
    /// filters it was opened from stay in the app (its "back" link), not in
    /// a link that is shared, and its page opens as pre-rendered.
    pub fn to_url(&self) -> String {
        if self.item.is_some() && self.has_filters() {
            return self.cleared_filters().to_url();
        }
        let in_path = matches!(self.named(), Named::Year(_) | Named::Pair(_));
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.years.is_empty() && !in_path {
            let ys: Vec<String> = self.years.iter().map(u16::to_string).collect();
            out.append_pair("year", &ys.join(","));
        }
        if !self.themes.is_empty() {
            out.append_pair("theme", &self.themes.join(","));
        }
        if let Some(l) = &self.lead {
            out.append_pair("lead", l);
        }
        if let Some(s) = self.status {
            out.append_pair("status", s.key());
        }
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        if self.dark {
            out.append_pair("dark", "1");
        }
        if let Some(a) = &self.accent {
            out.append_pair("theme-color", a.trim_start_matches('#'));
        }
        let q = out.finish().replace("%2C", ",");
        let path = self.path();
        match (q.is_empty(), path.as_str()) {
            (true, _) => path,
            (false, "./") => format!("?{q}"),
            (false, _) => format!("{path}?{q}"),
        }
    }

    /// Drops values the data does not have (a year not listed, a theme key
    /// not in the vocabulary) and says so.
    pub fn restrict_to(&mut self, index: &Index) -> Vec<Notice> {
        let mut notices = Vec::new();
        let mut note = |param: &str, value: &str| {
            notices.push(Notice {
                param: param.into(),
                value: value.into(),
                reason: Reason::NotInData,
            })
        };
        self.years.retain(|y| {
            let ok = index.years.iter().any(|e| e.year == *y);
            if !ok {
                note("year", &y.to_string());
            }
            ok
        });
        self.themes.retain(|t| {
            let ok = index.themes.iter().any(|v| &v.key == t);
            if !ok {
                note("theme", t);
            }
            ok
        });
        if let Some(l) = &self.lead {
            if !index.leads.iter().any(|v| &v.key == l) {
                note("lead", l);
                self.lead = None;
            }
        }
        if let Some(m) = &self.metric {
            if !index.metrics.iter().any(|v| &v.key == m) {
                note("metric", m);
                self.metric = None;
            }
        }
        if let Some(id) = &self.item {
            let year_listed =
                parse_item_id(id).is_some_and(|(y, _)| index.years.iter().any(|e| e.year == y));
            if !year_listed {
                note("item", id);
                self.item = None;
            }
        }
        notices
    }

    /// The same view without embed styling: what "open full view" links to.
    pub fn full_view(&self) -> State {
        State {
            embed: false,
            dark: false,
            accent: None,
            ..self.clone()
        }
    }

    pub fn filter(&self) -> crate::query::Filter {
        crate::query::Filter {
            years: self.years.clone(),
            themes: self.themes.clone(),
            lead: self.lead.clone(),
            status: self.status,
            text: self.q.clone(),
        }
    }

    /// The years a comparison uses, ascending: the selected ones, or every
    /// listed year when fewer than two are selected (one year compares with
    /// nothing).
    pub fn compare_years(&self, listed: &[u16]) -> Vec<u16> {
        let mut ys: Vec<u16> = if self.years.len() >= 2 {
            self.years
                .iter()
                .copied()
                .filter(|y| listed.contains(y))
                .collect()
        } else {
            listed.to_vec()
        };
        ys.sort_unstable();
        ys
    }

    /// True when any list filter is set: the reset button shows then.
    pub fn has_filters(&self) -> bool {
        !self.filter().is_empty()
    }

    pub fn cleared_filters(&self) -> State {
        State {
            years: vec![],
            themes: vec![],
            lead: None,
            status: None,
            q: String::new(),
            ..self.clone()
        }
    }
}

/// The site's own address, as the build is given it (`--site-url`): an
/// absolute `http(s)` URL of the folder the site is published in, made to
/// end in `/`, so that a page's path (`State::path`) appended to it is the
/// page's address. Refused with the reason where it cannot be one: another
/// scheme, no host, a query or fragment, or a character that would need
/// escaping in a link (white space, quotes, `<`, `>`, non-ASCII: give the
/// percent-encoded or punycode form).
pub fn site_address(raw: &str) -> Result<String, String> {
    let refuse = |why: &str| Err(format!("the site's address `{raw}` {why}"));
    let lower = raw.to_ascii_lowercase();
    let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.starts_with(s).then(|| &raw[s.len()..]))
    else {
        return refuse("is not an absolute http:// or https:// URL");
    };
    if let Some(c) = raw.chars().find(|c| {
        !c.is_ascii_graphic()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^'
            )
    }) {
        return refuse(&format!(
            "holds {c:?}, which a link cannot hold as it is (percent-encode it, or give a host's punycode form)"
        ));
    }
    if raw.contains(['?', '#']) {
        return refuse("has a query or fragment; give the address of the site's folder");
    }
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(['.', ':', '@']) {
        return refuse("names no host");
    }
    Ok(if raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    })
}

/// The path of a site's address (`site_address`) on its host:
/// `https://example.org/news/pledges/` → `/news/pledges/`.
pub fn site_path(address: &str) -> &str {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    rest.find('/').map_or("/", |i| &rest[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples_parse() {
        let (s, n) = parse("?year=2025,2026&theme=health,gov-services&lead=health-commissions&status=completed&q=%E5%8C%BB%E4%BF%9D&item=2026-01&lang=en");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(s.years, [2025, 2026]);
        assert_eq!(s.themes, ["health", "gov-services"]);
        assert_eq!(s.lead.as_deref(), Some("health-commissions"));
        assert_eq!(s.status, Some(Status::Completed));
        assert_eq!(s.q, "医保");
        assert_eq!(s.item.as_deref(), Some("2026-01"));
        assert_eq!(s.lang, Some(Lang::En));
        let (s, _) =
            parse("view=metric&metric=remote-windows&embed=1&dark=1&theme-color=%23C0FFEE");
        assert_eq!(
            (s.view, s.metric.as_deref(), s.embed, s.dark),
            (View::Metric, Some("remote-windows"), true, true)
        );
        assert_eq!(s.accent.as_deref(), Some("#c0ffee"));
    }

    #[test]
    fn a_long_search_is_cut_and_survives_a_link() {
        // The cut at MAX_Q falls on a space (found by the url_state fuzzer).
        let long = format!("{} tail", "医".repeat(MAX_Q - 1));
        let (s, _) = parse(&format!("q={}", long.replace(' ', "+")));
        assert_eq!(s.q, "医".repeat(MAX_Q - 1));
        let (s, _) = parse_url(&format!("?q={}", long.replace(' ', "+")));
        assert_eq!(parse_url(&s.to_url()).0, s);
    }

    #[test]
    fn bad_values_are_ignored_with_a_notice() {
        let (s, n) = parse("year=2026,20x6&status=done&view=map&foo=1&item=26-1&lang=fr&theme-color=red&embed=maybe&theme=<b>");
        assert_eq!(s.years, [2026]);
        assert_eq!(s.status, None);
        assert_eq!(s.view, View::List);
        assert_eq!(s.item, None);
        assert_eq!(s.accent, None);
        let params: Vec<(&str, Reason)> = n.iter().map(|n| (n.param.as_str(), n.reason)).collect();
        assert!(params.contains(&("year", Reason::Malformed)));
        assert!(params.contains(&("status", Reason::Malformed)));
        assert!(params.contains(&("view", Reason::Malformed)));
        assert!(params.contains(&("foo", Reason::UnknownParam)));
        assert!(params.contains(&("item", Reason::Malformed)));
        assert!(params.contains(&("lang", Reason::Malformed)));
        assert!(params.contains(&("theme-color", Reason::Malformed)));
        assert!(params.contains(&("embed", Reason::Malformed)));
        assert!(params.contains(&("theme", Reason::Malformed)));
        assert!(n[0].message(Lang::Zh).contains("20x6"));
    }

    #[test]
    fn round_trip_is_stable_and_short() {
        let root = parse_url("").0;
        assert_eq!(root.to_url(), "./");
        assert_eq!(root.lang, Some(Lang::Zh));
        let (s, _) = parse_url("?q=医保 跨省&year=2026,2025&theme=health");
        let url = s.to_url();
        assert_eq!(
            url,
            "?year=2026,2025&theme=health&q=%E5%8C%BB%E4%BF%9D+%E8%B7%A8%E7%9C%81"
        );
        assert_eq!(parse_url(&url).0, s);
    }

    /// Each path of DESIGN.md's contract, as the state it names and back.
    #[test]
    fn every_view_with_an_identity_is_a_path() {
        for (url, check) in [
            ("en/", "en"),
            ("2025/", "list 2025"),
            ("2026/06/", "item 2026-06"),
            ("2024/x1/", "item 2024-x1"),
            ("2026/06/card/", "card 2026-06"),
            ("compare/", "compare"),
            ("compare/2025-2026/", "compare 2025,2026"),
            ("metric/", "metric"),
            ("metric/remote-windows/", "metric remote-windows"),
            ("embed/2026/06/", "embed item 2026-06"),
            (
                "en/embed/metric/remote-windows/",
                "en embed metric remote-windows",
            ),
            ("en/2026/06/?theme-color=abc", "en item 2026-06"),
        ] {
            let (s, notices) = parse_url(url);
            assert!(notices.is_empty(), "{url}: {notices:?}");
            assert_eq!(s.to_url(), url, "{check}");
            let mut words = vec![];
            if s.lang == Some(Lang::En) {
                words.push("en".to_string());
            }
            if s.embed {
                words.push("embed".into());
            }
            match (s.view, &s.item, &s.metric) {
                (View::Card, Some(i), _) => words.push(format!("card {i}")),
                (_, Some(i), _) => words.push(format!("item {i}")),
                (View::Compare, ..) => words.push("compare".into()),
                (View::Metric, _, m) => {
                    words.extend(["metric".into()].into_iter().chain(m.clone()))
                }
                _ if !s.years.is_empty() => words.push("list".into()),
                _ => {}
            }
            words.extend((!s.years.is_empty()).then(|| {
                s.years
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            }));
            assert_eq!(words.join(" "), check, "{url}");
        }
    }

    #[test]
    fn a_path_is_the_same_page_written_loosely() {
        let page = parse_url("2026/06/").0;
        for url in [
            "2026/06",
            "/2026/06/",
            "2026/06/index.html",
            "./2026/06/#main",
        ] {
            assert_eq!(parse_url(url), (page.clone(), vec![]), "{url}");
        }
        // The path decides what it names; the query keeps its filters.
        let (s, _) = parse_url("2026/06/card/?item=2025-01&view=compare&status=completed&dark=1");
        assert_eq!(s.to_url(), "2026/06/card/?dark=1");
        assert_eq!(parse_url("compare/2026-2025/").1.len(), 1);
        assert_eq!(
            parse_url("?view=compare&year=2026,2025").0.to_url(),
            "compare/2025-2026/"
        );
        assert_eq!(
            parse_url("?view=compare&year=2026,2024").0.to_url(),
            "compare/?year=2026,2024"
        );
    }

    #[test]
    fn every_old_contract_url_means_what_it_meant() {
        #[derive(serde::Deserialize)]
        struct Frozen {
            cases: Vec<(String, String)>,
        }
        let frozen: Frozen =
            serde_json::from_str(include_str!("../tests/first-contract.json")).unwrap();
        assert!(frozen.cases.len() >= 10);
        for (old, new) in frozen.cases {
            let (s, notices) = parse_url(&old);
            assert!(notices.is_empty(), "{old}: {notices:?}");
            assert_eq!(s.to_url(), new, "{old}");
        }
    }

    #[test]
    fn a_path_that_is_no_page_shows_every_list_with_a_notice() {
        for url in [
            "foo/",
            "2026/06/07/",
            "embed/2026/06/card/",
            "compare/2024-2026/",
            "metric/A/",
            "zh/",
        ] {
            let (s, notices) = parse_url(url);
            assert_eq!(s.to_url(), "./", "{url}");
            assert_eq!(notices.len(), 1, "{url}");
            assert_eq!(notices[0].reason, Reason::NoSuchPage);
            assert!(notices[0]
                .message(Lang::En)
                .contains(url.trim_end_matches('/')));
        }
        // The language of the page stays, with what the query says.
        assert_eq!(parse_url("en/nothing/?q=x").0.to_url(), "en/?q=x");
    }

    #[test]
    fn comparisons_use_two_or_more_years() {
        let listed = [2026, 2025, 2024];
        assert_eq!(
            parse("year=2026,2025").0.compare_years(&listed),
            [2025, 2026]
        );
        assert_eq!(
            parse("year=2026").0.compare_years(&listed),
            [2024, 2025, 2026]
        );
        assert_eq!(parse("").0.compare_years(&listed), [2024, 2025, 2026]);
    }

    #[test]
    fn a_sites_address_ends_in_a_slash_or_is_refused_with_the_reason() {
        assert_eq!(
            site_address("https://pledges.example.org").unwrap(),
            "https://pledges.example.org/"
        );
        assert_eq!(
            site_address("http://example.org/news/pledges").unwrap(),
            "http://example.org/news/pledges/"
        );
        assert_eq!(
            site_path("https://example.org/news/pledges/"),
            "/news/pledges/"
        );
        assert_eq!(site_path("https://pledges.example.org/"), "/");
        for (bad, why) in [
            ("pledges.example.org", "absolute"),
            ("ftp://example.org/", "absolute"),
            ("https://example.org/\"><script>", "\'\"\'"),
            ("https://example.org/a b/", "' '"),
            ("https://例子.org/", "punycode"),
            ("https://example.org/?x=1", "query"),
            ("https:///path/", "no host"),
            ("", "absolute"),
        ] {
            let e = site_address(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn full_view_drops_embed_styling_only() {
        let (s, _) = parse_url("embed/2026/06/?dark=1&accent=abc");
        assert_eq!(s.full_view().to_url(), "2026/06/");
    }

    #[test]
    fn restricting_to_the_data_drops_what_is_not_there() {
        let index: Index = crate::load::parse_index(
            r#"{"schema":1,"data_version":"t","updated":"x","default_year":2026,
            "years":[{"year":2026,"file":"2026.json","items_published":10,"items_in_data":10}],
            "themes":[{"key":"health","name":{"zh":"卫生"}}]}"#,
        )
        .unwrap();
        let (mut s, _) = parse("year=2026,2031&theme=health,space&lead=x&metric=y&item=2031-01");
        let n = s.restrict_to(&index);
        assert_eq!(s.years, [2026]);
        assert_eq!(s.themes, ["health"]);
        assert_eq!(
            (s.lead.clone(), s.metric.clone(), s.item.clone()),
            (None, None, None)
        );
        assert_eq!(n.len(), 5);
        assert!(n.iter().all(|n| n.reason == Reason::NotInData));
    }
}
