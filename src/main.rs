#[cfg(target_arch = "wasm32")]
fn main() {
    tokenlens::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tokenlens runs in the browser: see README.md for the command that serves it.");
}
