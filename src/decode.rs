//! The typed model from a parsed JSON tree, written out by hand, over any
//! parser's tree (`Node`): serde_json's natively, the browser's own
//! `JSON.parse` in the page (`ui/json.rs`), so the page's module carries no
//! JSON parser at all (8.7 KB gzip of it).
//!
//! Why not serde's derive: its `Deserialize` code is generated once per
//! type and per field, and for this model it was the largest single part of
//! the module every visit downloads. Parsing to one `serde_json::Value` and
//! walking it here measured 273.2 → 262.8 KB gzip for the main WASM.
//! It also lets an error name where it is: `items[3].targets[0].value:
//! expected a number, found a string`.
//!
//! The rules (DATA.md) are the derive's, kept deliberately:
//! - unknown fields are ignored, so an older app reads a newer file;
//! - a field that may be absent is also allowed to be `null`;
//! - a closed vocabulary (status, comparison, scope, kind) reads an unknown
//!   word as `Other`, so a new value degrades instead of failing the year;
//! - anything else of the wrong type or missing fails the file, with the
//!   path to the field.
//!
//! One difference: a key given twice in an object keeps its last value
//! (the tree keeps one), where the derive refused the file. The shipped
//! data is checked for that at test time instead (`tests/data.rs`).

// Each struct is filled field by field into its default rather than built
// in one literal: with a literal, every `?` has its own clean-up of the
// fields read before it, where one drop of the whole value serves them all
// here (0.9 KB gzip of the page's module).
#![allow(clippy::field_reassign_with_default)]

use serde_json::Value;

use crate::model::*;

/// What a JSON value is, for a message that says what was found instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    List,
    Object,
}

/// One value of a parsed JSON tree.
pub trait Node: Sized {
    fn kind(&self) -> Kind;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    /// A list's elements.
    fn elements(&self) -> Option<Vec<Self>>;
    /// An object's field, `None` when it is absent. Asked only of a value
    /// whose kind is `Object`.
    fn field(&self, key: &str) -> Option<Self>;
    // The two questions asked of every field: each a single test where a
    // parser can answer it without working out the kind.
    fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }
    fn is_object(&self) -> bool {
        self.kind() == Kind::Object
    }
}

impl Node for &Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::List,
            Value::Object(_) => Kind::Object,
        }
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        self.as_array().map(|a| a.iter().collect())
    }
    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
}

/// What is wrong, and where (outermost key first once complete).
#[derive(Debug, PartialEq)]
pub struct ShapeError {
    path: Vec<String>,
    message: String,
}

impl ShapeError {
    fn new(message: String) -> Self {
        ShapeError {
            path: Vec::new(),
            message,
        }
    }

    fn expected<N: Node>(what: &str, found: &N) -> Self {
        let found = match found.kind() {
            Kind::Null => "null",
            Kind::Bool => "true or false",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::List => "a list",
            Kind::Object => "an object",
        };
        ShapeError::new(format!("expected {what}, found {found}"))
    }

    // Paths are built on the way out, innermost first.
    fn at(mut self, segment: String) -> Self {
        self.path.push(segment);
        self
    }
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut path = String::new();
        for seg in self.path.iter().rev() {
            if !seg.starts_with('[') && !path.is_empty() {
                path.push('.');
            }
            path.push_str(seg);
        }
        if path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{path}: {}", self.message)
        }
    }
}

type R<T> = Result<T, ShapeError>;

/// A model type read from its JSON value.
pub trait Decode: Sized {
    fn decode<N: Node>(v: &N) -> R<Self>;
}

/// The fields of one JSON object.
struct Obj<'a, N>(&'a N);

impl<'a, N: Node> Obj<'a, N> {
    fn of(v: &'a N) -> R<Self> {
        if v.is_object() {
            Ok(Obj(v))
        } else {
            Err(ShapeError::expected("an object", v))
        }
    }

    fn req<T: Decode>(&self, key: &str) -> R<T> {
        match self.0.field(key) {
            None => Err(ShapeError::new(format!("missing field {key}"))),
            Some(v) => T::decode(&v).map_err(|e| e.at(key.to_string())),
        }
    }

    fn opt<T: Decode>(&self, key: &str) -> R<Option<T>> {
        match self.0.field(key) {
            None => Ok(None),
            Some(v) if v.is_null() => Ok(None),
            Some(v) => T::decode(&v).map(Some).map_err(|e| e.at(key.to_string())),
        }
    }

    fn or_default<T: Decode + Default>(&self, key: &str) -> R<T> {
        self.opt(key).map(Option::unwrap_or_default)
    }
}

/// The `schema` field of a data file's top level, if it has one: read
/// before the rest, so a file for a newer app is reported as newer rather
/// than as the wrong shape. (Anything but an object has none; its shape
/// error comes from the full decode.)
pub fn schema<N: Node>(top: &N) -> R<Option<u32>> {
    match Obj::of(top) {
        Ok(fields) => fields.opt("schema"),
        Err(_) => Ok(None),
    }
}

impl Decode for String {
    fn decode<N: Node>(v: &N) -> R<Self> {
        v.string()
            .ok_or_else(|| ShapeError::expected("a string", v))
    }
}

impl Decode for f64 {
    fn decode<N: Node>(v: &N) -> R<Self> {
        match v.number() {
            Some(n) if n.is_finite() => Ok(n),
            // `JSON.parse` reads a number beyond a double's range as
            // infinite, where serde_json refuses the text: either way the
            // file fails, and no infinity reaches a chart's scale.
            Some(_) => Err(ShapeError::new(
                "expected a number, found one too large to use".into(),
            )),
            None => Err(ShapeError::expected("a number", v)),
        }
    }
}

/// A whole number from the f64 every JSON number is in the browser (so
/// `3.0` reads as 3, as `JSON.parse` cannot tell them apart).
fn whole<N: Node>(v: &N, max: u64) -> R<u64> {
    let Some(n) = v.number() else {
        return Err(ShapeError::expected("a whole number", v));
    };
    if n.fract() == 0.0 && n >= 0.0 && n <= max as f64 {
        return Ok(n as u64);
    }
    // Integers are printed as integers: printing a float would bring the
    // float printer into the page's module.
    let found = if !n.is_finite() || n.abs() >= 1e15 {
        "a larger number".to_string()
    } else if n.fract() != 0.0 {
        "a fraction".to_string()
    } else {
        (n as i64).to_string()
    };
    Err(ShapeError::new(format!(
        "expected a whole number from 0 to {max}, found {found}"
    )))
}

impl Decode for u16 {
    fn decode<N: Node>(v: &N) -> R<Self> {
        whole(v, u16::MAX.into()).map(|n| n as u16)
    }
}

impl Decode for u32 {
    fn decode<N: Node>(v: &N) -> R<Self> {
        whole(v, u32::MAX.into()).map(|n| n as u32)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let list = v
            .elements()
            .ok_or_else(|| ShapeError::expected("a list", v))?;
        // A loop: collecting `Result`s goes through an iterator adapter
        // that was a few KB of the page's module for each element type.
        let mut out = Vec::with_capacity(list.len());
        for (i, x) in list.iter().enumerate() {
            out.push(T::decode(x).map_err(|e| e.at(format!("[{i}]")))?);
        }
        Ok(out)
    }
}

/// A word of a closed vocabulary; `None` for one this version does not know.
fn word<N: Node, T: Copy>(v: &N, words: &[(&str, T)]) -> R<Option<T>> {
    let s = v
        .string()
        .ok_or_else(|| ShapeError::expected("a string", v))?;
    Ok(words.iter().find(|(w, _)| *w == s).map(|(_, t)| *t))
}

impl Decode for Status {
    fn decode<N: Node>(v: &N) -> R<Self> {
        // The model's own vocabulary, which the URL's `status` reads too.
        let s = v
            .string()
            .ok_or_else(|| ShapeError::expected("a string", v))?;
        Ok(Status::from_key(&s).unwrap_or(Status::Other))
    }
}

impl Decode for Cmp {
    fn decode<N: Node>(v: &N) -> R<Self> {
        use Cmp::*;
        let words = [
            ("exactly", Exactly),
            ("at_least", AtLeast),
            ("more_than", MoreThan),
            ("at_most", AtMost),
            ("about", About),
        ];
        Ok(word(v, &words)?.unwrap_or(Other))
    }
}

impl Decode for Scope {
    fn decode<N: Node>(v: &N) -> R<Self> {
        use Scope::*;
        let words = [("new", New), ("cumulative", Cumulative), ("level", Level)];
        Ok(word(v, &words)?.unwrap_or(Other))
    }
}

impl Decode for FigureKind {
    fn decode<N: Node>(v: &N) -> R<Self> {
        use FigureKind::*;
        let words = [("target", Target), ("outcome", Outcome)];
        Ok(word(v, &words)?.unwrap_or(Other))
    }
}

impl Decode for Text {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Text::default();
        d.zh = o.req("zh")?;
        d.en = o.opt("en")?;
        Ok(d)
    }
}

impl Decode for Index {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Index::default();
        d.schema = o.req("schema")?;
        d.data_version = o.req("data_version")?;
        d.updated = o.req("updated")?;
        d.default_year = o.req("default_year")?;
        d.years = o.req("years")?;
        d.themes = o.or_default("themes")?;
        d.leads = o.or_default("leads")?;
        d.metrics = o.or_default("metrics")?;
        d.sources = o.or_default("sources")?;
        Ok(d)
    }
}

impl Decode for YearEntry {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = YearEntry::default();
        d.year = o.req("year")?;
        d.file = o.req("file")?;
        d.items_published = o.req("items_published")?;
        d.items_in_data = o.req("items_in_data")?;
        Ok(d)
    }
}

impl Decode for Vocab {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Vocab::default();
        d.key = o.req("key")?;
        d.name = o.req("name")?;
        Ok(d)
    }
}

impl Decode for MetricDef {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = MetricDef::default();
        d.key = o.req("key")?;
        d.name = o.req("name")?;
        d.unit = o.req("unit")?;
        d.description = o.opt("description")?;
        Ok(d)
    }
}

impl Decode for Source {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Source::default();
        d.id = o.req("id")?;
        d.headline = o.req("headline")?;
        d.publication = o.req("publication")?;
        d.date = o.req("date")?;
        d.author = o.opt("author")?;
        d.url = o.opt("url")?;
        d.archive = o.req("archive")?;
        d.note = o.opt("note")?;
        Ok(d)
    }
}

impl Decode for YearData {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = YearData::default();
        d.schema = o.req("schema")?;
        d.year = o.req("year")?;
        d.list_title = o.req("list_title")?;
        d.items_published = o.req("items_published")?;
        d.completeness_note = o.opt("completeness_note")?;
        d.forum = o.opt("forum")?;
        d.outcome = o.opt("outcome")?;
        d.progress = o.or_default("progress")?;
        d.items = o.req("items")?;
        d.figures = o.or_default("figures")?;
        d.stats = o.or_default("stats")?;
        d.best_practices = o.opt("best_practices")?;
        d.cooperation = o.opt("cooperation")?;
        Ok(d)
    }
}

impl Decode for Forum {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Forum::default();
        d.edition = o.req("edition")?;
        d.name = o.req("name")?;
        d.city = o.req("city")?;
        d.date = o.opt("date")?;
        d.quote = o.req("quote")?;
        d.source = o.req("source")?;
        Ok(d)
    }
}

impl Decode for Quoted {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Quoted::default();
        d.text = o.req("text")?;
        d.quote = o.req("quote")?;
        d.source = o.req("source")?;
        Ok(d)
    }
}

impl Decode for Progress {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Progress::default();
        d.date = o.opt("date")?;
        d.wording = o.req("wording")?;
        d.quote = o.req("quote")?;
        d.source = o.req("source")?;
        Ok(d)
    }
}

impl Decode for NamedList {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = NamedList::default();
        d.total = o.req("total")?;
        d.named = o.req("named")?;
        d.quote = o.req("quote")?;
        d.source = o.req("source")?;
        Ok(d)
    }
}

impl Decode for StatArea {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = StatArea::default();
        d.key = o.req("key")?;
        d.name = o.req("name")?;
        d.headline = o.req("headline")?;
        d.facts = o.req("facts")?;
        Ok(d)
    }
}

impl Decode for StatFact {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = StatFact::default();
        d.text = o.req("text")?;
        d.figures = o.or_default("figures")?;
        d.quote = o.req("quote")?;
        d.source = o.req("source")?;
        Ok(d)
    }
}

impl Decode for Item {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Item::default();
        d.id = o.req("id")?;
        d.number = o.opt("number")?;
        d.title = o.req("title")?;
        d.lead_text = o.opt("lead_text")?;
        d.leads = o.or_default("leads")?;
        d.content = o.opt("content")?;
        d.themes = o.or_default("themes")?;
        d.status = o.req("status")?;
        d.status_quote = o.opt("status_quote")?;
        d.progress = o.or_default("progress")?;
        d.targets = o.or_default("targets")?;
        d.outcomes = o.or_default("outcomes")?;
        d.continues = o.or_default("continues")?;
        d.sources = o.req("sources")?;
        d.note = o.opt("note")?;
        Ok(d)
    }
}

impl Decode for Figure {
    fn decode<N: Node>(v: &N) -> R<Self> {
        let o = Obj::of(v)?;
        let mut d = Figure::default();
        d.metric = o.opt("metric")?;
        d.label = o.req("label")?;
        d.value = o.req("value")?;
        d.value_text = o.req("value_text")?;
        d.cmp = o.or_default("cmp")?;
        d.scope = o.or_default("scope")?;
        d.kind = o.or_default("kind")?;
        d.unit = o.req("unit")?;
        d.from_value = o.opt("from_value")?;
        d.quote = o.req("quote")?;
        d.source = o.req("source")?;
        d.attribution = o.opt("attribution")?;
        d.note = o.opt("note")?;
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_name_the_path_to_the_field() {
        let v = json!({"zh": "甲", "en": 3});
        assert_eq!(
            Text::decode(&&v).unwrap_err().to_string(),
            "en: expected a string, found a number"
        );
        let fig = json!({"label": {"zh": "x"}, "value": "ten", "value_text": "十",
                         "unit": {"zh": "个"}, "quote": "q", "source": "s"});
        let item = json!({"id": "2026-01", "title": {"zh": "甲"}, "status": "pledged",
                          "sources": ["s"], "targets": [fig]});
        assert_eq!(
            Item::decode(&&item).unwrap_err().to_string(),
            "targets[0].value: expected a number, found a string"
        );
        let missing = json!({"id": "2026-01", "status": "pledged", "sources": []});
        assert_eq!(
            Item::decode(&&missing).unwrap_err().to_string(),
            "missing field title"
        );
        assert_eq!(
            YearEntry::decode(
                &&json!({"year": 70000, "file": "f", "items_published": 1, "items_in_data": 1})
            )
            .unwrap_err()
            .to_string(),
            "year: expected a whole number from 0 to 65535, found 70000"
        );
        assert_eq!(
            Vec::<u32>::decode(&&json!([1, -2]))
                .unwrap_err()
                .to_string(),
            "[1]: expected a whole number from 0 to 4294967295, found -2"
        );
        assert_eq!(
            u16::decode(&&json!(2.5)).unwrap_err().to_string(),
            "expected a whole number from 0 to 65535, found a fraction"
        );
    }

    /// A number as the browser's parser can give it and serde_json's tree
    /// cannot: infinite.
    struct Number(f64);

    impl Node for Number {
        fn kind(&self) -> Kind {
            Kind::Number
        }
        fn string(&self) -> Option<String> {
            None
        }
        fn number(&self) -> Option<f64> {
            Some(self.0)
        }
        fn elements(&self) -> Option<Vec<Self>> {
            None
        }
        fn field(&self, _: &str) -> Option<Self> {
            None
        }
    }

    #[test]
    fn an_infinite_number_fails_the_field() {
        assert_eq!(
            f64::decode(&Number(f64::INFINITY)).unwrap_err().to_string(),
            "expected a number, found one too large to use"
        );
        assert_eq!(
            u16::decode(&Number(f64::NEG_INFINITY))
                .unwrap_err()
                .to_string(),
            "expected a whole number from 0 to 65535, found a larger number"
        );
        assert_eq!(u32::decode(&Number(3.0)), Ok(3));
        assert_eq!(f64::decode(&Number(-2.5)), Ok(-2.5));
    }

    #[test]
    fn absent_or_null_optional_fields_take_their_default() {
        let item = json!({"id": "2026-01", "title": {"zh": "甲", "en": null}, "status": "completed",
                          "sources": ["s"], "number": null, "themes": null, "colour": "red"});
        let i = Item::decode(&&item).unwrap();
        assert_eq!(i.title.en, None);
        assert_eq!(i.number, None);
        assert!(i.themes.is_empty() && i.targets.is_empty());
        assert_eq!(i.status, Status::Completed);
        // A required field may not be null.
        let null_id =
            json!({"id": null, "title": {"zh": "甲"}, "status": "pledged", "sources": []});
        assert_eq!(
            Item::decode(&&null_id).unwrap_err().to_string(),
            "id: expected a string, found null"
        );
    }

    #[test]
    fn the_schema_is_read_on_its_own() {
        assert_eq!(schema(&&json!({"schema": 2, "items": "ten"})), Ok(Some(2)));
        assert_eq!(schema(&&json!({"schema": null})), Ok(None));
        assert_eq!(schema(&&json!([1, 2])), Ok(None));
        assert_eq!(
            schema(&&json!({"schema": "one"})).unwrap_err().to_string(),
            "schema: expected a whole number, found a string"
        );
    }

    #[test]
    fn unknown_vocabulary_degrades_to_other_but_a_wrong_type_does_not() {
        assert_eq!(Status::decode(&&json!("paused")), Ok(Status::Other));
        assert_eq!(Cmp::decode(&&json!("roughly")), Ok(Cmp::Other));
        assert_eq!(Cmp::decode(&&json!("at_most")), Ok(Cmp::AtMost));
        assert_eq!(Scope::decode(&&json!("cumulative")), Ok(Scope::Cumulative));
        assert_eq!(
            FigureKind::decode(&&json!("outcome")),
            Ok(FigureKind::Outcome)
        );
        assert_eq!(
            Status::decode(&&json!(1)).unwrap_err().to_string(),
            "expected a string, found a number"
        );
    }
}
