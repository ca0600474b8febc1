//! 提出 links: a department is who the office says it is. The office issues one link per 課
//! (`hyoka round links`); the token in it is random (256 bits) and the round keeps only its
//! SHA-256, so the round folder holds no credential. Issuing again replaces the 課's link;
//! revoking removes it. Once a round has links, 提出 needs one, and submits only as its 課.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One 課's link as the round keeps it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Link {
    pub department: String,
    /// SHA-256 of the token, hex.
    pub hash: String,
    pub issued: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    links: Vec<Link>,
}

/// The links of a round, in `ROUND/.hyoka/links.json`.
pub struct Links {
    path: PathBuf,
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Links {
    pub fn of_round(round: &Path) -> Links {
        Links {
            path: round
                .join(crate::outcome::ROUND_STATE_DIR)
                .join("links.json"),
        }
    }

    /// The links issued, in the order issued; none when the file is not there.
    pub fn issued(&self) -> anyhow::Result<Vec<Link>> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => {
                let s: Stored = serde_json::from_str(&text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", self.path.display()))?;
                Ok(s.links)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(anyhow::anyhow!("{}: {e}", self.path.display())),
        }
    }

    fn save(&self, links: Vec<Link>) -> anyhow::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("links.{}.part", std::process::id()));
        std::fs::write(&tmp, serde_json::to_string_pretty(&Stored { links })?)?;
        std::fs::rename(&tmp, &self.path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", self.path.display()))
    }

    /// A new link for the 課, replacing its earlier one; the token, shown once.
    pub fn issue(&self, department: &str) -> anyhow::Result<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("random token: {e}"))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut links = self.issued()?;
        links.retain(|l| l.department != department);
        links.push(Link {
            department: department.to_string(),
            hash: digest(&token),
            issued: super::clock::now().0,
        });
        self.save(links)?;
        Ok(token)
    }

    /// Removes the 課's link; whether there was one.
    pub fn revoke(&self, department: &str) -> anyhow::Result<bool> {
        let mut links = self.issued()?;
        let before = links.len();
        links.retain(|l| l.department != department);
        let removed = links.len() != before;
        if removed {
            self.save(links)?;
        }
        Ok(removed)
    }

    /// The 課 a token is the link of.
    pub fn department_of(&self, token: &str) -> Option<String> {
        let token = token.trim();
        if token.is_empty() {
            return None;
        }
        let hash = digest(token);
        self.issued()
            .ok()?
            .into_iter()
            .find(|l| l.hash == hash)
            .map(|l| l.department)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_proves_its_department_until_replaced_or_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let links = Links::of_round(dir.path());
        assert!(links.issued().unwrap().is_empty());
        let a = links.issue("職員課").unwrap();
        let b = links.issue("総務課").unwrap();
        assert_eq!(links.department_of(&a).as_deref(), Some("職員課"));
        assert_eq!(links.department_of(&b).as_deref(), Some("総務課"));
        assert_eq!(links.department_of("made-up"), None);
        assert_eq!(links.department_of(""), None);
        // Only the hash is kept.
        let kept = std::fs::read_to_string(&links.path).unwrap();
        assert!(!kept.contains(&a) && kept.contains(&digest(&a)));
        // Issued again: the old link no longer works.
        let a2 = links.issue("職員課").unwrap();
        assert_eq!(links.department_of(&a), None);
        assert_eq!(links.department_of(&a2).as_deref(), Some("職員課"));
        assert!(links.revoke("職員課").unwrap());
        assert!(!links.revoke("職員課").unwrap());
        assert_eq!(links.department_of(&a2), None);
        assert_eq!(links.issued().unwrap().len(), 1);
    }
}
