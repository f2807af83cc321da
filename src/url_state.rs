//! The public URL contract: all state lives in the query string of one page
//! (see DESIGN.md). Parsing is total — any string gives a usable state plus
//! a list of notices for what was ignored — because a mistyped shared link
//! must still show something useful.

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

impl View {
    pub fn key(self) -> &'static str {
        match self {
            View::List => "list",
            View::Compare => "compare",
            View::Metric => "metric",
            View::Card => "card",
        }
    }
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

impl State {
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

    /// The query string for this state, with the leading `?` (or empty).
    /// Defaults are left out so shared links stay short; order is fixed so
    /// the same state always gives the same link.
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if self.view != View::List {
            out.append_pair("view", self.view.key());
        }
        if let Some(m) = &self.metric {
            out.append_pair("metric", m);
        }
        if !self.years.is_empty() {
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
        if let Some(i) = &self.item {
            out.append_pair("item", i);
        }
        if let Some(l) = self.lang {
            out.append_pair("lang", l.code());
        }
        if self.embed {
            out.append_pair("embed", "1");
        }
        if self.dark {
            out.append_pair("dark", "1");
        }
        if let Some(a) = &self.accent {
            out.append_pair("theme-color", a.trim_start_matches('#'));
        }
        let q = out.finish().replace("%2C", ",");
        if q.is_empty() {
            q
        } else {
            format!("?{q}")
        }
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
        crate::model::sort_years(&mut ys);
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
        assert_eq!(parse(&s.to_query()).0, s);
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
        assert_eq!(State::default().to_query(), "");
        let (s, _) = parse("q=医保 跨省&year=2026,2025&theme=health");
        let q = s.to_query();
        assert_eq!(
            q,
            "?year=2026,2025&theme=health&q=%E5%8C%BB%E4%BF%9D+%E8%B7%A8%E7%9C%81"
        );
        assert_eq!(parse(&q).0, s);
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
    fn full_view_drops_embed_styling_only() {
        let (s, _) = parse("embed=1&dark=1&accent=abc&item=2026-06");
        assert_eq!(s.full_view().to_query(), "?item=2026-06");
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
