//! Which engine made the signature checks of a plan: the browser's WebCrypto (what the page
//! uses) or RustCrypto (native builds, what WebCrypto lacks, the second opinion).
//!
//! Owns [`Engine`] and [`Engines`], a count for the page to say who checked. Must not check
//! anything itself.

use super::Outcome;

/// Which engine made a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The browser's `crypto.subtle`.
    WebCrypto,
    /// RustCrypto (in wasm or native).
    RustCrypto,
}

/// How many of a plan's checks each engine made (checks not made, [`Outcome::NotRun`] and
/// [`Outcome::WorkerFailed`], are not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Engines {
    /// Checks made by WebCrypto.
    pub webcrypto: usize,
    /// Checks made by RustCrypto.
    pub rustcrypto: usize,
}

impl Engines {
    /// Counts the checks made, from one `(engine, outcome)` per attempt.
    pub fn of(made: &[(Engine, Outcome)]) -> Engines {
        let mut e = Engines::default();
        for (engine, outcome) in made {
            if !outcome.made() {
                continue;
            }
            match engine {
                Engine::WebCrypto => e.webcrypto += 1,
                Engine::RustCrypto => e.rustcrypto += 1,
            }
        }
        e
    }

    /// Every check made by RustCrypto (the native path and the second opinion).
    pub fn rustcrypto_only(outcomes: &[Outcome]) -> Engines {
        Engines {
            webcrypto: 0,
            rustcrypto: outcomes.iter().filter(|o| o.made()).count(),
        }
    }

    /// A stable name for `data-engine`: `webcrypto`, `rustcrypto`, `webcrypto+rustcrypto`, or
    /// `none` when no signature check was made.
    pub fn name(&self) -> &'static str {
        match (self.webcrypto > 0, self.rustcrypto > 0) {
            (true, false) => "webcrypto",
            (false, true) => "rustcrypto",
            (true, true) => "webcrypto+rustcrypto",
            (false, false) => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_not_made_are_not_counted_and_the_name_says_who_checked() {
        let made = [
            (Engine::WebCrypto, Outcome::Verified),
            (Engine::RustCrypto, Outcome::NotRun),
        ];
        assert_eq!(Engines::of(&made).name(), "webcrypto");
        let mixed = [
            (Engine::WebCrypto, Outcome::NotVerified),
            (Engine::RustCrypto, Outcome::Verified),
        ];
        assert_eq!(Engines::of(&mixed).name(), "webcrypto+rustcrypto");
        assert_eq!(Engines::of(&[]).name(), "none");
        let failed = [(
            Engine::RustCrypto,
            Outcome::WorkerFailed {
                reason: "the RustCrypto worker did not load".into(),
            },
        )];
        assert_eq!(Engines::of(&failed).name(), "none");
        assert_eq!(
            Engines::rustcrypto_only(&[Outcome::Verified, Outcome::NotRun]),
            Engines {
                webcrypto: 0,
                rustcrypto: 1
            }
        );
    }
}
