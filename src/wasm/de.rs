//! Where the reader of `crate::read` gets its values in the browser: JS values. The reader itself
//! (unknown keys refused, NaN kept, paths in errors) is target-independent, so natively it runs
//! on its twin `read::Value`, and the fuzz target and native tests drive the same code.

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use crate::read::{excerpt, Kind, Source};

impl Source for JsValue {
    fn is_nullish(&self) -> bool {
        self.is_undefined() || self.is_null()
    }

    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }

    fn kind(&self) -> Option<Kind<Self>> {
        Some(if self.is_nullish() {
            Kind::Unit
        } else if let Some(b) = self.as_bool() {
            Kind::Bool(b)
        } else if let Some(x) = self.as_f64() {
            Kind::Number(x)
        } else if let Some(s) = JsValue::as_string(self) {
            Kind::Str(s)
        } else if let Some(array) = self.dyn_ref::<Array>() {
            Kind::Seq(array.iter().collect())
        } else {
            Kind::Map(plain_object_entries(self)?)
        })
    }

    fn describe(&self) -> String {
        if self.is_bigint() {
            "a BigInt".to_owned()
        } else if self.is_function() {
            "a function".to_owned()
        } else if self.is_symbol() {
            "a symbol".to_owned()
        } else {
            "an object that is not plain data".to_owned()
        }
    }

    fn type_name(&self) -> String {
        if self.is_null() {
            "null".to_owned()
        } else if Array::is_array(self) {
            "array".to_owned()
        } else {
            self.js_typeof().as_string().unwrap_or_else(|| "unknown".to_owned())
        }
    }
}

/// The own enumerable `[key, value]` pairs of a plain object (one whose prototype is
/// `Object.prototype` of some realm, or `null`); `None` for anything else. Keys whose value is
/// `undefined` are left out, so `{leverage: undefined}` means "leverage takes its default".
fn plain_object_entries(value: &JsValue) -> Option<Vec<(String, JsValue)>> {
    let obj = value.dyn_ref::<Object>()?;
    if value.is_function() || Array::is_array(value) {
        return None;
    }
    let proto = Object::get_prototype_of(obj);
    if !proto.is_null() && !Object::get_prototype_of(&proto).is_null() {
        return None;
    }
    let entries = Object::entries(obj);
    let mut out = Vec::with_capacity(entries.length() as usize);
    for pair in entries.iter() {
        let pair: Array = pair.unchecked_into();
        let value = pair.get(1);
        if value.is_undefined() {
            continue;
        }
        // Object.entries gives string keys only.
        out.push((excerpt(&pair.get(0).as_string().unwrap_or_default()), value));
    }
    Some(out)
}
