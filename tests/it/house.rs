//! The house in pipeline order: following the imports of `src/` (`use crate::…`, `crate::…`
//! paths, `super::…` and a folder's use of its own modules), no module leads back to itself;
//! and every reader of workbooks outside `src/read` takes its bytes from `read::admit_path`.

use crate::common::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module of the library: its path (`check::rule`), whether it is a folder's `mod.rs`, and
/// its source without its `#[cfg(test)] mod tests`.
struct Module {
    folder: bool,
    source: String,
}

fn modules() -> BTreeMap<String, Module> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, Module>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().unwrap() != "bin" {
                    walk(&p, root, out);
                }
                continue;
            }
            if p.extension().and_then(|x| x.to_str()) != Some("rs") {
                continue;
            }
            let rel = p.strip_prefix(root).unwrap().with_extension("");
            let parts: Vec<String> = rel
                .iter()
                .map(|s| s.to_string_lossy().to_string())
                .collect();
            let (path, folder) = match parts.last().map(String::as_str) {
                Some("mod") => (parts[..parts.len() - 1].join("::"), true),
                Some("lib") | Some("main") if parts.len() == 1 => (String::new(), true),
                _ => (parts.join("::"), false),
            };
            let text = std::fs::read_to_string(&p).unwrap();
            out.insert(
                path,
                Module {
                    folder,
                    source: without_tests(&text),
                },
            );
        }
    }
    let root = repo().join("src");
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

/// The source without its test modules: tests may use anything.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|l| l.trim_start().starts_with("mod tests"))
        {
            // Skip to the module's closing brace at the indentation it opened at.
            let open = lines.next().unwrap();
            let indent = open.len() - open.trim_start().len();
            let close = format!("{}}}", " ".repeat(indent));
            for l in lines.by_ref() {
                if l == close {
                    break;
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every path the source names: `use` trees expanded, and inline paths.
fn named_paths(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `use a::{b, c::{d, e}};` → a::b, a::c::d, a::c::e.
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        match tree.find('{') {
            Some(open) => {
                let head = tree[..open].trim_end_matches("::");
                // Prose that only looks like a `use` (a comment, a string) has no closing brace.
                let Some(close) = tree.rfind('}').filter(|c| *c > open) else {
                    return;
                };
                let inner = &tree[open + 1..close];
                let (mut depth, mut start) = (0, 0);
                let base = join(prefix, head);
                for (i, c) in inner.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            expand(&base, &inner[start..i], out);
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                expand(&base, &inner[start..], out);
            }
            None if tree.is_empty() => {}
            None => {
                let item = tree.split(" as ").next().unwrap().trim();
                out.push(join(prefix, item));
            }
        }
    }
    fn join(a: &str, b: &str) -> String {
        match (a.is_empty(), b.is_empty()) {
            (true, _) => b.to_string(),
            (_, true) => a.to_string(),
            _ => format!("{a}::{b}"),
        }
    }
    let mut rest = source;
    while let Some(at) = rest.find("use ") {
        let before_ok = at == 0
            || !rest[..at]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let after = &rest[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if before_ok {
            expand("", &after[..end], &mut out);
        }
        rest = &after[end.min(after.len())..];
    }
    // Inline paths: `crate::a::b(…)`, `super::x::y`.
    let bytes: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0
            || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if starts_word && (bytes[i].is_ascii_lowercase()) {
            let mut j = i;
            while j < bytes.len()
                && (bytes[j].is_alphanumeric() || bytes[j] == '_' || bytes[j] == ':')
            {
                j += 1;
            }
            let word: String = bytes[i..j].iter().collect();
            if word.contains("::") {
                out.push(word.trim_end_matches(':').to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The module a path names, from the module that names it; `None` outside the crate.
fn resolve(
    path: &str,
    from: &str,
    folder: bool,
    modules: &BTreeMap<String, Module>,
) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").collect();
    // `self` is the module itself; each `super` is one folder up.
    let mut base: Vec<&str> = from.split("::").filter(|s| !s.is_empty()).collect();
    let absolute: Vec<&str> = match segs.first().copied() {
        Some("crate") => segs[1..].to_vec(),
        Some("super") => {
            while segs.first() == Some(&"super") {
                segs.remove(0);
                base.pop();
            }
            [base.clone(), segs].concat()
        }
        Some("self") => [base.clone(), segs[1..].to_vec()].concat(),
        // A folder naming its own module (`layout::LAYOUTS`, `round::Round`).
        Some(first) if folder && modules.contains_key(&join_path(&base, first)) => {
            [base.clone(), segs].concat()
        }
        _ => return None,
    };
    let mut n = absolute.len();
    while n > 0 {
        let m = absolute[..n].join("::");
        if modules.contains_key(&m) {
            return Some(m);
        }
        n -= 1;
    }
    None
}

fn join_path(base: &[&str], last: &str) -> String {
    let mut v = base.to_vec();
    v.push(last);
    v.join("::")
}

fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut graph = BTreeMap::new();
    for (name, m) in &modules {
        let edges: BTreeSet<String> = named_paths(&m.source)
            .iter()
            .filter_map(|p| resolve(p, name, m.folder, &modules))
            .filter(|t| t != name && !t.is_empty())
            .collect();
        graph.insert(name.clone(), edges);
    }
    graph
}

/// Strongly connected parts of more than one module (Tarjan).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on: BTreeSet<&'g str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let l = s.low[w].min(s.low[v]);
                s.low.insert(v, l);
            } else if s.on.contains(w) {
                let l = s.index[w].min(s.low[v]);
                s.low.insert(v, l);
            }
        }
        if s.low[v] == s.index[v] {
            let mut part = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on.remove(w);
                part.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if part.len() > 1 {
                part.sort();
                s.found.push(part);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn no_module_of_src_leads_back_to_itself() {
    let graph = import_graph();
    // The graph is really read: these arrows are in the source.
    for (from, to) in [
        ("check::cells", "extract::derived"),
        ("spec", "extract::layout"),
        ("extract::layout::record_rows", "extract::layout::locate"),
        ("serve::office", "serve::state"),
    ] {
        assert!(
            graph
                .get(from)
                .is_some_and(|e| e.iter().any(|t| t == to || t.starts_with(to))),
            "{from} → {to} not seen: {:?}",
            graph.get(from)
        );
    }
    let found = circles(&graph);
    let shown: Vec<String> = found
        .iter()
        .map(|part| {
            let arrows: Vec<String> = part
                .iter()
                .flat_map(|a| {
                    graph[a]
                        .iter()
                        .filter(|b| part.contains(b))
                        .map(move |b| format!("{a} → {b}"))
                })
                .collect();
            arrows.join(", ")
        })
        .collect();
    assert!(found.is_empty(), "import circles:\n{}", shown.join("\n"));
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.insert("a".into(), ["b".to_string()].into());
    g.insert("b".into(), ["c".to_string()].into());
    g.insert("c".into(), ["a".to_string()].into());
    g.insert("d".into(), ["a".to_string()].into());
    assert_eq!(circles(&g), vec![vec!["a", "b", "c"]]);
    let paths =
        named_paths("use super::{rule::{Code, Sheet}, hints};\nlet x = crate::normalise::fold(y);");
    assert!(
        paths.contains(&"super::rule::Code".to_string()),
        "{paths:?}"
    );
    assert!(paths.contains(&"super::hints".to_string()), "{paths:?}");
    assert!(
        paths.contains(&"crate::normalise::fold".to_string()),
        "{paths:?}"
    );
}

#[test]
fn every_workbook_outside_read_is_opened_from_admitted_bytes() {
    // Readers other than `src/read`'s own take the bytes `read::admit_path` let through.
    let openers = [
        "Xlsx::new(",
        "read_reader(",
        "open_workbook",
        "Xls::new(",
        "Ods::new(",
    ];
    let mut offenders = Vec::new();
    for (name, m) in modules() {
        if name == "read" || name.starts_with("read::") {
            continue;
        }
        for opener in openers {
            if let Some(at) = m.source.find(opener) {
                let admitted = m.source[..at].contains("read::admit_path(");
                if !admitted {
                    offenders.push(format!("{name}: {opener}"));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}
