//! `pages <dist> <sources> [root]`: writes the site's pages into a built site
//! (`cargo xtask build` runs it after the shell step and before the steps
//! that read the final pages: the CSP and the offline step). See
//! `pages::write_site`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (dist, sources, root) = match args.as_slice() {
        [dist, sources] => (dist, sources, "/".to_string()),
        [dist, sources, root] => (dist, sources, root.to_string_lossy().into_owned()),
        _ => {
            eprintln!("usage: pages <built site folder> <archived sources folder> [site root]");
            return ExitCode::FAILURE;
        }
    };
    match pages::write_site(dist, sources, &root) {
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
