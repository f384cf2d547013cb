//! Postings: which documents hold a term, and how much it counts in each.
//!
//! A list is sorted by document number and stored as LEB128 varints: the
//! first document number, then the gap to each next one, each followed by
//! one byte of impact. Most gaps fit in one byte, so a posting costs about
//! two bytes (`docs/search-index.md`, "Postings").

/// One document holding a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// The document's quantised BM25F term-frequency part, 1–255.
    pub impact: u8,
}

/// Postings (sorted by `doc`, no repeats) as bytes.
pub fn encode(postings: &[Posting]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(postings.len() * 2);
    let mut previous = None;
    for p in postings {
        let gap = match previous {
            None => p.doc,
            Some(prev) => {
                debug_assert!(p.doc > prev, "postings must be sorted by document, without repeats");
                p.doc - prev
            }
        };
        push_varint(&mut bytes, gap);
        bytes.push(p.impact);
        previous = Some(p.doc);
    }
    bytes
}

/// The inverse of [`encode`]: the Rust twin of the query script's decoder,
/// for the tests.
#[cfg(test)]
pub fn decode(bytes: &[u8]) -> Result<Vec<Posting>, String> {
    let mut postings = Vec::new();
    let mut at = 0;
    let mut doc = 0u32;
    while at < bytes.len() {
        let (gap, next) = read_varint(bytes, at)?;
        doc = if postings.is_empty() {
            gap
        } else {
            doc.checked_add(gap).ok_or("postings: document number overflows")?
        };
        let impact = *bytes.get(next).ok_or_else(|| format!("postings: no impact byte after the gap at byte {at}"))?;
        postings.push(Posting { doc, impact });
        at = next + 1;
    }
    Ok(postings)
}

/// A sorted list of document numbers (filters), as varint gaps.
pub fn encode_docs(docs: &[u32]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(docs.len());
    let mut previous = None;
    for &doc in docs {
        push_varint(&mut bytes, previous.map_or(doc, |prev| doc - prev));
        previous = Some(doc);
    }
    bytes
}

/// How a filter value's documents are written (`docs/search-index.md`,
/// "Filters"): the first byte says which of three forms follows, and each
/// value takes whichever is shortest. Gaps suit a few scattered documents,
/// runs a block of neighbours (every service, every approved guideline),
/// a bitmap a dense scatter (an area with the county-wide services in it):
/// at 100,000 services the filters a services list loads fell from 1.0 MB
/// to a quarter of that.
const SET_GAPS: u8 = 0;
const SET_RUNS: u8 = 1;
const SET_BITMAP: u8 = 2;

/// A sorted, duplicate-free list of document numbers, in its shortest form.
pub fn encode_doc_set(docs: &[u32]) -> Vec<u8> {
    let forms = [(SET_GAPS, encode_docs(docs)), (SET_RUNS, encode_runs(docs)), (SET_BITMAP, encode_bitmap(docs))];
    let (tag, body) = forms.into_iter().min_by_key(|(tag, body)| (body.len(), *tag)).expect("three forms");
    let mut bytes = Vec::with_capacity(body.len() + 1);
    bytes.push(tag);
    bytes.extend(body);
    bytes
}

/// Runs of consecutive documents: the gap before each run (from the end of
/// the last, or from 0), then its length.
fn encode_runs(docs: &[u32]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut next_free = 0;
    let mut i = 0;
    while i < docs.len() {
        let start = docs[i];
        let mut end = i;
        while end + 1 < docs.len() && docs[end + 1] == docs[end] + 1 {
            end += 1;
        }
        push_varint(&mut bytes, start - next_free);
        push_varint(&mut bytes, (end - i + 1) as u32);
        next_free = docs[end] + 1;
        i = end + 1;
    }
    bytes
}

/// The first document, then one bit per document from it (lowest bit first).
fn encode_bitmap(docs: &[u32]) -> Vec<u8> {
    let (Some(&first), Some(&last)) = (docs.first(), docs.last()) else { return Vec::new() };
    let mut bytes = Vec::new();
    push_varint(&mut bytes, first);
    let header = bytes.len();
    bytes.resize(header + ((last - first) / 8 + 1) as usize, 0);
    for &doc in docs {
        let bit = doc - first;
        bytes[header + (bit / 8) as usize] |= 1 << (bit % 8);
    }
    bytes
}

/// The inverse of [`encode_doc_set`].
#[cfg(test)]
pub fn decode_doc_set(bytes: &[u8]) -> Result<Vec<u32>, String> {
    let (&tag, body) = bytes.split_first().ok_or("a filter value with no bytes")?;
    match tag {
        SET_GAPS => decode_docs(body),
        SET_RUNS => {
            let (mut docs, mut at, mut next_free) = (Vec::new(), 0, 0);
            while at < body.len() {
                let (gap, next) = read_varint(body, at)?;
                let (length, next) = read_varint(body, next)?;
                docs.extend(next_free + gap..next_free + gap + length);
                next_free += gap + length;
                at = next;
            }
            Ok(docs)
        }
        SET_BITMAP if body.is_empty() => Ok(Vec::new()),
        SET_BITMAP => {
            let (first, at) = read_varint(body, 0)?;
            let bits = &body[at..];
            Ok((0..bits.len() as u32 * 8)
                .filter(|i| bits[(i / 8) as usize] & (1 << (i % 8)) != 0)
                .map(|i| first + i)
                .collect())
        }
        other => Err(format!("a filter value of unknown form {other}")),
    }
}

/// The inverse of [`encode_docs`].
#[cfg(test)]
pub fn decode_docs(bytes: &[u8]) -> Result<Vec<u32>, String> {
    let mut docs: Vec<u32> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let (gap, next) = read_varint(bytes, at)?;
        docs.push(docs.last().map_or(gap, |prev| prev + gap));
        at = next;
    }
    Ok(docs)
}

pub fn push_varint(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

/// The varints of `bytes`, in order. Unchecked: for bytes this crate wrote
/// and keeps in memory, not for bytes read from outside.
pub fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut value = 0u32;
        let mut shift = 0;
        loop {
            let byte = *bytes.get(at)?;
            at += 1;
            value |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
        }
    })
}

/// The value starting at byte `at`, and where the next thing starts.
#[cfg(test)]
fn read_varint(bytes: &[u8], at: usize) -> Result<(u32, usize), String> {
    let mut value: u32 = 0;
    for (i, &byte) in bytes[at..].iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok((value, at + i + 1));
        }
    }
    Err(format!("postings: the varint at byte {at} does not end within 5 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doc_set_takes_its_shortest_form_and_reads_back() {
        let scattered = vec![3, 900, 70_000];
        let block: Vec<u32> = (1_000..60_000).chain(61_000..62_000).collect();
        let dense: Vec<u32> = (5_000..45_000).filter(|d| d % 3 != 0).collect();
        for (docs, form) in [(scattered, SET_GAPS), (block, SET_RUNS), (dense, SET_BITMAP), (vec![], SET_GAPS)] {
            let bytes = encode_doc_set(&docs);
            assert_eq!(bytes[0], form, "{} documents", docs.len());
            assert_eq!(decode_doc_set(&bytes).unwrap(), docs);
        }
        assert!(encode_doc_set(&(0..100_000).collect::<Vec<_>>()).len() < 8, "a block of every service is a few bytes");
    }

    #[test]
    fn postings_round_trip_through_bytes() {
        let postings = vec![
            Posting { doc: 0, impact: 255 },
            Posting { doc: 1, impact: 1 },
            Posting { doc: 130, impact: 77 },
            Posting { doc: 70_000, impact: 3 },
        ];
        let bytes = encode(&postings);
        assert_eq!(&bytes[..4], &[0, 255, 1, 1], "first doc, then gaps, each with its impact");
        assert_eq!(&bytes[4..7], &[129, 1, 77], "a gap of 129 takes two bytes");
        assert_eq!(decode(&bytes).unwrap(), postings);
        assert_eq!(decode(&[]).unwrap(), vec![]);
    }

    #[test]
    fn broken_postings_are_errors_not_garbage() {
        assert!(decode(&[5]).unwrap_err().contains("no impact byte"));
        assert!(decode(&[0xff, 0xff]).unwrap_err().contains("does not end"));
    }

    #[test]
    fn document_lists_round_trip() {
        let docs = vec![3, 4, 200, 201, 100_000];
        assert_eq!(decode_docs(&encode_docs(&docs)).unwrap(), docs);
    }

    #[test]
    fn varints_read_back_what_was_pushed() {
        let values = [0, 1, 127, 128, 16_383, 16_384, u32::MAX];
        let mut bytes = Vec::new();
        values.iter().for_each(|&v| push_varint(&mut bytes, v));
        assert_eq!(varints(&bytes).collect::<Vec<_>>(), values);
    }
}
