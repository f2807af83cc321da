#[cfg(target_arch = "wasm32")]
fn main() {
    yrd_pledges::ui::start();
}

// Natively the crate is the tested core; the binary only exists for Trunk.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
