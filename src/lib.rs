//! # leverage-cascade
//!
//! A model of leverage cascades on a perpetual-futures venue, small enough to run in a browser
//! slider loop. A population of traders holds isolated-margin positions at various leverages; an
//! exogenous shock moves the price; every position whose equity falls to its maintenance margin is
//! liquidated by a market order; those orders move the price through a book of finite depth that
//! refills over time; and the new price breaches the next positions. Each tick has two phases:
//! find every breach at the current mark, then clear the tick's forced flow once. Circuit
//! breakers, partial ("managed") liquidation, a backstop vault and tiered margin are the
//! mitigations the model lets you switch on; an insurance fund and auto-deleveraging settle losses
//! past bankruptcy.
//!
//! [`model`] is plain Rust (no clock, I/O or unseeded randomness); [`render`] draws charts on any
//! plotters backend; [`read`] is the reader the JavaScript API reads params with, generic over
//! where values come from (so it runs natively too); the `wasm` module (wasm32 only) is the thin
//! JavaScript binding.
#![warn(missing_docs)]

pub use leverage_cascade_model as model;
pub mod read;
pub mod render;

// Public only so tests/web.rs can call the exports from Rust; JavaScript is its real audience.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;
