//! How documents are stored on disk: plain, gzip or zstd compressed, one text document per file or
//! a JSON Lines stream of records, or standard input/output (`-`). ML pipelines move text in all
//! of these, so the corpus pipeline reads and writes them through this module and the cleaning
//! core never sees a byte of container. Compression and format are told from the file name, and an
//! output keeps its input's name, so it keeps its compression too. Outputs to files are written
//! through [`AtomicWriter`]: a temporary file in the target folder, renamed into place only once
//! the whole (compressed) stream is written, so a failed or killed run leaves no partial output.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::corpus::{Job, Output, Plan};
use crate::error::Error;
use crate::jsonl::RecordOptions;

/// The path that stands for standard input (as IN) or standard output (as OUT).
pub const STDIO: &str = "-";

/// How a document is named in messages when it is standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// True when `path` is exactly `-`, standard input or output (`./-` is a file named `-`).
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One text document.
    #[default]
    Text,
    /// JSON Lines: one JSON object per line, each a record with a text field to clean.
    Jsonl,
}

impl Format {
    /// The format a file name announces: JSON Lines when the name, less a final `.gz` or `.zst`,
    /// ends in `.jsonl` or `.ndjson` (any case); text otherwise (standard input included).
    pub fn detect(path: &Path) -> Format {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let stem = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".zst"))
            .unwrap_or(&name);
        if stem.ends_with(".jsonl") || stem.ends_with(".ndjson") {
            Format::Jsonl
        } else {
            Format::Text
        }
    }
}

/// How the bytes of a file are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    /// gzip; concatenated members (as pigz and bgzip write them) are read as one stream.
    Gzip,
    /// Zstandard; concatenated frames are read as one stream.
    Zstd,
}

impl Compression {
    /// The compression a file name announces: gzip for a final `.gz`, zstd for `.zst` (any case),
    /// none otherwise. Standard input and output are never compressed.
    pub fn of(path: &Path) -> Compression {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }
}

/// How the documents of a run are to be read.
#[derive(Debug, Clone, Default)]
pub struct FormatOptions {
    /// The format of every input; `None` tells it from each file name ([`Format::detect`]).
    pub format: Option<Format>,
    /// What to do with the records of JSON Lines inputs.
    pub records: RecordOptions,
}

impl FormatOptions {
    /// The format of the input at `src`.
    pub fn format_of(&self, src: &Path) -> Format {
        self.format.unwrap_or_else(|| Format::detect(src))
    }
}

/// Opens `src` (or standard input for `-`) as a buffered stream of its decompressed bytes.
/// Errors name the path; errors met while reading later come from the stream itself.
pub fn open_input(src: &Path) -> Result<Box<dyn BufRead + Send>, Error> {
    if is_stdio(src) {
        return Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            std::io::stdin(),
        )));
    }
    let file = std::fs::File::open(src).map_err(|e| Error::io(src, e))?;
    let file = BufReader::with_capacity(1 << 16, file);
    Ok(match Compression::of(src) {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(file),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(file).map_err(|e| Error::io(src, e))?,
        )),
    })
}

/// The plan of `clean - OUT`: standard input as one document (or stream) named `-`, written to
/// OUT, a file or `-` for standard output.
pub fn plan_stdin(output: &Path) -> Result<Plan, Error> {
    let dst = if is_stdio(output) {
        Output::Stdout
    } else if output.is_dir() {
        return Err(Error::Usage(format!(
            "{}: IN is `-`, so OUT must be a file or `-`, not a folder",
            output.display()
        )));
    } else {
        Output::File(output.to_path_buf())
    };
    Ok(Plan {
        jobs: vec![Job {
            rel: STDIO.to_string(),
            src: PathBuf::from(STDIO),
            dst,
        }],
        ..Plan::default()
    })
}

/// The name of `src` in messages: the path, or `<stdin>` for `-`.
pub fn display_name(src: &Path) -> String {
    if is_stdio(src) {
        STDIN_NAME.to_string()
    } else {
        src.display().to_string()
    }
}

/// Reads the whole decompressed content of `src` (standard input for `-`).
pub fn read_input(src: &Path) -> Result<Vec<u8>, Error> {
    if !is_stdio(src) && Compression::of(src) == Compression::None {
        // At its size in one read, without the stream's buffer or the seek that finding the
        // size through it costs (a system call per document).
        return std::fs::read(src).map_err(|e| Error::io(src, e));
    }
    let mut bytes = Vec::new();
    open_input(src)?
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(display_name(src), e))?;
    Ok(bytes)
}

/// Writes `bytes` to `dst`, compressed as its name says, atomically (see [`AtomicWriter`]).
pub fn write_output(dst: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut out = AtomicWriter::create(dst)?;
    out.write_all(bytes).map_err(|e| Error::io(dst, e))?;
    out.finish()
}

/// A streaming writer to a file that appears whole or not at all: bytes go, compressed as the
/// destination's name says, into a temporary file in the destination's folder, which
/// [`AtomicWriter::finish`] renames into place. Dropped without `finish` (an error, a panic), the
/// temporary file is removed and the destination is left as it was.
pub struct AtomicWriter {
    dst: std::path::PathBuf,
    encoder: Encoder,
}

enum Encoder {
    Plain(BufWriter<tempfile::NamedTempFile>),
    Gzip(flate2::write::GzEncoder<BufWriter<tempfile::NamedTempFile>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<tempfile::NamedTempFile>>),
}

impl AtomicWriter {
    /// Starts writing `dst`; its folder must exist.
    pub fn create(dst: &Path) -> Result<AtomicWriter, Error> {
        let tmp = crate::staging::create_for(dst)?;
        let file = BufWriter::with_capacity(1 << 16, tmp);
        let encoder = match Compression::of(dst) {
            Compression::None => Encoder::Plain(file),
            Compression::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Encoder::Zstd(
                zstd::stream::write::Encoder::new(file, zstd::DEFAULT_COMPRESSION_LEVEL)
                    .map_err(|e| Error::io(dst, e))?,
            ),
        };
        Ok(AtomicWriter {
            dst: dst.to_path_buf(),
            encoder,
        })
    }

    /// Ends the compressed stream, flushes it and renames the temporary file to the destination.
    pub fn finish(self) -> Result<(), Error> {
        let dst = self.dst;
        let file = match self.encoder {
            Encoder::Plain(f) => Ok(f),
            Encoder::Gzip(e) => e.finish(),
            Encoder::Zstd(e) => e.finish(),
        }
        .map_err(|e| Error::io(&dst, e))?;
        let tmp = file
            .into_inner()
            .map_err(|e| Error::io(&dst, e.into_error()))?;
        tmp.persist(&dst).map_err(|e| Error::io(&dst, e.error))?;
        Ok(())
    }
}

impl Write for AtomicWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.encoder {
            Encoder::Plain(w) => w.write(buf),
            Encoder::Gzip(w) => w.write(buf),
            Encoder::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.encoder {
            Encoder::Plain(w) => w.write_all(buf),
            Encoder::Gzip(w) => w.write_all(buf),
            Encoder::Zstd(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.encoder {
            Encoder::Plain(w) => w.flush(),
            Encoder::Gzip(w) => w.flush(),
            Encoder::Zstd(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_compression_come_from_the_name() {
        for (name, format, compression) in [
            ("a.jsonl", Format::Jsonl, Compression::None),
            ("a.JSONL.gz", Format::Jsonl, Compression::Gzip),
            ("dir.jsonl/a.ndjson.zst", Format::Jsonl, Compression::Zstd),
            ("a.txt", Format::Text, Compression::None),
            ("a.txt.gz", Format::Text, Compression::Gzip),
            ("a.txt.zst", Format::Text, Compression::Zstd),
            ("jsonl", Format::Text, Compression::None),
            ("a.jsonl.bak", Format::Text, Compression::None),
            ("-", Format::Text, Compression::None),
        ] {
            assert_eq!(Format::detect(Path::new(name)), format, "{name}");
            assert_eq!(Compression::of(Path::new(name)), compression, "{name}");
        }
    }

    #[test]
    fn compressed_outputs_round_trip_and_appear_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Tiêu đề\nMột đoạn văn.\n".repeat(1000);
        for name in ["a.txt", "a.txt.gz", "a.jsonl.zst"] {
            let dst = dir.path().join(name);
            let mut w = AtomicWriter::create(&dst).unwrap();
            w.write_all(text.as_bytes()).unwrap();
            assert!(!dst.exists(), "{name} visible before finish");
            w.finish().unwrap();
            assert_eq!(read_input(&dst).unwrap(), text.as_bytes(), "{name}");
        }
        // Really compressed, in the format the name says.
        let gz = std::fs::read(dir.path().join("a.txt.gz")).unwrap();
        assert_eq!(&gz[..2], &[0x1f, 0x8b]);
        let zst = std::fs::read(dir.path().join("a.jsonl.zst")).unwrap();
        assert_eq!(&zst[..4], &[0x28, 0xb5, 0x2f, 0xfd]);
        assert!(zst.len() < text.len() / 10);

        // Abandoned writers leave nothing behind, not even their temporary file.
        let mut w = AtomicWriter::create(&dir.path().join("b.txt.zst")).unwrap();
        w.write_all(b"half").unwrap();
        drop(w);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.jsonl.zst", "a.txt", "a.txt.gz"]);
    }

    #[test]
    fn truncated_compressed_input_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let dst = dir.path().join("t.txt.gz");
        write_output(&dst, &b"some text\n".repeat(10_000)).unwrap();
        let bytes = std::fs::read(&dst).unwrap();
        std::fs::write(&dst, &bytes[..bytes.len() / 2]).unwrap();
        let err = read_input(&dst).unwrap_err().to_string();
        assert!(err.starts_with(&dst.display().to_string()), "{err}");
    }
}
