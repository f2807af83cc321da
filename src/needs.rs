//! Which year files a view needs, and when. A phone should download what it
//! shows: the first screen waits only for the years at its top, the rest of
//! the view's years follow once that screen is up, and years the view does
//! not show are left for idle time (or never, to save data).
//!
//! The UI only acts on these answers (`ui::data`); the decisions live here
//! so they are tested natively.

use crate::model::{newest_first, parse_item_id};
use crate::url_state::{State, View};

/// The years a state needs, split by urgency. Both lists are newest first
/// and hold listed years only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearNeeds {
    /// What the view's first screen shows: fetched before anything else.
    pub first: Vec<u16>,
    /// What the view also shows further down (older years of the list, the
    /// links of an item to other years): fetched once the first screen is up.
    pub later: Vec<u16>,
}

impl YearNeeds {
    /// Every year the view shows: it is complete only when all are loaded
    /// (or have failed).
    pub fn all(&self) -> Vec<u16> {
        newest_first(&[self.first.as_slice(), &self.later].concat())
    }
}

/// The year the default view opens on (the newest listed): the one the
/// page's starter fetches ahead of the app.
pub fn default_year(index: &crate::model::Index) -> Option<u16> {
    top_year(&State::default(), &index.listed_years())
}

/// The year at the top of `state`'s view, whose summary describes the page.
pub fn top_year(state: &State, listed: &[u16]) -> Option<u16> {
    years_needed(state, listed).first.first().copied()
}

/// The years `state` needs, given the years the index lists.
pub fn years_needed(state: &State, listed: &[u16]) -> YearNeeds {
    let listed = newest_first(listed);
    let others = |first: &[u16]| -> Vec<u16> {
        listed
            .iter()
            .filter(|y| !first.contains(y))
            .copied()
            .collect()
    };
    // An item of an unlisted year is dropped by `State::restrict_to`; the
    // view it was opened from then shows.
    let item_year = state
        .item
        .as_deref()
        .and_then(parse_item_id)
        .map(|(y, _)| y)
        .filter(|y| listed.contains(y));
    if let Some(y) = item_year {
        let first = vec![y];
        // The share card shows the item alone; the detail also names the
        // items it continues and those continuing it, from any year.
        let later = if state.view == View::Card {
            Vec::new()
        } else {
            others(&first)
        };
        return YearNeeds { first, later };
    }
    match state.view {
        // A comparison or a series means nothing with a year missing: all
        // of its years are its first screen.
        View::Compare | View::Metric => YearNeeds {
            first: newest_first(&state.compare_years(&listed)),
            later: Vec::new(),
        },
        View::List | View::Card => {
            let chosen: Vec<u16> = listed
                .iter()
                .filter(|y| state.years.contains(y))
                .copied()
                .collect();
            // The newest year is at the top and the screen opens on it;
            // the others follow, each section saying it is loading and
            // the count that it is partial. Every year when none is chosen.
            let years = if chosen.is_empty() { listed } else { chosen };
            let first: Vec<u16> = years.first().copied().into_iter().collect();
            let later = years[first.len()..].to_vec();
            YearNeeds { first, later }
        }
    }
}

/// How the first screen of a page's view takes the years its query names
/// (`?year=…`), for the page's starter, which asks for them ahead of the
/// app (`<html data-first>`, written by the pages step): `"newest"` for a
/// list (the newest named year), `"all"` for a comparison or a series
/// (every named year, given two), and `None` where the page's path fixes
/// its years (an item, a card, a year, a pair of years) and the query's
/// change nothing. `years_needed` decides; its tests hold this to it.
pub fn first_of_named(page: &State) -> Option<&'static str> {
    if page.item.is_some() || !page.years.is_empty() {
        return None;
    }
    match page.view {
        View::Compare | View::Metric => Some("all"),
        View::List | View::Card => Some("newest"),
    }
}

/// Listed years the state does not need: candidates for fetching at idle,
/// newest first, so a later switch of view or year finds them loaded.
pub fn prefetchable(state: &State, listed: &[u16]) -> Vec<u16> {
    let needed = years_needed(state, listed).all();
    newest_first(listed)
        .into_iter()
        .filter(|y| !needed.contains(y))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::parse;

    const LISTED: [u16; 3] = [2024, 2026, 2025];

    fn needs(q: &str) -> YearNeeds {
        years_needed(&parse(q).0, &LISTED)
    }

    /// What the page's starter asks for, given `first_of_named` of the
    /// page at `path` and the years its query names (all listed).
    fn starter_asks(path: &str, named: &[u16]) -> Vec<u16> {
        let page = crate::url_state::parse_url(path).0;
        let own = years_needed(&page, &LISTED).first;
        let mut named = named.to_vec();
        named.sort_unstable();
        match first_of_named(&page) {
            Some("newest") if !named.is_empty() => vec![*named.last().unwrap()],
            Some("all") if named.len() >= 2 => newest_first(&named),
            _ => own,
        }
    }

    #[test]
    fn the_starter_asks_for_what_the_first_screen_needs() {
        for path in [
            "",
            "en/",
            "2025/",
            "2026/06/",
            "2026/06/card/",
            "compare/",
            "compare/2024-2025/",
            "metric/remote-windows/",
            "embed/2026/",
            "embed/metric/remote-windows/",
        ] {
            for named in [&[][..], &[2025], &[2024, 2026], &[2026, 2025, 2024]] {
                let query: Vec<String> = named.iter().map(u16::to_string).collect();
                let url = if named.is_empty() {
                    path.to_string()
                } else {
                    format!("{path}?year={}", query.join(","))
                };
                let state = crate::url_state::parse_url(&url).0;
                assert_eq!(
                    starter_asks(path, named),
                    years_needed(&state, &LISTED).first,
                    "{url}"
                );
            }
        }
    }

    #[test]
    fn the_default_list_waits_for_its_top_year_only() {
        let n = needs("");
        assert_eq!(n.first, [2026]);
        assert_eq!(n.later, [2025, 2024]);
        assert_eq!(n.all(), [2026, 2025, 2024]);
        assert!(prefetchable(&parse("").0, &LISTED).is_empty());
        // Searching every year is the same list.
        assert_eq!(needs("q=医保&lang=en"), n);
    }

    #[test]
    fn chosen_years_are_all_the_list_needs_the_newest_first() {
        assert_eq!(needs("year=2026").first, [2026]);
        assert!(needs("year=2026").later.is_empty());
        assert_eq!(needs("year=2024,2026").first, [2026]);
        assert_eq!(needs("year=2024,2026").later, [2024]);
        assert_eq!(prefetchable(&parse("year=2026").0, &LISTED), [2025, 2024]);
        // A year the index does not list needs nothing; the list shows every year.
        assert_eq!(needs("year=1999").first, [2026]);
    }

    #[test]
    fn comparisons_and_series_need_every_year_they_compare() {
        assert_eq!(needs("view=compare").first, [2026, 2025, 2024]);
        assert_eq!(needs("view=compare&year=2025,2026").first, [2026, 2025]);
        assert_eq!(
            prefetchable(&parse("view=compare&year=2025,2026").0, &LISTED),
            [2024]
        );
        // One chosen year compares with nothing: all years are compared.
        assert_eq!(needs("view=compare&year=2026").first, [2026, 2025, 2024]);
        assert_eq!(
            needs("view=metric&metric=remote-windows").first,
            [2026, 2025, 2024]
        );
        assert!(needs("view=metric").later.is_empty());
    }

    #[test]
    fn an_item_opens_on_its_own_year_and_links_to_the_others() {
        let n = needs("item=2025-03&year=2026");
        assert_eq!(n.first, [2025]);
        assert_eq!(n.later, [2026, 2024]);
        let embed = needs("embed=1&item=2026-06");
        assert_eq!(embed.first, [2026]);
        let card = needs("view=card&item=2026-06");
        assert_eq!(card.first, [2026]);
        assert!(card.later.is_empty());
        // An item of a year the index does not list falls back to the view.
        assert_eq!(needs("item=1999-01").first, [2026]);
    }

    #[test]
    fn nothing_is_needed_before_the_index_lists_years() {
        assert_eq!(years_needed(&parse("").0, &[]), YearNeeds::default());
        assert_eq!(
            years_needed(&parse("item=2026-01").0, &[]),
            YearNeeds::default()
        );
    }
}
