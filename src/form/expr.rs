//! The small arithmetic a form spec writes its identities in: `a - r1 - r2 - r3`,
//! `total * 1000 / target_count`, `target_count > 0`. Keys name rows of the same table.

use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Key(String),
    /// `sum(items)`: the sum over a group of records the layout defines (the rows above a 合計).
    Sum(String),
    Neg(Box<Expr>),
    Bin(Box<Expr>, Op, Box<Expr>),
}

/// What an expression refers to: one row, or the sum of a group of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref<'a> {
    Key(&'a str),
    Sum(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
}

/// `left op right`, as in a check.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub left: Expr,
    pub cmp: Cmp,
    pub right: Expr,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Sym(char),
    Cmp(Cmp),
}

fn lex(s: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let t: String = chars[start..i].iter().collect();
            out.push(Tok::Num(
                t.parse().map_err(|_| format!("bad number '{t}'"))?,
            ));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else if "+-*/()".contains(c) {
            out.push(Tok::Sym(c));
            i += 1;
        } else if c == '=' {
            out.push(Tok::Cmp(Cmp::Eq));
            i += if chars.get(i + 1) == Some(&'=') { 2 } else { 1 };
        } else if c == '>' || c == '<' {
            let eq = chars.get(i + 1) == Some(&'=');
            out.push(Tok::Cmp(match (c, eq) {
                ('>', false) => Cmp::Gt,
                ('>', true) => Cmp::Ge,
                ('<', false) => Cmp::Lt,
                _ => Cmp::Le,
            }));
            i += if eq { 2 } else { 1 };
        } else {
            return Err(format!("unexpected character '{c}'"));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn expr(&mut self) -> Result<Expr, String> {
        let mut left = self.term()?;
        while let Some(Tok::Sym(c @ ('+' | '-'))) = self.peek().cloned() {
            self.pos += 1;
            let right = self.term()?;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Bin(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }
    fn term(&mut self) -> Result<Expr, String> {
        let mut left = self.factor()?;
        while let Some(Tok::Sym(c @ ('*' | '/'))) = self.peek().cloned() {
            self.pos += 1;
            let right = self.factor()?;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Bin(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }
    fn factor(&mut self) -> Result<Expr, String> {
        let t = self.peek().cloned().ok_or("unexpected end of expression")?;
        self.pos += 1;
        match t {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Ident(k) if self.peek() == Some(&Tok::Sym('(')) => {
                if k != "sum" {
                    return Err(format!("unknown function '{k}' (only sum(group) is known)"));
                }
                let group = match self.toks.get(self.pos + 1) {
                    Some(Tok::Ident(g)) => g.clone(),
                    _ => return Err("sum() takes the name of a group, e.g. sum(items)".into()),
                };
                if self.toks.get(self.pos + 2) != Some(&Tok::Sym(')')) {
                    return Err("missing ')' after sum(group".into());
                }
                self.pos += 3;
                Ok(Expr::Sum(group))
            }
            Tok::Ident(k) => Ok(Expr::Key(k)),
            Tok::Sym('-') => Ok(Expr::Neg(Box::new(self.factor()?))),
            Tok::Sym('(') => {
                let e = self.expr()?;
                match self.peek() {
                    Some(Tok::Sym(')')) => {
                        self.pos += 1;
                        Ok(e)
                    }
                    _ => Err("missing ')'".into()),
                }
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }
}

pub fn parse_expr(s: &str) -> Result<Expr, String> {
    let mut p = Parser {
        toks: lex(s)?,
        pos: 0,
    };
    let e = p.expr()?;
    if p.pos != p.toks.len() {
        return Err(format!("unexpected {:?}", p.toks[p.pos]));
    }
    Ok(e)
}

pub fn parse_comparison(s: &str) -> Result<Comparison, String> {
    let toks = lex(s)?;
    let at = toks
        .iter()
        .position(|t| matches!(t, Tok::Cmp(_)))
        .ok_or("a check needs a comparison (=, >, >=, <, <=)")?;
    let Tok::Cmp(cmp) = toks[at] else {
        unreachable!()
    };
    let mut left = Parser {
        toks: toks[..at].to_vec(),
        pos: 0,
    };
    let mut right = Parser {
        toks: toks[at + 1..].to_vec(),
        pos: 0,
    };
    let l = left.expr()?;
    let r = right.expr()?;
    if left.pos != left.toks.len() || right.pos != right.toks.len() {
        return Err("only one comparison is allowed".into());
    }
    Ok(Comparison {
        left: l,
        cmp,
        right: r,
    })
}

impl Expr {
    pub fn keys(&self, out: &mut BTreeSet<String>) {
        match self {
            Expr::Num(_) | Expr::Sum(_) => {}
            Expr::Key(k) => {
                out.insert(k.clone());
            }
            Expr::Neg(e) => e.keys(out),
            Expr::Bin(a, _, b) => {
                a.keys(out);
                b.keys(out);
            }
        }
    }

    /// The groups summed (`sum(items)` gives `items`).
    pub fn groups(&self, out: &mut BTreeSet<String>) {
        match self {
            Expr::Sum(g) => {
                out.insert(g.clone());
            }
            Expr::Neg(e) => e.groups(out),
            Expr::Bin(a, _, b) => {
                a.groups(out);
                b.groups(out);
            }
            _ => {}
        }
    }

    /// Evaluates with `value(key)`; `None` when a key has no number or a division by zero.
    pub fn eval(&self, value: &dyn Fn(Ref) -> Option<f64>) -> Option<f64> {
        match self {
            Expr::Num(n) => Some(*n),
            Expr::Key(k) => value(Ref::Key(k)),
            Expr::Sum(g) => value(Ref::Sum(g)),
            Expr::Neg(e) => Some(-e.eval(value)?),
            Expr::Bin(a, op, b) => {
                let (x, y) = (a.eval(value)?, b.eval(value)?);
                match op {
                    Op::Add => Some(x + y),
                    Op::Sub => Some(x - y),
                    Op::Mul => Some(x * y),
                    Op::Div => (y != 0.0).then(|| x / y),
                }
            }
        }
    }

    pub fn has_division(&self) -> bool {
        match self {
            Expr::Bin(_, Op::Div, _) => true,
            Expr::Bin(a, _, b) => a.has_division() || b.has_division(),
            Expr::Neg(e) => e.has_division(),
            _ => false,
        }
    }

    /// Renders with a function mapping keys to text (labels, or cell references for Excel).
    pub fn render(&self, name: &dyn Fn(Ref) -> String) -> String {
        match self {
            Expr::Num(n) => crate::read::grid::format_number(*n),
            Expr::Key(k) => name(Ref::Key(k)),
            Expr::Sum(g) => name(Ref::Sum(g)),
            Expr::Neg(e) => format!("-{}", e.render(name)),
            Expr::Bin(a, op, b) => {
                let sym = match op {
                    Op::Add => "+",
                    Op::Sub => "-",
                    Op::Mul => "*",
                    Op::Div => "/",
                };
                let wrap = |e: &Expr| match (op, e) {
                    (Op::Mul | Op::Div, Expr::Bin(_, Op::Add | Op::Sub, _)) => {
                        format!("({})", e.render(name))
                    }
                    (Op::Sub | Op::Div, Expr::Bin(_, _, _)) if std::ptr::eq(e, b.as_ref()) => {
                        format!("({})", e.render(name))
                    }
                    _ => e.render(name),
                };
                format!("{}{}{}", wrap(a), sym, wrap(b))
            }
        }
    }
}

impl Cmp {
    pub fn holds(self, left: f64, right: f64, tolerance: f64) -> bool {
        match self {
            Cmp::Eq => (left - right).abs() <= tolerance + 1e-9,
            Cmp::Gt => left > right,
            Cmp::Ge => left >= right,
            Cmp::Lt => left < right,
            Cmp::Le => left <= right,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Gt => ">",
            Cmp::Ge => "≥",
            Cmp::Lt => "<",
            Cmp::Le => "≤",
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}",
            self.render(&|r| match r {
                Ref::Key(k) => k.to_string(),
                Ref::Sum(g) => format!("sum({g})"),
            })
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(r: Ref) -> Option<f64> {
        match r {
            Ref::Sum("items") => Some(1_379_423.0),
            Ref::Sum(_) => None,
            Ref::Key(k) => named(k),
        }
    }

    fn named(k: &str) -> Option<f64> {
        match k {
            "a" => Some(80_239.0),
            "r1" => Some(32_000.0),
            "r2" => Some(48_239.0),
            "zero" => Some(0.0),
            _ => None,
        }
    }

    #[test]
    fn precedence_and_evaluation() {
        let e = parse_expr("a - r1 - r2").unwrap();
        assert_eq!(e.eval(&vals), Some(0.0));
        let e = parse_expr("818 * 1000 / 101381").unwrap();
        assert!((e.eval(&vals).unwrap() - 8.068).abs() < 0.001);
        assert_eq!(parse_expr("2 + 3 * 4").unwrap().eval(&vals), Some(14.0));
        assert_eq!(parse_expr("(2 + 3) * 4").unwrap().eval(&vals), Some(20.0));
        assert_eq!(parse_expr("a / zero").unwrap().eval(&vals), None);
        assert_eq!(parse_expr("missing + 1").unwrap().eval(&vals), None);
    }

    #[test]
    fn sums_over_groups() {
        let e = parse_expr("sum(items) - a").unwrap();
        assert_eq!(e.eval(&vals), Some(1_379_423.0 - 80_239.0));
        assert_eq!(e.to_string(), "sum(items)-a");
        let mut g = BTreeSet::new();
        e.groups(&mut g);
        assert_eq!(g.into_iter().collect::<Vec<_>>(), vec!["items"]);
        assert!(parse_expr("max(items)").is_err());
        assert!(parse_expr("sum(1)").is_err());
        assert!(parse_expr("sum(items").is_err());
    }

    #[test]
    fn rendering_keeps_meaning() {
        let e = parse_expr("a - (r1 + r2)").unwrap();
        assert_eq!(e.to_string(), "a-(r1+r2)");
        assert_eq!(parse_expr("a - r1 - r2").unwrap().to_string(), "a-r1-r2");
        assert_eq!(
            parse_expr("total * 1000 / n").unwrap().to_string(),
            "total*1000/n"
        );
    }

    #[test]
    fn comparisons_and_errors() {
        let c = parse_comparison("target_count > 0").unwrap();
        assert_eq!(c.cmp, Cmp::Gt);
        assert!(parse_comparison("a + ").is_err());
        assert!(parse_comparison("a").is_err());
        assert!(parse_expr("a $ b").is_err());
        assert!(parse_expr("(a").is_err());
    }
}
