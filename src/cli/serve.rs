//! `hyoka serve`: the round's settings, then the page (`crate::serve`).

use super::{load_forms, parse_year, ServeArgs};
use crate::check::CheckConfig;
use crate::read::Limits;
use crate::serve::selfcheck::CheckSettings;
use crate::serve::ServeState;

pub fn run(args: &ServeArgs) -> anyhow::Result<u8> {
    let mut forms = load_forms(&args.common)?;
    let settings = crate::config::load(args.config.as_deref())?;
    let file_config = settings.as_ref().map(|(c, _)| c);
    if let Some(c) = file_config {
        c.apply_to_forms(&mut forms)?;
    }
    let config = CheckConfig {
        submission_year: file_config
            .and_then(|c| c.fiscal_year.as_deref())
            .map(parse_year)
            .transpose()?,
        departments: file_config.and_then(|c| c.department_list()),
    };
    let state = ServeState::new(
        CheckSettings {
            forms,
            config,
            limits: Limits::default(),
        },
        std::env::temp_dir(),
        args.common.lang,
        args.max_checks,
    );
    crate::serve::run(
        args.addr,
        state,
        args.max_upload_mb.saturating_mul(1024 * 1024),
    )?;
    Ok(super::EXIT_CLEAN)
}
