//! Memory a 1 MiB paste costs beyond its own text: wasm memory never shrinks, so whatever the
//! page allocates while reading a huge paste stays with the tab until it is closed. Budgets in
//! bytes, counted by a global allocator (machine-independent; no timing).
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use tokenlens::{inspect, share};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most `f` had allocated at once beyond what was live before it, and its result.
fn peak_of<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let out = f();
    (PEAK.load(Relaxed).saturating_sub(before), out)
}

/// A 1 MiB access log with thousands of URL parameters and one bearer token near the end (the
/// benchmark's huge paste).
fn big_log(token: &str) -> String {
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0;
    while text.len() < (1 << 20) - token.len() - 200 {
        text.push_str(&format!(
            "2026-11-30T05:{:02}:00.000Z INFO request 1234abcd-{i:08} GET /api/orders?page={i}&size=50 status=200 duration_ms={}\n",
            i % 60,
            i % 97
        ));
        i += 1;
    }
    text.push_str("2026-11-30T06:00:00.000Z DEBUG Authorization: Bearer ");
    text.push_str(token);
    text
}

const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
    eyJzdWIiOiJhIiwiZXhwIjoxNzAwMDAwMDAwLCJiaWciOjEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzfQ.c2ln";

/// Everything in one test: the counter is global, and tests in one binary run in parallel.
#[test]
fn reading_a_1_mib_log_costs_far_less_memory_than_the_log_itself() {
    let text = big_log(TOKEN);
    assert!(text.len() > 1_000_000);

    // Finding the token: the URL parameters are judged one at a time, never collected.
    let (peak, overview) = peak_of(|| inspect::overview(&text));
    assert_eq!(
        overview.candidates.len(),
        1,
        "the token in the log is found"
    );
    assert!(
        peak < 64 * 1024,
        "finding the tokens took {peak} bytes at once"
    );

    // Reading it as a gateway answer: at most the bounded lower-case copy it searches.
    let (peak, _) = peak_of(|| inspect::response_view(&text));
    assert!(
        peak <= tokenlens::diagnose::response::MAX_INPUT + 64 * 1024,
        "reading the log as an answer took {peak} bytes at once"
    );

    // A share link with the token finds it again, the same way.
    let input = share::ShareInput {
        text: text.clone(),
        ..share::ShareInput::default()
    };
    let (peak, encoded) = peak_of(|| share::encode(&input, share::Mode::FullToken));
    assert!(
        encoded.fragment.len() > TOKEN.len() / 2,
        "the link carries the token"
    );
    assert!(
        peak < 64 * 1024,
        "making the share link took {peak} bytes at once"
    );
}
