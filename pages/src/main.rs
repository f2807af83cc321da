//! `pages <dist>`: writes the site's pages into a built site (`cargo xtask
//! build` runs it after Trunk, before the steps that read the final pages:
//! the shell, the CSP and the offline step). For now the site has one page,
//! `index.html`, holding the default view.

use std::path::PathBuf;
use std::process::ExitCode;

use yrd_pledges::url_state::State;

fn main() -> ExitCode {
    let Some(dist) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: pages <built site folder>");
        return ExitCode::FAILURE;
    };
    match write(&dist) {
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

fn write(dist: &std::path::Path) -> Result<String, String> {
    let data = pages::load_dir(&dist.join("data"))?;
    let path = dist.join("index.html");
    let shell = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let page = pages::document(&shell, &data, &State::default())?;
    std::fs::write(&path, &page).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(format!(
        "pages: the default view rendered into index.html ({} → {} bytes)",
        shell.len(),
        page.len()
    ))
}
