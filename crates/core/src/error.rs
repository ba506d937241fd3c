//! Typed errors. Each variant carries the data a caller needs (file, line, field, account, expected and actual
//! values); the `Display` texts are short, and the CLI is where they become full sentences with advice. Errors that
//! come from a file name the file and, where there is one, the line and the field, because the people fixing a bad
//! shares CSV are committee members, not programmers.

use crate::{calendar::LabelError, decimal::DecimalError, merkle::MerkleError, units::MoneyError};
use alloy_primitives::{Address, U256};
use std::path::PathBuf;

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `bounty-core`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    /// One value in an input file is invalid. `line` is 1-based (the header is line 1 in a CSV).
    #[error("{file}:{line}: field `{field}`: {problem}")]
    Field {
        /// The file (as the user named it).
        file: String,
        /// 1-based line.
        line: u64,
        /// The column or key.
        field: String,
        /// What is wrong with the value.
        problem: FieldProblem,
    },

    /// A CSV file as a whole is unusable (empty, no header, a missing column, no rows).
    #[error("{file}: {problem}")]
    Csv {
        /// The file.
        file: String,
        /// What is wrong with it.
        problem: CsvProblem,
    },

    /// The same account appears on two lines of a shares file; rows are never merged silently.
    #[error("{file}: account {account} appears twice, on line {first_line} and line {second_line}")]
    DuplicateAccount {
        /// The file.
        file: String,
        /// The account.
        account: Address,
        /// Where it first appears.
        first_line: u64,
        /// Where it appears again.
        second_line: u64,
    },

    /// A TOML file does not parse or does not match the schema.
    #[error("{file}: {source}")]
    Toml {
        /// The file.
        file: String,
        /// The parser's error (it names the line and the key).
        #[source]
        source: toml::de::Error,
    },

    /// A program config parses but a value is unusable.
    #[error("{file}: field `{field}`: {problem}")]
    Config {
        /// The config file.
        file: String,
        /// The key, dotted (`rule.rate`).
        field: String,
        /// What is wrong with it.
        problem: ConfigProblem,
    },

    /// Self-reports were given to a program none of whose lines measures hours.
    #[error("program `{program}` has several lines and none measures hours, so no line takes signed reports")]
    NoReportedLine {
        /// The program.
        program: String,
    },

    /// A period outside the program's term.
    #[error("program `{program}` runs {term}: {label} is outside its term")]
    OutsideTerm {
        /// The program.
        program: String,
        /// The period asked for.
        label: crate::calendar::EpochLabel,
        /// Its term, as `lines::Term` displays it ("6 periods from 2023-06 to 2023-11"): error.rs imports no
        /// module that imports it.
        term: String,
    },

    /// A string is not a valid epoch label such as `2026-Q2` or `2026-06`, or not the program's cadence.
    #[error(transparent)]
    Label(#[from] LabelError),

    /// The allocation cannot be computed or turned into a claims file.
    #[error(transparent)]
    Allocation(#[from] AllocationError),

    /// Merkle tree construction, proof or load failed.
    #[error("merkle tree: {0}")]
    Merkle(#[from] MerkleError),

    /// TWAP inputs are inconsistent.
    #[error("price: {0}")]
    Price(#[from] PriceError),

    /// A claims file (or other JSON artifact) does not match its schema. `field` is the JSON path (`claims[2].amount`).
    #[error("{}: field `{field}`: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// JSON path of the offending field (`.` for the document).
        field: String,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },

    /// A published file already exists with different contents; published files are immutable.
    #[error("{}: already exists with different contents; published files are immutable (write a new file)", path.display())]
    AlreadyPublished {
        /// The file.
        path: PathBuf,
    },
}

/// What is wrong with one value of an input file.
#[derive(Debug, thiserror::Error)]
pub enum FieldProblem {
    /// A number that is not an exact non-negative decimal with the allowed precision.
    #[error(transparent)]
    Decimal(#[from] DecimalError),
    /// An account that is not a usable address.
    #[error(transparent)]
    Address(#[from] AddressProblem),
    /// A timestamp that is not unix seconds.
    #[error("`{0}` is not unix seconds")]
    NotUnixSeconds(String),
    /// The CSV reader refused the record (wrong number of fields, bad quoting, not UTF-8).
    #[error("{}", describe_csv(.0))]
    Csv(#[from] csv::Error),
    /// A required column is missing from the header.
    #[error("missing column")]
    MissingColumn,
    /// A required cell is empty.
    #[error("must not be empty")]
    Empty,
    /// A time that is not RFC 3339 with a zone.
    #[error("`{0}` is not a time with a zone: write RFC 3339, e.g. 2026-05-01T10:00:00Z or 2026-05-01T12:00:00+02:00")]
    NotATime(String),
    /// A rating other than good, bad or empty.
    #[error("`{0}` is not a rating: write good, bad, or leave it empty")]
    NotARating(String),
    /// A key that may appear once appears again.
    #[error("{0} is mapped twice: keep one row")]
    Repeated(String),
    /// An adjustment without a reason: the committee never changes a reported value silently.
    #[error("every adjustment needs a reason")]
    MissingReason,
    /// An adjustment for an account that sent no report (the committee CSV is the committee's own statement).
    #[error("{0} sent no report to adjust")]
    NotReported(Address),
}

/// Why a string is not a payable address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressProblem {
    /// The field is empty.
    #[error("missing address")]
    Missing,
    /// Not `0x` followed by 40 hex digits.
    #[error("`{0}` is not an address: expected 0x followed by 40 hex digits")]
    NotHex(String),
    /// Mixed case whose EIP-55 checksum does not match (a likely typo).
    #[error("`{given}` has a wrong EIP-55 checksum (expected {expected})")]
    BadChecksum {
        /// As written.
        given: String,
        /// The checksummed spelling.
        expected: String,
    },
    /// The zero address.
    #[error("the zero address cannot be paid")]
    Zero,
}

/// What is wrong with a CSV file as a whole.
#[derive(Debug, thiserror::Error)]
pub enum CsvProblem {
    /// No header line at all.
    #[error("empty file: expected a header line such as `account,hours,handle,note`")]
    Empty,
    /// The header cannot be read.
    #[error("cannot read the header: {0}")]
    Header(#[source] csv::Error),
    /// The header has no `account` column.
    #[error("missing header: line 1 (`{header}`) has no `account` column")]
    NoAccountColumn {
        /// The first line as read.
        header: String,
    },
    /// The header lacks the column the rule reads.
    #[error("missing measure column `{column}` required by the rule")]
    NoMeasureColumn {
        /// The column the rule needs.
        column: &'static str,
    },
    /// The header lacks a KPI column a `quality` target reads.
    #[error("missing column `{column}`, which the rule's target `{target}` reads (add the column; an empty cell meets no target)")]
    NoKpiColumn {
        /// The KPI column.
        column: &'static str,
        /// The target's config key.
        target: &'static str,
    },
    /// The header lacks a column the file's format requires.
    #[error("missing column `{column}`")]
    MissingColumn {
        /// The column.
        column: &'static str,
    },
    /// A header but no data rows.
    #[error("no rows: the file has a header but no helpers")]
    NoRows,
    /// A price series with no points.
    #[error("no price points")]
    NoPricePoints,
    /// A price series with two prices for one timestamp.
    #[error("two prices for timestamp {0}")]
    DuplicateTimestamp(u64),
}

/// What is wrong with a value of the program config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigProblem {
    /// Exactly one of two keys must be set.
    #[error("set exactly one of `{0}` and `{1}`")]
    OneOf(&'static str, &'static str),
    /// A tip match adds tokens, so the lump sum must be in tokens too.
    #[error("a tip match needs a token budget (`tokens = \"…\"`), not USD")]
    MatchNeedsTokens,
    /// A required text is empty.
    #[error("must not be empty")]
    Empty,
    /// A number over its limit.
    #[error("at most {0}")]
    AtMost(u64),
    /// A number under its limit.
    #[error("must be at least {0}")]
    AtLeast(u64),
    /// Neither `[budget]` and `[rule]` nor `[[line]]` tables.
    #[error("the program pays nothing: give `[budget]` and `[rule]`, or `[[line]]` tables")]
    NoLines,
    /// Both a one-line budget and line tables.
    #[error("give either `[budget]` and `[rule]` (one line) or `[[line]]` tables, not both")]
    LinesAndBudget,
    /// A required key of a one-line program is missing.
    #[error("missing: a one-line program needs both `[budget]` and `[rule]`")]
    Missing,
    /// A line name that is not lower-case letters, digits and `-`.
    #[error("`{0}` is not a line name: use lower-case letters, digits and `-`, starting with a letter")]
    LineName(String),
    /// Two lines of the same name.
    #[error("line `{0}` is named twice (also line[{1}]): each line needs its own name")]
    DuplicateLine(String, usize),
    /// Two lines match the tips: the period's tips would be matched twice.
    #[error("line `{0}` already matches the tips; only one line may (the same tips would be matched twice)")]
    MatchedTwice(String),
    /// The term's first period is not a label of the program's cadence.
    #[error("`{0}` is not a {1} period: a monthly term starts at a month like 2023-06, a quarterly one at 2026-Q2")]
    TermCadence(String, crate::calendar::Cadence),
    /// A `quality` rule with no target: every score would be 0 of 0.
    #[error("a quality rule needs at least one target: `max_first_reply_hours`, `max_resolution_hours` or `min_csat_percent`")]
    NoTargets,
    /// A Discord user id that is not a snowflake.
    #[error("`{0}` is not a Discord user id (the digits Discord shows with Developer Mode on: Copy User ID)")]
    NotSnowflake(String),
    /// One helper under two emojis: their votes would be split.
    #[error("helper {0} already has emoji {1}: give each helper one emoji, or their votes are split")]
    TwoEmojis(String, String),
    /// A day of the month outside 1..=31.
    #[error("{0} is not a day of the month (1 to 31; a day past the month's end means its last day)")]
    DayOfMonth(u32),
    /// The reporting window would close before it opens.
    #[error("the reporting window opens after it closes: make `reports_open_day` at most `reports_close_day`")]
    OpensAfterClose,
    /// The zero address where a contract is needed.
    #[error("must not be the zero address")]
    ZeroAddress,
    /// An amount that does not fit its unit.
    #[error(transparent)]
    Decimal(#[from] DecimalError),
    /// Something is in USD but there is no `[price]` source.
    #[error("the budget or rule is in USD, so a [price] source is required")]
    PriceSourceRequired,
}

/// The lines together pay more than the vault's epoch cap allows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the lines pay {total} base units together ({}), over the epoch cap of {cap} by {excess}: lower a line's budget \
     or give it a `cap` (nothing is scaled across lines)",
    lines.iter().map(|(n, t)| format!("{n} {t}")).collect::<Vec<_>>().join(", ")
)]
pub struct OverEpochCap {
    /// Each line's name and total.
    pub lines: Vec<(String, U256)>,
    /// Their sum.
    pub total: U256,
    /// The vault's epoch cap.
    pub cap: U256,
    /// `total - cap`.
    pub excess: U256,
}

/// Why an allocation or the claims file built from it is refused.
#[derive(Debug, thiserror::Error)]
pub enum AllocationError {
    /// The lines together pay more than the vault's epoch cap.
    #[error(transparent)]
    OverEpochCap(Box<OverEpochCap>),
    /// An amount of the config (`budget`, `rule.rate`, `epoch_cap`) cannot become base units.
    #[error("{field}: {source}")]
    Money {
        /// The config key.
        field: &'static str,
        /// Why.
        #[source]
        source: MoneyError,
    },
    /// A row's measure does not fit the rule's precision.
    #[error("{column} of {account}: {source}")]
    Measure {
        /// The CSV column.
        column: &'static str,
        /// The row's account.
        account: Address,
        /// Why.
        #[source]
        source: DecimalError,
    },
    /// The rule or budget is in USD but no price (usdPerToken) was given, or it is zero.
    #[error("a USD-denominated rule or budget needs a non-zero usdPerToken price")]
    MissingPrice,
    /// Two rows for one account (the CSV parser refuses this first, with line numbers).
    #[error("account {0} appears twice")]
    DuplicateAccount(Address),
    /// An intermediate product exceeds 512 bits or a result exceeds 256 bits.
    #[error("amount too large")]
    Overflow,
    /// Fixed amounts add up to more than the cap and the config does not ask for scaling (base units; the
    /// message also shows whole tokens).
    #[error(
        "fixed amounts total {} tokens, over the cap of {} tokens by {} tokens (base units: {total} > {cap}); \
         lower the plans, raise the budget, or set `scale_to_cap = true`",
        crate::Decimal::from_units(*total, *decimals),
        crate::Decimal::from_units(*cap, *decimals),
        crate::Decimal::from_units(*excess, *decimals)
    )]
    OverCap {
        /// Sum of the fixed amounts.
        total: U256,
        /// The cap that applied.
        cap: U256,
        /// `total - cap`.
        excess: U256,
        /// Token decimals, for the whole-token figures.
        decimals: u8,
    },
    /// Nobody receives anything: there is no tree to post.
    #[error("no account receives anything: there is no tree to post")]
    NothingToPay,
    /// More leaves than the vault's `uint32` count.
    #[error("{0} claims: more than the vault's 2^32 - 1")]
    TooManyClaims(usize),
    /// The total does not fit the vault's `uint128`.
    #[error("total {0} does not fit the vault's uint128")]
    TotalTooLarge(U256),
}

/// Why TWAP inputs are refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    /// The window's end is not after its start.
    #[error("empty window: start {start} is not before end {end}")]
    EmptyWindow {
        /// Start, unix seconds.
        start: u64,
        /// End, unix seconds.
        end: u64,
    },
    /// The tick cumulatives' difference overflows int64.
    #[error("tick cumulative difference overflows")]
    TickOverflow,
    /// A mean or chained tick outside Uniswap's range.
    #[error("tick {0} outside ±887272")]
    TickOutOfRange(i64),
    /// A Uniswap route with no pools.
    #[error("no pools to price through")]
    NoPools,
    /// A pool on the route that does not hold the current token.
    #[error("pool {index} ({token0}/{token1}) does not contain {current}")]
    PoolMismatch {
        /// The pool's position on the route.
        index: usize,
        /// Its token0.
        token0: Address,
        /// Its token1.
        token1: Address,
        /// The token the route has reached.
        current: Address,
    },
    /// A route that does not end at the quote token.
    #[error("the pool route ends at {end}, not at the quote token {quote}")]
    RouteEnd {
        /// Where the route ends.
        end: Address,
        /// The quote stablecoin.
        quote: Address,
    },
    /// The price does not fit 256 bits.
    #[error("price exceeds uint256")]
    Overflow,
    /// Readings out of time order.
    #[error("readings go back in time: {later} after {earlier}")]
    BackInTime {
        /// The earlier-listed timestamp.
        earlier: u64,
        /// The timestamp listed after it.
        later: u64,
    },
    /// No valid reading at or before the window's start.
    #[error("no valid reading at or before the window start {0}")]
    NoReadingAtStart(u64),
    /// Chainlink rounds not in ascending id order.
    #[error("rounds not in ascending id order: {later} (phase {}) after {earlier} (phase {})", later >> 64, earlier >> 64)]
    RoundsOutOfOrder {
        /// The round listed first.
        earlier: u128,
        /// The round listed after it.
        later: u128,
    },
}

/// The CSV reader's refusals as sentences: its own ("found record with 5 fields, but the previous record has 4
/// fields") does not say which of the two is the header, nor the usual cause.
fn describe_csv(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
            "this line has {len} fields but the header has {expected_len} (a value that contains a comma needs double \
             quotes, as in \"node, operator\"; a decimal takes a point: 62.5, not 62,5)"
        ),
        csv::ErrorKind::Utf8 { .. } => "the line is not UTF-8 text: save the file as UTF-8 (CSV UTF-8)".into(),
        _ => e.to_string(),
    }
}
