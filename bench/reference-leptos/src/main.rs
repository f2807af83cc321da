//! One heading and one paragraph, rendered in the browser after the WASM
//! loads: what any Leptos CSR page costs before it shows anything.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <main>
                <h1>"长三角实事 · YRD Pledges"</h1>
                <p>"长三角一体化发展年度实事项目。The Yangtze River Delta's yearly joint public-service pledges."</p>
            </main>
        }
    });
}
