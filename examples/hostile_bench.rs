//! Times the hostile inputs of issue 11 against the budget: 50 ms up to 1 MiB of input, 500 ms
//! up to 10 MiB. Prints `case | size | ms | budget | ok` so a quadratic path shows up before a
//! user meets it. Not a test: `scripts/hostile.sh` runs it in release mode and fails when a row
//! is over budget. The inputs are the ones `tests/native/hostile.rs` checks for their outcome.

#[path = "../tests/native/hostile/cases.rs"]
mod cases;

use cases::*;
use std::hint::black_box;
use std::time::Instant;
use tokenlens::jose::jwk::{parse_jwks, parse_key_input, KeySet, SecretEncoding};
use tokenlens::jose::{parse_unverified, Parsed};
use tokenlens::{input, inspect, verify};

const NOW: i64 = 1_767_225_600;

/// The budget for an input of `bytes`.
fn budget_ms(bytes: usize) -> f64 {
    if bytes <= MIB {
        50.0
    } else {
        500.0
    }
}

struct Row {
    case: String,
    bytes: usize,
    ms: f64,
}

/// Runs per case; the fastest is reported (the others measure the machine's load).
fn runs() -> usize {
    std::env::var("HOSTILE_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
}

/// Best of [`runs`] runs of `f`, in milliseconds.
fn time<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..runs())
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn keys(text: &str) -> KeySet {
    parse_jwks(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn verify_token(token: &str, set: &KeySet) -> verify::Verification {
    match parse_unverified(token) {
        Ok(Parsed::Jws(jwt)) => verify::verify(&jwt, &[set]),
        _ => verify::Verification::default(),
    }
}

/// The whole paste → view path for the first candidate, as the page runs it on a keystroke.
fn pipeline(text: &str) -> usize {
    let overview = inspect::overview(text);
    let (target, _) = inspect::target(&inspect::Fields::new());
    let facts = tokenlens::diagnose::facts_of_all(&overview.extraction.candidates, &[]);
    // As the page does: the decoded view and the key hints read the facts' parse.
    let views = overview
        .extraction
        .candidates
        .first()
        .zip(facts.first())
        .map(|(c, f)| {
            let view = inspect::decoded_view_of(c, f.parsed.as_deref());
            let hints = inspect::key_hints_of(f);
            view.problems.len()
                + inspect::claim_times(&view, NOW, &|_| 0).len()
                + usize::from(hints.kid.is_some())
        })
        .unwrap_or(0);
    let diagnosis = inspect::diagnosis_view(&overview, &facts, 0, &[], &target, NOW, 0);
    views + usize::from(diagnosis.is_some()) + overview.candidates.len()
}

/// The groups of cases, by the start of their names.
const GROUPS: [&str; 11] = [
    "deep repeated keys",
    "1,097 P-521 keys",
    "10000 pasted keys",
    "100000 pasted keys",
    "mixed paste",
    "URL parameters",
    "token-like noise",
    "eyJ. repeated",
    "invisible characters",
    "REST regex",
    "presets file",
];

/// The rows timed so far, and the optional filter (the first argument: only cases whose name
/// contains it are timed, e.g. to profile one case under callgrind with `HOSTILE_RUNS=1`).
struct Bench {
    filter: Option<String>,
    rows: Vec<Row>,
}

impl Bench {
    /// Is a group of cases (named by the start of their names) built? Yes when the filter names
    /// this group, or names no group at all (`extract` is looked for in every group).
    fn wants(&self, group: &str) -> bool {
        let names = |f: &str, g: &str| f.starts_with(g) || g.contains(f);
        self.filter
            .as_deref()
            .is_none_or(|f| names(f, group) || !GROUPS.iter().any(|g| names(f, g)))
    }

    fn times(&self, case: &str) -> bool {
        self.filter.as_deref().is_none_or(|f| case.contains(f))
    }

    fn case<T>(&mut self, case: &str, bytes: usize, f: impl FnMut() -> T) {
        if self.times(case) {
            let ms = time(f);
            self.rows.push(Row {
                case: case.to_owned(),
                bytes,
                ms,
            });
        }
    }
}

fn main() {
    let mut bench = Bench {
        filter: std::env::args().nth(1),
        rows: Vec::new(),
    };

    if bench.wants("deep repeated keys") {
        for size in [63 * KIB, 172 * KIB, MIB] {
            let token = deep_duplicate_keys_token(size);
            bench.case("deep repeated keys: decode", token.len(), || {
                parse_unverified(&token)
            });
            bench.case("deep repeated keys: extract", token.len(), || {
                input::extract(&token)
            });
            bench.case("deep repeated keys: paste → view", token.len(), || {
                pipeline(&token)
            });
        }
    }

    if bench.wants("1,097 P-521 keys") {
        let set_text = p521_key_set(P521_KEYS_IN_FETCH_CAP, true);
        bench.case("1,097 P-521 keys: parse", set_text.len(), || {
            keys(&set_text)
        });
        let set = keys(&set_text);
        let bare_set = keys(&p521_key_set(P521_KEYS_IN_FETCH_CAP, false));
        let tampered = es512_tampered();
        bench.case(
            "1,097 P-521 keys: ES512, kid key fails",
            set_text.len(),
            || verify_token(&tampered, &set),
        );
        let no_kid = es512_without_kid();
        bench.case(
            "1,097 P-521 keys: ES512 without kid",
            set_text.len(),
            || verify_token(&no_kid, &bare_set),
        );
        let hs = hs256_token();
        bench.case(
            "1,097 P-521 keys: HS256 (key confusion)",
            set_text.len(),
            || verify_token(&hs, &bare_set),
        );
    }

    for n in [10_000, 100_000] {
        let case = format!("{n} pasted keys, repeated kids");
        if bench.wants(&case) {
            let text = repeated_kid_key_set(n, 1_000);
            bench.case(&case, text.len(), || {
                parse_key_input(&text, SecretEncoding::Text).map(|s| s.duplicate_kids().len())
            });
        }
    }

    for size in [MIB, 10 * MIB] {
        if bench.wants("mixed paste") {
            let text = mixed_paste(size);
            bench.case("mixed paste: extract", text.len(), || input::extract(&text));
            bench.case("mixed paste: paste → view", text.len(), || {
                pipeline(&text)
            });
        }
        if bench.wants("URL parameters") {
            let text = url_parameters(size);
            bench.case("URL parameters: extract", text.len(), || {
                input::extract(&text)
            });
            bench.case("URL parameters: paste → view", text.len(), || {
                pipeline(&text)
            });
        }
    }

    if bench.wants("token-like noise") {
        let noise = "eyJhbGciOiJIUzI1NiJ9eyJhbGciOiJIUzI1NiJ9\n".repeat(50_000);
        bench.case("token-like noise: extract", noise.len(), || {
            input::extract(&noise)
        });
    }
    if bench.wants("eyJ. repeated") {
        let dots = "eyJ.".repeat(500_000);
        bench.case("eyJ. repeated: extract", dots.len(), || {
            input::extract(&dots)
        });
    }
    if bench.wants("invisible characters") {
        let invisible = token_with_invisible_characters();
        bench.case(
            "invisible characters: paste → view",
            invisible.len(),
            || pipeline(&invisible),
        );
    }

    if bench.wants("REST regex") {
        // Issue 11: a token-validation regex of 20 000 alternatives took 1.26 s.
        let alts: Vec<String> = (0..20_000).map(|i| format!("client{i}")).collect();
        let re = format!("^({})$", alts.join("|"));
        let values = vec!["client19999".to_owned(), "nobody".to_owned()];
        bench.case("REST regex: 20,000 alternatives", re.len(), || {
            tokenlens::diagnose::profiles::rest_cognito::literal_match(&re, &values)
        });
    }
    if bench.wants("presets file") {
        // Issue 11: a presets file at its cap took 0.30 s (quadratic checks).
        let mut profiles: Vec<String> = Vec::new();
        let mut len = 40;
        while len < tokenlens::presets::MAX_BYTES / 2 {
            profiles.push("{}".to_owned());
            len += 3;
        }
        let mut named = 0;
        while len < tokenlens::presets::MAX_BYTES - 100 {
            let p = format!(r#"{{"name":"n{}"}}"#, named / 2);
            len += p.len() + 1;
            profiles.push(p);
            named += 1;
        }
        let body = format!(r#"{{"version":1,"profiles":[{}]}}"#, profiles.join(","));
        bench.case("presets file: at its size cap", body.len(), || {
            tokenlens::presets::parse_presets(body.as_bytes())
                .problems
                .len()
        });
    }

    let mut over = 0;
    println!("| case | size | ms | budget | ok |");
    println!("|---|---:|---:|---:|---|");
    for r in &bench.rows {
        let budget = budget_ms(r.bytes);
        let ok = r.ms <= budget;
        if !ok {
            over += 1;
        }
        println!(
            "| {} | {} | {:.1} | {budget:.0} | {} |",
            r.case,
            size(r.bytes),
            r.ms,
            if ok { "ok" } else { "OVER" }
        );
    }
    // The form scripts/test.sh counts.
    println!("hostile: {} passed, {over} failed", bench.rows.len() - over);
    if over > 0 {
        std::process::exit(1);
    }
}

fn size(bytes: usize) -> String {
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{:.0} KiB", bytes as f64 / KIB as f64)
    }
}
