//! BM25F, computed at build time and folded into one byte per posting.
//!
//! The browser would otherwise need every document's field lengths to
//! normalise per-field term frequencies: at 15,000 documents that is tens
//! of kilobytes more on the first query. So the weighted, length-normalised,
//! saturated term frequency is worked out here and quantised to 1–255; the
//! browser multiplies it by the term's idf (`docs/search-index.md`).

/// Title, key terms, summary, body: the order of every per-field array.
pub const FIELDS: [&str; 4] = ["title", "key_terms", "summary", "body"];
/// A word in the title counts eight times one in the body. A service's name,
/// categories and areas are its title and key terms, so they outrank its
/// description, as the issue asks.
pub const WEIGHTS: [f64; 4] = [8.0, 5.0, 3.0, 1.0];
/// Length normalisation per field: short fields are short by design (a
/// title is not better for being terse), so they are normalised less.
pub const B: [f64; 4] = [0.5, 0.5, 0.5, 0.75];
pub const K1: f64 = 1.2;
/// Superseded and withdrawn guidance: still found, below current guidance.
pub const DEMOTED: f64 = 0.4;
pub const IMPACT_SCALE: f64 = 255.0;
/// The share of an impact that says only "the word is in the title". BM25
/// saturates: a service named "Pulmonary rehab, Poole" with the words in its
/// categories and description too scores as high as the guideline titled
/// "Pulmonary rehabilitation referral", so "pulmonary rehab referral" found
/// six services first. A title match kept apart from saturation lets the page
/// whose title holds every word of the query come first.
pub const TITLE_SHARE: f64 = 0.25;

/// A service's, directory's or page's impact for a clinical term: a word
/// in the title or conditions of a current guideline. Where a guideline and
/// a service match such a word about as well (both in the title, both in
/// the body), the guideline comes first: "breathless" listed two services
/// titled "Breathlessness …" above the breathlessness guideline, and ten
/// services above the COPD guideline. Words of service needs ("damp",
/// "homeless", "bridport") name no guideline, so services keep them, and a
/// service that matches far better (its name against a guideline's body)
/// still comes first. 0.8 left "breathless" with a service whose
/// eligibility says "breathlessness" above the COPD guideline, whose body
/// does; the relevance suite scored 0.7 and 0.8 the same.
pub const ELSEWHERE_ON_CLINICAL: f64 = 0.7;

/// How much of its impacts a document keeps for one term.
pub fn doc_scale(demoted: bool, clinical_elsewhere: bool) -> f64 {
    let demote = if demoted { DEMOTED } else { 1.0 };
    let clinical = if clinical_elsewhere { ELSEWHERE_ON_CLINICAL } else { 1.0 };
    demote * clinical
}

/// Average field lengths over the whole index, in words.
#[derive(Debug, Clone, Copy)]
pub struct Averages(pub [f64; 4]);

impl Averages {
    pub fn of(lengths: impl Iterator<Item = [u32; 4]>) -> Self {
        let mut sums = [0f64; 4];
        let mut n = 0f64;
        for l in lengths {
            for (sum, len) in sums.iter_mut().zip(l) {
                *sum += f64::from(len);
            }
            n += 1.0;
        }
        // An empty field everywhere (no summaries) must not divide by zero.
        Averages(sums.map(|s| if n > 0.0 && s > 0.0 { s / n } else { 1.0 }))
    }
}

/// The impact byte of a term in a document with these per-field frequencies
/// and lengths, times `scale` (see [`doc_scale`]); at least 1 whenever the
/// term occurs at all.
pub fn impact(tf: [u32; 4], lengths: [u32; 4], averages: Averages, scale: f64) -> u8 {
    let mut weighted = 0.0;
    for f in 0..4 {
        if tf[f] > 0 {
            let norm = 1.0 - B[f] + B[f] * f64::from(lengths[f]) / averages.0[f];
            weighted += WEIGHTS[f] * f64::from(tf[f]) / norm;
        }
    }
    if weighted == 0.0 {
        return 0;
    }
    let saturated = weighted / (weighted + K1);
    let in_title = if tf[0] > 0 { 1.0 } else { 0.0 };
    let blended = (1.0 - TITLE_SHARE) * saturated + TITLE_SHARE * in_title;
    let scaled = blended * scale * IMPACT_SCALE;
    scaled.ceil().clamp(1.0, IMPACT_SCALE) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    const AVG: Averages = Averages([5.0, 3.0, 20.0, 300.0]);

    #[test]
    fn a_title_word_outweighs_the_same_word_in_the_body() {
        let title = impact([1, 0, 0, 0], [5, 3, 20, 300], AVG, 1.0);
        let body = impact([0, 0, 0, 1], [5, 3, 20, 300], AVG, 1.0);
        let body_thrice = impact([0, 0, 0, 3], [5, 3, 20, 300], AVG, 1.0);
        assert!(title > body_thrice && body_thrice > body, "{title} {body_thrice} {body}");
    }

    #[test]
    fn demoted_documents_and_long_bodies_count_less_but_never_zero() {
        let current = impact([1, 0, 0, 0], [5, 3, 20, 300], AVG, 1.0);
        let demoted = impact([1, 0, 0, 0], [5, 3, 20, 300], AVG, DEMOTED);
        assert!(demoted < current / 2 + 1, "{demoted} {current}");
        let short = impact([0, 0, 0, 1], [5, 3, 20, 100], AVG, 1.0);
        let long = impact([0, 0, 0, 1], [5, 3, 20, 5000], AVG, 1.0);
        assert!(short > long && long >= 1, "{short} {long}");
        assert_eq!(impact([0; 4], [5, 3, 20, 300], AVG, 1.0), 0);
    }

    #[test]
    fn a_title_match_keeps_its_share_when_other_fields_saturate() {
        // A service with the word in its name, categories and description
        // against a guideline with it in its title only: close, title first
        // for both; without the word in the title, saturation alone cannot
        // reach a title match.
        let everywhere = impact([1, 2, 1, 3], [5, 3, 20, 100], AVG, 1.0);
        let title_only = impact([1, 0, 0, 0], [5, 3, 20, 300], AVG, 1.0);
        let not_in_title = impact([0, 9, 9, 40], [5, 3, 20, 300], AVG, 1.0);
        assert!(f64::from(not_in_title) <= (1.0 - TITLE_SHARE) * IMPACT_SCALE + 1.0, "{not_in_title}");
        assert!(title_only > not_in_title && everywhere >= title_only, "{everywhere} {title_only} {not_in_title}");
    }

    #[test]
    fn empty_fields_everywhere_do_not_divide_by_zero() {
        let averages = Averages::of([[2, 0, 0, 10], [4, 0, 0, 30]].into_iter());
        assert_eq!(averages.0, [3.0, 1.0, 1.0, 20.0]);
    }
}
