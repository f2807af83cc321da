//! Pre-rendering, right after Trunk and before the CSP and offline steps
//! (both read the final page: the CSP hashes its inline scripts, the offline
//! step stamps the page the service worker caches). The default view — the
//! list of the newest year, in Chinese — is rendered by the core
//! (`yrd_pledges::prerender`) from the data in `dist/data/` and written into
//! the page between the `<!--prerender-->` markers, replacing the
//! "Loading…" placeholder; the meta description becomes that year's summary
//! in both languages.

use std::fs;
use std::path::Path;

use yrd_pledges::load::{parse_index, parse_year, Dataset};
use yrd_pledges::model::{Index, Lang};

const START: &str = "<!--prerender-->";
const END: &str = "<!--/prerender-->";
const DESCRIPTION: &str = "<meta name=\"description\" content=\"";

pub struct Summary {
    pub year: u16,
    pub bytes: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pre-rendered the {} list into index.html ({} bytes of markup)",
            self.year, self.bytes
        )
    }
}

/// The built site's `data/index.json`, read through the app's loader.
pub fn dist_index(dist: &Path) -> Result<Index, String> {
    let path = dist.join("data/index.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_index(&text).map_err(|e| format!("data/index.json: {e}"))
}

pub fn post_build(dist: &Path) -> Result<Summary, String> {
    let read = |p: &Path| fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let page_path = dist.join("index.html");
    let html = read(&page_path)?;
    let index = dist_index(dist)?;
    let year = yrd_pledges::prerender::default_year(&index)
        .ok_or("data/index.json lists no year to pre-render")?;
    let file = &index
        .years
        .iter()
        .find(|e| e.year == year)
        .ok_or("the default year has no index entry")?
        .file;
    let parsed = parse_year(&read(&dist.join("data").join(file))?, year)
        .map_err(|e| format!("data/{file}: {e}"))?;
    // Through a `Dataset`, as the app holds it: the statuses a reader sees.
    let mut loaded = Dataset::new(index);
    loaded.put(year, Ok(parsed));
    let (Some(index), Some(data)) = (&loaded.index, loaded.year(year)) else {
        return Err("the default year did not load".into());
    };

    let markup = yrd_pledges::prerender::default_view(index, data);
    // Both languages: the page has one URL, and search engines run no script.
    let description = format!(
        "{} {}",
        yrd_pledges::summary::summary_listed(index, data, Lang::Zh),
        yrd_pledges::summary::summary_listed(index, data, Lang::En)
    );
    let markup = format!("{}{markup}", yrd_pledges::prerender::loading_line());
    let page = insert(&html, &markup, &description)?;
    fs::write(&page_path, page).map_err(|e| format!("{}: {e}", page_path.display()))?;
    Ok(Summary {
        year,
        bytes: markup.len(),
    })
}

/// `html` with the `#boot` block between the markers replaced by the
/// pre-rendered view, and the meta description set. Running it on its own
/// output changes only the markup (the markers stay).
pub fn insert(html: &str, markup: &str, description: &str) -> Result<String, String> {
    let start = html
        .find(START)
        .ok_or("index.html has no <!--prerender--> marker (did Trunk drop comments?)")?;
    let end = html[start..]
        .find(END)
        .map(|i| start + i)
        .ok_or("index.html has no <!--/prerender--> marker")?;
    let mut out = String::with_capacity(html.len() + markup.len());
    out.push_str(&html[..start + START.len()]);
    out.push_str("<div id=\"boot\">");
    out.push_str(markup);
    out.push_str("</div>");
    out.push_str(&html[end..]);
    if let Some(at) = out.find(DESCRIPTION) {
        let from = at + DESCRIPTION.len();
        if let Some(len) = out[from..].find('"') {
            out.replace_range(from..from + len, &yrd_pledges::prerender::esc(description));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<head><meta name=\"description\" content=\"old\"></head><body>\
        <!--prerender--><div id=\"boot\" class=\"boot\"><p>Loading…</p></div><!--/prerender-->\
        <script>x</script></body>";

    #[test]
    fn the_placeholder_is_replaced_and_the_rest_kept() {
        let out = insert(PAGE, "<div class=\"app\">list</div>", "a \"b\" <c>").unwrap();
        assert!(out.contains(
            "<!--prerender--><div id=\"boot\"><div class=\"app\">list</div></div><!--/prerender--><script>x</script>"
        ));
        assert!(!out.contains("Loading…"));
        assert!(out.contains("content=\"a &quot;b&quot; &lt;c&gt;\""));
        // Again on its own output: the same page.
        let again = insert(&out, "<div class=\"app\">list</div>", "a \"b\" <c>").unwrap();
        assert_eq!(again, out);
    }

    #[test]
    fn a_page_without_markers_is_an_error() {
        assert!(insert("<body></body>", "x", "y").is_err());
    }
}
