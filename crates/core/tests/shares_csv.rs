//! Strict shares CSV parsing: every error names the file, the line and the column.

use bounty_core::{shares::parse_shares, Error, Measure};

const A: &str = "0xA4c123B1612dd272d1371C17149d439536b3216F";
const B: &str = "0xdAeeb975729fAE923D5A4fd12aAbFe228F219e9C";

fn parse(text: &str, measure: Measure) -> Result<Vec<bounty_core::ShareRow>, Error> {
    parse_shares(text.as_bytes(), "shares.csv", measure, 18)
}

fn err(text: &str) -> String {
    parse(text, Measure::Hours).unwrap_err().to_string()
}

#[test]
fn tolerates_bom_crlf_spaces_blank_lines_and_extra_columns() {
    let text = format!(
        "\u{feff}Account , Hours ,handle,note,extra\r\n\r\n  {A} , 12.5 , alice , hi ,x\r\n\r\n{},3,,,\r\n",
        B.to_lowercase()
    );
    let rows = parse(&text, Measure::Hours).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].value.to_string(), "12.5");
    assert_eq!(rows[0].handle.as_deref(), Some("alice"));
    assert_eq!(rows[0].note.as_deref(), Some("hi"));
    assert_eq!(rows[1].handle, None);
    assert_eq!(rows[0].line, 3);
    assert_eq!(rows[1].line, 5);
}

#[test]
fn errors_name_file_line_and_field() {
    let cases = [
        (format!("account,hours\n{A},1\n0x123,2\n"), "shares.csv:3: field `account`"),
        (format!("account,hours\n{A},1\n{},2\n", B.replace('d', "D")), "wrong EIP-55 checksum"),
        ("account,hours\n0x0000000000000000000000000000000000000000,1\n".to_string(), "zero address"),
        (format!("account,hours\n{A},-1\n"), "shares.csv:2: field `hours`: negative"),
        (format!("account,hours\n{A},abc\n"), "shares.csv:2: field `hours`"),
        (format!("account,hours\n{A},NaN\n"), "not a decimal number"),
        (format!("account,hours\n{A},1.1234567\n"), "7 decimals, at most 6"),
        (format!("account,hours\n{A},\n"), "shares.csv:2: field `hours`: empty value"),
        ("".to_string(), "empty file"),
        (format!("{A},1\n"), "missing header"),
        (format!("account,usd\n{A},1\n"), "missing measure column `hours`"),
        ("account,hours\n".to_string(), "no rows"),
        (format!("account,hours\n{A},1,extra\n"), "shares.csv:2: field `row`"),
    ];
    for (text, expected) in cases {
        let e = err(&text);
        assert!(e.contains(expected), "{text:?}: `{e}` should contain `{expected}`");
    }
}

#[test]
fn duplicate_accounts_report_both_lines() {
    let text = format!("account,hours\n{A},1\n{B},2\n{},3\n", A.to_lowercase());
    match parse(&text, Measure::Hours).unwrap_err() {
        Error::DuplicateAccount { first_line, second_line, file, .. } => {
            assert_eq!((first_line, second_line), (2, 4));
            assert_eq!(file, "shares.csv");
        }
        e => panic!("{e}"),
    }
}

#[test]
fn measures_have_their_own_precision() {
    assert!(parse(&format!("account,votes\n{A},5\n"), Measure::Votes).is_ok());
    assert!(parse(&format!("account,votes\n{A},5.5\n"), Measure::Votes).unwrap_err().to_string().contains("at most 0"));
    assert!(parse(&format!("account,usd\n{A},100.000001\n"), Measure::Usd).is_ok());
    assert!(parse(&format!("account,tokens\n{A},1.000000000000000001\n"), Measure::Tokens).is_ok());
    assert!(parse(&format!("account,tokens\n{A},1.0000000000000000001\n"), Measure::Tokens).is_err());
}
