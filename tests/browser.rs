//! Browser tests: the real app mounted in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Header `{"alg":"HS256","typ":"JWT"}`, payload `{"sub":"browser-test","big":12345678901234567890123}`.
const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJicm93c2VyLXRlc3QiLCJiaWciOjEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzfQ.c2lnbmF0dXJl";

fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<tokenlens::web::app::App>::with_root(root.clone()).render();
    root
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The text of `selector` once it is shown: the claims and the closed evidence follow the
/// verdict's first paint (at the latest a second after mounting).
async fn text_when_shown(root: &Element, selector: &str) -> Option<String> {
    for _ in 0..60 {
        if let Some(text) = text_of(root, selector) {
            return Some(text);
        }
        sleep(50).await;
        yew::scheduler::flush().await;
    }
    None
}

#[wasm_bindgen_test]
async fn app_mounts_and_shows_the_decoded_demo_token() {
    let root = mount();
    yew::scheduler::flush().await;
    assert!(text_of(&root, "[data-testid=demo-note]").is_some());
    let header = text_of(&root, "[data-testid=header-json]").expect("demo header rendered");
    assert!(header.contains("\"alg\": \"RS256\""), "header was {header}");
    assert!(
        root.query_selector_all("[data-testid=candidate]")
            .unwrap()
            .length()
            >= 2
    );
}

#[wasm_bindgen_test]
async fn pasting_a_bearer_token_renders_its_claims_exactly() {
    let root = mount();
    yew::scheduler::flush().await;
    let area: HtmlTextAreaElement = root
        .query_selector("#token-input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value(&format!("Authorization: Bearer {TOKEN}"));
    let event = web_sys::InputEvent::new("input").unwrap();
    area.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;

    assert!(text_of(&root, "[data-testid=demo-note]").is_none());
    let payload = text_when_shown(&root, "[data-testid=payload-json]")
        .await
        .expect("payload rendered");
    assert!(
        payload.contains("\"sub\": \"browser-test\""),
        "payload was {payload}"
    );
    assert!(
        payload.contains("12345678901234567890123"),
        "payload was {payload}"
    );
    assert_eq!(
        text_of(&root, "tr[data-claim=sub] td[data-col=value]").as_deref(),
        Some("\"browser-test\"")
    );
    assert_eq!(area.value(), format!("Authorization: Bearer {TOKEN}"));
}

/// Regression: any fragment that was not a share link used to be pasted as a token, so a page
/// opened at `#section` showed "not base64url" instead of the demo.
#[wasm_bindgen_test]
async fn a_plain_anchor_fragment_is_neither_a_share_link_nor_a_paste() {
    let location = web_sys::window().unwrap().location();
    location.set_hash("section-2").unwrap();
    let root = mount();
    yew::scheduler::flush().await;
    location.set_hash("").unwrap();
    assert!(text_of(&root, "[data-testid=demo-note]").is_some());
    assert!(text_of(&root, "[data-testid=link-error]").is_none());
    assert!(text_of(&root, "[data-testid=input-message]").is_none());
}

#[wasm_bindgen_test]
async fn the_demo_answers_the_classic_case_send_the_id_token() {
    let root = mount();
    yew::scheduler::flush().await;
    let lead = text_of(&root, "[data-testid=answer] li.lead [data-testid=headline]")
        .expect("a leading answer");
    assert!(lead.contains("Send the ID token"), "lead was {lead}");
    assert!(text_of(&root, "[data-testid=demo-clock]").is_some());
}

/// Regression (issue 9): a configuration-only link left the paste empty, so the demo showed under
/// it. The address is now read before the first render, and a link never shows the demo.
#[wasm_bindgen_test]
async fn a_configuration_link_shows_no_demo_under_it() {
    let input = tokenlens::share::ShareInput {
        jwks_url: "https://example.com/jwks.json".to_owned(),
        ..Default::default()
    };
    let fragment = tokenlens::share::encode(&input, tokenlens::share::Mode::Config).fragment;
    let location = web_sys::window().unwrap().location();
    location.set_hash(&fragment).unwrap();
    let root = mount();
    yew::scheduler::flush().await;
    location.set_hash("").unwrap();
    assert!(text_of(&root, "[data-testid=demo-note]").is_none());
    assert!(text_of(&root, "[data-testid=answer-empty]").is_some());
}
