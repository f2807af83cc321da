//! How much of a long list is built. A page at a time on request ("Show
//! more"), and within a page only what the reader is near: after a change
//! of filter, the first few cards, then more as the reader scrolls towards
//! them. A keystroke over 10,000 items then builds a screen's worth of
//! cards, not a page's.

/// Cards in a page of the list. The build pre-renders the first page
/// whole, and "Show more" adds a page at once.
pub const PAGE: usize = 30;
/// Cards built at once after the list changes: on a phone, the filters
/// and the year's summary fill the first screen, and four cards reach a
/// screen below it; a wider window has more built as it shows the marker.
pub const FIRST: usize = 4;
/// Cards added each time the reader comes within a screen of the last.
pub const BATCH: usize = 6;

/// The list built so far, for the filter (`key`) it was built for. Read
/// for any other filter, it is that filter's fresh start; so is the
/// default, a list with nothing on screen yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Extent<K> {
    key: Option<K>,
    page_end: usize,
    built: usize,
}

impl<K> Default for Extent<K> {
    fn default() -> Self {
        Extent {
            key: None,
            page_end: PAGE,
            built: FIRST,
        }
    }
}

impl<K: PartialEq + Clone> Extent<K> {
    /// The first page whole, as the pre-rendered page shows it: taking
    /// over that page changes nothing on screen.
    pub fn whole_page(key: K) -> Self {
        Self::of(key, PAGE, PAGE)
    }

    fn of(key: K, page_end: usize, built: usize) -> Self {
        Extent {
            key: Some(key),
            page_end,
            built,
        }
    }

    fn is_for(&self, key: &K) -> bool {
        self.key.as_ref() == Some(key)
    }

    /// How many of the list's first items have cards.
    pub fn built(&self, key: &K) -> usize {
        if self.is_for(key) {
            self.built
        } else {
            FIRST
        }
    }

    /// Where the pages asked for end: beyond it, "Show more".
    pub fn page_end(&self, key: &K) -> usize {
        if self.is_for(key) {
            self.page_end
        } else {
            PAGE
        }
    }

    /// Whether cards of the pages asked for are still to be built, for a
    /// list of `len` items.
    pub fn growing(&self, key: &K, len: usize) -> bool {
        self.built(key) < self.page_end(key).min(len)
    }

    /// A batch more, within the pages asked for.
    pub fn grown(&self, key: &K) -> Self {
        let page_end = self.page_end(key);
        Self::of(
            key.clone(),
            page_end,
            (self.built(key) + BATCH).min(page_end),
        )
    }

    /// Every card of the pages asked for: a printed list is whole.
    pub fn filled(&self, key: &K) -> Self {
        let page_end = self.page_end(key);
        Self::of(key.clone(), page_end, page_end)
    }

    /// The next page, built at once: it is asked for by a button, where
    /// the reader is.
    pub fn next_page(&self, key: &K) -> Self {
        let page_end = self.page_end(key) + PAGE;
        Self::of(key.clone(), page_end, page_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_is_whole_until_the_filter_changes() {
        let e = Extent::whole_page("a");
        assert_eq!((e.built(&"a"), e.page_end(&"a")), (PAGE, PAGE));
        assert!(!e.growing(&"a", 1000));
        assert_eq!((e.built(&"b"), e.page_end(&"b")), (FIRST, PAGE));
        assert!(e.growing(&"b", 1000));
        assert!(!e.growing(&"b", FIRST), "a short list is built whole");
    }

    #[test]
    fn a_list_with_nothing_on_screen_starts_with_a_screen_full() {
        let e = Extent::default();
        assert_eq!((e.built(&"a"), e.page_end(&"a")), (FIRST, PAGE));
        assert_eq!(e.grown(&"a").built(&"a"), FIRST + BATCH);
    }

    #[test]
    fn growing_stops_at_the_end_of_the_pages_asked_for() {
        let mut e = Extent::whole_page("a");
        let mut steps = 0;
        while e.growing(&"b", 1000) {
            e = e.grown(&"b");
            steps += 1;
        }
        assert_eq!(e.built(&"b"), PAGE);
        assert_eq!(steps, (PAGE - FIRST).div_ceil(BATCH));
        assert_eq!(e.grown(&"b").built(&"b"), PAGE);
        let filled = Extent::whole_page("a").grown(&"b").filled(&"b");
        assert_eq!((filled.built(&"b"), filled.page_end(&"b")), (PAGE, PAGE));
    }

    #[test]
    fn the_next_page_is_built_whole_and_a_new_filter_starts_again() {
        let e = Extent::whole_page("a").grown(&"b").next_page(&"b");
        assert_eq!((e.built(&"b"), e.page_end(&"b")), (2 * PAGE, 2 * PAGE));
        assert_eq!((e.built(&"c"), e.page_end(&"c")), (FIRST, PAGE));
        assert_eq!(
            e.built(&"a"),
            FIRST,
            "going back to a filter starts it again too"
        );
    }
}
