//! `pages <dist> <sources> [--site-url URL]`: writes the site's pages into a
//! built site (`cargo xtask build` runs it after the shell step and before
//! the steps that read the final pages: the CSP and the offline step). See
//! `pages::write_site`; the site's address is checked by
//! `url_state::site_address`.

use std::path::PathBuf;
use std::process::ExitCode;

use yrd_pledges::url_state::site_address;

const USAGE: &str = "usage: pages <built site folder> <archived sources folder> [--site-url URL]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dist, sources, address) = match args.as_slice() {
        [dist, sources] => (dist, sources, None),
        [dist, sources, flag, url] if flag == "--site-url" => (dist, sources, Some(url)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let address = match address.map(|a| site_address(a)).transpose() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("pages: --site-url: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (dist, sources) = (PathBuf::from(dist), PathBuf::from(sources));
    match pages::write_site(&dist, &sources, address.as_deref()) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pages: {e}");
            ExitCode::FAILURE
        }
    }
}
