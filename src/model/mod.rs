//! The cascade model: pure Rust, deterministic for given params.
//!
//! Entry points: [`simulate()`] runs one market; [`compare`] runs one population under the four
//! mitigation scenarios the page shows side by side.

#![warn(missing_docs)]

pub mod breaker;
pub mod buyers;
pub mod cycles;
pub mod error;
pub mod explore;
mod fill;
pub mod index;
pub mod liquidation;
pub mod liquidity;
pub mod margin;
pub mod market;
mod num;
pub mod outcome;
pub mod params;
pub mod population;
pub mod presets;
pub mod record;
pub mod rng;
pub mod scratch;
pub mod simulate;
pub mod spec;
pub mod words;

pub use error::{ErrorKind, ParamsError};
pub use liquidation::Audit;
pub use outcome::{Event, EventKind, LiquidationMap, Outcome, Series, Summary};
pub use params::{
    BreakerReference, CircuitBreaker, ImpactLaw, LiquidationMode, LiquidationParams, MarginTiers,
    MarkPrice, Params, PositionSpec, SecondVenue, Side, TierSpec, VenueProfile, VenueRules,
};
pub use scratch::Scratch;
pub use simulate::{audit, compare, simulate, Builds, Comparison, PopulationCache};

/// Version of the model's behaviour. It changes whenever the same params could give a different
/// outcome, so a shared link can say which model it was made with.
pub const MODEL_VERSION: &str = "6";
