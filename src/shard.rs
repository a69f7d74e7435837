//! Shards: a deterministic share of a corpus for one of N independent machines (a Slurm array
//! task, a Kubernetes indexed job), so that N runs with `--shard 0/N` ... `--shard N-1/N` clean
//! every document exactly once with no coordination. A document belongs to shard
//! `(FNV-1a-64(path) × N) >> 64`, where `path` is the UTF-8 bytes of its path relative to the
//! input folder with `/` between components (the file name when the input is one file). FNV-1a 64
//! is a fixed, published function (offset basis 0xcbf29ce484222325, prime 0x100000001b3), so the
//! assignment is the same on every machine, platform, build and version of `clean`; std's
//! `DefaultHasher` promises none of that. The shard is taken from the high bits of the hash by a
//! multiply and shift rather than `mod N`, because the low bits of FNV-1a are poorly mixed (the
//! lowest is the parity of the bytes): with `mod 2` a corpus can land entirely in one shard.

use std::fmt;
use std::str::FromStr;

use crate::corpus::Plan;

/// Shard `index` of `count` (0-based: `0/3`, `1/3`, `2/3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

/// The 64-bit FNV-1a hash of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(PRIME)
    })
}

impl Shard {
    /// The shard, out of `count`, of the document at relative path `rel` (`/`-separated).
    pub fn of(rel: &str, count: u64) -> u64 {
        ((u128::from(fnv1a64(rel.as_bytes())) * u128::from(count)) >> 64) as u64
    }

    /// True when the document at relative path `rel` (`/`-separated) belongs to this shard.
    pub fn holds(&self, rel: &str) -> bool {
        Shard::of(rel, self.count) == self.index
    }

    /// Keeps in `plan` only the documents of this shard.
    pub fn narrow(&self, plan: &mut Plan) {
        plan.jobs.retain(|job| self.holds(&job.rel));
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N` with `0 <= K < N`.
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}`: a shard is K/N with 0 <= K < N, e.g. 0/4");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published FNV-1a 64 test vectors: the hash must never change, or shards of a corpus cleaned
    /// by two versions of `clean` would overlap and miss documents.
    #[test]
    fn fnv1a64_matches_the_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    /// Shard assignments are part of the interface: a run split over machines with one version
    /// must be completable with another. (Values from an independent implementation.)
    #[test]
    fn assignments_never_change() {
        let got: Vec<u64> = ["000_201d12b6cdebc585.txt", "a/b.jsonl.zst", "tầng/x.txt"]
            .iter()
            .map(|p| Shard::of(p, 1000))
            .collect();
        assert_eq!(got, [948, 772, 653]);
    }

    /// Regression: with `hash mod N`, paths holding each digit twice (`site 7/tầng/7.txt`) all
    /// fell in one shard of 2, as the low bit of FNV-1a is the parity of the bytes.
    #[test]
    fn every_path_is_in_exactly_one_shard_and_shards_are_even() {
        let patterns: [fn(u64) -> String; 3] = [
            |i| format!("site {i}/tầng/{i}.txt"),
            |i| format!("{i:05}.txt"),
            |i| format!("crawl/2024/{}/shard_{i:06}.jsonl.zst", i % 12),
        ];
        for pattern in patterns {
            let paths: Vec<String> = (0..2000).map(pattern).collect();
            for count in [1, 2, 3, 4, 7, 8, 16] {
                let shards: Vec<Shard> = (0..count).map(|index| Shard { index, count }).collect();
                let mut sizes = vec![0; count as usize];
                for p in &paths {
                    let holders: Vec<&Shard> = shards.iter().filter(|s| s.holds(p)).collect();
                    assert_eq!(holders.len(), 1, "{p} in {holders:?}");
                    sizes[holders[0].index as usize] += 1;
                }
                // Even enough: every shard gets at least 3/4 of its share.
                assert!(
                    sizes
                        .iter()
                        .all(|&n| n * 4 * count as usize >= 3 * paths.len()),
                    "{} of {count}: {sizes:?}",
                    paths[0]
                );
            }
        }
    }

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        assert_eq!("0/1".parse(), Ok(Shard { index: 0, count: 1 }));
        for bad in ["3/3", "1/0", "1", "-1/2", "a/b", "1/2/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
