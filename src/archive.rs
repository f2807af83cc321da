//! The archived source texts in `sources/`: one file per article,
//! `sources/<slug>.txt`, a small header, a blank line, then the text as it
//! was extracted. This is the one reader of that format (`DATA.md`,
//! "Archived sources", describes it for editors):
//!
//! ```text
//! publication: 潮新闻
//! headline: 沪苏浙皖共推十件实事 事关每个"长三角人"
//! date: 2025-06-07
//! url: https://tidenews.com.cn/news.html?id=3145521
//!
//! 培育3000家放心商店、……
//! ```
//!
//! Each header line is `key: value`, one of [`KEYS`]; `publication` and
//! `headline` are required, each key at most once.

/// The header keys, in the order an editor writes them.
pub const KEYS: &[&str] = &[
    "publication",
    "headline",
    "date",
    "author",
    "url",
    "note",
    "note-en",
];

/// One archived source: its header and its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archive {
    /// Who published it, as far as the text says (Chinese, as in the data).
    pub publication: String,
    /// The headline as printed, or what stands in for it where none is given.
    pub headline: String,
    /// ISO date or a year, where known.
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// What a reader should know about this copy (excerpts, a transcription),
    /// in Chinese and in English.
    pub note: Option<String>,
    pub note_en: Option<String>,
    /// The article's text after its headline, as extracted.
    pub text: String,
}

/// Reads an archived source. The error says which line is wrong.
pub fn parse(file: &str) -> Result<Archive, String> {
    let file = file.strip_prefix('\u{feff}').unwrap_or(file);
    let mut a = Archive::default();
    let mut seen: Vec<&str> = Vec::new();
    let mut lines = file.split_inclusive('\n');
    let mut n = 0;
    loop {
        n += 1;
        let Some(line) = lines.next() else {
            return Err("no blank line after the header, so no text".into());
        };
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            break;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("line {n}: expected `key: value`, found {line:?}"))?;
        let key = key.trim();
        let value = value.trim();
        let Some(key) = KEYS.iter().copied().find(|k| *k == key) else {
            return Err(format!(
                "line {n}: unknown key {key:?} (known: {})",
                KEYS.join(", ")
            ));
        };
        if seen.contains(&key) {
            return Err(format!("line {n}: {key} given twice"));
        }
        seen.push(key);
        if value.is_empty() {
            return Err(format!("line {n}: {key} is empty (leave the line out)"));
        }
        let value = value.to_string();
        match key {
            "publication" => a.publication = value,
            "headline" => a.headline = value,
            "date" => a.date = Some(value),
            "author" => a.author = Some(value),
            "url" => a.url = Some(value),
            "note" => a.note = Some(value),
            _ => a.note_en = Some(value),
        }
    }
    for required in ["publication", "headline"] {
        if !seen.contains(&required) {
            return Err(format!("the header has no {required}"));
        }
    }
    a.text = lines.collect();
    if a.text.trim().is_empty() {
        return Err("no text after the header".into());
    }
    Ok(a)
}

/// Whether `s` can name an archive: lowercase ASCII letters and digits in
/// words joined by single hyphens (`tide-2025-06-07-ten-practical-matters`).
/// The slug is the file name under `sources/` without `.txt`, and the page's
/// path (`./sources/<slug>/`), so it must read well in a URL.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_and_keeps_the_text_as_it_is() {
        let a = parse(
            "publication: 潮新闻\nheadline: 标题: 副题\ndate: 2025-06-07\n\
             url: https://example.com/a?id=1\n\n第一行\n\n  第二行\n",
        )
        .unwrap();
        assert_eq!(a.publication, "潮新闻");
        assert_eq!(a.headline, "标题: 副题");
        assert_eq!(a.date.as_deref(), Some("2025-06-07"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a?id=1"));
        assert_eq!(a.author, None);
        assert_eq!(a.text, "第一行\n\n  第二行\n");
        let crlf = parse("publication: p\r\nheadline: h\r\n\r\ntext\r\n").unwrap();
        assert_eq!(crlf.headline, "h");
        assert_eq!(crlf.text, "text\r\n");
    }

    #[test]
    fn refuses_a_header_it_cannot_read() {
        let err = |s: &str| parse(s).unwrap_err();
        assert!(err("headline: h\n\ntext").contains("no publication"));
        assert!(err("publication: p\n\ntext").contains("no headline"));
        assert!(err("publication: p\nheadline: h\ntext").contains("line 3"));
        assert!(err("publication: p\nheadline: h\n").contains("no blank line"));
        assert!(err("publication: p\nheadline: h\n\n \n").contains("no text"));
        assert!(err("publication: p\nheadline: h\nsource: s\n\nt").contains("unknown key"));
        assert!(err("publication: p\nheadline: h\nheadline: i\n\nt").contains("twice"));
        assert!(err("publication: p\nheadline: h\ndate:\n\nt").contains("empty"));
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert!(is_slug("anhui-2026-05-22-yrd-practical-matters-list"));
        assert!(is_slug("cctv"));
        for bad in ["", "-a", "a-", "a--b", "A-b", "a_b", "a.txt", "a/b", "种子"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }
}
