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

use crate::validate::squash;

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

/// One sentence of an article as its page shows it, with the anchors of
/// the quotes that start in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub anchors: Vec<String>,
}

/// The article as a reader's page: paragraphs of sentences, each anchored
/// by the quotes from the data that start in it. Blank lines divide the
/// text where a sentence ends before them; elsewhere they are the print
/// layout's (a column's lines, a heading over its text) and stay inside the
/// paragraph as line breaks (`\n` in a sentence's text). Within a block, a
/// line break is dropped between two Chinese characters and is a space
/// elsewhere. The error names a quote the text does not hold (whitespace
/// aside, as the data tests check).
pub fn reading(text: &str, quotes: &[&str]) -> Result<Vec<Vec<Sentence>>, String> {
    let mut paragraphs: Vec<Vec<Sentence>> = Vec::new();
    let mut open = String::new();
    for block in text
        .split("\n\n")
        .map(joined_lines)
        .filter(|b| !b.is_empty())
    {
        if !open.is_empty() {
            open.push('\n');
        }
        open.push_str(&block);
        if ends_sentence(&open) {
            paragraphs.push(sentences(&std::mem::take(&mut open)));
        }
    }
    if !open.is_empty() {
        paragraphs.push(sentences(&open));
    }
    // Where each sentence starts in the text with whitespace removed.
    let mut squashed = String::new();
    let mut starts = Vec::new();
    for (p, para) in paragraphs.iter().enumerate() {
        for (s, sentence) in para.iter().enumerate() {
            starts.push((squashed.len(), p, s));
            squashed.push_str(&squash(&sentence.text));
        }
    }
    for quote in quotes {
        let at = squashed
            .find(&squash(quote))
            .ok_or_else(|| format!("the text does not hold the quote {quote:?}"))?;
        let (_, p, s) = starts
            .iter()
            .rev()
            .find(|(start, ..)| *start <= at)
            .copied()
            .unwrap_or_default();
        let anchor = quote_anchor(quote);
        let sentence = &mut paragraphs[p][s];
        if !sentence.anchors.contains(&anchor) {
            sentence.anchors.push(anchor);
        }
    }
    Ok(paragraphs)
}

/// The anchor a quote has on its article's page: a hash of its words
/// (whitespace aside), so the app can link to it from the quote alone.
pub fn quote_anchor(quote: &str) -> String {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(squash(quote).as_bytes());
    format!("q{:016x}", h.finish())
}

/// A paragraph's lines as one: the print layout's breaks go, with a space
/// only between two characters that are not Chinese.
fn joined_lines(paragraph: &str) -> String {
    let mut out = String::new();
    for line in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        if !out.is_empty() && !wide(out.chars().next_back()) && !wide(line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

const ENDS: &[char] = &['。', '！', '？', '!', '?'];
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '"', '\''];

/// Whether `text` ends at a sentence's end (what closes with it aside).
fn ends_sentence(text: &str) -> bool {
    text.trim_end().trim_end_matches(CLOSERS).ends_with(ENDS)
}

/// `text` cut after each sentence's end (。！？ and the quotes or brackets
/// that close with it).
fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut ended = false;
    for c in text.chars() {
        if ended && !CLOSERS.contains(&c) && !ENDS.contains(&c) {
            out.push(std::mem::take(&mut current));
            ended = false;
        }
        current.push(c);
        ended |= ENDS.contains(&c);
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(|text| Sentence {
            text,
            anchors: Vec::new(),
        })
        .collect()
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

    #[test]
    fn an_article_reads_as_paragraphs_of_sentences() {
        let text = "第一句。第二句“引语。”第三\n句！\n\nA line\nbroken here. 中文\n\n";
        let page = reading(text, &[]).unwrap();
        let texts: Vec<Vec<&str>> = page
            .iter()
            .map(|p| p.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["第一句。", "第二句“引语。”", "第三句！"],
                vec!["A line broken here. 中文"]
            ]
        );
    }

    #[test]
    fn a_blank_line_inside_a_sentence_is_the_layouts_and_keeps_it_whole() {
        // A column's lines, each a block of its own, and a heading over its text.
        let text = "标题\n\n01\n\n品牌；新\n\n推出100项、累计\n\n300项。下一句。\n\n另一段。";
        let page = reading(text, &["新推出100项"]).unwrap();
        assert_eq!(page.len(), 2, "{page:?}");
        assert_eq!(
            page[0][0].text,
            "标题\n01\n品牌；新\n推出100项、累计\n300项。"
        );
        assert_eq!(page[0][0].anchors, [quote_anchor("新推出100项")]);
        assert_eq!(page[0][1].text, "下一句。");
        assert_eq!(page[1][0].text, "另一段。");
    }

    #[test]
    fn each_quote_anchors_the_sentence_it_starts_in_whatever_the_line_breaks() {
        let text = "开头一句。培育3000家\n放心商店，共推\n跨省通办。末句。";
        let quote = "培育3000家放心商店，共推跨省通办。末句";
        let page = reading(text, &[quote, "开头一句", quote]).unwrap();
        assert_eq!(page[0][0].anchors, [quote_anchor("开头一句")]);
        assert_eq!(
            page[0][1].anchors,
            [quote_anchor(quote)],
            "once, however often quoted"
        );
        assert!(page[0][2].anchors.is_empty());
        // The anchor is the quote's, whitespace aside, and differs between quotes.
        assert_eq!(
            quote_anchor("培育3000家\n放心商店"),
            quote_anchor("培育3000家放心商店")
        );
        assert_ne!(quote_anchor("开头一句"), quote_anchor("末句"));
        assert!(quote_anchor("末句").starts_with('q'));
        assert!(reading(text, &["不在文中"])
            .unwrap_err()
            .contains("不在文中"));
    }
}
