//! The forum thread, from Discourse's topic JSON (`/t/{id}.json`: `post_stream.posts[]` with `id`, `post_number`,
//! `username`, `created_at`, `cooked` HTML and, when requested, `raw` Markdown; `post_stream.stream[]` listing every
//! post id) and further pages (`/t/{id}/posts.json`). Helpers paste their signed self-report (the report file's JSON)
//! into the period's thread in a code block; this finds each one. Checking it — its signature, its program and
//! period — is the caller's, exactly as for a report file on disk.

use crate::{error::Result, report::ReportFile};
use serde::Deserialize;
use std::{collections::BTreeMap, path::Path};

/// The marker a pasted report carries (its `format`).
const REPORT_MARKER: &str = "support-bounty-report-v1";

#[derive(Deserialize)]
struct Page {
    post_stream: PostStream,
}

#[derive(Deserialize)]
struct PostStream {
    posts: Vec<Post>,
    #[serde(default)]
    stream: Vec<u64>,
}

/// One forum post.
#[derive(Clone, Debug, Deserialize)]
pub struct Post {
    /// The post id.
    pub id: u64,
    /// Its number in the topic.
    pub post_number: u64,
    /// Who posted it.
    pub username: String,
    /// The rendered HTML.
    #[serde(default)]
    pub cooked: String,
    /// The Markdown source, when the export has it.
    #[serde(default)]
    pub raw: Option<String>,
}

/// The thread as read: every post (by id), and the ids the topic's stream lists that no given file contains.
#[derive(Clone, Debug)]
pub struct Thread {
    /// Posts in post-number order.
    pub posts: Vec<Post>,
    /// Listed in `post_stream.stream` but in none of the files: fetch `/t/{id}/posts.json?post_ids[]=…` for them.
    pub missing: Vec<u64>,
}

/// Reads the topic JSON and any further pages of posts.
pub fn read_thread(paths: &[&Path]) -> Result<Thread> {
    let pages = paths.iter().map(|p| crate::files::read_json(p)).collect::<Result<Vec<Page>>>()?;
    Ok(thread_of(pages))
}

/// The thread the pages make together.
fn thread_of(pages: Vec<Page>) -> Thread {
    let mut posts: BTreeMap<u64, Post> = BTreeMap::new();
    let mut stream = Vec::new();
    for page in pages {
        stream.extend(page.post_stream.stream);
        for post in page.post_stream.posts {
            posts.insert(post.id, post);
        }
    }
    stream.sort_unstable();
    stream.dedup();
    let missing = stream.into_iter().filter(|id| !posts.contains_key(id)).collect();
    let mut posts: Vec<Post> = posts.into_values().collect();
    posts.sort_by_key(|p| p.post_number);
    Thread { posts, missing }
}

/// A code block that looks like a report: parsed, or why not.
#[derive(Clone, Debug)]
pub struct Pasted {
    /// The post.
    pub post_number: u64,
    /// Its author.
    pub username: String,
    /// The report, or why the block is not one.
    pub report: std::result::Result<ReportFile, String>,
}

/// Every code block of every post that carries a report's marker, in post order.
pub fn pasted_reports(thread: &Thread) -> Vec<Pasted> {
    let mut out = Vec::new();
    for post in &thread.posts {
        let blocks = match &post.raw {
            Some(raw) => fenced_blocks(raw),
            None => html_code_blocks(&post.cooked),
        };
        for block in blocks.into_iter().filter(|b| b.contains(REPORT_MARKER)) {
            let report = serde_json::from_str::<ReportFile>(&block).map_err(|e| format!("not a report file: {e}"));
            out.push(Pasted { post_number: post.post_number, username: post.username.clone(), report });
        }
    }
    out
}

/// A pasted report as `verify --sources` looks a paid one up: (account, sequence, signature).
pub type PostedReport = (alloy_primitives::Address, u64, alloy_primitives::Bytes);

/// The thread in the Discourse files among `paths` (topic JSON and post pages; other JSON is skipped, since a
/// sources folder also holds other platforms' exports), or `None` when none is one. Every report pasted in it that
/// parses, by [`PostedReport`], with the post number it is in.
pub fn posted_reports(paths: &[&Path]) -> Option<BTreeMap<PostedReport, u64>> {
    // Each file parsed once: those that are not Discourse pages are left out.
    let pages: Vec<Page> = paths.iter().filter_map(|p| crate::files::read_json(p).ok()).collect();
    if pages.is_empty() {
        return None;
    }
    let thread = thread_of(pages);
    let mut posted = BTreeMap::new();
    for pasted in pasted_reports(&thread) {
        if let Ok(file) = pasted.report {
            posted.entry((file.report.account, file.report.sequence, file.signature)).or_insert(pasted.post_number);
        }
    }
    Some(posted)
}

/// The contents of Markdown fenced code blocks (```` ``` ```` or `~~~`, any info string).
fn fenced_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None; // (fence, text)
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match &mut current {
            None if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
                current = Some((trimmed[..3].to_string(), String::new()));
            }
            Some((fence, text)) if trimmed.starts_with(fence.as_str()) => {
                blocks.push(std::mem::take(text));
                current = None;
            }
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// The text of `<code>` elements in Discourse's cooked HTML, with its entities decoded.
// Written by hand: cooked HTML's code blocks are `<pre><code class="lang-json">…</code></pre>` with the five XML
// entities escaped; a full HTML parser would be a dependency for one element.
fn html_code_blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<code") {
        let Some(open_end) = rest[start..].find('>') else { break };
        let body_start = start + open_end + 1;
        let Some(len) = rest[body_start..].find("</code>") else { break };
        blocks.push(unescape(&rest[body_start..body_start + len]));
        rest = &rest[body_start + len + "</code>".len()..];
    }
    blocks
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_from_markdown_and_html() {
        let md = "My hours:\n```json\n{\"a\": 1}\n```\ntext\n~~~\nb\n~~~\n";
        assert_eq!(fenced_blocks(md), ["{\"a\": 1}\n", "b\n"]);
        let html = "<p>x</p><pre><code class=\"lang-json\">{&quot;a&quot;: &quot;&lt;&amp;&gt;&quot;}</code></pre>";
        assert_eq!(html_code_blocks(html), ["{\"a\": \"<&>\"}"]);
    }
}
