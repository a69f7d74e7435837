//! The large-removal guard. A rule that is slightly too broad does not fail loudly: it quietly
//! eats article text, and across a corpus the loss is only seen much later. Real boilerplate is
//! rarely most of a sizeable document, so a document that would lose more than a set share of its
//! bytes is flagged (in the summary and the report), and in strict mode it fails instead of being
//! written. Small documents are not judged: a short page can legitimately be mostly chrome.

/// Default share of a document's bytes above which cleaning is suspicious. The seeds lose at most
/// about 72% (a page that is mostly trending lists), so 90% leaves room for real pages.
pub const DEFAULT_MAX_SHARE: f64 = 0.9;
/// Default size (bytes of input) a document must exceed before the guard judges it.
pub const DEFAULT_MIN_BYTES: u64 = 1024;

/// When a document's removal is too large to trust, and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RemovalGuard {
    /// Largest share (0..=1) of a document's bytes that cleaning may remove unflagged.
    pub max_share: f64,
    /// Documents of at most this many input bytes are never flagged.
    pub min_bytes: u64,
    /// A flagged document is a failure: reported as an error and not written.
    pub strict: bool,
}

impl Default for RemovalGuard {
    fn default() -> Self {
        RemovalGuard {
            max_share: DEFAULT_MAX_SHARE,
            min_bytes: DEFAULT_MIN_BYTES,
            strict: false,
        }
    }
}

impl RemovalGuard {
    /// True when the document has more than `min_bytes` bytes in and cleaning removes more than
    /// `max_share` of them (`1 - bytes_out / bytes_in`, normalization included).
    pub fn trips(&self, bytes_in: u64, bytes_out: u64) -> bool {
        bytes_in > self.min_bytes && removed_share(bytes_in, bytes_out) > self.max_share
    }
}

/// The share (0..=1) of a document's bytes that cleaning removed; 0 for an empty document.
pub fn removed_share(bytes_in: u64, bytes_out: u64) -> f64 {
    if bytes_in == 0 {
        0.0
    } else {
        bytes_in.saturating_sub(bytes_out) as f64 / bytes_in as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_only_large_documents_that_lose_more_than_the_share() {
        let g = RemovalGuard::default();
        assert!(g.trips(10_000, 500), "95% of a large document");
        assert!(!g.trips(10_000, 1_000), "exactly 90% is allowed");
        assert!(!g.trips(10_000, 2_800), "72%, like a chrome-heavy seed");
        assert!(!g.trips(1_024, 0), "not above the size floor");
        assert!(g.trips(1_025, 0));
        assert!(!g.trips(0, 0));
    }
}
