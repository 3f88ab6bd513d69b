//! Reading params through the parameter table: the one `Deserialize` of [`Params`].
//!
//! Every key of a params object is looked up in [`super::spec::PARAMS`] by its path
//! (`leverage`, `liquidation.feePct`, `positions[].side`); the row's kind says how to read the
//! value, and the row's place ([`super::spec::slot`]) says where it goes. So a new parameter is
//! read as soon as its row exists, and no second list of fields can fall out of step with the
//! table. Missing fields keep the defaults of `Params::default()`, as do the fields of an object
//! given only in part (`circuitBreaker: {haltTicks: 30}`); the items of a list of objects
//! (`positions`, a custom `marginTiers`) must give every field.
//!
//! One reader serves both paths into the model: serde_json natively ([`Params::from_json`]) and
//! the JS-value reader of the browser (`src/read.rs`). Its messages are serde's, which both turn
//! into [`super::ParamsError`]s the same way: "unknown field `levrage`, expected one of …",
//! "unknown variant `up`, expected `long` or `short`", "must be a whole number, got 2.5"
//! (completed with the row's range), and the type errors of the readers themselves.
//!
//! Why not serde's derive: it writes a field matcher and a value reader for every struct, and
//! in the WebAssembly build those made up the largest single part of the package (issue 16).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::params::{
    not_whole, BreakerReference, CircuitBreaker, ImpactLaw, LiquidationMode, MarginTiers,
    MarkPrice, Params, PositionSpec, SecondVenue, Side, TierSpec, VenueProfile, VenueRules,
    MAX_SEED,
};
use super::spec::{self, Kind, Param, PARAMS};

/// Where the reader puts a row's value.
pub(crate) enum Slot<'a> {
    /// A number.
    Number(&'a mut f64),
    /// A whole number that fits a `u32`.
    Whole(&'a mut u32),
    /// The seed: a whole number up to 2^53.
    Seed(&'a mut u64),
    /// A number, or `null` for none.
    NumberOrNull(&'a mut Option<f64>),
    /// `true` or `false`.
    Bool(&'a mut bool),
    /// One of the row's names.
    Choice(&'a mut dyn Choose),
    /// The circuit breaker, or `null`.
    Breaker(&'a mut Option<CircuitBreaker>),
    /// The second venue, or `null`.
    Venue(&'a mut Option<SecondVenue>),
    /// Explicit positions, or `null`.
    Positions(&'a mut Option<Vec<PositionSpec>>),
    /// A list of numbers (the breaker's levels).
    Levels(&'a mut Vec<f64>),
    /// The margin tiers: a name, `null`, or a list of tiers, whose rows have places of their own.
    Tiers(&'a mut MarginTiers),
}

/// An enum set from the index of its name in its row's list of names.
pub(crate) trait Choose {
    /// Takes the variant of name `i` of the row's list.
    fn choose(&mut self, i: usize);
}

/// Writes [`Choose`] for an enum whose variants come in the order of its row's names (a test in
/// tests/spec.rs reads every name and writes it back).
macro_rules! choose {
    ($($ty:ident: $($variant:ident),+;)*) => {$(
        impl Choose for $ty {
            fn choose(&mut self, i: usize) {
                let all = [$($ty::$variant),+];
                if let Some(v) = all.get(i) {
                    *self = *v;
                }
            }
        }
    )*};
}

choose! {
    Side: Long, Short;
    MarkPrice: Last, Index;
    ImpactLaw: Linear, Sqrt;
    VenueRules: Binance, Hyperliquid;
    LiquidationMode: Full, Partial;
    BreakerReference: Start, RollingHigh;
    VenueProfile: Same, Binance, Hyperliquid;
}

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Params, D::Error> {
        let mut params = Params::default();
        d.deserialize_map(Object { params: &mut params, prefix: "", item: 0, whole: false })?;
        Ok(params)
    }
}

/// An object of params: the params themselves (`prefix` empty), `liquidation`,
/// `circuitBreaker` or `secondVenue`, or item `item` of a list of objects (`positions[]`,
/// `marginTiers[]`), which must give every field (`whole`).
struct Object<'p> {
    params: &'p mut Params,
    prefix: &'static str,
    item: usize,
    whole: bool,
}

impl<'de> Visitor<'de> for Object<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<&'static str> = Vec::new();
        while let Some(key) = map.next_key_seed(KeyOf(self.prefix))? {
            let path = match key {
                Key::Row(row) => PARAMS[row].path,
                Key::Object(path) => path,
            };
            if seen.contains(&path) {
                return Err(de::Error::custom(format!("duplicate field `{}`", last(path))));
            }
            seen.push(path);
            let params = &mut *self.params;
            match key {
                Key::Row(row) => map.next_value_seed(Value { row, params, item: self.item })?,
                Key::Object(prefix) => {
                    map.next_value_seed(Object { params, prefix, item: 0, whole: false })?
                }
            }
        }
        if self.whole {
            if let Some(row) = fields_of(self.prefix).find(|r| !seen.contains(&r.path)) {
                return Err(de::Error::missing_field(last(row.path)));
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Object<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// The rows directly under `prefix` (`""`, `liquidation`, `positions[]`): their paths are
/// `prefix.name` with no further dot.
fn fields_of(prefix: &str) -> impl Iterator<Item = &'static Param> + '_ {
    PARAMS.iter().filter(move |r| under(r.path, prefix).is_some_and(|name| !name.contains('.')))
}

/// `path` without `prefix.` in front (the whole path for an empty prefix), if it has it.
fn under<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    match prefix {
        "" => Some(path),
        _ => path.strip_prefix(prefix)?.strip_prefix('.'),
    }
}

/// The last part of a path: `feePct` of `liquidation.feePct`.
fn last(path: &'static str) -> &'static str {
    path.rsplit('.').next().unwrap_or(path)
}

/// What a key names: a row (its index in [`PARAMS`]), or an object of rows that is not a
/// parameter itself (`liquidation`, which is never null).
#[derive(Clone, Copy)]
enum Key {
    Row(usize),
    Object(&'static str),
}

/// Reads a key under a prefix and finds what it names.
struct KeyOf(&'static str);

impl<'de> DeserializeSeed<'de> for KeyOf {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyOf {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        let path = match self.0 {
            "" => key.to_owned(),
            prefix => format!("{prefix}.{key}"),
        };
        // A key is one name: dots and brackets join names in the table's paths, never in a key
        // (`{"liquidation.feePct": 1}` is not `{"liquidation": {"feePct": 1}}`).
        if !key.contains(['.', '[', ']']) {
            if let Some(row) = PARAMS.iter().position(|r| r.path == path) {
                return Ok(Key::Row(row));
            }
            let object = PARAMS.iter().find_map(|r| {
                let rest = r.path.strip_prefix(path.as_str())?;
                // `get`, not indexing: see `items_of`.
                rest.starts_with('.').then(|| r.path.get(..path.len())).flatten()
            });
            if let Some(object) = object {
                return Ok(Key::Object(object));
            }
        }
        Err(E::custom(format!("unknown field `{key}`, expected one of {}", names_of(self.0))))
    }
}

/// The field names allowed under `prefix`, in table order: "`startPrice`, `traders`, …".
fn names_of(prefix: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    let mut list = String::new();
    for row in PARAMS {
        let Some(rest) = under(row.path, prefix) else { continue };
        let name = rest.split('.').next().unwrap_or(rest);
        if !name.contains('[') && !names.contains(&name) {
            // Written out by hand: `join` would link a generic copy loop of its own into the wasm.
            if !names.is_empty() {
                list.push_str(", ");
            }
            names.push(name);
            list.push('`');
            list.push_str(name);
            list.push('`');
        }
    }
    list
}

/// Reads the value of row `row` (an index into [`PARAMS`]) into its place.
struct Value<'p> {
    row: usize,
    params: &'p mut Params,
    item: usize,
}

impl<'de> DeserializeSeed<'de> for Value<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let Value { row, params, item } = self;
        // Every row the table gives a key to has a place: tests/spec.rs reads them all.
        let Some(slot) = spec::slot(row, params, item) else {
            return Err(de::Error::custom("has no place in the params"));
        };
        match (slot, PARAMS[row].kind) {
            (Slot::Number(x), _) => *x = f64::deserialize(d)?,
            (Slot::Whole(n), _) => {
                let x = f64::deserialize(d)?;
                if x.fract() == 0.0 && x >= 0.0 && x <= f64::from(u32::MAX) {
                    *n = x as u32;
                } else {
                    return Err(not_whole(x));
                }
            }
            // Any whole number up to 2^53: the range check then refuses 2^53 itself, printing it
            // exactly.
            (Slot::Seed(n), _) => {
                let x = f64::deserialize(d)?;
                if x.fract() == 0.0 && x >= 0.0 && x <= (MAX_SEED + 1) as f64 {
                    *n = x as u64;
                } else {
                    return Err(not_whole(x));
                }
            }
            (Slot::NumberOrNull(x), _) => *x = Option::<f64>::deserialize(d)?,
            (Slot::Bool(b), _) => *b = bool::deserialize(d)?,
            (Slot::Choice(c), Kind::Enum(names)) => c.choose(d.deserialize_str(Name(names))?),
            (Slot::Levels(levels), _) => *levels = Vec::<f64>::deserialize(d)?,
            (Slot::Breaker(_) | Slot::Venue(_) | Slot::Positions(_), _) => {
                d.deserialize_option(Nullable { row, params })?
            }
            (Slot::Tiers(tiers), Kind::NamesOrList(names)) => {
                // Cleared first: a list of tiers is read into the rows' own places.
                *tiers = MarginTiers::None;
                d.deserialize_any(Tiers { names, params })?
            }
            _ => return Err(de::Error::custom("has a place of the wrong kind")),
        }
        Ok(())
    }
}

/// One of a row's names, as its index.
struct Name(&'static [&'static str]);

impl<'de> Visitor<'de> for Name {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        self.0.iter().position(|n| *n == s).ok_or_else(|| E::unknown_variant(s, self.0))
    }
}

/// A row that is an object or a list of objects, or `null`: the breaker, the second venue, the
/// explicit positions.
struct Nullable<'p> {
    row: usize,
    params: &'p mut Params,
}

impl<'de> Visitor<'de> for Nullable<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match PARAMS[self.row].kind {
            Kind::List => "an array or null",
            _ => "an object or null",
        })
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        match spec::slot(self.row, self.params, 0) {
            Some(Slot::Breaker(b)) => *b = None,
            Some(Slot::Venue(v)) => *v = None,
            Some(Slot::Positions(p)) => *p = None,
            _ => {}
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let Nullable { row, params } = self;
        let path = PARAMS[row].path;
        match spec::slot(row, params, 0) {
            Some(Slot::Breaker(b)) => *b = Some(CircuitBreaker::default()),
            Some(Slot::Venue(v)) => *v = Some(SecondVenue::default()),
            Some(Slot::Positions(p)) => {
                *p = Some(Vec::new());
                let prefix = items_of(path);
                let (blank, unblank) = (blank_position as fn(&mut Params), unblank_position);
                return d.deserialize_seq(Items { prefix, params, blank, unblank });
            }
            _ => {}
        }
        d.deserialize_map(Object { params, prefix: path, item: 0, whole: false })
    }
}

/// The prefix of a list's items: `positions[]` for `positions`. `'static` because the item
/// rows hold it.
fn items_of(list: &'static str) -> &'static str {
    PARAMS
        .iter()
        .find_map(|r| {
            let rest = r.path.strip_prefix(list)?;
            // `get`, not indexing: a slice that cannot panic keeps core's panic message for
            // strings (and its Unicode tables) out of the wasm.
            rest.starts_with("[]").then(|| r.path.get(..list.len() + 2)).flatten()
        })
        .unwrap_or(list)
}

/// A position whose fields the reader is about to fill; the reader refuses it unless every
/// field is given.
fn blank_position(params: &mut Params) {
    if let Some(list) = &mut params.positions {
        let nan = f64::NAN;
        list.push(PositionSpec { side: Side::Long, notional: nan, leverage: nan, entry: nan });
    }
}

/// A tier the reader is about to fill, like [`blank_position`].
fn blank_tier(params: &mut Params) {
    if let MarginTiers::Custom(rows) = &mut params.margin_tiers {
        let nan = f64::NAN;
        rows.push(TierSpec { up_to_notional: nan, max_leverage: nan, maintenance_pct: nan });
    }
}

/// The items of a list of objects, each given whole: `blank` adds one for the reader to fill,
/// `unblank` takes back the one added for an element that was not there.
struct Items<'p> {
    prefix: &'static str,
    params: &'p mut Params,
    blank: fn(&mut Params),
    unblank: fn(&mut Params),
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Items { prefix, params, blank, unblank } = self;
        for item in 0.. {
            blank(params);
            let object = Object { params: &mut *params, prefix, item, whole: true };
            if seq.next_element_seed(object)?.is_none() {
                unblank(params);
                break;
            }
        }
        Ok(())
    }
}

/// Takes back the last blank position.
fn unblank_position(params: &mut Params) {
    params.positions.as_mut().map(Vec::pop);
}

/// Takes back the last blank tier.
fn unblank_tier(params: &mut Params) {
    if let MarginTiers::Custom(rows) = &mut params.margin_tiers {
        rows.pop();
    }
}

/// The margin tiers: `null`, one of the row's names, or a list of tiers.
struct Tiers<'p> {
    names: &'static [&'static str],
    params: &'p mut Params,
}

impl<'de> Visitor<'de> for Tiers<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("null, \"none\", \"standard\", \"strict\" or a list of tiers")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<(), E> {
        let named = [MarginTiers::None, MarginTiers::Standard, MarginTiers::Strict];
        match self.names.iter().position(|n| *n == name).and_then(|i| named.get(i)) {
            Some(tiers) => {
                self.params.margin_tiers = tiers.clone();
                Ok(())
            }
            None => Err(E::custom(format!(
                "must be null, \"none\", \"standard\", \"strict\" or a list of tiers, got \"{name}\""
            ))),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.params.margin_tiers = MarginTiers::Custom(Vec::new());
        let prefix = items_of("marginTiers");
        Items { prefix, params: self.params, blank: blank_tier, unblank: unblank_tier }
            .visit_seq(seq)
    }
}
