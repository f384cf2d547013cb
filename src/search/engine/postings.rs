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
