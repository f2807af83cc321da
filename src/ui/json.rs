//! The browser's own JSON parser as the core's `decode::Node`: the page's
//! module carries no parser of its own (serde_json's was 8.7 KB gzip of
//! it). Only a failed parse sends the text back to the core, whose
//! `load::not_json` says where and how it fails.

use wasm_bindgen::prelude::*;

use crate::decode::{Kind, Node};
use crate::load::LoadError;

#[wasm_bindgen]
extern "C" {
    // `js_sys::JSON::parse` takes a Rust string: the text would be copied
    // into the module and back out for nothing.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// `text` (a JS string) parsed, or why it is not JSON.
pub fn parse(text: &JsValue) -> Result<JsValue, LoadError> {
    json_parse(text).map_err(|_| crate::load::not_json(&text.as_string().unwrap_or_default()))
}

impl Node for JsValue {
    fn kind(&self) -> Kind {
        if self.is_null() || self.is_undefined() {
            Kind::Null
        } else if self.as_bool().is_some() {
            Kind::Bool
        } else if self.as_f64().is_some() {
            Kind::Number
        } else if self.is_string() {
            Kind::String
        } else if js_sys::Array::is_array(self) {
            Kind::List
        } else {
            Kind::Object
        }
    }

    fn is_null(&self) -> bool {
        JsValue::is_null(self) || self.is_undefined()
    }

    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn elements(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).to_vec())
    }

    fn field(&self, key: &str) -> Option<Self> {
        // A plain `get`, which also finds what objects inherit: no field of
        // the data format is named like one (`constructor`, `toString`…).
        js_sys::Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
    }
}
