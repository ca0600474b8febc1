//! Prints every cell hyoka reads from a workbook: `cargo run --example dump -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    match hyoka::read::read_path(std::path::Path::new(&path), &hyoka::read::Limits::default()) {
        Ok(wb) => {
            for s in &wb.sheets {
                println!(
                    "== {} (visible: {}, merged: {})",
                    s.name,
                    s.visible,
                    s.grid.merged().len()
                );
                for (&(r, c), cell) in s.grid.iter() {
                    println!(
                        "{} {:?} {:?}",
                        hyoka::finding::a1(r, c),
                        cell.value,
                        cell.formula
                    );
                }
            }
        }
        Err(e) => println!("rejected: {e:?}"),
    }
}
